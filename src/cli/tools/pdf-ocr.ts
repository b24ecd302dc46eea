/**
 * The CLI's PDF readers for extract-plan: pdfjs-dist loaded with Node's module loader, and OCR of an image-only
 * PDF (a scan) when the machine has Debian's `tesseract-ocr` with `tesseract-ocr-vie` and `poppler-utils`
 * (pages rendered with pdftoppm, read with `tesseract … -l vie`). Without them the core says how to get them.
 * Env: TONGHOP_TESSERACT="" turns OCR off (tests of the message).
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { OcrReader, PdfjsLike, PdfReaders } from '../../core/extract';

/**
 * pdfjs-dist 4 (ES modules) through Node's own require(), which loads an ES module synchronously (Node ≥ 20.19);
 * Node's, not a test runner's replacement (process.getBuiltinModule), so that the CLI run in-process by jest
 * reads PDFs too.
 */
export async function loadPdfjs(): Promise<PdfjsLike> {
  const nodeModule = process.getBuiltinModule('node:module') as typeof import('node:module');
  const nodeRequire = nodeModule.createRequire(__filename);
  const lib = nodeRequire('pdfjs-dist/legacy/build/pdf.mjs') as PdfjsLike;
  const g = globalThis as { pdfjsWorker?: unknown };
  // the worker code runs in the same thread
  if (!g.pdfjsWorker) g.pdfjsWorker = nodeRequire('pdfjs-dist/legacy/build/pdf.worker.mjs');
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

/** The readers the CLI gives extract-plan: pdfjs always, OCR when installed. */
export async function pdfReaders(): Promise<PdfReaders> {
  return { pdfjs: loadPdfjs, ...((await ocrAvailable()) ? { ocr: tesseractOcr } : {}) };
}
