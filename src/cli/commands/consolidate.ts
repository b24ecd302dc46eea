/**
 * `tonghop consolidate`: every option checked and every output placed safely before any file is read; the summary
 * and the JSON of one run written to temp files and renamed last, the JSON naming the summary's SHA-256, so a
 * reader never takes a new summary for the old JSON's; exit 3 with a loud warning when nothing was recognised.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import {
  type Consolidation,
  type Plan,
  type SinceChanges,
  DEFAULT_LIMITS,
  type Limits,
  limitsFrom,
  sinceJson,
  sinceSheet,
  sinceText,
  todayIso,
} from '../../core';
import { dateOption, escapeControl, parseCommand, periodOption, textOption, typedFlag, workersOption } from './args';
import { CliError, EXIT } from '../errors';
import { CONSOLIDATE_HELP } from './help';
import { withOutputs } from '../files/claim';
import { replaceableOutputs } from '../files/known-outputs';
import { loadPlan, overviewText, runConsolidation, type Progress } from './pipeline';
import { changesSince, loadEarlierSummary } from './since';
import { writeConsolidationJson } from '../writers/json-file';
import { openRowSpill } from '../reading/spill';
import { writeSummaryTo } from '../writers/summary-file';
import { linkFolder, linkNote } from './history'; // links back to the source
import { type StagedOutput, commitAll, stageOutput } from '../files/write-out';

const maxFileSizeSchema = z
  .string()
  .trim()
  .regex(/^\d+([.,]\d+)?$/)
  .transform((s) => Number(s.replace(',', '.')))
  .pipe(z.number().positive().max(2000));

export const CONSOLIDATE_SPEC = {
  name: 'consolidate',
  usage:
    'tonghop consolidate <plan.xlsx> <thư-mục-báo-cáo> [--as-of NGÀY] [-o summary.xlsx] [--json summary.json] [--since sổ-trước.xlsx]',
  help: CONSOLIDATE_HELP,
  positionals: 2,
  options: {
    'as-of': { type: 'string' },
    period: { type: 'string' },
    output: { type: 'string', short: 'o' },
    json: { type: 'string' },
    quiet: { type: 'boolean', default: false },
    workers: { type: 'string' },
    'max-file-size': { type: 'string' },
    since: { type: 'string' },
  },
} as const;

/** Prints text that holds names from files, with control characters escaped, line by line. */
export function printSafe(text: string, to: 'out' | 'err' = 'out'): void {
  const safe = text.split('\n').map(escapeControl).join('\n');
  if (to === 'out') console.log(safe);
  else console.error(safe);
}

function progressPrinter(quiet: boolean): Progress | undefined {
  if (quiet) return undefined;
  const tty = process.stderr.isTTY;
  const started = Date.now();
  return (done, total, file) => {
    if (tty) {
      process.stderr.write(`\rĐang đọc ${done}/${total}: ${escapeControl(file).slice(0, 50).padEnd(50)}`);
      if (done === total) process.stderr.write('\n');
    } else if (done === total || done % 25 === 0) {
      process.stderr.write(`Đã đọc ${done}/${total} tệp (${((Date.now() - started) / 1000).toFixed(1)} giây)\n`);
    }
  };
}

function numericOptions(values: Record<string, unknown>): { workers: number | undefined; limits: Limits } {
  const workers = workersOption(values.workers);
  if (values['max-file-size'] !== undefined) {
    const mb = maxFileSizeSchema.safeParse(values['max-file-size']);
    if (!mb.success)
      throw new CliError(
        `--max-file-size phải là số MB lớn hơn 0, tối đa 2000 (nhận được "${escapeControl(String(values['max-file-size']))}").`,
      );
    return {
      workers,
      limits: limitsFrom({ maxFileBytes: Math.max(1, Math.round(mb.data * 1024 * 1024)) }),
    };
  }
  return { workers, limits: DEFAULT_LIMITS };
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The summary workbook, staged (written directly as sheet XML whatever its size: summary-file.ts). */
async function stageSummary(
  c: Consolidation,
  plan: Plan,
  file: string,
  inputs: string[],
  dir: string,
  since: SinceChanges | null,
) {
  const opts = { sourceFolder: linkFolder(file, dir), ...(since ? { since: sinceSheet(since) } : {}) };
  return stageOutput(file, (tmp) => writeSummaryTo(c, plan, tmp, opts), inputs);
}

/** Writes -o and --json together: both staged, then renamed (the JSON last, naming the summary's SHA-256). */
async function writeOutputs(
  c: Consolidation,
  plan: Plan,
  dir: string,
  out?: string,
  jsonOut?: string,
  inputs: string[] = [],
  since: SinceChanges | null = null,
) {
  const staged: StagedOutput[] = [];
  try {
    let summaryFile: { name: string; sha256: string } | undefined;
    if (out) {
      const s = await stageSummary(c, plan, out, inputs, dir, since);
      staged.push(s);
      summaryFile = { name: path.basename(out), sha256: await sha256Of(s.tmp) };
    }
    if (jsonOut) {
      // streamed (json-file.ts): the same text as JSON.stringify(json, null, 2) + '\n', never held whole
      const tail = { summaryFile, since: since ? sinceJson(since) : undefined }; // since: with --since only
      staged.push(await stageOutput(jsonOut, (tmp) => writeConsolidationJson(c, tmp, tail), inputs));
    }
  } catch (e) {
    for (const s of staged) await s.abort();
    throw e;
  }
  commitAll(staged);
  if (out) console.log(`Sổ tổng hợp: ${escapeControl(path.resolve(out))}`);
  if (out) console.log(linkNote(out, dir));
  if (jsonOut) console.log(`JSON: ${escapeControl(path.resolve(jsonOut))}`);
}

/** Exit 3 with a loud warning when the folder held nothing, or nothing recognised as an agency's report. */
export function nothingRecognised(c: Consolidation): number {
  const recognised = c.intake.filter((e) => e.agencyCode !== null).length;
  if (recognised > 0) return EXIT.ok;
  const bar = '!'.repeat(72);
  const why =
    c.intake.length === 0
      ? 'Thư mục báo cáo trống: không có tệp nào.'
      : `Không tệp nào trong ${c.intake.length} tệp của thư mục được nhận ra là báo cáo của một đơn vị trong kế hoạch.`;
  console.error(
    `${bar}\nCẢNH BÁO: ${why}\nMọi đơn vị đều bị tính "Chưa nộp". Hãy kiểm tra đúng thư mục và đúng kế hoạch chưa (mã thoát 3).\n${bar}`,
  );
  return EXIT.nothingRecognised;
}

export async function cmdConsolidate(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv, CONSOLIDATE_SPEC);
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  const asOf = dateOption('as-of', values['as-of']) ?? todayIso();
  const period = periodOption(values.period);
  const { workers, limits } = numericOptions(values);
  const [planPath, dir] = positionals;
  const out = textOption(values.output);
  const jsonOut = textOption(values.json);
  const sincePath = textOption(values.since);
  const outputs = [
    ...(out ? [{ flag: typedFlag(argv, 'output', 'o'), file: out, exts: ['.xlsx'] }] : []),
    ...(jsonOut ? [{ flag: '--json', file: jsonOut, exts: ['.json'] }] : []),
  ];
  // the earlier summary is an input: never written over (the new summary goes beside it)
  const files = sincePath ? [planPath, sincePath] : [planPath];
  const inputs = { files, folders: [dir], isReplaceable: replaceableOutputs() };
  return withOutputs(outputs, inputs, async (claimed) => {
    // --since: refused before the folder is read when it is not a summary of this plan
    const earlier = sincePath ? await loadEarlierSummary(sincePath, (await loadPlan(planPath)).plan) : null;
    // the files' rows wait on disk for the outputs, so memory does not grow with them (removed whatever happens)
    const spill = openRowSpill();
    try {
      const { plan, consolidation, planWarnings } = await runConsolidation(planPath, dir, {
        asOf,
        period,
        exclude: claimed.exclude,
        progress: progressPrinter(Boolean(values.quiet)),
        workers, // undefined: automatic (pool.ts)
        limits,
        keepRows: spill ?? undefined,
      });
      for (const w of planWarnings) printSafe(`Cảnh báo kế hoạch:${w.slice(1)}`, 'err');
      const since = earlier ? changesSince(earlier, consolidation) : null;
      printSafe(overviewText(consolidation));
      if (since) printSafe(`\n${sinceText(since)}`);
      await writeOutputs(consolidation, plan, dir, out, jsonOut, files, since);
      return nothingRecognised(consolidation);
    } finally {
      spill?.close();
    }
  });
}
