/**
 * One reading thread of the pool (pool.ts): gets the plan once, then reads the files it is sent, one after
 * another, with the core's readSubmission, and posts each Submission back in the compact form of wire.ts.
 *
 * Start-up: this thread loads only what reading needs (the reader, the model, wire.ts), not pool.ts
 * and the engine's barrel (the consolidation, the summary and template writers).
 */
import { createHash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { planSchema } from '../../core/basics/model';
import { DEFAULT_LIMITS, limitsFrom } from '../../core/intake/limits';
import { readSubmission } from '../../core/intake/submission-read';
import { type DecodedReply, encodeReply, readRequestSchema, workerDataSchema } from './wire';

function start(): void {
  const port = parentPort;
  if (!port) throw new Error('worker.ts chỉ chạy trong luồng đọc của tonghop (worker_threads).');
  const data = workerDataSchema.parse(workerData);
  const plan = planSchema.parse(data.plan);
  const limits = data.limits ? limitsFrom(data.limits) : DEFAULT_LIMITS; // the same limits as the main thread
  let chain = Promise.resolve();
  port.on('message', (msg: unknown) => {
    chain = chain.then(async () => {
      const req = readRequestSchema.parse(msg);
      let reply: DecodedReply;
      try {
        const submission = await readSubmission(
          {
            name: req.name,
            bytes: req.bytes,
            // Node's hash, synchronous: cheaper than the core's Web Crypto digest (a job on another thread)
            sha256: createHash('sha256').update(req.bytes).digest('hex'),
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
      port.postMessage(encodeReply(reply));
    });
  });
  port.postMessage(encodeReply({ type: 'ready' }));
}

start();
