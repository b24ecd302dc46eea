/** How much heap a reading thread of the pool (pool.ts) may take before V8 must collect. */
import { getHeapStatistics } from 'node:v8';

/**
 * A reading thread's old space, in MB. V8 lets a heap whose limit is 2 GB or more grow to 4 × what it
 * keeps alive before collecting; below 2 GB, to about 2 ×. A worker keeps ≈ 30 MB alive between files and made
 * ≈ 130 MB of garbage wait with the default (4 GB on this 24 GB machine): 1,999 MB halves that, for no CPU
 * that could be told from noise (5,000 files in one thread: 36.1 s both ways, load 8). A file at the reading limits (2,000,000 cells) needs 500–800 MB. Never above this thread's own
 * limit (on a small machine the default is lower).
 */
export function workerOldSpaceMb(): number {
  const own = Math.floor(getHeapStatistics().heap_size_limit / (1024 * 1024));
  return Math.min(WORKER_OLD_SPACE_MB, own);
}
const WORKER_OLD_SPACE_MB = 1999;

/**
 * A reading thread's young generation, in MB. The default lets it grow to 3 × 16 MB of short-lived garbage per
 * thread, which the thread then keeps: 8 MB took the peak RSS of 10,000 files with 2 threads from 348–395 MB to
 * 270–348 MB (three runs each), for no CPU that could be told from noise. A file's tokens and cells die young, so
 * a smaller nursery costs more scavenges but each is short.
 */
export const WORKER_YOUNG_SPACE_MB = 8;
