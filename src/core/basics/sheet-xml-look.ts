/**
 * How each cell of an OutSheet looks when the ExcelJS writer (xlsx-write.ts, addOutSheet) writes it, as the style a
 * reader sees on the cell (ExcelJS gives a new cell its row's or else its column's style, and a style set on a
 * column or a row reaches the cells it already has): the direct writer (sheet-xml.ts) writes the same. Built from
 * the same constants and helpers as the ExcelJS writer; test/summary/direct-writer.test.ts compares the two writers
 * cell by cell, so a change made there and not here fails it.
 */
import type ExcelJS from 'exceljs';
import { DATE_FORMAT, NUMBER_FORMATS, formatOfValue } from './number-formats';
import {
  type OutColumn,
  type OutSheet,
  type OutValue,
  type Tone,
  TONE_COLOURS,
  isOutDate,
  tableHeaderRow,
} from './sheets';
import type { CellStyle } from './sheet-xml-styles';
import { printSetup, workbookFont, wrappedRowHeight } from './xlsx-write';

/** One cell of a row written whole (the preamble, the header, the totals). */
export interface LookCell {
  /** 0-based column. */
  col: number;
  value: OutValue;
  style: CellStyle | undefined;
}

export interface LookRow {
  /** 1-based row. */
  row: number;
  cells: LookCell[];
  height?: number;
  /** The row's own style (ExcelJS: a style set on the row). */
  style?: CellStyle;
}

const TITLE_FONT = workbookFont({ bold: true, size: 14 });
const BOLD_FONT = workbookFont({ bold: true });
const LINK_FONT = workbookFont({ color: { argb: 'FF0563C1' }, underline: true });
const HEADER_ALIGNMENT: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'middle' };
const WRAP_TOP: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };

/** A column's own style: its number format (a text column has none). */
export function columnStyle(c: OutColumn): CellStyle | undefined {
  const fmt = NUMBER_FORMATS[c.type];
  return fmt ? { numFmt: fmt } : undefined;
}

/** Wide text columns wrap their text at the top of the cell. */
const wraps = (c: OutColumn) => c.type === 'text' && c.width >= 30;

/** The preamble lines: a title in 14 pt bold, the others bold; a typed column's format over the line's own. */
export function preambleRows(sheet: OutSheet): LookRow[] {
  return sheet.preamble.map((line, i) => {
    const cells: LookCell[] = [];
    const width = Math.max(1, line.length);
    for (let col = 0; col < width; col++) {
      const v = line[col] ?? null;
      const own = v === null ? undefined : isOutDate(v) ? DATE_FORMAT : formatOfValue(v);
      const numFmt = NUMBER_FORMATS[sheet.table.columns[col]?.type ?? 'text'] ?? own;
      const style: CellStyle = {};
      if (numFmt) style.numFmt = numFmt;
      if (col === 0) style.font = i === 0 ? TITLE_FONT : BOLD_FONT;
      cells.push({ col, value: v, style: Object.keys(style).length > 0 ? style : undefined });
    }
    return { row: i + 1, cells };
  });
}

/** The table's header: bold, wrapped, centred vertically, as tall as its longest header needs. */
export function headerRow(sheet: OutSheet): LookRow {
  const { columns } = sheet.table;
  const height = wrappedRowHeight(columns.map((c) => ({ text: c.header, width: c.width * 0.8 })));
  return {
    row: tableHeaderRow(sheet),
    cells: columns.map((c, col) => ({
      col,
      value: c.header,
      style: { ...columnStyle(c), font: BOLD_FONT, alignment: HEADER_ALIGNMENT },
    })),
    ...(height ? { height } : {}),
    style: { font: BOLD_FONT, alignment: HEADER_ALIGNMENT },
  };
}

/** The total row: the consolidation's totals, bold, in the columns' formats. */
export function totalsRow(sheet: OutSheet, row: number): LookRow | null {
  const { totals, columns } = sheet.table;
  if (!totals) return null;
  return {
    row,
    cells: columns.map((c, col) => ({
      col,
      value: totals[col] ?? null,
      style: { ...columnStyle(c), font: BOLD_FONT },
    })),
  };
}

/** A body cell's style: the column's format, wrapped if wide text, the row's tone, a link's font. */
export function bodyStyle(c: OutColumn, tone: Tone | undefined, link: boolean): CellStyle | undefined {
  const style: CellStyle = { ...columnStyle(c) };
  if (wraps(c)) style.alignment = WRAP_TOP;
  if (tone) style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF' + TONE_COLOURS[tone] } };
  if (link) style.font = LINK_FONT;
  return Object.keys(style).length > 0 ? style : undefined;
}

/** A body row's height: its wide texts shown whole (undefined: the default height). */
export function bodyRowHeight(columns: readonly OutColumn[], values: readonly OutValue[]): number | undefined {
  const cells: { text: string; width: number }[] = [];
  for (let j = 0; j < columns.length; j++) {
    const v = values[j];
    if (typeof v === 'string' && wraps(columns[j])) cells.push({ text: v, width: columns[j].width });
  }
  return cells.length > 0 ? wrappedRowHeight(cells) : undefined;
}

/** The page setup every sheet gets (ExcelJS's defaults under printSetup's). */
export function pageSetupOf(headerRowNumber: number) {
  const set = printSetup(headerRowNumber);
  return {
    margins: set.pageSetup.margins!,
    pageSetup: {
      paperSize: set.pageSetup.paperSize,
      orientation: set.pageSetup.orientation ?? 'portrait',
      fitToPage: set.pageSetup.fitToPage ?? false,
      fitToWidth: set.pageSetup.fitToWidth ?? 1,
      fitToHeight: set.pageSetup.fitToHeight ?? 1,
      printTitlesRow: set.pageSetup.printTitlesRow,
      printArea: (set.pageSetup as { printArea?: string }).printArea,
    },
    headerFooter: set.headerFooter,
  };
}

/** The row after which a page breaks (the charts below the table print on a page of their own), or null. */
export function pageBreakRow(sheet: OutSheet, bodyRows: number): number | null {
  if (!sheet.charts?.length) return null;
  return tableHeaderRow(sheet) + Math.max(1, bodyRows) + (sheet.table.totals ? 1 : 0);
}

/** The data bar every `dataBar` column draws over its body. */
export const DATA_BAR = { color: 'FF9DC3E6', min: 0 } as const;
