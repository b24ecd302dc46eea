/**
 * Reading one received file, in the pane's reading worker when the webview can start one (read-client.ts), in
 * the page's own thread otherwise (where no worker starts): Excel's UI and the pane never wait on parsing where a
 * worker exists. The worker starts on first use and stays for later files; "Dừng đọc" stops it.
 */
import type { Plan, StoreCells, StoredIntake, Submission, WorkbookGrid } from '../../core';
import type { ReadWorker } from './read-client';
import { fileTime } from '../compat/file-time';
import { startReadWorker } from './read-worker-url';
import { type Engine, appData } from '../run';
import { type FileEntry, pane, state } from '../state';
import { nextFrame } from '../dom';

/** Settings the browser tests shorten (a file's time budget, the worker's start): never set by the pane itself. */
const knobs = (typeof window !== 'undefined' ? window : {}) as { __tonghopReadTimeoutMs?: number };

let reader: ReadWorker | null = null;
let starting: Promise<ReadWorker | null> | null = null;
/** No worker can start here (no Worker, a policy that refuses it): the page reads, for the rest of the session. */
let unavailable = false;
let workerFiles = 0;

function timing() {
  return { startMs: 60_000, fileMs: knobs.__tonghopReadTimeoutMs ?? 120_000 };
}

async function bytesOf(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

/** The reading worker, started on first use; null where none can start (the page reads then). */
export function workerFor(e: Engine, plan: Plan): Promise<ReadWorker | null> {
  if (unavailable) return Promise.resolve(null);
  if (reader && !reader.dead) return Promise.resolve(reader);
  if (!starting) {
    starting = e.ReadWorker.start(plan, timing(), startReadWorker).then((w) => {
      starting = null;
      reader = w;
      if (!w) unavailable = true;
      appData('reader', w ? 'worker' : 'page');
      return w;
    });
  }
  return starting;
}

/** Stops the worker (the files it holds are read again by the next one). */
export function stopReader(): void {
  reader?.stop();
  reader = null;
}

/** How many files may wait in the worker (the next is sent while one is read); one at a time in the page. */
export async function readsAhead(e: Engine, plan: Plan): Promise<number> {
  return (await workerFor(e, plan)) ? 2 : 1;
}

/** A received file read against `plan`; null when it must be read again (the worker stopped on another file). */
export async function readFile(e: Engine, f: FileEntry & { file: File }, plan: Plan): Promise<Submission | null> {
  const sub = await readOne(e, f, plan);
  // read from an e-mail: its origin, the sender checked against the plan, the e-mail's own remarks
  if (sub && f.email) {
    reader?.forget(sub);
    e.withEmailOrigin(sub, f.email.origin, plan);
    sub.findings.push(...f.email.findings);
  }
  return sub;
}

/** The day a file was received as far as the pane knows before reading it: typed, an e-mail's, the register's. */
function knownDay(
  e: Engine,
  f: FileEntry & { file: File },
): { known: string | null; receivedFrom: Submission['receivedFrom'] } {
  if (f.entered) return { known: f.entered, receivedFrom: 'entered' };
  if (f.email?.input.receivedOn) return { known: f.email.input.receivedOn, receivedFrom: f.email.input.receivedFrom };
  const logged = state.intakeDates.get(e.intakeKey(f.file.name));
  return logged ? { known: logged, receivedFrom: 'intake-log' } : { known: null, receivedFrom: 'file-date' };
}

async function readOne(e: Engine, f: FileEntry & { file: File }, plan: Plan): Promise<Submission | null> {
  const { known, receivedFrom } = knownDay(e, f);
  // an attachment over the size limit: refused by the engine with its size, never loaded
  if (f.email?.input.tooLarge) return e.readSubmission({ ...f.email.input, receivedOn: known, receivedFrom }, plan);
  // the file's own day when no other is known (File.lastModified waits on the browser: asked in the worker)
  const fileDay = () => e.vietnamDay(fileTime(f.file));
  const w = await workerFor(e, plan);
  const input = { name: f.file.name, bytes: await bytesOf(f.file), receivedOn: known, receivedFrom };
  if (!w) return e.readSubmission({ ...input, receivedOn: known ?? fileDay() }, plan);
  const out = await w.read(input, plan, known ? undefined : f.file);
  if (out.kind === 'done') {
    appData('worker-files', String(++workerFiles));
    return out.submission;
  }
  if (out.kind !== 'failed' && out.kind !== 'lost') return null;
  const S = pane.S;
  const whole = { ...input, bytes: await bytesOf(f.file), receivedOn: known ?? fileDay() }; // the bytes went to the worker
  if (out.kind === 'failed')
    return e.abandonedSubmission(whole, plan, 'file.unreadable', S.fileUnreadable(out.message));
  return e.abandonedSubmission(whole, plan, out.code, S.fileStoppedReader(lostWhy(out.code)));
}

function lostWhy(code: 'file.crashed' | 'file.timeout'): string {
  return code === 'file.timeout' ? pane.S.readerTimeout(Math.round(timing().fileMs / 1000)) : pane.S.readerCrashed;
}

/** A workbook as grids (the intake log), in the worker when there is one; throws when it cannot be read. */
export async function readGrid(e: Engine, file: File, plan: Plan): Promise<WorkbookGrid> {
  const w = await workerFor(e, plan);
  if (w) {
    const out = await w.grid(file.name, await bytesOf(file));
    if (out.kind === 'grid') return out.grid;
    if (out.kind === 'failed') throw new Error(out.message);
    if (out.kind === 'lost') throw new Error(pane.S.fileStoppedReader(lostWhy(out.code)));
  }
  return e.readWorkbookGrid(await bytesOf(file));
}

/**
 * The stored intake's cells: encoded in the reading worker when one is running (it holds what it read; the page's
 * thread only names the files), in the page otherwise or when the worker cannot (the same cells either way).
 */
export async function encodeIntake(e: Engine, intake: StoredIntake): Promise<StoreCells> {
  const w = reader && !reader.dead ? reader : null;
  if (w) {
    const out = await w.encode(intake);
    if (out.kind === 'encoded') return out.cells;
  }
  return e.encodeIntakeStore(intake, nextFrame); // in slices, so that the page answers meanwhile
}
