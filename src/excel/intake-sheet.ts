/// <reference types="office-js" />
/**
 * The pane's intake kept in the open workbook (its cells are made and checked by src/core/intake/intake-store.ts):
 * one sheet of tonghop's own, written through the door's staged, recoverable write (door.ts) like the summary, so a
 * failed write leaves the stored intake as it was. It is very hidden where the host can hide a sheet (ExcelApi 1.2:
 * Excel 2016 from its first updates); under ExcelApi 1.1 alone no sheet can be hidden from an add-in, and it stays
 * visible, its name and first row telling the clerk what it is. Read back through the register (register.ts),
 * whatever name it has; its cells in blocks whose responses stay under Excel's payload limit.
 */
import { INTAKE_STORE_SHEET } from '../core/intake/intake-store-names';
import { Batch, DEFAULT_PAYLOAD_LIMIT, rangeAddress } from './batch';
import { type Queue, type WriteOptions, type WriteReport, replaceSheets } from './door';
import { type Capabilities, capabilities, toDoorError } from './office';
import { loadBookState } from './register';

interface DataSheet {
  name: string;
  rows: (string | number)[][];
}

/** The header row as it is, then the text one cell per row in column A. */
const queueData: Queue<DataSheet> = async (batch, ws, sheet) => {
  const [head, ...body] = sheet.rows;
  if (head) await batch.writeRows(ws, 1, 1, [head], null, Math.max(1, head.length));
  if (body.length) await batch.writeRows(ws, 2, 1, body, null, 1);
};

export interface IntakeWriteReport extends WriteReport {
  /** False where the host cannot hide a sheet (ExcelApi 1.1): the clerk sees it and should leave it alone. */
  hidden: boolean;
}

/** Writes the stored intake (its cells) as tonghop's very hidden sheet, replacing the one written before. */
export async function writeIntakeSheet(
  context: Excel.RequestContext,
  rows: (string | number)[][],
  options: WriteOptions = {},
): Promise<IntakeWriteReport> {
  const caps = options.caps ?? capabilities();
  const report = await replaceSheets(context, [{ name: INTAKE_STORE_SHEET, rows }], queueData, () => null, {
    ...options,
    caps,
    activate: null,
    hidden: true,
  });
  return { ...report, hidden: caps.hideSheet };
}

/** A response's bytes per text cell (INTAKE_STORE_CHUNK characters of base64, quoted). */
const BYTES_PER_ROW = 30_100;

export interface IntakeSheetRead {
  /** The sheet's name (the store's, or a free name the write had to take). */
  name: string;
  /** Its values from A1: the header row, then column A. */
  rows: unknown[][];
}

/** The sheet tonghop registered for its intake (by id, whatever its name now), else one with the store's name. */
async function findStore(context: Excel.RequestContext, caps: Capabilities): Promise<string | null> {
  const state = await loadBookState(context, new Batch(context, DEFAULT_PAYLOAD_LIMIT, caps));
  const entry = (state.register ?? []).find(
    (e) => e.key === INTAKE_STORE_SHEET && state.sheets.some((s) => s.id === e.id),
  );
  if (entry) return state.sheets.find((s) => s.id === entry.id)?.name ?? null;
  return state.sheets.some((s) => s.name === INTAKE_STORE_SHEET) ? INTAKE_STORE_SHEET : null;
}

/**
 * The stored intake's cells, or null when the workbook holds none. 3 syncs for the register and the sheet's size,
 * then one per ~`responseLimit` bytes of text.
 */
export async function readIntakeSheet(
  context: Excel.RequestContext,
  options: { responseLimit?: number; caps?: Capabilities } = {},
): Promise<IntakeSheetRead | null> {
  try {
    const name = await findStore(context, options.caps ?? capabilities());
    if (name === null) return null;
    const ws = context.workbook.worksheets.getItem(name);
    const used = ws.getUsedRange().load('rowIndex,columnIndex,rowCount,columnCount');
    const head = ws.getRange('A1:F1').load('values');
    await context.sync();
    const rows: unknown[][] = [head.values[0]];
    const last = used.rowIndex + used.rowCount; // 1-based row of the used range's end
    const perSync = Math.max(1, Math.floor((options.responseLimit ?? 4_000_000) / BYTES_PER_ROW));
    for (let start = 2; start <= last; start += perSync) {
      const n = Math.min(perSync, last - start + 1);
      const block = ws.getRange(rangeAddress(start, 1, n, 1)).load('values');
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per block of ~4 MB of response
      await context.sync();
      for (const r of block.values) rows.push(r);
    }
    return { name, rows };
  } catch (e) {
    throw toDoorError(e, 'read-failed');
  }
}
