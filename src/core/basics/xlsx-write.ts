/**
 * Writing workbooks with ExcelJS: OutSheet descriptions → real Excel tables with frozen headers, widths,
 * number and date formats. Text is always written as a string cell, so a value such as "=1+1" stays text.
 */
import ExcelJS from 'exceljs';
import { toUtcDate } from './dates';
import { type HiddenSheet, type OutSheet, type OutValue, TONE_COLOURS, isOutDate, tableHeaderRow } from './sheets';
import { columnLetter } from './grid';
import { addCharts } from './xlsx-charts';
import { DATE_FORMAT, NUMBER_FORMATS, formatOfValue, numberFormatFor } from './number-formats';
import {
  BOLD_FONT,
  type ColumnFit,
  SHEET_FONT,
  TITLE_FONT,
  bodyAlignment,
  bodyRowHeight,
  fitColumns,
  headerHeight,
  preambleHeight,
} from './sheet-fit';
import { printChartsWithTable } from './xlsx-print';

/**
 * The workbooks' font (Excel's default), named in full on every font a cell is given: a font without a name or a
 * size is drawn by LibreOffice in a default of its own (a serif, 10 pt), neither what Excel shows nor the widths our
 * row heights are estimated for.
 */
export const WORKBOOK_FONT = { name: 'Calibri', family: 2, size: 11 } as const;

/** A cell font: the workbooks' font with `style` (bold, size, colour …) over it. */
export function workbookFont(style: Partial<ExcelJS.Font>): Partial<ExcelJS.Font> {
  return { ...WORKBOOK_FONT, ...style };
}

export async function workbookBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

export function excelValue(v: OutValue): ExcelJS.CellValue {
  if (v === null || v === '') return null; // an empty text is an empty cell, in every writer
  if (isOutDate(v)) return toUtcDate(v.date);
  return v;
}

/** The lines above the table (title first); returns the rows written, for a streaming writer to commit. */
export function writePreamble(ws: Pick<ExcelJS.Worksheet, 'getRow'>, sheet: OutSheet): ExcelJS.Row[] {
  return sheet.preamble.map((line, i) => {
    const row = ws.getRow(i + 1);
    line.forEach((v, c) => {
      const cell = row.getCell(c + 1);
      cell.value = excelValue(v);
      const fmt = isOutDate(v) ? DATE_FORMAT : formatOfValue(v);
      if (fmt) cell.numFmt = fmt;
    });
    row.getCell(1).font = i === 0 ? TITLE_FONT : BOLD_FONT;
    // one line running over the empty cells to its right, not wrapped as the column's own cells are
    row.getCell(1).alignment = { vertical: 'bottom', wrapText: false };
    row.height = preambleHeight(i);
    return row;
  });
}

/** Page setup for every sheet: A4 landscape, fit to width, header rows repeated, "Trang N/M" in the footer. */
export function printSetup(headerRow: number): Partial<ExcelJS.WorksheetProperties> & {
  pageSetup: Partial<ExcelJS.PageSetup>;
  headerFooter: Partial<ExcelJS.HeaderFooter>;
} {
  return {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${headerRow}:${headerRow}`,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&CTrang &P/&N', evenFooter: '&CTrang &P/&N' },
  };
}

function styleBody(ws: ExcelJS.Worksheet, sheet: OutSheet, headerRow: number, fits: ColumnFit[]): void {
  const { table } = sheet;
  table.rows.forEach((r, i) => {
    const row = ws.getRow(headerRow + 1 + i);
    table.columns.forEach((c, j) => {
      const fmt = numberFormatFor(c.type, r[j]);
      if (fmt) row.getCell(j + 1).numFmt = fmt;
    });
    row.height = bodyRowHeight(r, fits);
    const tone = table.tones?.[i];
    if (tone) {
      const fill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF' + TONE_COLOURS[tone] } };
      for (let j = 1; j <= table.columns.length; j++) row.getCell(j).fill = fill;
    }
  });
}

/** A link's look: blue, underlined, in the sheet's font. */
export const LINK_FONT: Partial<ExcelJS.Font> = { ...SHEET_FONT, color: { argb: 'FF0563C1' }, underline: true };

/** Hyperlinks (blue, underlined, the cell keeps its text) and data bars on the table body. */
export function addLinksAndBars(
  ws: Pick<ExcelJS.Worksheet, 'getCell' | 'addConditionalFormatting'>,
  sheet: OutSheet,
): void {
  const { table } = sheet;
  const first = tableHeaderRow(sheet) + 1;
  for (const { column, targets } of table.links ?? []) {
    targets.forEach((target, i) => {
      const text = table.rows[i]?.[column];
      if (!target || typeof text !== 'string' || text === '') return;
      const cell = ws.getCell(first + i, column + 1);
      cell.value = { text, hyperlink: target };
      cell.font = LINK_FONT;
    });
  }
  if (table.rows.length === 0) return;
  table.columns.forEach((c, j) => {
    if (!c.dataBar) return;
    const letter = columnLetter(j + 1);
    ws.addConditionalFormatting({
      ref: `${letter}${first}:${letter}${first + table.rows.length - 1}`,
      rules: [
        {
          type: 'dataBar',
          priority: 1,
          gradient: false,
          cfvo: [{ type: 'num', value: 0 }, { type: 'max' }],
          color: { argb: 'FF9DC3E6' },
        } as ExcelJS.DataBarRuleType,
      ],
    });
  });
}

export function addOutSheet(wb: ExcelJS.Workbook, sheet: OutSheet): ExcelJS.Worksheet {
  const headerRow = tableHeaderRow(sheet);
  const ws = wb.addWorksheet(sheet.name, {
    views: [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }],
    ...printSetup(headerRow),
  });
  const { table } = sheet;
  const fits = fitColumns(table.columns);
  table.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = fits[i].width;
    col.font = SHEET_FONT;
    col.alignment = bodyAlignment(fits[i]); // the cells the table adds below take the column's style
    const fmt = NUMBER_FORMATS[c.type];
    if (fmt) col.numFmt = fmt;
  });
  writePreamble(ws, sheet); // after the columns' style, which would wrap the title lines
  const totals = table.totals;
  ws.addTable({
    name: table.name,
    ref: `A${headerRow}`,
    headerRow: true,
    totalsRow: Boolean(totals),
    style: { theme: 'TableStyleLight9', showRowStripes: true },
    columns: table.columns.map((c, i) =>
      totals && i === 0
        ? { name: c.header, filterButton: true, totalsRowLabel: String(totals[0] ?? '') }
        : { name: c.header, filterButton: true, ...(totals ? { totalsRowFunction: 'none' as const } : {}) },
    ),
    rows: table.rows.length > 0 ? table.rows.map((r) => r.map(excelValue)) : [table.columns.map(() => null)],
  });
  const hr = ws.getRow(headerRow);
  hr.alignment = { wrapText: true, vertical: 'middle' };
  hr.font = BOLD_FONT;
  hr.height = headerHeight(table.columns, fits); // a wrapped header shows whole, in print too
  styleBody(ws, sheet, headerRow, fits);
  if (totals) writeTotals(ws.getRow(headerRow + 1 + Math.max(1, table.rows.length)), sheet);
  if (sheet.charts?.length) printChartsWithTable(ws, sheet, fits);
  addLinksAndBars(ws, sheet);
  return ws;
}

/** The total row's values (constants: the consolidation's own totals), bold, in the columns' formats. */
export function writeTotals(row: ExcelJS.Row, sheet: OutSheet): void {
  const fits = fitColumns(sheet.table.columns);
  sheet.table.columns.forEach((c, j) => {
    const cell = row.getCell(j + 1);
    const v = sheet.table.totals?.[j] ?? null;
    cell.value = excelValue(v);
    const fmt = numberFormatFor(c.type, v);
    if (fmt) cell.numFmt = fmt;
    cell.font = BOLD_FONT;
    cell.alignment = bodyAlignment(fits[j]);
  });
}

/** A hidden sheet of plain values (machine-readable data that travels with the workbook). */
export function addHiddenSheet(wb: Pick<ExcelJS.Workbook, 'addWorksheet'>, sheet: HiddenSheet): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheet.name, { state: 'hidden' });
  sheet.rows.forEach((r, i) => {
    const row = ws.getRow(i + 1);
    r.forEach((v, j) => {
      if (v !== null) row.getCell(j + 1).value = v; // text stays text: a string cell is never a formula
    });
  });
  return ws;
}

export async function writeOutSheets(
  sheets: OutSheet[],
  props: { title?: string; hidden?: HiddenSheet[] } = {},
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'tonghop';
  if (props.title) wb.title = props.title;
  for (const s of sheets) addOutSheet(wb, s);
  for (const h of props.hidden ?? []) addHiddenSheet(wb, h);
  return addCharts(await workbookBytes(wb), sheets);
}
