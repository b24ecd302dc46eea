/**
 * Where the charts below a table print. Left to themselves, they would follow the table onto a page of their own,
 * under the table's repeated header with no table below it. Measured (the rows' heights, the columns' printed
 * width), they print on the table's page when they fit there; when the two fit on one page at a somewhat smaller
 * scale, the sheet is printed on one page; a table too long for that prints alone (the charts stay on screen).
 */
import type ExcelJS from 'exceljs';
import { columnLetter } from './grid';
import { columnScreenWidth } from './measure';
import type { ColumnFit } from './sheet-fit';
import { type OutSheet, tableHeaderRow } from './sheets';

const PT_PER_INCH = 72;
/** A4 landscape (points). */
const PAGE = { width: 841.89, height: 595.28 };
/** The rows under the table keep Excel's standard height. */
const STANDARD_ROW = 15;
/** How much smaller than its own size a sheet may print to hold its table and charts on one page. */
const MAX_SHRINK = 1.4;

/** The height (points) of rows `from`..`to` as written. */
function rowsHeight(ws: ExcelJS.Worksheet, from: number, to: number): number {
  let h = 0;
  for (let r = from; r <= to; r++) h += ws.getRow(r).height ?? STANDARD_ROW;
  return h;
}

export function printChartsWithTable(ws: ExcelJS.Worksheet, sheet: OutSheet, fits: readonly ColumnFit[]): void {
  const m = ws.pageSetup.margins ?? { top: 0.5, bottom: 0.6, left: 0.4, right: 0.4 };
  const printableWidth = PAGE.width - (m.left + m.right) * PT_PER_INCH;
  const printableHeight = PAGE.height - (m.top + m.bottom) * PT_PER_INCH;
  const scale = Math.min(1, printableWidth / columnScreenWidth(fits.map((f) => f.width)));
  const capacity = (printableHeight / scale) * 0.97;
  const lastRow = tableHeaderRow(sheet) + Math.max(1, sheet.table.rows.length) + (sheet.table.totals ? 1 : 0);
  const charts = Math.max(...(sheet.charts ?? []).map((ch) => ch.rows)) * STANDARD_ROW + STANDARD_ROW;
  const total = rowsHeight(ws, 1, lastRow) + charts;
  if (total <= capacity) return;
  if (total <= capacity * MAX_SHRINK) {
    ws.pageSetup.fitToHeight = 1;
    return;
  }
  ws.pageSetup.printArea = `A1:${columnLetter(sheet.table.columns.length)}${lastRow}`;
}
