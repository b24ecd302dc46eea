/**
 * `npm run bench [-- --n 1000] [--scaling] [--runs 3] [--workers N] [--out bench/results.json]`
 *
 * (a) bare ExcelJS: `new Workbook().xlsx.load(buffer)` of every file, one after another (buffers read beforehand);
 * (b) tonghop's whole job through the CLI's code path, with the pool (one worker per core) and with --workers 1,
 *     each in a child process (so its peak RSS is its own).
 * Each is timed `runs` times; the table shows medians. Prints the table and writes it to bench/results.json.
 */
import { fork } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { defaultWorkerCount } from '../src/cli/pool';
import { type ChildArgs, type ChildReport, childReportSchema } from './consolidate-child';
import { BENCH_AS_OF, GENERATOR_VERSION, TASK_COUNT, benchRoot, ensureBenchSet } from './generate';
import { type PaneFigures, paneFigures } from './pane';

interface Options {
  sizes: number[];
  runs: number;
  workers: number;
  out: string;
}

function parseOptions(argv: string[]): Options {
  const opts: Options = { sizes: [1000], runs: 3, workers: defaultWorkerCount(), out: path.join(__dirname, '..', '..', '..', 'bench', 'results.json') };
  let scaling = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = () => {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 1) throw new Error(`${a} cần một số nguyên dương`);
      return v;
    };
    if (a === '--n') opts.sizes = [num()];
    else if (a === '--scaling') scaling = true;
    else if (a === '--runs') opts.runs = num();
    else if (a === '--workers') opts.workers = num();
    else if (a === '--out') opts.out = path.resolve(argv[++i] ?? '');
    else throw new Error(`Tham số không hiểu: ${a}. Dùng: --n N, --scaling, --runs R, --workers N, --out tệp.json`);
  }
  if (scaling) opts.sizes = [100, 1000, 5000];
  return opts;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((x, y) => x - y);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function listFiles(dir: string): Promise<string[]> {
  return (await fs.readdir(dir)).filter((f) => f.endsWith('.xlsx')).sort().map((f) => path.join(dir, f));
}

/** (a): bare ExcelJS on buffers already in memory. */
async function bareExcelJs(buffers: Buffer[], runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    for (const b of buffers) await new ExcelJS.Workbook().xlsx.load(b as unknown as ArrayBuffer);
    times.push(performance.now() - t0);
  }
  return times;
}

/** (b): the CLI's code path in a child process. A child that dies (out of memory …) is reported, not fatal. */
function tonghopRun(args: ChildArgs): Promise<ChildReport | { failed: string }> {
  return new Promise((resolve) => {
    const child = fork(path.join(__dirname, 'consolidate-child.js'), [JSON.stringify(args)], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let report: ChildReport | null = null;
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
    child.on('message', (m) => {
      report = childReportSchema.parse(m);
    });
    child.on('error', (e) => resolve({ failed: e.message }));
    child.on('exit', (code, signal) => {
      if (report) resolve(report);
      else {
        const why = /heap out of memory/i.test(stderr) ? 'hết bộ nhớ (heap out of memory)' : `dừng với mã ${code ?? signal}`;
        resolve({ failed: `tiến trình đo (b) ${why}: ${stderr.trim().split('\n').slice(-3).join(' / ')}` });
      }
    });
  });
}

interface SizeResult {
  n: number;
  files: number;
  megabytes: number;
  generatedSeconds: number | null;
  /** median ms per file; null when the run did not finish (see failures) */
  bareMsPerFile: number;
  poolMsPerFile: number | null;
  singleMsPerFile: number | null;
  /** b/a with the pool, and with --workers 1 */
  ratio: number | null;
  singleRatio: number | null;
  filesPerSecond: number | null;
  singleFilesPerSecond: number | null;
  peakRssMb: number | null;
  singlePeakRssMb: number | null;
  /** median split of (b) with the pool: read + consolidate, then overview + summary workbook */
  poolReadMsPerFile: number | null;
  poolWriteMsPerFile: number | null;
  summaryMegabytes: number | null;
  /** What-if: the pool with the bench's streaming summary writer (bench/stream-summary.ts), not the CLI's writer. */
  streamMsPerFile: number | null;
  streamRatio: number | null;
  streamPeakRssMb: number | null;
  streamWriteMsPerFile: number | null;
  failures: string[];
  /** 1-minute load average of the machine when this size started and ended (other work on the 2 cores). */
  loadAverage: [number, number];
  raw: { bareMs: number[]; poolMs: number[]; singleMs: number[]; poolReadMs: number[]; poolWriteMs: number[]; streamMs: number[] };
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

async function measure(n: number, opts: Options, log: (s: string) => void): Promise<SizeResult> {
  log(`N = ${n}: chuẩn bị ${n} báo cáo trong ${benchRoot()} …`);
  const set = await ensureBenchSet(n, log);
  const files = await listFiles(set.submissionsDir);
  const count = files.length;
  const outDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tonghop-bench-out-'));
  const loadStart = os.loadavg()[0];
  try {
    const args = { planPath: set.planPath, dir: set.submissionsDir, asOf: BENCH_AS_OF, runs: opts.runs, outDir };
    log(`N = ${n}: (b) tonghop, ${opts.workers} luồng …`);
    const poolRun = await tonghopRun({ ...args, workers: opts.workers });
    log(`N = ${n}: (b) tonghop, 1 luồng …`);
    const singleRun = await tonghopRun({ ...args, workers: 1 });
    log(`N = ${n}: (b′) tonghop, ${opts.workers} luồng, ghi sổ tổng hợp kiểu dòng chảy (thử nghiệm) …`);
    const streamRun = await tonghopRun({ ...args, workers: opts.workers, writer: 'stream' });
    log(`N = ${n}: (a) ExcelJS …`);
    let buffers: Buffer[] = await Promise.all(files.map((f) => fs.readFile(f)));
    const bare = await bareExcelJs(buffers, opts.runs);
    buffers = [];
    const pool = 'failed' in poolRun ? null : poolRun;
    const single = 'failed' in singleRun ? null : singleRun;
    const stream = 'failed' in streamRun ? null : streamRun;
    const failures = [poolRun, singleRun, streamRun].flatMap((r) => ('failed' in r ? [r.failed] : []));
    for (const f of failures) log(`  ${f}`);
    const a = median(bare) / count;
    const b = pool ? median(pool.runs.map((r) => r.totalMs)) / count : null;
    const b1 = single ? median(single.runs.map((r) => r.totalMs)) / count : null;
    const bs = stream ? median(stream.runs.map((r) => r.totalMs)) / count : null;
    const opt = (x: number | null, f: (v: number) => number) => (x === null ? null : f(x));
    return {
      n,
      files: count,
      megabytes: round(set.bytes / 1e6, 1),
      generatedSeconds: set.generatedMs === null ? null : round(set.generatedMs / 1000, 1),
      bareMsPerFile: round(a),
      poolMsPerFile: opt(b, round),
      singleMsPerFile: opt(b1, round),
      ratio: opt(b, (v) => round(v / a)),
      singleRatio: opt(b1, (v) => round(v / a)),
      filesPerSecond: opt(b, (v) => Math.round(1000 / v)),
      singleFilesPerSecond: opt(b1, (v) => Math.round(1000 / v)),
      peakRssMb: pool ? Math.round(pool.maxRssMb) : null,
      singlePeakRssMb: single ? Math.round(single.maxRssMb) : null,
      poolReadMsPerFile: pool ? round(median(pool.runs.map((r) => r.readMs)) / count) : null,
      poolWriteMsPerFile: pool ? round(median(pool.runs.map((r) => r.writeMs)) / count) : null,
      summaryMegabytes: pool ? round(pool.runs[0].summaryBytes / 1e6, 1) : null,
      streamMsPerFile: opt(bs, round),
      streamRatio: opt(bs, (v) => round(v / a)),
      streamPeakRssMb: stream ? Math.round(stream.maxRssMb) : null,
      streamWriteMsPerFile: stream ? round(median(stream.runs.map((r) => r.writeMs)) / count) : null,
      failures,
      loadAverage: [round(loadStart), round(os.loadavg()[0])],
      raw: {
        bareMs: bare.map((x) => Math.round(x)),
        poolMs: pool ? pool.runs.map((r) => Math.round(r.totalMs)) : [],
        singleMs: single ? single.runs.map((r) => Math.round(r.totalMs)) : [],
        poolReadMs: pool ? pool.runs.map((r) => Math.round(r.readMs)) : [],
        poolWriteMs: pool ? pool.runs.map((r) => Math.round(r.writeMs)) : [],
        streamMs: stream ? stream.runs.map((r) => Math.round(r.totalMs)) : [],
      },
    };
  } finally {
    await fs.rm(outDir, { recursive: true, force: true });
  }
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [line(rows[0]), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.slice(1).map(line)].join('\n');
}

export function formatTables(results: SizeResult[], pane: PaneFigures, workers: number): string {
  const fx = (x: number | null, d = 2) => (x === null ? '—' : x.toFixed(d));
  const t1 = table([
    ['N files', '(a) ExcelJS ms/file', `(b) tonghop ms/file, ${workers} workers`, 'b/a', '(b) --workers 1 ms/file', 'b1/a', 'files/s (b)', 'peak RSS (b) MB', 'peak RSS (b1) MB', 'load 1m'],
    ...results.map((r) => [
      String(r.files),
      r.bareMsPerFile.toFixed(2),
      fx(r.poolMsPerFile),
      fx(r.ratio),
      fx(r.singleMsPerFile),
      fx(r.singleRatio),
      fx(r.filesPerSecond, 0),
      fx(r.peakRssMb, 0),
      fx(r.singlePeakRssMb, 0),
      `${r.loadAverage[0].toFixed(1)}→${r.loadAverage[1].toFixed(1)}`,
    ]),
  ]);
  const t2 = table([
    ['N files', '(b) read + consolidate ms/file', '(b) overview + summary workbook ms/file', 'summary .xlsx MB', 'input MB'],
    ...results.map((r) => [String(r.files), fx(r.poolReadMsPerFile), fx(r.poolWriteMsPerFile), fx(r.summaryMegabytes, 1), r.megabytes.toFixed(1)]),
  ]);
  const t2b = table([
    ['N files', "(b') pool + streaming summary writer (prototype) ms/file", "b'/a", "(b') summary write ms/file", "peak RSS (b') MB"],
    ...results.map((r) => [String(r.files), fx(r.streamMsPerFile), fx(r.streamRatio), fx(r.streamWriteMsPerFile), fx(r.streamPeakRssMb, 0)]),
  ]);
  const failures = results.flatMap((r) => r.failures.map((f) => `N = ${r.n}: ${f}`));
  const na = 'chưa có';
  const kb = (x: number | null) => (x === null ? na : `${(x / 1024).toFixed(1)} KB`);
  const t3 = table([
    ['Task pane', 'value'],
    ['initial JS of taskpane.html, gzip', kb(pane.initialGzipBytes)],
    ['lazily loaded chunks, gzip', kb(pane.lazyGzipBytes)],
    ['context.sync() to write the summary, 10 agencies', pane.syncs10 === null ? na : String(pane.syncs10)],
    ['context.sync() to write the summary, 1,000 agencies', pane.syncs1000 === null ? na : String(pane.syncs1000)],
  ]);
  const notes = [...failures, ...pane.notes];
  return `${t1}\n\n${t2}\n\n${t2b}\n\n${t3}${notes.length ? `\n\n${notes.map((n) => `- ${n}`).join('\n')}` : ''}`;
}

export function machine() {
  const cpus = os.cpus();
  return {
    cores: typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length,
    cpu: cpus[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const m = machine();
  const loadBefore = os.loadavg()[0];
  log(`tonghop bench: ${m.cores} nhân (${m.cpu}), Node ${m.node}; ${opts.runs} lần mỗi phép đo; N = ${opts.sizes.join(', ')}`);
  const started = Date.now();
  const results: SizeResult[] = [];
  for (const n of opts.sizes) results.push(await measure(n, opts, log));
  log('Task pane …');
  const pane = await paneFigures(log);
  const text = formatTables(results, pane, opts.workers);
  console.log(`\n${text}\n`);
  const json = {
    date: new Date().toISOString(),
    machine: m,
    loadAverage1m: { before: round(loadBefore), after: round(os.loadavg()[0]) },
    generator: { version: GENERATOR_VERSION, tasks: TASK_COUNT, columns: 8 },
    runs: opts.runs,
    workers: opts.workers,
    seconds: Math.round((Date.now() - started) / 1000),
    sizes: results,
    pane,
    table: text,
  };
  await fs.mkdir(path.dirname(opts.out), { recursive: true });
  await fs.writeFile(opts.out, `${JSON.stringify(json, null, 2)}\n`);
  log(`Đã ghi ${opts.out} (${json.seconds} giây).`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  });
}
