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
  type IsoDate,
  type OutSheet,
  type Plan,
  type RowSheet,
  type Tone,
  TONE_COLOURS,
  BOLD_FONT,
  type ColumnFit,
  LINK_FONT,
  SHEET_FONT,
  addHiddenSheet,
  bodyAlignment,
  bodyRowHeight,
  fitColumns,
  headerHeight,
  numberFormatFor,
  excelValue,
  printSetup,
  rowTableFrom,
  summaryDataSheet,
  summarySheets,
  summarySheetsByRow,
  tableHeaderRow,
  writeOutSheets,
  writePreamble,
  writeTotals,
} from '../../core';
import { writeAtomically } from '../files/inputs';
import { dateZipFileEntries, repeatable } from './repeatable';

/** Above this many table rows in all, the summary is streamed. */
export const STREAM_ROWS = 20_000;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

/**
 * One style object per column, tone and value type, shared by every cell that has it: ExcelJS remembers the style id
 * of a style object it has seen (a WeakMap), so a shared object costs one lookup per cell instead of building and
 * comparing the style's XML for each of the hundreds of thousands of cells. The value type is part of the
 * key because ExcelJS gives a number or a date without a format a default one, keyed by the object.
 */
class SharedStyles {
  private readonly fills = new Map<Exclude<Tone, null>, ExcelJS.Fill>();
  private readonly styles = new Map<string, Partial<ExcelJS.Style>>();

  constructor(private readonly fits: ColumnFit[]) {}

  of(
    c: OutSheet['table']['columns'][number],
    j: number,
    tone: Tone | null | undefined,
    value: unknown,
    type: ExcelJS.ValueType,
    link = false,
  ) {
    // the number format follows the value (an indicator shows decimals only when it has some)
    const fmt = numberFormatFor(c.type, value);
    const key = `${j}|${tone ?? ''}|${type}|${link ? 'link' : ''}|${fmt ?? ''}`;
    let style = this.styles.get(key);
    if (!style) {
      style = { font: link ? LINK_FONT : SHEET_FONT, alignment: bodyAlignment(this.fits[j]) };
      if (fmt) style.numFmt = fmt;
      const fill = tone ? this.fill(tone) : undefined;
      if (fill) style.fill = fill;
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

/** Excel's HYPERLINK takes a link and a shown text of at most 255 characters each. */
const HYPERLINK_MAX = 255;

/**
 * A link back to the source as a HYPERLINK formula with its text as the cached result: for a hyperlink
 * cell ExcelJS's stream writer keeps a relationship and an entry per link until the sheet ends (≈ 150 MB for the
 * 600,000 rows of 10,000 files), a formula is written with its row. Quotes are doubled inside the formula's strings,
 * so a file name can never end the string. A target or text too long for HYPERLINK stays a hyperlink cell.
 */
export function streamedLink(text: string, target: string): ExcelJS.CellValue {
  if (target.length > HYPERLINK_MAX || text.length > HYPERLINK_MAX) return { text, hyperlink: target };
  const quoted = (x: string) => `"${x.replace(/"/g, '""')}"`;
  return { formula: `HYPERLINK(${quoted(target)},${quoted(text)})`, result: text };
}

/** Every data row's own style: none, one object for all, so that ExcelJS looks it up once (see SharedStyles). */
const ROW_STYLE: Partial<ExcelJS.Style> = {};

/** The stream ExcelJS's sheet buffer passes its XML to (archiver's entry input), when these internals are there. */
type Sink = NodeJS.EventEmitter & { writableLength?: number; _writableState?: { length?: number } };

function sinkOf(ws: ExcelJS.Worksheet): Sink | undefined {
  return (ws as unknown as { stream?: { pipes?: Sink[] } }).stream?.pipes?.[0];
}

/**
 * Waits while the sheet's compressor is behind: ExcelJS's stream buffer passes each 64 KB of XML on without heeding
 * backpressure, so a sheet of 600,000 rows written in one go piled up before the zip's deflate (≈ 230 MB at 10,000
 * files). When more than BEHIND_BYTES wait, the writer looks again every few milliseconds until less
 * than CAUGHT_UP_BYTES wait (the compressor never runs dry), for a second at most, so that it never hangs on a
 * stream that stopped; without those internals (another ExcelJS) it goes on.
 */
async function letCompressorCatchUp(ws: ExcelJS.Worksheet): Promise<void> {
  const sink = sinkOf(ws);
  const waiting = () => (sink ? (sink.writableLength ?? sink._writableState?.length) : undefined);
  const first = waiting();
  if (typeof first !== 'number' || first < BEHIND_BYTES) return;
  const until = Date.now() + 1000;
  while ((waiting() ?? 0) > CAUGHT_UP_BYTES && Date.now() < until) await new Promise((r) => setTimeout(r, 4));
}

/** How much XML may wait for the compressor before the writer waits, down to how much, and how often it looks. */
const BEHIND_BYTES = 4 << 20;
const CAUGHT_UP_BYTES = 1 << 20;
const CHECK_EVERY = 256;

async function streamSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, sheet: OutSheet | RowSheet): Promise<void> {
  const table = 'count' in sheet.table ? sheet.table : rowTableFrom(sheet.table);
  // the preamble, header and totals helpers read only the columns and totals of the table
  const shell: OutSheet = {
    ...sheet,
    table: { name: table.name, columns: table.columns, rows: [], totals: table.totals },
  };
  const headerRow = tableHeaderRow(shell);
  const ws = wb.addWorksheet(sheet.name, {
    views: [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }],
    ...printSetup(headerRow), // print titles, "Trang N/M"
  });
  const fits = fitColumns(table.columns);
  ws.columns = fits.map((f) => ({ width: f.width }));
  for (const row of writePreamble(ws, shell)) row.commit();
  const hr = ws.getRow(headerRow);
  table.columns.forEach((c, j) => {
    const cell = hr.getCell(j + 1);
    cell.value = c.header;
    cell.font = BOLD_FONT;
    cell.fill = HEADER_FILL;
    cell.alignment = { wrapText: true, vertical: 'middle' };
  });
  hr.height = headerHeight(table.columns, fits);
  hr.commit();
  const styles = new SharedStyles(fits);
  let i = 0;
  for (const { values: r, tone, links } of table.rows()) {
    const row = ws.getRow(headerRow + 1 + i);
    (row as unknown as { style: Partial<ExcelJS.Style> }).style = ROW_STYLE; // a runtime field ExcelJS does not type
    table.columns.forEach((c, j) => {
      const cell = row.getCell(j + 1);
      const link = links?.[j]; // back to the source
      const linked = Boolean(link) && typeof r[j] === 'string' && r[j] !== '';
      cell.value = linked ? streamedLink(r[j] as string, link as string) : excelValue(r[j] ?? null);
      cell.style = styles.of(c, j, tone, r[j], cell.type, linked);
    });
    row.height = bodyRowHeight(r, fits);
    row.commit();
    if (++i % CHECK_EVERY === 0) await letCompressorCatchUp(ws);
  }
  if (table.totals) {
    const tr = ws.getRow(headerRow + 1 + i); // the total row, below the filtered range
    writeTotals(tr, shell);
    tr.commit();
  }
  const last = headerRow + Math.max(1, i);
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: last, column: table.columns.length } };
  ws.commit();
}

/** Streams the summary sheets into `file` (the caller makes it atomic), every date in it the day `asOf`. */
export async function writeSummaryStreaming(
  sheets: (OutSheet | RowSheet)[],
  file: string,
  hidden: HiddenSheet[] = [],
  asOf: IsoDate = '1980-01-01',
): Promise<void> {
  const stream = createWriteStream(file);
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = 'tonghop';
  wb.created = wb.modified = new Date(`${asOf}T00:00:00Z`); // the document's dates: the as-of day, never the clock
  for (const s of sheets) await streamSheet(wb, s);
  for (const h of hidden) addHiddenSheet(wb, h).commit(); // the data `tonghop history` reads
  await wb.commit();
  await done;
  await dateZipFileEntries(file, asOf); // the zip's own dates, written by its stream as the moment of writing
}

/**
 * The summary workbook for `c`: built in memory (real Excel tables) up to `streamRows` table rows, streamed above,
 * with the `Chi tiết` rows made one at a time (summarySheetsByRow), never all held.
 */
export async function writeSummaryTo(
  c: Consolidation,
  plan: Plan,
  tmp: string,
  opts: { streamRows?: number; sourceFolder?: string } = {},
): Promise<{ streamed: boolean }> {
  const hidden = [summaryDataSheet(c)]; // the data `tonghop history` reads
  const byRow = summarySheetsByRow(c, plan, { sourceFolder: opts.sourceFolder });
  const rows = byRow.reduce((n, s) => n + s.table.count, 0);
  if (rows <= (opts.streamRows ?? STREAM_ROWS)) {
    const sheets = summarySheets(c, plan, { sourceFolder: opts.sourceFolder });
    const bytes = await writeOutSheets(sheets, { title: `Tổng hợp báo cáo Kế hoạch ${plan.number}`, hidden });
    await fs.writeFile(tmp, repeatable(bytes, c.asOf), { flag: 'wx' });
    return { streamed: false };
  }
  await writeSummaryStreaming(byRow, tmp, hidden, c.asOf);
  return { streamed: true };
}

/** Writes summary.xlsx atomically; returns how it was written and its size. */
export async function writeSummaryFile(
  c: Consolidation,
  plan: Plan,
  file: string,
  protectedInputs: string[] = [],
  opts: { streamRows?: number; sourceFolder?: string } = {},
): Promise<{ streamed: boolean; bytes: number }> {
  let streamed = false;
  await writeAtomically(
    file,
    async (tmp) => void ({ streamed } = await writeSummaryTo(c, plan, tmp, opts)),
    protectedInputs,
  );
  return { streamed, bytes: (await fs.stat(file)).size };
}
