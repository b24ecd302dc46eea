/// <reference types="office-js" />
/**
 * Queuing range writes in requests Excel accepts: values and number formats as whole 2-D ranges, split into
 * chunks of rows when one request would carry more than the payload limit (Excel on the web refuses 5 MB).
 */
import { columnLetter } from '../core/basics/grid';
import { type OutValue, isOutDate } from '../core/basics/sheets';
import {
  DATE_FORMAT,
  GENERAL_FORMAT,
  NUMBER_FORMATS,
  TEXT_FORMAT,
  numberFormatFor,
} from '../core/basics/number-formats';
import { toExcelSerial } from '../core/basics/dates';
import type { Capabilities } from './office';

/** Excel on the web refuses requests above 5 MB; stay well below it (estimated bytes of one sync's payload). */
export const DEFAULT_PAYLOAD_LIMIT = 4_000_000;

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
  // an indicator's value shows decimals only when it has some (never "30.707,")
  if (typeof v === 'number' && columnFormat === NUMBER_FORMATS.number) return numberFormatFor('number', v)!;
  return columnFormat ?? GENERAL_FORMAT;
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
export function estimateBytes(rows: readonly (readonly unknown[])[]): number {
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
export class Batch {
  syncs = 0;
  rangeWrites = 0;
  private pending = 0;
  constructor(
    readonly context: Excel.RequestContext,
    readonly limit: number,
    readonly caps: Capabilities,
  ) {}

  async sync(): Promise<void> {
    this.syncs++;
    this.pending = 0;
    await this.context.sync();
  }

  suspendCalculation(): void {
    if (this.caps.suspendCalculation) this.context.application.suspendApiCalculationUntilNextSync();
  }

  /** Before queuing `bytes` more: flush what is queued when the sum would be too big. */
  async reserve(bytes: number): Promise<void> {
    if (this.pending > 0 && this.pending + bytes > this.limit) {
      await this.sync();
      this.suspendCalculation();
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

  /** A column's width (ExcelApi 1.2; older Excel keeps its default width). */
  columnWidth(ws: Excel.Worksheet, col: number, characters: number): void {
    if (!this.caps.columnWidth) return;
    ws.getRange(`${columnLetter(col)}:${columnLetter(col)}`).format.columnWidth = Math.round(characters * 6);
  }

  /** Frozen header rows (ExcelApi 1.7; older Excel scrolls them away). */
  freezeRows(ws: Excel.Worksheet, rows: number): void {
    if (this.caps.freezePanes) ws.freezePanes.freezeRows(rows);
  }
}
