/**
 * OCR of a scanned plan in the pane: each page rendered by pdfjs on a canvas of the page at 300 dpi and made grey
 * (the core's ocrPages, as the CLI does without Debian's tesseract), read by Tesseract in the OCR worker
 * (ocr-worker.ts). Loaded only when a PDF without text is opened; the worker ends when the scan is read.
 */
import type { OcrReader, PdfjsLike } from '../../core/extract';
import { ExtractError } from '../../core/extract';
import { ocrPages, tesseractCoreName } from '../../core/extract/ocr';
import type { OcrWords } from '../strings-ocr';
import { startOcrWorker } from './ocr-worker-url';
import type { OcrReply, OcrRequest } from './ocr-worker';

/** Where webpack puts Tesseract and the Vietnamese model: ocr/ beside taskpane.html. */
const OCR_DIR = 'ocr/';
/** A page read in more than this is given up (a worker that never answers never holds the pane). */
const PAGE_MS = 180_000;

function reply(worker: Worker, send: OcrRequest, want: (r: OcrReply) => boolean, words: OcrWords): Promise<OcrReply> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new ExtractError(words.tooSlow)), PAGE_MS);
    const done = (r: OcrReply) => {
      clearTimeout(timer);
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
      resolve(r);
    };
    const onMessage = (ev: MessageEvent) => {
      const r = ev.data as OcrReply;
      if (want(r)) done(r);
    };
    const onError = (ev: ErrorEvent) => done({ type: 'failed', id: -1, message: ev.message || 'worker' });
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', onError);
    worker.postMessage(send, send.type === 'page' ? [send.pgm.buffer] : []);
  });
}

/** The pane's OCR reader for extract-plan, with pdfjs as the pane loads it. */
export function paneOcr(pdfjs: () => Promise<PdfjsLike>, words: OcrWords): OcrReader {
  const failed = (message: string) => new ExtractError(words.failed(message));
  return async (bytes) => {
    if (!tesseractCoreName()) throw new ExtractError(words.noWasm);
    const worker = startOcrWorker();
    try {
      const base = new URL(OCR_DIR, document.baseURI).href;
      const ready = await reply(worker, { type: 'start', base }, (r) => r.type !== 'text', words);
      if (ready.type === 'failed') throw failed(ready.message);
      return await ocrPages(await pdfjs(), bytes, async (pgm, page) => {
        const got = await reply(
          worker,
          { type: 'page', id: page, pgm },
          (r) => r.type !== 'ready' && r.id === page,
          words,
        );
        if (got.type === 'text') return got.text;
        throw failed(got.type === 'failed' ? got.message : '');
      });
    } finally {
      worker.terminate();
    }
  };
}
