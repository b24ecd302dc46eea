/**
 * Writing the summary workbook to a file. Up to STREAM_ROWS table rows it is built in memory (src/core, real Excel
 * tables); above that (thousands of files: the `Chi tiết` sheet alone has one row per agency and task) it is
 * streamed row by row with ExcelJS's WorkbookWriter, so memory stays flat. The streaming writer has no Excel
 * tables, so those sheets get an AutoFilter on the same range instead. Same sheets, same columns, same values.
 */
import { createWriteStream, promises as fs } from 'node:fs';
import ExcelJS from 'exceljs';
import {
  type Consolidation,
  type HiddenSheet,
  type OutSheet,
  type Plan,
  type Tone,
  TONE_COLOURS,
  NUMBER_FORMATS,
  addHiddenSheet,
  excelValue,
  printSetup,
  summaryDataSheet,
  summarySheets,
  tableHeaderRow,
  wrappedRowHeight,
  writeOutSheets,
  writePreamble,
  writeTotals,
} from '../core';
import { writeAtomically, writeFileAtomic } from './files';

/** Above this many table rows in all, the summary is streamed. */
export const STREAM_ROWS = 20_000;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

/**
 * One style object per column, tone and value type, shared by every cell that has it: ExcelJS remembers the style id
 * of a style object it has seen (a WeakMap), so a shared object costs one lookup per cell instead of building and
 * comparing the style's XML for each of the hundreds of thousands of cells (issue 17). The value type is part of the
 * key because ExcelJS gives a number or a date without a format a default one, keyed by the object.
 */
class SharedStyles {
  private readonly fills = new Map<Exclude<Tone, null>, ExcelJS.Fill>();
  private readonly styles = new Map<string, Partial<ExcelJS.Style>>();

  of(c: OutSheet['table']['columns'][number], j: number, tone: Tone | null | undefined, type: ExcelJS.ValueType) {
    const key = `${j}|${tone ?? ''}|${type}`;
    let style = this.styles.get(key);
    if (!style) {
      style = {};
      const fmt = NUMBER_FORMATS[c.type];
      if (fmt) style.numFmt = fmt;
      const fill = tone ? this.fill(tone) : undefined;
      if (fill) style.fill = fill;
      if (c.type === 'text' && c.width >= 30) style.alignment = { wrapText: true, vertical: 'top' };
      this.styles.set(key, style);
    }
    return style;
  }

  private fill(tone: Exclude<Tone, null>): ExcelJS.Fill {
    let fill = this.fills.get(tone);
    if (!fill) {
      fill = {
        type: 'pattern',
        pattern: 'solid',
        fgColor: { argb: 'FF' + TONE_COLOURS[tone] },
      };
      this.fills.set(tone, fill);
    }
    return fill;
  }
}

/** Every data row's own style: none, one object for all, so that ExcelJS looks it up once (see SharedStyles). */
const ROW_STYLE: Partial<ExcelJS.Style> = {};

function streamSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, sheet: OutSheet): void {
  const headerRow = tableHeaderRow(sheet);
  const { table } = sheet;
  const ws = wb.addWorksheet(sheet.name, {
    views: [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }],
    ...printSetup(headerRow), // issue 14: print titles, "Trang N/M"
  });
  ws.columns = table.columns.map((c) => ({ width: c.width }));
  for (const row of writePreamble(ws, sheet)) row.commit();
  const hr = ws.getRow(headerRow);
  table.columns.forEach((c, j) => {
    const cell = hr.getCell(j + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { wrapText: true, vertical: 'middle' };
  });
  hr.commit();
  const styles = new SharedStyles();
  const links = new Map((table.links ?? []).map((l) => [l.column, l.targets]));
  // only wide text columns can need more than one line (an empty or narrow one needs one)
  const wrapped = table.columns.flatMap((c, j) => (c.type === 'text' && c.width >= 30 ? [{ j, width: c.width }] : []));
  table.rows.forEach((r, i) => {
    const row = ws.getRow(headerRow + 1 + i);
    (row as unknown as { style: Partial<ExcelJS.Style> }).style = ROW_STYLE; // a runtime field ExcelJS does not type
    const tone = table.tones?.[i];
    table.columns.forEach((c, j) => {
      const cell = row.getCell(j + 1);
      cell.value = excelValue(r[j] ?? null);
      const link = links.get(j)?.[i]; // issue 14: back to the source
      if (link && typeof r[j] === 'string') cell.value = { text: r[j] as string, hyperlink: link };
      cell.style = styles.of(c, j, tone, cell.type);
    });
    const height = wrappedRowHeight(
      wrapped.flatMap(({ j, width }) => (typeof r[j] === 'string' ? [{ text: r[j] as string, width }] : [])),
    );
    if (height) row.height = height;
    row.commit();
  });
  if (table.totals) {
    const tr = ws.getRow(headerRow + 1 + table.rows.length); // issue 14: the total row, below the filtered range
    writeTotals(tr, sheet);
    tr.commit();
  }
  const last = headerRow + Math.max(1, table.rows.length);
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: last, column: table.columns.length } };
  ws.commit();
}

/** Streams the summary sheets into `file` (the caller makes it atomic). */
export async function writeSummaryStreaming(
  sheets: OutSheet[],
  file: string,
  hidden: HiddenSheet[] = [],
): Promise<void> {
  const stream = createWriteStream(file);
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = 'tonghop';
  for (const s of sheets) streamSheet(wb, s);
  for (const h of hidden) addHiddenSheet(wb, h).commit(); // issue 14: the data `tonghop history` reads
  await wb.commit();
  await done;
}

/** Writes summary.xlsx atomically; returns how it was written and its size. */
export async function writeSummaryFile(
  c: Consolidation,
  plan: Plan,
  file: string,
  protectedInputs: string[] = [],
  opts: { streamRows?: number; sourceFolder?: string } = {},
): Promise<{ streamed: boolean; bytes: number }> {
  const sheets = summarySheets(c, plan, { sourceFolder: opts.sourceFolder });
  const hidden = [summaryDataSheet(c)];
  const rows = sheets.reduce((n, s) => n + s.table.rows.length, 0);
  if (rows <= (opts.streamRows ?? STREAM_ROWS)) {
    const bytes = await writeOutSheets(sheets, { title: `Tổng hợp báo cáo Kế hoạch ${plan.number}`, hidden });
    await writeFileAtomic(file, bytes, protectedInputs);
    return { streamed: false, bytes: bytes.byteLength };
  }
  await writeAtomically(file, (tmp) => writeSummaryStreaming(sheets, tmp, hidden), protectedInputs);
  return { streamed: true, bytes: (await fs.stat(file)).size };
}
