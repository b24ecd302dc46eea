/**
 * The pane booted on the real office.js (the @microsoft/office-js package, the same files as Microsoft's CDN),
 * outside Office: it must reach standalone mode through the real Office.onReady, with no page error, in Chromium
 * (the modern build) and in the IE11 surface (the legacy build):
 * - the CDN-fallback build (OFFICE_JS=fallback): office.js from the CDN; the CDN holding the request (a filtering
 *   proxy) → the copy shipped in dist/office-js/ after a few seconds; neither reachable → the pane says so, in
 *   Vietnamese, and what IT staff can do;
 * - the local build (OFFICE_JS=local): office.js from the add-in's own origin only, no request to the CDN, a
 *   content security policy and manifest that name no other origin.
 * Both variants are built here (test-results/dist-fallback, test-results/dist-local), from webpack's cache.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { type OfficeJs, type Server, ROOT, launchChromium, openPane, serveDist, shotPath } from './harness';
import { IE11, type Webview, missingIn, removeScriptInWorker } from './ie11-surface';

const VARIANTS = {
  fallback: path.join(ROOT, 'test-results', 'dist-fallback'),
  local: path.join(ROOT, 'test-results', 'dist-local'),
};
type Variant = keyof typeof VARIANTS;

let browser: Browser;
const servers: Server[] = [];

function build(variant: Variant): void {
  execFileSync(
    process.execPath,
    [path.join(ROOT, 'node_modules', 'webpack', 'bin', 'webpack.js'), '--mode', 'production'],
    {
      cwd: ROOT,
      stdio: 'pipe',
      env: { ...process.env, OFFICE_JS: variant, TONGHOP_DIST: VARIANTS[variant] },
    },
  );
}

beforeAll(async () => {
  build('fallback');
  build('local');
  browser = await launchChromium();
}, 900_000);

afterAll(async () => {
  for (const s of servers) await s.close();
  await browser?.close();
});

async function serve(variant: Variant, surface?: Webview): Promise<Server> {
  const inWorker = surface ? removeScriptInWorker(missingIn(surface), surface.regExpFlags) : '';
  const s = await serveDist(
    (rel, body) => (surface && /(^|\/)read-worker\.[0-9a-f]+\.js$/.test(rel) ? inWorker + body.toString('utf8') : null),
    VARIANTS[variant],
  );
  servers.push(s);
  return s;
}

interface Boot {
  page: Page;
  requests: string[];
  errors: string[];
}

async function boot(variant: Variant, officeJs: OfficeJs, surface?: Webview, blockLocal = false): Promise<Boot> {
  const server = await serve(variant, surface);
  const errors: string[] = [];
  const page = await openPane(browser, server, {
    officeJs,
    surface,
    errors,
    // the CDN is given 1.5 s here instead of 6
    knobs: { __tonghopOfficeWaitMs: 1500 },
    ready: '#app[data-state="ready"]',
    blockLocalOffice: blockLocal,
  });
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.waitForSelector('#app[data-engine="ready"]', { timeout: 120_000 });
  return { page, requests, errors };
}

async function expectStandalone(b: Boot, officeJs: 'cdn' | 'local', build: 'modern' | 'legacy', shot: string) {
  expect(await b.page.getAttribute('html', 'data-office-js')).toBe(officeJs);
  expect(await b.page.getAttribute('#app', 'data-office-js')).toBe(officeJs);
  expect(await b.page.getAttribute('html', 'data-build')).toBe(build);
  expect(await b.page.getAttribute('#app', 'data-host')).toBe('standalone');
  expect(await b.page.textContent('#mode')).toMatch(/Chạy độc lập/);
  expect(await b.page.textContent('#status')).not.toMatch(/office\.js/);
  await b.page.screenshot({ path: shotPath(shot) });
  expect(b.errors).toEqual([]);
  await b.page.close();
}

test('the local build: office.js from the add-in only, CSP and manifest without the CDN', async () => {
  const dir = VARIANTS.local;
  const html = fs.readFileSync(path.join(dir, 'taskpane.html'), 'utf8');
  expect(html).toContain("script-src 'self';");
  expect(html).not.toContain('appsforoffice');
  const manifest = fs.readFileSync(path.join(dir, 'manifest.xml'), 'utf8');
  expect(manifest).not.toContain('appsforoffice');
  // office.js, the Excel host scripts and the strings of every language, from the package
  for (const f of [
    'office.js',
    'excel-win32-16.01.js',
    'excel-web-16.00.js',
    'vi-vn/office_strings.js',
    'en-us/office_strings.js',
  ])
    expect(fs.existsSync(path.join(dir, 'office-js', f))).toBe(true);
  const listing = execFileSync('du', ['-sh', '--apparent-size', dir, path.join(dir, 'office-js')], {
    encoding: 'utf8',
  });
  console.log(`dist/ of OFFICE_JS=local:\n${listing}${fs.readdirSync(dir).join('  ')}`);
  // and the default build names the CDN in both
  const defaultHtml = fs.readFileSync(path.join(ROOT, 'dist', 'taskpane.html'), 'utf8');
  expect(defaultHtml).toContain("script-src 'self' https://appsforoffice.microsoft.com;");
  expect(fs.existsSync(path.join(ROOT, 'dist', 'office-js'))).toBe(false);
});

test.each([
  ['Chromium', undefined, 'modern'],
  ['IE11 surface', IE11, 'legacy'],
] as const)('local build, %s: standalone through the real Office.onReady', async (name, surface, build) => {
  const b = await boot('local', 'real', surface);
  await expectStandalone(b, 'local', build, `40-office-js-local-${build}`);
  expect(b.requests.filter((u) => u.includes('appsforoffice'))).toEqual([]);
});

test.each([
  ['Chromium', undefined, 'modern'],
  ['IE11 surface', IE11, 'legacy'],
] as const)('fallback build, %s: the CDN holds the request, the local copy after it', async (name, surface, build) => {
  const b = await boot('fallback', 'hanging', surface);
  await expectStandalone(b, 'local', build, `41-office-js-fallback-${build}`);
});

test('fallback build, Chromium: the real office.js from the CDN when it answers', async () => {
  const b = await boot('fallback', 'real');
  await expectStandalone(b, 'cdn', 'modern', '42-office-js-cdn');
});

test('office.js reachable nowhere: the pane says so, and what IT staff can do', async () => {
  const b = await boot('fallback', 'refused', IE11, true);
  expect(await b.page.getAttribute('html', 'data-office-js')).toBe('failed');
  expect(await b.page.getAttribute('#app', 'data-host')).toBe('standalone');
  const status = (await b.page.textContent('#status')) ?? '';
  expect(status).toMatch(/Không tải được office\.js/);
  expect(status).toMatch(/OFFICE_JS=local/);
  expect(status).toMatch(/dòng lệnh tonghop/);
  await b.page.screenshot({ path: shotPath('43-office-js-unreachable') });
  expect(b.errors).toEqual([]);
  await b.page.close();
});
