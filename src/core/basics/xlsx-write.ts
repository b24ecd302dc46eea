/**
 * Writing workbooks with ExcelJS: OutSheet descriptions → real Excel tables with frozen headers, widths,
 * number and date formats. Text is always written as a string cell, so a value such as "=1+1" stays text.
 */
import ExcelJS from 'exceljs';
import { toUtcDate } from './dates';
import { type HiddenSheet, type OutSheet, type OutValue, TONE_COLOURS, isOutDate, tableHeaderRow } from './sheets';
import { columnLetter } from './grid';
import { addCharts } from './xlsx-charts';
import { DATE_FORMAT, NUMBER_FORMATS, formatOfValue } from './number-formats';

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

/** Lines a text needs in a column of the given width (Excel width units ≈ characters). */
export function linesNeeded(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width * 1.15));
  return text.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil(part.length / perLine)), 0);
}

/** A row height that shows wrapped text whole (Excel and LibreOffice do not grow rows written by ExcelJS). */
export function wrappedRowHeight(cells: { text: string; width: number }[], lineHeight = 15): number | undefined {
  const lines = Math.max(1, ...cells.map((c) => linesNeeded(c.text, c.width)));
  return lines > 1 ? lines * lineHeight : undefined;
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
    row.getCell(1).font = workbookFont(i === 0 ? { bold: true, size: 14 } : { bold: true });
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

function styleBody(ws: ExcelJS.Worksheet, sheet: OutSheet, headerRow: number): void {
  const { table } = sheet;
  table.rows.forEach((r, i) => {
    const row = ws.getRow(headerRow + 1 + i);
    table.columns.forEach((c, j) => {
      const cell = row.getCell(j + 1);
      const fmt = NUMBER_FORMATS[c.type];
      if (fmt) cell.numFmt = fmt;
      if (c.type === 'text' && c.width >= 30) cell.alignment = { wrapText: true, vertical: 'top' };
    });
    const height = wrappedRowHeight(
      table.columns.map((c, j) => ({
        text: typeof r[j] === 'string' && c.type === 'text' && c.width >= 30 ? (r[j] as string) : '',
        width: c.width,
      })),
    );
    if (height) row.height = height;
    const tone = table.tones?.[i];
    if (tone) {
      const fill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF' + TONE_COLOURS[tone] } };
      for (let j = 1; j <= table.columns.length; j++) row.getCell(j).fill = fill;
    }
  });
}

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
      cell.font = workbookFont({ color: { argb: 'FF0563C1' }, underline: true });
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
  writePreamble(ws, sheet);
  const { table } = sheet;
  table.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width;
    const fmt = NUMBER_FORMATS[c.type];
    if (fmt) col.numFmt = fmt;
  });
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
  hr.font = workbookFont({ bold: true });
  // bold headers are wider than body text: estimate on a narrower column
  const headerHeight = wrappedRowHeight(table.columns.map((c) => ({ text: c.header, width: c.width * 0.8 })));
  if (headerHeight) hr.height = headerHeight; // a wrapped header shows whole, in print too
  styleBody(ws, sheet, headerRow);
  if (totals) writeTotals(ws.getRow(headerRow + 1 + Math.max(1, table.rows.length)), sheet);
  // the charts (xlsx-charts.ts) start below the table: on a page of their own when printed
  if (sheet.charts?.length) ws.getRow(headerRow + Math.max(1, table.rows.length) + (totals ? 1 : 0)).addPageBreak();
  addLinksAndBars(ws, sheet);
  return ws;
}

/** The total row's values (constants: the consolidation's own totals), bold, in the columns' formats. */
export function writeTotals(row: ExcelJS.Row, sheet: OutSheet): void {
  sheet.table.columns.forEach((c, j) => {
    const cell = row.getCell(j + 1);
    cell.value = excelValue(sheet.table.totals?.[j] ?? null);
    const fmt = NUMBER_FORMATS[c.type];
    if (fmt) cell.numFmt = fmt;
    cell.font = workbookFont({ bold: true });
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
