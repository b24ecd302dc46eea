/**
 * Text measured with the fonts' own metrics (font-metrics.ts: Times New Roman and Calibri through their
 * metric-compatible twins Liberation Serif and Carlito), so that every writer sizes rows and columns from what the
 * text really needs: how wide a text is, how many lines it wraps to in a column, how tall a row must be, how wide a
 * column must be for a word or a number to stay on one line.
 *
 * Units: points. A spreadsheet column is measured in Excel's width units (the width of a digit of the workbook's
 * default font, Calibri 11 in every workbook tonghop writes); `columnTextWidth` turns units into the points of
 * text a cell shows, taking the narrower of Excel (pixels at 96 dpi, 5 pixels of padding) and LibreOffice.
 * Heights follow Excel's line height (1.31-1.36 em per line), which is taller than LibreOffice's (1.0-1.12 em):
 * a row sized here shows its text whole in both (checked against LibreOffice in test/print/).
 */
import { FONT_CHARS, FONT_FAMILIES } from './font-metrics';

export type FontFamily = keyof typeof FONT_FAMILIES;

/** A cell's or paragraph's font; the family defaults to Calibri, a workbook's default font. */
export interface TextFont {
  family?: FontFamily;
  size: number;
  bold?: boolean;
  italic?: boolean;
}

export const CALIBRI_11: TextFont = { family: 'Calibri', size: 11 };

type Face = keyof (typeof FONT_FAMILIES)[FontFamily]['faces'];

const faceOf = (f: TextFont): Face =>
  f.bold ? (f.italic ? 'BoldItalic' : 'Bold') : f.italic ? 'Italic' : ('Regular' as Face);

/** The table's characters (all in the Basic Multilingual Plane) by code. */
const CODES = [...FONT_CHARS].map((ch) => ch.charCodeAt(0));
const SPACE = 0x20;
const M = 0x4d;

/** A face's advance widths (thousandths of an em) by character code, -1 for a character the table lacks. */
type Widths = Int16Array;
const decoded = new Map<FontFamily, Partial<Record<Face, Widths>>>();

/** The advance widths of one face, decoded once. */
function widthsOf(family: FontFamily, face: Face): Widths {
  let faces = decoded.get(family);
  if (!faces) decoded.set(family, (faces = {}));
  let w = faces[face];
  if (!w) {
    const s: string = FONT_FAMILIES[family].faces[face];
    faces[face] = w = new Int16Array(Math.max(...CODES) + 1).fill(-1);
    CODES.forEach((code, i) => (w![code] = parseInt(s.slice(2 * i, 2 * i + 2), 36)));
  }
  return w;
}

const widthOf = (code: number, widths: Widths) => (code < widths.length ? widths[code] : -1);

const COMBINING = /[\u0300-\u036f]/g;

/** The width of a character the table lacks: a mark's none, a space's, its base letter's, else an M's or an em. */
function otherWidth(code: number, widths: Widths): number {
  if (code >= 0x300 && code <= 0x36f) return 0; // a stray combining mark sits on the letter before it
  const ch = String.fromCodePoint(code);
  if (/\s/.test(ch)) return widths[SPACE];
  const base = ch.normalize('NFD').replace(COMBINING, '').normalize('NFC');
  const known = base.length === 1 ? widthOf(base.charCodeAt(0), widths) : -1;
  if (known >= 0) return known;
  // a character outside the table (CJK, symbols): as wide as an M, or a full em for wide scripts
  return code >= 0x2e80 ? 1000 : widths[M];
}

/** Width in points of a text on one line (no kerning: a little wider than rendered, never narrower). */
export function textWidth(text: string, font: TextFont): number {
  const widths = widthsOf(font.family ?? 'Calibri', faceOf(font));
  const nfc = text.normalize('NFC');
  let total = 0;
  for (let i = 0; i < nfc.length; i++) {
    const code = nfc.codePointAt(i)!;
    if (code > 0xffff) i++; // a character of two code units
    const w = widthOf(code, widths);
    total += w >= 0 ? w : otherWidth(code, widths);
  }
  return (total / 1000) * font.size;
}

/**
 * The lines a text wraps to in a width (points), as Excel and LibreOffice wrap a cell: at spaces and after a hyphen
 * inside a word ("ST-" | "SGTVT.xlsx"), a piece longer than a line broken by characters.
 */
export function wrapText(text: string, width: number, font: TextFont): string[] {
  const out: string[] = [];
  const space = textWidth(' ', font);
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    let lineWidth = 0;
    for (const word of paragraph.split(/[ \t]+/).filter((w) => w !== '')) {
      word
        .replace(/-(?=.)/g, '-\u0000')
        .split('\u0000')
        .forEach((piece, i) => {
          const gap = i === 0 && line !== '' ? space : 0;
          const w = textWidth(piece, font);
          if (line !== '' && lineWidth + gap + w <= width) {
            line += (gap ? ' ' : '') + piece;
            lineWidth += gap + w;
            return;
          }
          if (line !== '') out.push(line);
          [line, lineWidth] = w <= width ? [piece, w] : breakWord(piece, width, font, out);
        });
    }
    out.push(line);
  }
  return out;
}

/** A word wider than the line: whole lines of its characters pushed to `out`, the rest returned. */
function breakWord(word: string, width: number, font: TextFont, out: string[]): [string, number] {
  let line = '';
  let lineWidth = 0;
  for (const ch of word) {
    const w = textWidth(ch, font);
    if (line !== '' && lineWidth + w > width) {
      out.push(line);
      [line, lineWidth] = ['', 0];
    }
    line += ch;
    lineWidth += w;
  }
  return [line, lineWidth];
}

/**
 * Lines already counted, by font (family, face, size), width and text: a summary measures the same long texts over
 * and over (a task's name once per agency, an agency's name once per task). At most LINES_KEPT texts are kept, all
 * dropped when that many are, and none longer than LONGEST_KEPT characters (a cell holds up to 32,767), so that
 * memory stays flat (20 MB at the very most) however many rows are measured.
 */
const LINES_KEPT = 10_000;
const LONGEST_KEPT = 1_000;
type Counted = Map<string, number>;
type ByWidth = Map<number, Counted>;
type BySize = Map<number, ByWidth>;
const linesKnown = new Map<FontFamily, Map<Face, BySize>>();
let linesKept = 0;

/** Room left on a line below which a text is not said to fit at once (sums of widths differ in the last bits). */
const FIT_MARGIN = 1e-6;

/** The lines a text wraps to in a width (points). */
export function lineCount(text: string, width: number, font: TextFont): number {
  let lines = linesOf(font, width).get(text);
  if (lines === undefined) {
    // a text narrower than its line stays on one line (wrapping only drops the spaces it breaks at)
    const fits = !text.includes('\n') && textWidth(text, font) <= width - FIT_MARGIN;
    lines = fits ? 1 : wrapText(text, width, font).length;
    if (text.length <= LONGEST_KEPT) keep(text, width, font, lines);
  }
  return lines;
}

function keep(text: string, width: number, font: TextFont, lines: number): void {
  if (linesKept >= LINES_KEPT) {
    linesKnown.clear();
    linesKept = 0;
  }
  linesOf(font, width).set(text, lines);
  linesKept++;
}

const newMap = <K, V>() => new Map<K, V>();

/** A map's value at a key, made empty the first time. */
function valueAt<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) map.set(key, (v = make()));
  return v;
}

/** The texts counted in a font and width. */
function linesOf(font: TextFont, width: number): Counted {
  const faces = valueAt(linesKnown, font.family ?? 'Calibri', newMap<Face, BySize>);
  const bySize = valueAt(faces, faceOf(font), newMap<number, ByWidth>);
  return valueAt(valueAt(bySize, font.size, newMap<number, Counted>), width, newMap<string, number>);
}

/**
 * Excel's line height in a cell, in em: its standard row height for the font (Calibri 11 → 15 pt, Times New Roman
 * 12 → 15.75 pt) over the size. LibreOffice's lines are shorter (1.0-1.12 em).
 */
const LINE_EM: Record<FontFamily, number> = { Calibri: 15 / 11, 'Times New Roman': 15.75 / 12 };

/** Height of one line in a cell (points). */
export function lineHeight(font: TextFont): number {
  return font.size * LINE_EM[font.family ?? 'Calibri'];
}

/** Height (points, to a pixel: 0.75 pt) a row needs to show a text of `lines` lines in a font. */
export function rowHeightFor(lines: number, font: TextFont): number {
  return Math.ceil((Math.max(1, lines) * lineHeight(font)) / 0.75 - 1e-9) * 0.75;
}

/** The cells of a row: each text, the width it has (points) and its font (wrapped when it has a width). */
export interface CellText {
  text: string;
  width: number;
  font: TextFont;
}

/** The height a row needs so that every cell's text shows whole (at least one line of the largest font). */
export function rowHeight(cells: readonly CellText[]): number {
  let h = 0;
  for (const c of cells) h = Math.max(h, rowHeightFor(c.text === '' ? 1 : lineCount(c.text, c.width, c.font), c.font));
  return h;
}

/** Excel's width of a column in pixels at 96 dpi (the digit of Calibri 11 is 7 pixels, 5 pixels of padding). */
function excelColumnPixels(units: number): number {
  return Math.floor(((256 * units + Math.floor(128 / 7)) / 256) * 7);
}

/** LibreOffice's width of a column in points: one unit is a Carlito 11 digit (5.55 pt). */
const LIBREOFFICE_POINTS_PER_UNIT = 5.55;

/** The printed width (points) of columns of these widths (Excel units): the wider of Excel and LibreOffice. */
export function columnPrintWidth(units: number | readonly number[]): number {
  const list = typeof units === 'number' ? [units] : units;
  const excel = list.reduce((s, u) => s + excelColumnPixels(u), 0) * 0.75;
  return Math.max(excel, list.reduce((s, u) => s + u, 0) * LIBREOFFICE_POINTS_PER_UNIT);
}

/** The width (points) of columns on screen and in print before scaling: the narrower of Excel and LibreOffice. */
export function columnScreenWidth(units: number | readonly number[]): number {
  const list = typeof units === 'number' ? [units] : units;
  const excel = list.reduce((s, u) => s + excelColumnPixels(u), 0) * 0.75;
  return Math.min(excel, list.reduce((s, u) => s + u, 0) * LIBREOFFICE_POINTS_PER_UNIT);
}

/**
 * The width (points) of text that a cell of these widths (Excel units; several for merged columns) shows on one
 * line: the narrower of Excel (its pixels less 5 of padding) and LibreOffice (less 4 pt); an indent level takes 10 pt.
 */
export function columnTextWidth(units: number | readonly number[], indent = 0): number {
  const list = typeof units === 'number' ? [units] : units;
  const excel = (list.reduce((s, u) => s + excelColumnPixels(u), 0) - 5) * 0.75;
  const libre = list.reduce((s, u) => s + u, 0) * LIBREOFFICE_POINTS_PER_UNIT - 4;
  return Math.max(1, Math.min(excel, libre) - indent * 10);
}

/** The column width (Excel units, to a tenth) whose cells show `points` of text on one line. */
export function unitsForText(points: number, indent = 0): number {
  let units = Math.max(1, Math.ceil(((points + indent * 10 + 5) / 5.25) * 10) / 10);
  while (columnTextWidth(units, indent) < points) units += 0.1;
  return Math.round(units * 10) / 10;
}

/**
 * The widest piece of a text that a line never breaks (points): a word, or the part of a word up to a hyphen, e.g.
 * for a header that may wrap between words but never inside one.
 */
export function longestWord(text: string, font: TextFont): number {
  const pieces = text.split(/\s+/).flatMap((w) => w.replace(/-(?=.)/g, '-\u0000').split('\u0000'));
  return Math.max(0, ...pieces.map((w) => textWidth(w, font)));
}
