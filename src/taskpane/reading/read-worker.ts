/**
 * The pane's reading worker (a dedicated Web Worker, its own ES5 chunk with the pane's polyfills): gets the plan,
 * then reads the files it is sent, one after another, with the core's readSubmission (readWorkbookGrid for the
 * intake log), and posts each plain result back. Excel's UI and the pane never wait on parsing. See read-client.ts.
 *
 * It keeps each submission it read (as the pane has it: checked by the same schema), so that the stored intake can
 * be encoded here (encodeIntakeStore: packing, JSON, deflate of megabytes at a thousand files) without the pane
 * sending the submissions back: the pane names them by the id of their reading and gives the day received.
 */
import '../compat/polyfills';
import '../compat/zod-jitless';
import {
  type IntakeFile,
  type Plan,
  type Submission,
  encodeIntakeStore,
  readSubmission,
  readWorkbookGrid,
  submissionSchema,
  vietnamDay,
} from '../../core';
import { fileTime } from '../compat/file-time';
import { type FromWorker, type ToWorker, toWorkerSchema } from './read-messages';

interface WorkerScope {
  postMessage(message: FromWorker): void;
  addEventListener(type: 'message', listener: (ev: MessageEvent) => void): void;
}
const scope = self as unknown as WorkerScope;

let plan: Plan | null = null;
let chain: Promise<void> = Promise.resolve();
/** The submissions read against the plan in use, by the id of their reading. */
let held = new Map<number, Submission>();

/**
 * The stored intake's cells. What the message carries was checked; its own objects are encoded (not zod's copies,
 * whose keys follow the schema's order) so that the text is the one the page would have made from the same list.
 */
async function encode(checked: ToWorker & { type: 'encode' }, raw: ToWorker & { type: 'encode' }) {
  const files: IntakeFile[] = raw.files.map((f, i) => {
    const at = checked.files[i].at;
    let submission: Submission;
    if ('held' in at) {
      const kept = held.get(at.held);
      if (!kept) throw new Error('held');
      submission = { ...kept, receivedOn: at.receivedOn, receivedFrom: at.receivedFrom };
    } else submission = (f.at as { submission: Submission }).submission;
    return {
      submission,
      modified: f.modified,
      entered: f.entered,
      ...(f.fromEmail !== undefined ? { fromEmail: f.fromEmail } : {}),
    };
  });
  const log = raw.log;
  return encodeIntakeStore({
    plan: raw.plan as Plan,
    files,
    log: log && { ...log, dates: new Map(log.dates) },
  });
}

async function handle(data: unknown): Promise<void> {
  const msg = toWorkerSchema.parse(data);
  if (msg.type === 'plan') {
    plan = msg.plan as Plan;
    held = new Map();
    scope.postMessage({ type: 'ready' });
    return;
  }
  try {
    if (msg.type === 'grid') {
      scope.postMessage({ type: 'grid', id: msg.id, grid: await readWorkbookGrid(msg.bytes) });
      return;
    }
    if (msg.type === 'encode') {
      const cells = await encode(msg, data as ToWorker & { type: 'encode' });
      scope.postMessage({ type: 'encoded', id: msg.id, cells });
      return;
    }
    if (!plan) throw new Error('plan');
    const submission = await readSubmission(
      {
        name: msg.name,
        bytes: msg.bytes,
        receivedOn: msg.receivedOn ?? (msg.stamp ? vietnamDay(fileTime(msg.stamp)) : null),
        receivedFrom: msg.receivedFrom,
      },
      plan,
    );
    scope.postMessage({ type: 'done', id: msg.id, submission });
    // kept as the pane keeps it: the copy its check of the reply makes (the schema's keys, in its order)
    held.set(msg.id, submissionSchema.parse(submission) as Submission);
  } catch (e) {
    scope.postMessage({ type: 'failed', id: msg.id, message: e instanceof Error ? e.message : String(e) });
  }
}

// one file at a time, in the order sent: the pane knows which file a crash belongs to
scope.addEventListener('message', (ev) => {
  chain = chain
    .then(() => handle(ev.data))
    .catch((e: unknown) => {
      // a message not as agreed: the worker fails loudly (the pane replaces it) rather than reading on
      setTimeout(() => {
        throw e;
      }, 0);
    });
});
