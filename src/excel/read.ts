/// <reference types="office-js" />
/**
 * Reading the open workbook's sheets as grids (for readPlan), in requests whose responses stay under the payload
 * limit (Excel on the web refuses responses over 5 MB): the used ranges' sizes first, then their values in blocks
 * of rows. Uses only ExcelApi 1.1 (getUsedRange, whose failure on one sheet does not stop the others).
 */
import type { CellValue, SheetGrid } from '../core/basics/grid';
import { rangeAddress } from './batch';
import { REGISTER_SHEET, TEMP_PREFIX } from './register';
import { isIntakeStoreName } from '../core/intake/intake-store-names';
import { toDoorError } from './office';

export interface ReadOptions {
  /** Sheets to skip (e.g. the summary sheets, which can be large). */
  skip?: (name: string) => boolean;
  /** Estimated response bytes per sync (tests lower it). */
  responseLimit?: number;
}

/** An Office.js value as a grid value: "" is an empty cell. */
function gridValue(v: unknown): CellValue {
  if (v === '' || v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return String(v);
}

/** A cell's response bytes, for planning: a long text is the worst case that matters. */
const BYTES_PER_CELL = 60;

interface Used {
  name: string;
  state: SheetGrid['state'];
  row: number;
  col: number;
  rows: number;
  cols: number;
}

async function usedRanges(context: Excel.RequestContext, names: { name: string; visibility: string }[]) {
  const load = (n: string) =>
    context.workbook.worksheets.getItem(n).getUsedRange().load('rowIndex,columnIndex,rowCount,columnCount');
  const toUsed = (s: { name: string; visibility: string }, r: Excel.Range): Used => ({
    name: s.name,
    state: s.visibility === 'Visible' ? 'visible' : s.visibility === 'Hidden' ? 'hidden' : 'veryHidden',
    row: r.rowIndex + 1,
    col: r.columnIndex + 1,
    rows: r.rowCount,
    cols: r.columnCount,
  });
  const all = names.map((s) => load(s.name));
  try {
    await context.sync();
    return names.map((s, i) => toUsed(s, all[i]));
  } catch {
    // one sheet refused (e.g. a chart sheet): ask each alone, keep those that answer
    const out: Used[] = [];
    for (const s of names) {
      const r = load(s.name);
      try {
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- only after the batched request failed
        await context.sync();
        out.push(toUsed(s, r));
      } catch {
        /* skipped: not a worksheet tonghop can read */
      }
    }
    return out;
  }
}

/** The open workbook's sheets as grids: 2 syncs, plus one per block of ~`responseLimit` bytes of values. */
export async function readSheets(
  context: Excel.RequestContext,
  options: ReadOptions = {},
): Promise<{ sheets: SheetGrid[]; syncs: number }> {
  const limit = options.responseLimit ?? 4_000_000;
  try {
    const worksheets = context.workbook.worksheets;
    worksheets.load('items/name,items/visibility');
    await context.sync();
    let syncs = 2;
    const wanted = worksheets.items
      .map((ws) => ({ name: ws.name, visibility: String(ws.visibility) }))
      .filter(
        (s) =>
          !s.name.startsWith(TEMP_PREFIX) &&
          s.name !== REGISTER_SHEET &&
          !isIntakeStoreName(s.name) && // tonghop's own data: megabytes of text, never a plan
          !(options.skip?.(s.name) ?? false),
      );
    const used = await usedRanges(context, wanted);
    const rows = new Map<string, unknown[][]>(used.map((u) => [u.name, []]));
    const maxRows = (u: Used) => Math.max(1, Math.floor(limit / (BYTES_PER_CELL * u.cols)));
    let queued = 0;
    let pending: { u: Used; range: Excel.Range }[] = [];
    const flush = async () => {
      if (pending.length === 0) return;
      await context.sync();
      syncs++;
      for (const p of pending) rows.get(p.u.name)!.push(...p.range.values);
      pending = [];
      queued = 0;
    };
    for (const u of used) {
      for (let start = 0; start < u.rows; start += maxRows(u)) {
        const n = Math.min(maxRows(u), u.rows - start);
        if (queued > 0 && queued + n * u.cols * BYTES_PER_CELL > limit) await flush();
        const ws = context.workbook.worksheets.getItem(u.name);
        pending.push({ u, range: ws.getRange(rangeAddress(u.row + start, u.col, n, u.cols)).load('values') });
        queued += n * u.cols * BYTES_PER_CELL;
      }
    }
    await flush();
    const sheets: SheetGrid[] = used.map((u) => {
      const values = rows.get(u.name)!;
      const empty = values.every((r) => r.every((v) => v === '' || v === null));
      if (empty) return { name: u.name, state: u.state, originRow: 1, originCol: 1, rows: [] };
      return {
        name: u.name,
        state: u.state,
        originRow: u.row,
        originCol: u.col,
        rows: values.map((r) => r.map(gridValue)),
      };
    });
    return { sheets, syncs };
  } catch (e) {
    throw toDoorError(e, 'read-failed');
  }
}

/** Shows a cell (a plan problem's "where"): activates the sheet and selects the cell. */
export async function selectCell(context: Excel.RequestContext, sheet: string, cell: string): Promise<void> {
  const ws = context.workbook.worksheets.getItem(sheet);
  ws.activate();
  ws.getRange(cell || 'A1').select();
  await context.sync();
}

/** The names of the workbook's sheets (1 sync). */
export async function sheetNames(context: Excel.RequestContext): Promise<string[]> {
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/name');
  await context.sync();
  return worksheets.items.map((s) => s.name);
}
