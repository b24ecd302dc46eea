/**
 * What the browser tests share: Debian's Chromium through playwright-core (never a downloaded browser), a static
 * server for dist/ on 127.0.0.1, the CLI (for the numbers the pane must equal) and screenshots in test-results/.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import { SUMMARY_SHEET_NAMES } from '../../src/core/consolidate/summary-names';
import { type Webview, missingIn, removeScript, removeScriptInWorker } from './ie11-surface';

export const ROOT = path.resolve(__dirname, '..', '..');
/** dist/ as built; TONGHOP_DIST points the tests at another build (e.g. main's, to show a test failing there). */
export const DIST = process.env.TONGHOP_DIST ? path.resolve(process.env.TONGHOP_DIST) : path.join(ROOT, 'dist');
export const RESULTS = path.join(ROOT, 'test-results', 'browser');
export const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
/** Microsoft's CDN folder of office.js, served in the tests from the @microsoft/office-js package (the same files). */
const OFFICE_CDN_DIR = OFFICE_JS.replace(/office\.js$/, '');
const OFFICE_PACKAGE = path.join(ROOT, 'node_modules', '@microsoft', 'office-js', 'dist');
const FAKE_OFFICE = fs.readFileSync(path.join(__dirname, 'fake-office.js'), 'utf8');
/** The eight summary sheets, as the engine names them. */
export const SUMMARY: readonly string[] = SUMMARY_SHEET_NAMES;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: the browser tests drive Debian's Chromium. Install it with: apt-get install chromium`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
};

export interface Server {
  url: string;
  close(): Promise<void>;
}

/** Lets the page reach its own server only: every other request is aborted. */
export async function ownOriginOnly(page: Page, server: Server): Promise<void> {
  await page.route('**/*', (route) =>
    route.request().url().startsWith(server.url) ? route.continue() : route.abort(),
  );
}

/** After a test file: the browser, the server and the temporary folder go (whichever were made). */
export async function tearDown(browser: Browser | undefined, server: Server | undefined, dir?: string): Promise<void> {
  await browser?.close();
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}

/** Changes a served file (its path relative to dist/, e.g. `read-worker.1a2b3c4d.js`); null leaves it as built. */
export type Transform = (rel: string, body: Buffer) => string | null;

/**
 * Serves dist/ (built by `npm run build` before the tests) on a free port of 127.0.0.1; `transform` lets a test
 * change a file as served (the reading worker's script, which page.addInitScript cannot reach).
 */
export async function serveDist(transform?: Transform, dist = DIST): Promise<Server> {
  if (!fs.existsSync(path.join(dist, 'taskpane.html')))
    throw new Error('dist/taskpane.html is missing: run `npm run build` first (npm run test:browser does).');
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const file = path.normalize(path.join(dist, decodeURIComponent(u.pathname)));
    if (!file.startsWith(dist) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    const changed = transform?.(path.relative(dist, file), fs.readFileSync(file));
    if (changed != null) res.end(changed);
    else fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The CLI as a user runs it (build/ from `tsc -p tsconfig.build.json`). */
export function cli(args: string[]): string {
  return execFileSync(process.execPath, [path.join(ROOT, 'bin', 'tonghop.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * Where office.js comes from in a test: the fake Excel (fake-office.js, with its settings: ExcelApi version,
 * platform, language …), the real office.js from the package, an empty script, or none: refused at once, or
 * never answered (a filtering proxy holding the request).
 */
export type OfficeJs = { fake: Record<string, unknown> } | 'real' | 'empty' | 'refused' | 'hanging';

export interface PaneOptions {
  officeJs: OfficeJs;
  /** An old webview's API surface (ie11-surface.ts): removed from the page before its scripts run. */
  surface?: Webview;
  viewport?: { width: number; height: number };
  /** Pixels per CSS pixel of the page's screenshots (default 1). */
  deviceScaleFactor?: number;
  /** Page errors are pushed here (every test expects none). */
  errors?: string[];
  /** taskpane.html and its query (default: taskpane.html). */
  path?: string;
  /** What to wait for once loaded (default: the pane ready and its engine loaded). */
  ready?: string;
  /** Settings put on window before the pane's scripts (e.g. __tonghopOfficeWaitMs). */
  knobs?: Record<string, unknown>;
  /** The copy of office.js shipped with the add-in (dist/office-js/) unreachable too. */
  blockLocalOffice?: boolean;
}

/** The reading worker's script as served, for a transform (modern or legacy build). */
export const isReadWorker = (rel: string) => /(^|\/)read-worker\.[0-9a-f]+\.js$/.test(rel);

/** serveDist with the webview's surface also removed in the reading worker's scope. */
export function serveDistAs(surface: Webview): Promise<Server> {
  const inWorker = removeScriptInWorker(missingIn(surface), surface.regExpFlags);
  return serveDist((rel, body) => (isReadWorker(rel) ? inWorker + body.toString('utf8') : null));
}

async function routeOffice(page: Page, server: Server, officeJs: OfficeJs, blockLocal = false): Promise<void> {
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (blockLocal && url.startsWith(`${server.url}office-js/`)) return route.abort('internetdisconnected');
    if (url.startsWith(server.url) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
    if (url.startsWith(OFFICE_CDN_DIR)) {
      if (officeJs === 'hanging') return; // never answered
      if (officeJs === 'refused') return route.abort('internetdisconnected');
      if (officeJs !== 'real')
        return route.fulfill({ status: 200, contentType: 'text/javascript', body: url === OFFICE_JS ? '' : 'x' });
      const file = path.join(OFFICE_PACKAGE, decodeURIComponent(new URL(url).pathname.split('/hosted/')[1] ?? ''));
      if (!file.startsWith(OFFICE_PACKAGE) || !fs.existsSync(file)) return route.fulfill({ status: 404, body: '' });
      return route.fulfill({ status: 200, contentType: 'text/javascript', body: fs.readFileSync(file) });
    }
    return route.abort();
  });
}

/**
 * The built pane in a new page, as one set-up for every browser test: office.js as asked, the webview's surface,
 * only the page's own server (and the CDN as asked) reachable; waits until the pane is ready.
 */
export async function openPane(browser: Browser, server: Server, options: PaneOptions): Promise<Page> {
  const page = await browser.newPage({
    viewport: options.viewport ?? { width: 350, height: 900 },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
    acceptDownloads: true,
  });
  const errors = options.errors;
  if (errors) page.on('pageerror', (e) => errors.push(String(e)));
  if (options.knobs) await page.addInitScript(`Object.assign(window, ${JSON.stringify(options.knobs)});`);
  const { officeJs } = options;
  // the fake Excel first (it keeps what it needs), then the old webview's surface
  if (typeof officeJs === 'object')
    await page.addInitScript(`window.__fakeOffice = ${JSON.stringify(officeJs.fake)};\n${FAKE_OFFICE}`);
  if (options.surface) await page.addInitScript(removeScript(missingIn(options.surface), options.surface.regExpFlags));
  await routeOffice(page, server, officeJs, options.blockLocalOffice);
  // not until 'load': a CDN holding office.js's request holds the load event too
  await page.goto(`${server.url}${options.path ?? 'taskpane.html'}`, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector(options.ready ?? '#app[data-state="ready"][data-engine="ready"]', { timeout: 120_000 });
  return page;
}

/** Builds the CLI (build/). A failed build fails the test: an older build/ would compare against stale code. */
export function buildCli(): void {
  try {
    execFileSync(
      process.execPath,
      [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
      { cwd: ROOT, stdio: 'pipe' },
    );
  } catch (e) {
    const out = (e as { stdout?: Buffer }).stdout?.toString() ?? '';
    throw new Error(`tsc -p tsconfig.build.json failed:\n${out.slice(0, 4000)}`);
  }
}

/**
 * The built pane inside the strict fake Excel (fake-office.js served in place of Microsoft's office.js), at 350 px,
 * once it says it is ready; `fakeOffice` is the fake's configuration (ExcelApi version, sheets, a saved `book` …);
 * `before` prepares the page before it loads (an init script).
 */
export async function openInFakeExcel(
  browser: Browser,
  server: Server,
  fakeOffice: object,
  before?: (page: Page) => Promise<void>,
): Promise<Page> {
  const fake = fs.readFileSync(path.join(__dirname, 'fake-office.js'), 'utf8');
  const page = await browser.newPage({ viewport: { width: 350, height: 900 } });
  await before?.(page);
  await page.addInitScript((options) => {
    (window as unknown as { __fakeOffice: unknown }).__fakeOffice = options;
  }, fakeOffice);
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url === OFFICE_JS) return route.fulfill({ status: 200, contentType: 'text/javascript', body: fake });
    return url.startsWith(server.url) ? route.continue() : route.abort();
  });
  await page.goto(`${server.url}taskpane.html`);
  await page.waitForSelector('#app[data-state="ready"]');
  return page;
}

/** Answers "yes" if the pane asks before replacing something (a plan, the file list, the previous summary). */
export async function answerYes(page: Page): Promise<void> {
  try {
    await page.click('#confirm-yes', { timeout: 2000 });
  } catch {
    /* nothing was asked */
  }
}

export function shotPath(name: string): string {
  fs.mkdirSync(RESULTS, { recursive: true });
  return path.join(RESULTS, `${name}.png`);
}
