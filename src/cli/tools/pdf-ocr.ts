/**
 * The CLI's PDF readers for extract-plan: pdfjs-dist loaded with Node's module loader, and OCR of an image-only
 * PDF (a scan): with Debian's `tesseract-ocr`, `tesseract-ocr-vie` and `poppler-utils` when the machine has them
 * (pages rendered with pdftoppm, read with `tesseract … -l vie`), else with the library the task pane uses
 * (core/extract/ocr.ts: Tesseract compiled to WebAssembly, tesseract.js-core, and @tesseract.js-data/vie; pages
 * rendered by pdfjs on @napi-rs/canvas). Without either the core says how to get OCR.
 * Env: TONGHOP_TESSERACT="" leaves Debian's tesseract aside; TONGHOP_OCR_LIBRARY="" the library (tests).
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { OcrReader, PdfjsLike, PdfReaders } from '../../core/extract';
import { OcrEngine, type TesseractFactory, ocrPages, tesseractCoreName } from '../../core/extract/ocr';

function nodeRequire(): NodeJS.Require {
  const nodeModule = process.getBuiltinModule('node:module') as typeof import('node:module');
  return nodeModule.createRequire(__filename);
}

/**
 * pdfjs-dist 4 (ES modules) through Node's own require(), which loads an ES module synchronously (Node ≥ 20.19);
 * Node's, not a test runner's replacement (process.getBuiltinModule), so that the CLI run in-process by jest
 * reads PDFs too.
 */
export async function loadPdfjs(): Promise<PdfjsLike> {
  const load = nodeRequire();
  const lib = load('pdfjs-dist/legacy/build/pdf.mjs') as PdfjsLike;
  const g = globalThis as { pdfjsWorker?: unknown };
  // the worker code runs in the same thread
  if (!g.pdfjsWorker) g.pdfjsWorker = load('pdfjs-dist/legacy/build/pdf.worker.mjs');
  return lib;
}

function run(cmd: string, args: string[], timeoutMs = 120_000): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(cmd, args, { timeout: timeoutMs, windowsHide: true, maxBuffer: 64 << 20 }, (err, stdout) =>
      err ? reject(err) : resolve(stdout),
    ),
  );
}

/** Whether tesseract (with the Vietnamese model) and pdftoppm are installed. */
export async function ocrAvailable(): Promise<boolean> {
  const env = process.env.TONGHOP_TESSERACT;
  if (env !== undefined && env.trim() === '') return false;
  try {
    const langs = await run(env || 'tesseract', ['--list-langs'], 20_000);
    await run('pdftoppm', ['-v'], 20_000);
    return /^vie$/m.test(langs);
  } catch {
    return false;
  }
}

/** Each page of the PDF rendered at 300 dpi and read by tesseract in Vietnamese. */
export const tesseractOcr: OcrReader = async (bytes) => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tonghop-ocr-'));
  try {
    const pdf = path.join(dir, 'scan.pdf');
    await fs.writeFile(pdf, bytes);
    await run('pdftoppm', ['-r', '300', '-gray', '-png', pdf, path.join(dir, 'page')]);
    const pages = (await fs.readdir(dir)).filter((f) => /^page-\d+\.png$/.test(f)).sort();
    const out: string[] = [];
    for (const png of pages)
      out.push(await run(process.env.TONGHOP_TESSERACT || 'tesseract', [path.join(dir, png), 'stdout', '-l', 'vie']));
    return out;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
};

/** The Vietnamese model as npm ships it (gzipped): LSTM, integer weights (tesseract.js's own default). */
export const VIE_TRAINEDDATA = '@tesseract.js-data/vie/4.0.0_best_int/vie.traineddata.gz';

/**
 * OCR with the library the task pane uses, when this Node can load it and render PDF pages (pdfjs-dist's
 * @napi-rs/canvas): each page rendered at 300 dpi, grey, read by Tesseract in WebAssembly.
 */
export async function libraryOcr(): Promise<OcrReader | null> {
  if (process.env.TONGHOP_OCR_LIBRARY !== undefined && process.env.TONGHOP_OCR_LIBRARY.trim() === '') return null;
  const load = nodeRequire();
  let factory: TesseractFactory;
  let model: Uint8Array;
  try {
    load('@napi-rs/canvas'); // pdfjs-dist draws pages on it in Node
    const core = tesseractCoreName();
    if (!core) return null;
    factory = load(`tesseract.js-core/${core}.js`) as TesseractFactory;
    model = new Uint8Array(await fs.readFile(load.resolve(VIE_TRAINEDDATA)));
  } catch {
    return null;
  }
  return async (bytes) => {
    const engine = await OcrEngine.start(factory, model);
    try {
      return await ocrPages(await loadPdfjs(), bytes, async (pgm) => engine.read(pgm));
    } finally {
      engine.end();
    }
  };
}

/** The readers the CLI gives extract-plan: pdfjs always; OCR by Debian's tesseract, else by the library. */
export async function pdfReaders(): Promise<PdfReaders> {
  const ocr = (await ocrAvailable()) ? tesseractOcr : await libraryOcr();
  return { pdfjs: loadPdfjs, ...(ocr ? { ocr } : {}) };
}
