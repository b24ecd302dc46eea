/**
 * The reading pool (src/cli/reading/pool.ts) gives exactly the consolidation of one thread, whatever the order in which
 * files finish, and a file that kills or hangs its worker is rejected without stopping the run.
 *
 * Worker threads need compiled JavaScript, so the CLI is compiled once into build/test-pool (tsc) and the pool
 * is loaded from there; wrappers around the compiled worker shuffle the order of completion or crash on purpose.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FileInput, Plan, Submission } from '../../src/core';

type CoreModule = typeof import('../../src/core');
type PoolModule = typeof import('../../src/cli/reading/pool');
type PipelineModule = typeof import('../../src/cli/commands/pipeline');
type FilesModule = typeof import('../../src/cli/files/inputs');
type MainModule = typeof import('../../src/cli/main');

const ROOT = path.join(__dirname, '..', '..');
const OUT = path.join(ROOT, 'build', 'test-pool');

let core: CoreModule;
let pool: PoolModule;
let pipeline: PipelineModule;
let files: FilesModule;
let cli: MainModule;
let dir: string;
let plan: Plan;
let asOf: string;
let names: string[];

/**
 * A worker that answers a file after the next one whenever the next one is already waiting for it, so files finish
 * out of order (no timers: a reply is held only while a later file is queued, whose reply releases it).
 */
const SHUFFLING_WORKER = `
const { parentPort } = require('node:worker_threads');
const post = parentPort.postMessage.bind(parentPort);
let received = 0;
let answered = 0;
let held = null;
parentPort.on('message', (m) => { if (m && m.type === 'read') received++; });
parentPort.postMessage = (msg, transfer) => {
  if (!msg || (msg.type !== 'done' && msg.type !== 'failed')) return post(msg, transfer);
  answered++;
  if (held) {
    post(msg, transfer);
    post(held.msg, held.transfer);
    held = null;
  } else if (received > answered) held = { msg, transfer };
  else post(msg, transfer);
};
require('./worker.js');
`;

/** A worker that, when it comes to read them, dies on files named …CRASH…, throws on …THROW…, never ends on …HANG…. */
const CRASHING_WORKER = `
const reader = require('../../core/intake/submission-read.js');
const readSubmission = reader.readSubmission;
reader.readSubmission = (file, plan) => {
  if (file.name.includes('CRASH')) process.exit(3);
  if (file.name.includes('THROW')) {
    setTimeout(() => { throw new Error('boom'); });
    return new Promise(() => {});
  }
  if (file.name.includes('HANG')) for (;;) {}
  return readSubmission(file, plan);
};
require('./worker.js');
`;

const BROKEN_WORKER = `throw new Error('cannot start');`;

function inputs(list: { name: string; bytes: Uint8Array }[]): (i: number) => Promise<FileInput> {
  return async (i) => ({
    name: list[i].name,
    bytes: list[i].bytes.slice(),
    receivedOn: '2024-06-20',
    receivedFrom: 'file-date',
  });
}

beforeAll(async () => {
  await fs.rm(OUT, { recursive: true, force: true });
  try {
    execFileSync(
      process.execPath,
      [require.resolve('typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', OUT],
      { stdio: 'pipe' },
    );
  } catch {
    // type errors elsewhere in the tree still emit JavaScript; the checks below say whether the pool compiled
  }
  if (!existsSync(path.join(OUT, 'cli', 'reading', 'worker.js')))
    throw new Error('the CLI did not compile into build/test-pool');
  await fs.writeFile(path.join(OUT, 'cli', 'reading', 'shuffling-worker.js'), SHUFFLING_WORKER);
  await fs.writeFile(path.join(OUT, 'cli', 'reading', 'crashing-worker.js'), CRASHING_WORKER);
  await fs.writeFile(path.join(OUT, 'cli', 'reading', 'broken-worker.js'), BROKEN_WORKER);

  core = require(path.join(OUT, 'core')) as CoreModule;
  pool = require(path.join(OUT, 'cli', 'reading', 'pool')) as PoolModule;
  pipeline = require(path.join(OUT, 'cli', 'commands', 'pipeline')) as PipelineModule;
  files = require(path.join(OUT, 'cli', 'files', 'inputs')) as FilesModule;
  cli = require(path.join(OUT, 'cli', 'main')) as MainModule;

  const { buildSample } = require(path.join(OUT, 'sample', 'sample')) as typeof import('../../src/sample/sample');
  const sample = await buildSample('soc-trang');
  plan = sample.plan;
  asOf = sample.asOf;
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tonghop-pool-'));
  await fs.writeFile(path.join(dir, 'plan.xlsx'), sample.planBytes);
  await fs.mkdir(path.join(dir, 'submissions'));
  for (const f of sample.files) {
    await fs.writeFile(path.join(dir, 'submissions', f.name), f.bytes);
    await files.setFileDate(path.join(dir, 'submissions', f.name), f.receivedOn);
  }
  names = sample.files.map((f) => f.name).sort();
}, 600_000); // compiling the CLI takes minutes on a loaded machine

afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

async function consolidationJsonOf(workers: number): Promise<unknown> {
  const { consolidation } = await pipeline.runConsolidation(
    path.join(dir, 'plan.xlsx'),
    path.join(dir, 'submissions'),
    { asOf, workers },
  );
  return core.consolidationJson(consolidation);
}

describe('reading pool', () => {
  test('the CLI path with 2 and 3 workers gives the same consolidation JSON as --workers 1', async () => {
    const one = await consolidationJsonOf(1);
    expect(await consolidationJsonOf(2)).toEqual(one);
    expect(await consolidationJsonOf(3)).toEqual(one);
    // and the sample is really consolidated (not an empty run compared with another)
    expect(
      (one as { agencies: { status: string }[] }).agencies.filter((a) => a.status === 'late').length,
    ).toBeGreaterThan(3);
  });

  test('files that finish out of order are merged in the files’ order', async () => {
    const list = await Promise.all(
      names.map(async (name) => ({
        name,
        bytes: new Uint8Array(await fs.readFile(path.join(dir, 'submissions', name))),
      })),
    );
    const finished: string[] = [];
    const shuffled = await pool.readSubmissions(plan, list.length, inputs(list), {
      workers: 3,
      workerScript: path.join(OUT, 'cli', 'reading', 'shuffling-worker.js'),
      progress: (_done, _total, file) => finished.push(file),
    });
    const single = await pool.readSubmissions(plan, list.length, inputs(list), { workers: 1 });
    expect(finished).not.toEqual(names); // the order of completion really differed
    expect([...finished].sort()).toEqual(names);
    expect(shuffled.map((s) => s.file)).toEqual(names);
    expect(shuffled).toEqual(single);
    const c = (subs: Submission[]) => core.consolidationJson(core.consolidate(plan, subs, { asOf, period: null }));
    expect(c(shuffled)).toEqual(c(single));
  }, 180_000);

  test('a file that kills, throws in or hangs its worker is rejected and the other files are read', async () => {
    const good = await Promise.all(
      names.map(async (name) => ({
        name,
        bytes: new Uint8Array(await fs.readFile(path.join(dir, 'submissions', name))),
      })),
    );
    const template = good.find((f) => f.name === 'ST-HND.xlsx')!;
    const list = [
      ...good.filter((f) => f.name !== 'ST-HND.xlsx'),
      { name: 'ST-HND CRASH.xlsx', bytes: template.bytes },
      { name: 'ST-HND THROW.xlsx', bytes: template.bytes },
      { name: 'ST-HND HANG.xlsx', bytes: template.bytes },
    ].sort((a, b) => (a.name < b.name ? -1 : 1));
    const subs = await pool.readSubmissions(plan, list.length, inputs(list), {
      workers: 2,
      workerScript: path.join(OUT, 'cli', 'reading', 'crashing-worker.js'),
      fileTimeoutMs: 8000, // counted from when the worker is ready; only the HANG file reaches it
    });
    const single = await pool.readSubmissions(plan, list.length, inputs(list), { workers: 1 });
    expect(subs.map((s) => s.file)).toEqual(list.map((f) => f.name));
    subs.forEach((s, i) => {
      const name = list[i].name;
      if (!/CRASH|THROW|HANG/.test(name)) {
        expect(s).toEqual(single[i]);
        return;
      }
      expect(s.readable).toBe(false);
      expect(s.rows).toEqual([]);
      expect(s.agencyCode).toBe('ST-HND'); // recognised from the file name, as any unreadable file
      expect(s.findings).toHaveLength(1);
      expect(s.findings[0]).toMatchObject({
        severity: 'error',
        file: name,
        code: name.includes('HANG') ? 'file.timeout' : 'file.crashed',
      });
      expect(s.rejectReason).toMatch(/dừng trình đọc/);
      expect(s.sha256).toBe(single[i].sha256);
    });
  }, 180_000);

  test('with --workers 1 a file still has a time budget: one worker thread, a hanging file rejected', async () => {
    const template = new Uint8Array(await fs.readFile(path.join(dir, 'submissions', 'ST-HND.xlsx')));
    const list = [
      { name: 'ST-HND HANG.xlsx', bytes: template },
      { name: 'ST-HND.xlsx', bytes: template },
    ];
    const subs = await pool.readSubmissions(plan, list.length, inputs(list), {
      workers: 1,
      workerScript: path.join(OUT, 'cli', 'reading', 'crashing-worker.js'),
      fileTimeoutMs: 8000,
    });
    expect(subs[0]).toMatchObject({ file: 'ST-HND HANG.xlsx', readable: false, agencyCode: 'ST-HND' });
    expect(subs[0].findings).toEqual([expect.objectContaining({ code: 'file.timeout', file: 'ST-HND HANG.xlsx' })]);
    expect(subs[1]).toMatchObject({ file: 'ST-HND.xlsx', readable: true, agencyCode: 'ST-HND' });
  }, 180_000);

  test('small folders are read in this thread unless workers are asked for', () => {
    const script = path.join(OUT, 'cli', 'reading', 'worker.js');
    // numbers written by hand; the default is one worker per core, as Node counts them
    expect(pool.workerCountFor(199, undefined, script)).toBe(1);
    expect(pool.workerCountFor(200, undefined, script)).toBe(os.availableParallelism());
    expect(pool.workerCountFor(10_000, undefined, script)).toBe(os.availableParallelism());
    expect(pool.workerCountFor(1000, 64, script)).toBe(64);
    expect(pool.workerCountFor(35, 2, script)).toBe(2);
    expect(pool.workerCountFor(1, 4, script)).toBe(1);
    expect(pool.workerCountFor(3, 8, script)).toBe(3);
    expect(pool.workerCountFor(500, 2, path.join(OUT, 'cli', 'reading', 'no-such-worker.js'))).toBe(1);
  });

  test('when workers cannot start, the files are read in this thread', async () => {
    const list = await Promise.all(
      names
        .slice(0, 6)
        .map(async (name) => ({ name, bytes: new Uint8Array(await fs.readFile(path.join(dir, 'submissions', name))) })),
    );
    const subs = await pool.readSubmissions(plan, list.length, inputs(list), {
      workers: 2,
      workerScript: path.join(OUT, 'cli', 'reading', 'broken-worker.js'),
    });
    const single = await pool.readSubmissions(plan, list.length, inputs(list), { workers: 1 });
    expect(subs).toEqual(single);
  }, 180_000);

  test('consolidate --workers: same JSON file with 2 and 1, and a clear message for a bad value', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => {});
    const err: string[] = [];
    const error = jest.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
    try {
      const run = (w: string, out: string) =>
        cli.main([
          'consolidate',
          path.join(dir, 'plan.xlsx'),
          path.join(dir, 'submissions'),
          '--as-of',
          asOf,
          '--json',
          out,
          '--quiet',
          '--workers',
          w,
        ]);
      expect(await run('2', path.join(dir, 'w2.json'))).toBe(0);
      expect(await run('1', path.join(dir, 'w1.json'))).toBe(0);
      expect(await fs.readFile(path.join(dir, 'w2.json'), 'utf8')).toBe(
        await fs.readFile(path.join(dir, 'w1.json'), 'utf8'),
      );
      expect(await run('0', path.join(dir, 'w0.json'))).toBe(1);
      expect(err.join('\n')).toMatch(/--workers phải là số nguyên từ 1 đến 64 \(nhận được "0"\)/);
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  }, 180_000);
});
