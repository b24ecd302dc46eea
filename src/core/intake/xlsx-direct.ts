/**
 * The direct reader: a workbook's grids straight from the parts the limits' check already inflated
 * (limit-check.ts), without building ExcelJS's model, giving exactly what `workbookToGrid(await loadExcelJs(bytes))`
 * gives, or declining (null) so that ExcelJS reads the file as before. It reads `xl/workbook.xml` and its
 * relationships (sheet names, order, state, date1904), `xl/sharedStrings.xml`, `xl/styles.xml` (which cell formats
 * are dates) and each worksheet; every other part ExcelJS would parse is either checked the way ExcelJS would fail on
 * it or makes the reader decline. See docs/reader.md.
 */
import { strFromU8 } from 'fflate';
import { DEFAULT_CUT, type GridCut, type SheetGrid, type WorkbookGrid } from '../basics/grid';
import type { InflatedPart } from './limit-check';
import { type Formats, type SharedString, readSharedStrings, readStyles, xmlDecode } from './xlsx-cells';
import { CLOSE, Declined, OPEN, TEXT, XmlCursor, decline } from './xlsx-sax';
import { readSheet } from './xlsx-sheet';

const SPREADSHEETML = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const SHEET_PART = /^xl\/worksheets\/sheet\d+\.xml$/;
const SHEET_RELS = /^xl\/worksheets\/_rels\/sheet\d+\.xml\.rels$/;
const THEME = /^xl\/theme\/[a-zA-Z0-9]+\.xml$/;
const DRAWING = /^xl\/drawings\/([a-zA-Z0-9]+)\.xml$/;
const COMMENTS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments';
const VML_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing';
/** Every part name ExcelJS's loader (xlsx.js `load`) parses: the reader must understand it or decline. */
const EXCELJS_PARSES = [
  /xl\/worksheets\/sheet(\d+)[.]xml/,
  /xl\/worksheets\/_rels\/sheet(\d+)[.]xml.rels/,
  /xl\/theme\/([a-zA-Z0-9]+)[.]xml/,
  /xl\/media\//,
  /xl\/drawings\/([a-zA-Z0-9]+)[.]xml/,
  /xl\/(comments\d+)[.]xml/,
  /xl\/tables\/(table\d+)[.]xml/,
  /xl\/drawings\/_rels\/([a-zA-Z0-9]+)[.]xml[.]rels/,
  /xl\/drawings\/(vmlDrawing\d+)[.]vml/,
];
const CORE_PROPERTIES = new Set(
  (
    'dc:creator dc:title dc:subject dc:description dc:identifier dc:language cp:keywords cp:category ' +
    'cp:lastModifiedBy cp:lastPrinted cp:revision cp:version cp:contentStatus cp:contentType dcterms:created ' +
    'dcterms:modified'
  ).split(' '),
);

type Rel = Record<string, string>;

interface Parts {
  texts: Map<string, string>;
  sheets: Set<string>;
  /** Names (drawing1 …) of the drawing parts, all empty. */
  drawings: Set<string>;
}

/** The grids, or null when the reader declines (ExcelJS then reads the file). */
export function readGridDirect(parts: InflatedPart[], cut: GridCut = DEFAULT_CUT): WorkbookGrid | null {
  const r = directGridOrReason(parts, cut);
  return 'grid' in r ? r.grid : null;
}

/** The grids, or why the reader declined (for tests and measurements). */
export function directGridOrReason(
  parts: InflatedPart[],
  cut: GridCut = DEFAULT_CUT,
): { grid: WorkbookGrid } | { declined: string } {
  try {
    return { grid: readParts(classify(parts), cut) };
  } catch (err) {
    // anything unexpected is a decline too: ExcelJS reads the file as it always did
    return { declined: err instanceof Declined ? err.message : `error: ${String(err)}` };
  }
}

function classify(parts: InflatedPart[]): Parts {
  const texts = new Map<string, string>();
  const sheets = new Set<string>();
  const drawings = new Set<string>();
  for (const { name, data } of parts) {
    if (name.startsWith('/') || name.includes('\\')) decline('part name');
    if (name === '[Content_Types].xml' || THEME.test(name)) continue; // ExcelJS does not parse these
    const drawing = DRAWING.exec(name);
    if (drawing) {
      // LibreOffice writes an empty drawing for a sheet with a filter: ExcelJS reads it as no pictures
      checkEmptyDrawing(strFromU8(data));
      drawings.add(drawing[1]);
      continue;
    }
    const exact = [
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/sharedStrings.xml',
      'xl/styles.xml',
      'docProps/app.xml',
      'docProps/core.xml',
    ].includes(name);
    const sheet = SHEET_PART.test(name);
    if (!exact && !sheet && !SHEET_RELS.test(name)) {
      if (EXCELJS_PARSES.some((re) => re.test(name))) decline(`part ${name}`);
      continue;
    }
    if (sheet) sheets.add(name);
    texts.set(name, strFromU8(data));
  }
  return { texts, sheets, drawings };
}

function checkEmptyDrawing(xml: string): void {
  const x = new XmlCursor(xml);
  if (x.next() !== OPEN || !x.is('xdr:wsDr')) decline('drawing');
  for (let ev = x.next(); ev !== CLOSE; ev = x.next()) if (ev !== TEXT) decline('a drawing with content');
  x.finish();
}

function readParts(p: Parts, cut: GridCut): WorkbookGrid {
  for (const [name, xml] of p.texts) {
    if (name.endsWith('.rels')) readRels(xml);
    else if (name === 'docProps/core.xml') checkCore(xml);
    else if (name === 'docProps/app.xml') new XmlCursor(xml).finish();
  }
  const wbXml = p.texts.get('xl/workbook.xml');
  const relsXml = p.texts.get('xl/_rels/workbook.xml.rels');
  if (wbXml === undefined || relsXml === undefined) decline('no workbook part');
  const book = readWorkbook(wbXml);
  const targets = sheetTargets(book.sheets, readRels(relsXml), p.sheets);
  const sst = p.texts.get('xl/sharedStrings.xml');
  const styles = p.texts.get('xl/styles.xml');
  const strings: SharedString[] | null = sst === undefined ? null : readSharedStrings(sst);
  const formats: Formats | null = styles === undefined ? null : readStyles(styles);
  const ctx = { strings, formats, date1904: book.date1904, cut };
  const sheets: SheetGrid[] = book.sheets.map((s, i) => {
    const x = new XmlCursor(p.texts.get(targets[i])!);
    if (x.next() !== OPEN) decline('worksheet');
    if (x.attrs.xmlns !== SPREADSHEETML) decline('worksheet namespace');
    const rels = sheetRels(p, targets[i]);
    return readSheet(x, s.name, s.state, { ...ctx, drawing: (rId) => checkDrawingRel(rels, rId, p.drawings) });
  });
  return { sheets, date1904: book.date1904 };
}

/** A worksheet's relationships (ExcelJS fails on a comment relationship whose part is not there: never read here). */
function sheetRels(p: Parts, target: string): Map<string, Rel> {
  const rels = new Map<string, Rel>();
  const xml = p.texts.get(target.replace(/^xl\/worksheets\/(sheet\d+\.xml)$/, 'xl/worksheets/_rels/$1.rels'));
  for (const rel of xml === undefined ? [] : readRels(xml)) {
    if (rel.Type === COMMENTS_REL || rel.Type === VML_REL) decline('comments');
    if (rel.Id !== undefined) rels.set(rel.Id, rel);
  }
  return rels;
}

/** A worksheet's `<drawing>`: ExcelJS looks its part up through the relationship and reads its anchors. */
function checkDrawingRel(rels: Map<string, Rel>, rId: string | undefined, drawings: Set<string>): void {
  const target = rId === undefined ? undefined : rels.get(rId)?.Target;
  if (target === undefined) decline('drawing relationship');
  const m = /\/drawings\/([a-zA-Z0-9]+)[.][a-zA-Z]{3,4}$/.exec(target);
  if (!m || !drawings.has(m[1])) decline('drawing part');
}

/** A relationships part as ExcelJS's RelationshipsXform reads it (it fails on any other element). */
function readRels(xml: string): Rel[] {
  const x = new XmlCursor(xml);
  if (x.next() !== OPEN || !x.is('Relationships')) decline('relationships root');
  const out: Rel[] = [];
  for (let ev = x.next(); ev !== CLOSE; ev = x.next()) {
    if (ev === TEXT) continue;
    if (!x.is('Relationship')) decline(`<${x.name}> in relationships`);
    out.push(x.attrs);
    x.skip();
  }
  x.finish();
  return out;
}

/** docProps/core.xml: ExcelJS's CoreXform fails on any element it does not know. */
function checkCore(xml: string): void {
  const x = new XmlCursor(xml);
  if (x.next() !== OPEN || (!x.is('cp:coreProperties') && !x.is('coreProperties'))) decline('core root');
  for (let ev = x.next(); ev !== CLOSE; ev = x.next()) {
    if (ev === TEXT) continue;
    if (!CORE_PROPERTIES.has(x.name)) decline(`<${x.name}> in core properties`);
    x.textContent();
  }
  x.finish();
}

interface BookSheet {
  name: string;
  state: string;
  rId: string;
}

function readWorkbook(xml: string): { sheets: BookSheet[]; date1904: boolean } {
  const x = new XmlCursor(xml);
  if (x.next() !== OPEN || !x.is('workbook') || x.attrs.xmlns !== SPREADSHEETML) decline('workbook root');
  let sheets: BookSheet[] | null = null;
  let date1904 = false;
  const seen = new Set<string>();
  for (let ev = x.next(); ev !== CLOSE; ev = x.next()) {
    if (ev === TEXT) continue;
    const tag = x.name;
    if (x.is('workbookPr')) {
      date1904 = x.attrs.date1904 === '1'; // ExcelJS: exactly '1' ('true' is not 1904), the last one counts
      x.skip();
    } else if (seen.has(x.name)) decline(`a second <${x.name}>`);
    else if (x.is('sheets')) sheets = readSheetList(x);
    else if (x.is('definedNames')) checkDefinedNames(x);
    else x.skip();
    seen.add(tag);
  }
  x.finish();
  if (!sheets || sheets.length === 0) decline('no sheets');
  return { sheets, date1904 };
}

const SHEET_PREFIX = "(?:'[^']+'|[^'!,]+)!";
const AREA = new RegExp(
  `^${SHEET_PREFIX}\\$?([A-Z]{1,3})\\$?([1-9][0-9]{0,6})(?::\\$?([A-Z]{1,3})\\$?([1-9][0-9]{0,6}))?$`,
);
const ROWS_OR_COLUMNS = new RegExp(
  `^${SHEET_PREFIX}(?:\\$?[1-9][0-9]{0,6}:\\$?[1-9][0-9]{0,6}|\\$?[A-Z]{1,3}:\\$?[A-Z]{1,3})$`,
);

function col(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + letters.charCodeAt(i) - 64;
  return n;
}

/**
 * Defined names (print areas, filters …): ExcelJS expands each one's range cell by cell and reads a print area's
 * first range with its address parser (failing when it has none). Read here when every name is a plain list of
 * areas, rows or columns (at most 100,000 cells in all); anything else declines.
 */
function checkDefinedNames(x: XmlCursor): void {
  let cells = 0;
  for (let ev = x.next(); ev !== CLOSE; ev = x.next()) {
    if (ev === TEXT) continue;
    if (!x.is('definedName')) decline('defined names');
    const text = x.textContent();
    // an empty name covers no cell (LibreOffice writes an empty print area when it converts some .xlsb): ExcelJS
    // fails on it ("reading 'match'"), the cells are read here
    if (text.trim() === '') continue;
    const items = text.split(',');
    for (const item of items) {
      const m = AREA.exec(item);
      if (m) {
        const rows = m[3] ? Math.abs(parseInt(m[4], 10) - parseInt(m[2], 10)) + 1 : 1;
        const cols = m[3] ? Math.abs(col(m[3]) - col(m[1])) + 1 : 1;
        cells += rows * cols;
      } else if (!ROWS_OR_COLUMNS.test(item)) decline('defined name');
    }
    if (cells > 100_000) decline('defined names over many cells');
  }
}

function readSheetList(x: XmlCursor): BookSheet[] {
  const out: BookSheet[] = [];
  const ids = new Set<string>();
  for (let ev = x.next(); ev !== CLOSE; ev = x.next()) {
    if (ev === TEXT) continue;
    const { name, sheetId, state } = x.attrs;
    const rId = x.attrs['r:id'];
    if (!x.is('sheet') || name === undefined || rId === undefined) decline('sheet entry');
    // ExcelJS orders and keys sheets by sheetId (`_worksheets[id]`, 0 left out): only plain, distinct ids
    if (sheetId === undefined || !/^[1-9][0-9]{0,8}$/.test(sheetId) || ids.has(sheetId)) decline('sheet id');
    ids.add(sheetId);
    out.push({ name: xmlDecode(name), state: state || 'visible', rId });
    x.skip();
  }
  return out;
}

/** Each sheet's worksheet part, resolved as ExcelJS's WorkbookXform.reconcile does; every part used exactly once. */
function sheetTargets(sheets: BookSheet[], rels: Rel[], parts: Set<string>): string[] {
  const byId = new Map<string, Rel>();
  for (const rel of rels) {
    if (rel.Id === undefined || byId.has(rel.Id)) decline('relationship id');
    byId.set(rel.Id, rel);
  }
  const used = new Set<string>();
  const out = sheets.map((s) => {
    const rel = byId.get(s.rId);
    if (!rel || rel.Target === undefined) decline('sheet relationship');
    const target = `xl/${rel.Target.replace(/^(\s|\/xl\/)+/, '')}`;
    if (!parts.has(target) || used.has(target)) decline('sheet target');
    used.add(target);
    return target;
  });
  if (used.size !== parts.size) decline('worksheet part without a sheet');
  return out;
}
