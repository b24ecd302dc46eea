/**
 * The report workbook sent upward (issue 5): sheet `Báo cáo` laid out after Decree 30/2020/NĐ-CP (letterhead,
 * title, body with the overview and per-task results, recipients, signature), appendices `Phụ lục 1` (per
 * agency), `Phụ lục 2` (per district or area), `Phụ lục 3` (agencies not reporting), and a hidden data sheet
 * that one level up reads. Every text from plans and submissions is written as a string cell.
 */
import ExcelJS from 'exceljs';
import type { AgencyResult, Consolidation, GroupCounts } from '../consolidate/consolidate';
import { type IsoDate, formatDateVi, toUtcDate } from '../basics/dates';
import { AGENCY_STATUS_LABELS, AGGREGATE_LABELS, type Plan, TASK_STATUS_LABELS } from '../basics/model';
import { cleanText, formatNumberVi } from '../basics/text';
import { workbookBytes } from '../basics/xlsx-write';
import { REPORT_DATA_SHEET, reportData, reportDataRows } from './hidden';
import {
  DECREE_30,
  DOTS,
  type Letterhead,
  type LetterheadOptions,
  MOTTO,
  NATIONAL_TITLE,
  planCitation,
  recipientLines,
  resolveLetterhead,
} from './letterhead';
import { VI_NUMBER_FORMATS } from '../basics/number-formats';

export interface ReportOptions extends LetterheadOptions {
  /** The superior's plan or letter this report answers (written to the hidden sheet for one level up). */
  upwardPlan?: string;
  /** This body's code in the superior's plan (hidden sheet), when known. */
  agencyCode?: string;
}

export const REPORT_SHEETS = {
  report: 'Báo cáo',
  byAgency: 'Phụ lục 1',
  byArea: 'Phụ lục 2',
  notReporting: 'Phụ lục 3',
} as const;

/** vi-VN number formats (basics/number-formats.ts). */
export const NUMBER_FORMATS = VI_NUMBER_FORMATS;

const MM_PER_INCH = 25.4;
const F = DECREE_30.font;
const S = DECREE_30.size;

type Font = Partial<ExcelJS.Font>;
const font = (size: number, style: { bold?: boolean; italic?: boolean } = {}): Font => ({
  name: F,
  size,
  bold: style.bold ?? false,
  italic: style.italic ?? false,
});

const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const BOX: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** Column widths of `Báo cáo` (A..H): left block A:C with B centred in it, right block D:H with E:G centred. */
/**
 * `Báo cáo` is laid on a grid of 18 equal columns (A..R, 90 units ≈ the 165 mm between the margins), so that each
 * block and each rule can be centred where the decree puts it: the left block (superior and issuing body, number,
 * Nơi nhận) on columns 1-7 with its short rule on 3-5 (about half of the issuing body's line); the right block
 * (national title, motto, place and date, signature) on 8-18 with the motto's rule on 10-16 (as long as the motto);
 * the rule under the subject on 8-11, centred on the page. Tables span columns.
 */
const GRID = 18;
const REPORT_WIDTHS = Array.from({ length: GRID }, () => 5);
const LEFT = [1, 7] as const;
const RIGHT = [8, GRID] as const;
const RULES = { issuer: [3, 5], motto: [10, 16], subject: [8, 11] } as const;

/** Estimated printed lines of a text in a width (Excel width units) at a font size. */
export function estimateLines(text: string, widthUnits: number, size: number, bold = false): number {
  // calibrated on LibreOffice's rendering of Times New Roman (Liberation Serif metrics): ~1.2 characters per unit at 13 pt
  // (minus 2 characters lost to word wrapping at the end of a line)
  const perLine = Math.max(4, Math.floor((widthUnits * 1.2 * 13) / size / (bold ? 1.08 : 1)) - 2);
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / perLine)), 0);
}

function lineHeight(size: number): number {
  return Math.round(size * 1.45 * 10) / 10;
}

function pageSetup(ws: ExcelJS.Worksheet, orientation: 'portrait' | 'landscape'): void {
  const m = DECREE_30.marginsMm;
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: false,
    margins: {
      top: m.top / MM_PER_INCH,
      bottom: m.bottom / MM_PER_INCH,
      left: m.left / MM_PER_INCH,
      right: m.right / MM_PER_INCH,
      // the page number sits in the top margin (LibreOffice, when it saves the file again, writes the top
      // margin as about 15 mm because it counts the header inside it; Excel keeps 20 mm)
      header: 10 / MM_PER_INCH,
      footer: 10 / MM_PER_INCH,
    },
  };
  // The issue asks for page numbers in the footer (Decree 30, Appendix I, I.7 puts them top centre from page 2;
  // the issue is newer and stands): centred, "Trang N/M", on every page.
  ws.headerFooter = {
    differentFirst: false,
    oddHeader: '',
    oddFooter: `&C&"${F},Regular"&${S.body - 1}Trang &P/&N`,
  };
  ws.views = [{ showGridLines: false, zoomScale: 100 }];
}

function colSpanWidth(widths: number[], from: number, to: number): number {
  return widths.slice(from - 1, to).reduce((s, w) => s + w, 0);
}

/** Writes a text (always a string cell) into a merged range, with font and alignment. */
function put(
  ws: ExcelJS.Worksheet,
  row: number,
  from: number,
  to: number,
  text: string,
  f: Font,
  align: Partial<ExcelJS.Alignment> = { horizontal: 'center', vertical: 'top', wrapText: true },
): ExcelJS.Cell {
  if (to > from) ws.mergeCells(row, from, row, to);
  const cell = ws.getCell(row, from);
  cell.value = String(text);
  cell.font = f;
  cell.alignment = align;
  return cell;
}

function fitRow(
  ws: ExcelJS.Worksheet,
  row: number,
  texts: { text: string; width: number; size: number; bold?: boolean }[],
): void {
  // + 3 pt so that a rule drawn as the next row's top border never touches the descenders
  const h = Math.max(...texts.map((t) => estimateLines(t.text, t.width, t.size, t.bold) * lineHeight(t.size))) + 3;
  const r = ws.getRow(row);
  r.height = Math.max(r.height ?? 0, h);
}

function rule(ws: ExcelJS.Worksheet, row: number, from: number, to: number): void {
  for (let c = from; c <= to; c++) ws.getCell(row, c).border = { top: { style: 'thin', color: { argb: 'FF000000' } } };
}

function percentOf(g: GroupCounts): number {
  return Math.round(g.completeness * 10) / 1000;
}

function indicatorFormat(v: number | null): string {
  return v !== null && !Number.isInteger(v) ? NUMBER_FORMATS.decimal : NUMBER_FORMATS.integer;
}

/** A bordered table in `Báo cáo`: each column may span several sheet columns. */
interface BodyColumn {
  header: string;
  span: number;
  kind: 'text' | 'integer' | 'percent' | 'number' | 'center';
}

function bodyTable(
  ws: ExcelJS.Worksheet,
  startRow: number,
  columns: BodyColumn[],
  rows: (string | number | null)[][],
  opts: { boldLast?: boolean } = {},
): number {
  let r = startRow;
  const starts: number[] = [];
  let c = 1;
  for (const col of columns) {
    starts.push(c);
    c += col.span;
  }
  const writeRow = (values: (string | number | null)[], header: boolean, bold: boolean) => {
    const texts: { text: string; width: number; size: number; bold?: boolean }[] = [];
    columns.forEach((col, i) => {
      const from = starts[i];
      const to = from + col.span - 1;
      if (to > from) ws.mergeCells(r, from, r, to);
      const cell = ws.getCell(r, from);
      const v = values[i] ?? null;
      cell.value = header ? String(v ?? '') : typeof v === 'number' ? v : v === null ? null : String(v);
      cell.font = font(S.table, { bold: header || bold });
      const numeric = !header && typeof v === 'number';
      cell.alignment = {
        horizontal: header || col.kind === 'center' ? 'center' : numeric ? 'right' : 'left',
        vertical: 'middle',
        wrapText: true,
      };
      if (numeric) {
        cell.numFmt =
          col.kind === 'percent'
            ? NUMBER_FORMATS.percent
            : col.kind === 'number'
              ? indicatorFormat(v as number)
              : NUMBER_FORMATS.integer;
      }
      for (let k = from; k <= to; k++) ws.getCell(r, k).border = BOX;
      texts.push({
        text: typeof v === 'number' ? formatNumberVi(v) : String(v ?? ''),
        width: colSpanWidth(REPORT_WIDTHS, from, to),
        size: S.table,
        bold: header || bold,
      });
    });
    fitRow(ws, r, texts);
    r++;
  };
  writeRow(
    columns.map((c) => c.header),
    true,
    true,
  );
  rows.forEach((row, i) => writeRow(row, false, Boolean(opts.boldLast) && i === rows.length - 1));
  return r;
}

function planReference(plan: Plan): string {
  const date = plan.issuedOn ? ` ngày ${formatDateVi(plan.issuedOn)}` : '';
  const issuer = plan.issuer ? ` của ${plan.issuer}` : '';
  return `Kế hoạch số ${plan.number}${date}${issuer}`;
}

function subjectOf(plan: Plan, c: Consolidation): string {
  const period = /\d{4}/.test(c.period) ? ` năm ${c.period}` : c.period ? ` kỳ ${c.period}` : '';
  return `Kết quả thực hiện Kế hoạch số ${plan.number}${period}`;
}

function overviewSentence(c: Consolidation): string {
  const o = c.overall;
  const parts = [
    `Tổng số cơ quan, đơn vị, địa phương phải báo cáo: ${o.required}`,
    `đã báo cáo đúng hạn (đến ngày ${formatDateVi(c.deadline)}): ${o.onTime}`,
    `báo cáo muộn: ${o.late}`,
    `chưa báo cáo: ${o.missing}`,
  ];
  if (o.rejected > 0) parts.push(`báo cáo không hợp lệ (phải gửi lại): ${o.rejected}`);
  return `${parts.join('; ')}. Tỉ lệ đã báo cáo: ${formatNumberVi(o.completeness, 1)}%.`;
}

function ownAgenciesSentence(agencies: AgencyResult[]): string | null {
  const withOwn = agencies.filter((a) => a.ownAgencies);
  if (withOwn.length === 0) return null;
  const t = { required: 0, onTime: 0, late: 0, missing: 0, rejected: 0 };
  for (const a of withOwn) {
    const o = a.ownAgencies!;
    t.required += o.required;
    t.onTime += o.onTime;
    t.late += o.late;
    t.missing += o.missing;
    t.rejected += o.rejected;
  }
  const rate = t.required === 0 ? 0 : Math.round(((t.onTime + t.late) / t.required) * 1000) / 10;
  return `Các báo cáo đã nhận tổng hợp từ ${t.required} cơ quan, đơn vị cấp dưới của ${withOwn.length} đơn vị báo cáo: đúng hạn ${t.onTime}, muộn ${t.late}, chưa báo cáo ${t.missing}${t.rejected ? `, không hợp lệ ${t.rejected}` : ''} (tỉ lệ ${formatNumberVi(rate, 1)}%).`;
}

function addReportSheet(wb: ExcelJS.Workbook, c: Consolidation, plan: Plan, lh: Letterhead): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(REPORT_SHEETS.report);
  REPORT_WIDTHS.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  pageSetup(ws, 'portrait');
  const left = colSpanWidth(REPORT_WIDTHS, ...LEFT);
  const right = colSpanWidth(REPORT_WIDTHS, ...RIGHT);
  const full = colSpanWidth(REPORT_WIDTHS, 1, GRID);

  // ---- letterhead (Appendix I, IV: ô 1 quốc hiệu, tiêu ngữ; ô 2 cơ quan; ô 3 số; ô 4 địa danh, ngày)
  let r = 1;
  put(ws, r, ...LEFT, lh.superiorBody, font(S.superiorBody));
  put(ws, r, ...RIGHT, NATIONAL_TITLE, font(S.nationalTitle, { bold: true }));
  fitRow(ws, r, [
    { text: lh.superiorBody, width: left, size: S.superiorBody },
    { text: NATIONAL_TITLE, width: right, size: S.nationalTitle, bold: true },
  ]);
  r++;
  put(ws, r, ...LEFT, lh.issuer, font(S.issuer, { bold: true }));
  put(ws, r, ...RIGHT, MOTTO, font(S.motto, { bold: true }));
  fitRow(ws, r, [
    { text: lh.issuer, width: left, size: S.issuer, bold: true },
    { text: MOTTO, width: right, size: S.motto, bold: true },
  ]);
  r++;
  rule(ws, r, ...RULES.issuer); // short rule under the issuing body, centred, about a third to a half of its width
  rule(ws, r, ...RULES.motto); // rule under the motto, as long as the motto
  ws.getRow(r).height = 8;
  r++;
  put(ws, r, ...LEFT, lh.number, font(S.number));
  put(ws, r, ...RIGHT, lh.placeDate, font(S.placeDate, { italic: true }));
  fitRow(ws, r, [
    { text: lh.number, width: left, size: S.number },
    { text: lh.placeDate, width: right, size: S.placeDate },
  ]);
  r += 2;

  // ---- title and subject (ô 5a)
  put(ws, r, 1, GRID, 'BÁO CÁO', font(S.docType, { bold: true }));
  fitRow(ws, r, [{ text: 'BÁO CÁO', width: full, size: S.docType, bold: true }]);
  r++;
  const subject = subjectOf(plan, c);
  put(ws, r, 1, GRID, subject, font(S.subject, { bold: true }));
  fitRow(ws, r, [{ text: subject, width: full - 10, size: S.subject, bold: true }]);
  r++;
  rule(ws, r, ...RULES.subject);
  ws.getRow(r).height = 8;
  r += 2;

  // ---- body (ô 6)
  const para = (text: string, style: { bold?: boolean; italic?: boolean } = {}) => {
    put(ws, r, 1, GRID, text, font(S.body, style), { horizontal: 'justify', vertical: 'top', wrapText: true });
    fitRow(ws, r, [{ text, width: full, size: S.body, bold: style.bold }]);
    r++;
  };
  para(
    `Thực hiện ${planCitation(plan)}, ${plan.consolidator || 'cơ quan tổng hợp'} báo cáo kết quả thực hiện kỳ ${c.period} (số liệu tổng hợp đến ngày ${formatDateVi(c.asOf)}) như sau:`,
  );
  para('I. TÌNH HÌNH BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ', { bold: true });
  para(overviewSentence(c));
  const own = ownAgenciesSentence(c.agencies);
  if (own) para(own);
  r = bodyTable(
    ws,
    r,
    [
      { header: 'Nhóm', span: 6, kind: 'text' },
      { header: 'Phải báo cáo', span: 2, kind: 'integer' },
      { header: 'Đúng hạn', span: 2, kind: 'integer' },
      { header: 'Nộp muộn', span: 2, kind: 'integer' },
      { header: 'Chưa nộp', span: 2, kind: 'integer' },
      { header: 'Không hợp lệ', span: 2, kind: 'integer' },
      { header: 'Tỉ lệ đã nộp', span: 2, kind: 'percent' },
    ],
    [
      ...c.groups.map((g) => [g.name, g.required, g.onTime, g.late, g.missing, g.rejected, percentOf(g)]),
      [
        'Tổng cộng',
        c.overall.required,
        c.overall.onTime,
        c.overall.late,
        c.overall.missing,
        c.overall.rejected,
        percentOf(c.overall),
      ],
    ],
    { boldLast: true },
  );
  para(
    `(Chi tiết từng cơ quan, đơn vị tại Phụ lục 1; theo huyện, khu vực tại Phụ lục 2; danh sách chưa báo cáo tại Phụ lục 3.)`,
    { italic: true },
  );
  r++;

  para('II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ', { bold: true });
  para('1. Tình hình thực hiện theo nhiệm vụ (số cơ quan, đơn vị theo từng tình trạng):');
  r = bodyTable(
    ws,
    r,
    [
      { header: 'Mã', span: 1, kind: 'center' },
      { header: 'Nhiệm vụ', span: 5, kind: 'text' },
      { header: 'Phải báo cáo', span: 2, kind: 'integer' },
      { header: TASK_STATUS_LABELS.done, span: 2, kind: 'integer' },
      { header: TASK_STATUS_LABELS.inProgress, span: 2, kind: 'integer' },
      { header: TASK_STATUS_LABELS.notStarted, span: 2, kind: 'integer' },
      { header: TASK_STATUS_LABELS.notApplicable, span: 2, kind: 'integer' },
      { header: 'Chưa trả lời', span: 2, kind: 'integer' },
    ],
    c.tasks.map((t) => [
      t.code,
      t.title,
      t.required,
      t.statusCounts.done,
      t.statusCounts.inProgress,
      t.statusCounts.notStarted,
      t.statusCounts.notApplicable,
      t.statusCounts.noAnswer,
    ]),
  );
  r++;
  const indicatorRows = c.tasks.flatMap((t) =>
    t.indicatorTotals.map((i) => [t.code, i.name, i.unit, AGGREGATE_LABELS[i.aggregate], i.value, i.count]),
  );
  if (indicatorRows.length > 0) {
    para('2. Kết quả các chỉ tiêu chủ yếu (tổng hợp từ các báo cáo đã nhận):');
    r = bodyTable(
      ws,
      r,
      [
        { header: 'Nhiệm vụ', span: 2, kind: 'center' },
        { header: 'Chỉ tiêu', span: 8, kind: 'text' },
        { header: 'Đơn vị tính', span: 2, kind: 'center' },
        { header: 'Cách tổng hợp', span: 2, kind: 'center' },
        { header: 'Kết quả', span: 2, kind: 'number' },
        { header: 'Số đơn vị báo cáo', span: 2, kind: 'integer' },
      ],
      indicatorRows,
    );
    r++;
  }

  para('III. KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ, ĐỀ XUẤT', { bold: true });
  const dotted = '…'.repeat(70);
  para(dotted);
  para(dotted);
  para(
    `Trên đây là báo cáo kết quả thực hiện ${planReference(plan)}, ${plan.consolidator || 'cơ quan tổng hợp'} kính báo cáo${lh.recipients.length > 0 ? ` ${lh.recipients[0]}` : ''} xem xét, chỉ đạo./.`,
  );
  r++;

  // ---- Nơi nhận (ô 9b) bottom left, signature (ô 7a-7c) bottom right
  const recips = recipientLines(lh.recipients);
  const sign: { text: string; f: Font; size: number; bold: boolean }[] = [
    ...lh.signerTitleLines.map((t) => ({
      text: t,
      f: font(S.signerTitle, { bold: true }),
      size: S.signerTitle,
      bold: true,
    })),
    ...['', '', '', ''].map((t) => ({ text: t, f: font(S.signerName), size: S.signerName, bold: false })),
    { text: lh.signerName, f: font(S.signerName, { bold: true }), size: S.signerName, bold: true },
  ];
  const leftLines: { text: string; f: Font; size: number; bold: boolean }[] = [
    {
      text: 'Nơi nhận:',
      f: font(S.recipientsLabel, { bold: true, italic: true }),
      size: S.recipientsLabel,
      bold: true,
    },
    ...recips.map((t) => ({ text: t, f: font(S.recipients), size: S.recipients, bold: false })),
  ];
  const n = Math.max(sign.length, leftLines.length);
  for (let i = 0; i < n; i++) {
    const texts: { text: string; width: number; size: number; bold?: boolean }[] = [];
    const l = leftLines[i];
    if (l) {
      put(ws, r, ...LEFT, l.text, l.f, { horizontal: 'left', vertical: 'top', wrapText: true });
      texts.push({ text: l.text, width: left, size: l.size, bold: l.bold });
    }
    const s = sign[i];
    if (s) {
      put(ws, r, ...RIGHT, s.text, s.f, { horizontal: 'center', vertical: 'top', wrapText: true });
      texts.push({ text: s.text || ' ', width: right, size: s.size, bold: s.bold });
    }
    fitRow(ws, r, texts);
    r++;
  }
  ws.pageSetup.printArea = `A1:${ws.getColumn(GRID).letter}${r - 1}`;
  return ws;
}

interface AppendixColumn {
  header: string;
  width: number;
  kind: 'text' | 'integer' | 'percent' | 'date' | 'center';
}

function addAppendix(
  wb: ExcelJS.Workbook,
  name: string,
  heading: string,
  attachedTo: string,
  columns: AppendixColumn[],
  rows: (string | number | { date: IsoDate } | null)[][],
  emptyText: string,
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  const total = columns.reduce((s, c) => s + c.width, 0);
  pageSetup(ws, total > 110 ? 'landscape' : 'portrait'); // the decree allows landscape for wide tables
  columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
  const last = columns.length;
  let r = 1;
  put(ws, r, 1, last, name.toLocaleUpperCase('vi'), font(S.body, { bold: true }));
  fitRow(ws, r, [{ text: name, width: total, size: S.body, bold: true }]);
  r++;
  put(ws, r, 1, last, heading, font(S.body, { bold: true }));
  fitRow(ws, r, [{ text: heading, width: total, size: S.body, bold: true }]);
  r++;
  put(ws, r, 1, last, attachedTo, font(S.body, { italic: true }));
  fitRow(ws, r, [{ text: attachedTo, width: total, size: S.body }]);
  r++;
  const ruleFrom = Math.max(1, Math.floor(last / 2));
  rule(ws, r, ruleFrom, Math.min(last, ruleFrom + 1));
  ws.getRow(r).height = 8;
  r++;
  const headerRow = r;
  columns.forEach((col, i) => {
    const cell = ws.getCell(r, i + 1);
    cell.value = col.header;
    cell.font = font(S.table, { bold: true });
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BOX;
  });
  fitRow(
    ws,
    r,
    columns.map((c) => ({ text: c.header, width: c.width, size: S.table, bold: true })),
  );
  r++;
  ws.pageSetup.printTitlesRow = `${headerRow}:${headerRow}`;
  ws.views = [{ showGridLines: false, state: 'frozen', ySplit: headerRow, xSplit: 0 }];
  if (rows.length === 0) {
    put(ws, r, 1, last, emptyText, font(S.table, { italic: true }));
    for (let k = 1; k <= last; k++) ws.getCell(r, k).border = BOX;
    r++;
  }
  for (const row of rows) {
    const texts: { text: string; width: number; size: number }[] = [];
    columns.forEach((col, i) => {
      const cell = ws.getCell(r, i + 1);
      const v = row[i] ?? null;
      if (v !== null && typeof v === 'object') {
        cell.value = toUtcDate(v.date);
        cell.numFmt = NUMBER_FORMATS.date;
      } else if (typeof v === 'number') {
        cell.value = v;
        cell.numFmt = col.kind === 'percent' ? NUMBER_FORMATS.percent : NUMBER_FORMATS.integer;
      } else {
        cell.value = v === null ? null : String(v);
      }
      cell.font = font(S.table);
      cell.alignment = {
        horizontal: col.kind === 'text' ? 'left' : col.kind === 'center' || col.kind === 'date' ? 'center' : 'right',
        vertical: 'middle',
        wrapText: true,
      };
      cell.border = BOX;
      texts.push({ text: typeof v === 'string' ? v : '0', width: col.width, size: S.table });
    });
    fitRow(ws, r, texts);
    r++;
  }
  ws.pageSetup.printArea = `A1:${ws.getColumn(last).letter}${r - 1}`;
  return ws;
}

function statusNote(a: AgencyResult): string {
  const parts: string[] = [];
  if (a.status === 'rejected' && a.reason) parts.push(a.reason);
  if ((a.status === 'on_time' || a.status === 'late') && a.missingTasks.length > 0)
    parts.push(`Chưa báo cáo nhiệm vụ ${a.missingTasks.join(', ')}`);
  return parts.join('; ');
}

/** Builds the report workbook (bytes of an .xlsx). */
export async function buildReportWorkbook(
  c: Consolidation,
  plan: Plan,
  options: ReportOptions = {},
): Promise<Uint8Array> {
  const lh = resolveLetterhead(plan, options, 'BC', c.asOf.slice(0, 4));
  const wb = new ExcelJS.Workbook();
  wb.creator = 'tonghop';
  wb.title = `Báo cáo kết quả thực hiện Kế hoạch số ${plan.number}`;
  addReportSheet(wb, c, plan, lh);

  const numberText = lh.number.replace(/^Số:\s*/, '');
  const attachedTo = `(Kèm theo Báo cáo số ${numberText} ${options.documentDate ? `ngày ${formatDateVi(options.documentDate)}` : `ngày ${DOTS}`} của ${cleanText(options.issuer ?? '') || plan.consolidator || DOTS})`;
  const hasOwn = c.agencies.some((a) => a.ownAgencies);
  const ownCols: AppendixColumn[] = hasOwn
    ? [
        { header: 'Đơn vị cấp dưới phải báo cáo', width: 11, kind: 'integer' },
        { header: 'Đúng hạn', width: 9, kind: 'integer' },
        { header: 'Muộn', width: 8, kind: 'integer' },
        { header: 'Chưa nộp, không hợp lệ', width: 9, kind: 'integer' },
        { header: 'Tỉ lệ', width: 9, kind: 'percent' },
      ]
    : [];
  addAppendix(
    wb,
    REPORT_SHEETS.byAgency,
    'TÌNH HÌNH BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ',
    attachedTo,
    [
      { header: 'STT', width: 5, kind: 'center' },
      { header: 'Tên cơ quan, đơn vị', width: 30, kind: 'text' },
      { header: 'Nhóm', width: 15, kind: 'text' },
      { header: 'Tình trạng', width: 11, kind: 'center' },
      { header: 'Ngày nhận', width: 11, kind: 'date' },
      { header: 'Số ngày muộn, quá hạn', width: 9, kind: 'integer' },
      ...ownCols,
      { header: 'Ghi chú', width: hasOwn ? 24 : 22, kind: 'text' },
    ],
    c.agencies.map((a, i) => [
      i + 1,
      a.name,
      a.group,
      AGENCY_STATUS_LABELS[a.status],
      a.receivedOn ? { date: a.receivedOn } : null,
      a.daysLate ?? a.daysOverdue ?? null,
      ...(hasOwn
        ? a.ownAgencies
          ? [
              a.ownAgencies.required,
              a.ownAgencies.onTime,
              a.ownAgencies.late,
              a.ownAgencies.missing + a.ownAgencies.rejected,
              Math.round(a.ownAgencies.completeness * 10) / 1000,
            ]
          : [null, null, null, null, null]
        : []),
      statusNote(a) || null,
    ]),
    'Không có cơ quan, đơn vị nào.',
  );
  const areas = c.groups.filter((g) => g.kind === 'locality');
  addAppendix(
    wb,
    REPORT_SHEETS.byArea,
    'TÌNH HÌNH BÁO CÁO THEO HUYỆN, KHU VỰC',
    attachedTo,
    [
      { header: 'STT', width: 5, kind: 'center' },
      { header: 'Huyện, khu vực', width: 30, kind: 'text' },
      { header: 'Phải báo cáo', width: 10, kind: 'integer' },
      { header: 'Đúng hạn', width: 10, kind: 'integer' },
      { header: 'Nộp muộn', width: 10, kind: 'integer' },
      { header: 'Chưa nộp', width: 10, kind: 'integer' },
      { header: 'Không hợp lệ', width: 10, kind: 'integer' },
      { header: 'Tỉ lệ đã nộp', width: 10, kind: 'percent' },
    ],
    areas.map((g, i) => [i + 1, g.name, g.required, g.onTime, g.late, g.missing, g.rejected, percentOf(g)]),
    'Kế hoạch không có địa phương (huyện, khu vực) phải báo cáo.',
  );
  const notReporting = c.agencies.filter((a) => a.status === 'missing' || a.status === 'rejected');
  addAppendix(
    wb,
    REPORT_SHEETS.notReporting,
    `DANH SÁCH CƠ QUAN, ĐƠN VỊ CHƯA BÁO CÁO (ĐẾN NGÀY ${formatDateVi(c.asOf)})`,
    attachedTo,
    [
      { header: 'STT', width: 5, kind: 'center' },
      { header: 'Tên cơ quan, đơn vị', width: 32, kind: 'text' },
      { header: 'Nhóm', width: 18, kind: 'text' },
      { header: 'Tình trạng', width: 12, kind: 'center' },
      { header: 'Số ngày quá hạn', width: 9, kind: 'integer' },
      { header: 'Ghi chú', width: 24, kind: 'text' },
    ],
    notReporting.map((a, i) => [i + 1, a.name, a.group, AGENCY_STATUS_LABELS[a.status], a.daysOverdue, a.reason]),
    'Tất cả cơ quan, đơn vị đã báo cáo.',
  );

  const data = wb.addWorksheet(REPORT_DATA_SHEET, { state: 'hidden' });
  const rows = reportDataRows(
    reportData(c, plan, {
      upwardPlan: cleanText(options.upwardPlan ?? ''),
      issuer: cleanText(options.issuer ?? '') || plan.consolidator || plan.issuer,
      superiorBody: cleanText(options.superiorBody ?? '') || plan.superiorBody,
      agencyCode: cleanText(options.agencyCode ?? ''),
      reportNumber: cleanText(options.reportNumber ?? '') || plan.reportNumber,
      reportDate: options.documentDate ?? null,
    }),
  );
  rows.forEach((row, i) => {
    row.forEach((v, j) => {
      if (v !== null) data.getCell(i + 1, j + 1).value = typeof v === 'number' ? v : String(v);
    });
  });
  return workbookBytes(wb);
}
