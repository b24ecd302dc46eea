/**
 * Reading the values agencies type: statuses in their many spellings, numbers typed as text, marks.
 */
import { type CellValue, cellText, isCellError, isFormulaWithoutResult } from './grid';
import { type TaskStatus, TASK_STATUS_LABELS } from './model';
import { foldKey, parseNumberText } from './text';

const STATUS_WORDS: Record<TaskStatus, string[]> = {
  done: [
    'da hoan thanh',
    'hoan thanh',
    'xong',
    'da xong',
    'da thuc hien',
    'da thuc hien xong',
    'hoan tat',
    'da hoan tat',
    'da trien khai',
    'da to chuc',
    'done',
    'completed',
    'ht',
    'dht',
  ],
  inProgress: [
    'dang thuc hien',
    'dang trien khai',
    'dang lam',
    'dang',
    'chua hoan thanh',
    'dang tien hanh',
    'tiep tuc thuc hien',
    'in progress',
    'dth',
  ],
  notStarted: ['chua thuc hien', 'chua trien khai', 'chua lam', 'chua', 'chua bat dau', 'not started', 'cth'],
  notApplicable: [
    'khong thuoc pham vi',
    'khong ap dung',
    'khong thuoc chuc nang',
    'khong thuoc',
    'khong co',
    'kpv',
    'n a',
    'na',
    'not applicable',
    'khong lien quan',
    'khong thuc hien',
    'khong',
  ],
};

const STATUS_LOOKUP = new Map<string, TaskStatus>();
for (const [status, words] of Object.entries(STATUS_WORDS) as [TaskStatus, string[]][]) {
  for (const w of words) STATUS_LOOKUP.set(w, status);
  STATUS_LOOKUP.set(foldKey(TASK_STATUS_LABELS[status]), status);
}

/**
 * A status as typed ("Đã hoàn thành", "Da hoan thanh", "HOÀN THÀNH", "hoàn thành.") → status, or null. `fold` may
 * be a FoldMemo's (labels.ts): every file repeats the same few statuses.
 */
export function parseStatus(text: string, fold: (text: string) => string = foldKey): TaskStatus | null {
  const k = fold(text);
  if (k === '') return null;
  return STATUS_LOOKUP.get(k) ?? null;
}

/** A status column header ("Đã hoàn thành", "Hoàn thành") for the per-status mark layout. */
export function statusOfHeader(text: string, fold?: (text: string) => string): TaskStatus | null {
  return parseStatus(text, fold);
}

/** A mark in a per-status column: x, X, ✓, ✔, v, 1, "có". */
export function isMark(v: CellValue): boolean {
  if (v === true) return true;
  if (typeof v === 'number') return v === 1;
  if (typeof v !== 'string') return false;
  const t = v.trim().toLowerCase();
  return ['x', '✓', '✔', '☑', 'v', '√', 'có', 'co', '1', 'yes', '+', '*', '•', 'ü'].includes(t);
}

export type NumberReading =
  | { ok: true; value: number; unit: string | null; fromText: boolean }
  | { ok: false; reason: 'empty' | 'not_number' | 'formula_no_result' | 'error_value'; text: string };

/** An indicator cell → number. Numbers typed as text follow vi-VN ("1.234,5"). */
export function readNumber(v: CellValue): NumberReading {
  if (v === null) return { ok: false, reason: 'empty', text: '' };
  if (typeof v === 'number')
    return Number.isFinite(v)
      ? { ok: true, value: v, unit: null, fromText: false }
      : { ok: false, reason: 'not_number', text: String(v) };
  if (isFormulaWithoutResult(v)) return { ok: false, reason: 'formula_no_result', text: '=' + v.formula };
  if (isCellError(v)) return { ok: false, reason: 'error_value', text: v.error };
  if (typeof v === 'string') {
    const text = v.trim();
    if (text === '' || text === '-' || text === '–') return { ok: false, reason: 'empty', text };
    const parsed = parseNumberText(text);
    if (parsed) return { ok: true, value: parsed.value, unit: parsed.unit, fromText: true };
    return { ok: false, reason: 'not_number', text };
  }
  return { ok: false, reason: 'not_number', text: cellText(v) };
}
