/**
 * The report workbook sent upward: sheet `Báo cáo` laid out after Decree 30/2020/NĐ-CP (letterhead,
 * title, body with the overview and per-task results, recipients, signature), appendices `Phụ lục 1` (per
 * agency), `Phụ lục 2` (per district or area), `Phụ lục 3` (agencies not reporting), and a hidden data sheet
 * that one level up reads. Every text from plans and submissions is written as a string cell. What it says comes
 * from content.ts, shared with the Word document (report-docx.ts).
 */
import ExcelJS from 'exceljs';
import type { Consolidation } from '../consolidate/consolidate';
import type { Plan } from '../basics/model';
import { cleanText } from '../basics/text';
import { workbookBytes } from '../basics/xlsx-write';
import { repeatableZip } from '../basics/zip-repeatable';
import { VI_NUMBER_FORMATS } from '../basics/number-formats';
import { REPORT_DATA_SHEET, reportData, reportDataRows } from './hidden';
import { type LetterheadOptions, MOTTO, NATIONAL_TITLE, resolveLetterhead } from './letterhead';
import { type Appendix, type Block, RECIPIENTS_LABEL, type ReportContent, reportContent } from './content';
import {
  BOX,
  type Font,
  type TextFit,
  S,
  colSpanWidth,
  fitRow,
  font,
  pageSetup,
  put,
  rule,
  writeTable,
} from './xlsx-layout';

export { estimateLines } from './xlsx-layout';

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
const LEFT_W = colSpanWidth(REPORT_WIDTHS, ...LEFT);
const RIGHT_W = colSpanWidth(REPORT_WIDTHS, ...RIGHT);
const FULL_W = colSpanWidth(REPORT_WIDTHS, 1, GRID);

interface Line {
  text: string;
  size: number;
  bold?: boolean;
  italic?: boolean;
}

/** One row of the two blocks: a line on the left (columns 1-7), a line on the right (8-18), either may be absent. */
function twoBlocks(
  ws: ExcelJS.Worksheet,
  r: number,
  l: Line | null,
  rt: Line | null,
  align: 'center' | 'left' = 'center',
): void {
  const texts: TextFit[] = [];
  if (l) {
    put(ws, r, ...LEFT, l.text, font(l.size, l), { horizontal: align, vertical: 'top', wrapText: true });
    texts.push({ text: l.text, width: LEFT_W, size: l.size, bold: l.bold });
  }
  if (rt) {
    put(ws, r, ...RIGHT, rt.text, font(rt.size, rt), { horizontal: 'center', vertical: 'top', wrapText: true });
    texts.push({ text: rt.text || ' ', width: RIGHT_W, size: rt.size, bold: rt.bold });
  }
  fitRow(ws, r, texts);
}

/** Letterhead (Appendix I, IV: ô 1 quốc hiệu, tiêu ngữ; ô 2 cơ quan; ô 3 số; ô 4 địa danh, ngày), title, subject. */
function writeHeading(ws: ExcelJS.Worksheet, content: ReportContent): number {
  const lh = content.letterhead;
  let r = 1;
  twoBlocks(
    ws,
    r++,
    { text: lh.superiorBody, size: S.superiorBody },
    { text: NATIONAL_TITLE, size: S.nationalTitle, bold: true },
  );
  twoBlocks(ws, r++, { text: lh.issuer, size: S.issuer, bold: true }, { text: MOTTO, size: S.motto, bold: true });
  rule(ws, r, ...RULES.issuer); // short rule under the issuing body, centred, about a third to a half of its width
  rule(ws, r, ...RULES.motto); // rule under the motto, as long as the motto
  ws.getRow(r++).height = 8;
  twoBlocks(ws, r, { text: lh.number, size: S.number }, { text: lh.placeDate, size: S.placeDate, italic: true });
  r += 2;
  // ---- title and subject (ô 5a)
  put(ws, r, 1, GRID, content.title, font(S.docType, { bold: true }));
  fitRow(ws, r++, [{ text: content.title, width: FULL_W, size: S.docType, bold: true }]);
  put(ws, r, 1, GRID, content.subject, font(S.subject, { bold: true }));
  fitRow(ws, r++, [{ text: content.subject, width: FULL_W - 10, size: S.subject, bold: true }]);
  rule(ws, r, ...RULES.subject);
  ws.getRow(r).height = 8;
  return r + 2;
}

/** The body (ô 6): paragraphs and tables. */
function writeBody(ws: ExcelJS.Worksheet, r: number, blocks: Block[]): number {
  for (const b of blocks) {
    if (b.kind === 'gap') r++;
    else if (b.kind === 'table') {
      r = writeTable(
        ws,
        r,
        b.table,
        b.table.table.columns.map((c) => c.width),
        REPORT_WIDTHS,
      );
    } else {
      const style = { bold: b.bold, italic: b.italic };
      put(ws, r, 1, GRID, b.text, font(S.body, style), { horizontal: 'justify', vertical: 'top', wrapText: true });
      fitRow(ws, r++, [{ text: b.text, width: FULL_W, size: S.body, bold: b.bold }]);
    }
  }
  return r;
}

/** Nơi nhận (ô 9b) bottom left, signature (ô 7a-7c) bottom right. */
function writeSignature(ws: ExcelJS.Worksheet, r: number, content: ReportContent): number {
  const lh = content.letterhead;
  const sign: Line[] = [
    ...lh.signerTitleLines.map((text) => ({ text, size: S.signerTitle, bold: true })),
    ...['', '', '', ''].map((text) => ({ text, size: S.signerName })),
    { text: lh.signerName, size: S.signerName, bold: true },
  ];
  const left: Line[] = [
    { text: RECIPIENTS_LABEL, size: S.recipientsLabel, bold: true, italic: true },
    ...content.recipients.map((text) => ({ text, size: S.recipients })),
  ];
  for (let i = 0; i < Math.max(sign.length, left.length); i++)
    twoBlocks(ws, r++, left[i] ?? null, sign[i] ?? null, 'left');
  return r;
}

function addReportSheet(wb: ExcelJS.Workbook, content: ReportContent): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(REPORT_SHEETS.report);
  REPORT_WIDTHS.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  pageSetup(ws, 'portrait');
  let r = writeHeading(ws, content);
  r = writeBody(ws, r, content.body);
  r = writeSignature(ws, r, content);
  ws.pageSetup.printArea = `A1:${ws.getColumn(GRID).letter}${r - 1}`;
  return ws;
}

function addAppendix(wb: ExcelJS.Workbook, a: Appendix): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(a.name);
  const widths = a.table.table.columns.map((c) => c.width);
  const total = widths.reduce((s, w) => s + w, 0);
  pageSetup(ws, total > 110 ? 'landscape' : 'portrait'); // the decree allows landscape for wide tables
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const last = widths.length;
  let r = 1;
  const line = (text: string, f: Font, bold = false) => {
    put(ws, r, 1, last, text, f);
    fitRow(ws, r++, [{ text, width: total, size: S.body, bold }]);
  };
  line(a.name.toLocaleUpperCase('vi'), font(S.body, { bold: true }), true);
  line(a.heading, font(S.body, { bold: true }), true);
  line(a.attachedTo, font(S.body, { italic: true }));
  const ruleFrom = Math.max(1, Math.floor(last / 2));
  rule(ws, r, ruleFrom, Math.min(last, ruleFrom + 1));
  ws.getRow(r++).height = 8;
  const headerRow = r;
  const empty = a.table.table.rows.length === 0;
  r = writeTable(
    ws,
    r,
    a.table,
    widths.map(() => 1),
    widths,
    (v) => (typeof v === 'string' ? v : '0'),
  );
  ws.pageSetup.printTitlesRow = `${headerRow}:${headerRow}`;
  ws.views = [{ showGridLines: false, state: 'frozen', ySplit: headerRow, xSplit: 0 }];
  if (empty) {
    put(ws, r, 1, last, a.emptyText, font(S.table, { italic: true }));
    for (let k = 1; k <= last; k++) ws.getCell(r, k).border = BOX;
    r++;
  }
  ws.pageSetup.printArea = `A1:${ws.getColumn(last).letter}${r - 1}`;
  return ws;
}

function addDataSheet(wb: ExcelJS.Workbook, c: Consolidation, plan: Plan, options: ReportOptions): void {
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
}

/** What the report says (shared by the workbook and the Word document). */
export function reportContentOf(c: Consolidation, plan: Plan, options: ReportOptions = {}): ReportContent {
  const lh = resolveLetterhead(plan, options, 'BC', c.asOf.slice(0, 4));
  return reportContent(c, plan, lh, options);
}

/** Builds the report workbook (bytes of an .xlsx). */
export async function buildReportWorkbook(
  c: Consolidation,
  plan: Plan,
  options: ReportOptions = {},
): Promise<Uint8Array> {
  const content = reportContentOf(c, plan, options);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'tonghop';
  wb.title = `Báo cáo kết quả thực hiện Kế hoạch số ${plan.number}`;
  addReportSheet(wb, content);
  for (const a of content.appendices) addAppendix(wb, a);
  addDataSheet(wb, c, plan, options);
  return repeatableZip(await workbookBytes(wb), c.asOf);
}
