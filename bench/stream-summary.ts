/**
 * A PROTOTYPE, for the bench only: the same summary sheets (summarySheets) written with ExcelJS's streaming
 * WorkbookWriter, row by row, instead of the in-memory workbook of src/core/xlsx-write.ts. It shows what the
 * summary write would cost if the CLI streamed it. Differences with the real writer: an AutoFilter instead of an
 * Excel table (the streaming writer has no tables), row heights not set. Not used by tonghop itself.
 */
import { createWriteStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { type Consolidation, type Plan, type OutSheet, TONE_COLOURS, excelValue, isOutDate, summarySheets, tableHeaderRow } from '../src/core';

const NUM_FMT: Record<string, string | undefined> = { integer: '#,##0', number: '#,##0.##', date: 'dd/mm/yyyy', percent: '0.0%', text: undefined };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

function addSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, sheet: OutSheet): void {
  const headerRow = tableHeaderRow(sheet);
  const { table } = sheet;
  const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }] });
  ws.columns = table.columns.map((c) => ({ width: c.width }));
  sheet.preamble.forEach((line, i) => {
    const row = ws.getRow(i + 1);
    line.forEach((v, c) => {
      const cell = row.getCell(c + 1);
      cell.value = excelValue(v);
      if (isOutDate(v)) cell.numFmt = 'dd/mm/yyyy';
    });
    row.getCell(1).font = i === 0 ? { bold: true, size: 14 } : { bold: true };
    row.commit();
  });
  const hr = ws.getRow(headerRow);
  table.columns.forEach((c, j) => {
    const cell = hr.getCell(j + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { wrapText: true, vertical: 'middle' };
  });
  hr.commit();
  const fills = new Map<string, ExcelJS.Fill>();
  table.rows.forEach((r, i) => {
    const row = ws.getRow(headerRow + 1 + i);
    const tone = table.tones?.[i];
    let fill: ExcelJS.Fill | undefined;
    if (tone) {
      fill = fills.get(tone);
      if (!fill) fills.set(tone, (fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF' + TONE_COLOURS[tone] } }));
    }
    table.columns.forEach((c, j) => {
      const cell = row.getCell(j + 1);
      cell.value = excelValue(r[j] ?? null);
      const fmt = NUM_FMT[c.type];
      if (fmt) cell.numFmt = fmt;
      if (fill) cell.fill = fill;
    });
    row.commit();
  });
  const last = headerRow + Math.max(1, table.rows.length);
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: last, column: table.columns.length } };
  ws.commit();
}

export async function writeSummaryStreaming(c: Consolidation, plan: Plan, file: string): Promise<void> {
  const stream = createWriteStream(file);
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = 'tonghop';
  for (const s of summarySheets(c, plan)) addSheet(wb, s);
  await wb.commit();
  await done;
}
