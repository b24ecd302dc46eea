/**
 * The ExcelJS side of the Decree 30 layout of the report workbook: page setup, merged text cells, row heights
 * estimated from the text, short rules, and the bordered tables of `Báo cáo` and of the appendices.
 */
import type ExcelJS from 'exceljs';
import { toUtcDate } from '../basics/dates';
import { VI_NUMBER_FORMATS } from '../basics/number-formats';
import { type ColumnType, type OutValue, isOutDate } from '../basics/sheets';
import { type TextFont, columnTextWidth, rowHeight } from '../basics/measure';
import { type ReportTable, shownText } from './content';
import { DECREE_30 } from './letterhead';

const MM_PER_INCH = 25.4;
export const F = DECREE_30.font;
export const S = DECREE_30.size;

export type Font = Partial<ExcelJS.Font>;
export const font = (size: number, style: { bold?: boolean; italic?: boolean } = {}): Font => ({
  name: F,
  size,
  bold: style.bold ?? false,
  italic: style.italic ?? false,
});

const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
export const BOX: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** The measuring font of a report cell: Times New Roman at a size. */
export const tnr = (size: number, style: { bold?: boolean; italic?: boolean } = {}): TextFont => ({
  family: 'Times New Roman',
  size,
  bold: style.bold,
  italic: style.italic,
});

export function pageSetup(ws: ExcelJS.Worksheet, orientation: 'portrait' | 'landscape'): void {
  const m = DECREE_30.marginsMm;
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: false,
    margins: {
      top: m.top / MM_PER_INCH,
      bottom: m.bottom / MM_PER_INCH,
      left: m.left / MM_PER_INCH,
      right: m.right / MM_PER_INCH,
      // the page number sits in the top margin (LibreOffice, when it saves the file again, writes the top
      // margin as about 15 mm because it counts the header inside it; Excel keeps 20 mm)
      header: 10 / MM_PER_INCH,
      footer: 10 / MM_PER_INCH,
    },
  };
  // The issue asks for page numbers in the footer (Decree 30, Appendix I, I.7 puts them top centre from page 2;
  // the issue is newer and stands): centred, "Trang N/M", on every page.
  ws.headerFooter = {
    differentFirst: false,
    oddHeader: '',
    oddFooter: `&C&"${F},Regular"&${S.body - 1}Trang &P/&N`,
  };
  ws.views = [{ showGridLines: false, zoomScale: 100 }];
}

/** The widths (Excel units) of the sheet's columns `from` to `to` (1-based): a merged cell's columns. */
export function colSpan(widths: readonly number[], from: number, to: number): number[] {
  return widths.slice(from - 1, to);
}

/** Writes a text (always a string cell) into a merged range, with font and alignment. */
export function put(
  ws: ExcelJS.Worksheet,
  row: number,
  from: number,
  to: number,
  text: string,
  f: Font,
  align: Partial<ExcelJS.Alignment> = { horizontal: 'center', vertical: 'top', wrapText: true },
): ExcelJS.Cell {
  if (to > from) ws.mergeCells(row, from, row, to);
  const cell = ws.getCell(row, from);
  cell.value = String(text);
  cell.font = f;
  cell.alignment = align;
  return cell;
}

/** A text in a cell spanning columns of these widths (Excel units), in Times New Roman. */
export interface TextFit {
  text: string;
  width: readonly number[];
  size: number;
  bold?: boolean;
  italic?: boolean;
  /** An indent level (left-aligned text after a number). */
  indent?: number;
}

/**
 * The height (points, to a pixel) a row needs to show these texts whole; `clear`: 3 pt more, so that a rule drawn
 * as the next row's top border never touches the descenders (a table's own borders need none).
 */
export function fitHeight(texts: readonly TextFit[], clear = true): number {
  const h = rowHeight(
    texts.map((t) => ({ text: t.text, width: columnTextWidth(t.width, t.indent), font: tnr(t.size, t) })),
  );
  return Math.ceil((h + (clear ? 3 : 0)) / 0.75) * 0.75;
}

export function fitRow(ws: ExcelJS.Worksheet, row: number, texts: TextFit[]): number {
  const r = ws.getRow(row);
  r.height = Math.max(r.height ?? 0, fitHeight(texts));
  return r.height;
}

export function rule(ws: ExcelJS.Worksheet, row: number, from: number, to: number): void {
  for (let c = from; c <= to; c++) ws.getCell(row, c).border = { top: { style: 'thin', color: { argb: 'FF000000' } } };
}

/** The vi-VN number format of a value in a column of a type (an indicator keeps decimals only when it has some). */
export function viFormat(type: ColumnType, v: number): string {
  if (type === 'percent') return VI_NUMBER_FORMATS.percent;
  if (type === 'number' && !Number.isInteger(v)) return VI_NUMBER_FORMATS.decimal;
  return VI_NUMBER_FORMATS.integer;
}

/** Writes one value into a cell: a number with its format, a date as a date, anything else as a string. */
function setValue(cell: ExcelJS.Cell, v: OutValue, type: ColumnType): void {
  if (isOutDate(v)) {
    cell.value = toUtcDate(v.date);
    cell.numFmt = VI_NUMBER_FORMATS.date;
  } else if (typeof v === 'number') {
    cell.value = v;
    cell.numFmt = viFormat(type, v);
  } else cell.value = v === null ? null : String(v);
}

function horizontal(t: ReportTable, i: number, v: OutValue): 'left' | 'center' | 'right' {
  const type = t.table.columns[i].type;
  if (t.center[i] || type === 'date') return 'center';
  return type === 'text' || typeof v === 'string' ? 'left' : 'right';
}

/** A left-aligned text column right after a right-aligned number column is indented, so the two never touch. */
function indents(t: ReportTable): number[] {
  const right = (i: number) =>
    i >= 0 && !t.center[i] && t.table.columns[i].type !== 'text' && t.table.columns[i].type !== 'date';
  return t.table.columns.map((c, i) => (c.type === 'text' && !t.center[i] && right(i - 1) ? 1 : 0));
}

/** One row of a table as it will be written: its values, whether header or bold, and its height. */
export interface TableRowLayout {
  values: OutValue[];
  header: boolean;
  bold: boolean;
  height: number;
}

/** A table laid on the sheet's columns: column `i` spans `spans[i]` columns from `starts[i]`; every row's height. */
export interface TableLayout {
  table: ReportTable;
  starts: number[];
  spans: number[];
  indents: number[];
  header: TableRowLayout;
  rows: TableRowLayout[];
}

/** Lays a table out: the columns it spans and the height of each row, from the text each cell shows. */
export function layTable(t: ReportTable, spans: number[], widths: readonly number[]): TableLayout {
  const starts = spans.map((_, i) => 1 + spans.slice(0, i).reduce((s, n) => s + n, 0));
  const ind = indents(t);
  const height = (values: OutValue[], header: boolean, bold: boolean) =>
    fitHeight(
      values.map((v, i) => ({
        text: header ? String(v ?? '') : shownText(v, t.table.columns[i].type),
        width: colSpan(widths, starts[i], starts[i] + spans[i] - 1),
        size: S.table,
        bold: header || bold,
        indent: header ? 0 : ind[i],
      })),
      false,
    );
  const row = (values: OutValue[], header: boolean, bold: boolean): TableRowLayout => ({
    values,
    header,
    bold,
    height: height(values, header, bold),
  });
  const headers = t.table.columns.map((c) => c.header);
  const last = t.table.rows.length - 1;
  return {
    table: t,
    starts,
    spans,
    indents: ind,
    header: row(headers, true, true),
    rows: t.table.rows.map((values, i) => row(values, false, t.boldLast && i === last)),
  };
}

/** Writes one row of a laid-out table at sheet row `r`: merged spans, borders, fonts, alignment, height. */
export function writeTableRow(ws: ExcelJS.Worksheet, r: number, l: TableLayout, row: TableRowLayout): void {
  row.values.forEach((v, i) => {
    const from = l.starts[i];
    const to = from + l.spans[i] - 1;
    if (to > from) ws.mergeCells(r, from, r, to);
    const cell = ws.getCell(r, from);
    if (row.header) cell.value = String(v ?? '');
    else setValue(cell, v, l.table.table.columns[i].type);
    cell.font = font(S.table, { bold: row.header || row.bold });
    cell.alignment = {
      horizontal: row.header ? 'center' : horizontal(l.table, i, v),
      vertical: 'middle',
      wrapText: true,
      ...(l.indents[i] && !row.header ? { indent: l.indents[i] } : {}),
    };
    for (let k = from; k <= to; k++) ws.getCell(r, k).border = BOX;
  });
  ws.getRow(r).height = row.height;
}
