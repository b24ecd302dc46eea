/**
 * Finding labelled things in grids: a sheet by name, a header row by its labels, a label/value pair.
 * Every comparison goes through foldKey, so case, diacritics, spacing and punctuation do not matter.
 */
import { type CellValue, type SheetGrid, cellText, getCell, isEmptyCell } from './grid';
import { foldKey } from './text';

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

/**
 * foldKey of cell texts met while scanning for a header. Every file of a plan repeats the same task titles, so the
 * folded keys are remembered (bounded: the memo is emptied when full) instead of folding each title again (issue 6).
 */
const foldMemo = new Map<string, string>();
const FOLD_MEMO_SIZE = 20_000;
function foldCell(text: string): string {
  let k = foldMemo.get(text);
  if (k === undefined) {
    k = foldKey(text);
    if (foldMemo.size >= FOLD_MEMO_SIZE) foldMemo.clear();
    // a flat copy as the key: a cell's text is a slice of its sheet's XML, and V8 keeps a sliced string's parent,
    // so the memo kept the whole XML of every file that added a text (issue 17: ≈ 90 MB per reading thread)
    foldMemo.set(text.length > 12 ? (JSON.parse(JSON.stringify(text)) as string) : text, k);
  }
  return k;
}

/**
 * The header row among the first `scanRows` rows: the one matching the most specs, with every required spec.
 * A label matches exactly after folding; a longer label ("Mã nhiệm vụ (bắt buộc)") matches by prefix as a fallback.
 */
export function findHeader<K extends string>(
  grid: SheetGrid,
  specs: readonly ColumnSpec<K>[],
  scanRows = 30,
): HeaderMatch<K> | null {
  let best: HeaderMatch<K> | null = null;
  let bestScore = 0;
  const limit = Math.min(grid.rows.length, scanRows);
  // folded once, not once per spec and pass: this scan runs on every file read (issue 6 profile)
  const specKeys = specs.map((spec) => spec.labels.map(foldKey));
  for (let r = 0; r < limit; r++) {
    const row = grid.rows[r] ?? [];
    const columns: Partial<Record<K, number>> = {};
    const used = new Set<number>();
    let score = 0;
    const foldedRow = row.map((cell) => (typeof cell === 'string' ? foldCell(cell) : null));
    for (const pass of ['exact', 'prefix'] as const) {
      for (let s = 0; s < specs.length; s++) {
        const spec = specs[s];
        if (columns[spec.key] !== undefined) continue;
        const keys = specKeys[s];
        for (let c = 0; c < row.length; c++) {
          if (used.has(c)) continue;
          const k = foldedRow[c];
          const ok =
            pass === 'exact'
              ? k !== null && k !== '' && keys.includes(k)
              : k !== null && keys.some((key) => key.length >= 4 && k.startsWith(key + ' '));
          if (ok) {
            columns[spec.key] = c;
            used.add(c);
            score++;
            break;
          }
        }
      }
    }
    if (specs.some((s) => s.required && columns[s.key] === undefined)) continue;
    if (score > bestScore) {
      bestScore = score;
      const unknown: { col: number; label: string }[] = [];
      row.forEach((cell, c) => {
        if (!used.has(c) && !isEmptyCell(cell)) unknown.push({ col: c, label: cellText(cell) });
      });
      best = { row: r, columns, unknown };
    }
  }
  return best;
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
): Partial<Record<K, LabelValue>> {
  const out: Partial<Record<K, LabelValue>> = {};
  const folded = (Object.keys(labels) as K[]).map((k) => [k, labels[k].map(foldKey)] as const);
  const limit = Math.min(grid.rows.length, scanRows);
  for (let r = 0; r < limit; r++) {
    const row = grid.rows[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (typeof cell !== 'string') continue;
      const k = foldKey(cell.replace(/[:：]\s*$/, ''));
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
