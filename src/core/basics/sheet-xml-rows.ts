/**
 * A table's body rows as sheet XML, made without knowing where they will stand: the row number is a mark
 * (ROW_MARK) put in when the rows are written out (`placeRows`), so that rows can be made as soon as their data is
 * known (a submission's detail rows while the other files are still being read) and kept as text until then. A link
 * cell is wrapped in LINK_MARKs: where a sheet holds no more links than Excel keeps (LINK_LIMIT) it stays a text
 * cell and its target goes to the sheet's hyperlinks; above, it becomes a HYPERLINK formula.
 */
import { toDayNumber } from './dates';
import { columnLetter } from './grid';
import { type OutColumn, type OutValue, type Tone, isOutDate } from './sheets';
import { TableLook } from './sheet-xml-look';
import type { StyleRegistry } from './sheet-xml-styles';
import { xmlText } from './xml';

/** Where a row's number goes. */
export const ROW_MARK = '\u0000';
/** Around a link cell. */
export const LINK_MARK = '\u0001';
/** After each row. */
export const ROW_END = '\u0002';

/** Excel keeps at most this many hyperlinks in a worksheet. */
export const LINK_LIMIT = 65_530;

/** One row of a table: its values (one per column), its tone, and per column a link target or null. */
export interface TableRow {
  values: OutValue[];
  tone: Tone | undefined;
  links: (string | null)[] | null;
}

/** A link cell: its column letter, style, shown text and target. */
export type LinkCell = [column: string, style: number, text: string, target: string];

/** Rows made before their place is known: the XML with its marks, how many rows, their link cells in order. */
export interface RenderedRows {
  xml: string;
  rows: number;
  links: LinkCell[];
}

const TONES: (Tone | undefined)[] = [undefined, 'ok', 'late', 'missing', 'rejected', 'error', 'warning'];
const toneIndex = (t: Tone | undefined) => (t ? TONES.indexOf(t) : 0);

/** Excel's serial day of a date (1900 system). */
export function excelSerial(iso: string): number {
  return toDayNumber(iso) + 25_569;
}

/** A text cell's content: xml:space kept where a reader would trim it (as ExcelJS writes it). */
function textContent(s: string): string {
  const t = xmlText(s);
  return /^\s|\n|\s$/.test(s) ? `<is><t xml:space="preserve">${t}</t></is>` : `<is><t>${t}</t></is>`;
}

/** One cell: `ref` is its address (with ROW_MARK for the row), `s` its style id (0: none). */
export function cellXml(ref: string, s: number, v: OutValue): string {
  const style = s ? ` s="${s}"` : '';
  if (v === null || v === '') return `<c r="${ref}"${style}/>`;
  if (typeof v === 'number') return `<c r="${ref}"${style}><v>${v}</v></c>`;
  if (isOutDate(v)) return `<c r="${ref}"${style}><v>${excelSerial(v.date)}</v></c>`;
  return `<c r="${ref}"${style} t="inlineStr">${textContent(v)}</c>`;
}

/** A link as Excel's HYPERLINK formula, its text as the cached value (quotes doubled inside the strings). */
export function formulaLinkXml(ref: string, s: number, text: string, target: string): string {
  const q = (x: string) => `"${x.replace(/"/g, '""')}"`;
  return `<c r="${ref}" s="${s}" t="str"><f>${xmlText(`HYPERLINK(${q(target)},${q(text)})`)}</f><v>${xmlText(text)}</v></c>`;
}

/** HYPERLINK takes a target and a text of at most 255 characters each: a longer one stays a link cell. */
export const fitsFormula = (text: string, target: string) => text.length <= 255 && target.length <= 255;

/** Makes the body rows of one table (its columns and styles fixed), row by row, with marks. */
export class BodyRows {
  readonly look: TableLook;
  private readonly letters: string[];
  private readonly columnIds: number[];
  /** Style ids by column, then tone and link (tone * 2 + link), then number format. */
  private readonly ids: Map<string | undefined, number>[][];

  constructor(
    columns: readonly OutColumn[],
    private readonly styles: StyleRegistry,
  ) {
    this.look = new TableLook(columns);
    this.letters = columns.map((_c, j) => columnLetter(j + 1));
    this.columnIds = columns.map((_c, j) => styles.id(this.look.column(j)));
    this.ids = columns.map(() => TONES.flatMap(() => [new Map(), new Map()]));
  }

  /** The style id of each column (its `<col style>`). */
  get columnStyles(): readonly number[] {
    return this.columnIds;
  }

  private styleId(j: number, v: OutValue, tone: Tone | undefined, linked: boolean): number {
    const format = this.look.format(j, v);
    const byFormat = this.ids[j][toneIndex(tone) * 2 + (linked ? 1 : 0)];
    let id = byFormat.get(format);
    if (id === undefined) {
      id = this.styles.id(this.look.body(j, format, tone, linked));
      byFormat.set(format, id);
    }
    return id;
  }

  /** One row: `<row>` with its cells, ROW_MARK for its number, link cells marked and added to `links`. */
  row(r: TableRow, links: LinkCell[]): string {
    const xml = this.cells(r, ROW_MARK, (cell, link) => {
      links.push(link);
      return LINK_MARK + cell + LINK_MARK;
    });
    return xml + ROW_END;
  }

  /** One row written where it stands (`at.next`): what `placeRows` makes of `row`, without the marks. */
  placed(r: TableRow, at: Placement): string {
    const n = String(at.next++);
    return this.cells(r, n, (cell, link) => placeLink(link, n, n, at) ?? cell);
  }

  /** `<row>` numbered `n` with its cells, each link cell as `linkCell` makes it. */
  private cells(r: TableRow, n: string, linkCell: (cell: string, link: LinkCell) => string): string {
    const { values } = r;
    let xml = `<row r="${n}" ht="${this.look.bodyHeight(values)}" customHeight="1">`;
    for (let j = 0; j < this.letters.length; j++) {
      const v = values[j] ?? null;
      const target = r.links?.[j] ?? null;
      const linked = target !== null && typeof v === 'string' && v !== '';
      const s = this.styleId(j, v, r.tone, linked);
      if ((v === null || v === '') && s === this.columnIds[j]) continue; // the column's own look: no cell needed
      const cell = cellXml(this.letters[j] + n, s, v);
      xml += linked ? linkCell(cell, [this.letters[j], s, v, target]) : cell;
    }
    return xml + '</row>';
  }

  /** Rows made together (a submission's detail rows). */
  rows(rows: Iterable<TableRow>): RenderedRows {
    const links: LinkCell[] = [];
    let xml = '';
    let n = 0;
    for (const r of rows) {
      xml += this.row(r, links);
      n++;
    }
    return { xml, rows: n, links };
  }
}

/** Where rows are written out: the next row number, the hyperlinks kept as cells (ref, target), the link mode. */
export interface Placement {
  next: number;
  /** Links as cells (a sheet within LINK_LIMIT), else as HYPERLINK formulas. */
  linkCells: boolean;
  hyperlinks: [ref: string, target: string][];
}

/**
 * A link cell of row `n` where it stands: the HYPERLINK formula's XML (its row written `row`, the number or
 * ROW_MARK) where links are formulas and it fits one; null where the cell stays as it is and the sheet lists it
 * among its hyperlinks.
 */
function placeLink([letter, s, text, target]: LinkCell, n: string, row: string, at: Placement): string | null {
  if (!at.linkCells && fitsFormula(text, target)) return formulaLinkXml(letter + row, s, text, target);
  at.hyperlinks.push([letter + n, target]);
  return null;
}

/** Rendered rows with their numbers put in, from `at.next` on; link cells kept or made formulas. */
export function placeRows(rendered: RenderedRows, at: Placement): string {
  const { xml, links } = rendered;
  let out = '';
  let linkIndex = 0;
  let start = 0;
  for (let end = xml.indexOf(ROW_END); end >= 0; end = xml.indexOf(ROW_END, start)) {
    const n = String(at.next++);
    let row = xml.slice(start, end);
    start = end + 1;
    if (row.includes(LINK_MARK)) {
      const parts = row.split(LINK_MARK);
      for (let k = 1; k < parts.length; k += 2) {
        const formula = placeLink(links[linkIndex++], n, ROW_MARK, at);
        if (formula !== null) parts[k] = formula;
      }
      row = parts.join('');
    }
    out += row.split(ROW_MARK).join(n);
  }
  return out;
}
