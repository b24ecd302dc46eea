/**
 * The sheet `Báo cáo` of the report workbook, laid out after Decree 30/2020/NĐ-CP: letterhead, title and subject,
 * the body (paragraphs and tables), Nơi nhận and the signature; row heights measured from the text, pages broken
 * so that a heading stays with what it introduces and a table's header is on every page where its rows are.
 */
import type ExcelJS from 'exceljs';
import { columnScreenWidth, columnTextWidth, textWidth } from '../basics/measure';
import { MOTTO, NATIONAL_TITLE } from './letterhead';
import { type Block, RECIPIENTS_LABEL, type ReportContent } from './content';
import {
  type TableLayout,
  type TextFit,
  S,
  colSpan,
  fitHeight,
  font,
  layTable,
  pageSetup,
  put,
  rule,
  tnr,
  writeTableRow,
} from './xlsx-layout';
import { Pager, pageCapacity } from './xlsx-pages';

export const REPORT_SHEETS = {
  report: 'Báo cáo',
  byAgency: 'Phụ lục 1',
  byArea: 'Phụ lục 2',
  notReporting: 'Phụ lục 3',
} as const;

/**
 * `Báo cáo` is laid on a grid of 18 equal columns (A..R, 90 units ≈ the 165 mm between the margins), so that each
 * block and each rule can be centred where the decree puts it: the left block (superior and issuing body, number,
 * Nơi nhận) on columns 1..L, the right block (national title, motto, place and date, signature) on L+1..18, L
 * chosen so that every letterhead line holds on one line on its side (letterheadSplit); the short rule under the
 * issuing body about half its line, the motto's rule as long as the motto, the rule under the subject centred on
 * the page. Tables span columns.
 */
const GRID = 18;
/** The grid's column width (Excel units) unless a letterhead line needs more. */
const COLUMN = 5;
const SUBJECT_RULE = [8, 11] as const;
/** Height (points) of an empty row between blocks and of a row that only carries a rule. */
const GAP = 12;
const RULE_ROW = 8;

interface Line {
  text: string;
  size: number;
  bold?: boolean;
  italic?: boolean;
}

/** The letterhead's split: the grid's column width, the two blocks and the columns of both rules. */
export interface LetterheadGrid {
  widths: number[];
  left: [number, number];
  right: [number, number];
  issuerRule: [number, number];
  mottoRule: [number, number];
}

const widest = (lines: Line[]) => Math.max(...lines.map((l) => textWidth(l.text, tnr(l.size, l))));

/** `n` columns centred in the block `from`..`to` (n adjusted by one so that it centres). */
function centred(from: number, to: number, n: number): [number, number] {
  const span = to - from + 1;
  let k = Math.max(1, Math.min(span, Math.round(n)));
  if ((span - k) % 2 !== 0) k = k < span ? k + 1 : k - 1;
  const start = from + (span - k) / 2;
  return [start, start + k - 1];
}

const grid = (w: number) => Array.from({ length: GRID }, () => w);

/**
 * Splits the grid so that the left lines and the right lines each hold on one line: the left block's columns
 * 1..L, the right block's L+1..18. When no split of 5-unit columns holds both (a long issuing body beside the
 * national title), the columns are made as much wider as needed: the sheet prints fit to the page's width, so the
 * whole page is printed a little smaller rather than a line of the letterhead broken.
 */
export function letterheadSplit(left: Line[], right: Line[]): LetterheadGrid {
  const [needLeft, needRight] = [widest(left), widest(right)];
  const fits = (w: number, L: number) =>
    columnTextWidth(grid(w).slice(0, L)) >= needLeft && columnTextWidth(grid(w).slice(L)) >= needRight;
  let width = COLUMN;
  let L = 0;
  for (; !L && width < 3 * COLUMN; width += 0.25) for (let k = 7; k <= 10 && !L; k++) if (fits(width, k)) L = k;
  if (!L)
    [width, L] = [COLUMN, 8]; // lines longer than any page: they wrap
  else width -= 0.25;
  const widths = grid(width);
  const col = columnScreenWidth(width);
  const issuer = left.find((l) => l.bold) ?? left[0];
  return {
    widths,
    left: [1, L],
    right: [L + 1, GRID],
    issuerRule: centred(1, L, (textWidth(issuer.text, tnr(issuer.size, issuer)) * 0.45) / col),
    mottoRule: centred(L + 1, GRID, textWidth(MOTTO, tnr(S.motto, { bold: true })) / col),
  };
}

/** The page so far: the sheet, the next row, the letterhead's grid and where the pages break. */
interface Sheet {
  ws: ExcelJS.Worksheet;
  r: number;
  grid: LetterheadGrid;
  pager: Pager;
}

/** One row of the two blocks (a line on the left, a line on the right, either may be absent): its height. */
function twoBlocksHeight(s: Sheet, l: Line | null, rt: Line | null): number {
  const texts: TextFit[] = [];
  if (l) texts.push({ text: l.text, width: colSpan(s.grid.widths, ...s.grid.left), size: l.size, bold: l.bold });
  if (rt) texts.push({ text: rt.text, width: colSpan(s.grid.widths, ...s.grid.right), size: rt.size, bold: rt.bold });
  return fitHeight(texts);
}

function twoBlocks(s: Sheet, l: Line | null, rt: Line | null, align: 'center' | 'left' = 'center'): void {
  const { ws, r, grid } = s;
  if (l) put(ws, r, ...grid.left, l.text, font(l.size, l), { horizontal: align, vertical: 'top', wrapText: true });
  if (rt)
    put(ws, r, ...grid.right, rt.text, font(rt.size, rt), { horizontal: 'center', vertical: 'top', wrapText: true });
  setRow(s, twoBlocksHeight(s, l, rt));
}

/** Gives the current row its height, counts it on the page, moves to the next row. */
function setRow(s: Sheet, height: number): void {
  s.ws.getRow(s.r).height = height;
  s.pager.add(height);
  s.r++;
}

/** Letterhead (Appendix I, IV: ô 1 quốc hiệu, tiêu ngữ; ô 2 cơ quan; ô 3 số; ô 4 địa danh, ngày), title, subject. */
function writeHeading(s: Sheet, content: ReportContent): void {
  const lh = content.letterhead;
  twoBlocks(
    s,
    { text: lh.superiorBody, size: S.superiorBody },
    { text: NATIONAL_TITLE, size: S.nationalTitle, bold: true },
  );
  twoBlocks(s, { text: lh.issuer, size: S.issuer, bold: true }, { text: MOTTO, size: S.motto, bold: true });
  rule(s.ws, s.r, ...s.grid.issuerRule); // short rule under the issuing body, about half of its line
  rule(s.ws, s.r, ...s.grid.mottoRule); // rule under the motto, as long as the motto
  setRow(s, RULE_ROW);
  // the number and the place and date on one row: level with each other
  twoBlocks(s, { text: lh.number, size: S.number }, { text: lh.placeDate, size: S.placeDate, italic: true });
  setRow(s, GAP);
  // ---- title and subject (ô 5a)
  for (const [text, size] of [
    [content.title, S.docType],
    [content.subject, S.subject],
  ] as const) {
    put(s.ws, s.r, 1, GRID, text, font(size, { bold: true }));
    setRow(s, fitHeight([{ text, width: s.grid.widths, size, bold: true }]));
  }
  rule(s.ws, s.r, ...SUBJECT_RULE);
  setRow(s, RULE_ROW);
  setRow(s, GAP);
}

const paraHeight = (widths: number[], b: Extract<Block, { kind: 'para' }>) =>
  fitHeight([{ text: b.text, width: widths, size: S.body, bold: b.bold, italic: b.italic }]);

/**
 * The height that must stand together from block `i` on: a table's header and first row; a paragraph, with what
 * it is kept with when it is a heading (bold) or introduces a table; a gap alone.
 */
function keptHeight(widths: number[], blocks: Block[], layouts: (TableLayout | undefined)[], i: number): number {
  const b = blocks[i];
  if (!b) return 0;
  if (b.kind === 'gap') return GAP;
  if (b.kind === 'table') return layouts[i] ? layouts[i].header.height + (layouts[i].rows[0]?.height ?? 0) : 0;
  const next = blocks[i + 1];
  return paraHeight(widths, b) + (b.bold || next?.kind === 'table' ? keptHeight(widths, blocks, layouts, i + 1) : 0);
}

/** A line of dots to fill in by hand: as many as one line of the page holds. */
function dotsLine(widths: number[], text: string): string {
  if (!/^…+$/.test(text)) return text;
  const n = Math.floor(columnTextWidth(widths) / textWidth('…', tnr(S.body)));
  return '…'.repeat(Math.max(1, n));
}

/**
 * A table on the page: the header kept with the first row; where the page ends inside the table, the header is
 * written again at the top of the next page.
 */
function writeBodyTable(s: Sheet, l: TableLayout): void {
  s.pager.keep(s.r, l.header.height + (l.rows[0]?.height ?? 0));
  writeTableRow(s.ws, s.r, l, l.header);
  setRow(s, l.header.height);
  for (const row of l.rows) {
    if (s.pager.keep(s.r, row.height)) {
      writeTableRow(s.ws, s.r, l, l.header);
      setRow(s, l.header.height);
    }
    writeTableRow(s.ws, s.r, l, row);
    setRow(s, row.height);
  }
}

/**
 * The body (ô 6): paragraphs and tables. A heading (bold) or a paragraph that introduces a table is kept with the
 * start of what follows; the closing paragraph is kept with the signature (`tail`: the height that must follow it).
 */
function writeBody(s: Sheet, content: Block[], tail: number): void {
  const widths = s.grid.widths;
  const blocks = content.map((b) => (b.kind === 'para' ? { ...b, text: dotsLine(widths, b.text) } : b));
  const spans = (b: Extract<Block, { kind: 'table' }>) => b.table.table.columns.map((c) => c.width);
  const layouts = blocks.map((b) => (b.kind === 'table' ? layTable(b.table, spans(b), widths) : undefined));
  const closing = blocks.map((b) => b.kind === 'para').lastIndexOf(true);
  blocks.forEach((b, i) => {
    if (b.kind === 'table') return writeBodyTable(s, layouts[i]!);
    if (b.kind === 'gap') {
      s.pager.keep(s.r, GAP);
      return setRow(s, GAP);
    }
    const h = paraHeight(widths, b);
    const after = i === closing ? blocks.slice(i + 1).reduce((n, x) => n + (x.kind === 'gap' ? GAP : 0), 0) + tail : 0;
    s.pager.keep(s.r, keptHeight(widths, blocks, layouts, i) + after);
    const style = { bold: b.bold, italic: b.italic };
    put(s.ws, s.r, 1, GRID, b.text, font(S.body, style), { horizontal: 'justify', vertical: 'top', wrapText: true });
    setRow(s, h);
  });
}

/** Nơi nhận (ô 9b) bottom left, signature (ô 7a-7c) bottom right, as rows of the two blocks. */
function signatureRows(content: ReportContent): [Line | null, Line | null][] {
  const lh = content.letterhead;
  const sign: Line[] = [
    ...lh.signerTitleLines.map((text) => ({ text, size: S.signerTitle, bold: true })),
    ...['', '', '', ''].map((text) => ({ text, size: S.signerName })),
    { text: lh.signerName, size: S.signerName, bold: true },
  ];
  const left: Line[] = [
    { text: RECIPIENTS_LABEL, size: S.recipientsLabel, bold: true, italic: true },
    ...content.recipients.map((text) => ({ text, size: S.recipients })),
  ];
  return Array.from({ length: Math.max(sign.length, left.length) }, (_, i) => [left[i] ?? null, sign[i] ?? null]);
}

export function addReportSheet(wb: ExcelJS.Workbook, content: ReportContent): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(REPORT_SHEETS.report);
  pageSetup(ws, 'portrait');
  const lh = content.letterhead;
  const grid = letterheadSplit(
    [
      { text: lh.superiorBody, size: S.superiorBody },
      { text: lh.issuer, size: S.issuer, bold: true },
      { text: lh.number, size: S.number },
    ],
    [
      { text: NATIONAL_TITLE, size: S.nationalTitle, bold: true },
      { text: MOTTO, size: S.motto, bold: true },
      { text: lh.placeDate, size: S.placeDate, italic: true },
    ],
  );
  grid.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const s: Sheet = { ws, r: 1, grid, pager: new Pager(ws, pageCapacity(grid.widths, 'portrait')) };
  writeHeading(s, content);
  const signature = signatureRows(content);
  const signatureHeight = signature.reduce((n, [l, rt]) => n + twoBlocksHeight(s, l, rt), 0);
  writeBody(s, content.body, signatureHeight);
  for (const [l, rt] of signature) twoBlocks(s, l, rt, 'left');
  ws.pageSetup.printArea = `A1:${ws.getColumn(GRID).letter}${s.r - 1}`;
  return ws;
}
