/**
 * The number formats of every writer (ExcelJS files and the Office.js door), by column type. One table: a format
 * changed here changes the summary file, the sheets the pane writes into the workbook and the report alike.
 *
 * The report upward uses the vi-VN variants: the [$-42A] prefix (Vietnamese) makes LibreOffice render `1.234,5`
 * whatever its own locale; Excel takes the separators from Windows' regional settings (vi-VN: `1.234,5`).
 */
import type { ColumnType } from './sheets';

export const DATE_FORMAT = 'dd/mm/yyyy';
/** Excel's text format: a value written under it stays text (`=…`, `+1`, `@x` are not formulas). */
export const TEXT_FORMAT = '@';
export const GENERAL_FORMAT = 'General';

/** Summary sheets: by column type (text has no format in a file; the Excel door writes it as TEXT_FORMAT). */
export const NUMBER_FORMATS: Record<ColumnType, string | undefined> = {
  integer: '#,##0',
  number: '#,##0.##',
  date: DATE_FORMAT,
  percent: '0.0%',
  text: undefined,
};

/** A value with decimals in a `number` column: at least one decimal shown, at most three. */
export const DECIMAL_FORMAT = '#,##0.0##';

/**
 * The format of one number in a column of a type. An indicator (`number`) shows its decimals only when it has some:
 * `#,##0.##` would show a whole 30707 as "30.707," in Excel (the decimal separator with nothing after it).
 */
export function numberFormatFor(type: ColumnType, v: unknown): string | undefined {
  if (type === 'number' && typeof v === 'number') return Number.isInteger(v) ? NUMBER_FORMATS.integer : DECIMAL_FORMAT;
  return NUMBER_FORMATS[type];
}

/** The report upward (Decree 30 layout): vi-VN formats. */
export const VI_NUMBER_FORMATS = {
  integer: '[$-42A]#,##0',
  decimal: '[$-42A]#,##0.0##',
  percent: '[$-42A]0.0%',
  date: DATE_FORMAT,
} as const;

/** The format of one value written outside a typed column (a preamble line, a template cell). */
export function formatOfValue(v: unknown): string | undefined {
  if (typeof v === 'number' && !Number.isInteger(v)) return DECIMAL_FORMAT;
  return undefined;
}
