/// <reference types="office-js" />
/**
 * One sheet's content, queued into a worksheet already added: an OutSheet (summary: preamble and an Excel table)
 * or a PlainSheet (the plan workbook's sheets). Features above ExcelApi 1.1 are used only where the host offers
 * them (see Batch): conditional formats fall back to fixed fills, frozen panes and widths are left out.
 */
import { columnLetter } from '../core/basics/grid';
import { type ColumnType, type OutSheet, type Tone, TONE_COLOURS, tableHeaderRow } from '../core/basics/sheets';
import { NUMBER_FORMATS, TEXT_FORMAT } from '../core/basics/number-formats';
import { fitColumns } from '../core/basics/sheet-fit';
import type { PlainSheet } from '../core/plan/plan-write';
import { type Batch, rangeAddress } from './batch';

/** The file writers' formats; text columns get Excel's text format so that `=…` stays text. */
const FORMAT_OF_TYPE = (t: ColumnType): string => NUMBER_FORMATS[t] ?? TEXT_FORMAT;
const HEADER_FILL = '#DDEBF7';

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

/** Excel refuses a table whose headers repeat or are empty: "Ghi chú", "Ghi chú (2)"; empty → "Cột 3". */
export function uniqueHeaders(headers: readonly string[]): string[] {
  const seen = new Set<string>();
  return headers.map((raw, i) => {
    const base = raw.trim() === '' ? `Cột ${i + 1}` : raw;
    let h = base;
    for (let n = 2; seen.has(h.toLowerCase()); n++) h = `${base} (${n})`;
    seen.add(h.toLowerCase());
    return h;
  });
}

/** Row colours: conditional formats on the deciding column where offered, else fixed fills. */
async function queueTones(batch: Batch, ws: Excel.Worksheet, sheet: OutSheet, headerRow: number, rows: number) {
  const { table } = sheet;
  const width = Math.max(1, table.columns.length);
  const key = toneKeyColumn(sheet);
  const bodyRange = rangeAddress(headerRow + 1, 1, rows, width);
  if (key && batch.caps.conditionalFormats) {
    const keyCell = `$${columnLetter(key.column + 1)}${headerRow + 1}`;
    for (const [tone, values] of key.byTone) {
      await batch.reserve(200 + values.join('').length * 3);
      const cf = ws.getRange(bodyRange).conditionalFormats.add('Custom');
      const test = values.map((v) => `${keyCell}=${formulaText(v)}`);
      cf.custom.rule.formula = test.length === 1 ? `=${test[0]}` : `=OR(${test.join(',')})`;
      cf.custom.format.fill.color = `#${TONE_COLOURS[tone]}`;
    }
    return;
  }
  if (!table.tones) return;
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

/** Queues one OutSheet into worksheet `ws` (already added). */
export async function queueOutSheet(batch: Batch, ws: Excel.Worksheet, sheet: OutSheet, tableName: string) {
  const { table } = sheet;
  const width = Math.max(1, table.columns.length);
  const headerRow = tableHeaderRow(sheet);
  if (sheet.preamble.length > 0) {
    const pw = Math.max(1, ...sheet.preamble.map((l) => l.length));
    await batch.writeRows(ws, 1, 1, sheet.preamble, null, pw);
    ws.getRange(rangeAddress(1, 1, sheet.preamble.length, 1)).format.font.bold = true;
    ws.getRange('A1').format.font.size = 14;
  }
  await batch.writeRows(ws, headerRow, 1, [uniqueHeaders(table.columns.map((c) => c.header))], null, width);
  // an empty table still needs one body row
  const body = table.rows.length > 0 ? table.rows : [table.columns.map(() => null)];
  const formats = table.columns.map((c) => FORMAT_OF_TYPE(c.type));
  await batch.writeRows(ws, headerRow + 1, 1, body, formats, width);
  if (table.totals) {
    // the total row sits just below the table, outside the sortable data
    await batch.writeRows(ws, headerRow + 1 + body.length, 1, [table.totals], formats, width);
    ws.getRange(rangeAddress(headerRow + 1 + body.length, 1, 1, width)).format.font.bold = true;
  }

  await batch.reserve(400 + width * 60);
  const t = ws.tables.add(rangeAddress(headerRow, 1, body.length + 1, width), true);
  t.name = tableName;
  t.style = 'TableStyleLight9';
  const hr = ws.getRange(rangeAddress(headerRow, 1, 1, width));
  hr.format.font.bold = true;
  hr.format.wrapText = true;
  hr.format.verticalAlignment = 'Center';
  // widths measured as the file writers measure them (no header word broken, no date as ####); Excel fits the
  // heights of rows it has not been told a height for, wrapped text included
  fitColumns(table.columns).forEach((fit, i) => {
    batch.columnWidth(ws, i + 1, fit.width);
    if (fit.wrap) ws.getRange(rangeAddress(headerRow + 1, i + 1, body.length, 1)).format.wrapText = true;
  });
  batch.freezeRows(ws, headerRow);
  await queueTones(batch, ws, sheet, headerRow, body.length);
}

export async function queuePlainSheet(batch: Batch, ws: Excel.Worksheet, sheet: PlainSheet): Promise<void> {
  const width = Math.max(1, sheet.widths.length, ...sheet.rows.map((r) => r.length));
  if (sheet.rows.length > 0) await batch.writeRows(ws, 1, 1, sheet.rows, null, width);
  await batch.reserve(200 + width * 60);
  sheet.widths.forEach((w, i) => batch.columnWidth(ws, i + 1, w));
  if (sheet.headerRow >= 0) {
    const hr = ws.getRange(rangeAddress(sheet.headerRow + 1, 1, 1, width));
    hr.format.font.bold = true;
    hr.format.fill.color = HEADER_FILL;
    batch.freezeRows(ws, sheet.headerRow + 1);
  } else if (sheet.rows.length > 0) {
    ws.getRange(rangeAddress(1, 1, sheet.rows.length, 1)).format.font.bold = true;
  }
  if (sheet.rows.some((r) => r.some((v) => typeof v === 'string' && v.length > 60))) {
    ws.getRange(rangeAddress(1, 1, sheet.rows.length, width)).format.wrapText = true;
  }
}
