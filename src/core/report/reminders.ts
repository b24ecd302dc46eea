/**
 * Reminders (issue 5): for every agency that has not reported, whose file could not be used, or whose report
 * still misses tasks, as of the date: the sheet `Đôn đốc`, a draft official letter (.docx, Decree 30/2020/NĐ-CP
 * layout) listing them under "Kính gửi:", and one .eml draft per agency with an email address.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  convertMillimetersToTwip,
} from 'docx';
import type { AgencyResult, Consolidation } from '../consolidate/consolidate';
import { type IsoDate, addDays, daysBetween, formatDateVi } from '../basics/dates';
import { AGENCY_STATUS_LABELS, type Plan } from '../basics/model';
import type { OutSheet } from '../basics/sheets';
import { cleanText, fileStem } from '../basics/text';
import { writeOutSheets } from '../basics/xlsx-write';
import {
  DECREE_30,
  type Letterhead,
  type LetterheadOptions,
  MOTTO,
  NATIONAL_TITLE,
  planCitation,
  recipientLines,
  resolveLetterhead,
} from './letterhead';

export interface ReminderOptions extends LetterheadOptions {
  /** The new date by which the agencies must report (default: 7 days after the as-of date). */
  newDeadline?: IsoDate;
}

export interface ReminderTarget {
  code: string;
  name: string;
  email: string;
  status: AgencyResult['status'];
  /** Days past the deadline as of the date (0 when not yet due). */
  daysOverdue: number;
  /** What is still missing, in words. */
  missing: string;
}

export interface ReminderEmail {
  agencyCode: string;
  to: string;
  fileName: string;
  eml: string;
}

export const REMINDER_SHEET = 'Đôn đốc';

const EMAIL = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;

/** Who must be reminded, and of what. */
export function reminderTargets(c: Consolidation, plan: Plan): ReminderTarget[] {
  const overdue = Math.max(0, daysBetween(c.deadline, c.asOf));
  const title = new Map(plan.tasks.map((t) => [t.code, t.title]));
  const out: ReminderTarget[] = [];
  for (const a of c.agencies) {
    let missing: string | null = null;
    if (a.status === 'missing') missing = 'Chưa gửi báo cáo';
    else if (a.status === 'rejected')
      missing = `Báo cáo đã gửi không sử dụng được${a.reason ? ` (${a.reason.replace(/\.$/, '')})` : ''}; đề nghị gửi lại`;
    else if (a.missingTasks.length > 0) {
      missing = `Còn thiếu ${a.missingTasks.length === 1 ? 'nhiệm vụ' : 'các nhiệm vụ'}: ${a.missingTasks.map((code) => `${code}${title.get(code) ? ` (${shorten(title.get(code)!, 60)})` : ''}`).join('; ')}`;
    }
    if (!missing) continue;
    out.push({
      code: a.code,
      name: a.name.replace(/\s+/g, ' ').trim(),
      email: cleanText(a.email),
      status: a.status,
      daysOverdue: a.status === 'missing' || a.status === 'rejected' ? (a.daysOverdue ?? overdue) : overdue,
      missing,
    });
  }
  return out;
}

/**
 * Agencies that reported late but owe nothing more: listed in the `Đôn đốc` sheet (the clerk's record of who was
 * late as of the date), not addressed in the letter.
 */
export function lateNotices(c: Consolidation, plan: Plan): ReminderTarget[] {
  const owing = new Set(reminderTargets(c, plan).map((t) => t.code));
  return c.agencies
    .filter((a) => a.status === 'late' && !owing.has(a.code))
    .map((a) => ({
      code: a.code,
      name: a.name.replace(/\s+/g, ' ').trim(),
      email: cleanText(a.email),
      status: a.status,
      daysOverdue: a.daysLate ?? 0,
      missing: `Đã nộp muộn ${a.daysLate ?? 0} ngày${a.receivedOn ? ` (nhận ngày ${formatDateVi(a.receivedOn)})` : ''}; không còn thiếu`,
    }));
}

function shorten(text: string, max: number): string {
  const t = cleanText(text);
  return t.length <= max ? t : `${t.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
}

function planReference(plan: Plan): string {
  const date = plan.issuedOn ? ` ngày ${formatDateVi(plan.issuedOn)}` : '';
  const issuer = plan.issuer ? ` của ${plan.issuer}` : '';
  return `Kế hoạch số ${plan.number}${date}${issuer}`;
}

export function reminderSubject(plan: Plan): string {
  return `V/v đôn đốc báo cáo kết quả thực hiện Kế hoạch số ${plan.number}`;
}

// ---------------------------------------------------------------------------------------------
// The letter

const F = DECREE_30.font;
const S = DECREE_30.size;
const half = (pt: number) => pt * 2;
const run = (text: string, size: number, style: { bold?: boolean; italics?: boolean } = {}) =>
  new TextRun({ text, font: F, size: half(size), bold: style.bold, italics: style.italics });
const para = (
  children: TextRun[],
  opts: {
    align?: (typeof AlignmentType)[keyof typeof AlignmentType];
    firstLine?: boolean;
    after?: number;
    before?: number;
    left?: number;
  } = {},
) =>
  new Paragraph({
    children,
    alignment: opts.align ?? AlignmentType.JUSTIFIED,
    spacing: { after: opts.after ?? 120, before: opts.before ?? 0, line: 300 },
    indent: { firstLine: opts.firstLine ? convertMillimetersToTwip(12.7) : undefined, left: opts.left },
  });
const centred = (text: string, size: number, style: { bold?: boolean; italics?: boolean } = {}, after = 0) =>
  para([run(text, size, style)], { align: AlignmentType.CENTER, after });

/** A short horizontal rule, centred: a paragraph border between indents (`share` of the cell width). */
function ruleParagraph(cellTwips: number, share: number): Paragraph {
  const indent = Math.round((cellTwips * (1 - share)) / 2);
  return new Paragraph({
    children: [],
    border: { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    indent: { left: indent, right: indent },
    spacing: { after: 120, line: 120 },
  });
}

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE };

function twoColumns(widths: [number, number], left: Paragraph[], right: Paragraph[]): Table {
  return new Table({
    width: { size: widths[0] + widths[1], type: WidthType.DXA },
    columnWidths: widths,
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          new TableCell({ width: { size: widths[0], type: WidthType.DXA }, children: left, borders: NO_BORDERS }),
          new TableCell({ width: { size: widths[1], type: WidthType.DXA }, children: right, borders: NO_BORDERS }),
        ],
      }),
    ],
  });
}

function targetTable(targets: ReminderTarget[], width: number): Table {
  const widths = [Math.round(width * 0.08), Math.round(width * 0.32), Math.round(width * 0.45)];
  widths.push(width - widths[0] - widths[1] - widths[2]);
  const cell = (
    text: string,
    i: number,
    header = false,
    align: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.LEFT,
  ) =>
    new TableCell({
      width: { size: widths[i], type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      children: [
        para([run(text, S.table, { bold: header })], {
          align: header ? AlignmentType.CENTER : align,
          after: 40,
          before: 40,
        }),
      ],
    });
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: widths,
    borders: BORDERS,
    rows: [
      new TableRow({
        tableHeader: true,
        children: ['STT', 'Cơ quan, đơn vị', 'Nội dung còn thiếu', 'Số ngày quá hạn'].map((h, i) => cell(h, i, true)),
      }),
      ...targets.map(
        (t, i) =>
          new TableRow({
            children: [
              cell(String(i + 1), 0, false, AlignmentType.CENTER),
              cell(t.name, 1),
              cell(t.missing, 2),
              cell(String(t.daysOverdue), 3, false, AlignmentType.CENTER),
            ],
          }),
      ),
    ],
  });
}

function letterDocument(
  c: Consolidation,
  plan: Plan,
  lh: Letterhead,
  targets: ReminderTarget[],
  newDeadline: IsoDate,
): Document {
  const m = DECREE_30.marginsMm;
  const textWidth = convertMillimetersToTwip(210 - m.left - m.right);
  const leftW = Math.round(textWidth * 0.46);
  const rightW = textWidth - leftW;
  const consolidator = plan.consolidator || 'Cơ quan tổng hợp';
  const header = twoColumns(
    [leftW, rightW],
    [
      ...(lh.superiorBody ? [centred(lh.superiorBody, S.superiorBody)] : []),
      centred(lh.issuer, S.issuer, { bold: true }),
      ruleParagraph(leftW, 0.4),
      centred(lh.number, S.number, {}, 60),
      centred(reminderSubject(plan), S.letterSubject),
    ],
    [
      centred(NATIONAL_TITLE, S.nationalTitle, { bold: true }),
      centred(MOTTO, S.motto, { bold: true }),
      ruleParagraph(rightW, 0.62),
      centred(lh.placeDate, S.placeDate, { italics: true }),
    ],
  );

  const body: (Paragraph | Table)[] = [header, new Paragraph({ children: [], spacing: { after: 240 } })];
  if (targets.length <= 12) {
    body.push(
      para([run('Kính gửi:', 14)], { align: AlignmentType.LEFT, left: convertMillimetersToTwip(25), after: 0 }),
    );
    targets.forEach((t, i) =>
      body.push(
        para([run(`- ${t.name}${i === targets.length - 1 ? '.' : ';'}`, 14)], {
          align: AlignmentType.LEFT,
          left: convertMillimetersToTwip(40),
          after: 0,
        }),
      ),
    );
  } else {
    body.push(
      para([run('Kính gửi: Các cơ quan, đơn vị có tên tại danh sách dưới đây.', 14)], {
        align: AlignmentType.CENTER,
        after: 0,
      }),
    );
  }
  body.push(new Paragraph({ children: [], spacing: { after: 120 } }));
  body.push(
    para(
      [
        run(
          `Thực hiện ${planCitation(plan)}, ${consolidator} đã đề nghị các cơ quan, đơn vị, địa phương gửi báo cáo kết quả thực hiện kỳ ${c.period} trước ngày ${formatDateVi(c.deadline)}.`,
          S.body + 1,
        ),
      ],
      { firstLine: true },
    ),
  );
  body.push(
    para(
      [
        run(
          `Đến ngày ${formatDateVi(c.asOf)}, ${consolidator} chưa nhận được báo cáo, hoặc báo cáo chưa đầy đủ, của ${targets.length} cơ quan, đơn vị như sau:`,
          S.body + 1,
        ),
      ],
      { firstLine: true },
    ),
  );
  body.push(targetTable(targets, textWidth));
  body.push(new Paragraph({ children: [], spacing: { after: 120 } }));
  const upward = lh.recipients[0] ? ` báo cáo ${lh.recipients[0]}` : '';
  body.push(
    para(
      [
        run(
          `Để kịp thời tổng hợp${upward}, ${consolidator} đề nghị Quý cơ quan, đơn vị khẩn trương gửi báo cáo về ${consolidator} `,
          S.body + 1,
        ),
        run(`trước ngày ${formatDateVi(newDeadline)}`, S.body + 1, { bold: true }),
        run(` (bằng văn bản và tệp Excel theo mẫu đã gửi kèm Kế hoạch số ${plan.number}).`, S.body + 1),
      ],
      { firstLine: true },
    ),
  );
  body.push(
    para([run(`${consolidator} trân trọng đề nghị Quý cơ quan, đơn vị quan tâm, phối hợp thực hiện./.`, S.body + 1)], {
      firstLine: true,
      after: 240,
    }),
  );

  const recipients = recipientLines(
    lh.recipients.map((r) => `${r} (để báo cáo)`),
    ['Như trên'],
  );
  body.push(
    twoColumns(
      [leftW, rightW],
      [
        para([run('Nơi nhận:', S.recipientsLabel, { bold: true, italics: true })], {
          align: AlignmentType.LEFT,
          after: 0,
        }),
        ...recipients.map((r) => para([run(r, S.recipients)], { align: AlignmentType.LEFT, after: 0 })),
      ],
      [
        ...lh.signerTitleLines.map((t) => centred(t, S.signerTitle + 1, { bold: true })),
        ...[1, 2, 3, 4].map(() => new Paragraph({ children: [], spacing: { after: 240 } })),
        centred(lh.signerName, S.signerName + 1, { bold: true }),
      ],
    ),
  );

  return new Document({
    creator: 'tonghop',
    title: reminderSubject(plan),
    styles: { default: { document: { run: { font: F, size: half(S.body + 1) } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
            margin: {
              top: convertMillimetersToTwip(m.top),
              bottom: convertMillimetersToTwip(m.bottom),
              left: convertMillimetersToTwip(m.left),
              right: convertMillimetersToTwip(m.right),
            },
          },
        },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [PageNumber.CURRENT], font: F, size: half(S.body) })],
              }),
            ],
          }),
          first: new Header({ children: [new Paragraph({ children: [] })] }),
        },
        children: body,
      },
    ],
  });
}

// ---------------------------------------------------------------------------------------------
// The sheet and the emails

function reminderSheet(c: Consolidation, targets: ReminderTarget[], newDeadline: IsoDate): OutSheet {
  return {
    name: REMINDER_SHEET,
    preamble: [
      ['DANH SÁCH CƠ QUAN, ĐƠN VỊ CẦN ĐÔN ĐỐC'],
      [`Kế hoạch số ${c.plan.number}: ${c.plan.title}`],
      [
        `Hạn báo cáo: ${formatDateVi(c.deadline)} — Số liệu đến ngày: ${formatDateVi(c.asOf)} — Hạn mới đề nghị: ${formatDateVi(newDeadline)}`,
      ],
    ],
    table: {
      name: 'DonDoc',
      columns: [
        { header: 'STT', type: 'integer', width: 6 },
        { header: 'Mã đơn vị', type: 'text', width: 12 },
        { header: 'Cơ quan, đơn vị', type: 'text', width: 40 },
        { header: 'Email', type: 'text', width: 28 },
        { header: 'Hạn báo cáo', type: 'date', width: 12 },
        { header: 'Số ngày quá hạn', type: 'integer', width: 10 },
        { header: 'Tình trạng', type: 'text', width: 14 },
        { header: 'Nội dung còn thiếu', type: 'text', width: 60 },
        { header: 'Hạn mới', type: 'date', width: 12 },
      ],
      rows: targets.map((t, i) => [
        i + 1,
        t.code,
        t.name,
        t.email || null,
        { date: c.deadline },
        t.daysOverdue,
        AGENCY_STATUS_LABELS[t.status],
        t.missing,
        { date: newDeadline },
      ]),
      tones: targets.map((t) => (t.status === 'missing' ? 'missing' : t.status === 'rejected' ? 'rejected' : 'late')),
    },
  };
}

function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** RFC 2047 encoded-word for a header with non-ASCII text. */
function encodeHeader(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  return /^[\x20-\x7e]*$/.test(flat) ? flat : `=?UTF-8?B?${base64Utf8(flat)}?=`;
}

function wrap(line: string, width = 76): string[] {
  if (line.length <= width) return [line];
  const out: string[] = [];
  let cur = '';
  for (const word of line.split(' ')) {
    if (cur && cur.length + 1 + word.length > width) {
      out.push(cur);
      cur = word;
    } else cur = cur ? `${cur} ${word}` : word;
  }
  if (cur) out.push(cur);
  return out;
}

export function reminderEmail(
  c: Consolidation,
  plan: Plan,
  t: ReminderTarget,
  newDeadline: IsoDate,
  lh: Letterhead,
): ReminderEmail {
  const consolidator = plan.consolidator || 'Cơ quan tổng hợp';
  const to = t.email.replace(/[\r\n<>]/g, '');
  const lines = [
    `Kính gửi: ${t.name}`,
    '',
    `Thực hiện ${planReference(plan)}, ${consolidator} đã đề nghị các cơ quan, đơn vị gửi báo cáo kết quả thực hiện kỳ ${c.period} trước ngày ${formatDateVi(c.deadline)}.`,
    `Đến ngày ${formatDateVi(c.asOf)}, tình trạng báo cáo của Quý cơ quan, đơn vị: ${t.missing}.`,
    '',
    `Đề nghị Quý cơ quan, đơn vị gửi báo cáo (tệp Excel theo mẫu) về ${consolidator} trước ngày ${formatDateVi(newDeadline)}.`,
    '',
    'Trân trọng./.',
    '',
    `${lh.issuer}`,
  ];
  const body = lines.flatMap((l) => wrap(l)).join('\r\n');
  const headers = [
    `To: ${to}`,
    `Subject: ${encodeHeader(`Đôn đốc báo cáo kết quả thực hiện Kế hoạch số ${plan.number}`)}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: 8bit',
    'X-Unsent: 1',
  ];
  return {
    agencyCode: t.code,
    to,
    fileName: `${fileStem(t.code)}.eml`,
    eml: `${headers.join('\r\n')}\r\n\r\n${body}\r\n`,
  };
}

/** The letter (.docx), the sheet `Đôn đốc` (.xlsx) and the .eml drafts. */
export async function buildReminders(
  c: Consolidation,
  plan: Plan,
  options: ReminderOptions = {},
): Promise<{ docx: Uint8Array; sheet: Uint8Array; emails: ReminderEmail[] }> {
  const lh = resolveLetterhead(plan, options, 'CV', c.asOf.slice(0, 4));
  const newDeadline = options.newDeadline ?? addDays(c.asOf, 7);
  const targets = reminderTargets(c, plan);
  const doc = letterDocument(c, plan, lh, targets, newDeadline);
  const docx = new Uint8Array(await Packer.toArrayBuffer(doc));
  const sheet = await writeOutSheets([reminderSheet(c, [...targets, ...lateNotices(c, plan)], newDeadline)], {
    title: reminderSubject(plan),
  });
  const emails = targets.filter((t) => EMAIL.test(t.email)).map((t) => reminderEmail(c, plan, t, newDeadline, lh));
  return { docx, sheet, emails };
}
