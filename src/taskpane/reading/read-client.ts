/**
 * The pane's side of its reading worker (read-worker.ts), loaded with the engine: one worker reads the files one
 * after another; the pane sends the plan once (again when it changes) and each file's bytes, transferred, not
 * copied. Each reply is checked with zod before use.
 *
 * A file that crashes the worker (an error it did not catch, a reply not as agreed) or is still not read after
 * the time budget is reported as lost ('file.crashed' / 'file.timeout', as the CLI's pool says): the worker is
 * stopped, the files queued behind it come back as 'again' to be sent to a new worker. If the worker cannot start
 * (no Worker, a policy or a webview that refuses it, a script that does not load), `start` gives null and the pane
 * reads in its own thread as before.
 */
import type { FileInput, Plan, StoreCells, StoredIntake, Submission, WorkbookGrid } from '../../core';
import { plainLog } from '../../core';
import { type FromWorker, type IntakeFileMessage, type ToWorker, fromWorkerSchema } from './read-messages';

export type LostCode = 'file.crashed' | 'file.timeout';

export type ReadOutcome =
  | { kind: 'done'; submission: Submission }
  | { kind: 'grid'; grid: WorkbookGrid }
  | { kind: 'encoded'; cells: StoreCells }
  /** the engine threw (readSubmission never should; readWorkbookGrid does for a file that is not a workbook) */
  | { kind: 'failed'; message: string }
  /** this file stopped the worker */
  | { kind: 'lost'; code: LostCode }
  /** the worker stopped on another file or was stopped: send this file again */
  | { kind: 'again' };

export interface ReaderTiming {
  /** How long the worker may take to load and take the plan before the pane reads in its own thread. */
  startMs: number;
  /** How long one file may take once the worker is on it. */
  fileMs: number;
}

interface Job {
  id: number;
  settle: (o: ReadOutcome) => void;
}

export class ReadWorker {
  private readonly jobs: Job[] = [];
  private plan: Plan | null = null;
  private nextId = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private ready = false;
  private onStart: ((ok: boolean) => void) | null = null;
  dead = false;
  /** Replies received (for the pane's data-worker-replies: the tests see that the worker read). */
  replies = 0;
  /** The submissions this worker read and keeps, as the pane got them, by the id of their reading. */
  private held = new WeakMap<Submission, number>();

  private constructor(
    private readonly worker: Worker,
    private readonly timing: ReaderTiming,
  ) {
    worker.onmessage = (ev) => this.onMessage(ev.data);
    worker.onerror = (ev) => {
      ev.preventDefault?.();
      this.fail('file.crashed');
    };
    worker.onmessageerror = () => this.fail('file.crashed');
  }

  /**
   * A worker holding `plan`, or null where none can start. `spawn` is read-worker-url.ts's startReadWorker, given
   * by the page (the engine chunk stays loadable without webpack, as the unit tests load it).
   */
  static start(plan: Plan, timing: ReaderTiming, spawn: () => Worker): Promise<ReadWorker | null> {
    let worker: Worker;
    try {
      if (typeof Worker === 'undefined') return Promise.resolve(null);
      worker = spawn();
    } catch {
      return Promise.resolve(null);
    }
    const rw = new ReadWorker(worker, timing);
    return new Promise((resolve) => {
      const timer = setTimeout(() => rw.onStart?.(false), timing.startMs);
      rw.onStart = (ok) => {
        clearTimeout(timer);
        rw.onStart = null;
        if (!ok) rw.stop();
        resolve(ok ? rw : null);
      };
      try {
        rw.sendPlan(plan);
      } catch {
        rw.onStart(false);
      }
    });
  }

  /**
   * Reads a submission; the bytes are transferred to the worker (unusable here afterwards). `stamp`: the file,
   * whose modification day the worker takes as the received date (input.receivedOn is then null).
   */
  read(input: FileInput, plan: Plan, stamp?: File): Promise<ReadOutcome> {
    if (this.plan !== plan) this.sendPlan(plan);
    return this.job((id) => ({
      type: 'read',
      id,
      name: input.name,
      bytes: input.bytes,
      receivedOn: input.receivedOn,
      receivedFrom: input.receivedFrom,
      stamp,
    }));
  }

  /** Reads a workbook as grids (the intake log). */
  grid(name: string, bytes: Uint8Array): Promise<ReadOutcome> {
    return this.job((id) => ({ type: 'grid', id, name, bytes }));
  }

  /** A submission changed here beyond its received day (an e-mail's origin): the worker's copy is not used. */
  forget(sub: Submission): void {
    this.held.delete(sub);
  }

  /**
   * The stored intake's cells, encoded in the worker: the submissions it holds named by their reading's id, the
   * others sent whole. `intake.plan` must be the plan the files were read against.
   */
  encode(intake: StoredIntake): Promise<ReadOutcome> {
    const files = intake.files.map((f): IntakeFileMessage => {
      const s = f.submission;
      const held = this.plan === intake.plan ? this.held.get(s) : undefined;
      return {
        at: held !== undefined ? { held, receivedOn: s.receivedOn, receivedFrom: s.receivedFrom } : { submission: s },
        modified: f.modified,
        entered: f.entered,
        ...(f.fromEmail !== undefined ? { fromEmail: f.fromEmail } : {}),
      };
    });
    return this.job((id) => ({ type: 'encode', id, plan: intake.plan, files, log: plainLog(intake.log) }));
  }

  /** Stops the worker; files in its queue come back as 'again'. */
  stop(): void {
    this.end(null);
  }

  private sendPlan(plan: Plan): void {
    this.plan = plan;
    this.held = new WeakMap(); // the worker forgets what it read against another plan
    this.worker.postMessage({ type: 'plan', plan } satisfies ToWorker);
  }

  private job(message: (id: number) => ToWorker): Promise<ReadOutcome> {
    if (this.dead) return Promise.resolve({ kind: 'again' });
    const id = this.nextId++;
    const msg = message(id);
    return new Promise((settle) => {
      this.jobs.push({ id, settle });
      try {
        if ('bytes' in msg) this.worker.postMessage(msg, [msg.bytes.buffer as ArrayBuffer]);
        else this.worker.postMessage(msg);
      } catch {
        this.fail('file.crashed');
      }
      this.arm();
    });
  }

  private onMessage(data: unknown): void {
    this.replies++;
    const parsed = fromWorkerSchema.safeParse(data);
    if (!parsed.success) return this.fail('file.crashed');
    const msg: FromWorker = parsed.data;
    if (msg.type === 'ready') {
      this.ready = true;
      this.onStart?.(true);
      this.arm();
      return;
    }
    const head = this.jobs[0];
    if (!head || head.id !== msg.id) return this.fail('file.crashed');
    this.jobs.shift();
    this.disarm();
    if (msg.type === 'done') {
      const submission = msg.submission as Submission;
      this.held.set(submission, msg.id);
      head.settle({ kind: 'done', submission });
    } else if (msg.type === 'encoded') head.settle({ kind: 'encoded', cells: msg.cells });
    else if (msg.type === 'grid') head.settle({ kind: 'grid', grid: msg.grid });
    else head.settle({ kind: 'failed', message: msg.message });
    this.arm();
  }

  /** The budget of the file the worker is on, from when the worker could start on it. */
  private arm(): void {
    if (this.timer || !this.ready || this.dead || !this.jobs.length) return;
    this.timer = setTimeout(() => this.fail('file.timeout'), this.timing.fileMs);
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** The worker stopped on the file it was reading (before it was ready: it could not start). */
  private fail(code: LostCode): void {
    if (!this.ready) {
      this.onStart?.(false);
      this.end(null);
    } else this.end(code);
  }

  private end(code: LostCode | null): void {
    if (this.dead) return;
    this.dead = true;
    this.disarm();
    this.worker.terminate();
    const [head, ...rest] = this.jobs.splice(0);
    if (head) head.settle(code ? { kind: 'lost', code } : { kind: 'again' });
    for (const j of rest) j.settle({ kind: 'again' });
  }
}
