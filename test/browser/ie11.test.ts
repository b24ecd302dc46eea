/**
 * The pane in "Office 2016 on Windows": a Chromium page from which every API Internet Explorer 11 lacks has been
 * removed (the list from @mdn/browser-compat-data, see ie11-surface.ts), under the strict fake Excel offering only
 * ExcelApi 1.1. The whole flow runs: the sample plan into the workbook, the templates, the intake, the summary
 * written into the workbook, and every export. (The ES5 syntax of every file is checked by es-check before this.)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { OFFICE_JS, type Server, buildCli, cli, launchChromium, serveDist, shotPath, tearDown } from './harness';
import { ie11Missing, removeScript, removeScriptInWorker } from './ie11-surface';

const FAKE = fs.readFileSync(path.join(__dirname, 'fake-office.js'), 'utf8');
const SUMMARY = [
  'Tổng hợp',
  'Theo nhiệm vụ',
  'Theo đơn vị',
  'Theo huyện, khu vực',
  'Chưa nộp, nộp muộn',
  'Lỗi dữ liệu',
  'Chi tiết',
  'Sổ tiếp nhận',
];

let browser: Browser;
let server: Server;
let dir: string;

beforeAll(async () => {
  buildCli();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-ie11-'));
  cli(['sample', dir]);
  // the reading worker runs in IE11's worker scope: what IE11 lacks is removed there too, before its own code
  const inWorker = removeScriptInWorker(ie11Missing());
  server = await serveDist((rel, body) => (/^read-worker\./.test(rel) ? inWorker + body.toString('utf8') : null));
  browser = await launchChromium();
});

afterAll(() => tearDown(browser, server, dir));

async function openIe11Page(errors: string[]): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 330, height: 900 }, acceptDownloads: true });
  page.on('pageerror', (e) => errors.push(String(e)));
  // the fake Excel first (it keeps what it needs), then the IE11 surface
  await page.addInitScript(`window.__fakeOffice = { excelApi: '1.1', platform: 'PC', mirror: true };\n${FAKE}`);
  await page.addInitScript(removeScript(ie11Missing()));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url === OFFICE_JS) return route.fulfill({ status: 200, contentType: 'text/javascript', body: '' });
    if (url.startsWith(server.url)) return route.continue();
    return route.abort();
  });
  await page.goto(`${server.url}taskpane.html`);
  await page.waitForSelector('#app[data-state="ready"][data-engine="ready"]', { timeout: 120_000 });
  return page;
}

async function download(page: Page, click: () => Promise<unknown>): Promise<{ name: string; size: number }> {
  await page.waitForSelector('body:not(.busy)'); // a click while the pane is busy is ignored
  const [d] = (await Promise.all([
    page.waitForEvent('download').catch(async (e: Error) => {
      // say what the pane said instead of a bare timeout
      throw new Error(`${e.message}; the pane says: ${(await page.textContent('#status')) ?? ''}`);
    }),
    click(),
  ])) as [Download, unknown];
  const file = path.join(dir, `dl-${d.suggestedFilename()}`);
  await d.saveAs(file);
  return { name: d.suggestedFilename(), size: fs.statSync(file).size };
}

interface SheetBrief {
  name: string;
  tables: string[];
  frozen: number;
  fills: number;
  cfs: number;
}
/**
 * The fake workbook in brief, as the fake mirrors it on <html> after each sync: page.evaluate cannot run in this
 * page (Playwright's evaluation needs what IE11 lacks), the DOM can be read.
 */
async function workbook(page: Page): Promise<SheetBrief[]> {
  return JSON.parse((await page.getAttribute('html', 'data-fake-excel')) ?? '[]') as SheetBrief[];
}
const sheetNames = async (page: Page) => (await workbook(page)).map((s) => s.name);

test('IE11 API surface + ExcelApi 1.1: plan, templates, intake, summary into the workbook, exports', async () => {
  const missing = ie11Missing();
  // the list is data, and it is long: Promise, fetch, TextDecoder, Element.append, String.normalize …
  expect(missing.length).toBeGreaterThan(500);
  for (const x of [
    ['Promise', null],
    ['TextDecoder', null],
    ['Element', 'append'],
    ['String', 'normalize'],
    ['Object', 'entries'],
  ])
    expect(missing).toContainEqual(x);

  const errors: string[] = [];
  const page = await openIe11Page(errors);
  const removed = Number(await page.getAttribute('html', 'data-ie11-removed'));
  const surface = JSON.parse((await page.getAttribute('html', 'data-ie11-check')) ?? '{}') as Record<string, string>;
  console.log(`IE11 surface: ${removed} APIs removed from the page (${missing.length} listed)`);
  expect(removed).toBeGreaterThan(300);
  // Element.append stays removed (the pane does without it); the others are brought back by the pane's polyfills
  expect(surface).toEqual({
    append: 'undefined',
    normalize: 'function',
    promise: 'function',
    textDecoder: 'function',
    fetch: 'function',
  });
  expect(await page.getAttribute('#app', 'data-host')).toBe('excel');

  // 1. the sample plan into the workbook, read back from it
  await page.click('#insert-sample');
  await page.waitForSelector('#plan-facts');
  expect(await page.textContent('#plan-facts dd[data-k="agencies"]')).toBe('38');
  expect(await sheetNames(page)).toEqual(expect.arrayContaining(['Kế hoạch', 'Nhiệm vụ', 'Chỉ tiêu', 'Đơn vị']));

  // 2. templates
  const zip = await download(page, () => page.click('#templates-zip'));
  expect(zip.name).toMatch(/^Mau bao cao .*\.zip$/);
  expect(zip.size).toBeGreaterThan(10_000);

  // 3. intake
  const subDir = path.join(dir, 'submissions');
  await page.setInputFiles(
    '#files',
    fs.readdirSync(subDir).map((f) => path.join(subDir, f)),
  );
  // (selectors, not waitForFunction: that evaluates in the page, which lacks what Playwright needs for it)
  await page.waitForSelector('#progress-text >> text=/Đã đọc/', { timeout: 120_000 });
  // read in the worker, with the polyfills the worker brings for itself
  expect(await page.getAttribute('#app', 'data-reader')).toBe('worker');
  expect(await page.getAttribute('#app', 'data-worker-files')).toBe(String(fs.readdirSync(subDir).length - 1));
  await page.fill('#as-of', '15/07/2024');
  await page.press('#as-of', 'Tab');

  // 4. the summary written into the workbook (no conditional formats nor frozen panes in 1.1: fixed fills)
  await page.click('#consolidate');
  await page.waitForSelector('#status >> text=/Đã ghi 8 trang/', { timeout: 60_000 });
  expect(await sheetNames(page)).toEqual(expect.arrayContaining(SUMMARY));
  const agencies = (await workbook(page)).find((s) => s.name === 'Theo đơn vị')!;
  expect(agencies).toMatchObject({ tables: ['TheoDonVi'], frozen: 0, cfs: 0 });
  expect(agencies.fills).toBeGreaterThan(0);
  await page.screenshot({ path: shotPath('30-ie11-written'), fullPage: true });

  // 5. exports
  const summary = await download(page, () => page.click('#download-summary'));
  expect(summary.name).toMatch(/^Tong hop .*2024-07-15\.xlsx$/);
  const report = await download(page, () => page.click('#ministry-report'));
  expect(report.name).toMatch(/^Bao cao .*\.xlsx$/);
  const reminders = await download(page, () => page.click('#reminders'));
  expect(reminders.name).toMatch(/^Don doc .*\.zip$/);
  await page.screenshot({ path: shotPath('31-ie11-exports') });

  expect(errors).toEqual([]);
  await page.close();
});
