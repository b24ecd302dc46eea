/**
 * `npm run bench:limits`: what refusing the hostile fixtures costs (these figures moved out of
 * test/hostile/limits.test.ts, where they were asserted). The zip bombs (42.zip-style, lying sizes) and the
 * "mimetype" bomb are read the way the CLI reads a submission; the time (median of `--runs`, default 5) and the
 * extra memory are printed next to the figures the tests used to assert, and written to bench/results-limits.json.
 * Printed and compared, never asserted: on a shared machine they vary with the load, which is printed with them.
 */
import { readFileSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type Plan, detectFileFormat, readSubmission } from '../src/core';
import { buildSample } from '../src/sample/sample';
import { machine } from './bench';

const ROOT = path.join(__dirname, '..', '..', '..');
const HOSTILE = path.join(ROOT, 'test', 'fixtures', 'hostile');
const MB = 1024 * 1024;

interface Row {
  what: string;
  figure: string;
  measured: number;
  budget: number;
  unit: string;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Time and extra memory of one refusal (RSS sampled every 5 ms, as the test did). */
async function refusal(name: string, plan: Plan) {
  const bytes = new Uint8Array(readFileSync(path.join(HOSTILE, name)));
  global.gc?.();
  const before = process.memoryUsage();
  let peak = before.rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const t0 = performance.now();
  const sub = await readSubmission({ name, bytes, receivedOn: '2024-07-01', receivedFrom: 'file-date' }, plan);
  const ms = performance.now() - t0;
  clearInterval(timer);
  const after = process.memoryUsage();
  peak = Math.max(peak, after.rss);
  return {
    ms,
    code: sub.findings[0]?.code ?? '',
    extraRssMb: (peak - before.rss) / MB,
    extraHeapMb: (after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / MB,
  };
}

async function main(): Promise<void> {
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg > 0 ? Math.max(1, Number(process.argv[runsArg + 1]) || 5) : 5;
  const plan = (await buildSample('soc-trang')).plan;
  const load = [os.loadavg()[0]];
  const rows: Row[] = [];
  for (const name of ['bomb-42-overlapping.xlsx', 'bomb-lying-size.xlsx']) {
    const got = [];
    for (let r = 0; r < runs; r++) got.push(await refusal(name, plan));
    const code = got[0].code;
    rows.push({
      what: `${name} refused (${code})`,
      figure: 'time',
      measured: median(got.map((g) => g.ms)),
      budget: 1000,
      unit: 'ms',
    });
    rows.push({
      what: `${name}`,
      figure: 'extra RSS',
      measured: Math.max(...got.map((g) => g.extraRssMb)),
      budget: 100,
      unit: 'MB',
    });
    rows.push({
      what: `${name}`,
      figure: 'extra heap + buffers',
      measured: Math.max(...got.map((g) => g.extraHeapMb)),
      budget: 100,
      unit: 'MB',
    });
  }
  const mime = new Uint8Array(readFileSync(path.join(HOSTILE, 'bomb-mimetype.xlsx')));
  const detect: number[] = [];
  const whole: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    detectFileFormat(mime);
    detect.push(performance.now() - t0);
    whole.push((await refusal('bomb-mimetype.xlsx', plan)).ms);
  }
  rows.push({
    what: 'bomb-mimetype.xlsx',
    figure: 'format detection',
    measured: median(detect),
    budget: 300,
    unit: 'ms',
  });
  rows.push({
    what: 'bomb-mimetype.xlsx',
    figure: 'read and rejected',
    measured: median(whole),
    budget: 1000,
    unit: 'ms',
  });
  load.push(os.loadavg()[0]);
  const lines = [
    '| file | figure | measured | budget (was asserted in npm test) | within |',
    '| --- | --- | ---: | ---: | --- |',
    ...rows.map(
      (r) =>
        `| ${r.what} | ${r.figure} | ${r.measured.toFixed(1)} ${r.unit} | ${r.budget} ${r.unit} | ${r.measured <= r.budget ? 'yes' : 'NO'} |`,
    ),
  ];
  const text = `${lines.join('\n')}\n\nload 1m ${load[0].toFixed(1)}→${load[1].toFixed(1)}; median of ${runs} runs (memory: the largest)`;
  console.log(`\n${text}\n`);
  const out = path.join(ROOT, 'bench', 'results-limits.json');
  const json = { date: new Date().toISOString(), machine: machine(), loadAverage1m: load, runs, rows, table: text };
  await fs.writeFile(out, `${JSON.stringify(json, null, 2)}\n`);
  console.error(`Đã ghi ${out}.`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
