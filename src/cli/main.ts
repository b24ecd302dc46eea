/**
 * tonghop on the command line. The only code that touches files; everything else is src/core. Each command lives in
 * commands/; this module dispatches and runs the life of one run: its interrupts, its temporary folder, the leftovers
 * of killed runs.
 */
import { openReviewItems, planPlaceholders } from '../core';
import { escapeControl, parseCommand } from './commands/args';
import { forgetReplaced, handleInterrupts } from './files/cleanup';
import { cmdConsolidate, printSafe } from './commands/consolidate';
import { CliError, EXIT } from './errors';
import { CHECK_PLAN_HELP, VERSION, programHelp } from './commands/help';
import { forgetInputs } from './files/output-safety';
import { forgetSwept, removeRunTempDir, sweepTempFolder } from './files/leftovers';
import { REMIND_HELP, REPORT_HELP, cmdRemind, cmdReport } from './commands/report';
import { EXTRACT_PLAN_HELP, cmdExtractPlan } from './commands/extract-plan';
import { HISTORY_HELP, cmdHistory } from './commands/history';
import { cmdDemo, cmdSample } from './commands/sample';
import { cmdTemplates } from './commands/templates';
import { loadPlan } from './commands/pipeline';

export { cmdConsolidate };

export const HELP = programHelp(REPORT_HELP + '\n' + REMIND_HELP, EXTRACT_PLAN_HELP, HISTORY_HELP);

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
      return cmdReport(rest);
    case 'remind':
      return cmdRemind(rest);
    case 'extract-plan':
      return cmdExtractPlan(rest);
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

/**
 * Runs one command; returns the exit code (README "Mã thoát"). Ctrl-C and kill remove the temp files; the run's
 * temporary folder goes at the end whatever happens, and the folders of runs killed outright are removed first.
 */
export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  const release = handleInterrupts();
  forgetInputs(); // the inputs of this run only (output-safety.ts)
  forgetReplaced();
  forgetSwept();
  try {
    await sweepTempFolder();
    return await dispatch(cmd, rest);
  } catch (e) {
    if (e instanceof CliError) {
      // a message may quote a name taken from a file: each line printed safely
      console.error(`Lỗi: ${e.message.split('\n').map(escapeControl).join('\n')}`);
      return e.exitCode;
    }
    throw e;
  } finally {
    await removeRunTempDir();
    release();
  }
}
