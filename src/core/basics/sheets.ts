/**
 * A door-neutral description of an output sheet: what to write, not how. The ExcelJS writer (files) and the
 * Office.js door (the open workbook) both render these, so the summary is defined once.
 */
import type { IsoDate } from './dates';

export type ColumnType = 'text' | 'integer' | 'number' | 'date' | 'percent';

export interface OutColumn {
  header: string;
  type: ColumnType;
  width: number;
}

/** A date is wrapped so that the writers can tell it from text. */
export interface OutDate {
  date: IsoDate;
}
export type OutValue = string | number | OutDate | null;

export type Tone = 'ok' | 'late' | 'missing' | 'rejected' | 'error' | 'warning' | null;

export interface OutTable {
  /** An Excel table name: letters, digits, underscore; unique in the workbook. */
  name: string;
  columns: OutColumn[];
  rows: OutValue[][];
  /** Optional colour per row (late, missing …). */
  tones?: Tone[];
}

export interface OutSheet {
  name: string;
  /** Lines above the table: the first is the sheet title. Each line is a row of cells. */
  preamble: OutValue[][];
  table: OutTable;
}

export function isOutDate(v: OutValue): v is OutDate {
  return typeof v === 'object' && v !== null && 'date' in v;
}

export const TONE_COLOURS: Record<Exclude<Tone, null>, string> = {
  ok: 'E2EFDA',
  late: 'FCE4D6',
  missing: 'F8CBAD',
  rejected: 'D9D9D9',
  error: 'F8CBAD',
  warning: 'FFF2CC',
};

/** Row (1-based) of the table header in a sheet: preamble, one blank line, then the table. */
export function tableHeaderRow(sheet: OutSheet): number {
  return sheet.preamble.length === 0 ? 1 : sheet.preamble.length + 2;
}

/**
 * The one way to define a table: each column says its header, type, width and how to get its value from a row
 * of the data. Summary sheets, report tables, reminders and the pane's overview all use it, so a header and its
 * value can never drift apart.
 */
export interface Column<R> extends OutColumn {
  value: (row: R) => OutValue;
}

export function column<R>(header: string, type: ColumnType, width: number, value: (row: R) => OutValue): Column<R> {
  return { header, type, width, value };
}

/** A table of `rows` through its column definitions; `tone` colours a row (late, missing …). */
export function tableOf<R>(
  name: string,
  columns: readonly Column<R>[],
  rows: readonly R[],
  tone?: (row: R) => Tone,
): OutTable {
  const table: OutTable = {
    name,
    columns: columns.map(({ header, type, width }) => ({ header, type, width })),
    rows: rows.map((r) => columns.map((c) => c.value(r))),
  };
  if (tone) table.tones = rows.map(tone);
  return table;
}
