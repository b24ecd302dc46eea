/**
 * Starts the pane's reading worker. Plain JavaScript because `import.meta.url` (webpack's way of building a
 * worker as its own chunk) is not TypeScript under the project's CommonJS settings; read-worker-url.d.ts types it.
 */
export function startReadWorker() {
  return new Worker(/* webpackChunkName: "read-worker" */ new URL('./read-worker.ts', import.meta.url));
}
