/**
 * Two .xlsx files compared as a user and Excel see them: cell by cell (value, type, the style a reader sees on the
 * cell, through ExcelJS, which gives a missing cell its row's or column's style), row heights, column widths and
 * styles, views, print settings; and part by part (every part but the sheets' cells, the shared strings and the
 * styles' numbering: workbook, relationships, tables, charts, drawings, document properties, the sheets' XML around
 * their cells). Returns the differences, each as a line; none when the two are the same workbook.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

type Diff = string[];

const json = (x: unknown) => JSON.stringify(x, (_k, v: unknown) => (v instanceof Date ? v.toISOString() : v));

/** A cell's value as read: text for a text, {text, hyperlink} for a link, the cached result of a formula. */
function valueOf(cell: ExcelJS.Cell): unknown {
  const v = cell.value;
  if (v && typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  return v ?? null;
}

/** The style a reader sees, with ExcelJS's reading defaults taken out (an unset font reads as the default font). */
function styleOf(cell: ExcelJS.Cell): string {
  const { numFmt, font, fill, alignment, border, protection } = cell.style;
  return json({
    numFmt: numFmt ?? null,
    font: font ?? null,
    fill: fill ?? null,
    alignment: alignment ?? null,
    border: border ?? null,
    protection: protection ?? null,
  });
}

function addresses(ws: ExcelJS.Worksheet, into: Set<string>): void {
  ws.eachRow({ includeEmpty: true }, (row) =>
    row.eachCell({ includeEmpty: true }, (cell) => void into.add(cell.address)),
  );
}

function compareSheet(a: ExcelJS.Worksheet, b: ExcelJS.Worksheet, out: Diff): void {
  const at = (what: string) => `${a.name}!${what}`;
  const same = (what: string, x: unknown, y: unknown) => {
    if (json(x) !== json(y)) out.push(`${at(what)}: ${json(x).slice(0, 500)} ≠ ${json(y).slice(0, 500)}`);
  };
  same('state', a.state, b.state);
  same('views', a.views, b.views);
  same('pageSetup', a.pageSetup, b.pageSetup);
  same('headerFooter', a.headerFooter, b.headerFooter);
  same('autoFilter', a.autoFilter ?? null, b.autoFilter ?? null);
  same('merges', a.model.merges, b.model.merges);
  const cf = (w: ExcelJS.Worksheet) => (w as unknown as { conditionalFormattings: unknown }).conditionalFormattings;
  same('conditionalFormattings', cf(a), cf(b));
  const rows = Math.max(a.rowCount, b.rowCount);
  for (let r = 1; r <= rows; r++) same(`row ${r} height`, a.getRow(r).height ?? null, b.getRow(r).height ?? null);
  const cols = Math.max(a.columnCount, b.columnCount);
  for (let c = 1; c <= cols; c++) {
    same(`column ${c} width`, a.getColumn(c).width ?? null, b.getColumn(c).width ?? null);
    same(`column ${c} style`, a.getColumn(c).style ?? null, b.getColumn(c).style ?? null);
  }
  const all = new Set<string>();
  addresses(a, all);
  addresses(b, all);
  for (const addr of all) {
    const x = a.getCell(addr);
    const y = b.getCell(addr);
    same(`${addr} type`, x.type, y.type);
    same(`${addr} value`, valueOf(x), valueOf(y));
    if (styleOf(x) !== styleOf(y)) out.push(`${at(addr)} style: ${styleOf(x)} ≠ ${styleOf(y)}`);
  }
}

/** The text of a sheet's XML around its cells (views, print, data bars, links, table parts), to compare as text. */
function sheetFrame(xml: string): string {
  return xml
    .replace(/<sheetData>[\s\S]*<\/sheetData>|<sheetData\/>/, '<sheetData/>')
    .replace(/<cols>[\s\S]*?<\/cols>/, '')
    .replace(/<dimension ref="[^"]*"\/>/, '')
    .replace(/<sheetFormatPr [^>]*\/>/, '');
}

/** Parts both must have with the same text; the others are compared through their content above. */
function comparedAsText(name: string): boolean {
  return !/^xl\/(sharedStrings|styles)\.xml$|\/$|^\[Content_Types\]\.xml$|^xl\/_rels\/workbook\.xml\.rels$/.test(name);
}

/** Content types and the workbook's relationships, as sets, without the shared strings (the direct writer has none). */
function normalisedList(name: string, xml: string): string[] {
  const items =
    name === '[Content_Types].xml' ? xml.match(/<(Default|Override) [^>]*\/>/g) : xml.match(/<Relationship [^>]*\/>/g);
  return (items ?? []).filter((i) => !/sharedStrings|Extension="vml"/.test(i)).sort();
}

async function compareParts(a: Uint8Array, b: Uint8Array, out: Diff): Promise<void> {
  const za = await JSZip.loadAsync(a);
  const zb = await JSZip.loadAsync(b);
  const names = (z: JSZip) =>
    Object.keys(z.files)
      .filter((n) => !n.endsWith('/') && n !== 'xl/sharedStrings.xml')
      .sort();
  const na = names(za);
  const nb = names(zb);
  if (json(na) !== json(nb)) out.push(`parts: ${json(na)} ≠ ${json(nb)}`);
  for (const name of na.filter((n) => nb.includes(n))) {
    const [x, y] = await Promise.all([za.file(name)!.async('string'), zb.file(name)!.async('string')]);
    if (name === '[Content_Types].xml' || name === 'xl/_rels/workbook.xml.rels') {
      if (json(normalisedList(name, x)) !== json(normalisedList(name, y))) out.push(`${name}: the lists differ`);
    } else if (/^xl\/worksheets\/[^/]+\.xml$/.test(name)) {
      if (sheetFrame(x) !== sheetFrame(y))
        out.push(`${name} (around its cells):\n  ${firstDifference(sheetFrame(x), sheetFrame(y))}`);
    } else if (comparedAsText(name) && x !== y) out.push(`${name}:\n  ${firstDifference(x, y)}`);
  }
}

/** Every difference between the workbooks `a` (the reference) and `b`. */
export async function workbookDifferences(a: Uint8Array, b: Uint8Array): Promise<string[]> {
  const out: Diff = [];
  const wa = new ExcelJS.Workbook();
  const wb = new ExcelJS.Workbook();
  await wa.xlsx.load(a as unknown as ArrayBuffer);
  await wb.xlsx.load(b as unknown as ArrayBuffer);
  const sheets = (w: ExcelJS.Workbook) => w.worksheets.map((s) => s.name);
  if (json(sheets(wa)) !== json(sheets(wb))) out.push(`sheets: ${json(sheets(wa))} ≠ ${json(sheets(wb))}`);
  for (const s of wa.worksheets) {
    const other = wb.getWorksheet(s.name);
    if (other) compareSheet(s, other, out);
  }
  same('title', wa.title, wb.title, out);
  same('creator', wa.creator, wb.creator, out);
  same('created', wa.created, wb.created, out);
  await compareParts(a, b, out);
  return out;
}

function same(what: string, x: unknown, y: unknown, out: Diff): void {
  if (json(x) !== json(y)) out.push(`${what}: ${json(x)} ≠ ${json(y)}`);
}

/** Where two texts part: a little of each from there. */
function firstDifference(x: string, y: string): string {
  let i = 0;
  while (i < x.length && x[i] === y[i]) i++;
  return `at ${i}: …${x.slice(Math.max(0, i - 80), i + 200)} ≠ …${y.slice(Math.max(0, i - 80), i + 200)}`;
}
