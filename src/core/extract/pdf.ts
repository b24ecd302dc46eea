/**
 * PDF (with a text layer) → paragraphs, through pdfjs-dist: text runs are put back into lines by their
 * position, lines into paragraphs by spacing, indentation, numbering and where the previous line ends.
 * pdfjs-dist itself is supplied by the door (PdfjsLoader): no loading code here.
 */
import { repairOcrLines } from './ocr-text';
import { cleanParagraphs, MARKER_START, type Paragraph, type RawParagraph } from './paragraphs';
import { findTaskTable, type Run, type TableLayout } from './pdf-table';

export class ExtractError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExtractError';
  }
}

/** The part of pdfjs-dist this reader uses. */
export interface PdfTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}
export interface PdfPage {
  getTextContent(): Promise<{ items: unknown[] }>;
}
export interface PdfDocument {
  numPages: number;
  getPage(n: number): Promise<PdfPage>;
  destroy(): Promise<void>;
}
export interface PdfjsLike {
  getDocument(src: { data: Uint8Array; isEvalSupported?: boolean; useSystemFonts?: boolean; verbosity?: number }): {
    promise: Promise<PdfDocument>;
  };
}

/**
 * How pdfjs-dist is loaded is the door's business (the CLI with Node's module loader, the task pane from its
 * bundle chunk, the tests with Node's require): the door passes a loader; pdfjs-dist 4 is an ES module and
 * runs its worker code in the same thread when the loader sets `globalThis.pdfjsWorker`.
 */
export type PdfjsLoader = () => Promise<PdfjsLike>;

/** Text read from an image-only PDF by OCR, one string per page (the door runs it: tesseract in the CLI). */
export type OcrReader = (bytes: Uint8Array) => Promise<string[]>;

export interface PdfReaders {
  pdfjs?: PdfjsLoader;
  ocr?: OcrReader;
}

async function loadPdfjs(loader: PdfjsLoader | undefined): Promise<PdfjsLike> {
  if (!loader)
    throw new ExtractError('Chưa có bộ đọc PDF (pdfjs-dist) ở nơi gọi: hãy mở bản Word (.docx) của văn bản.');
  try {
    return await loader();
  } catch (e) {
    throw new ExtractError(`Không nạp được bộ đọc PDF (pdfjs-dist): ${(e as Error).message}`);
  }
}

function isTextItem(item: unknown): item is PdfTextItem {
  return (
    typeof item === 'object' &&
    item !== null &&
    typeof (item as PdfTextItem).str === 'string' &&
    Array.isArray((item as PdfTextItem).transform)
  );
}

interface Line {
  page: number;
  y: number;
  x: number;
  end: number;
  size: number;
  text: string;
  /** A paragraph by itself (a row of a task table). */
  hard?: boolean;
}

function joinRuns(runs: Run[], size: number): Line | null {
  let text = '';
  let end = -Infinity;
  for (const r of runs) {
    if (text !== '' && r.x - end > size * 0.15 && !/\s$/.test(text) && !/^\s/.test(r.str)) text += ' ';
    text += r.str;
    end = Math.max(end, r.x + r.w);
  }
  if (text.trim() === '') return null;
  const first = runs.find((r) => r.str.trim() !== '') ?? runs[0];
  return { page: 0, y: runs[0].y, x: first.x, end, size, text };
}

function pageLines(items: PdfTextItem[], page: number, carried: { table: TableLayout | null }): Line[] {
  const runs: Run[] = items
    .filter((i) => i.str !== '')
    .map((i) => ({
      x: i.transform[4],
      y: i.transform[5],
      size: Math.hypot(i.transform[2], i.transform[3]) || i.height || 10,
      w: i.width,
      str: i.str,
    }));
  runs.sort((a, b) => b.y - a.y || a.x - b.x);
  // a table that ended at the bottom of the previous page may go on at the top of this one
  const table = findTaskTable(runs, carried.table);
  carried.table = table?.layout ?? null;
  const tableLines: Line[] = (table?.paragraphs ?? []).map((text, i) => ({
    ...{ page, y: table!.y - i * 0.01, x: table!.x, end: table!.x, size: runs[0].size, text, hard: true },
  }));
  const rows: { y: number; size: number; runs: Run[] }[] = [];
  for (const r of runs) {
    if (table?.used.has(r)) continue;
    const row = rows.find((l) => Math.abs(l.y - r.y) < Math.max(l.size, r.size) * 0.45);
    if (row) row.runs.push(r);
    else rows.push({ y: r.y, size: r.size, runs: [r] });
  }
  // Wide gaps inside a row, where several rows have a gap ending at the same x, are table columns
  // (the header: issuing body on the left, national motto and date on the right).
  const gapStarts: { row: number; index: number; x: number }[] = [];
  rows.forEach((row, ri) => {
    row.runs.sort((a, b) => a.x - b.x);
    const size = Math.max(...row.runs.map((r) => r.size));
    let end = -Infinity;
    row.runs.forEach((r, i) => {
      if (r.str.trim() === '') return;
      if (end > -Infinity && r.x - end > size * 3) gapStarts.push({ row: ri, index: i, x: r.x });
      end = Math.max(end, r.x + r.w);
    });
  });
  const columns = gapStarts
    .filter((g) => gapStarts.some((o) => o.row !== g.row && Math.abs(o.x - g.x) < 3))
    .map((g) => g.x);
  const out: Line[] = [];
  rows.forEach((row) => {
    const size = Math.max(...row.runs.map((r) => r.size));
    // a row is cut where a column starts, when there is at least a small gap before it
    const cuts: number[] = [];
    let end = -Infinity;
    row.runs.forEach((r, i) => {
      if (r.str.trim() === '') return;
      if (end > -Infinity && r.x - end > size * 0.5 && columns.some((x) => Math.abs(x - r.x) < 3)) cuts.push(i);
      end = Math.max(end, r.x + r.w);
    });
    let from = 0;
    for (const cut of [...cuts, row.runs.length]) {
      const line = joinRuns(row.runs.slice(from, cut), size);
      if (line) out.push({ ...line, page, y: row.y });
      from = cut;
    }
  });
  out.push(...tableLines);
  out.sort((a, b) => b.y - a.y || a.x - b.x);
  return out;
}

/** Lines → paragraphs: a new paragraph after a blank gap, at an indent, at a number or bullet, or after a short line. */
export function linesToParagraphs(lines: Line[]): RawParagraph[] {
  const out: RawParagraph[] = [];
  const byPage = new Map<number, Line[]>();
  for (const l of lines) byPage.set(l.page, [...(byPage.get(l.page) ?? []), l]);
  const allLeft = Math.min(...lines.map((l) => l.x));
  const allRight = Math.max(...lines.map((l) => l.end));
  let prev: Line | null = null;
  for (const l of lines) {
    const left = allLeft;
    const right = allRight;
    const width = Math.max(1, right - left);
    let newPara = prev === null || Boolean(prev.hard) || Boolean(l.hard);
    if (prev && !newPara) {
      const samePage = prev.page === l.page;
      if (samePage && prev.y - l.y > prev.size * 1.9) newPara = true;
      // across a page break the gap is unknown: a finished sentence followed by a capital starts a paragraph
      if (!samePage && /[.;:!?]$/u.test(prev.text.trim()) && /^\p{Lu}/u.test(l.text.trim())) newPara = true;
      if (MARKER_START.test(l.text.trim())) newPara = true;
      if (prev.end < right - width * 0.12) newPara = true;
      // "… các tổ chức chính trị - xã hội tỉnh:" at the end of a line introduces a new paragraph
      if (/:$/.test(prev.text.trim()) && /^[\p{Lu}[(“"]/u.test(l.text.trim())) newPara = true;
      if (l.x > left + l.size * 1.2 && Math.abs(l.x - prev.x) > l.size * 0.5) newPara = true;
    }
    if (newPara || out.length === 0) out.push({ text: l.text, hardBreak: true, indent: (l.x - left) / l.size });
    else out[out.length - 1].text += ' ' + l.text;
    prev = l;
  }
  return out;
}

const NEEDS_OCR = (fileName: string, pages: number) =>
  `Tệp ${fileName || 'PDF'} không có lớp chữ (có thể là bản scan, ${pages} trang chỉ có hình ảnh). ` +
  'Cần nhận dạng chữ (OCR) trước: dòng lệnh tonghop extract-plan tự làm việc này khi máy có tesseract ' +
  '(Debian/Ubuntu: sudo apt-get install tesseract-ocr tesseract-ocr-vie poppler-utils); hoặc dùng chức năng OCR ' +
  'của phần mềm scan, lưu lại thành PDF có chữ, hoặc dùng bản Word (.docx) của văn bản.';

/** Lines of a page that are only its number ("2", "Trang 2"), first or last on the page. */
function withoutPageNumbers(lines: Line[]): Line[] {
  return lines.filter((l, i) => {
    if (!/^(trang\s+)?\d{1,3}(\s*\/\s*\d{1,3})?$/iu.test(l.text.trim())) return true;
    const first = i === 0 || lines[i - 1].page !== l.page;
    const last = i === lines.length - 1 || lines[i + 1].page !== l.page;
    return !(first || last);
  });
}

async function documentLines(doc: PdfDocument): Promise<Line[]> {
  const lines: Line[] = [];
  const carried = { table: null as TableLayout | null };
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    lines.push(...pageLines(content.items.filter(isTextItem), n, carried));
  }
  return lines;
}

/**
 * A PDF's paragraphs. A PDF without a text layer (a scan) is read by the door's OCR when it has one (every
 * item is then to be checked: `ocr` is true), else fails with a message that says how to get OCR.
 */
export async function pdfParagraphs(
  bytes: Uint8Array,
  fileName = '',
  readers: PdfReaders = {},
): Promise<{ paragraphs: Paragraph[]; ocr: boolean }> {
  const pdfjs = await loadPdfjs(readers.pdfjs);
  let doc: PdfDocument;
  try {
    // pdfjs may take ownership of (detach) the buffer: give it a copy.
    doc = await pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, useSystemFonts: false, verbosity: 0 })
      .promise;
  } catch (e) {
    throw new ExtractError(`Tệp ${fileName || 'PDF'} không mở được như một tệp PDF: ${(e as Error).message}`);
  }
  try {
    const lines = await documentLines(doc);
    const chars = lines.reduce((sum, l) => sum + l.text.replace(/\s/g, '').length, 0);
    if (chars >= 20) return { paragraphs: cleanParagraphs(linesToParagraphs(withoutPageNumbers(lines))), ocr: false };
    if (!readers.ocr) throw new ExtractError(NEEDS_OCR(fileName, doc.numPages));
    const pages = await readers.ocr(bytes);
    return { paragraphs: cleanParagraphs(repairOcrLines(pages.flatMap((t) => t.split(/\r?\n/)))), ocr: true };
  } finally {
    await doc.destroy();
  }
}
