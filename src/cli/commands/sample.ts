/**
 * `tonghop sample <thư-mục>` (a plan and the reports of its agencies, with the dates they were received) and
 * `tonghop demo` (the sample, then consolidate). Files already there are replaced only when they are tonghop's own
 * and unchanged (an earlier sample); the sample's files are the same bytes on every run.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { type SampleName, SAMPLE_NAMES, buildSample, sampleIntakeLog } from '../../sample/sample';
import { CliError, EXIT } from '../errors';
import { setFileDate } from '../files/inputs';
import { notOurs, sealed } from '../files/known-outputs';
import { lockOutputs } from '../files/lock';
import { checkOutputs } from '../files/output-safety';
import { commitAll, stageOutput } from '../files/write-out';
import { repeatable } from '../writers/repeatable';
import { escapeControl, parseCommand } from './args';
import { cmdConsolidate } from './consolidate';
import { DEMO_HELP, SAMPLE_HELP } from './help';
import { outputFolder, refuseNotOurs } from './templates';

async function writeSample(dir: string, which: SampleName): Promise<Awaited<ReturnType<typeof buildSample>>> {
  const realDir = await outputFolder(dir);
  await outputFolder(path.join(dir, 'submissions'));
  const sample = await buildSample(which);
  const subDir = path.join(dir, 'submissions');
  const log = await sampleIntakeLog(sample);
  const same = (b: Uint8Array) => repeatable(b, sample.asOf) as Uint8Array;
  // the plan and the register are sealed (a later sample may replace them if unchanged); the agencies' reports are
  // not: they stand for reports sent back, which `templates` must never take for its own
  const files = [
    { file: path.join(dir, 'plan.xlsx'), bytes: sealed(same(sample.planBytes)), receivedOn: null as string | null },
    ...sample.files.map((f) => ({ file: path.join(subDir, f.name), bytes: same(f.bytes), receivedOn: f.receivedOn })),
    ...(log ? [{ file: path.join(subDir, log.name), bytes: sealed(same(log.bytes)), receivedOn: null }] : []),
  ];
  await checkOutputs(
    files.map((f) => ({ flag: '<thư-mục>', file: f.file })),
    { files: [], folders: [] },
  );
  const locks = await lockOutputs([{ flag: '<thư-mục>', file: dir, target: realDir }]);
  try {
    refuseNotOurs(await notOurs(files), `Thư mục "${escapeControl(dir)}"`);
    for (const f of files) {
      commitAll([await stageOutput(f.file, (tmp) => fs.writeFile(tmp, f.bytes, { flag: 'wx' }))]);
      if (f.receivedOn) await setFileDate(f.file, f.receivedOn);
    }
  } finally {
    await locks.release();
  }
  return sample;
}

export async function cmdSample(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv, {
    name: 'sample',
    usage: 'tonghop sample <thư-mục> [--plan soc-trang|ha-tinh]',
    help: SAMPLE_HELP,
    positionals: 1,
    options: { plan: { type: 'string', default: 'soc-trang' } },
  });
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  const which = z.enum(SAMPLE_NAMES).safeParse(values.plan);
  if (!which.success)
    throw new CliError(
      `--plan phải là một trong: ${SAMPLE_NAMES.join(', ')} (nhận được "${escapeControl(String(values.plan))}").`,
    );
  const dir = positionals[0];
  const sample = await writeSample(dir, which.data as SampleName);
  const s = sample.story;
  console.log(
    `Đã ghi bộ mẫu "${sample.name}" (Kế hoạch số ${sample.plan.number}) vào ${escapeControl(path.resolve(dir))}`,
  );
  console.log(
    `  plan.xlsx: ${sample.plan.tasks.length} nhiệm vụ, ${sample.plan.indicators.length} chỉ tiêu, ${sample.plan.agencies.length} đơn vị`,
  );
  console.log(
    `  submissions/: ${sample.files.length} tệp — đúng hạn ${s.onTime.length}, muộn ${Object.keys(s.late).length}, không nộp ${s.missing.length}, tệp lỗi hoặc lộn xộn ${Object.keys(s.messy).length}`,
  );
  console.log(`  Ngày tổng hợp gợi ý: --as-of ${sample.asOf}`);
  return EXIT.ok;
}

export async function cmdDemo(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv, {
    name: 'demo',
    usage: 'tonghop demo [thư-mục]',
    help: DEMO_HELP,
    positionals: [0, 1],
    options: {},
  });
  if (!parsed) return EXIT.ok;
  const dir = path.resolve(parsed.positionals[0] ?? path.join(process.cwd(), 'out', 'demo'));
  await cmdSample([dir]);
  console.log('');
  const sample = await buildSample('soc-trang');
  const out = path.join(dir, 'tong-hop.xlsx');
  await cmdConsolidate([
    path.join(dir, 'plan.xlsx'),
    path.join(dir, 'submissions'),
    '--as-of',
    sample.asOf,
    '-o',
    out,
    '--json',
    path.join(dir, 'tong-hop.json'),
    '--quiet',
  ]);
  console.log('');
  console.log(`Kết quả: mở ${escapeControl(out)}`);
  return EXIT.ok;
}
