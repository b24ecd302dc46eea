/** The pane's reading worker (read-worker.ts, built by webpack as its own chunk); throws where workers cannot start. */
export function startReadWorker(): Worker;
