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

/** What a packed submission keeps of its rows. */
class PackedRows {
  constructor(
    readonly count: number,
    private readonly file: string,
    private readonly texts: (string | null)[],
    private readonly numbers: number[],
  ) {}

  unpack(): ReportedRow[] {
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

const packed = new WeakMap<Submission, PackedRows>();

/**
 * Packs the rows of `sub` in place and returns it: from then on `sub.rows` is made afresh from the packed form each
 * time it is read (a copy of the submission made with a spread takes the rows as arrays). Only rows whose keys are
 * the schema's are packed as they are; `share` gives the one copy of a string to keep (identity for none).
 */
export function packSubmissionRows(sub: Submission, share: (s: string) => string = (s) => s): Submission {
  const file = sub.file;
  const texts: (string | null)[] = [];
  const numbers: number[] = [];
  const source = (s: Source) => texts.push(s.file === file ? null : share(s.file), share(s.sheet), share(s.cell));
  for (const row of sub.rows) {
    texts.push(share(row.taskCode), row.status === null ? null : share(row.status), share(row.result), share(row.note));
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
  const rows = new PackedRows(sub.rows.length, file, texts, numbers);
  packed.set(sub, rows);
  // redefined in place: the key keeps its position, so the submission's keys keep their order
  Object.defineProperty(sub, 'rows', { get: () => rows.unpack(), enumerable: true, configurable: true });
  return sub;
}

/** How many rows `s` has, without unpacking them. */
export function rowCountOf(s: Submission): number {
  return packed.get(s)?.count ?? s.rows.length;
}
