/**
 * Submissions kept compact in the main thread: the consolidation holds every submission until the
 * outputs are written, 60 rows per file at 10,000 files. A submission that crossed from a worker is a structured
 * clone, so every row has its own copy of the file and sheet names, the cell address, the task code, the status and
 * often the same result text as the other files, in some 180 small objects. Here the rows are packed into two flat
 * arrays (made again as the same objects each time they are read) and their strings shared (one copy of each
 * distinct text, bounded): a few KB per file instead of some 40.
 */
import { type Submission, PackedRows, flatCopy, packSubmissionRows, setRowsAside } from '../../core';
import type { RowKeeper } from './spill';

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

/**
 * Keeps `sub` compact, in place (a submission the pool just received or read: nothing else holds it yet), and
 * returns it: its rows packed into two flat arrays (core's PackedRows: made again as objects when read), their
 * strings shared through `pool`, or, given a `keeper` (spill.ts), handed to it.
 */
export function compactSubmission(sub: Submission, pool: StringPool, keeper?: RowKeeper): Submission {
  sub.file = pool.of(sub.file);
  if (!keeper) return packSubmissionRows(sub, (s) => pool.of(s));
  return setRowsAside(sub, keeper.keep(PackedRows.of(sub.rows, sub.file)));
}
