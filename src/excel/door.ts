/// <reference types="office-js" />
/**
 * The Excel door: the only code that calls Office.js. It reads the open workbook's sheets as grids (for readPlan)
 * and writes door-neutral sheet descriptions (OutSheet from summarySheets, PlainSheet from planSheets) as whole
 * 2-D ranges, in a constant number of `context.sync()` calls whatever the number of agencies.
 *
 * Writing is replace-not-duplicate and all-or-nothing: every sheet is first written under a temporary name; only
 * when all of them are written are the old sheets deleted and the new ones renamed. A failed run leaves the old
 * sheets as they were (and its temporary sheets are removed, now or at the next run).
 *
 * This module imports nothing heavy (no ExcelJS, no zod) so that it can live in the task pane's first bundle.
 */
import type { CellValue, SheetGrid } from '../core/basics/grid';
import { columnLetter } from '../core/basics/grid';
import {
  type OutSheet,
  type OutValue,
  type Tone,
  TONE_COLOURS,
  isOutDate,
  tableHeaderRow,
} from '../core/basics/sheets';
import { type ColumnType } from '../core/basics/sheets';
import { DATE_FORMAT, GENERAL_FORMAT, NUMBER_FORMATS, TEXT_FORMAT } from '../core/basics/number-formats';
import { toExcelSerial } from '../core/basics/dates';
import type { PlainSheet } from '../core/plan/plan-write';

/** Excel on the web refuses requests above 5 MB; stay well below it (estimated bytes of one sync's payload). */
export const DEFAULT_PAYLOAD_LIMIT = 4_000_000;
/** Prefix of the sheets being written; a sheet with this prefix is never the user's. */
export const TEMP_PREFIX = 'tonghop~';

export interface WriteOptions {
  /** Estimated bytes per sync above which the write is split (tests lower it). */
  payloadLimit?: number;
  /** Sheet to show when done (default: the first written). */
  activate?: string | null;
}

export interface WriteReport {
  sheets: string[];
  /** `context.sync()` calls made. */
  syncs: number;
  /** Range writes (values) queued. */
  rangeWrites: number;
}

const GENERAL = GENERAL_FORMAT;
/** The file writers' formats; text columns get Excel's text format so that `=…` stays text. */
const FORMAT_OF_TYPE = (t: ColumnType): string => NUMBER_FORMATS[t] ?? TEXT_FORMAT;
const HEADER_FILL = '#DDEBF7';

type Cell = string | number | boolean;

/** An OutValue as an Excel value: dates become serial numbers, null an empty cell. */
export function excelCell(v: OutValue): Cell {
  if (v === null) return '';
  if (isOutDate(v)) return toExcelSerial(v.date);
  return v;
}

/** The number format a cell needs: strings are always text ("@") so that "=1+1", "1.1" or "-3" stay as typed. */
function cellFormat(v: OutValue, columnFormat: string | null): string {
  if (typeof v === 'string') return TEXT_FORMAT;
  if (v !== null && isOutDate(v)) return DATE_FORMAT;
  return columnFormat ?? GENERAL;
}

/** UTF-8 bytes of a JSON string literal, near enough (non-ASCII letters: 2-3 bytes; quotes and comma: 3). */
function jsonStringBytes(v: string): number {
  let extra = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c >= 0x80) extra += c >= 0x800 ? 2 : 1;
    else if (c === 0x22 || c === 0x5c || c < 0x20) extra += 1;
  }
  return v.length + extra + 3;
}

/** Estimated request bytes of writing rows: their values plus their number formats. */
function estimateBytes(rows: readonly (readonly OutValue[])[]): number {
  let n = 0;
  for (const row of rows) {
    for (const v of row) {
      n +=
        typeof v === 'string' ? jsonStringBytes(v) : typeof v === 'number' ? String(v).length + 1 : v === null ? 3 : 6;
      n += 8; // its number format: "@", "#,##0", "dd/mm/yyyy"…
    }
  }
  return n;
}

export function rangeAddress(row: number, col: number, rows: number, cols: number): string {
  return `${columnLetter(col)}${row}:${columnLetter(col + cols - 1)}${row + rows - 1}`;
}

/** Counts syncs and splits the queued work when its payload would exceed the limit. */
class Batch {
  syncs = 0;
  rangeWrites = 0;
  private pending = 0;
  constructor(
    private readonly context: Excel.RequestContext,
    private readonly limit: number,
  ) {}

  async sync(): Promise<void> {
    this.syncs++;
    this.pending = 0;
    await this.context.sync();
  }

  /** Before queuing `bytes` more: flush what is queued when the sum would be too big. */
  async reserve(bytes: number): Promise<void> {
    if (this.pending > 0 && this.pending + bytes > this.limit) {
      await this.sync();
      this.context.application.suspendApiCalculationUntilNextSync();
    }
    this.pending += bytes;
  }

  /** Writes rows at (row, col), split into chunks of rows each below the payload limit. */
  async writeRows(
    ws: Excel.Worksheet,
    row: number,
    col: number,
    rows: OutValue[][],
    formats: (string | null)[] | null,
    width: number,
  ): Promise<void> {
    let start = 0;
    while (start < rows.length) {
      let end = start;
      let bytes = 0;
      while (end < rows.length) {
        const b = estimateBytes([rows[end]]);
        if (end > start && bytes + b > this.limit / 2) break;
        bytes += b;
        end++;
      }
      await this.reserve(bytes);
      const chunk = rows.slice(start, end);
      const range = ws.getRange(rangeAddress(row + start, col, chunk.length, width));
      const padded = chunk.map((r) => Array.from({ length: width }, (_, c) => (c < r.length ? r[c] : null)));
      // number formats first, so that the values are taken as text where the format says so
      range.numberFormat = padded.map((r) => r.map((v, c) => cellFormat(v, formats ? formats[c] : null)));
      range.values = padded.map((r) => r.map(excelCell));
      this.rangeWrites++;
      start = end;
    }
  }
}

/** The user's sheets that a run may replace, and leftovers of a failed run. */
async function loadSheetNames(context: Excel.RequestContext, batch: Batch): Promise<string[]> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  await batch.sync();
  return sheets.items.map((s) => s.name);
}

function tempName(i: number, stamp: string): string {
  return `${TEMP_PREFIX}${stamp}${i}`.slice(0, 31);
}

function safeTableName(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_');
}

/**
 * The column whose value decides the row's tone (e.g. `Tình trạng`: "Nộp muộn" → late), so that the colours can
 * be conditional formats that follow the cell if the clerk edits it. null when no column decides it.
 */
export function toneKeyColumn(sheet: OutSheet): { column: number; byTone: Map<Exclude<Tone, null>, string[]> } | null {
  const { rows, tones, columns } = sheet.table;
  if (!tones || !tones.some((t) => t)) return null;
  let best: { column: number; byTone: Map<Exclude<Tone, null>, string[]>; distinct: number } | null = null;
  for (let c = 0; c < columns.length; c++) {
    if (columns[c].type !== 'text') continue;
    const toneOf = new Map<string, Tone>();
    let ok = true;
    for (let r = 0; r < rows.length && ok; r++) {
      const v = rows[r][c];
      const t = tones[r] ?? null;
      if (typeof v !== 'string' || v === '' || (toneOf.has(v) && toneOf.get(v) !== t)) ok = false;
      else toneOf.set(v, t);
    }
    // the deciding column is a category (Tình trạng, Mức …): the fewest distinct values wins over codes and names
    if (!ok || (best && toneOf.size >= best.distinct)) continue;
    const byTone = new Map<Exclude<Tone, null>, string[]>();
    for (const [value, tone] of toneOf) {
      if (!tone) continue;
      byTone.set(tone, [...(byTone.get(tone) ?? []), value]);
    }
    best = { column: c, byTone, distinct: toneOf.size };
  }
  return best && { column: best.column, byTone: best.byTone };
}

function formulaText(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** Queues one OutSheet into worksheet `ws` (already added). */
async function queueOutSheet(batch: Batch, ws: Excel.Worksheet, sheet: OutSheet, tableName: string): Promise<void> {
  const { table } = sheet;
  const width = Math.max(1, table.columns.length);
  const headerRow = tableHeaderRow(sheet);
  if (sheet.preamble.length > 0) {
    const pw = Math.max(1, ...sheet.preamble.map((l) => l.length));
    await batch.writeRows(ws, 1, 1, sheet.preamble, null, pw);
    ws.getRange(rangeAddress(1, 1, sheet.preamble.length, 1)).format.font.bold = true;
    ws.getRange('A1').format.font.size = 14;
  }
  const header = table.columns.map((c) => c.header);
  await batch.writeRows(ws, headerRow, 1, [header], null, width);
  // an empty table still needs one body row
  const body = table.rows.length > 0 ? table.rows : [table.columns.map(() => null)];
  const formats = table.columns.map((c) => FORMAT_OF_TYPE(c.type));
  await batch.writeRows(ws, headerRow + 1, 1, body, formats, width);
  if (table.totals) {
    // issue 14: the total row sits below the table, outside the sortable data
    await batch.writeRows(ws, headerRow + 1 + body.length, 1, [table.totals], formats, width);
    ws.getRange(rangeAddress(headerRow + 1 + body.length, 1, 1, width)).format.font.bold = true;
  }

  await batch.reserve(400 + width * 60);
  const all = rangeAddress(headerRow, 1, body.length + 1, width);
  const t = ws.tables.add(all, true);
  t.name = tableName;
  t.style = 'TableStyleLight9';
  const hr = ws.getRange(rangeAddress(headerRow, 1, 1, width));
  hr.format.font.bold = true;
  hr.format.wrapText = true;
  hr.format.verticalAlignment = 'Center';
  table.columns.forEach((c, i) => {
    const colRange = ws.getRange(`${columnLetter(i + 1)}:${columnLetter(i + 1)}`);
    colRange.format.columnWidth = Math.round(c.width * 6);
    if (c.type === 'text' && c.width >= 30)
      ws.getRange(rangeAddress(headerRow + 1, i + 1, body.length, 1)).format.wrapText = true;
  });
  ws.freezePanes.freezeRows(headerRow);

  // colours for late / missing / rejected rows: conditional formats on the deciding column, else fills
  const key = toneKeyColumn(sheet);
  const bodyRange = rangeAddress(headerRow + 1, 1, body.length, width);
  if (key) {
    const keyCell = `$${columnLetter(key.column + 1)}${headerRow + 1}`;
    for (const [tone, values] of key.byTone) {
      await batch.reserve(200 + values.join('').length * 3);
      const cf = ws.getRange(bodyRange).conditionalFormats.add('Custom');
      const test = values.map((v) => `${keyCell}=${formulaText(v)}`);
      cf.custom.rule.formula = test.length === 1 ? `=${test[0]}` : `=OR(${test.join(',')})`;
      cf.custom.format.fill.color = `#${TONE_COLOURS[tone]}`;
    }
  } else if (table.tones) {
    let r = 0;
    while (r < table.rows.length) {
      const tone = table.tones[r] ?? null;
      let end = r + 1;
      while (end < table.rows.length && (table.tones[end] ?? null) === tone) end++;
      if (tone) {
        await batch.reserve(120);
        ws.getRange(rangeAddress(headerRow + 1 + r, 1, end - r, width)).format.fill.color = `#${TONE_COLOURS[tone]}`;
      }
      r = end;
    }
  }
}

async function queuePlainSheet(batch: Batch, ws: Excel.Worksheet, sheet: PlainSheet): Promise<void> {
  const width = Math.max(1, sheet.widths.length, ...sheet.rows.map((r) => r.length));
  if (sheet.rows.length > 0) await batch.writeRows(ws, 1, 1, sheet.rows, null, width);
  await batch.reserve(200 + width * 60);
  sheet.widths.forEach((w, i) => {
    ws.getRange(`${columnLetter(i + 1)}:${columnLetter(i + 1)}`).format.columnWidth = Math.round(w * 6);
  });
  if (sheet.headerRow >= 0) {
    const hr = ws.getRange(rangeAddress(sheet.headerRow + 1, 1, 1, width));
    hr.format.font.bold = true;
    hr.format.fill.color = HEADER_FILL;
    ws.freezePanes.freezeRows(sheet.headerRow + 1);
  } else if (sheet.rows.length > 0) {
    ws.getRange(rangeAddress(1, 1, sheet.rows.length, 1)).format.font.bold = true;
  }
  if (sheet.rows.some((r) => r.some((v) => typeof v === 'string' && v.length > 60))) {
    ws.getRange(rangeAddress(1, 1, sheet.rows.length, width)).format.wrapText = true;
  }
}

/**
 * Writes sheets into the open workbook, replacing those with the same names: syncs = 3 (names; all content;
 * swap) plus one per extra ~4 MB when the content is bigger than one request may carry.
 */
async function replaceSheets<S extends { name: string }>(
  context: Excel.RequestContext,
  sheets: S[],
  queue: (batch: Batch, ws: Excel.Worksheet, sheet: S, index: number, stamp: string) => Promise<void>,
  finalTableNames: (sheet: S, index: number) => string | null,
  tempTableName: (index: number, stamp: string) => string,
  options: WriteOptions,
): Promise<WriteReport> {
  const batch = new Batch(context, options.payloadLimit ?? DEFAULT_PAYLOAD_LIMIT);
  const existing = await loadSheetNames(context, batch);
  const stamp = Date.now().toString(36).slice(-6);
  const worksheets = context.workbook.worksheets;
  // leftovers of a run that failed half-way
  for (const name of existing) if (name.startsWith(TEMP_PREFIX)) worksheets.getItem(name).delete();
  context.application.suspendApiCalculationUntilNextSync();
  const added: Excel.Worksheet[] = [];
  try {
    for (let i = 0; i < sheets.length; i++) {
      const ws = worksheets.add(tempName(i, stamp));
      added.push(ws);
      await queue(batch, ws, sheets[i], i, stamp);
    }
    await batch.sync();
  } catch (e) {
    // the old sheets are untouched; remove what was written (best effort: the next run also cleans up)
    try {
      const again = context.workbook.worksheets;
      again.load('items/name');
      await context.sync();
      for (const s of again.items) if (s.name.startsWith(TEMP_PREFIX)) s.delete();
      await context.sync();
    } catch {
      /* ignore: reported below */
    }
    throw e;
  }
  const wanted = new Set(sheets.map((s) => s.name.toLocaleLowerCase()));
  // Excel keeps at least one sheet: the new ones exist, so deleting all old ones is allowed
  for (const name of existing)
    if (wanted.has(name.toLocaleLowerCase()) && !name.startsWith(TEMP_PREFIX)) worksheets.getItem(name).delete();
  sheets.forEach((s, i) => {
    added[i].name = s.name;
    const tn = finalTableNames(s, i);
    if (tn) added[i].tables.getItem(tempTableName(i, stamp)).name = tn;
  });
  const show = options.activate === undefined ? sheets[0]?.name : options.activate;
  const idx = sheets.findIndex((s) => s.name === show);
  if (idx >= 0) added[idx].activate();
  await batch.sync();
  return { sheets: sheets.map((s) => s.name), syncs: batch.syncs, rangeWrites: batch.rangeWrites };
}

/** Writes the summary sheets (summarySheets(c, plan)) as Excel tables. Running again replaces them. */
export async function writeOutSheets(
  context: Excel.RequestContext,
  sheets: OutSheet[],
  options: WriteOptions = {},
): Promise<WriteReport> {
  const tmpTable = (i: number, stamp: string) => `tonghop_tmp_${stamp}_${i}`;
  return replaceSheets(
    context,
    sheets,
    (batch, ws, sheet, i, stamp) => queueOutSheet(batch, ws, sheet, tmpTable(i, stamp)),
    (s) => safeTableName(s.table.name),
    tmpTable,
    options,
  );
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
    () => '',
    options,
  );
}

/** An Office.js value as a grid value: "" is an empty cell. */
function gridValue(v: unknown): CellValue {
  if (v === '' || v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return String(v);
}

export interface ReadOptions {
  /** Sheets to skip (e.g. the summary sheets, which can be large). */
  skip?: (name: string) => boolean;
}

/**
 * The open workbook's sheets as grids, for readPlan: 2 syncs (names; every used range's values at once).
 */
export async function readSheets(
  context: Excel.RequestContext,
  options: ReadOptions = {},
): Promise<{ sheets: SheetGrid[]; syncs: number }> {
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/name,items/visibility');
  await context.sync();
  const wanted = worksheets.items.filter(
    (ws) => !ws.name.startsWith(TEMP_PREFIX) && !(options.skip?.(ws.name) ?? false),
  );
  const used = wanted.map((ws) => {
    const r = ws.getUsedRangeOrNullObject(true);
    r.load('values,rowIndex,columnIndex');
    return r;
  });
  await context.sync();
  const sheets: SheetGrid[] = wanted.map((ws, i) => {
    const r = used[i];
    const state = ws.visibility === 'Visible' ? 'visible' : ws.visibility === 'Hidden' ? 'hidden' : 'veryHidden';
    if (r.isNullObject) return { name: ws.name, state, originRow: 1, originCol: 1, rows: [] };
    return {
      name: ws.name,
      state,
      originRow: r.rowIndex + 1,
      originCol: r.columnIndex + 1,
      rows: r.values.map((row) => row.map(gridValue)),
    };
  });
  return { sheets, syncs: 2 };
}

/** Shows a cell (a plan problem's "where"): activates the sheet and selects the cell. */
export async function selectCell(context: Excel.RequestContext, sheet: string, cell: string): Promise<void> {
  const ws = context.workbook.worksheets.getItem(sheet);
  ws.activate();
  ws.getRange(cell || 'A1').select();
  await context.sync();
}

/** Office's display language, e.g. "vi-VN" (null outside Office). */
export function officeLanguage(): string | null {
  try {
    return typeof Office !== 'undefined' ? (Office.context?.displayLanguage ?? null) : null;
  } catch {
    return null;
  }
}

/** Runs a batch against the open workbook. */
export function runInExcel<T>(fn: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  return Excel.run(fn);
}
