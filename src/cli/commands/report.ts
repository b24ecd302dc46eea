/**
 * `tonghop report` (the report workbook sent upward) and `tonghop remind` (the reminder letter, the sheet
 * `Đôn đốc` and one .eml per agency). Flags override the plan's `Kế hoạch` rows; blanks stay dotted. Every option
 * is checked and every output claimed (files/claim.ts) before the folder is read; the outputs of one run are
 * written staged and put in place together.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { type IsoDate, formatDateVi, todayIso } from '../../core';
import { type LetterheadOptions, buildReminders, buildReportDocx, buildReportWorkbook } from '../../core/report';
import { CliError, EXIT } from '../errors';
import { withOutputs } from '../files/claim';
import { replaceableOutputs } from '../files/known-outputs';
import { type OutputSpec, realPathOf } from '../files/output-safety';
import { type StagedOutput, commitAll, stageOutput } from '../files/write-out';
import { repeatable } from '../writers/repeatable';
import { dateOption, escapeControl, parseCommand, periodOption, textOption, typedFlag, workersOption } from './args';
import { overviewText, runConsolidation } from './pipeline';

export const REPORT_HELP = `  tonghop report <plan.xlsx> <thư-mục-báo-cáo> -o bao-cao.xlsx|bao-cao.docx [--as-of NGÀY] [--period NĂM]
                 [--superior-body "UBND tỉnh …"] [--issuer "Sở …"] [--number "12/BC-STNMT"]
                 [--place "Sóc Trăng"] [--date NGÀY] [--signer-title "KT. GIÁM ĐỐC/PHÓ GIÁM ĐỐC"]
                 [--signer-name "…"] [--recipients "UBND tỉnh; Bộ …"] [--upward-plan "2963/BTNMT-TTTT"]
                 [--agency-code ST] [--workers N] [--quiet]
      Sổ báo cáo gửi cấp trên theo thể thức Nghị định 30/2020/NĐ-CP: trang "Báo cáo" (tiêu đề, tổng quan,
      kết quả từng nhiệm vụ, nơi nhận, chữ ký), "Phụ lục 1" (từng đơn vị), "Phụ lục 2" (theo huyện, khu vực),
      "Phụ lục 3" (đơn vị chưa báo cáo), và một trang ẩn để cấp trên tổng hợp tiếp (tonghop consolidate).
      Các ô để trống được in thành dấu chấm (……) để điền tay. Tham số ghi đè các dòng trong trang "Kế hoạch".
      Với -o bao-cao.docx: cùng nội dung, dạng văn bản Word (không có trang ẩn cho cấp trên).
        --upward-plan   số văn bản, kế hoạch của cấp trên mà báo cáo này trả lời
        --agency-code   mã của cơ quan mình trong kế hoạch của cấp trên
`;

export const REMIND_HELP = `  tonghop remind <plan.xlsx> <thư-mục-báo-cáo> -o don-doc.docx [--as-of NGÀY] [--new-deadline NGÀY]
                 [--sheet don-doc.xlsx] [--eml-dir thư-mục] [các tham số tiêu đề như "report"]
      Văn bản đôn đốc (.docx) các đơn vị chưa nộp, nộp không hợp lệ hoặc còn thiếu nhiệm vụ; trang "Đôn đốc"
      (.xlsx, mặc định cạnh tệp .docx) và một tệp .eml (thư nháp) cho mỗi đơn vị có email.
        --new-deadline  hạn mới, sau ngày --as-of (mặc định: 7 ngày sau --as-of)
        --sheet         tệp .xlsx của trang "Đôn đốc" (mặc định: cùng tên với -o, đuôi .xlsx)
        --eml-dir       thư mục ghi thư nháp .eml (mặc định: <tên -o>-eml), không nằm trong thư mục báo cáo
`;

const LETTERHEAD_FLAGS = {
  'as-of': { type: 'string' },
  period: { type: 'string' },
  output: { type: 'string', short: 'o' },
  quiet: { type: 'boolean', default: false },
  workers: { type: 'string' },
  'superior-body': { type: 'string' },
  issuer: { type: 'string' },
  number: { type: 'string' },
  place: { type: 'string' },
  date: { type: 'string' },
  'signer-title': { type: 'string' },
  'signer-name': { type: 'string' },
  recipients: { type: 'string' },
} as const;

/** What report and remind share, every value checked before any file is read. */
interface Common {
  planPath: string;
  dir: string;
  asOf: IsoDate;
  period: string | null;
  workers: number | undefined;
  quiet: boolean;
  letterhead: LetterheadOptions;
  /** The output named by -o/--output, and the option as typed. */
  out: string;
  outFlag: string;
}

function commonOptions(
  command: string,
  argv: string[],
  values: Record<string, unknown>,
  positionals: string[],
  what: string,
): Common {
  const outFlag = typedFlag(argv, 'output', 'o');
  const out = textOption(values.output);
  if (!out) throw new CliError(`Thiếu -o <${what}>. Xem "tonghop ${command} --help".`);
  const recipients = textOption(values.recipients);
  return {
    planPath: positionals[0],
    dir: positionals[1],
    asOf: dateOption('as-of', values['as-of']) ?? todayIso(),
    period: periodOption(values.period),
    workers: workersOption(values.workers),
    quiet: Boolean(values.quiet),
    out,
    outFlag,
    letterhead: {
      superiorBody: textOption(values['superior-body']),
      issuer: textOption(values.issuer),
      reportNumber: textOption(values.number),
      place: textOption(values.place),
      documentDate: dateOption('date', values.date) ?? null,
      signerTitle: textOption(values['signer-title']),
      signerName: textOption(values['signer-name']),
      recipients: recipients
        ?.split(/[;\n]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    },
  };
}

/** Claims the outputs, consolidates the folder (outputs and locks left out of it), then runs `write`. */
async function consolidateAndWrite(
  o: Common,
  outputs: OutputSpec[],
  write: (run: Awaited<ReturnType<typeof runConsolidation>>) => Promise<void>,
): Promise<number> {
  const inputs = { files: [o.planPath], folders: [o.dir], isReplaceable: replaceableOutputs() };
  return withOutputs(outputs, inputs, async (claimed) => {
    const run = await runConsolidation(o.planPath, o.dir, {
      asOf: o.asOf,
      period: o.period,
      exclude: claimed.exclude,
      workers: o.workers,
    });
    for (const w of run.planWarnings) console.error(`Cảnh báo kế hoạch:${escapeControl(w.slice(1))}`);
    if (!o.quiet) console.log(overviewText(run.consolidation));
    await write(run);
    return EXIT.ok;
  });
}

/** The report's format from the output's extension: .xlsx the workbook, .docx the Word document. */
export function reportFormat(out: string, flag = '-o'): 'xlsx' | 'docx' {
  const ext = path.extname(out).toLowerCase();
  if (ext === '.xlsx' || ext === '.docx') return ext === '.xlsx' ? 'xlsx' : 'docx';
  throw new CliError(
    `${flag}: Không ghi được báo cáo vào "${escapeControl(out)}": chỉ ghi được sổ báo cáo Excel (.xlsx) hoặc văn bản Word (.docx)${ext ? `, không ghi được dạng "${escapeControl(ext)}"` : ''}.`,
  );
}

export async function cmdReport(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv, {
    name: 'report',
    usage: 'tonghop report <plan.xlsx> <thư-mục-báo-cáo> -o bao-cao.xlsx|bao-cao.docx [--as-of NGÀY]',
    help: REPORT_HELP,
    positionals: 2,
    options: { ...LETTERHEAD_FLAGS, 'upward-plan': { type: 'string' }, 'agency-code': { type: 'string' } },
  });
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  const o = commonOptions('report', argv, values, positionals, 'tệp báo cáo .xlsx hoặc .docx');
  const options = {
    ...o.letterhead,
    upwardPlan: textOption(values['upward-plan']),
    agencyCode: textOption(values['agency-code']),
  };
  const format = reportFormat(o.out, o.outFlag);
  const outputs = [{ flag: o.outFlag, file: o.out, exts: ['.xlsx', '.docx'] }];
  return consolidateAndWrite(o, outputs, async ({ plan, consolidation }) => {
    const build = format === 'docx' ? buildReportDocx : buildReportWorkbook;
    const bytes = repeatable(await build(consolidation, plan, options), consolidation.asOf);
    commitAll([await stageOutput(o.out, (tmp) => fs.writeFile(tmp, bytes, { flag: 'wx' }), [o.planPath])]);
    const what = format === 'docx' ? 'Văn bản báo cáo gửi cấp trên' : 'Sổ báo cáo gửi cấp trên';
    console.log(`${what}: ${escapeControl(path.resolve(o.out))}`);
  });
}

/** `--eml-dir`: a folder (or nothing yet), not an output of the run, not in the folder the run reads. */
async function checkEmlDir(flag: string, dir: string, targets: string[], readFolder: string): Promise<string> {
  const real = await realPathOf(dir);
  const shown = `${flag} "${escapeControl(dir)}"`;
  const st = await fs.stat(real).catch(() => null);
  if (st && !st.isDirectory())
    throw new CliError(`${shown} đã có và không phải thư mục: hãy chỉ một thư mục (mới hoặc đã có) cho thư nháp .eml.`);
  if (targets.includes(real)) throw new CliError(`${shown} trùng với một tệp kết quả khác: hãy chọn tên khác.`);
  const folder = await realPathOf(readFolder);
  const rel = path.relative(folder, real);
  if (!rel.startsWith('..') && !path.isAbsolute(rel))
    throw new CliError(
      `${shown} nằm trong thư mục báo cáo: lần tổng hợp sau sẽ đọc các thư nháp như báo cáo gửi đến. Hãy chọn thư mục ngoài thư mục báo cáo.`,
    );
  return real;
}

export async function cmdRemind(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv, {
    name: 'remind',
    usage: 'tonghop remind <plan.xlsx> <thư-mục-báo-cáo> -o don-doc.docx [--as-of NGÀY] [--new-deadline NGÀY]',
    help: REMIND_HELP,
    positionals: 2,
    options: {
      ...LETTERHEAD_FLAGS,
      'new-deadline': { type: 'string' },
      sheet: { type: 'string' },
      'eml-dir': { type: 'string' },
    },
  });
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  const o = commonOptions('remind', argv, values, positionals, 'tệp văn bản .docx');
  const newDeadline = dateOption('new-deadline', values['new-deadline']);
  if (newDeadline && newDeadline <= o.asOf)
    throw new CliError(
      `--new-deadline (${formatDateVi(newDeadline)}) phải sau ngày tổng hợp --as-of (${formatDateVi(o.asOf)}): văn bản không được đặt hạn đã qua. Hãy chọn một ngày sau đó.`,
    );
  const stem = o.out.replace(/\.docx$/i, '');
  const sheetOut = textOption(values.sheet) ?? `${stem}.xlsx`;
  const emlDir = textOption(values['eml-dir']) ?? `${stem}-eml`;
  const outputs = [
    { flag: o.outFlag, file: o.out, exts: ['.docx'] },
    { flag: values.sheet ? '--sheet' : `--sheet (mặc định, theo ${o.outFlag})`, file: sheetOut, exts: ['.xlsx'] },
  ];
  const emlFlag = values['eml-dir'] ? '--eml-dir' : `--eml-dir (mặc định, theo ${o.outFlag})`;
  await checkEmlDir(emlFlag, emlDir, [await realPathOf(o.out), await realPathOf(sheetOut)], o.dir);
  return consolidateAndWrite(o, outputs, async ({ plan, consolidation }) => {
    const { docx, sheet, emails } = await buildReminders(consolidation, plan, { ...o.letterhead, newDeadline });
    const staged: StagedOutput[] = [];
    const stage = async (file: string, bytes: Uint8Array | string) =>
      staged.push(await stageOutput(file, (tmp) => fs.writeFile(tmp, bytes, { flag: 'wx' }), [o.planPath]));
    try {
      await stage(o.out, repeatable(docx, consolidation.asOf));
      await stage(sheetOut, repeatable(sheet, consolidation.asOf));
      for (const e of emails) await stage(path.join(emlDir, e.fileName), e.eml);
    } catch (e) {
      for (const s of staged) await s.abort();
      throw e;
    }
    commitAll(staged);
    console.log(`Văn bản đôn đốc: ${escapeControl(path.resolve(o.out))}`);
    console.log(`Danh sách "Đôn đốc": ${escapeControl(path.resolve(sheetOut))}`);
    console.log(
      emails.length > 0
        ? `Thư nháp (.eml): ${emails.length} tệp trong ${escapeControl(path.resolve(emlDir))}`
        : 'Không có đơn vị nào có email để soạn thư.',
    );
  });
}
