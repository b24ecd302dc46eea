/**
 * How an OutSheet's table is laid out on a sheet, measured with the fonts' metrics (measure.ts), for every writer
 * of it (the summary, the history and the reminder sheet through xlsx-write.ts, the streamed summary, the Office.js
 * door): each column's width (never narrower than a word of its header, a date or a percent), its alignment (top,
 * text wrapped, a date centred, a text after a number indented so that the two never touch), and each row's height
 * (every line of every cell shown). Cells are Calibri 11, a workbook's default font, named so that a renderer never
 * falls back to another font.
 */
import {
  type TextFont,
  columnTextWidth,
  lineCount,
  longestWord,
  rowHeight,
  rowHeightFor,
  textWidth,
  unitsForText,
} from './measure';
import type { ColumnType, OutColumn, OutValue } from './sheets';

/** The font of the cells, the header and total rows, and the sheet's title (first preamble line). */
export const SHEET_FONT = { name: 'Calibri', size: 11 } as const;
export const BOLD_FONT = { ...SHEET_FONT, bold: true } as const;
export const TITLE_FONT = { name: 'Calibri', size: 14, bold: true } as const;

const BODY: TextFont = { family: 'Calibri', size: 11 };
const BOLD: TextFont = { ...BODY, bold: true };
const TITLE: TextFont = { family: 'Calibri', size: 14, bold: true };

/** The widest value a column of a type shows (a date, a percent), so that it never turns into ####. */
const WIDEST: Partial<Record<ColumnType, string>> = { date: '00/00/0000', percent: '100,0%', integer: '999.999' };

/** Room the filter button of a table's header takes from its text (points). */
const FILTER_BUTTON = 18;

export interface ColumnFit {
  /** Excel width units. */
  width: number;
  horizontal?: 'center';
  /** An indent level: a left-aligned text right after a number or a date. */
  indent: number;
  wrap: boolean;
}

/** A column whose values reach (or nearly reach) its right edge: numbers, and dates (centred, nearly full). */
const fullToTheRight = (t: ColumnType | undefined) =>
  t === 'integer' || t === 'number' || t === 'percent' || t === 'date';

/** Each column's width and alignment. */
export function fitColumns(columns: readonly OutColumn[]): ColumnFit[] {
  return columns.map((c, i) => {
    const indent = c.type === 'text' && fullToTheRight(columns[i - 1]?.type) ? 1 : 0;
    const header = longestWord(c.header, BOLD) + FILTER_BUTTON;
    const widest = WIDEST[c.type] ? textWidth(WIDEST[c.type]!, BODY) : 0;
    return {
      width: Math.max(c.width, unitsForText(Math.max(header, widest), indent)),
      ...(c.type === 'date' ? { horizontal: 'center' as const } : {}),
      indent,
      wrap: c.type === 'text',
    };
  });
}

/** The ExcelJS alignment of a column's body cells. */
export function bodyAlignment(fit: ColumnFit): {
  vertical: 'top';
  wrapText?: boolean;
  horizontal?: 'center' | 'left';
  indent?: number;
} {
  return {
    vertical: 'top',
    ...(fit.wrap ? { wrapText: true } : {}),
    ...(fit.horizontal ? { horizontal: fit.horizontal } : {}),
    // an indent needs the text aligned left: Excel and LibreOffice ignore it under the general alignment
    ...(fit.indent ? { horizontal: 'left' as const, indent: fit.indent } : {}),
  };
}

/** The height of the header row (bold, wrapped between words, beside the filter button). */
export function headerHeight(columns: readonly OutColumn[], fits: readonly ColumnFit[]): number {
  return rowHeight(
    columns.map((c, i) => ({ text: c.header, width: columnTextWidth(fits[i].width) - FILTER_BUTTON, font: BOLD })),
  );
}

/**
 * The height of a body row: its wrapped texts shown whole. A short text (one that would fit even in the widest
 * letters) is not measured, so that a sheet of many thousand rows stays quick.
 */
export function bodyRowHeight(values: readonly OutValue[], fits: readonly ColumnFit[]): number {
  let height = rowHeightFor(1, BODY);
  values.forEach((v, i) => {
    const fit = fits[i];
    if (!fit?.wrap || typeof v !== 'string' || v === '') return;
    const width = columnTextWidth(fit.width, fit.indent);
    if (v.length * BODY.size < width && !v.includes('\n')) return; // no letter is wider than an em
    height = Math.max(height, rowHeightFor(lineCount(v, width, BODY), BODY));
  });
  return height;
}

/** The height of a preamble line: the title in 14 pt, the others in 11 pt. */
export function preambleHeight(index: number): number {
  return rowHeightFor(1, index === 0 ? TITLE : BOLD);
}
