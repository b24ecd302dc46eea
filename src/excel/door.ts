/// <reference types="office-js" />
/**
 * The Excel door: the only code that writes the open workbook. It writes door-neutral sheet descriptions (OutSheet
 * from summarySheets, PlainSheet from planSheets) as whole 2-D ranges, in a constant number of `context.sync()`
 * calls whatever the number of agencies.
 *
 * The user's workbook is never damaged. A run replaces only the sheets tonghop wrote (see register.ts); a sheet or
 * table of the user's with a wanted name keeps it and the new one takes a free name. Writing goes in steps, each
 * one sync, each undone if a later one fails:
 *   1-2. read the sheets, tables, defined names and the register;
 *   3.   stage: write every new sheet under a temporary name, and set aside (rename) the sheets it replaces;
 *   4.   place: give the new sheets and tables their names, update the register;
 *   5.   drop: delete the sheets set aside.
 * If any step fails, the staged sheets are deleted, the set-aside sheets and tables get their names back and the
 * register its rows: the workbook is as before, and the error says so (DoorError 'write-failed').
 *
 * This module imports nothing heavy (no ExcelJS, no zod) so that it can live in the task pane's first bundle.
 */
import type { OutSheet } from '../core/basics/sheets';
import type { PlainSheet } from '../core/plan/plan-write';
import { Batch, DEFAULT_PAYLOAD_LIMIT } from './batch';
import { type Capabilities, DoorError, capabilities, toDoorError } from './office';
import {
  type BookState,
  type OwnEntry,
  REGISTER_SHEET,
  TEMP_PREFIX,
  freeName,
  loadBookState,
  ownSheets,
  queueRegister,
  sheetSuffix,
  tableSuffix,
} from './register';
import { queueOutSheet, queuePlainSheet } from './write-sheet';

export { DEFAULT_PAYLOAD_LIMIT, rangeAddress, excelCell } from './batch';
export { TEMP_PREFIX, REGISTER_SHEET } from './register';
export { toneKeyColumn } from './write-sheet';
export { readSheets, selectCell, type ReadOptions } from './read';
export { officeLanguage, runInExcel } from './office';

export interface WriteOptions {
  /** Estimated bytes per sync above which the write is split (tests lower it). */
  payloadLimit?: number;
  /** Sheet to show when done (default: the first written). */
  activate?: string | null;
  /** What the host offers above ExcelApi 1.1 (default: asked of Office). */
  caps?: Capabilities;
  /** Very hidden sheets (tonghop's own data), where the host can hide a sheet (ExcelApi 1.2); else visible. */
  hidden?: boolean;
}

export interface WriteReport {
  /** The names the sheets were written under, in order (a wanted name taken by a user's sheet gets a free one). */
  sheets: string[];
  /** Sheets whose wanted name was taken by one of the user's sheets: wanted → written. */
  renamed: { wanted: string; written: string }[];
  /** `context.sync()` calls made. */
  syncs: number;
  /** Range writes (values) queued. */
  rangeWrites: number;
}

export type Queue<S> = (batch: Batch, ws: Excel.Worksheet, sheet: S, tableName: string) => Promise<void>;

interface Plan {
  stamp: string;
  own: OwnEntry[];
  finalNames: string[];
  finalTables: (string | null)[];
  /** Set-aside sheets: id → name before, and their tables: temporary → name before. */
  parked: Map<string, { name: string; tables: Map<string, string> }>;
  staged: Excel.Worksheet[];
  stagedIds: string[];
  createdRegister: boolean;
  hidden: boolean;
}

function planNames<S extends { name: string }>(
  state: BookState,
  sheets: S[],
  tableOf: (s: S) => string | null,
  hidden: boolean,
): Plan {
  const own = ownSheets(
    state,
    sheets.map((s) => s.name),
  );
  const ownIds = new Set(own.map((o) => o.id));
  const gone = (s: { id: string; name: string }) => ownIds.has(s.id) || s.name.startsWith(TEMP_PREFIX);
  const takenSheets = new Set(state.sheets.filter((s) => !gone(s)).map((s) => s.name.toLowerCase()));
  const takenTables = new Set(state.names.map((n) => n.toLowerCase()));
  for (const s of state.sheets)
    if (!gone(s)) for (const t of state.tables.get(s.id) ?? []) takenTables.add(t.toLowerCase());
  const stamp = Date.now().toString(36).slice(-5);
  return {
    stamp,
    own,
    finalNames: sheets.map((s) => freeName(s.name, takenSheets, sheetSuffix, 31)),
    finalTables: sheets.map((s) => {
      const t = tableOf(s);
      return t === null ? null : freeName(t, takenTables, tableSuffix, 250);
    }),
    parked: new Map(),
    staged: [],
    stagedIds: [],
    createdRegister: false,
    hidden,
  };
}

const VERY_HIDDEN = 'VeryHidden' as Excel.SheetVisibility;

/**
 * Queues a sheet's deletion. Excel refuses to delete a very hidden sheet: it is made merely hidden first, which
 * needs ExcelApi 1.2 (a host without it cannot have made one; a very hidden sheet it cannot delete is left).
 */
function queueDelete(ws: Excel.Worksheet, visibility: string, caps: Capabilities): void {
  if (visibility === VERY_HIDDEN) {
    if (!caps.hideSheet) return;
    ws.visibility = 'Hidden' as Excel.SheetVisibility;
  }
  ws.delete();
}

const stagedName = (stamp: string, i: number) => `${TEMP_PREFIX}n${stamp}${i}`;
const parkedName = (stamp: string, i: number) => `${TEMP_PREFIX}o${stamp}${i}`;
const stagedTable = (stamp: string, i: number) => `tonghop_n${stamp}_${i}`;
const parkedTable = (stamp: string, i: number, j: number) => `tonghop_o${stamp}_${i}_${j}`;

/** Step 3: leftovers of a crashed run removed, new sheets written under temporary names, old ones set aside. */
async function stage<S>(batch: Batch, state: BookState, plan: Plan, sheets: S[], queue: Queue<S>): Promise<void> {
  const worksheets = batch.context.workbook.worksheets;
  for (const s of state.sheets)
    if (s.name.startsWith(TEMP_PREFIX)) queueDelete(worksheets.getItem(s.name), s.visibility, batch.caps);
  if (!state.register) {
    const reg = worksheets.add(REGISTER_SHEET);
    queueRegister(reg, [], 0);
    if (batch.caps.hideSheet) reg.visibility = VERY_HIDDEN;
    plan.createdRegister = true;
  }
  batch.suspendCalculation();
  for (let i = 0; i < sheets.length; i++) {
    const ws = worksheets.add(stagedName(plan.stamp, i));
    if (plan.hidden && batch.caps.hideSheet) ws.visibility = VERY_HIDDEN;
    ws.load('id');
    plan.staged.push(ws);
    await queue(batch, ws, sheets[i], stagedTable(plan.stamp, i));
  }
  plan.own.forEach((o, i) => {
    const tables = new Map<string, string>();
    const ws = worksheets.getItem(o.name);
    (state.tables.get(o.id) ?? []).forEach((t, j) => {
      tables.set(parkedTable(plan.stamp, i, j), t);
      ws.tables.getItem(t).name = parkedTable(plan.stamp, i, j);
    });
    ws.name = parkedName(plan.stamp, i);
    plan.parked.set(o.id, { name: o.name, tables });
  });
  await batch.sync();
  plan.stagedIds = plan.staged.map((ws) => ws.id);
}

/** Step 4: the new sheets and tables take their names; the register lists them. */
async function place<S extends { name: string }>(
  batch: Batch,
  state: BookState,
  plan: Plan,
  sheets: S[],
  show: string | null | undefined,
): Promise<void> {
  sheets.forEach((s, i) => {
    const t = plan.finalTables[i];
    if (t !== null) plan.staged[i].tables.getItem(stagedTable(plan.stamp, i)).name = t;
    plan.staged[i].name = plan.finalNames[i];
  });
  const replaced = new Set(plan.own.map((o) => o.id));
  const kept = (state.register ?? []).filter(
    (e) => !replaced.has(e.id) && state.sheets.some((s) => s.id === e.id && s.name === e.name),
  );
  const added = sheets.map((s, i) => ({ id: plan.stagedIds[i], name: plan.finalNames[i], key: s.name }));
  queueRegister(
    batch.context.workbook.worksheets.getItem(REGISTER_SHEET),
    [...kept, ...added],
    state.register?.length ?? 0,
  );
  const idx = sheets.findIndex((s) => s.name === (show === undefined ? sheets[0]?.name : show));
  if (idx >= 0) plan.staged[idx].activate();
  await batch.sync();
}

/** After a failure at any step: staged sheets deleted, set-aside sheets and tables renamed back, register restored. */
async function recover(context: Excel.RequestContext, state: BookState, plan: Plan, caps: Capabilities): Promise<void> {
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/name,items/id,items/visibility');
  await context.sync();
  const now = worksheets.items.map((s) => ({ id: s.id, name: s.name, visibility: String(s.visibility), ws: s }));
  const tableColls = now.map((s) => s.ws.tables.load('items/name'));
  await context.sync();
  const staged = new Set(plan.stagedIds);
  for (const s of now)
    if (staged.has(s.id) || s.name.startsWith(`${TEMP_PREFIX}n${plan.stamp}`)) queueDelete(s.ws, s.visibility, caps);
  now.forEach((s, i) => {
    const parked = plan.parked.get(s.id);
    if (!parked) return;
    for (const t of tableColls[i].items) {
      const before = parked.tables.get(t.name);
      if (before) s.ws.tables.getItem(t.name).name = before;
    }
    if (s.name !== parked.name) s.ws.name = parked.name;
  });
  const reg = now.find((s) => s.name === REGISTER_SHEET);
  if (reg && plan.createdRegister) queueDelete(reg.ws, reg.visibility, caps);
  else if (reg && state.register) queueRegister(reg.ws, state.register, state.register.length + plan.finalNames.length);
  await context.sync();
}

/**
 * Step 5: the set-aside sheets go. The write is complete once placed (the register names the new sheets), so a
 * failure here is not undone: the deletion is tried once more, and what is left (sheets named tonghop~…, never
 * the user's) is removed by the next run.
 */
async function drop(batch: Batch, state: BookState, plan: Plan): Promise<void> {
  const names = plan.own.map((_, i) => parkedName(plan.stamp, i));
  if (names.length === 0) return;
  const worksheets = batch.context.workbook.worksheets;
  const visibility = (id: string) => state.sheets.find((s) => s.id === id)?.visibility ?? 'Visible';
  try {
    plan.own.forEach((o, i) => queueDelete(worksheets.getItem(names[i]), visibility(o.id), batch.caps));
    await batch.sync();
  } catch {
    try {
      worksheets.load('items/name,items/visibility');
      await batch.sync();
      for (const s of worksheets.items) if (names.includes(s.name)) queueDelete(s, String(s.visibility), batch.caps);
      await batch.sync();
    } catch {
      /* left to the next run */
    }
  }
}

/**
 * Writes `sheets` (each queued into its new worksheet by `queue`) through the steps above, replacing the sheets
 * tonghop wrote under the same names before; `tableOf` names a sheet's table (null: none).
 */
export async function replaceSheets<S extends { name: string }>(
  context: Excel.RequestContext,
  sheets: S[],
  queue: Queue<S>,
  tableOf: (s: S) => string | null,
  options: WriteOptions,
): Promise<WriteReport> {
  const batch = new Batch(context, options.payloadLimit ?? DEFAULT_PAYLOAD_LIMIT, options.caps ?? capabilities());
  let state: BookState;
  try {
    state = await loadBookState(context, batch);
  } catch (e) {
    throw toDoorError(e, 'read-failed');
  }
  const plan = planNames(state, sheets, tableOf, options.hidden === true);
  try {
    await stage(batch, state, plan, sheets, queue);
    await place(batch, state, plan, sheets, options.activate);
  } catch (e) {
    const cause = toDoorError(e, 'write-failed');
    try {
      await recover(context, state, plan, batch.caps);
    } catch {
      throw new DoorError('write-failed-dirty', cause.code, cause.detail);
    }
    throw new DoorError(cause.kind === 'office' ? 'write-failed' : cause.kind, cause.code, cause.detail);
  }
  await drop(batch, state, plan);
  return {
    sheets: plan.finalNames,
    renamed: sheets
      .map((s, i) => ({ wanted: s.name, written: plan.finalNames[i] }))
      .filter((r) => r.wanted !== r.written),
    syncs: batch.syncs,
    rangeWrites: batch.rangeWrites,
  };
}

/**
 * The names of the sheets a write of `keys` would replace: those tonghop wrote for these names (its register says
 * so) that still carry the name it gave them, in the order of `keys`. A clerk's own sheet with one of these names
 * is not among them: a write leaves it as it is and takes a free name. 2 syncs.
 */
export async function ownSheetNames(context: Excel.RequestContext, keys: readonly string[]): Promise<string[]> {
  let state: BookState;
  try {
    state = await loadBookState(context, new Batch(context, DEFAULT_PAYLOAD_LIMIT, capabilities()));
  } catch (e) {
    throw toDoorError(e, 'read-failed');
  }
  return ownSheets(state, keys)
    .sort((a, b) => keys.indexOf(a.key) - keys.indexOf(b.key))
    .map((o) => o.name);
}

/** Writes the summary sheets (summarySheets(c, plan)) as Excel tables. Running again replaces them. */
export async function writeOutSheets(
  context: Excel.RequestContext,
  sheets: OutSheet[],
  options: WriteOptions = {},
): Promise<WriteReport> {
  return replaceSheets(context, sheets, queueOutSheet, (s) => s.table.name.replace(/[^A-Za-z0-9_]/g, '_'), options);
}

/** Writes plain sheets (planSheets(plan): the plan workbook's contract) into the open workbook. */
export async function writePlainSheets(
  context: Excel.RequestContext,
  sheets: PlainSheet[],
  options: WriteOptions = {},
): Promise<WriteReport> {
  return replaceSheets(
    context,
    sheets,
    (batch, ws, sheet) => queuePlainSheet(batch, ws, sheet),
    () => null,
    options,
  );
}
