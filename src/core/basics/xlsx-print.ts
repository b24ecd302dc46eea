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

/** What printing a sheet with charts below its table needs: nothing, one page tall, or the table alone. */
export type ChartsPrint = { fitToHeight: 1 } | { printArea: string } | null;

/**
 * How a sheet with charts prints, from its margins (inches), its columns and each row's height as written
 * (`rowHeight(r)`, undefined: Excel's standard height): every writer of the sheet decides alike.
 */
export function chartsPrint(
  sheet: OutSheet,
  fits: readonly ColumnFit[],
  m: { left: number; right: number; top: number; bottom: number },
  rowHeight: (row: number) => number | undefined,
): ChartsPrint {
  const printableWidth = PAGE.width - (m.left + m.right) * PT_PER_INCH;
  const printableHeight = PAGE.height - (m.top + m.bottom) * PT_PER_INCH;
  const scale = Math.min(1, printableWidth / columnScreenWidth(fits.map((f) => f.width)));
  const capacity = (printableHeight / scale) * 0.97;
  const lastRow = tableHeaderRow(sheet) + Math.max(1, sheet.table.rows.length) + (sheet.table.totals ? 1 : 0);
  const charts = Math.max(...(sheet.charts ?? []).map((ch) => ch.rows)) * STANDARD_ROW + STANDARD_ROW;
  let total = charts;
  for (let r = 1; r <= lastRow; r++) total += rowHeight(r) ?? STANDARD_ROW;
  if (total <= capacity) return null;
  if (total <= capacity * MAX_SHRINK) return { fitToHeight: 1 };
  return { printArea: `A1:${columnLetter(sheet.table.columns.length)}${lastRow}` };
}

export function printChartsWithTable(ws: ExcelJS.Worksheet, sheet: OutSheet, fits: readonly ColumnFit[]): void {
  const m = ws.pageSetup.margins ?? { top: 0.5, bottom: 0.6, left: 0.4, right: 0.4 };
  const p = chartsPrint(sheet, fits, m, (r) => ws.getRow(r).height);
  if (p && 'fitToHeight' in p) ws.pageSetup.fitToHeight = 1;
  else if (p) ws.pageSetup.printArea = p.printArea;
}
