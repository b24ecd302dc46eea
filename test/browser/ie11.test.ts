/**
 * The whole flow in the webviews of the Offices the pane supports, under the strict fake Excel: "Office 2016 on
 * Windows" (Chromium with every API Internet Explorer 11 lacks removed and RegExp refusing flags but g, i, m: the
 * list from @mdn/browser-compat-data, see ie11-surface.ts) at ExcelApi 1.1, which must get the legacy build; the
 * same with EdgeHTML 18's surface (no BigInt either), legacy too; and plain Chromium (WebView2) at ExcelApi 1.7,
 * which must get the modern build. The sample plan into the workbook and read back from it, the templates, the
 * 36 submissions, the summary written into the workbook, every export; no page error.
 * (The ES5 syntax of every legacy file is checked by es-check before this.)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import {
  SUMMARY,
  type Server,
  answerYes,
  buildCli,
  cli,
  launchChromium,
  openPane,
  serveDist,
  serveDistAs,
  shotPath,
  tearDown,
} from './harness';
import { EDGE18, IE11, type Webview, ie11Missing, missingIn } from './ie11-surface';

let browser: Browser;
let dir: string;
const servers: Server[] = [];

beforeAll(async () => {
  buildCli();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-webviews-'));
  cli(['sample', dir]);
  browser = await launchChromium();
});

afterAll(async () => {
  for (const s of servers) await s.close();
  await tearDown(browser, undefined, dir);
});

async function serve(surface?: Webview): Promise<Server> {
  const s = surface ? await serveDistAs(surface) : await serveDist();
  servers.push(s);
  return s;
}

/** The pane in "Office 2016 on Windows": the IE11 surface, the strict fake Excel at ExcelApi 1.1, the pane's width. */
async function openIe11(errors: string[]): Promise<Page> {
  return openPane(browser, await serve(IE11), {
    officeJs: { fake: { excelApi: '1.1', platform: 'PC', mirror: true } },
    surface: IE11,
    viewport: { width: 330, height: 900 },
    errors,
  });
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
  visibility: string;
  tables: string[];
  frozen: number;
  fills: number;
  cfs: number;
}
/**
 * The fake workbook in brief, as the fake mirrors it on <html> after each sync: page.evaluate cannot run in a
 * page without what IE11 lacks (Playwright's evaluation needs it), the DOM can be read.
 */
async function workbook(page: Page): Promise<SheetBrief[]> {
  return JSON.parse((await page.getAttribute('html', 'data-fake-excel')) ?? '[]') as SheetBrief[];
}
const sheetNames = async (page: Page) => (await workbook(page)).map((s) => s.name);

/** The flow, as a clerk does it; `shots` names the screenshots. */
async function wholeFlow(page: Page, shots: string, excelApi: string): Promise<void> {
  expect(await page.getAttribute('#app', 'data-host')).toBe('excel');
  // 1. the sample plan into the workbook, then read from the workbook by "Đọc kế hoạch từ sổ đang mở"
  await page.click('#insert-sample');
  await page.waitForSelector('#plan-facts');
  expect(await page.textContent('#plan-facts dd[data-k="agencies"]')).toBe('38');
  expect(await sheetNames(page)).toEqual(expect.arrayContaining(['Kế hoạch', 'Nhiệm vụ', 'Chỉ tiêu', 'Đơn vị']));
  await page.waitForSelector('body:not(.busy)');
  await page.click('#read-plan');
  await answerYes(page);
  await page.waitForSelector('#status >> text=/Đã đọc kế hoạch số/', { timeout: 60_000 });
  expect(await page.textContent('#plan-facts dd[data-k="agencies"]')).toBe('38');

  // 2. templates
  const zip = await download(page, () => page.click('#templates-zip'));
  expect(zip.name).toMatch(/^Mau bao cao .*\.zip$/);
  expect(zip.size).toBeGreaterThan(10_000);

  // 3. intake: the 36 submissions and the register
  const subDir = path.join(dir, 'submissions');
  const files = fs.readdirSync(subDir);
  await page.setInputFiles(
    '#files',
    files.map((f) => path.join(subDir, f)),
  );
  // (selectors, not waitForFunction: that evaluates in the page, which lacks what Playwright needs for it)
  await page.waitForSelector('#progress-text >> text=/Đã đọc/', { timeout: 180_000 });
  // read in the worker, with the polyfills the worker brings for itself
  expect(await page.getAttribute('#app', 'data-reader')).toBe('worker');
  expect(await page.getAttribute('#app', 'data-worker-files')).toBe(String(files.length - 1));
  await page.fill('#as-of', '15/07/2024');
  await page.press('#as-of', 'Tab');

  // 4. the summary written into the workbook (ExcelApi 1.1: no conditional formats nor frozen panes, fixed fills)
  await page.click('#consolidate');
  await page.waitForSelector('#status >> text=/Đã ghi 8 trang/', { timeout: 60_000 });
  expect(await sheetNames(page)).toEqual(expect.arrayContaining([...SUMMARY]));
  const agencies = (await workbook(page)).find((s) => s.name === 'Theo đơn vị')!;
  expect(agencies.tables).toEqual(['TheoDonVi']);
  if (excelApi === '1.1') expect(agencies).toMatchObject({ frozen: 0, cfs: 0 });
  else expect(agencies.frozen).toBeGreaterThan(0);
  await page.screenshot({ path: shotPath(`${shots}-written`), fullPage: true });

  // the list of files received kept in the workbook for the days to come: tonghop's very hidden sheet, visible
  // where Excel cannot hide a sheet (ExcelApi 1.1)
  await page.waitForSelector(`#app[data-intake-saved="${files.length - 1}"][data-intake-save="idle"]`);
  const store = (await workbook(page)).find((s) => s.name === 'tonghop (tệp đã nhận)');
  expect(store?.visibility).toBe(excelApi === '1.1' ? 'Visible' : 'VeryHidden');

  // 5. exports
  const summary = await download(page, () => page.click('#download-summary'));
  expect(summary.name).toMatch(/^Tong hop .*2024-07-15\.xlsx$/);
  const report = await download(page, () => page.click('#ministry-report'));
  expect(report.name).toMatch(/^Bao cao .*\.xlsx$/);
  const reminders = await download(page, () => page.click('#reminders'));
  expect(reminders.name).toMatch(/^Don doc .*\.zip$/);
  await page.screenshot({ path: shotPath(`${shots}-exports`) });
}

test('IE11 API surface + ExcelApi 1.1: the legacy build, and the whole flow', async () => {
  const missing = ie11Missing();
  // the list is data, and it is long: Promise, fetch, TextDecoder, Element.append, String.normalize, BigInt …
  expect(missing.length).toBeGreaterThan(500);
  for (const x of [
    ['Promise', null],
    ['TextDecoder', null],
    ['BigInt', null],
    ['globalThis', null],
    ['Element', 'append'],
    ['String', 'normalize'],
    ['Object', 'entries'],
  ])
    expect(missing).toContainEqual(x);

  const errors: string[] = [];
  const page = await openIe11(errors);
  const removed = Number(await page.getAttribute('html', 'data-ie11-removed'));
  const surface = JSON.parse((await page.getAttribute('html', 'data-ie11-check')) ?? '{}') as Record<string, string>;
  console.log(`IE11 surface: ${removed} APIs removed from the page (${missing.length} listed)`);
  expect(removed).toBeGreaterThan(300);
  // BigInt and RegExp's u flag stay missing (nothing can bring them); Element.append too (the pane does without);
  // the others are brought back by the legacy build's polyfills. Nothing brings fetch: nothing calls it.
  expect(surface).toEqual({
    append: 'undefined',
    normalize: 'function',
    promise: 'function',
    textDecoder: 'function',
    fetch: 'undefined',
    bigint: 'undefined',
    regExpU: 'refused',
  });
  expect(await page.getAttribute('html', 'data-build')).toBe('legacy');
  await wholeFlow(page, '30-ie11', '1.1');
  expect(errors).toEqual([]);
  await page.close();
});

test('IE11 API surface + ExcelApi 1.1: Tạo kế hoạch từ văn bản drafts the plan from a .docx (the extract chunk in ES5)', async () => {
  const errors: string[] = [];
  const page = await openIe11(errors);
  expect(await page.getAttribute('html', 'data-build')).toBe('legacy');
  const doc = path.join(__dirname, '..', 'fixtures', 'seeds', 'soc-trang-ngay-da-dang-sinh-hoc-2024.docx');
  await page.setInputFiles('#plan-document', doc);
  await answerYes(page);
  await page.waitForSelector('#draft-review', { timeout: 120_000 });
  await page.waitForSelector('#plan-facts');
  expect(await page.textContent('#plan-facts dd[data-k="number"]')).toContain('1350');
  expect(Number(await page.textContent('#plan-facts dd[data-k="tasks"]'))).toBeGreaterThan(3);
  await page.waitForSelector('body:not(.busy)');
  await page.screenshot({ path: shotPath('33-ie11-extract-docx') });
  expect(errors).toEqual([]);
  await page.close();
});

test('EdgeHTML 18 API surface (no BigInt) + ExcelApi 1.1: the legacy build loads and reads', async () => {
  const missing = missingIn(EDGE18);
  expect(missing).toContainEqual(['BigInt', null]);
  expect(missing).not.toContainEqual(['Promise', null]);
  const errors: string[] = [];
  const server = await serve(EDGE18);
  const page = await openPane(browser, server, {
    officeJs: { fake: { excelApi: '1.1', platform: 'PC', mirror: true } },
    surface: EDGE18,
    errors,
  });
  expect(await page.getAttribute('html', 'data-build')).toBe('legacy');
  await page.click('#insert-sample');
  await page.waitForSelector('#plan-facts');
  expect(await page.textContent('#plan-facts dd[data-k="agencies"]')).toBe('38');
  const subDir = path.join(dir, 'submissions');
  const some = fs
    .readdirSync(subDir)
    .filter((f) => f.endsWith('.xlsx'))
    .sort()
    .slice(0, 4);
  await page.setInputFiles(
    '#files',
    some.map((f) => path.join(subDir, f)),
  );
  await page.waitForSelector('#progress-text >> text=/Đã đọc/', { timeout: 120_000 });
  expect(await page.getAttribute('#app', 'data-worker-files')).toBe(String(some.length));
  await page.screenshot({ path: shotPath('32-edge18') });
  expect(errors).toEqual([]);
  await page.close();
});

test('Chromium (WebView2) + ExcelApi 1.7: the modern build, and the whole flow', async () => {
  const errors: string[] = [];
  const server = await serve();
  const page = await openPane(browser, server, {
    officeJs: { fake: { excelApi: '1.7', platform: 'PC', mirror: true } },
    errors,
  });
  expect(await page.getAttribute('html', 'data-build')).toBe('modern');
  await wholeFlow(page, '33-modern', '1.7');
  expect(errors).toEqual([]);
  await page.close();
});
