/**
 * A summary table given row by row, for the writer that streams (the `Chi tiết` sheet of 10,000 files is
 * 600,000 rows): the same columns, values, tones and links as `tableOf` gives for the same rows, made one at a
 * time from the consolidation instead of held as arrays.
 */
import { type Column, type Tone, columnHeads } from '../basics/sheets';
import type { StreamTable } from '../basics/sheet-xml';
import type { RenderedRows, TableRow } from '../basics/sheet-xml-rows';

export type { TableRow };

/** The rows of `source` through the columns, as `tableOf` makes them (a column's link only where it has one). */
export function tableRowsOf<R>(
  columns: readonly Column<R>[],
  source: Iterable<R>,
  tone?: (row: R) => Tone,
): Iterable<TableRow> {
  const linked = columns.some((c) => c.link);
  return {
    *[Symbol.iterator]() {
      for (const r of source)
        yield {
          values: columns.map((c) => c.value(r)),
          tone: tone ? tone(r) : undefined,
          links: linked ? columns.map((c) => (c.link ? c.link(r) : null)) : null,
        };
    },
  };
}

/**
 * A table streamed to the direct writer: `count` rows, `links` of them with a link cell, the body made when it is
 * written (from the rows' data, or rows made before: RenderedRows).
 */
export function streamTableOf<R>(
  name: string,
  columns: readonly Column<R>[],
  size: { count: number; links: number },
  body: () => Iterable<TableRow | RenderedRows> | AsyncIterable<TableRow | RenderedRows>,
): StreamTable {
  return { name, columns: columnHeads(columns), ...size, body };
}
