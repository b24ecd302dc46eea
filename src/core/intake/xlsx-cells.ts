/**
 * The direct reader's cell rules: shared strings, which cell formats are dates, and a worksheet's
 * `sheetData` and `mergeCells` to a SheetGrid, giving exactly what ExcelJS's model gives through workbookToGrid
 * (node_modules/exceljs/lib/xlsx/xform/sheet/cell-xform.js, row-xform.js, strings/*, doc/row.js, doc/cell.js). What
 * these rules do not cover declines (xlsx-sax.ts). See docs/reader.md.
 */
import { CLOSE, OPEN, TEXT, XmlCursor, decline } from './xlsx-sax';

/** A shared string: plain text, or the texts of its rich-text runs (a run without `<t>` counts as ''). */
export type SharedString = string | { runs: string[] };

/** ExcelJS's TextXform: `_xHHHH_` escapes (upper-case hex only) made characters. */
function unescapeX(s: string): string {
  return s.indexOf('_x') >= 0
    ? s.replace(/_x([0-9A-F]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)))
    : s;
}

/** ExcelJS's utils.xmlDecode (applied to `t="str"` values and sheet names, after the XML parser's own decoding). */
export function xmlDecode(text: string): string {
  return text.replace(/&([a-z]*);/g, (c) => {
    switch (c) {
      case '&lt;':
        return '<';
      case '&gt;':
        return '>';
      case '&amp;':
        return '&';
      case '&apos;':
        return "'";
      case '&quot;':
        return '"';
      default:
        return c;
    }
  });
}

/** A `<r>` run (after its OPEN): the text of its last `<t>` (`_x` escapes undone), or '' without one. */
export function richRun(x: XmlCursor): string {
  let text = '';
  for (;;) {
    const ev = x.next();
    if (ev === CLOSE) return text;
    if (ev === TEXT) continue;
    if (x.is('t')) text = unescapeX(x.textContent());
    else if (x.is('rPr')) x.skip();
    else decline(`<${x.name}> in a run`);
  }
}

export function readSharedStrings(xml: string): SharedString[] {
  const x = new XmlCursor(xml);
  const out: SharedString[] = [];
  if (x.next() !== OPEN || !x.is('sst')) decline('shared strings root');
  for (let ev = x.next(); ev !== CLOSE; ev = x.next()) {
    if (ev === TEXT) continue;
    if (!x.is('si')) decline(`<${x.name}> in shared strings`);
    out.push(sharedString(x));
  }
  x.finish();
  return out;
}

function sharedString(x: XmlCursor): SharedString {
  let plain: string | null = null;
  let runs: string[] | null = null;
  for (let ev = x.next(); ev !== CLOSE; ev = x.next()) {
    if (ev === TEXT) continue;
    if (x.is('t') && runs === null) plain = unescapeX(x.textContent());
    else if (x.is('r') && plain === null) (runs ??= []).push(richRun(x));
    else if (x.is('rPh') || x.is('phoneticPr')) x.skip();
    else decline(`<${x.name}> in a shared string`);
  }
  if (plain !== null) return plain;
  if (runs !== null) return { runs };
  return decline('empty shared string');
}

/** ExcelJS's utils.isDateFmt. */
export function isDateFmt(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const bare = fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]+/.test(bare);
}

/** Format codes already decided (the files of one folder repeat the same few). */
const decided = new Map<string, boolean>();

function isDateCode(code: string): boolean {
  let d = decided.get(code);
  if (d === undefined) {
    if (decided.size > 1000) decided.clear();
    decided.set(code, (d = isDateFmt(code)));
  }
  return d;
}

/** Built-in number formats that isDateFmt calls dates (exceljs/lib/xlsx/defaultnumformats.js; a test compares). */
export const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** What the reader needs of a cell format. */
export interface Formats {
  /** Per cellXfs index: is its number format a date format, as ExcelJS decides. */
  dateXf: boolean[];
  /** ExcelJS fails on a style index other than 0 when styles.xml has no cellXfs. */
  hasXfs: boolean;
}

export function readStyles(xml: string): Formats {
  const x = new XmlCursor(xml);
  if (x.next() !== OPEN || !x.is('styleSheet')) decline('styles root');
  const custom = new Map<number, string>();
  const xfIds: number[] = [];
  const seen = new Set<string>();
  for (let ev = x.next(); ev !== CLOSE; ev = x.next()) {
    if (ev === TEXT) continue;
    if (seen.has(x.name)) decline(`a second <${x.name}> in styles`);
    seen.add(x.name);
    if (x.is('numFmts')) numFmts(x, custom);
    else if (x.is('cellXfs')) cellXfs(x, xfIds);
    else if (KNOWN_STYLE_PARTS.has(x.name)) x.skip();
    else decline(`<${x.name}> in styles`);
  }
  x.finish();
  const dateXf = xfIds.map((id) => {
    if (!id) return false; // ExcelJS: `if (style.numFmtId)`
    const code = custom.get(id);
    return code ? isDateCode(code) : BUILT_IN_DATE_FORMATS.has(id);
  });
  return { dateXf, hasXfs: xfIds.length > 0 };
}

/** Parts of styles.xml the reader does not need (still checked for well-formedness). */
const KNOWN_STYLE_PARTS = new Set([
  'fonts',
  'fills',
  'borders',
  'cellStyleXfs',
  'dxfs',
  'cellStyles',
  'colors',
  'tableStyles',
  'extLst',
]);

function numFmts(x: XmlCursor, custom: Map<number, string>): void {
  for (let ev = x.next(); ev !== CLOSE; ev = x.next()) {
    if (ev === TEXT) continue;
    const { numFmtId, formatCode } = x.attrs;
    if (!x.is('numFmt') || formatCode === undefined) decline('number format');
    custom.set(parseInt(numFmtId, 10), formatCode.replace(/[\\](.)/g, '$1'));
    x.skip();
  }
}

function cellXfs(x: XmlCursor, ids: number[]): void {
  for (let ev = x.next(); ev !== CLOSE; ev = x.next()) {
    if (ev === TEXT) continue;
    if (!x.is('xf')) decline(`<${x.name}> in cellXfs`);
    ids.push(parseInt(x.attrs.numFmtId, 10));
    for (let e = x.next(); e !== CLOSE; e = x.next()) {
      if (e === TEXT) continue;
      if (!x.is('alignment') && !x.is('protection')) decline(`<${x.name}> in a cell format`);
      x.skip();
    }
  }
}
