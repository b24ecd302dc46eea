/**
 * A sheet as a grid of plain values: what both the ExcelJS reader (files) and the Office.js door
 * (`getUsedRange().values`) produce, so that plans and submissions are read by the same code.
 */
import { formatDateVi, fromUtcDate } from './dates';
import { cleanText } from './text';

/** A formula whose result was not saved in the file. */
export interface FormulaWithoutResult {
  formula: string;
}
/** An error value such as #N/A. */
export interface CellError {
  error: string;
}
export type CellValue = string | number | boolean | Date | FormulaWithoutResult | CellError | null;

export interface SheetGrid {
  name: string;
  /** 'visible' | 'hidden' | 'veryHidden' */
  state: string;
  /** Row and column (1-based) of rows[0][0] in the sheet. */
  originRow: number;
  originCol: number;
  rows: CellValue[][];
  /** Cells beyond what a reader keeps (a report table is never that large): from this row or column on. */
  notRead?: { fromRow: number | null; fromCol: number | null };
}

/**
 * How much of a sheet a reader keeps: a report table is never larger than the default; a plan's list of agencies
 * may be (a national plan of every commune), so plans are read with PLAN_CUT. Beyond it: `notRead`, never silently.
 */
export interface GridCut {
  maxRows: number;
  maxCols: number;
}
export const DEFAULT_CUT: GridCut = { maxRows: 5000, maxCols: 200 };
export const PLAN_CUT: GridCut = { maxRows: 100_000, maxCols: 200 };

export interface WorkbookGrid {
  sheets: SheetGrid[];
  date1904: boolean;
  /** What the loader had to leave aside to read the cells (tables, comments …), when it had to. */
  repairs?: string[];
}

export function columnLetter(col: number): string {
  let n = col;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** A1 address of grid position (r, c) (0-based indexes into rows). */
export function cellAddress(grid: SheetGrid, r: number, c: number): string {
  return `${columnLetter(grid.originCol + c)}${grid.originRow + r}`;
}

export function getCell(grid: SheetGrid, r: number, c: number): CellValue {
  const row = grid.rows[r];
  if (!row) return null;
  const v = row[c];
  return v === undefined ? null : v;
}

export function isFormulaWithoutResult(v: CellValue): v is FormulaWithoutResult {
  return typeof v === 'object' && v !== null && !(v instanceof Date) && 'formula' in v;
}
export function isCellError(v: CellValue): v is CellError {
  return typeof v === 'object' && v !== null && !(v instanceof Date) && 'error' in v;
}

/** The value as text for labels and free text: numbers in plain form, dates as dd/mm/yyyy. */
export function cellText(v: CellValue): string {
  if (v === null) return '';
  if (typeof v === 'string') return cleanText(v);
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) {
    const iso = fromUtcDate(v);
    return iso ? formatDateVi(iso) : '';
  }
  if (isCellError(v)) return v.error;
  return '';
}

export function isEmptyCell(v: CellValue): boolean {
  return v === null || (typeof v === 'string' && cleanText(v) === '');
}

export function rowIsEmpty(row: CellValue[] | undefined): boolean {
  return !row || row.every(isEmptyCell);
}

/** Grid from a plain 2-D array (Office.js values, tests). */
export function gridFromValues(
  name: string,
  values: CellValue[][],
  originRow = 1,
  originCol = 1,
  state = 'visible',
): SheetGrid {
  return { name, state, originRow, originCol, rows: values };
}
