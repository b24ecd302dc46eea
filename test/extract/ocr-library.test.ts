/**
 * OCR without Debian's tesseract: the CLI falls back to Tesseract compiled to WebAssembly (tesseract.js-core) with
 * the Vietnamese model from npm (@tesseract.js-data/vie), read from node_modules with no network. The scanned plan
 * of the extract corpus drafted that way has the same tasks as with Debian's tesseract.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { extractPlanDocument } from '../../src/core/extract';
import { libraryOcr, loadPdfjs, ocrAvailable, pdfReaders, tesseractOcr } from '../../src/cli/tools/pdf-ocr';
import { CORPUS_DIR } from '../../scripts/eval-extract';
import { repairOcrLines } from '../../src/core/extract/ocr-text';

const SCAN = 'scan-binh-dinh-son-tiem-chung-2025.pdf';

async function tasksOf(ocr: NonNullable<Awaited<ReturnType<typeof libraryOcr>>>) {
  const bytes = new Uint8Array(await fs.readFile(path.join(CORPUS_DIR, SCAN)));
  const r = await extractPlanDocument(SCAN, bytes, { pdfjs: loadPdfjs, ocr });
  return r.draft.tasks.map((t) => `${t.code} ${t.title}`);
}

function withEnv<T>(name: string, value: string, f: () => Promise<T>): Promise<T> {
  const before = process.env[name];
  process.env[name] = value;
  return f().finally(() => {
    if (before === undefined) delete process.env[name];
    else process.env[name] = before;
  });
}

test('without Debian tesseract the CLI reads scans with the library, offline', async () => {
  const readers = await withEnv('TONGHOP_TESSERACT', '', () => pdfReaders());
  expect(readers.ocr).toBeDefined();
  expect(readers.ocr).not.toBe(tesseractOcr);
  const none = await withEnv('TONGHOP_TESSERACT', '', () => withEnv('TONGHOP_OCR_LIBRARY', '', () => pdfReaders()));
  expect(none.ocr).toBeUndefined();
});

test('the corpus scan drafted by the library: the same tasks as with Debian tesseract', async () => {
  const library = await libraryOcr();
  expect(library).not.toBeNull();
  const fetchBefore = globalThis.fetch;
  globalThis.fetch = () => Promise.reject(new Error('no network in this test'));
  let byLibrary: string[];
  try {
    byLibrary = await tasksOf(library!);
  } finally {
    globalThis.fetch = fetchBefore;
  }
  expect(byLibrary.length).toBeGreaterThan(3);
  if (!(await ocrAvailable())) return; // CI installs tesseract-ocr-vie; the comparison needs it
  expect(byLibrary).toEqual(await tasksOf(tesseractOcr));
}, 240_000);

test('a Roman numeral OCR lost a stroke of is the next section; other headings as read', () => {
  expect(
    repairOcrLines(['I. MỤC TIÊU', 'II. NHIỆM VỤ', '1. Tổ chức', 'II. TỔ CHỨC THỰC HIỆN', 'II. Ghi chú', 'I. PHỤ LỤC']),
  ).toEqual(['I. MỤC TIÊU', 'II. NHIỆM VỤ', '1. Tổ chức', 'III. TỔ CHỨC THỰC HIỆN', 'II. Ghi chú', 'I. PHỤ LỤC']);
});
