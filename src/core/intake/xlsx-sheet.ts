/**
 * The direct reader's worksheet: `sheetData` and `mergeCells` to the SheetGrid that workbookToGrid makes
 * of ExcelJS's model. Each rule below is ExcelJS's (cell-xform.js parseClose/reconcile, row.js `set model`,
 * worksheet.js `_mergeCellsInternal`, cell.js FormulaValue `_copyModel`), not a guess; what they would fail on or
 * what the reader does not follow declines. See docs/reader.md.
 */
import { type CellValue, DEFAULT_CUT, type GridCut, type SheetGrid } from '../basics/grid';
import { type Formats, type SharedString, richRun, xmlDecode } from './xlsx-cells';
import { CLOSE, TEXT, type XmlCursor, decline } from './xlsx-sax';

export interface SheetContext {
  strings: SharedString[] | null;
  formats: Formats | null;
  date1904: boolean;
  /** Checks a `<drawing r:id>` (declines unless it is an empty drawing ExcelJS reads without fault). */
  drawing?: (rId: string | undefined) => void;
  /** How much of the sheet is kept (DEFAULT_CUT unless the caller says). */
  cut?: GridCut;
}

/** A cell ExcelJS keeps but without a value (a style only): invisible in the grid. */
const EMPTY = Symbol('empty');
/** What a row holds per column; `null` is a merged cell other than the top-left one (it counts as a value). */
type Slot = CellValue | typeof EMPTY;

interface RawCell {
  r?: string;
  t?: string;
  s?: string;
  formula?: string;
  shareType?: string;
  si?: string;
  ref?: string;
  value?: string;
  runs?: string[];
}

/** Top-level worksheet elements the reader skips (ExcelJS reads them but no cell value comes from them). */
const SKIPPED = new Set([
  'sheetPr',
  'dimension',
  'sheetViews',
  'sheetFormatPr',
  'cols',
  'sheetProtection',
  'autoFilter',
  'rowBreaks',
  'colBreaks',
  'phoneticPr',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'ignoredErrors',
  // left out before ExcelJS sees the sheet (xlsx-repair.ts withoutDataValidations)
  'dataValidations',
]);

const MAX_ROW = 1048576;
const MAX_COL = 16384;
const CELL_REF = /^([A-Z]{1,3})([1-9][0-9]{0,6})$/;
const RANGE_REF = /^([A-Z]{1,3})([1-9][0-9]{0,6}):([A-Z]{1,3})([1-9][0-9]{0,6})$/;

function colNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + letters.charCodeAt(i) - 64;
  if (n > MAX_COL) decline('column out of range');
  return n;
}

function rowNumber(digits: string): number {
  const n = parseInt(digits, 10);
  if (n > MAX_ROW) decline('row out of range');
  return n;
}

/** A worksheet part to its grid (the cursor after the root's OPEN). */
export function readSheet(x: XmlCursor, name: string, state: string, ctx: SheetContext): SheetGrid {
  if (!x.is('worksheet')) decline('worksheet root');
  const rows = new Map<number, Slot[]>();
  let merges: string[] = [];
  const seen = new Set<string>();
  for (let ev = x.next(); ev !== CLOSE; ev = x.next()) {
    if (ev === TEXT) continue;
    if (x.is('sheetData')) {
      if (seen.has('sheetData')) decline('a second <sheetData>');
      seen.add('sheetData');
      readSheetData(x, rows, ctx);
    } else if (x.is('mergeCells')) {
      merges = readMerges(x); // ExcelJS's list starts again: the last one counts
    } else if (x.is('drawing') && ctx.drawing) {
      ctx.drawing(x.attrs['r:id']);
      x.skip();
    } else if (SKIPPED.has(x.name)) x.skip();
    else decline(`<${x.name}> in a worksheet`);
  }
  x.finish();
  applyMerges(rows, merges);
  return toGrid(rows, name, state, ctx.cut ?? DEFAULT_CUT);
}

function readSheetData(x: XmlCursor, rows: Map<number, Slot[]>, ctx: SheetContext): void {
  const formulae = new Map<string, string | undefined>();
  for (let ev = x.next(); ev !== CLOSE; ev = x.next()) {
    if (ev === TEXT) continue;
    if (!x.is('row')) decline(`<${x.name}> in sheetData`);
    const r = x.attrs.r;
    if (r === undefined || !/^[1-9][0-9]{0,6}$/.test(r)) decline('row without a number');
    if (truthyStyle(x.attrs.s) && !ctx.formats?.hasXfs) decline('row style without cell formats');
    rows.set(rowNumber(r), readRow(x, ctx, formulae));
  }
}

function truthyStyle(s: string | undefined): boolean {
  return Boolean(s && parseInt(s, 10));
}

function readRow(x: XmlCursor, ctx: SheetContext, formulae: Map<string, string | undefined>): Slot[] {
  const slots: Slot[] = [];
  let previous = 0;
  for (let ev = x.next(); ev !== CLOSE; ev = x.next()) {
    if (ev === TEXT) continue;
    if (!x.is('c')) decline(`<${x.name}> in a row`);
    const raw = readCell(x);
    const slot = cellSlot(raw, ctx, formulae);
    if (slot === undefined) continue; // ExcelJS's "Merge" placeholder: never added, the next r-less cell not moved
    let col: number;
    if (raw.r !== undefined) {
      const m = CELL_REF.exec(raw.r);
      if (!m) decline('cell reference');
      col = colNumber(m[1]);
    } else {
      if (previous === 0) decline('first cell without a reference');
      col = previous + 1;
      if (col > MAX_COL) decline('column out of range');
    }
    previous = col;
    slots[col - 1] = slot;
  }
  return slots;
}

function readCell(x: XmlCursor): RawCell {
  const { r, t, s } = x.attrs;
  const cell: RawCell = { r, t, s };
  const seen = new Set<string>();
  for (let ev = x.next(); ev !== CLOSE; ev = x.next()) {
    if (ev === TEXT) continue;
    if (seen.has(x.name)) decline(`a second <${x.name}> in a cell`);
    seen.add(x.name);
    if (x.is('f')) {
      cell.shareType = x.attrs.t;
      cell.si = x.attrs.si;
      cell.ref = x.attrs.ref;
      cell.formula = x.textContent() || undefined;
    } else if (x.is('v')) {
      if (seen.has('is')) decline('value and inline string');
      cell.value = x.textContent() || undefined;
    } else if (x.is('is')) {
      if (seen.has('v')) decline('value and inline string');
      readInline(x, cell);
    } else decline(`<${x.name}> in a cell`);
  }
  return cell;
}

/** `<is>`: plain `<t>` texts (no `_x` unescaping, as ExcelJS) or rich-text runs (unescaped), never both. */
function readInline(x: XmlCursor, cell: RawCell): void {
  for (let ev = x.next(); ev !== CLOSE; ev = x.next()) {
    if (ev === TEXT) continue;
    if (x.is('t') && cell.runs === undefined) {
      const text = x.textContent();
      if (text) cell.value = (cell.value ?? '') + text;
    } else if (x.is('r') && cell.value === undefined) {
      (cell.runs ??= []).push(richRun(x));
    } else decline(`<${x.name}> in an inline string`);
  }
}

function excelToDate(v: number, date1904: boolean): Date {
  return new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

/** workbookToGrid's plainValue of what ExcelJS computed. */
function plain(v: string | number | boolean | Date | { error: string }): CellValue {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? { error: '#VALUE!' } : v;
  if (typeof v === 'object') return { error: String(v.error) };
  return v;
}

function isDate(styleId: number | undefined, ctx: SheetContext): boolean {
  if (!styleId || !ctx.formats) return false;
  if (!ctx.formats.hasXfs) decline('cell style without cell formats');
  return ctx.formats.dateXf[styleId] === true;
}

/** The cell's grid value, EMPTY for a style-only cell, undefined for what ExcelJS does not add at all. */
function cellSlot(c: RawCell, ctx: SheetContext, formulae: Map<string, string | undefined>): Slot | undefined {
  const styleId = c.s ? parseInt(c.s, 10) : undefined;
  const date = isDate(styleId, ctx);
  if (c.formula || c.shareType) return formulaValue(c, date, ctx, formulae);
  if (c.runs !== undefined) {
    if (c.t !== 'inlineStr') decline('rich inline string in a cell of another type');
    return c.runs.join('');
  }
  if (c.value === undefined) return styleId ? EMPTY : undefined;
  const value = c.value;
  switch (c.t) {
    case 's':
      return sharedString(value, ctx);
    case 'str':
      return xmlDecode(value);
    case 'inlineStr':
      return value;
    case 'b':
      return parseInt(value, 10) !== 0;
    case 'e':
      return { error: value };
    default: {
      const n = parseFloat(value);
      return date ? plain(excelToDate(n, ctx.date1904)) : n;
    }
  }
}

function sharedString(value: string, ctx: SheetContext): CellValue {
  if (!ctx.strings) decline('shared string without shared strings');
  const s = ctx.strings[parseInt(value, 10)];
  if (s === undefined) decline('shared string index');
  return typeof s === 'string' ? s : s.runs.join('');
}

function formulaValue(
  c: RawCell,
  date: boolean,
  ctx: SheetContext,
  formulae: Map<string, string | undefined>,
): CellValue {
  if (c.runs !== undefined) decline('rich text in a formula cell');
  let result: string | number | boolean | Date | { error: string } | undefined;
  if (c.value) {
    if (c.t === 'str') result = xmlDecode(c.value);
    else if (c.t === 'b') result = parseInt(c.value, 10) !== 0;
    else if (c.t === 'e') result = { error: c.value };
    else result = parseFloat(c.value);
  }
  // ExcelJS converts any cached result of a date-formatted formula (JS number coercion), even text or an error
  if (result !== undefined && date) result = excelToDate(Number(result), ctx.date1904);
  let sharedFormula: string | undefined;
  if (c.shareType === 'shared') {
    if (c.si === undefined || !/^[0-9]{1,9}$/.test(c.si)) decline('shared formula index');
    if (c.ref) formulae.set(c.si, c.r);
    else sharedFormula = formulae.get(c.si);
  }
  const formula = c.formula || sharedFormula;
  if (!formula) decline('formula without text');
  // a cached 0 or FALSE is the cell's value (ExcelJS's cell.value leaves falsy results out, its cell.result keeps
  // them: xlsx-read.ts reads those too); a cached NaN is no result, as there
  if (result === 0 || result === false) return result;
  if (!result) return { formula };
  return plain(result);
}

function readMerges(x: XmlCursor): string[] {
  const out: string[] = [];
  for (let ev = x.next(); ev !== CLOSE; ev = x.next()) {
    if (ev === TEXT) continue;
    if (!x.is('mergeCell') || x.attrs.ref === undefined) decline('merge');
    out.push(x.attrs.ref);
    x.skip();
  }
  return out;
}

function applyMerges(rows: Map<number, Slot[]>, merges: string[]): void {
  const done: [number, number, number, number][] = [];
  for (const ref of merges) {
    const m = RANGE_REF.exec(ref);
    if (!m) decline('merge reference');
    const left = colNumber(m[1]);
    const top = rowNumber(m[2]);
    const right = colNumber(m[3]);
    const bottom = rowNumber(m[4]);
    if (right < left || bottom < top) decline('reversed merge');
    if (done.some(([t, l, b, r]) => !(bottom < t || top > b || right < l || left > r))) decline('overlapping merges');
    done.push([top, left, bottom, right]);
    if ((bottom - top + 1) * (right - left + 1) > 1e6) decline('huge merge');
    for (let i = top; i <= bottom; i++) {
      let slots = rows.get(i);
      if (!slots) rows.set(i, (slots = []));
      for (let j = left; j <= right; j++) {
        if (i === top && j === left) {
          if (slots[j - 1] === undefined) slots[j - 1] = EMPTY;
        } else slots[j - 1] = null;
      }
    }
  }
}

function toGrid(rowMap: Map<number, Slot[]>, name: string, state: string, cut: GridCut): SheetGrid {
  const { maxRows, maxCols } = cut;
  const rows: CellValue[][] = [];
  let lastRow = 0;
  let lastCol = 0;
  for (const n of [...rowMap.keys()].sort((a, b) => a - b)) {
    const slots = rowMap.get(n)!;
    if (!slots.some((s) => s !== EMPTY)) continue;
    if (n > maxRows) {
      lastRow = Math.max(lastRow, n);
      continue;
    }
    const out: CellValue[] = [];
    slots.forEach((s, i) => {
      if (s === EMPTY) return;
      if (i + 1 > maxCols) lastCol = Math.max(lastCol, i + 1);
      else out[i] = s;
    });
    for (let i = 0; i < out.length; i++) if (out[i] === undefined) out[i] = null;
    rows[n - 1] = out;
  }
  for (let i = 0; i < rows.length; i++) if (rows[i] === undefined) rows[i] = [];
  const grid: SheetGrid = { name, state, originRow: 1, originCol: 1, rows };
  if (lastRow > 0 || lastCol > 0)
    grid.notRead = { fromRow: lastRow > 0 ? maxRows + 1 : null, fromCol: lastCol > 0 ? maxCols + 1 : null };
  return grid;
}
