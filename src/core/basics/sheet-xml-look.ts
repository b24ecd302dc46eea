/**
 * How each cell of an OutSheet looks when the ExcelJS writer (xlsx-write.ts, addOutSheet) writes it, as the style a
 * reader sees on the cell (ExcelJS gives a new cell its row's or else its column's style, and a style set on a
 * column or a row reaches the cells it already has): the direct writer (sheet-xml.ts) writes the same. Built from
 * the same helpers as the ExcelJS writer (sheet-fit.ts, number-formats.ts); test/summary/direct-writer.test.ts
 * compares the two writers cell by cell, so a change made there and not here fails it.
 */
import type ExcelJS from 'exceljs';
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
import { LINK_FONT, printSetup } from './xlsx-write';
import { type ChartsPrint, chartsPrint } from './xlsx-print';

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

const HEADER_ALIGNMENT: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'middle' };
const TITLE_ALIGNMENT: Partial<ExcelJS.Alignment> = { vertical: 'bottom', wrapText: false };

/** The look of one table: its columns fitted (widths, alignment) once, every cell's style from them. */
export class TableLook {
  readonly fits: ColumnFit[];
  private readonly columnStyles: (CellStyle | undefined)[];

  constructor(readonly columns: readonly OutColumn[]) {
    this.fits = fitColumns(columns);
    this.columnStyles = columns.map((c, j) => {
      const style: CellStyle = { font: SHEET_FONT, alignment: bodyAlignment(this.fits[j]) };
      const fmt = NUMBER_FORMATS[c.type];
      if (fmt) style.numFmt = fmt;
      return style;
    });
  }

  /** A column's own style (the cells it has no value in show it); beyond the table, none. */
  column(j: number): CellStyle | undefined {
    return this.columnStyles[j];
  }

  width(j: number): number {
    return this.fits[j].width;
  }

  /** The preamble lines: each value in its column's style (its own format for a date or a decimal); the first
   * cell the title's font (14 pt for the first line), one line that does not wrap. */
  preamble(sheet: OutSheet): LookRow[] {
    return sheet.preamble.map((line, i) => {
      const cells: LookCell[] = [];
      for (let col = 0; col < Math.max(1, line.length); col++) {
        const v = line[col] ?? null;
        const style: CellStyle = { ...this.column(col) };
        const own = v === null ? undefined : isOutDate(v) ? DATE_FORMAT : formatOfValue(v);
        if (own) style.numFmt = own;
        if (col === 0) Object.assign(style, { font: i === 0 ? TITLE_FONT : BOLD_FONT, alignment: TITLE_ALIGNMENT });
        cells.push({ col, value: v, style: Object.keys(style).length > 0 ? style : undefined });
      }
      return { row: i + 1, cells, height: preambleHeight(i) };
    });
  }

  /** The table's header: bold, wrapped, centred vertically, as tall as its headers need. */
  header(sheet: OutSheet): LookRow {
    const rowStyle: CellStyle = { font: BOLD_FONT, alignment: HEADER_ALIGNMENT };
    return {
      row: tableHeaderRow(sheet),
      cells: this.columns.map((c, col) => ({ col, value: c.header, style: { ...this.column(col), ...rowStyle } })),
      height: headerHeight(this.columns, this.fits),
      style: rowStyle,
    };
  }

  /** The total row: the consolidation's totals, bold, each in its value's format. */
  totals(totals: OutValue[] | undefined, row: number): LookRow | null {
    if (!totals) return null;
    return {
      row,
      cells: this.columns.map((c, col) => {
        const v = totals[col] ?? null;
        const style: CellStyle = { ...this.column(col), font: BOLD_FONT, alignment: bodyAlignment(this.fits[col]) };
        const fmt = numberFormatFor(c.type, v);
        if (fmt) style.numFmt = fmt;
        return { col, value: v, style };
      }),
    };
  }

  /** The number format a body value gets (a whole indicator shows no decimals). */
  format(j: number, v: OutValue): string | undefined {
    return numberFormatFor(this.columns[j].type, v);
  }

  /** A body cell's style: its column's, in `format`, the row's tone, a link's font. */
  body(j: number, format: string | undefined, tone: Tone | undefined, link: boolean): CellStyle | undefined {
    const style: CellStyle = { ...this.column(j) };
    if (format) style.numFmt = format;
    if (tone) style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF' + TONE_COLOURS[tone] } };
    if (link) style.font = LINK_FONT;
    return style;
  }

  /** A body row's height: every line of its wrapped texts shown. */
  bodyHeight(values: readonly OutValue[]): number {
    return bodyRowHeight(values, this.fits);
  }

  /**
   * The page setup (ExcelJS's defaults under printSetup's); a sheet with charts below its table one page tall or
   * its table alone, as its rows' heights say (xlsx-print.ts).
   */
  pageSetup(sheet: OutSheet) {
    const set = printSetup(tableHeaderRow(sheet));
    const margins = set.pageSetup.margins!;
    const charts: ChartsPrint = sheet.charts?.length
      ? chartsPrint(sheet, this.fits, margins, this.heights(sheet))
      : null;
    return {
      margins,
      pageSetup: {
        paperSize: set.pageSetup.paperSize,
        orientation: set.pageSetup.orientation ?? 'portrait',
        fitToWidth: set.pageSetup.fitToWidth ?? 1,
        fitToHeight: charts && 'fitToHeight' in charts ? charts.fitToHeight : (set.pageSetup.fitToHeight ?? 1),
        printTitlesRow: set.pageSetup.printTitlesRow,
        printArea: charts && 'printArea' in charts ? charts.printArea : undefined,
      },
      headerFooter: set.headerFooter,
    };
  }

  /** Each row's height as written, for a sheet whose rows are in memory. */
  private heights(sheet: OutSheet): (row: number) => number | undefined {
    const byRow = new Map<number, number | undefined>();
    for (const r of this.preamble(sheet)) byRow.set(r.row, r.height);
    const head = this.header(sheet);
    byRow.set(head.row, head.height);
    sheet.table.rows.forEach((values, i) => byRow.set(head.row + 1 + i, this.bodyHeight(values)));
    return (row) => byRow.get(row);
  }
}

/** The data bar every `dataBar` column draws over its body. */
export const DATA_BAR = { color: 'FF9DC3E6', min: 0 } as const;
