/**
 * tonghop on the command line. The only code that touches files; everything else is src/core.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { buildTemplates, openReviewItems, planPlaceholders, todayIso } from '../core';
import { type SampleName, SAMPLE_NAMES, buildSample, sampleIntakeLog } from '../sample/sample';
import { escapeControl, normaliseDateArguments, parseCommand, vietnameseParseError } from './commands/args';
import { handleInterrupts } from './files/cleanup';
import { cmdConsolidate, printSafe } from './commands/consolidate';
import { CliError, EXIT } from './errors';
import { setFileDate, writeFileAtomic } from './files/inputs';
import { CHECK_PLAN_HELP, DEMO_HELP, SAMPLE_HELP, TEMPLATES_HELP, VERSION, programHelp } from './commands/help';
import { forgetInputs, realPathOf } from './files/output-safety';
import { REPORT_HELP, cmdRemind, cmdReport } from './commands/report';
import { EXTRACT_PLAN_HELP, cmdExtractPlan } from './commands/extract-plan';
import { HISTORY_HELP, cmdHistory } from './commands/history';
import { loadPlan } from './commands/pipeline';

export { cmdConsolidate };

export const HELP = programHelp(REPORT_HELP, EXTRACT_PLAN_HELP, HISTORY_HELP);

/** A folder an output goes to: refused when it is a file (before anything is read). */
async function outputFolder(dir: string): Promise<string> {
  const real = await realPathOf(dir);
  const st = await fs.stat(real).catch(() => null);
  if (st && !st.isDirectory())
    throw new CliError(`"${escapeControl(dir)}" đã có và không phải thư mục: hãy chỉ một thư mục (mới hoặc đã có).`);
  return real;
}

async function cmdSample(argv: string[]): Promise<number> {
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
  await outputFolder(dir);
  await outputFolder(path.join(dir, 'submissions'));
  const sample = await buildSample(which.data as SampleName);
  await writeFileAtomic(path.join(dir, 'plan.xlsx'), sample.planBytes);
  const subDir = path.join(dir, 'submissions');
  for (const f of sample.files) {
    const p = path.join(subDir, f.name);
    await writeFileAtomic(p, f.bytes);
    await setFileDate(p, f.receivedOn);
  }
  const log = await sampleIntakeLog(sample);
  if (log) await writeFileAtomic(path.join(subDir, log.name), log.bytes);
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
  return 0;
}

async function cmdTemplates(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv, {
    name: 'templates',
    usage: 'tonghop templates <plan.xlsx> <thư-mục-ra>',
    help: TEMPLATES_HELP,
    positionals: 2,
    options: {},
  });
  if (!parsed) return EXIT.ok;
  const [planPath, outDir] = parsed.positionals;
  await outputFolder(outDir);
  const { plan, warnings } = await loadPlan(planPath);
  for (const w of warnings) printSafe(`Cảnh báo:${w.slice(1)}`, 'err');
  let n = 0;
  for await (const t of buildTemplates(plan)) {
    await writeFileAtomic(path.join(outDir, t.fileName), t.bytes, [planPath]);
    n++;
  }
  console.log(`Đã tạo ${n} mẫu báo cáo trong ${escapeControl(path.resolve(outDir))}`);
  return 0;
}

async function cmdCheckPlan(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv, {
    name: 'check-plan',
    usage: 'tonghop check-plan <plan.xlsx>',
    help: CHECK_PLAN_HELP,
    positionals: 1,
    options: {},
  });
  if (!parsed) return EXIT.ok;
  const { plan, warnings, grid } = await loadPlan(parsed.positionals[0]);
  for (const w of warnings) printSafe(`Cảnh báo:${w.slice(1)}`, 'err');
  const where = (f: { sheet: string; cell: string }) => [f.sheet, f.cell].filter(Boolean).join('!');
  const open = openReviewItems(grid);
  if (open.length > 0)
    printSafe(
      `Còn ${open.length} mục "Cần kiểm tra" (xem lại rồi xóa nội dung ô khi đã xong):\n${open.map((f) => `  - ${where(f)}: ${f.message}`).join('\n')}`,
      'err',
    );
  const placeholders = planPlaceholders(plan, grid);
  if (placeholders.length > 0)
    throw new CliError(
      `Sổ kế hoạch còn là bản nháp, chưa dùng được: ${placeholders.length} dòng tạm cần thay:\n${placeholders.map((f) => `  - ${where(f)}: ${escapeControl(f.message)}`).join('\n')}\nHãy điền thông tin thật rồi chạy lại tonghop check-plan.`,
    );
  printSafe(
    `Sổ kế hoạch hợp lệ: Kế hoạch số ${plan.number}, ${plan.tasks.length} nhiệm vụ, ${plan.indicators.length} chỉ tiêu, ${plan.agencies.length} đơn vị${open.length ? ` (còn ${open.length} mục cần kiểm tra)` : ''}.`,
  );
  return EXIT.ok;
}

async function cmdDemo(argv: string[]): Promise<number> {
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

const OTHER_COMMANDS: Record<string, [(argv: string[]) => Promise<number>, () => string]> = {
  report: [cmdReport, () => REPORT_HELP],
  remind: [cmdRemind, () => REPORT_HELP],
  'extract-plan': [cmdExtractPlan, () => EXTRACT_PLAN_HELP],
};

/** Commands whose parser lives in their own module: their help, dates and messages the same as the others'. */
async function otherCommand(cmd: string, argv: string[]): Promise<number> {
  const [run, help] = OTHER_COMMANDS[cmd];
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(`Cách dùng:\n${help()}`);
    return EXIT.ok;
  }
  try {
    return await run(normaliseDateArguments(argv, todayIso()));
  } catch (e) {
    const plain = e instanceof Error ? vietnameseParseError(e.message, cmd) : null;
    if (plain) throw new CliError(plain);
    throw e;
  }
}

async function dispatch(cmd: string | undefined, rest: string[]): Promise<number> {
  switch (cmd) {
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      console.log(HELP);
      return cmd === undefined ? EXIT.usage : EXIT.ok;
    case '--version':
    case '-v':
      console.log(VERSION);
      return EXIT.ok;
    case 'sample':
      return cmdSample(rest);
    case 'templates':
      return cmdTemplates(rest);
    case 'consolidate':
      return cmdConsolidate(rest);
    case 'check-plan':
      return cmdCheckPlan(rest);
    case 'report':
    case 'remind':
    case 'extract-plan':
      return otherCommand(cmd, rest);
    case 'history':
      return cmdHistory(rest);
    case 'demo':
      return cmdDemo(rest);
    default:
      throw new CliError(
        `Lệnh không có: "${escapeControl(cmd)}". Các lệnh: sample, templates, consolidate, check-plan, report, remind, extract-plan, history, demo. Xem "tonghop --help".`,
      );
  }
}

/** Runs one command; returns the exit code (README "Mã thoát"). Ctrl-C and kill remove the temp files. */
export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  const release = handleInterrupts();
  forgetInputs(); // the inputs of this run only (output-safety.ts)
  try {
    return await dispatch(cmd, rest);
  } catch (e) {
    if (e instanceof CliError) {
      console.error(`Lỗi: ${escapeControl(e.message)}`); // a message may quote a name taken from a file
      return e.exitCode;
    }
    throw e;
  } finally {
    release();
  }
}
