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
import { type LetterheadOptions, resolveLetterhead } from './letterhead';
import { type Appendix, type ReportContent, appendixOrientation, appendixWidths, reportContent } from './content';
import { BOX, type Font, S, fitRow, font, layTable, pageSetup, put, rule, writeTableRow } from './xlsx-layout';
import { addReportSheet } from './report-sheet';

export interface ReportOptions extends LetterheadOptions {
  /** The superior's plan or letter this report answers (written to the hidden sheet for one level up). */
  upwardPlan?: string;
  /** This body's code in the superior's plan (hidden sheet), when known. */
  agencyCode?: string;
}

export { REPORT_SHEETS } from './report-sheet';

/** vi-VN number formats (basics/number-formats.ts). */
export const NUMBER_FORMATS = VI_NUMBER_FORMATS;

function addAppendix(wb: ExcelJS.Workbook, a: Appendix): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(a.name);
  const widths = appendixWidths(a.table);
  pageSetup(ws, appendixOrientation(a)); // the decree allows landscape for wide tables
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const last = widths.length;
  let r = 1;
  const line = (text: string, f: Font, bold = false, italic = false) => {
    put(ws, r, 1, last, text, f);
    fitRow(ws, r++, [{ text, width: widths, size: S.body, bold, italic }]);
  };
  line(a.name.toLocaleUpperCase('vi'), font(S.body, { bold: true }), true);
  line(a.heading, font(S.body, { bold: true }), true);
  line(a.attachedTo, font(S.body, { italic: true }), false, true);
  const ruleFrom = Math.max(1, Math.floor(last / 2));
  rule(ws, r, ruleFrom, Math.min(last, ruleFrom + 1));
  ws.getRow(r++).height = 8;
  const headerRow = r;
  // print titles repeat the header on every page; a row never splits, so the sheet's own page breaks do
  const layout = layTable(
    a.table,
    widths.map(() => 1),
    widths,
  );
  for (const row of [layout.header, ...layout.rows]) writeTableRow(ws, r++, layout, row);
  ws.pageSetup.printTitlesRow = `${headerRow}:${headerRow}`;
  ws.views = [{ showGridLines: false, state: 'frozen', ySplit: headerRow, xSplit: 0 }];
  if (a.table.table.rows.length === 0) {
    put(ws, r, 1, last, a.emptyText, font(S.table, { italic: true }));
    for (let k = 1; k <= last; k++) ws.getCell(r, k).border = BOX;
    fitRow(ws, r++, [{ text: a.emptyText, width: widths, size: S.table, italic: true }]);
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
