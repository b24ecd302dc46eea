/**
 * The pane's reading worker (a dedicated Web Worker, its own ES5 chunk with the pane's polyfills): gets the plan,
 * then reads the files it is sent, one after another, with the core's readSubmission (readWorkbookGrid for the
 * intake log), and posts each plain result back. Excel's UI and the pane never wait on parsing. See read-client.ts.
 */
import '../compat/polyfills';
import '../compat/zod-jitless';
import { type Plan, readSubmission, readWorkbookGrid, vietnamDay } from '../../core';
import { fileTime } from '../compat/file-time';
import { type FromWorker, toWorkerSchema } from './read-messages';

interface WorkerScope {
  postMessage(message: FromWorker): void;
  addEventListener(type: 'message', listener: (ev: MessageEvent) => void): void;
}
const scope = self as unknown as WorkerScope;

let plan: Plan | null = null;
let chain: Promise<void> = Promise.resolve();

async function handle(data: unknown): Promise<void> {
  const msg = toWorkerSchema.parse(data);
  if (msg.type === 'plan') {
    plan = msg.plan as Plan;
    scope.postMessage({ type: 'ready' });
    return;
  }
  try {
    if (msg.type === 'grid') {
      scope.postMessage({ type: 'grid', id: msg.id, grid: await readWorkbookGrid(msg.bytes) });
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
