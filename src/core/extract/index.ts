/**
 * extract-plan: from the plan document (.docx, .pdf, .txt, .md) to a drafted plan workbook.
 * Pure: bytes in, bytes out; the same code runs in the CLI and in the task pane.
 */
import type { Agency, Plan } from '../basics/model';
import type { PlainSheet } from '../plan/plan-write';
import { writePlanWorkbook } from '../plan/plan-write';
import { expandAgencies } from './agencies';
import { buildPlan, draftSheets, reviewList } from './build';
import { docxParagraphs } from './docx';
import type { Paragraph } from './paragraphs';
import { textParagraphs } from './paragraphs';
import { parsePlanParagraphs } from './parse';
import { ExtractError, pdfParagraphs, type PdfReaders } from './pdf';
import type { PlanDraft } from './types';

export type { PlanDraft, DraftTask, DraftAgency, DraftDeadline, DraftField, DraftSource } from './types';
export type { Paragraph } from './paragraphs';
export { ExtractError, type OcrReader, type PdfjsLike, type PdfjsLoader, type PdfReaders } from './pdf';
export { SOURCE_HEADER, REVIEW_HEADER } from './build';
export { parsePlanParagraphs } from './parse';
export { textParagraphs } from './paragraphs';

export interface ExtractResult {
  /** What was read from the document, each item with its paragraph and a review flag. */
  draft: PlanDraft;
  /** The plan as read by the engine (placeholders where the document is silent). */
  plan: Plan;
  /** The plan sheets (planSheets) plus the `Nguồn` and `Cần kiểm tra` columns. */
  sheets: PlainSheet[];
  /** A short review list, in Vietnamese. */
  review: string[];
  /** The drafted plan workbook (.xlsx). */
  workbook: Uint8Array;
  /** The document's paragraphs as read (numbers match `Nguồn`). */
  paragraphs: Paragraph[];
  /** The text was read by OCR from a scan: every item is marked `Cần kiểm tra`. */
  ocr: boolean;
}

export interface ExtractOptions extends PdfReaders {
  /** The clerk's list (or a previous plan's agencies): group phrases are expanded into these agencies. */
  agencies?: Agency[];
}

export const OCR_REASON = 'Đọc bằng nhận dạng chữ (OCR) từ bản scan: đối chiếu với văn bản gốc';

/** Every item read by OCR is to be checked against the scan. */
function markOcr(draft: PlanDraft): void {
  const mark = (x: { needsReview: boolean; reason: string }) => {
    x.needsReview = true;
    x.reason = [x.reason, OCR_REASON].filter(Boolean).join('; ');
  };
  for (const f of [draft.number, draft.title, draft.issuer, draft.issuedOn, draft.place, draft.consolidator]) mark(f);
  for (const d of draft.deadlines) mark(d);
  draft.tasks.forEach(mark);
  draft.agencies.forEach(mark);
}

export const DOCUMENT_EXTENSIONS = ['.docx', '.pdf', '.txt', '.md'] as const;

function extensionOf(fileName: string): string {
  const m = /\.[^./\\]+$/.exec(fileName.toLowerCase());
  return m ? m[0] : '';
}

function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b;
}

function looksLikePdf(bytes: Uint8Array): boolean {
  return bytes.length > 5 && String.fromCharCode(...bytes.subarray(0, 5)) === '%PDF-';
}

/** The document's paragraphs, by its content first and its extension second. */
export async function readDocumentParagraphs(
  fileName: string,
  bytes: Uint8Array,
  readers: PdfReaders = {},
): Promise<{ paragraphs: Paragraph[]; ocr: boolean }> {
  const ext = extensionOf(fileName);
  if (looksLikePdf(bytes)) return pdfParagraphs(bytes, fileName, readers);
  if (ext === '.doc')
    throw new ExtractError(
      `Tệp ${fileName} là Word cũ (.doc): hãy lưu lại thành .docx (Word: Tệp › Lưu thành) rồi thử lại.`,
    );
  if (looksLikeZip(bytes)) {
    if (ext !== '' && ext !== '.docx')
      throw new ExtractError(`Tệp ${fileName} không phải văn bản Word (.docx), PDF hay văn bản thuần (.txt).`);
    try {
      return { paragraphs: await docxParagraphs(bytes), ocr: false };
    } catch (e) {
      if (e instanceof ExtractError) throw e;
      throw new ExtractError(`Tệp ${fileName} không đọc được như văn bản Word (.docx): ${(e as Error).message}`);
    }
  }
  if (ext === '.pdf' || ext === '.docx')
    throw new ExtractError(`Tệp ${fileName} bị hỏng hoặc không đúng định dạng ${ext}.`);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('\u0000')) throw new ExtractError(`Tệp ${fileName} không phải văn bản (.docx, .pdf, .txt, .md).`);
  return { paragraphs: textParagraphs(text), ocr: false };
}

/**
 * Reads a plan document and drafts the plan workbook. With `agencies` (the clerk's list, or a previous
 * plan's agencies), group phrases such as "UBND các huyện, thị xã, thành phố" are expanded into agencies.
 * A PDF needs `pdfjs` (the door's loader of pdfjs-dist); a scan is read when the door gives `ocr`.
 * Throws ExtractError (Vietnamese message) when the document cannot be read.
 */
export async function extractPlanDocument(
  fileName: string,
  bytes: Uint8Array,
  options: ExtractOptions = {},
): Promise<ExtractResult> {
  const { paragraphs, ocr } = await readDocumentParagraphs(fileName, bytes, options);
  if (paragraphs.length === 0) throw new ExtractError(`Tệp ${fileName} không có nội dung chữ.`);
  const draft = parsePlanParagraphs(paragraphs);
  if (ocr) markOcr(draft);
  if (options.agencies && options.agencies.length > 0)
    draft.agencies = expandAgencies(draft.agencies, options.agencies, draft.place.value ?? '');
  const built = buildPlan(draft, fileName);
  const sheets = draftSheets(built);
  const review = reviewList(built, draft);
  const workbook = await writePlanWorkbook(built.plan, sheets);
  return { draft, plan: built.plan, sheets, review, workbook, paragraphs, ocr };
}
export { readAgencyList, type AgencyListResult } from './agency-list';
