/// <reference types="office-js" />
/**
 * Which sheets of the workbook tonghop wrote: a register sheet it owns (hidden where Excel allows it) lists the
 * id, name and key (the name tonghop wanted) of each. A run replaces only a sheet whose id is registered and which
 * still has the name it was given; a sheet the clerk made, or renamed to keep it, is never touched, and the new
 * sheet takes a free name ("Tổng hợp (2)") that the pane states.
 */
import type { Batch } from './batch';
import { rangeAddress } from './batch';

/** The register sheet's name: it tells a clerk who unhides it what it is for. */
export const REGISTER_SHEET = 'tonghop (đừng xoá)';
/** Prefix of the sheets being written or set aside; a sheet with this prefix is never the user's. */
export const TEMP_PREFIX = 'tonghop~';
const REGISTER_HEADER = ['Mã trang (id)', 'Tên trang', 'Tên tonghop đặt'];

export interface OwnEntry {
  id: string;
  name: string;
  key: string;
}

export interface BookState {
  sheets: { id: string; name: string; visibility: string }[];
  /** Table names per sheet id. */
  tables: Map<string, string[]>;
  /** Workbook-level defined names (a table may not take one). */
  names: string[];
  /** The register's rows; null when the workbook has no register yet. */
  register: OwnEntry[] | null;
}

/** Sheets, their tables, defined names and the register, in 2 syncs. */
export async function loadBookState(context: Excel.RequestContext, batch: Batch): Promise<BookState> {
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/name,items/id,items/visibility');
  const names = context.workbook.names;
  names.load('items/name');
  await batch.sync();
  const sheets = worksheets.items.map((s) => ({ id: s.id, name: s.name, visibility: String(s.visibility) }));
  const tableColls = worksheets.items.map((s) => {
    const t = s.tables;
    t.load('items/name');
    return t;
  });
  const reg = sheets.find((s) => s.name === REGISTER_SHEET);
  const used = reg ? worksheets.getItem(REGISTER_SHEET).getUsedRange().load('values') : null;
  await batch.sync();
  const tables = new Map(sheets.map((s, i) => [s.id, tableColls[i].items.map((t) => t.name)]));
  const register = used
    ? used.values
        .slice(1)
        .filter((r) => typeof r[0] === 'string' && r[0] !== '')
        .map((r) => ({ id: String(r[0]), name: String(r[1]), key: String(r[2]) }))
    : null;
  return { sheets, tables, names: names.items.map((n) => n.name), register };
}

/** The sheets this run replaces: registered, still there, still under the name tonghop gave them. */
export function ownSheets(state: BookState, keys: readonly string[]): OwnEntry[] {
  const wanted = new Set(keys);
  return (state.register ?? []).filter(
    (e) => wanted.has(e.key) && state.sheets.some((s) => s.id === e.id && s.name === e.name),
  );
}

/** `wanted`, or `wanted (2)`, `wanted (3)` … (within `max` characters), not in `taken` (lower case). */
export function freeName(wanted: string, taken: Set<string>, suffix: (n: number) => string, max: number): string {
  let name = wanted.slice(0, max);
  for (let n = 2; taken.has(name.toLowerCase()); n++) {
    const s = suffix(n);
    name = wanted.slice(0, max - s.length) + s;
  }
  taken.add(name.toLowerCase());
  return name;
}

export const sheetSuffix = (n: number) => ` (${n})`;
export const tableSuffix = (n: number) => `_${n}`;

/** Queues the register's new content: header, then one row per entry (clearing what was below). */
export function queueRegister(ws: Excel.Worksheet, entries: OwnEntry[], previousRows: number): void {
  const rows = [REGISTER_HEADER, ...entries.map((e) => [e.id, e.name, e.key])];
  const clearRows = Math.max(rows.length, previousRows + 1);
  if (clearRows > rows.length)
    ws.getRange(rangeAddress(rows.length + 1, 1, clearRows - rows.length, 3)).values = Array.from(
      { length: clearRows - rows.length },
      () => ['', '', ''],
    );
  const range = ws.getRange(rangeAddress(1, 1, rows.length, 3));
  range.numberFormat = rows.map((r) => r.map(() => '@'));
  range.values = rows;
}
