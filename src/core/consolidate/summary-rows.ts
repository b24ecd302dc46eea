/**
 * A summary table given row by row, for a writer that streams (the `Chi tiết` sheet of 10,000 files is
 * 600,000 rows): the same columns, values, tones and links as `tableOf` gives for the same rows, made one at a
 * time from the consolidation instead of held as arrays.
 */
import {
  type Column,
  type OutColumn,
  type OutSheet,
  type OutTable,
  type OutValue,
  type Tone,
  columnHeads,
} from '../basics/sheets';

/** One row of a table: its values (one per column), its tone, and per column a link target or null. */
export interface TableRow {
  values: OutValue[];
  tone: Tone | undefined;
  links: (string | null)[] | null;
}

export interface RowTable {
  name: string;
  columns: OutColumn[];
  /** How many rows `rows()` gives. */
  count: number;
  rows(): Iterable<TableRow>;
  totals?: OutValue[];
}

/** A summary sheet whose table is given row by row. */
export interface RowSheet extends Omit<OutSheet, 'table'> {
  table: RowTable;
}

/** The rows of `source` through the columns, as `tableOf` makes them (a column's link only where it has one). */
export function rowTableOf<R>(
  name: string,
  columns: readonly Column<R>[],
  count: number,
  source: () => Iterable<R>,
  tone?: (row: R) => Tone,
): RowTable {
  const linked = columns.some((c) => c.link);
  return {
    name,
    columns: columnHeads(columns),
    count,
    *rows() {
      for (const r of source())
        yield {
          values: columns.map((c) => c.value(r)),
          tone: tone ? tone(r) : undefined,
          links: linked ? columns.map((c) => (c.link ? c.link(r) : null)) : null,
        };
    },
  };
}

/** An in-memory table (tableOf's) given row by row. */
export function rowTableFrom(table: OutTable): RowTable {
  const links = table.links ?? [];
  return {
    name: table.name,
    columns: table.columns,
    count: table.rows.length,
    *rows() {
      for (let i = 0; i < table.rows.length; i++) {
        let row: (string | null)[] | null = null;
        if (links.length > 0) {
          row = table.columns.map(() => null);
          for (const l of links) row[l.column] = l.targets[i] ?? null;
        }
        yield { values: table.rows[i], tone: table.tones?.[i], links: row };
      }
    },
    ...(table.totals ? { totals: table.totals } : {}),
  };
}
