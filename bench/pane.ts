/**
 * Task-pane figures for the bench: gzip size of the JS that taskpane.html loads up front and of the chunks it
 * loads later (read from the production build in dist/), for each of its two builds (boot.js adds the modern or
 * the legacy entry, named in <meta name="tonghop-build">), and the number of context.sync() calls the Excel
 * door makes to write the summary (see paneSyncs). Missing pieces are reported as null ("chưa có").
 */
import { execFileSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import ts from 'typescript';
import type { OutSheet } from '../src/core';
import { summarySheets } from '../src/core';
import { runConsolidation } from '../src/cli/commands/pipeline';
import { BENCH_AS_OF, ensureBenchSet } from './generate';
import { type LongTaskRun, paneLongTasks } from './pane-longtask';

export interface PaneFigures {
  /** The modern build (WebView2, Chromium, Safari 14+): boot.js and its entry. */
  initialGzipBytes: number | null;
  lazyGzipBytes: number | null;
  initialFiles: string[];
  lazyFiles: { file: string; gzipBytes: number }[];
  /** The legacy build (IE11, EdgeHTML): boot.js and its entry, its chunks in dist/es5/. */
  initialLegacyGzipBytes: number | null;
  lazyLegacyGzipBytes: number | null;
  initialLegacyFiles: string[];
  syncs10: number | null;
  syncs1000: number | null;
  /** The pane's main thread while it reads 200 and 1,000 files, in the page and in its worker (pane-longtask.ts). */
  longTasks: LongTaskRun[] | null;
  notes: string[];
}

export const REPO_ROOT = path.join(__dirname, '..', '..', '..');

const gz = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).byteLength;

/** Scripts referenced by an HTML page (src="…js"), relative to dist/. */
export function scriptsOf(html: string): string[] {
  const out: string[] = [];
  // quoted or not: the production build minifies the HTML (`<script defer src=taskpane.1b238def.js>`)
  for (const m of html.matchAll(/<script\b[^>]*?\bsrc\s*=\s*(?:"([^"]+)"|'([^']+)'|([^\s>]+))/gi)) {
    const src = (m[1] ?? m[2] ?? m[3]).replace(/[?#].*$/, '');
    if (src.endsWith('.js')) out.push(src.replace(/^\.?\//, ''));
  }
  return out;
}

/** The entry scripts of each build, as boot.js reads them from <meta name="tonghop-build">. */
export function buildsOf(html: string): { modern: string[]; legacy: string[] } {
  const meta = /<meta\b[^>]*\bname\s*=\s*"?tonghop-build"?[^>]*>/i.exec(html)?.[0] ?? '';
  const list = (attr: string) =>
    (
      new RegExp(`\\b${attr}\\s*=\\s*(?:"([^"]*)"|([^\\s>]+))`, 'i')
        .exec(meta)
        ?.slice(1)
        .find((x) => x !== undefined) ?? ''
    )
      .split(' ')
      .filter(Boolean);
  return { modern: list('data-modern'), legacy: list('data-legacy') };
}

type Sizes = Pick<
  PaneFigures,
  | 'initialGzipBytes'
  | 'lazyGzipBytes'
  | 'initialFiles'
  | 'lazyFiles'
  | 'initialLegacyGzipBytes'
  | 'lazyLegacyGzipBytes'
  | 'initialLegacyFiles'
>;

async function gzOf(dist: string, files: string[]): Promise<number> {
  let n = 0;
  for (const f of files) n += gz(await fs.readFile(path.join(dist, f)));
  return n;
}

/** The .js files of one folder of dist/ that are not in `initial`. */
async function lazyOf(dist: string, folder: string, initial: string[]): Promise<{ file: string; gzipBytes: number }[]> {
  const out: { file: string; gzipBytes: number }[] = [];
  const dir = path.join(dist, folder);
  if (!existsSync(dir)) return out;
  for (const f of (await fs.readdir(dir)).filter((x) => x.endsWith('.js')).sort()) {
    const rel = folder ? `${folder}/${f}` : f;
    if (!initial.includes(rel)) out.push({ file: rel, gzipBytes: gz(await fs.readFile(path.join(dist, rel))) });
  }
  return out;
}

export async function bundleSizes(dist = path.join(REPO_ROOT, 'dist')): Promise<Sizes & { note: string | null }> {
  const html = path.join(dist, 'taskpane.html');
  if (!existsSync(html))
    return {
      initialGzipBytes: null,
      lazyGzipBytes: null,
      initialFiles: [],
      lazyFiles: [],
      initialLegacyGzipBytes: null,
      lazyLegacyGzipBytes: null,
      initialLegacyFiles: [],
      note: 'dist/taskpane.html chưa có: chạy "npm run build" trước.',
    };
  const text = await fs.readFile(html, 'utf8');
  const boot = scriptsOf(text).filter((f) => !/^https?:/i.test(f));
  const builds = buildsOf(text);
  const initialFiles = [...boot, ...builds.modern];
  const initialLegacyFiles = [...boot, ...builds.legacy];
  const lazyFiles = await lazyOf(dist, '', initialFiles);
  const lazyLegacy = await lazyOf(dist, 'es5', initialLegacyFiles);
  return {
    initialGzipBytes: await gzOf(dist, initialFiles),
    lazyGzipBytes: lazyFiles.reduce((s, x) => s + x.gzipBytes, 0),
    initialFiles,
    lazyFiles,
    initialLegacyGzipBytes: await gzOf(dist, initialLegacyFiles),
    lazyLegacyGzipBytes: lazyLegacy.reduce((s, x) => s + x.gzipBytes, 0),
    initialLegacyFiles,
    note: null,
  };
}

interface DoorModule {
  writeOutSheets: (context: unknown, sheets: OutSheet[]) => Promise<{ syncs: number }>;
}
interface MockModule {
  mockExcel: () => { context: unknown; syncs: number };
}

/**
 * The Excel door (src/excel/door.ts) and the office-addin-mock workbook of its tests (test/excel/mock-excel.ts),
 * transpiled (types stripped, not checked) next to the bench's compiled core so their imports resolve. Every module
 * of src/excel is transpiled, not door.ts alone: the door imports its siblings (./batch, ./office, ./register …),
 * and a missing one failed the count with "Cannot find module './batch'".
 */
async function loadDoor(): Promise<{ door: DoorModule; mock: MockModule } | string> {
  const excelDir = path.join(REPO_ROOT, 'src', 'excel');
  if (!existsSync(path.join(excelDir, 'door.ts'))) return 'src/excel/door.ts chưa có';
  const siblings = (await fs.readdir(excelDir))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && f !== 'door.ts')
    .map((f) => [`src/excel/${f}`, `src/excel/${f.replace(/\.ts$/, '.js')}`]);
  const parts = [
    ['src/excel/door.ts', 'src/excel/door.js'],
    ['test/excel/mock-excel.ts', 'test/excel/mock-excel.js'],
    ...siblings,
  ];
  const out = path.join(__dirname, '..');
  for (const [src] of parts) if (!existsSync(path.join(REPO_ROOT, src))) return `${src} chưa có`;
  for (const [src, js] of parts) {
    const code = await fs.readFile(path.join(REPO_ROOT, src), 'utf8');
    const { outputText } = ts.transpileModule(code, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      fileName: src,
    });
    await fs.mkdir(path.dirname(path.join(out, js)), { recursive: true });
    await fs.writeFile(path.join(out, js), outputText);
  }
  // mock-excel.ts wraps the strict fake Excel of the browser tests (plain JavaScript, copied as it is)
  const fake = 'test/browser/fake-office.js';
  if (existsSync(path.join(REPO_ROOT, fake))) {
    await fs.mkdir(path.dirname(path.join(out, fake)), { recursive: true });
    await fs.copyFile(path.join(REPO_ROOT, fake), path.join(out, fake));
  }
  // office-addin-mock needs only the OfficeApp enum of office-addin-manifest, whose ESM dependencies require() cannot load
  const manifestId = require.resolve('office-addin-manifest');
  const stub = new Module(manifestId);
  stub.exports = {
    OfficeApp: {
      Excel: 'excel',
      OneNote: 'onenote',
      Outlook: 'outlook',
      PowerPoint: 'powerpoint',
      Project: 'project',
      Word: 'word',
    },
  };
  stub.loaded = true;
  require.cache[manifestId] = stub;

  const door = require(path.join(out, parts[0][1])) as Partial<DoorModule>;
  const mock = require(path.join(out, parts[1][1])) as Partial<MockModule>;

  if (typeof door.writeOutSheets !== 'function') return 'src/excel/door.ts chưa có writeOutSheets';
  if (typeof mock.mockExcel !== 'function') return 'test/excel/mock-excel.ts chưa có mockExcel';
  return { door: door as DoorModule, mock: mock as MockModule };
}

/** context.sync() calls of the door writing the summary of a consolidation of n generated files. */
async function doorSyncs(
  n: number,
  modules: { door: DoorModule; mock: MockModule },
  workers: number,
): Promise<{ syncs: number; agencies: number }> {
  const set = await ensureBenchSet(n);
  const { plan, consolidation } = await runConsolidation(set.planPath, set.submissionsDir, {
    asOf: BENCH_AS_OF,
    workers,
  });
  const x = modules.mock.mockExcel();
  const report = await modules.door.writeOutSheets(x.context, summarySheets(consolidation, plan));
  if (report.syncs !== x.syncs) throw new Error(`cửa Excel báo ${report.syncs} lần sync, bản giả đếm được ${x.syncs}`);
  return { syncs: x.syncs, agencies: plan.agencies.length };
}

/** On a fresh clone there is no dist/ yet: build the pane once (webpack, production) so that its sizes can be read. */
function buildPaneIfMissing(log: (s: string) => void): string | null {
  if (existsSync(path.join(REPO_ROOT, 'dist', 'taskpane.html'))) return null;
  if (!existsSync(path.join(REPO_ROOT, 'webpack.config.js'))) return 'webpack.config.js chưa có';
  log('  dist/ chưa có: chạy "npm run build" …');
  try {
    execFileSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'ignore' });
    return null;
  } catch (e) {
    return `"npm run build" lỗi: ${(e instanceof Error ? e.message : String(e)).slice(0, 200)}`;
  }
}

export async function paneFigures(log: (s: string) => void = () => {}, workers = 1): Promise<PaneFigures> {
  const notes: string[] = [];
  const buildProblem = buildPaneIfMissing(log);
  if (buildProblem) notes.push(buildProblem);
  const sizes = await bundleSizes();
  if (sizes.note) notes.push(sizes.note);
  else {
    log(
      `  JS ban đầu (bản hiện đại) ${sizes.initialFiles.join(', ')}; tải sau ${sizes.lazyFiles.map((f) => f.file).join(', ')}`,
    );
    log(`  JS ban đầu (bản ES5, chỉ IE11/EdgeHTML) ${sizes.initialLegacyFiles.join(', ')}`);
  }
  let syncs10: number | null = null;
  let syncs1000: number | null = null;
  try {
    const modules = await loadDoor();
    if (typeof modules === 'string') notes.push(`context.sync(): chưa có (${modules}).`);
    else {
      const small = await doorSyncs(10, modules, workers);
      const big = await doorSyncs(1000, modules, workers);
      syncs10 = small.syncs;
      syncs1000 = big.syncs;
      notes.push(
        `context.sync() counted with office-addin-mock (test/excel/mock-excel.ts) on the summaries of 10 and 1,000 generated files (plans of ${small.agencies} and ${big.agencies} agencies, 60 tasks).`,
      );
    }
  } catch (e) {
    notes.push(
      `context.sync(): chưa có (cửa Excel chưa chạy được: ${(e instanceof Error ? e.message : String(e)).slice(0, 200)}).`,
    );
  }
  let longTasks: LongTaskRun[] | null = null;
  try {
    longTasks = await paneLongTasks([200, 1000], 1, log);
  } catch (e) {
    notes.push(`ngăn tác vụ khi đọc: chưa đo được (${(e instanceof Error ? e.message : String(e)).slice(0, 200)}).`);
  }
  return {
    longTasks,
    initialGzipBytes: sizes.initialGzipBytes,
    lazyGzipBytes: sizes.lazyGzipBytes,
    initialFiles: sizes.initialFiles,
    lazyFiles: sizes.lazyFiles,
    initialLegacyGzipBytes: sizes.initialLegacyGzipBytes,
    lazyLegacyGzipBytes: sizes.lazyLegacyGzipBytes,
    initialLegacyFiles: sizes.initialLegacyFiles,
    syncs10,
    syncs1000,
    notes,
  };
}
