/**
 * The pane's OCR worker (a dedicated Web Worker, started when a scanned plan is opened, ended when it is read):
 * loads Tesseract compiled to WebAssembly (tesseract.js-core's glue and .wasm) and the Vietnamese model
 * (@tesseract.js-data/vie), both served with the add-in in ocr/ (webpack copies them; nothing from another
 * origin), and reads the page images the pane sends, one by one, with the core's OcrEngine. The WebAssembly is
 * compiled here, in the worker, never in the page.
 */
import { OcrEngine, type TesseractFactory, tesseractCoreName } from '../../core/extract/ocr';

interface WorkerScope {
  postMessage(message: OcrReply): void;
  addEventListener(type: 'message', listener: (ev: MessageEvent) => void): void;
  importScripts(...urls: string[]): void;
  TesseractCore?: TesseractFactory;
}
const scope = self as unknown as WorkerScope;

/** The pane → the worker: where ocr/ is, then the pages as greyscale PGM. */
export type OcrRequest = { type: 'start'; base: string } | { type: 'page'; id: number; pgm: Uint8Array };
/** The worker → the pane. */
export type OcrReply =
  { type: 'ready' } | { type: 'text'; id: number; text: string } | { type: 'failed'; id: number; message: string };

let engine: Promise<OcrEngine> | null = null;

async function start(base: string): Promise<OcrEngine> {
  const core = tesseractCoreName();
  if (!core) throw new Error('WebAssembly');
  scope.importScripts(`${base}${core}.js`);
  const factory = scope.TesseractCore;
  if (!factory) throw new Error(`${core}.js`);
  const model = await fetch(`${base}vie.traineddata.gz`);
  if (!model.ok) throw new Error(`vie.traineddata.gz: HTTP ${model.status}`);
  return OcrEngine.start(factory, new Uint8Array(await model.arrayBuffer()), (file) => base + file);
}

let chain: Promise<void> = Promise.resolve();

scope.addEventListener('message', (ev) => {
  const msg = ev.data as OcrRequest;
  chain = chain.then(async () => {
    if (msg.type === 'start') {
      engine = start(msg.base);
      try {
        await engine;
        scope.postMessage({ type: 'ready' });
      } catch (e) {
        scope.postMessage({ type: 'failed', id: 0, message: (e as Error).message });
      }
      return;
    }
    try {
      if (!engine) throw new Error('start');
      scope.postMessage({ type: 'text', id: msg.id, text: (await engine).read(msg.pgm) });
    } catch (e) {
      scope.postMessage({ type: 'failed', id: msg.id, message: (e as Error).message });
    }
  });
});
