/**
 * Finding labelled things in grids: a sheet by name, a header row by its labels, a label/value pair.
 * Every comparison goes through foldKey, so case, diacritics, spacing and punctuation do not matter.
 */
import { type CellValue, type SheetGrid, cellText, getCell, isEmptyCell } from './grid';
import { flatCopy, foldKey } from './text';

export function findSheet(sheets: SheetGrid[], names: readonly string[]): SheetGrid | undefined {
  const keys = names.map(foldKey);
  return sheets.find((s) => keys.includes(foldKey(s.name)));
}

export interface ColumnSpec<K extends string> {
  key: K;
  labels: readonly string[];
  required?: boolean;
}

export interface HeaderMatch<K extends string> {
  /** 0-based row index of the header row in the grid. */
  row: number;
  columns: Partial<Record<K, number>>;
  /** Columns of the header row whose label matched nothing, with their labels. */
  unknown: { col: number; label: string }[];
}

/** How a cell text is folded for comparison: foldKey, or a FoldMemo's fold (the same result, remembered). */
export type Fold = (text: string) => string;

/**
 * foldKey with a memory: every file of a plan repeats the same labels, task titles and statuses, so each distinct
 * text is folded once (label folding was a third of recognising a submission). Bounded: emptied when
 * full, so hostile files with millions of distinct texts cost memory of at most `size` entries. It lives with what
 * is read against (one per plan, see submission-read.ts), not in this module. Long texts are folded, not kept.
 */
export class FoldMemo {
  private readonly memo = new Map<string, string>();
  /** `size` entries of texts up to `longest` characters: a few MB at most, whatever the files hold. */
  constructor(
    private readonly size = 20_000,
    private readonly longest = 256,
  ) {}
  readonly fold: Fold = (text) => {
    if (text.length > this.longest) return foldKey(text); // a long text is rarely a label; never kept
    let k = this.memo.get(text);
    if (k === undefined) {
      k = foldKey(text);
      if (this.memo.size >= this.size) this.memo.clear();
      // flat copies: a cell's text is a slice of its sheet's XML, and V8 keeps a sliced string's parent, so the memo
      // kept the whole XML of every file that added a text (≈ 90 MB per reading thread)
      k = flatCopy(k);
      this.memo.set(flatCopy(text), k);
    }
    return k;
  };
}

/**
 * The labels of column specs, folded: which specs a folded cell matches exactly or by prefix. A reader that scans
 * many sheets with the same specs makes it once (`new SpecMatcher(SPECS)`) and passes it to findHeader.
 */
export class SpecMatcher {
  /** Folded label → the specs (indexes) that have it. */
  private readonly exact = new Map<string, number[]>();
  /** Labels of 4 characters or more, followed by a space: "ma nhiem vu " matches "ma nhiem vu bat buoc". */
  private readonly prefixes: { head: string; spec: number }[] = [];
  constructor(specs: readonly ColumnSpec<string>[]) {
    specs.forEach((spec, s) => {
      for (const key of spec.labels.map(foldKey)) {
        if (key !== '') this.exact.set(key, [...(this.exact.get(key) ?? []), s]);
        if (key.length >= 4) this.prefixes.push({ head: key + ' ', spec: s });
      }
    });
  }
  exactSpecs(k: string): number[] | undefined {
    return this.exact.get(k);
  }
  prefixMatches(k: string, spec: number): boolean {
    for (const p of this.prefixes) if (p.spec === spec && k.startsWith(p.head)) return true;
    return false;
  }
  /** Does the folded text match some spec by prefix (the cheap test before trying spec by spec)? */
  anyPrefix(k: string): boolean {
    for (const p of this.prefixes) if (k.startsWith(p.head)) return true;
    return false;
  }
}

/**
 * The header row among the first `scanRows` rows: the one matching the most specs, with every required spec.
 * A label matches exactly after folding; a longer label ("Mã nhiệm vụ (bắt buộc)") matches by prefix as a fallback.
 * The scan stops at a row matching every spec (no later row can match more). `fold` may be a FoldMemo's, `matcher`
 * the specs' SpecMatcher made once.
 */
export function findHeader<K extends string>(
  grid: SheetGrid,
  specs: readonly ColumnSpec<K>[],
  scanRows = 30,
  fold: Fold = foldKey,
  matcher = new SpecMatcher(specs),
): HeaderMatch<K> | null {
  let best: HeaderMatch<K> | null = null;
  let bestScore = 0;
  const limit = Math.min(grid.rows.length, scanRows);
  for (let r = 0; r < limit && bestScore < specs.length; r++) {
    const row = grid.rows[r] ?? [];
    const match = matchRow(row, specs, matcher, fold);
    if (!match) continue;
    if (specs.some((s) => s.required && match.columns[s.key] === undefined)) continue;
    if (match.score > bestScore) {
      bestScore = match.score;
      const unknown: { col: number; label: string }[] = [];
      row.forEach((cell, c) => {
        if (!match.used.has(c) && !isEmptyCell(cell)) unknown.push({ col: c, label: cellText(cell) });
      });
      best = { row: r, columns: match.columns, unknown };
    }
  }
  return best;
}

/**
 * The columns of one row matched to specs: in an exact pass then a prefix pass, each spec in order takes the first
 * unused column that matches. Null when no cell matches anything (most rows: no spec by spec search).
 */
function matchRow<K extends string>(
  row: CellValue[],
  specs: readonly ColumnSpec<K>[],
  matcher: SpecMatcher,
  fold: Fold,
): { columns: Partial<Record<K, number>>; used: Set<number>; score: number } | null {
  const folded: (string | null)[] = [];
  let candidates = false;
  for (let c = 0; c < row.length; c++) {
    const cell = row[c];
    const k = typeof cell === 'string' ? fold(cell) : null;
    folded.push(k);
    if (k !== null && ((k !== '' && matcher.exactSpecs(k) !== undefined) || matcher.anyPrefix(k))) candidates = true;
  }
  if (!candidates) return null;
  const columns: Partial<Record<K, number>> = {};
  const used = new Set<number>();
  let score = 0;
  for (const pass of ['exact', 'prefix'] as const) {
    for (let s = 0; s < specs.length; s++) {
      const spec = specs[s];
      if (columns[spec.key] !== undefined) continue;
      for (let c = 0; c < row.length; c++) {
        const k = folded[c];
        if (used.has(c) || k === null) continue;
        const ok =
          pass === 'exact' ? k !== '' && (matcher.exactSpecs(k)?.includes(s) ?? false) : matcher.prefixMatches(k, s);
        if (ok) {
          columns[spec.key] = c;
          used.add(c);
          score++;
          break;
        }
      }
    }
  }
  return { columns, used, score };
}

export interface LabelValue {
  row: number;
  labelCol: number;
  /** Column of the value (the first non-empty cell right of the label), or -1 when none. */
  valueCol: number;
  value: CellValue;
}

/** Label/value pairs in the first rows of a sheet: the label anywhere in a row, the value to its right. */
export function findLabelValues<K extends string>(
  grid: SheetGrid,
  labels: Record<K, readonly string[]>,
  scanRows = 40,
  fold: Fold = foldKey,
): Partial<Record<K, LabelValue>> {
  const out: Partial<Record<K, LabelValue>> = {};
  const folded = (Object.keys(labels) as K[]).map((k) => [k, labels[k].map(fold)] as const);
  const limit = Math.min(grid.rows.length, scanRows);
  for (let r = 0; r < limit; r++) {
    const row = grid.rows[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (typeof cell !== 'string') continue;
      const k = fold(cell.replace(/[:：]\s*$/, ''));
      if (k === '') continue;
      for (const [key, keys] of folded) {
        if (out[key] !== undefined || !keys.includes(k)) continue;
        let valueCol = -1;
        for (let v = c + 1; v < row.length; v++) {
          if (!isEmptyCell(getCell(grid, r, v))) {
            valueCol = v;
            break;
          }
        }
        out[key] = { row: r, labelCol: c, valueCol, value: valueCol >= 0 ? getCell(grid, r, valueCol) : null };
      }
    }
  }
  return out;
}
