/**
 * A submission's rows kept packed: what the CLI holds for each file read until the outputs are written (10,000
 * files of 60 rows). The rows of a file are two flat arrays instead of some 180 small objects: the texts (task
 * code, status, result, note, sheet, cell, and per indicator its code and source; a source file equal to the
 * submission's own file is not repeated) and the numbers (indicator count, then per indicator its value and its
 * weight, NaN for none). `rows` gives them back as new objects, equal to the rows packed (the same keys in the same
 * order), each time it is read; the texts are shared through `share` (one copy of each repeated string).
 *
 * consolidate() reads a submission's rows once per use and their count without unpacking them (rowCountOf),
 * so a packed submission consolidates exactly as the same submission with its rows as arrays.
 */
import type { ReportedRow, Source, Submission } from '../basics/model';

/** Where a submission's rows are kept aside: how many, and the rows made again (new objects) each time. */
export interface RowsAside {
  readonly count: number;
  rows(): ReportedRow[];
}

/**
 * The rows of one file as two flat arrays: `texts` (per row: task code, status or null, result, note, source
 * file or null for the submission's own, sheet, cell; then per indicator: code, source file or null, sheet, cell)
 * and `numbers` (per row: indicator count; then per indicator: value, weight or NaN for none).
 */
export class PackedRows implements RowsAside {
  constructor(
    readonly count: number,
    readonly file: string,
    readonly texts: (string | null)[],
    readonly numbers: number[],
  ) {}

  /** Packs `rows` of the file `file`; `share` gives the one copy of a string to keep (identity for none). */
  static of(rows: ReportedRow[], file: string, share: (s: string) => string = (s) => s): PackedRows {
    const texts: (string | null)[] = [];
    const numbers: number[] = [];
    const source = (s: Source) => texts.push(s.file === file ? null : share(s.file), share(s.sheet), share(s.cell));
    for (const row of rows) {
      texts.push(
        share(row.taskCode),
        row.status === null ? null : share(row.status),
        share(row.result),
        share(row.note),
      );
      source(row.source);
      const codes = Object.keys(row.indicators);
      numbers.push(codes.length);
      for (const code of codes) {
        const ind = row.indicators[code];
        texts.push(share(code));
        numbers.push(ind.value, ind.weight ?? NaN);
        source(ind.source);
      }
    }
    return new PackedRows(rows.length, file, texts, numbers);
  }

  rows(): ReportedRow[] {
    const { texts: t, numbers: n, file } = this;
    const rows: ReportedRow[] = [];
    let ti = 0;
    let ni = 0;
    const source = (): Source => ({ file: t[ti++] ?? file, sheet: t[ti++]!, cell: t[ti++]! });
    for (let r = 0; r < this.count; r++) {
      const taskCode = t[ti++]!;
      const status = t[ti++] as ReportedRow['status'];
      const result = t[ti++]!;
      const note = t[ti++]!;
      const rowSource = source();
      const indicators: ReportedRow['indicators'] = {};
      for (let k = n[ni++]; k > 0; k--) {
        const code = t[ti++]!;
        const value = n[ni++];
        const weight = n[ni++];
        const src = source();
        indicators[code] = Number.isNaN(weight) ? { value, source: src } : { value, source: src, weight };
      }
      rows.push({ taskCode, status, result, note, indicators, source: rowSource });
    }
    return rows;
  }
}

const aside = new WeakMap<Submission, RowsAside>();

/**
 * Keeps the rows of `sub` aside, in place, and returns it: from then on `sub.rows` is made afresh from `kept` each
 * time it is read (a copy of the submission made with a spread takes the rows as arrays).
 */
export function setRowsAside(sub: Submission, kept: RowsAside): Submission {
  aside.set(sub, kept);
  // redefined in place: the key keeps its position, so the submission's keys keep their order
  Object.defineProperty(sub, 'rows', { get: () => kept.rows(), enumerable: true, configurable: true });
  return sub;
}

/** Packs the rows of `sub` in place (PackedRows, strings shared through `share`) and returns it. */
export function packSubmissionRows(sub: Submission, share: (s: string) => string = (s) => s): Submission {
  return setRowsAside(sub, PackedRows.of(sub.rows, sub.file, share));
}

/** How many rows `s` has, without unpacking them. */
export function rowCountOf(s: Submission): number {
  return aside.get(s)?.count ?? s.rows.length;
}
