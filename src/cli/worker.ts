/**
 * One reading thread of the pool (pool.ts): gets the plan once, then reads the files it is sent, one after
 * another, with the core's readSubmission, and posts each plain Submission back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type Submission, planSchema } from '../core/basics/model';
import { DEFAULT_LIMITS, limitsFrom } from '../core/intake/limits';
import { readSubmission } from '../core/intake/submission-read';
import { type WorkerReply, readRequestSchema, workerDataSchema } from './pool';

function start(): void {
  const port = parentPort;
  if (!port) throw new Error('worker.ts chỉ chạy trong luồng đọc của tonghop (worker_threads).');
  const data = workerDataSchema.parse(workerData);
  const plan = planSchema.parse(data.plan);
  const limits = data.limits ? limitsFrom(data.limits) : DEFAULT_LIMITS; // issue 9: the same limits as the main thread
  let chain = Promise.resolve();
  port.on('message', (msg: unknown) => {
    chain = chain.then(async () => {
      const req = readRequestSchema.parse(msg);
      let reply: WorkerReply;
      try {
        const submission: Submission = await readSubmission(
          {
            name: req.name,
            bytes: req.bytes,
            converted: req.converted,
            receivedOn: req.receivedOn,
            receivedFrom: req.receivedFrom,
          },
          plan,
          limits,
        );
        reply = { type: 'done', id: req.id, submission };
      } catch (e) {
        reply = { type: 'failed', id: req.id, message: e instanceof Error ? e.message : String(e) };
      }
      port.postMessage(reply);
    });
  });
  port.postMessage({ type: 'ready' } satisfies WorkerReply);
}

start();
