/**
 * One measurement, in its own process so that its peak RSS is its own, `runs` times; reports over IPC.
 * - mode 'tonghop' (b): tonghop's whole job through the CLI's code path (runConsolidation: plan, folder, pool,
 *   recognise, validate, consolidate; then the overview text and the summary workbook written to disk);
 * - mode 'bare' (a): `new ExcelJS.Workbook().xlsx.load(buffer)` of every file one after another, on buffers read
 *   beforehand (not timed).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { overviewText, runConsolidation } from '../src/cli/commands/pipeline';
import { linkFolder } from '../src/cli/commands/history';
import { writeSummaryFile } from '../src/cli/writers/summary-file';
import { openRowSpill } from '../src/cli/reading/spill';

export const childArgsSchema = z.object({
  planPath: z.string(),
  dir: z.string(),
  asOf: z.string(),
  workers: z.number().int().min(1),
  runs: z.number().int().min(1),
  outDir: z.string(),
  /** 'cli': the CLI's summary writer (the measure); 'stream': the same, always streamed (what-if). */
  writer: z.enum(['cli', 'stream']).default('cli'),
  mode: z.enum(['tonghop', 'bare']).default('tonghop'),
});
export type ChildArgs = z.input<typeof childArgsSchema>;

export const childRunSchema = z.object({
  totalMs: z.number(),
  readMs: z.number(),
  writeMs: z.number(),
  /** CPU time of the process, all threads (user + system), during the run: what the job costs whatever the load. */
  cpuMs: z.number(),
  files: z.number(),
  summaryBytes: z.number(),
});
export const childReportSchema = z.object({ runs: z.array(childRunSchema), maxRssMb: z.number() });
export type ChildReport = z.infer<typeof childReportSchema>;
/** Sent before each phase, so that a child that dies can be said to have died reading or writing. */
export const childPhaseSchema = z.object({ phase: z.enum(['read', 'write']) });
const phase = (p: z.infer<typeof childPhaseSchema>['phase']) => process.send?.({ phase: p });

async function bare(args: z.infer<typeof childArgsSchema>): Promise<ChildReport['runs']> {
  const names = (await fs.readdir(args.dir)).filter((f) => f.endsWith('.xlsx')).sort();
  const buffers = await Promise.all(names.map((f) => fs.readFile(path.join(args.dir, f))));
  const runs: ChildReport['runs'] = [];
  for (let r = 0; r < args.runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (const b of buffers) await new ExcelJS.Workbook().xlsx.load(b as unknown as ArrayBuffer);
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    runs.push({
      totalMs: ms,
      readMs: ms,
      writeMs: 0,
      cpuMs: (cpu.user + cpu.system) / 1000,
      files: buffers.length,
      summaryBytes: 0,
    });
  }
  return runs;
}

async function main(): Promise<void> {
  const args = childArgsSchema.parse(JSON.parse(process.argv[2] ?? '{}'));
  if (args.mode === 'bare') {
    const report: ChildReport = { runs: await bare(args), maxRssMb: process.resourceUsage().maxRSS / 1024 };
    if (process.send) process.send(report);
    else console.log(JSON.stringify(report, null, 2));
    return;
  }
  const runs: ChildReport['runs'] = [];
  const out = path.join(args.outDir, `tong-hop-${process.pid}.xlsx`);
  for (let r = 0; r < args.runs; r++) {
    phase('read');
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    // the files' rows wait in a temporary file until the summary is written, as in `tonghop consolidate`
    const spill = openRowSpill();
    let t1: number;
    let size: number;
    let files: number;
    try {
      const { plan, consolidation } = await runConsolidation(args.planPath, args.dir, {
        asOf: args.asOf,
        workers: args.workers,
        exclude: [out],
        keepRows: spill ?? undefined,
      });
      t1 = performance.now();
      files = consolidation.intake.length;
      phase('write');
      overviewText(consolidation);
      size = (
        await writeSummaryFile(
          consolidation,
          plan,
          out,
          [args.planPath],
          // the links back to the source folder, as `tonghop consolidate -o` writes them
          { sourceFolder: linkFolder(out, args.dir) },
        )
      ).bytes;
    } finally {
      spill?.close();
    }
    const t2 = performance.now();
    const cpu = process.cpuUsage(c0);
    runs.push({
      totalMs: t2 - t0,
      readMs: t1 - t0,
      writeMs: t2 - t1,
      cpuMs: (cpu.user + cpu.system) / 1000,
      files,
      summaryBytes: size,
    });
  }
  await fs.rm(out, { force: true });
  const report: ChildReport = { runs, maxRssMb: process.resourceUsage().maxRSS / 1024 };
  if (process.send) process.send(report);
  else console.log(JSON.stringify(report, null, 2));
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exitCode = 2;
  });
}
