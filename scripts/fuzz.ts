/**
 * Fuzzing the reader: seeded mutations of valid templates, the sample's submissions and the real fixtures
 * (openpyxl, LibreOffice, messy), fed to readSubmission (and plans to readPlan).
 *
 *   npm run fuzz -- --n 10000 [--seed 1] [--budget 30000] [--save /tmp/fuzz-cases] [--only 1234]
 *   npm run fuzz -- --n 20 --budget 2000 --spin-on truncate   (proof: those cases spin forever, reported as hangs)
 *
 * Mutations: byte flips, truncation, random or broken XML in sheet parts, bad shared-string indexes, huge
 * `dimension` and cell refs, missing or broken styles, duplicated parts, removed parts, hostile values; one to three
 * at a time. Invariant: no crash (readSubmission never throws, its result matches the schema), no hang (each file
 * within the time budget), every file reported exactly once (consolidating each batch lists each file once in the
 * intake log). Prints counts and timings; exit code 1 when an invariant fails.
 *
 * Each case is read in a worker thread: the deadline is kept by this thread, so a reader stuck in a
 * synchronous loop is stopped (the worker is terminated and replaced) and reported as a hang; the run goes on.
 * From TypeScript sources (ts-jest) the worker compiles the modules it loads with TypeScript's transpileModule.
 */
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { Zip, ZipDeflate, unzipSync } from 'fflate';
import {
  type Plan,
  type Submission,
  WorkbookError,
  buildTemplates,
  consolidate,
  readPlan,
  readSubmission,
  readWorkbookGrid,
  submissionSchema,
} from '../src/core';
import { buildSample, prng } from '../src/sample/sample';

export interface Base {
  name: string;
  kind: 'submission' | 'plan';
  bytes: Uint8Array;
  /** The plan a submission is read against. */
  plan: Plan;
}

// ---------------------------------------------------------------------------------------------
// Corpus

/** The project's root, from scripts/ (ts-jest) or build/fuzz/scripts/ (npm run fuzz). */
function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}
const FIXTURES = path.join(projectRoot(), 'test', 'fixtures');

async function planOf(file: string): Promise<Plan> {
  const res = readPlan(await readWorkbookGrid(new Uint8Array(await fs.readFile(file))), path.basename(file));
  if (!res.ok) throw new Error(`fuzz: plan fixture ${file} does not read: ${res.problems[0]?.message}`);
  return res.plan;
}

/** Valid workbooks to mutate: the sample set and its templates, and the fixtures other software wrote. */
export async function loadCorpus(root = FIXTURES): Promise<Base[]> {
  const out: Base[] = [];
  const sample = await buildSample('soc-trang');
  out.push({ name: 'soc-trang/plan.xlsx', kind: 'plan', bytes: sample.planBytes, plan: sample.plan });
  for (const f of sample.files)
    out.push({ name: `soc-trang/${f.name}`, kind: 'submission', bytes: f.bytes, plan: sample.plan });
  let n = 0;
  for await (const t of buildTemplates(sample.plan)) {
    out.push({ name: `template/${t.fileName}`, kind: 'submission', bytes: t.bytes, plan: sample.plan });
    if (++n >= 3) break;
  }
  for (const set of ['openpyxl', 'libreoffice', 'messy']) {
    const planFile = path.join(root, set, 'plan.xlsx');
    if (!existsSync(planFile)) continue; // a fixture set being rebuilt by someone else: fuzz the rest
    const plan = await planOf(planFile);
    out.push({ name: `${set}/plan.xlsx`, kind: 'plan', bytes: new Uint8Array(await fs.readFile(planFile)), plan });
    const dir = path.join(root, set, 'submissions');
    for (const f of (await fs.readdir(dir)).filter((x) => x.endsWith('.xlsx')).sort()) {
      out.push({
        name: `${set}/${f}`,
        kind: 'submission',
        bytes: new Uint8Array(await fs.readFile(path.join(dir, f))),
        plan,
      });
    }
    if (set === 'openpyxl') {
      const inj = path.join(root, 'hostile', 'injection', 'LS-SNN.xlsx');
      out.push({
        name: 'hostile/injection/LS-SNN.xlsx',
        kind: 'submission',
        bytes: new Uint8Array(await fs.readFile(inj)),
        plan,
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Zip parts in and out (duplicates allowed: fflate's streaming Zip does not dedupe names)

type Parts = [string, Uint8Array][];

function unzipParts(bytes: Uint8Array): Parts | null {
  try {
    // fflate allocates what an entry declares: a flipped size byte must not make the fuzzer itself allocate gigabytes
    return Object.entries(unzipSync(bytes, { filter: (f) => f.originalSize <= 16 * 1024 * 1024 }));
  } catch {
    return null;
  }
}

function zipParts(parts: Parts): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((err, data) => {
    if (err) throw err;
    chunks.push(data);
  });
  for (const [name, data] of parts) {
    const f = new ZipDeflate(name, { level: 1 });
    zip.add(f);
    f.push(data, true);
  }
  zip.end();
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

// ---------------------------------------------------------------------------------------------
// Mutations

type Rnd = () => number;
const int = (rnd: Rnd, n: number) => Math.floor(rnd() * n);
const pick = <T>(rnd: Rnd, xs: readonly T[]): T => xs[int(rnd, xs.length)];

const HOSTILE_VALUES = [
  "=cmd|' /C calc'!A0",
  '<![CDATA[x]]>',
  '&#0;',
  '\u0000',
  '\uFFFF',
  '\uD800',
  'NaN',
  '1e309',
  '-0',
  '99999999999999999999999',
  'ngày 31 tháng 2 năm 2024',
  '31/02/2024',
  'x'.repeat(5000),
  '𝕏'.repeat(100),
  'Đã hoàn thành\u0301',
];

const XML_SOUP = [
  '<',
  '>',
  '</row>',
  '<row>',
  '<c r="A1" t="s"><v>999999</v></c>',
  '<c r="ZZZZ99999999" t="n"><v>1</v></c>',
  '<c t="e"><v>#REF!</v></c>',
  '<c t="d"><v>not a date</v></c>',
  '<c t="b"><v>2</v></c>',
  '<c s="99999"><v>1</v></c>',
  '<f>1/0</f>',
  '<mergeCell ref="A1:C3"/>',
  '<mergeCell ref="A1:A1"/>',
  '&amp;&lt;&#x1F600;&bogus;',
  '<?xml version="1.0"?>',
  '<!-- -->',
  '<is><t>inline</t></is>',
  '<row r="0"/>',
  '<row r="-5"><c r="A-5"><v>1</v></c></row>',
  '<sheetData>',
  '</worksheet>',
  '\u0000\u0001\u0002',
];

type Mutation = (bytes: Uint8Array, rnd: Rnd) => Uint8Array;

function sheetParts(parts: Parts): number[] {
  return parts.map(([n], i) => (/^xl\/worksheets\/[^/]+\.xml$/.test(n) ? i : -1)).filter((i) => i >= 0);
}

/** Applies f to the text of one worksheet (or of the named part). */
function editXml(bytes: Uint8Array, rnd: Rnd, f: (xml: string, rnd: Rnd) => string, partName?: RegExp): Uint8Array {
  const parts = unzipParts(bytes);
  if (!parts) return flipBytes(bytes, rnd);
  const candidates = partName
    ? parts.map(([n], i) => (partName.test(n) ? i : -1)).filter((i) => i >= 0)
    : sheetParts(parts);
  if (candidates.length === 0) return zipParts(parts);
  const i = pick(rnd, candidates);
  parts[i] = [parts[i][0], enc.encode(f(dec.decode(parts[i][1]), rnd))];
  return zipParts(parts);
}

function flipBytes(bytes: Uint8Array, rnd: Rnd): Uint8Array {
  const out = bytes.slice();
  const k = 1 + int(rnd, 20);
  for (let i = 0; i < k && out.length > 0; i++) out[int(rnd, out.length)] ^= 1 << int(rnd, 8);
  return out;
}

export const MUTATIONS: Record<string, Mutation> = {
  byteFlips: flipBytes,
  truncate: (b, rnd) => b.slice(0, int(rnd, b.length)),
  randomBytes: (b, rnd) => {
    const out = b.slice();
    const start = int(rnd, out.length);
    const len = Math.min(out.length - start, 1 + int(rnd, 512));
    for (let i = 0; i < len; i++) out[start + i] = int(rnd, 256);
    return out;
  },
  brokenSheetXml: (b, rnd) =>
    editXml(b, rnd, (xml, r) => {
      const at = int(r, xml.length);
      switch (int(r, 4)) {
        case 0:
          return xml.slice(0, at) + xml.slice(at + int(r, 200)); // a span cut out
        case 1:
          return xml.slice(0, at) + pick(r, XML_SOUP) + xml.slice(at); // tag soup in
        case 2:
          return xml.slice(0, at); // cut short
        default:
          return xml.replace(/<\/?[a-zA-Z]+/g, (m) => (r() < 0.05 ? m.replace(/[a-z]/, 'q') : m)); // renamed tags
      }
    }),
  randomXmlSheet: (b, rnd) =>
    editXml(b, rnd, (_, r) => {
      const n = 1 + int(r, 60);
      let s = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
      for (let i = 0; i < n; i++) s += pick(r, XML_SOUP);
      return s + (r() < 0.5 ? '</sheetData></worksheet>' : '');
    }),
  badSharedStringIndex: (b, rnd) =>
    editXml(b, rnd, (xml, r) =>
      xml.replace(/(<c\b[^>]*t="s"[^>]*>\s*<v>)(\d+)(<\/v>)/g, (m, a: string, _v: string, c: string) =>
        r() < 0.3 ? a + pick(r, ['-1', '999999', '4294967296', 'abc', '', '1.5', '1e3']) + c : m,
      ),
    ),
  truncatedSharedStrings: (b, rnd) =>
    editXml(b, rnd, (xml, r) => xml.slice(0, int(r, xml.length)), /^xl\/sharedStrings\.xml$/),
  hugeDimension: (b, rnd) =>
    editXml(b, rnd, (xml, r) => {
      const ref = pick(r, ['A1:XFD1048576', 'A1:ZZZZZ99999999', 'A0:B-1', 'XFD1048576', ':', 'A1:A1048576']);
      const withDim = /<dimension\b[^>]*\/>/.test(xml)
        ? xml.replace(/<dimension\b[^>]*\/>/, `<dimension ref="${ref}"/>`)
        : xml.replace('<sheetData', `<dimension ref="${ref}"/><sheetData`);
      return r() < 0.5
        ? withDim
        : withDim.replace(
            /(<c\b[^>]*\br=")([A-Z]+\d+)"/,
            `$1${pick(r, ['XFD1048576', 'XFE1', 'A1048577', 'A99999999999'])}"`,
          );
    }),
  missingStyles: (b, rnd) => {
    const parts = unzipParts(b);
    if (!parts) return flipBytes(b, rnd);
    const i = parts.findIndex(([n]) => n === 'xl/styles.xml');
    if (i < 0) return zipParts(parts);
    if (rnd() < 0.5) parts.splice(i, 1);
    else
      parts[i] = [
        parts[i][0],
        enc.encode(pick(rnd, ['', '<styleSheet/>', '<styleSheet><cellXfs count="1"/></styleSheet>', '<<<'])),
      ];
    return zipParts(parts);
  },
  duplicatedPart: (b, rnd) => {
    const parts = unzipParts(b);
    if (!parts || parts.length === 0) return flipBytes(b, rnd);
    const [name, data] = pick(rnd, parts);
    const copy: [string, Uint8Array] = [name, rnd() < 0.5 ? data : data.slice(0, int(rnd, data.length))];
    parts.splice(int(rnd, parts.length + 1), 0, copy);
    return zipParts(parts);
  },
  removedPart: (b, rnd) => {
    const parts = unzipParts(b);
    if (!parts || parts.length === 0) return flipBytes(b, rnd);
    parts.splice(int(rnd, parts.length), 1);
    return zipParts(parts);
  },
  hostileValues: (b, rnd) =>
    editXml(
      b,
      rnd,
      (xml, r) => {
        const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
        return xml.replace(/<v>([^<]*)<\/v>|<t>([^<]*)<\/t>/g, (m) =>
          r() < 0.2
            ? m.startsWith('<v>')
              ? `<v>${esc(pick(r, HOSTILE_VALUES))}</v>`
              : `<t>${esc(pick(r, HOSTILE_VALUES))}</t>`
            : m,
        );
      },
      /^xl\/(worksheets\/[^/]+|sharedStrings)\.xml$/,
    ),
  // what ExcelJS expands cell by cell or column by column (unchecked, each takes minutes and gigabytes)
  hugeRanges: (b, rnd) =>
    editXml(b, rnd, (xml, r) => {
      const big = pick(r, ['16384', '16385', '1000000000', '-1', 'x']);
      const sqref = pick(r, ['A1:XFD1048576', 'B2:B1048576', 'A:A', 'A1:C3 E5:XFD9000']);
      const extra = pick(r, [
        `<cols><col min="1" max="${big}" width="9" customWidth="1"/></cols>`,
        `<dataValidations count="1"><dataValidation type="list" sqref="${sqref}"><formula1>"a,b"</formula1></dataValidation></dataValidations>`,
      ]);
      if (extra.startsWith('<cols>'))
        return xml.replace(/<cols>[\s\S]*?<\/cols>/, '').replace('<sheetData', `${extra}<sheetData`);
      return xml.replace('</sheetData>', `</sheetData>${extra}`);
    }),
  mergedRanges: (b, rnd) =>
    editXml(b, rnd, (xml, r) => {
      const ref = pick(r, ['A1:B2', 'B2:A1', 'A1:XFD5', 'A1:A1', 'C3:C2000', 'A1:B2', '0:0']);
      const merges = `<mergeCells count="2"><mergeCell ref="${ref}"/><mergeCell ref="A1:B2"/></mergeCells>`;
      return xml.includes('</sheetData>') ? xml.replace('</sheetData>', '</sheetData>' + merges) : xml;
    }),
};

const NAMES = Object.keys(MUTATIONS);

/** Case i of a run with this seed: the base it mutates, the mutations and the bytes. Same inputs, same case. */
export function makeCase(
  corpus: Base[],
  seed: number,
  i: number,
): { base: Base; mutations: string[]; bytes: Uint8Array } {
  const rnd = prng((seed * 1_000_003 + i * 7_919) >>> 0);
  const base = corpus[int(rnd, corpus.length)];
  const count = 1 + int(rnd, 3);
  const mutations: string[] = [];
  let bytes = base.bytes;
  for (let k = 0; k < count; k++) {
    const name = pick(rnd, NAMES);
    mutations.push(name);
    bytes = MUTATIONS[name](bytes, rnd);
  }
  return { base, mutations, bytes };
}

// ---------------------------------------------------------------------------------------------
// Running

export interface FuzzOptions {
  n: number;
  seed: number;
  /** Time budget for one file, in ms. */
  budgetMs: number;
  batch?: number;
  only?: number | null;
  save?: string | null;
  onCase?: (i: number, outcome: string, ms: number) => void;
  /** Test hook: cases using this mutation spin forever in their thread, to prove a hang is caught. */
  spinOn?: string | null;
}

export interface FuzzReport {
  cases: number;
  crashes: { case: number; base: string; mutations: string[]; error: string }[];
  hangs: { case: number; base: string; mutations: string[] }[];
  /** Files missing from, or listed more than once in, the intake log of their batch. */
  misreported: string[];
  outcomes: Record<string, number>;
  mutations: Record<string, number>;
  timesMs: number[];
  /** The five slowest cases, to look at. */
  slowest: { case: number; base: string; mutations: string[]; outcome: string; ms: number }[];
  totalMs: number;
}

const HANG = Symbol('hang');

/** What the main thread sends the reading thread: one case. */
interface CaseRequest {
  id: number;
  kind: Base['kind'];
  name: string;
  bytes: Uint8Array;
  plan: Plan;
  /** Test hook: the worker spins in a synchronous endless loop instead of reading this case. */
  spin: boolean;
}

type CaseReply =
  | { id: number; type: 'plan'; outcome: string }
  | { id: number; type: 'submission'; sub: Submission }
  | { id: number; type: 'crash'; error: string };

const errorText = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 300) : String(e));

/** The reading thread: reads each case it is sent and posts what came of it. */
async function readCase(req: CaseRequest): Promise<CaseReply> {
  while (req.spin) {
    // deliberately stuck (the test of the hang detection): only terminating the thread ends this
  }
  try {
    if (req.kind === 'plan') {
      const outcome = await readWorkbookGrid(req.bytes).then(
        (g) => (readPlan(g, req.name).ok ? 'plan.ok' : 'plan.problems'),
        (e: unknown) => {
          if (e instanceof WorkbookError) return `plan.${e.code}`;
          throw e;
        },
      );
      return { id: req.id, type: 'plan', outcome };
    }
    const sub = await readSubmission(
      { name: req.name, bytes: req.bytes, receivedOn: '2024-07-01', receivedFrom: 'file-date' },
      req.plan,
    );
    return { id: req.id, type: 'submission', sub };
  } catch (e) {
    return { id: req.id, type: 'crash', error: errorText(e) };
  }
}

function startFuzzWorker(): void {
  const port = parentPort!;
  let chain = Promise.resolve();
  port.on('message', (req: CaseRequest) => {
    chain = chain.then(async () => port.postMessage(await readCase(req)));
  });
  port.postMessage({ ready: true });
}

if (!isMainThread && (workerData as { fuzzWorker?: boolean } | null)?.fuzzWorker) startFuzzWorker();

/**
 * The bootstrap of a reading thread: from compiled JavaScript it loads this module; from TypeScript sources
 * (ts-jest) it first teaches require() to compile .ts files with TypeScript's transpileModule.
 */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
if (workerData.typescript) {
  const ts = require(workerData.typescript);
  const fs = require('node:fs');
  require.extensions['.ts'] = (module, filename) => {
    const out = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
      fileName: filename,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    module._compile(out.outputText, filename);
  };
}
require(workerData.script);
`;

/** One reading thread at a time; a case past its deadline terminates it, and the next case starts a new one. */
class CaseRunner {
  private worker: Promise<Worker> | null = null;
  private nextId = 0;

  private start(): Promise<Worker> {
    const typescript = __filename.endsWith('.ts') ? require.resolve('typescript') : null;
    const w = new Worker(BOOTSTRAP, { eval: true, workerData: { fuzzWorker: true, script: __filename, typescript } });
    return new Promise((resolve, reject) => {
      w.once('message', () => resolve(w));
      w.once('error', reject);
    });
  }

  private async stop(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await (await w.catch(() => null))?.terminate();
  }

  /** Reads one case; HANG when it is not done within budgetMs (counted from when the thread has it). */
  async run(req: Omit<CaseRequest, 'id'>, budgetMs: number): Promise<{ reply: CaseReply | typeof HANG; ms: number }> {
    this.worker ??= this.start();
    let w: Worker;
    try {
      w = await this.worker;
    } catch (e) {
      this.worker = null;
      throw new Error(`fuzz: the reading thread does not start: ${errorText(e)}`);
    }
    const id = this.nextId++;
    let t0 = 0;
    const reply = await new Promise<CaseReply | typeof HANG>((resolve) => {
      const done = (r: CaseReply | typeof HANG) => {
        clearTimeout(timer);
        w.off('message', onMessage).off('error', onError).off('exit', onExit);
        resolve(r);
      };
      const onMessage = (m: CaseReply) => m.id === id && done(m);
      const onError = (e: unknown) => done({ id, type: 'crash', error: `the reading thread died: ${errorText(e)}` });
      const onExit = (code: number) => done({ id, type: 'crash', error: `the reading thread exited (${code})` });
      const timer = setTimeout(() => done(HANG), budgetMs);
      w.on('message', onMessage).on('error', onError).on('exit', onExit);
      t0 = performance.now(); // the thread's start is not the file's time
      w.postMessage({ ...req, id, bytes: req.bytes.slice() } satisfies CaseRequest);
    });
    // a thread that hung or died is not reused
    const ms = performance.now() - t0;
    if (reply === HANG || reply.type === 'crash') await this.stop();
    return { reply, ms };
  }

  close(): Promise<void> {
    return this.stop();
  }
}

export async function runFuzz(corpus: Base[], opts: FuzzOptions): Promise<FuzzReport> {
  const report: FuzzReport = {
    cases: 0,
    crashes: [],
    hangs: [],
    misreported: [],
    outcomes: {},
    mutations: {},
    timesMs: [],
    slowest: [],
    totalMs: 0,
  };
  const started = performance.now();
  const batchSize = opts.batch ?? 100;
  let batch: { name: string; sub: Submission; plan: Plan }[] = [];
  const count = (rec: Record<string, number>, k: string) => (rec[k] = (rec[k] ?? 0) + 1);

  const flush = () => {
    // every file reported exactly once: consolidate the batch (per plan) and look for each name in the intake log
    const byPlan = new Map<Plan, { name: string; sub: Submission }[]>();
    for (const b of batch) byPlan.set(b.plan, [...(byPlan.get(b.plan) ?? []), b]);
    for (const [plan, items] of byPlan) {
      let intake: string[];
      try {
        intake = consolidate(
          plan,
          items.map((x) => x.sub),
          { asOf: '2030-12-31', period: null },
        ).intake.map((e) => e.file);
      } catch (e) {
        report.misreported.push(`consolidate threw on a batch: ${(e as Error).message}`);
        continue;
      }
      for (const { name } of items) {
        const seen = intake.filter((f) => f === name).length;
        if (seen !== 1) report.misreported.push(`${name} listed ${seen} times`);
      }
      if (intake.length !== items.length)
        report.misreported.push(`batch of ${items.length} files, intake of ${intake.length}`);
    }
    batch = [];
  };

  const runner = new CaseRunner();
  const first = opts.only ?? 0;
  const last = opts.only !== null && opts.only !== undefined ? opts.only + 1 : opts.n;
  try {
    for (let i = first; i < last; i++) {
      const c = makeCase(corpus, opts.seed, i);
      for (const m of c.mutations) count(report.mutations, m);
      const name = `fuzz-${opts.seed}-${i}.xlsx`;
      if (opts.save) await fs.writeFile(path.join(opts.save, name), c.bytes);
      const spin = opts.spinOn !== undefined && opts.spinOn !== null && c.mutations.includes(opts.spinOn);
      const { reply, ms } = await runner.run(
        { kind: c.base.kind, name, bytes: c.bytes, plan: c.base.plan, spin },
        opts.budgetMs,
      );
      let outcome: string;
      if (reply === HANG) {
        outcome = 'HANG';
        report.hangs.push({ case: i, base: c.base.name, mutations: c.mutations });
      } else if (reply.type === 'crash') {
        outcome = 'CRASH';
        report.crashes.push({ case: i, base: c.base.name, mutations: c.mutations, error: reply.error });
      } else if (reply.type === 'plan') {
        outcome = reply.outcome;
      } else {
        const checked = submissionSchema.safeParse(reply.sub);
        if (!checked.success) {
          outcome = 'CRASH';
          report.crashes.push({
            case: i,
            base: c.base.name,
            mutations: c.mutations,
            error: `submission does not match its schema: ${checked.error.message.slice(0, 300)}`,
          });
        } else {
          const sub = checked.data;
          outcome = sub.rejectReason
            ? `rejected.${sub.findings.find((f) => f.severity === 'error')?.code ?? '?'}`
            : 'read';
          batch.push({ name, sub, plan: c.base.plan });
        }
      }
      report.timesMs.push(ms);
      if (report.slowest.length < 5 || ms > report.slowest[report.slowest.length - 1].ms) {
        report.slowest = [...report.slowest, { case: i, base: c.base.name, mutations: c.mutations, outcome, ms }]
          .sort((a, b) => b.ms - a.ms)
          .slice(0, 5);
      }
      count(report.outcomes, outcome);
      report.cases++;
      opts.onCase?.(i, outcome, ms);
      if (batch.length >= batchSize) flush();
    }
  } finally {
    await runner.close();
  }
  flush();
  report.totalMs = performance.now() - started;
  return report;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function formatReport(r: FuzzReport, opts: Pick<FuzzOptions, 'seed' | 'budgetMs'>): string {
  const t = [...r.timesMs].sort((a, b) => a - b);
  const lines = [
    `fuzz: ${r.cases} cases, seed ${opts.seed}, budget ${opts.budgetMs} ms per file, ${(r.totalMs / 1000).toFixed(1)} s in all`,
    `  crashes ${r.crashes.length}, hangs ${r.hangs.length}, files not reported exactly once ${r.misreported.length}`,
    `  time per file: mean ${(t.reduce((a, b) => a + b, 0) / Math.max(1, t.length)).toFixed(1)} ms, median ${percentile(t, 50).toFixed(1)} ms, p95 ${percentile(t, 95).toFixed(1)} ms, p99 ${percentile(t, 99).toFixed(1)} ms, max ${(t[t.length - 1] ?? 0).toFixed(1)} ms`,
    `  outcomes: ${Object.entries(r.outcomes)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    `  mutations: ${Object.entries(r.mutations)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  ];
  lines.push(
    `  slowest: ${r.slowest.map((x) => `case ${x.case} ${x.ms.toFixed(0)} ms (${x.base}; ${x.mutations.join(' + ')} → ${x.outcome})`).join('; ')}`,
  );
  for (const c of r.crashes.slice(0, 20))
    lines.push(`  CRASH case ${c.case} (${c.base}; ${c.mutations.join(' + ')}): ${c.error}`);
  for (const h of r.hangs.slice(0, 20)) lines.push(`  HANG case ${h.case} (${h.base}; ${h.mutations.join(' + ')})`);
  for (const m of r.misreported.slice(0, 20)) lines.push(`  MISREPORTED ${m}`);
  if (r.crashes.length + r.hangs.length > 0)
    lines.push(`  rerun one case: npm run fuzz -- --seed ${opts.seed} --only <case> --save /tmp/fuzz-cases`);
  return lines.join('\n');
}

export const FUZZ_HELP = `Usage: npm run fuzz -- [--n 1000] [--seed 1] [--budget 30000] [--only CASE] [--save DIR] [--spin-on MUTATION]
  --n        number of cases (default 1000)
  --seed     seed of the mutations (default 1): the same seed gives the same cases
  --budget   time budget of one case in ms (default 30000): over it, the case is a hang
  --only     run one case of the seed (to reproduce a crash or a hang)
  --save     write each case's bytes into DIR
  --spin-on  make the reader spin forever on this mutation (proof that hangs are caught)
Exit code: 0 no crash, hang or misreported file; 1 otherwise; 2 bad arguments.`;

export async function cli(argv: string[]): Promise<number> {
  const { parseArgs } = await import('node:util');
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        n: { type: 'string', default: '1000' },
        seed: { type: 'string', default: '1' },
        budget: { type: 'string', default: '30000' },
        only: { type: 'string' },
        save: { type: 'string' },
        'spin-on': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    console.error(`fuzz: ${(e as Error).message}\n\n${FUZZ_HELP}`);
    return 2;
  }
  if (values.help) {
    console.log(FUZZ_HELP);
    return 0;
  }
  const num = (s: string | undefined, what: string) => {
    const v = Number(s);
    if (!Number.isInteger(v) || v < 0) throw new Error(`--${what} must be a whole number (got "${s}")`);
    return v;
  };
  let opts: FuzzOptions;
  try {
    opts = {
      n: num(values.n, 'n'),
      seed: num(values.seed, 'seed'),
      budgetMs: num(values.budget, 'budget'),
      only: values.only !== undefined ? num(values.only, 'only') : null,
      save: values.save ?? null,
      spinOn: values['spin-on'] ?? null,
    };
  } catch (e) {
    console.error(`fuzz: ${(e as Error).message}\n\n${FUZZ_HELP}`);
    return 2;
  }
  if (opts.save) await fs.mkdir(opts.save, { recursive: true });
  const corpus = await loadCorpus();
  console.log(
    `fuzz: corpus of ${corpus.length} workbooks (${corpus.filter((b) => b.kind === 'plan').length} plans), ${NAMES.length} mutations`,
  );
  let lastPrint = performance.now();
  const report = await runFuzz(corpus, {
    ...opts,
    onCase: (i, outcome, ms) => {
      if (outcome === 'CRASH' || outcome === 'HANG') console.log(`  case ${i}: ${outcome} (${ms.toFixed(0)} ms)`);
      if (performance.now() - lastPrint > 10_000) {
        lastPrint = performance.now();
        console.log(`  … ${i + 1} / ${opts.n}`);
      }
    },
  });
  console.log(formatReport(report, opts));
  return report.crashes.length + report.hangs.length + report.misreported.length === 0 ? 0 : 1;
}

if (require.main === module) {
  process.on('unhandledRejection', (e) => {
    console.error('fuzz: unhandled rejection (a crash):', e);
    process.exitCode = 1;
  });
  cli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(2);
    },
  );
}
