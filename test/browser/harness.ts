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

export const ROOT = path.resolve(__dirname, '..', '..');
export const DIST = path.join(ROOT, 'dist');
export const RESULTS = path.join(ROOT, 'test-results', 'browser');
export const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
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
export async function serveDist(transform?: Transform): Promise<Server> {
  if (!fs.existsSync(path.join(DIST, 'taskpane.html')))
    throw new Error('dist/taskpane.html is missing: run `npm run build` first (npm run test:browser does).');
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const file = path.normalize(path.join(DIST, decodeURIComponent(u.pathname)));
    if (!file.startsWith(DIST) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    const changed = transform?.(path.relative(DIST, file), fs.readFileSync(file));
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
 * once it says it is ready; `fakeOffice` is the fake's configuration (ExcelApi version, sheets, a saved `book` …).
 */
export async function openInFakeExcel(browser: Browser, server: Server, fakeOffice: object): Promise<Page> {
  const fake = fs.readFileSync(path.join(__dirname, 'fake-office.js'), 'utf8');
  const page = await browser.newPage({ viewport: { width: 350, height: 900 } });
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
