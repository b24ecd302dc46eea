/**
 * `npm run bench [-- --n 1000] [--scaling] [--sizes 5000,10000] [--runs 3] [--workers N] [--out bench/results.json]`
 *
 * (a) bare ExcelJS: `new Workbook().xlsx.load(buffer)` of every file, one after another (buffers read beforehand);
 * (b) tonghop's whole job through the CLI's code path, with the pool (one worker per core) and with --workers 1;
 * (b') what-if: (b) with the bench's streaming summary writer (src/cli/writers/summary-file.ts, streamed whatever the size).
 * Each run is a fresh child process (so its peak RSS is its own, and each run starts cold like a CLI call); the
 * kinds alternate within each of `runs` rounds, so that other work on the machine hits them alike.
 * Medians. Prints the table and writes it to bench/results.json.
 */
import { fork } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultWorkerCount } from '../src/cli/reading/pool';
import { type ChildArgs, type ChildReport, childPhaseSchema, childReportSchema } from './consolidate-child';
import { BENCH_AS_OF, GENERATOR_VERSION, TASK_COUNT, benchRoot, ensureBenchSet } from './generate';
import { type PaneFigures, paneFigures } from './pane';

interface Options {
  sizes: number[];
  runs: number;
  workers: number;
  out: string;
}

function parseOptions(argv: string[]): Options {
  const results = (name: string) => path.join(__dirname, '..', '..', '..', 'bench', name);
  const opts: Options = { sizes: [1000], runs: 3, workers: defaultWorkerCount(), out: '' };
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
    else if (a === '--sizes') opts.sizes = (argv[++i] ?? '').split(',').map((x) => positive(a, x));
    else if (a === '--runs') opts.runs = num();
    else if (a === '--workers') opts.workers = num();
    else if (a === '--out') opts.out = path.resolve(argv[++i] ?? '');
    else throw new Error(`Tham số không hiểu: ${a}. Dùng: --n N, --scaling, --runs R, --workers N, --out tệp.json`);
  }
  if (scaling) opts.sizes = [100, 1000, 5000, 10_000];
  if (!opts.out) opts.out = results(scaling ? 'results-scaling.json' : 'results.json');
  return opts;
}

function positive(flag: string, x: string): number {
  const v = Number(x);
  if (!Number.isInteger(v) || v < 1) throw new Error(`${flag} cần số nguyên dương (nhận được "${x}")`);
  return v;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((x, y) => x - y);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function listFiles(dir: string): Promise<string[]> {
  return (await fs.readdir(dir))
    .filter((f) => f.endsWith('.xlsx'))
    .sort()
    .map((f) => path.join(dir, f));
}

export const HEAP_CAP_MB = 2048;

/** (b): the CLI's code path in a child process. A child that dies (out of memory …) is reported, not fatal. */
function tonghopRun(args: ChildArgs): Promise<ChildReport | { failed: string }> {
  return new Promise((resolve) => {
    // a heap cap well above the 400 MB target, so that a run that cannot fit fails in seconds rather than minutes
    const child = fork(path.join(__dirname, 'consolidate-child.js'), [JSON.stringify(args)], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      execArgv: [`--max-old-space-size=${HEAP_CAP_MB}`],
    });
    let report: ChildReport | null = null;
    let phase = '';
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
    child.on('message', (m) => {
      const p = childPhaseSchema.safeParse(m);
      if (p.success) phase = p.data.phase === 'read' ? ' khi đọc và tổng hợp' : ' khi ghi sổ tổng hợp';
      else report = childReportSchema.parse(m);
    });
    child.on('error', (e) => resolve({ failed: e.message }));
    child.on('exit', (code, signal) => {
      if (report) resolve(report);
      else {
        if (/heap out of memory/i.test(stderr))
          resolve({ failed: `hết bộ nhớ${phase} (heap JavaScript vượt ${HEAP_CAP_MB} MB)` });
        else
          resolve({
            failed: `dừng với mã ${code ?? signal}${phase}: ${stderr.trim().split('\n').slice(-3).join(' / ')}`,
          });
      }
    });
  });
}

export interface SizeResult {
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
  /** What-if: the pool with the bench's streaming summary writer (src/cli/writers/summary-file.ts, streamed whatever the size), not the CLI's writer. */
  streamMsPerFile: number | null;
  streamRatio: number | null;
  streamPeakRssMb: number | null;
  streamWriteMsPerFile: number | null;
  /** median CPU ms per file (all threads): (a), (b), (b1) */
  bareCpuMsPerFile: number;
  poolCpuMsPerFile: number | null;
  singleCpuMsPerFile: number | null;
  failures: string[];
  /** 1-minute load average of the machine when this size started and ended (other work on the 2 cores). */
  loadAverage: [number, number];
  raw: {
    bareMs: number[];
    poolMs: number[];
    singleMs: number[];
    poolReadMs: number[];
    poolWriteMs: number[];
    streamMs: number[];
    /** 1-minute load average when each run of each kind started. */
    loads: Record<string, number[]>;
  };
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const round1 = (x: number) => round(x, 1);

/** Every kind of run once per round, rounds one after another, so that a change of load hits all alike. */
async function measure(n: number, opts: Options, log: (s: string) => void): Promise<SizeResult> {
  log(`N = ${n}: chuẩn bị ${n} báo cáo trong ${benchRoot()} …`);
  const set = await ensureBenchSet(n, log);
  const count = (await listFiles(set.submissionsDir)).length;
  const outDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tonghop-bench-out-'));
  const loadStart = os.loadavg()[0];
  try {
    const args = { planPath: set.planPath, dir: set.submissionsDir, asOf: BENCH_AS_OF, runs: 1, outDir };
    const kinds = {
      bare: { ...args, workers: 1, mode: 'bare' as const },
      pool: { ...args, workers: opts.workers },
      single: { ...args, workers: 1 },
      stream: { ...args, workers: opts.workers, writer: 'stream' as const },
    };
    const labels = {
      bare: '(a) ExcelJS',
      pool: `(b) tonghop, ${opts.workers} luồng`,
      single: '(b) tonghop, 1 luồng',
      stream: "(b') ghi kiểu dòng chảy (thử nghiệm)",
    };
    type Kind = keyof typeof kinds;
    const got: Record<Kind, ChildReport[]> = { bare: [], pool: [], single: [], stream: [] };
    const loads: Record<Kind, number[]> = { bare: [], pool: [], single: [], stream: [] };
    // (b') is the CLI's own writer once the tables pass 20,000 rows (N ≥ 334): not run again above N = 1,000
    const kindsToRun = (Object.keys(kinds) as Kind[]).filter((k) => k !== 'stream' || n <= 1000);
    const failures: string[] = [];
    const failed = new Set<Kind>();
    for (let round = 1; round <= opts.runs; round++) {
      for (const kind of kindsToRun) {
        if (failed.has(kind)) continue;
        log(`N = ${n}, lần ${round}/${opts.runs}: ${labels[kind]} (tải ${os.loadavg()[0].toFixed(1)}) …`);
        loads[kind].push(round1(os.loadavg()[0]));
        const r = await tonghopRun(kinds[kind]);
        if ('failed' in r) {
          failed.add(kind);
          failures.push(`${labels[kind]}: ${r.failed}`);
          log(`  ${r.failed}`);
        } else got[kind].push(r);
      }
    }
    const ms = (k: Kind, f: (r: ChildReport['runs'][number]) => number = (r) => r.totalMs) =>
      got[k].length ? median(got[k].map((c) => f(c.runs[0]))) / count : null;
    const rss = (k: Kind) => (got[k].length ? Math.round(Math.max(...got[k].map((c) => c.maxRssMb))) : null);
    const a = ms('bare');
    if (a === null) throw new Error(`(a) ExcelJS không chạy được: ${failures.join('; ')}`);
    const b = ms('pool');
    const b1 = ms('single');
    const bs = ms('stream');
    const opt = (x: number | null, f: (v: number) => number) => (x === null ? null : f(x));
    const raw = (k: Kind, f: (r: ChildReport['runs'][number]) => number = (r) => r.totalMs) =>
      got[k].map((c) => Math.round(f(c.runs[0])));
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
      peakRssMb: rss('pool'),
      singlePeakRssMb: rss('single'),
      poolReadMsPerFile: opt(
        ms('pool', (r) => r.readMs),
        round,
      ),
      poolWriteMsPerFile: opt(
        ms('pool', (r) => r.writeMs),
        round,
      ),
      summaryMegabytes: got.pool.length ? round(got.pool[0].runs[0].summaryBytes / 1e6, 1) : null,
      streamMsPerFile: opt(bs, round),
      streamRatio: opt(bs, (v) => round(v / a)),
      streamPeakRssMb: rss('stream'),
      streamWriteMsPerFile: opt(
        ms('stream', (r) => r.writeMs),
        round,
      ),
      bareCpuMsPerFile: round(ms('bare', (r) => r.cpuMs) ?? 0),
      poolCpuMsPerFile: opt(
        ms('pool', (r) => r.cpuMs),
        round,
      ),
      singleCpuMsPerFile: opt(
        ms('single', (r) => r.cpuMs),
        round,
      ),
      failures,
      loadAverage: [round(loadStart), round(os.loadavg()[0])],
      raw: {
        bareMs: raw('bare'),
        poolMs: raw('pool'),
        singleMs: raw('single'),
        poolReadMs: raw('pool', (r) => r.readMs),
        poolWriteMs: raw('pool', (r) => r.writeMs),
        streamMs: raw('stream'),
        loads,
      },
    };
  } finally {
    await fs.rm(outDir, { recursive: true, force: true });
  }
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) =>
    `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [line(rows[0]), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.slice(1).map(line)].join('\n');
}

export function formatTables(results: SizeResult[], pane: PaneFigures, workers: number): string {
  const fx = (x: number | null, d = 2) => (x === null ? '—' : x.toFixed(d));
  const t1 = table([
    [
      'N files',
      '(a) ExcelJS ms/file',
      `(b) tonghop ms/file, ${workers} workers`,
      'b/a',
      '(b) --workers 1 ms/file',
      'b1/a',
      'files/s (b)',
      'peak RSS (b) MB',
      'peak RSS (b1) MB',
      'load 1m',
    ],
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
    [
      'N files',
      '(b) read + consolidate ms/file',
      '(b) overview + summary workbook ms/file',
      'summary .xlsx MB',
      'input MB',
      'CPU ms/file (a)',
      'CPU ms/file (b)',
      'CPU ms/file (b1)',
    ],
    ...results.map((r) => [
      String(r.files),
      fx(r.poolReadMsPerFile),
      fx(r.poolWriteMsPerFile),
      fx(r.summaryMegabytes, 1),
      r.megabytes.toFixed(1),
      r.bareCpuMsPerFile.toFixed(2),
      fx(r.poolCpuMsPerFile),
      fx(r.singleCpuMsPerFile),
    ]),
  ]);
  const t2b = table([
    [
      'N files',
      "(b') pool + streaming summary writer (prototype) ms/file",
      "b'/a",
      "(b') summary write ms/file",
      "peak RSS (b') MB",
    ],
    ...results.map((r) => [
      String(r.files),
      fx(r.streamMsPerFile),
      fx(r.streamRatio),
      fx(r.streamWriteMsPerFile),
      fx(r.streamPeakRssMb, 0),
    ]),
  ]);
  const failures = [...targetLines(results), ...results.flatMap((r) => r.failures.map((f) => `N = ${r.n}: ${f}`))];
  const na = 'chưa có';
  const kb = (x: number | null) => (x === null ? na : `${(x / 1024).toFixed(1)} KB`);
  const t3 = table([
    ['Task pane', 'value'],
    ['initial JS, modern build (WebView2, Chromium, Safari 14+), gzip (target ≤ 40 KB)', kb(pane.initialGzipBytes)],
    ['lazily loaded chunks, modern build, gzip', kb(pane.lazyGzipBytes)],
    ['initial JS, legacy build (IE11, EdgeHTML; loaded only there), gzip', kb(pane.initialLegacyGzipBytes)],
    ['lazily loaded chunks, legacy build, gzip', kb(pane.lazyLegacyGzipBytes)],
    [
      'context.sync() to write the summary of 10 files (11 agencies)',
      pane.syncs10 === null ? na : String(pane.syncs10),
    ],
    [
      'context.sync() to write the summary of 1,000 files (1,042 agencies)',
      pane.syncs1000 === null ? na : String(pane.syncs1000),
    ],
    ...paneReadingRows(pane),
  ]);
  const notes = [...failures, ...pane.notes];
  return `${t1}\n\n${t2}\n\n${t2b}\n\n${t3}${notes.length ? `\n\n${notes.map((n) => `- ${n}`).join('\n')}` : ''}`;
}

/** the pane's main thread while it reads, in the page (as before) and in its worker (bench:pane). */
function paneReadingRows(pane: PaneFigures): string[][] {
  const rows: string[][] = [];
  for (const n of [200, 1000]) {
    const at = (mode: string) => pane.longTasks?.find((x) => x.files === n && x.mode === mode);
    const page = at('page');
    const worker = at('worker');
    if (!page || !worker) continue;
    const files = n.toLocaleString('en');
    rows.push([
      `longest main-thread task reading ${files} files, page → worker (CPU ms)`,
      `${page.longestTaskCpuMs} → ${worker.longestTaskCpuMs}`,
    ]);
    rows.push([
      `main-thread CPU reading ${files} files, page → worker (ms)`,
      `${page.mainThreadCpuMs} → ${worker.mainThreadCpuMs}`,
    ]);
  }
  return rows;
}

/** The reading targets, each with the figure measured and whether it is met (printed, never asserted). */
export function targetLines(results: SizeResult[]): string[] {
  const lines: string[] = [];
  const yes = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const at = (n: number) => results.find((r) => r.n === n);
  const k = at(1000);
  if (k?.ratio != null)
    lines.push(`target b/a ≤ 1.5 at N = 1,000 (2 workers): ${k.ratio.toFixed(2)}, ${yes(k.ratio <= 1.5)}`);
  if (k?.singleRatio != null)
    lines.push(`target b1/a ≤ 2.0 at N = 1,000 (--workers 1): ${k.singleRatio.toFixed(2)}, ${yes(k.singleRatio <= 2)}`);
  for (const n of [5000, 10_000]) {
    const r = at(n);
    if (r?.peakRssMb != null)
      lines.push(
        `target peak RSS ≤ 400 MB at N = ${n}: ${r.peakRssMb} MB (2 workers), ${r.singlePeakRssMb ?? '—'} MB (1); ${yes(r.peakRssMb <= 400 && (r.singlePeakRssMb ?? 0) <= 400)}`,
      );
  }
  const big = at(10_000);
  if (big?.poolMsPerFile != null) {
    const sec = (big.poolMsPerFile * big.files) / 1000;
    lines.push(`target 10,000 files under 60 s (2 workers): ${sec.toFixed(1)} s, ${yes(sec < 60)}`);
  }
  for (const [label, f] of [
    ['(b)', (r: SizeResult) => r.poolMsPerFile],
    ['(b1)', (r: SizeResult) => r.singleMsPerFile],
  ] as const) {
    const xs = results
      .filter((r) => r.n >= 1000)
      .map(f)
      .filter((x): x is number => x !== null);
    if (xs.length >= 2) {
      const spread = (Math.max(...xs) - Math.min(...xs)) / Math.min(...xs);
      lines.push(
        `target ms/file flat within 15 % from N = 1,000 ${label}: spread ${(spread * 100).toFixed(0)} %, ${yes(spread <= 0.15)}`,
      );
    }
  }
  return [...lines, ...flatTargetLines(results)];
}

/**
 * The later targets: the whole job at or under bare ExcelJS's time, 10,000 files in under 25 s, and a peak RSS that
 * stays under 300 MB and grows from 1,000 to 10,000 files by no more than the summary the job writes.
 */
export function flatTargetLines(results: SizeResult[]): string[] {
  const lines: string[] = [];
  const yes = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const at = (n: number) => results.find((r) => r.n === n);
  const k = at(1000);
  if (k?.ratio != null)
    lines.push(`target b/a ≤ 1.0 at N = 1,000 (2 workers): ${k.ratio.toFixed(2)}, ${yes(k.ratio <= 1)}`);
  if (k?.singleRatio != null)
    lines.push(
      `target b1/a ≤ 1.2 at N = 1,000 (--workers 1): ${k.singleRatio.toFixed(2)}, ${yes(k.singleRatio <= 1.2)}`,
    );
  for (const n of [5000, 10_000]) {
    const r = at(n);
    if (r?.peakRssMb != null || r?.singlePeakRssMb != null) {
      const both = [r.peakRssMb, r.singlePeakRssMb];
      const ok = both.every((x) => x !== null && x <= 300);
      lines.push(
        `target peak RSS ≤ 300 MB at N = ${n}: ${r.peakRssMb ?? '—'} MB (2 workers), ${r.singlePeakRssMb ?? '—'} MB (1); ${yes(ok)}`,
      );
    }
  }
  const big = at(10_000);
  if (big?.poolMsPerFile != null) {
    const sec = (big.poolMsPerFile * big.files) / 1000;
    lines.push(`target 10,000 files under 25 s (2 workers): ${sec.toFixed(1)} s, ${yes(sec < 25)}`);
  }
  if (k && big?.summaryMegabytes != null)
    for (const [label, from, to] of [
      ['2 workers', k.peakRssMb, big.peakRssMb],
      ['--workers 1', k.singlePeakRssMb, big.singlePeakRssMb],
    ] as const) {
      if (from === null || to === null) continue;
      const growth = to - from;
      const output = big.summaryMegabytes;
      lines.push(
        `target peak RSS growth from N = 1,000 to 10,000 ≤ the summary written (${output.toFixed(1)} MB), ${label}: ${growth} MB, ${yes(growth <= output)}`,
      );
    }
  return lines;
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
  log(
    `tonghop bench: ${m.cores} nhân (${m.cpu}), Node ${m.node}; ${opts.runs} lần mỗi phép đo; N = ${opts.sizes.join(', ')}`,
  );
  const started = Date.now();
  const results: SizeResult[] = [];
  for (const n of opts.sizes) results.push(await measure(n, opts, log));
  log('Task pane …');
  const pane = await paneFigures(log, opts.workers);
  const text = formatTables(results, pane, opts.workers);
  console.log(`\n${text}\n`);
  const json = {
    date: new Date().toISOString(),
    machine: m,
    loadAverage1m: { before: round(loadBefore), after: round(os.loadavg()[0]) },
    generator: { version: GENERATOR_VERSION, tasks: TASK_COUNT, columns: 8 },
    runs: opts.runs,
    workers: opts.workers,
    childHeapCapMb: HEAP_CAP_MB,
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
