/**
 * Starts the pane's OCR worker (ocr-worker.ts, its own chunk; see read-worker-url.js for why this is JavaScript).
 */
export function startOcrWorker() {
  return new Worker(/* webpackChunkName: "ocr-worker" */ new URL('./ocr-worker.ts', import.meta.url));
}
