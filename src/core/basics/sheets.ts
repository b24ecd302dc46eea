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
  /** Draw a data bar in each cell (the file writer; a door may ignore it). */
  dataBar?: boolean;
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
  /**
   * Optional hyperlinks: per column index, one target per row (null: no link), e.g.
   * `submissions/ST-SYT.xlsx#'Báo cáo'!$D$12`, relative to the written workbook. A door may ignore them.
   */
  links?: { column: number; targets: (string | null)[] }[];
  /** Optional total row, outside the sortable data (a table total row where the writer can). */
  totals?: OutValue[];
}

/** A sheet that only programs read: hidden, plain rows of values, no table. */
export interface HiddenSheet {
  name: string;
  rows: (string | number | null)[][];
}

export interface OutSheet {
  name: string;
  /** Lines above the table: the first is the sheet title. Each line is a row of cells. */
  preamble: OutValue[][];
  table: OutTable;
  /** Optional native charts of the table, below it (the file writer; a door may draw its own). */
  charts?: OutChart[];
}

/**
 * A horizontal bar chart of table columns against the table's first column (the categories); or (`line`) one line
 * per group of consecutive rows (`rowSeries`: each group's name, first row and row count), its points the
 * values of column `series[0]` against the texts of column `category` (e.g. periods), for a trend.
 */
export interface OutChart {
  title: string;
  kind: 'stacked' | 'clustered' | 'line';
  /** Table column indexes of the series, in order (a line chart: the one column of its values). */
  series: number[];
  /** A line chart: its lines, each over consecutive table rows (0-based, in the table's body). */
  rowSeries?: { name: string; first: number; count: number }[];
  /** A line chart: the table column of the points' categories. */
  category?: number;
  /** Series colours (RGB hex), in series order; absent: the theme's. */
  colours?: string[];
  /** Values are fractions shown as percent, axis 0–100%. */
  percent?: boolean;
  /** Where it sits: from column to column (0-based, end excluded) and its height in rows. */
  columns: [number, number];
  rows: number;
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
  /** A hyperlink target for the cell (see OutTable.links). */
  link?: (row: R) => string | null;
}

export function column<R>(
  header: string,
  type: ColumnType,
  width: number,
  value: (row: R) => OutValue,
  extra: { link?: (row: R) => string | null; dataBar?: boolean } = {},
): Column<R> {
  const c: Column<R> = { header, type, width, value };
  if (extra.link) c.link = extra.link;
  if (extra.dataBar) c.dataBar = true;
  return c;
}

/** The columns of a table as written (header, type, width, data bar), without their value and link functions. */
export function columnHeads<R>(columns: readonly Column<R>[]): OutTable['columns'] {
  return columns.map(({ header, type, width, dataBar }) => ({ header, type, width, ...(dataBar ? { dataBar } : {}) }));
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
    columns: columnHeads(columns),
    rows: rows.map((r) => columns.map((c) => c.value(r))),
  };
  if (tone) table.tones = rows.map(tone);
  const links = columns
    .flatMap((c, column) => (c.link ? [{ column, targets: rows.map(c.link) }] : []))
    .filter((l) => l.targets.some((t) => t !== null));
  if (links.length > 0) table.links = links;
  return table;
}
