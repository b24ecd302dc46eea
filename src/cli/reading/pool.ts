/**
 * Reading many submissions on every core: a worker_threads pool. One worker per core gets the plan once,
 * then files are streamed to it (at most two waiting per worker, so memory stays flat), each worker runs the
 * core's readSubmission and posts the plain Submission back. Results come back in the files' order, whatever
 * the order of completion, so the consolidation is the same as with one worker.
 *
 * A file that kills its worker (out of memory, a crash inside a library) or takes too long becomes a rejected
 * submission with a Vietnamese reason; the worker is replaced and the run goes on.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import {
  DEFAULT_LIMITS,
  type FileInput,
  type Limits,
  type Plan,
  type Submission,
  abandonedSubmission,
  readSubmission,
  submissionSchema,
} from '../../core';
import { StringPool, compactSubmission } from './compact';
import type { RowKeeper } from './spill';
import { decodeWorkerReply, readRequestSchema } from './wire';
import { WORKER_YOUNG_SPACE_MB, workerOldSpaceMb } from './worker-heap';

// ---------------------------------------------------------------------------------------------
// Messages between the pool and its workers (checked with zod on both sides)

// the requests' schemas live in wire.ts, which the worker loads without loading this module and the engine
export { readRequestSchema, workerDataSchema } from './wire';
export type ReadRequest = z.infer<typeof readRequestSchema>;

export const workerReplySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('done'), id: z.number().int().nonnegative(), submission: submissionSchema }),
  z.object({ type: z.literal('failed'), id: z.number().int().nonnegative(), message: z.string() }),
]);
export type WorkerReply = z.infer<typeof workerReplySchema>;

// ---------------------------------------------------------------------------------------------

/**
 * Below this many files the workers' start (each loads the engine and warms up cold) costs more than it saves, so
 * the default reads in this thread; an explicit `workers` is obeyed. (bench: 100 files took longer on the pool.)
 */
export const MIN_FILES_FOR_POOL = 200;

export interface PoolOptions {
  /**
   * Number of worker threads; 1 reads in one worker thread (a time budget per file). Default: one per core from
   * MIN_FILES_FOR_POOL files, this thread below.
   */
  workers?: number;
  /** Called once per file as it finishes (in the order of completion). */
  progress?: (done: number, total: number, file: string) => void;
  /** A file still not read this long after its worker could start on it is given up (the worker is stopped). Default 120 s. */
  fileTimeoutMs?: number;
  /** The worker script (tests use a wrapper); default: worker.js next to this module. */
  workerScript?: string;
  /** The reading limits (--max-file-size …), sent to every worker; default DEFAULT_LIMITS. */
  limits?: Limits;
  /** Where the rows of the files read are kept (spill.ts); default packed in memory. */
  keepRows?: RowKeeper;
}

export function defaultWorkerCount(): number {
  const n = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, n);
}

export function defaultWorkerScript(): string {
  return path.join(__dirname, 'worker.js');
}

/** How many workers a run of `files` files should use (never more workers than files). */
export function workerCountFor(files: number, requested: number | undefined, script: string): number {
  if (requested === undefined && files < MIN_FILES_FOR_POOL) return 1;
  const n = Math.max(1, Math.floor(requested ?? defaultWorkerCount()));
  // From TypeScript sources (ts-jest) there is no compiled worker next to this module: read in this thread.
  if (n <= 1 || files <= 1 || !existsSync(script)) return 1;
  return Math.min(n, files);
}

/**
 * Reads `count` files (loaded on demand by `inputAt`, so at most a few are in memory) and returns their
 * submissions in index order.
 */
export async function readSubmissions(
  plan: Plan,
  count: number,
  inputAt: (index: number) => Promise<FileInput>,
  opts: PoolOptions = {},
): Promise<Submission[]> {
  const script = opts.workerScript ?? defaultWorkerScript();
  const workers = workerCountFor(count, opts.workers, script);
  // `--workers 1` reads in one worker thread, so that a file still has a time budget (a thread can be
  // stopped; a loop in this thread could not); folders read in this thread by default have only the limits
  if (workers <= 1 && !(opts.workers !== undefined && count > 0 && existsSync(script)))
    return readInThisThread(plan, count, inputAt, opts);
  return new ReadPool(plan, count, inputAt, { ...opts, workers, workerScript: script }).run();
}

async function readInThisThread(
  plan: Plan,
  count: number,
  inputAt: (index: number) => Promise<FileInput>,
  opts: PoolOptions,
): Promise<Submission[]> {
  const out: Submission[] = [];
  const strings = new StringPool();
  for (let i = 0; i < count; i++) {
    const input = await inputAt(i);
    out.push(compactSubmission(await readSubmission(input, plan, opts.limits), strings, opts.keepRows));
    opts.progress?.(i + 1, count, input.name);
  }
  return out;
}

interface Job {
  index: number;
  name: string;
  /** Handed to the worker (its file loaded, converted by LibreOffice first when it must be). */
  posted?: boolean;
}

interface Slot {
  worker: Worker;
  /** Jobs sent to this worker, in the order it reads them (the first is the one being read). */
  queue: Job[];
  timer: NodeJS.Timeout | null;
  dead: boolean;
  /** The worker has loaded the engine and the plan (a death before that is not a file's fault). */
  ready: boolean;
  /** Files are posted one after another, in queue order. */
  posting: Promise<void>;
}

const PER_WORKER = 2;

class ReadPool {
  private readonly results: (Submission | undefined)[];
  private readonly slots: Slot[] = [];
  private readonly retry: number[] = [];
  private next = 0;
  private done = 0;
  private crashesInARow = 0;
  private failedStarts = 0;
  private inThisThread = false;
  private settled = false;
  private finish!: (subs: Submission[]) => void;
  private fail!: (e: unknown) => void;
  private readonly timeoutMs: number;
  private readonly strings = new StringPool();

  constructor(
    private readonly plan: Plan,
    private readonly count: number,
    private readonly inputAt: (index: number) => Promise<FileInput>,
    private readonly opts: PoolOptions & { workers: number; workerScript: string },
  ) {
    this.results = new Array<Submission | undefined>(count);
    this.timeoutMs = opts.fileTimeoutMs ?? 120_000;
  }

  run(): Promise<Submission[]> {
    return new Promise<Submission[]>((resolve, reject) => {
      this.finish = (subs) => {
        this.shutdown();
        resolve(subs);
      };
      this.fail = (e) => {
        if (this.settled) return;
        this.shutdown();
        reject(e);
      };
      for (let i = 0; i < this.opts.workers; i++) this.slots.push(this.spawn());
      this.fillAll();
    });
  }

  private spawn(): Slot {
    const worker = new Worker(this.opts.workerScript, {
      workerData: { plan: this.plan, limits: this.opts.limits ?? DEFAULT_LIMITS },
      resourceLimits: { maxOldGenerationSizeMb: workerOldSpaceMb(), maxYoungGenerationSizeMb: WORKER_YOUNG_SPACE_MB },
    });
    const slot: Slot = { worker, queue: [], timer: null, dead: false, ready: false, posting: Promise.resolve() };
    worker.on('message', (msg: unknown) => this.onMessage(slot, msg));
    // replies the worker posted just before it died may still be on their way: take them first, then blame
    const died = (why: string) => setTimeout(() => this.onDeath(slot, why), 50);
    worker.on('error', (err) => died(`lỗi trong luồng đọc: ${err.message}`));
    worker.on('exit', (code) => died(`luồng đọc dừng đột ngột (mã ${code})`));
    return slot;
  }

  private nextIndex(): number | null {
    if (this.retry.length > 0) return this.retry.shift()!;
    if (this.next < this.count) return this.next++;
    return null;
  }

  private fillAll(): void {
    for (const slot of this.slots) this.fill(slot);
    this.checkFinished();
  }

  private fill(slot: Slot): void {
    while (!slot.dead && slot.queue.length < PER_WORKER) {
      const index = this.nextIndex();
      if (index === null) return;
      const job: Job = { index, name: '' };
      slot.queue.push(job);
      slot.posting = slot.posting.then(() => this.send(slot, job)).catch((e) => this.fail(e));
    }
  }

  private async send(slot: Slot, job: Job): Promise<void> {
    const input = await this.inputAt(job.index); // may throw CliError (unreadable file): stops the run, as before
    job.name = input.name;
    if (slot.dead) return; // the worker died while the file was being loaded; onDeath re-queued the job
    // whole buffers are moved to the worker, not copied
    const own = (b: Uint8Array) => (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b : b.slice());
    const bytes = own(input.bytes);
    const converted = input.converted ? { ...input.converted, bytes: own(input.converted.bytes) } : undefined;
    const req: ReadRequest = {
      type: 'read',
      id: job.index,
      name: input.name,
      bytes,
      converted,
      receivedOn: input.receivedOn,
      receivedFrom: input.receivedFrom,
    };
    const transfer = [bytes.buffer as ArrayBuffer];
    if (converted && converted.bytes.buffer !== bytes.buffer) transfer.push(converted.bytes.buffer as ArrayBuffer);
    slot.worker.postMessage(req, transfer);
    job.posted = true;
    if (slot.queue[0] === job && slot.ready) this.arm(slot);
  }

  /** Starts the timeout of the job the worker is reading now. */
  private arm(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    const head = slot.queue[0];
    // a file still waiting to be loaded (a LibreOffice conversion behind many others) is not being read yet: its
    // budget starts when it is handed over (send)
    if (!head?.posted || slot.dead) return;
    slot.timer = setTimeout(() => {
      void slot.worker.terminate();
      this.onDeath(slot, `đọc quá ${Math.round(this.timeoutMs / 1000)} giây`, 'file.timeout');
    }, this.timeoutMs);
    slot.timer.unref();
  }

  private onMessage(slot: Slot, msg: unknown): void {
    const parsed = decodeWorkerReply(msg); // the compact Submission of wire.ts, checked as it is decoded
    if (!parsed.success) {
      this.fail(new Error(`Luồng đọc trả về dữ liệu không hợp lệ: ${parsed.error.message.slice(0, 200)}`));
      return;
    }
    const reply = parsed.data;
    if (reply.type === 'ready') {
      slot.ready = true;
      this.arm(slot); // the budget counts from when the worker can read, not from its start-up
      return;
    }
    const pos = slot.queue.findIndex((j) => j.index === reply.id);
    if (pos < 0) return;
    const [job] = slot.queue.splice(pos, 1);
    this.crashesInARow = 0;
    if (reply.type === 'done') {
      this.complete(job.index, reply.submission as Submission, job.name || reply.submission.file);
    } else {
      // readSubmission never throws; if it ever does, the file is rejected with the message
      void this.abandon(job, 'file.unreadable', `Không đọc được tệp (${reply.message}).`);
    }
    this.arm(slot);
    this.fill(slot);
    this.checkFinished();
  }

  private onDeath(slot: Slot, why: string, code = 'file.crashed'): void {
    if (slot.dead) return;
    slot.dead = true;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    // a worker that died before it was ready did not die of a file: every queued file is read again
    const [culprit, ...others] = slot.ready ? slot.queue : [undefined, ...slot.queue];
    slot.queue = [];
    // the files waiting behind the culprit are read again by another worker
    for (const j of others.reverse()) if (j) this.retry.unshift(j.index);
    this.slots.splice(this.slots.indexOf(slot), 1);
    if (culprit) {
      this.crashesInARow++;
      void this.abandon(
        culprit,
        code,
        `Tệp làm dừng trình đọc (${why}); tệp có thể hỏng hoặc quá lớn. Hãy mở bằng Excel, lưu lại rồi gửi lại.`,
      );
    } else if (!slot.ready) {
      this.failedStarts++;
    }
    if (this.settled || this.inThisThread) return;
    // workers cannot start, or file after file kills them: the remaining files are read in this thread
    const giveUp = this.failedStarts >= 2 || this.crashesInARow > 3 * this.opts.workers;
    if (!giveUp) this.slots.push(this.spawn());
    if (this.slots.length === 0) {
      this.inThisThread = true;
      void this.finishInThisThread();
      return;
    }
    this.fillAll();
  }

  private async abandon(job: Job, code: string, message: string): Promise<void> {
    try {
      const input = await this.inputAt(job.index);
      this.complete(
        job.index,
        await abandonedSubmission(
          { ...input, sha256: createHash('sha256').update(input.bytes).digest('hex') },
          this.plan,
          code,
          message,
        ),
        input.name,
      );
      this.checkFinished();
    } catch (e) {
      this.fail(e);
    }
  }

  private async finishInThisThread(): Promise<void> {
    try {
      let index: number | null;
      while ((index = this.nextIndex()) !== null) {
        const input = await this.inputAt(index);
        this.complete(index, await readSubmission(input, this.plan, this.opts.limits), input.name);
      }
      this.checkFinished();
    } catch (e) {
      this.fail(e);
    }
  }

  private complete(index: number, sub: Submission, name: string): void {
    if (this.results[index] !== undefined) return;
    this.results[index] = compactSubmission(sub, this.strings, this.opts.keepRows); // kept until the outputs are written
    this.done++;
    this.opts.progress?.(this.done, this.count, name);
  }

  private checkFinished(): void {
    if (this.settled || this.done < this.count) return;
    this.finish(this.results as Submission[]);
  }

  private shutdown(): void {
    this.settled = true;
    for (const s of this.slots) {
      s.dead = true;
      if (s.timer) clearTimeout(s.timer);
      s.worker.removeAllListeners('exit');
      s.worker.removeAllListeners('error');
      s.worker.on('error', () => {});
      void s.worker.terminate();
    }
    this.slots.length = 0;
  }
}
