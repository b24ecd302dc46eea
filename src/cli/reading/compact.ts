/**
 * Submissions kept compact in the main thread: the consolidation holds every submission until the
 * outputs are written, 60 rows per file at 10,000 files. A submission that crossed from a worker is a structured
 * clone, so every row has its own copy of the file and sheet names, the cell address, the task code, the status and
 * often the same result text as the other files. Here the rows' strings are shared (one copy of each distinct
 * text, bounded) and a row without indicators points at one empty object. Values are unchanged: the same strings,
 * the same keys in the same order (the objects are changed in place, not copied).
 */
import { type ReportedRow, type Submission, flatCopy } from '../../core';

/** One copy of each distinct string seen, up to `size` strings (then the table starts again, so memory is bounded). */
export class StringPool {
  private readonly seen = new Map<string, string>();
  constructor(private readonly size = 100_000) {}

  /** The shared copy of `s`. A new string is stored as a flat copy: a slice of a workbook's XML would keep the
   * whole XML alive (V8 keeps a sliced string's parent). */
  of(s: string): string {
    const known = this.seen.get(s);
    if (known !== undefined) return known;
    if (this.seen.size >= this.size) this.seen.clear();
    const copy = flatCopy(s);
    this.seen.set(copy, copy);
    return copy;
  }
}

/** Shared by every row that has no indicator value (read only: nothing writes into a submission's rows). */
const NO_INDICATORS: ReportedRow['indicators'] = Object.freeze({}) as ReportedRow['indicators'];

function shareSource(src: ReportedRow['source'], file: string, pool: StringPool): void {
  src.file = src.file === file ? file : pool.of(src.file);
  src.sheet = pool.of(src.sheet);
  src.cell = pool.of(src.cell);
}

function shareRow(row: ReportedRow, file: string, pool: StringPool): void {
  row.taskCode = pool.of(row.taskCode);
  if (row.status !== null) row.status = pool.of(row.status) as ReportedRow['status'];
  row.result = pool.of(row.result);
  row.note = pool.of(row.note);
  shareSource(row.source, file, pool);
  let any = false;
  for (const k in row.indicators) {
    any = true;
    shareSource(row.indicators[k].source, file, pool);
  }
  if (!any) row.indicators = NO_INDICATORS;
}

/**
 * Shares the strings of `sub`'s rows through `pool`, in place (a submission the pool just received or read: nothing
 * else holds it yet), and returns it.
 */
export function compactSubmission(sub: Submission, pool: StringPool): Submission {
  sub.file = pool.of(sub.file);
  for (const row of sub.rows) shareRow(row, sub.file, pool);
  return sub;
}
