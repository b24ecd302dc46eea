/**
 * Building blocks of a Decree 30/2020/NĐ-CP document written with `docx`, shared by the reminder letter
 * (letter.ts) and the report (report-docx.ts): runs and paragraphs in Times New Roman, short centred rules,
 * borderless two-column blocks (letterhead, Nơi nhận and signature), bordered tables, the A4 page.
 */
import {
  AlignmentType,
  BorderStyle,
  Footer,
  Header,
  LeaderType,
  type ISectionOptions,
  PageNumber,
  PageOrientation,
  Tab,
  TabStopPosition,
  TabStopType,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  convertMillimetersToTwip,
} from 'docx';
import { DECREE_30, type Letterhead, MOTTO, NATIONAL_TITLE } from './letterhead';
import { type TextFont, longestWord, textWidth as textWidthPt } from '../basics/measure';

export const F = DECREE_30.font;
export const S = DECREE_30.size;
export const half = (pt: number): number => pt * 2;
export type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

export interface RunStyle {
  bold?: boolean;
  italics?: boolean;
}

export const run = (text: string, size: number, style: RunStyle = {}): TextRun =>
  new TextRun({ text, font: F, size: half(size), bold: style.bold, italics: style.italics });

export interface ParaOptions {
  align?: Align;
  firstLine?: boolean;
  after?: number;
  before?: number;
  left?: number;
  keepNext?: boolean;
}

export const para = (children: TextRun[], opts: ParaOptions = {}): Paragraph =>
  new Paragraph({
    children,
    alignment: opts.align ?? AlignmentType.JUSTIFIED,
    spacing: { after: opts.after ?? 120, before: opts.before ?? 0, line: 300 },
    indent: { firstLine: opts.firstLine ? convertMillimetersToTwip(12.7) : undefined, left: opts.left },
    keepNext: opts.keepNext,
  });

export const centred = (text: string, size: number, style: RunStyle = {}, after = 0): Paragraph =>
  para([run(text, size, style)], { align: AlignmentType.CENTER, after });

/** A line of dots across the text width (a dot-leader tab), to be filled in by hand. */
export const dottedLine = (size: number): Paragraph =>
  new Paragraph({
    tabStops: [{ type: TabStopType.RIGHT, position: TabStopPosition.MAX, leader: LeaderType.DOT }],
    spacing: { after: 120, line: 300 },
    children: [new TextRun({ children: [new Tab()], font: F, size: half(size) })],
  });

export const blank = (after = 120): Paragraph => new Paragraph({ children: [], spacing: { after } });

/** A short horizontal rule, centred: a paragraph border between indents (`share` of the cell width). */
export function ruleParagraph(cellTwips: number, share: number): Paragraph {
  const indent = Math.round((cellTwips * (1 - share)) / 2);
  return new Paragraph({
    children: [],
    border: { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    indent: { left: indent, right: indent },
    // the space before keeps the rule clear of the descenders of the line above
    spacing: { before: 80, after: 120, line: 120 },
  });
}

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
export const NO_BORDERS = {
  top: NONE,
  bottom: NONE,
  left: NONE,
  right: NONE,
  insideHorizontal: NONE,
  insideVertical: NONE,
};
const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
export const BORDERS = {
  top: LINE,
  bottom: LINE,
  left: LINE,
  right: LINE,
  insideHorizontal: LINE,
  insideVertical: LINE,
};

/** Cell margins of the borderless blocks: none, so that the text width is the column width. */
const NO_MARGINS = { top: 0, bottom: 0, left: 0, right: 0 };

export function twoColumns(widths: [number, number], left: Paragraph[], right: Paragraph[]): Table {
  const cell = (w: number, children: Paragraph[]) =>
    new TableCell({ width: { size: w, type: WidthType.DXA }, children, borders: NO_BORDERS, margins: NO_MARGINS });
  return new Table({
    width: { size: widths[0] + widths[1], type: WidthType.DXA },
    columnWidths: widths,
    borders: NO_BORDERS,
    // one row that never splits: the signature block is never cut from its Nơi nhận across a page
    rows: [new TableRow({ cantSplit: true, children: [cell(widths[0], left), cell(widths[1], right)] })],
  });
}

/** The text width of an A4 page with the decree's margins (twips). */
export function textWidth(orientation: 'portrait' | 'landscape' = 'portrait'): number {
  const m = DECREE_30.marginsMm;
  return convertMillimetersToTwip((orientation === 'portrait' ? 210 : 297) - m.left - m.right);
}

const TWIPS_PER_PT = 20;

/** Twips a line of text needs in Times New Roman, with a little room for a renderer's rounding. */
const lineTwips = (text: string, size: number, style: { bold?: boolean; italic?: boolean } = {}) =>
  Math.ceil(textWidthPt(text, { family: 'Times New Roman', size, ...style }) * TWIPS_PER_PT * 1.02) + 60;

/** How far the letterhead may reach into the left margin (30 mm) when its lines need it: 10 mm. */
const LETTERHEAD_OVERHANG = convertMillimetersToTwip(10);

/**
 * The two columns of the letterhead (twips) and how far the table reaches into the left margin: the right one as
 * wide as the national title, motto and place and date need (each on one line), the left one as wide as its lines
 * need; what is left over is shared between them. A long issuing body beside the national title may take up to
 * 10 mm of the left margin; beyond that, the right side keeps its lines whole and the left wraps.
 */
export function letterheadWidths(lh: Letterhead, width: number): { left: number; right: number; overhang: number } {
  const left = Math.max(
    lineTwips(lh.superiorBody, S.superiorBody),
    lineTwips(lh.issuer, S.issuer, { bold: true }),
    lineTwips(lh.number, S.number),
  );
  const right = Math.max(
    lineTwips(NATIONAL_TITLE, S.nationalTitle, { bold: true }),
    lineTwips(MOTTO, S.motto, { bold: true }),
    lineTwips(lh.placeDate, S.placeDate, { italic: true }),
  );
  const overhang = Math.min(LETTERHEAD_OVERHANG, Math.max(0, left + right - width));
  const total = width + overhang;
  const spare = total - left - right;
  const leftW = spare >= 0 ? left + Math.floor(spare / 2) : Math.max(Math.round(total * 0.3), total - right);
  return { left: leftW, right: total - leftW, overhang };
}

/**
 * The letterhead, a borderless table of two rows: superior and issuing body (capitals, the issuing body bold, a
 * short rule) beside the national title and motto with the motto's rule; then the number (and, for a letter, its
 * subject) beside the place and date in italics, on the same line.
 */
export function letterheadTable(lh: Letterhead, width: number, leftExtra: Paragraph[] = []): Table {
  const { left: leftW, right: rightW, overhang } = letterheadWidths(lh, width);
  const cell = (w: number, children: Paragraph[]) =>
    new TableCell({ width: { size: w, type: WidthType.DXA }, children, borders: NO_BORDERS, margins: NO_MARGINS });
  const row = (left: Paragraph[], right: Paragraph[]) =>
    new TableRow({ cantSplit: true, children: [cell(leftW, left), cell(rightW, right)] });
  return new Table({
    width: { size: leftW + rightW, type: WidthType.DXA },
    columnWidths: [leftW, rightW],
    borders: NO_BORDERS,
    ...(overhang > 0 ? { indent: { size: -overhang, type: WidthType.DXA } } : {}),
    rows: [
      row(
        [
          ...(lh.superiorBody ? [centred(lh.superiorBody, S.superiorBody)] : []),
          centred(lh.issuer, S.issuer, { bold: true }),
          ruleParagraph(leftW, 0.4),
        ],
        [
          centred(NATIONAL_TITLE, S.nationalTitle, { bold: true }),
          centred(MOTTO, S.motto, { bold: true }),
          ruleParagraph(rightW, 0.52),
        ],
      ),
      row(
        [centred(lh.number, S.number, {}, 60), ...leftExtra],
        [centred(lh.placeDate, S.placeDate, { italics: true })],
      ),
    ],
  });
}

/** Nơi nhận (left, 40 %) and the signature block (right). */
export function signatureTable(
  lh: Letterhead,
  recipients: string[],
  width: number,
  signSize: number = S.signerTitle,
): Table {
  const leftW = Math.round(width * 0.4);
  return twoColumns(
    [leftW, width - leftW],
    [
      para([run('Nơi nhận:', S.recipientsLabel, { bold: true, italics: true })], {
        align: AlignmentType.LEFT,
        after: 0,
      }),
      ...recipients.map((r) => para([run(r, S.recipients)], { align: AlignmentType.LEFT, after: 0 })),
    ],
    [
      ...lh.signerTitleLines.map((t) => centred(t, signSize, { bold: true })),
      ...[1, 2, 3, 4].map(() => blank(240)),
      centred(lh.signerName, signSize, { bold: true }),
    ],
  );
}

const CELL_MARGIN = 60;
/** Room around a cell's text: its margins on both sides and 2 pt for the borders and a renderer's rounding. */
const CELL_PAD = 2 * CELL_MARGIN + 40;

/** Twips of the widest word of a text, or of the whole text when it must hold on one line. */
function needTwips(text: string, size: number, bold: boolean, whole: boolean): number {
  const f: TextFont = { family: 'Times New Roman', size, bold };
  return Math.ceil((whole ? textWidthPt(text, f) : longestWord(text, f)) * TWIPS_PER_PT * 1.02);
}

/**
 * Column widths (twips) for a total `width`: proportional to `weights`, but never narrower than the longest word
 * of the column (the header row `texts[0]` is bold), and, for a column whose values are kept whole (`whole[i]`:
 * numbers, dates, statuses), than its widest value, so that "100,0%" or "Đúng hạn" never wraps. What the narrow
 * columns gain is taken from the columns with room to spare, in proportion to their room; when even the needs do
 * not fit, they are scaled down together.
 */
export function fitWidths(
  weights: number[],
  texts: string[][],
  width: number,
  size: number,
  whole: boolean[] = [],
): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  const need = weights.map(
    (_, i) =>
      Math.max(...texts.map((row, r) => needTwips(row[i] ?? '', size, r === 0, r > 0 && Boolean(whole[i])))) + CELL_PAD,
  );
  const needSum = need.reduce((s, n) => s + n, 0);
  if (needSum >= width) return need.map((n) => Math.floor((n / needSum) * width));
  const share = weights.map((w) => (w / total) * width);
  const short = share.reduce((s, x, i) => s + Math.max(0, need[i] - x), 0);
  const room = share.map((x, i) => Math.max(0, x - need[i]));
  const roomSum = room.reduce((s, r) => s + r, 0);
  return share.map((x, i) => Math.floor(need[i] > x ? need[i] : x - (room[i] / roomSum) * short));
}

/** A bordered table: a header row repeated on every page, then the rows (cells already as text). */
export function gridTable(
  headers: string[],
  rows: { cells: string[]; bold?: boolean }[],
  widths: number[],
  align: Align[],
  size = S.table,
): Table {
  const cell = (text: string, i: number, header: boolean, bold: boolean) =>
    new TableCell({
      width: { size: widths[i], type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      margins: { left: CELL_MARGIN, right: CELL_MARGIN },
      children: [
        para([run(text, size, { bold: header || bold })], {
          align: header ? AlignmentType.CENTER : align[i],
          after: 20,
          before: 20,
          // the header row stays on the page of the first row
          keepNext: header,
        }),
      ],
    });
  return new Table({
    width: { size: widths.reduce((s, w) => s + w, 0), type: WidthType.DXA },
    columnWidths: widths,
    borders: BORDERS,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: headers.map((h, i) => cell(h, i, true, true)) }),
      ...rows.map(
        (r) => new TableRow({ cantSplit: true, children: r.cells.map((t, i) => cell(t, i, false, Boolean(r.bold))) }),
      ),
    ],
  });
}

/** A4 in twips, as Word writes it (210 × 297 mm). */
const A4_TWIPS = { width: 11906, height: 16838 };

/**
 * An A4 section with the decree's margins; page numbers as `footer` says: "Trang N/M" in the footer, the number
 * alone in the header from page 2, or (a later section) in the header on every page.
 */
export function a4Section(
  children: (Paragraph | Table)[],
  options: { orientation?: 'portrait' | 'landscape'; footer?: 'trang' | 'header-from-2' | 'header-continued' } = {},
): ISectionOptions {
  const m = DECREE_30.marginsMm;
  const landscape = options.orientation === 'landscape';
  const pageNumber = (children: (string | (typeof PageNumber)[keyof typeof PageNumber])[]) =>
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ children, font: F, size: half(S.body - 1) })],
    });
  const page = {
    size: {
      width: A4_TWIPS.width,
      height: A4_TWIPS.height,
      orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
    },
    margin: {
      top: convertMillimetersToTwip(m.top),
      bottom: convertMillimetersToTwip(m.bottom),
      left: convertMillimetersToTwip(m.left),
      right: convertMillimetersToTwip(m.right),
    },
  };
  // Decree 30, Appendix I, I.7: the page number alone, centred in the top margin, from the second page on;
  // a later section (an appendix) goes on numbering, its first page included
  if (options.footer === 'header-continued') {
    return {
      properties: { page },
      headers: { default: new Header({ children: [pageNumber([PageNumber.CURRENT])] }) },
      children,
    };
  }
  if (options.footer === 'header-from-2') {
    return {
      properties: { titlePage: true, page },
      headers: {
        default: new Header({ children: [pageNumber([PageNumber.CURRENT])] }),
        first: new Header({ children: [new Paragraph({ children: [] })] }),
      },
      children,
    };
  }
  return {
    properties: { page },
    footers: {
      default: new Footer({ children: [pageNumber(['Trang ', PageNumber.CURRENT, '/', PageNumber.TOTAL_PAGES])] }),
    },
    children,
  };
}
