/** The pane's OCR worker (ocr-worker.ts, built by webpack as its own chunk); throws where workers cannot start. */
export function startOcrWorker(): Worker;
