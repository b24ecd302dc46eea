/**
 * The ExcelJS side of the Decree 30 layout of the report workbook: page setup, merged text cells, row heights
 * estimated from the text, short rules, and the bordered tables of `Báo cáo` and of the appendices.
 */
import type ExcelJS from 'exceljs';
import { toUtcDate } from '../basics/dates';
import { VI_NUMBER_FORMATS } from '../basics/number-formats';
import { type ColumnType, type OutValue, isOutDate } from '../basics/sheets';
import { formatNumberVi } from '../basics/text';
import type { ReportTable } from './content';
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

/** Estimated printed lines of a text in a width (Excel width units) at a font size. */
export function estimateLines(text: string, widthUnits: number, size: number, bold = false): number {
  // calibrated on LibreOffice's rendering of Times New Roman (Liberation Serif metrics): ~1.2 characters per unit at 13 pt
  // (minus 2 characters lost to word wrapping at the end of a line)
  const perLine = Math.max(4, Math.floor((widthUnits * 1.2 * 13) / size / (bold ? 1.08 : 1)) - 2);
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / perLine)), 0);
}

function lineHeight(size: number): number {
  return Math.round(size * 1.45 * 10) / 10;
}

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

export function colSpanWidth(widths: number[], from: number, to: number): number {
  return widths.slice(from - 1, to).reduce((s, w) => s + w, 0);
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

export interface TextFit {
  text: string;
  width: number;
  size: number;
  bold?: boolean;
}

export function fitRow(ws: ExcelJS.Worksheet, row: number, texts: TextFit[]): void {
  // + 3 pt so that a rule drawn as the next row's top border never touches the descenders
  const h = Math.max(...texts.map((t) => estimateLines(t.text, t.width, t.size, t.bold) * lineHeight(t.size))) + 3;
  const r = ws.getRow(row);
  r.height = Math.max(r.height ?? 0, h);
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

/**
 * A bordered table whose column `i` spans `spans[i]` sheet columns from column 1 (`widths`: the sheet's column
 * widths, to estimate row heights). Returns the row after the table.
 */
export function writeTable(
  ws: ExcelJS.Worksheet,
  startRow: number,
  t: ReportTable,
  spans: number[],
  widths: number[],
  fitText: (v: OutValue) => string = (v) =>
    typeof v === 'number' ? formatNumberVi(v) : isOutDate(v) ? '00/00/0000' : String(v ?? ''),
): number {
  const starts = spans.map((_, i) => 1 + spans.slice(0, i).reduce((s, n) => s + n, 0));
  let r = startRow;
  const writeRow = (values: OutValue[], header: boolean, bold: boolean) => {
    const texts = values.map((v, i) => {
      const from = starts[i];
      const to = from + spans[i] - 1;
      if (to > from) ws.mergeCells(r, from, r, to);
      const cell = ws.getCell(r, from);
      if (header) cell.value = String(v ?? '');
      else setValue(cell, v, t.table.columns[i].type);
      cell.font = font(S.table, { bold: header || bold });
      cell.alignment = { horizontal: header ? 'center' : horizontal(t, i, v), vertical: 'middle', wrapText: true };
      for (let k = from; k <= to; k++) ws.getCell(r, k).border = BOX;
      return {
        text: header ? String(v) : fitText(v),
        width: colSpanWidth(widths, from, to),
        size: S.table,
        bold: header || bold,
      };
    });
    fitRow(ws, r, texts);
    r++;
  };
  writeRow(
    t.table.columns.map((c) => c.header),
    true,
    true,
  );
  t.table.rows.forEach((row, i) => writeRow(row, false, t.boldLast && i === t.table.rows.length - 1));
  return r;
}
