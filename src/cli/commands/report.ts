/**
 * `tonghop report` (the report workbook sent upward) and `tonghop remind` (the reminder letter, the sheet
 * `Đôn đốc` and one .eml per agency). Flags override the plan's `Kế hoạch` rows; blanks stay dotted.
 */
import * as path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isoDateSchema, todayIso } from '../../core';
import { type LetterheadOptions, buildReminders, buildReportDocx, buildReportWorkbook } from '../../core/report';
import { CliError, writeFileAtomic } from '../files/inputs';
import { overviewText, runConsolidation } from './pipeline';

export const REPORT_HELP = `  tonghop report <plan.xlsx> <thư-mục-báo-cáo> -o bao-cao.xlsx|bao-cao.docx [--as-of YYYY-MM-DD] [--period P]
                 [--superior-body "UBND tỉnh …"] [--issuer "Sở …"] [--number "12/BC-STNMT"]
                 [--place "Sóc Trăng"] [--date YYYY-MM-DD] [--signer-title "KT. GIÁM ĐỐC/PHÓ GIÁM ĐỐC"]
                 [--signer-name "…"] [--recipients "UBND tỉnh; Bộ …"] [--upward-plan "2963/BTNMT-TTTT"]
                 [--agency-code ST] [--workers N]
      Sổ báo cáo gửi cấp trên theo thể thức Nghị định 30/2020/NĐ-CP: trang "Báo cáo" (tiêu đề, tổng quan,
      kết quả từng nhiệm vụ, nơi nhận, chữ ký), "Phụ lục 1" (từng đơn vị), "Phụ lục 2" (theo huyện, khu vực),
      "Phụ lục 3" (đơn vị chưa báo cáo), và một trang ẩn để cấp trên tổng hợp tiếp (tonghop consolidate).
      Các ô để trống được in thành dấu chấm (……) để điền tay. Tham số ghi đè các dòng trong trang "Kế hoạch".
      Với -o bao-cao.docx: cùng nội dung, dạng văn bản Word (không có trang ẩn cho cấp trên).
        --upward-plan   số văn bản, kế hoạch của cấp trên mà báo cáo này trả lời
        --agency-code   mã của cơ quan mình trong kế hoạch của cấp trên

  tonghop remind <plan.xlsx> <thư-mục-báo-cáo> -o don-doc.docx [--as-of YYYY-MM-DD] [--new-deadline YYYY-MM-DD]
                 [--sheet don-doc.xlsx] [--eml-dir thư-mục] [các tham số tiêu đề như "report"]
      Văn bản đôn đốc (.docx) các đơn vị chưa nộp, nộp không hợp lệ hoặc còn thiếu nhiệm vụ; trang "Đôn đốc"
      (.xlsx, mặc định cạnh tệp .docx) và một tệp .eml (thư nháp) cho mỗi đơn vị có email.
        --new-deadline  hạn mới (mặc định: 7 ngày sau --as-of)
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
} as const satisfies NonNullable<ParseArgsConfig['options']>;

function parse<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new CliError(`Tham số không hợp lệ: ${(e as Error).message}\nXem "tonghop --help".`);
  }
}

function dateFlag(name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const parsed = isoDateSchema.safeParse(value);
  if (!parsed.success || Number.isNaN(Date.parse(String(value))))
    throw new CliError(`--${name} phải là ngày dạng YYYY-MM-DD (nhận được "${String(value)}").`);
  return parsed.data;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function letterheadOptions(values: Record<string, unknown>): LetterheadOptions {
  const recipients = text(values.recipients);
  return {
    superiorBody: text(values['superior-body']),
    issuer: text(values.issuer),
    reportNumber: text(values.number),
    place: text(values.place),
    documentDate: dateFlag('date', values.date) ?? null,
    signerTitle: text(values['signer-title']),
    signerName: text(values['signer-name']),
    recipients: recipients
      ? recipients
          .split(/[;\n]+/)
          .map((s) => s.trim())
          .filter(Boolean)
      : undefined,
  };
}

async function consolidateFor(
  values: Record<string, unknown>,
  positionals: string[],
  usage: string,
  outputs: string[],
) {
  if (positionals.length !== 2) throw new CliError(`Cách dùng: ${usage}\nXem "tonghop --help".`);
  const asOf = dateFlag('as-of', values['as-of']) ?? todayIso();
  const period = text(values.period)?.trim() || null;
  const [planPath, dir] = positionals;
  const workersText = text(values.workers);
  if (workersText !== undefined && !/^\d{1,2}$/.test(workersText.trim()))
    throw new CliError(`--workers phải là số luồng (1-64), nhận được "${workersText}".`);
  const workers = workersText === undefined ? undefined : Math.min(64, Math.max(1, Number(workersText)));
  const run = await runConsolidation(planPath, dir, { asOf, period, exclude: outputs, workers });
  for (const w of run.planWarnings) console.error(`Cảnh báo kế hoạch:${w.slice(1)}`);
  if (!values.quiet) console.log(overviewText(run.consolidation));
  return { ...run, planPath };
}

/** The report's format from the output's extension: .xlsx the workbook, .docx the Word document. */
export function reportFormat(out: string): 'xlsx' | 'docx' {
  const ext = path.extname(out).toLowerCase();
  if (ext === '.xlsx' || ext === '.docx') return ext === '.xlsx' ? 'xlsx' : 'docx';
  throw new CliError(
    `Không ghi được báo cáo vào "${out}": chỉ ghi được sổ báo cáo Excel (.xlsx) hoặc văn bản Word (.docx)${ext ? `, không ghi được dạng "${ext}"` : ''}.`,
  );
}

export async function cmdReport(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...LETTERHEAD_FLAGS,
    'upward-plan': { type: 'string' },
    'agency-code': { type: 'string' },
  });
  const usage = 'tonghop report <plan.xlsx> <thư-mục-báo-cáo> -o bao-cao.xlsx|bao-cao.docx [--as-of YYYY-MM-DD]';
  const out = text(values.output);
  if (!out) throw new CliError(`Thiếu -o <tệp báo cáo .xlsx hoặc .docx>. Cách dùng: ${usage}`);
  const format = reportFormat(out);
  const options = {
    ...letterheadOptions(values),
    upwardPlan: text(values['upward-plan']),
    agencyCode: text(values['agency-code']),
  };
  const { plan, consolidation, planPath } = await consolidateFor(values, positionals, usage, [out]);
  const build = format === 'docx' ? buildReportDocx : buildReportWorkbook;
  await writeFileAtomic(out, await build(consolidation, plan, options), [planPath]);
  console.log(
    `${format === 'docx' ? 'Văn bản báo cáo gửi cấp trên' : 'Sổ báo cáo gửi cấp trên'}: ${path.resolve(out)}`,
  );
  return 0;
}

export async function cmdRemind(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...LETTERHEAD_FLAGS,
    'new-deadline': { type: 'string' },
    sheet: { type: 'string' },
    'eml-dir': { type: 'string' },
  });
  const usage =
    'tonghop remind <plan.xlsx> <thư-mục-báo-cáo> -o don-doc.docx [--as-of YYYY-MM-DD] [--new-deadline YYYY-MM-DD]';
  const out = text(values.output);
  if (!out) throw new CliError(`Thiếu -o <tệp văn bản .docx>. Cách dùng: ${usage}`);
  const stem = out.replace(/\.docx$/i, '');
  const sheetOut = text(values.sheet) ?? `${stem}.xlsx`;
  const emlDir = text(values['eml-dir']) ?? `${stem}-eml`;
  const { plan, consolidation, planPath } = await consolidateFor(values, positionals, usage, [out, sheetOut]);
  const { docx, sheet, emails } = await buildReminders(consolidation, plan, {
    ...letterheadOptions(values),
    newDeadline: dateFlag('new-deadline', values['new-deadline']),
  });
  await writeFileAtomic(out, docx, [planPath]);
  await writeFileAtomic(sheetOut, sheet, [planPath]);
  for (const e of emails) await writeFileAtomic(path.join(emlDir, e.fileName), e.eml, [planPath]);
  console.log(`Văn bản đôn đốc: ${path.resolve(out)}`);
  console.log(`Danh sách "Đôn đốc": ${path.resolve(sheetOut)}`);
  console.log(
    emails.length > 0
      ? `Thư nháp (.eml): ${emails.length} tệp trong ${path.resolve(emlDir)}`
      : 'Không có đơn vị nào có email để soạn thư.',
  );
  return 0;
}
