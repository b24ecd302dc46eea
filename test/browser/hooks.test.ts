/**
 * The buttons wired to the other engines, clicked in the pane (standalone mode): "Tạo kế hoạch từ văn bản"
 * (src/core/extract) on the seed documents (.docx and .pdf, so pdfjs runs in the page under the CSP), and
 * "Xuất báo cáo gửi Bộ" / "Soạn văn bản đôn đốc" (src/core/report) after a consolidation.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import {
  ROOT,
  type Server,
  buildCli,
  cli,
  launchChromium,
  serveDist,
  shotPath,
  tearDown,
  ownOriginOnly,
  answerYes,
} from './harness';

const SEEDS = path.join(ROOT, 'test', 'fixtures', 'seeds');
let browser: Browser;
let server: Server;
let dir: string;
let page: Page;

beforeAll(async () => {
  buildCli();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-hooks-'));
  cli(['sample', dir]);
  server = await serveDist();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 350, height: 900 }, acceptDownloads: true });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push(`${e.violatedDirective} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  await ownOriginOnly(page, server);
  await page.goto(`${server.url}taskpane.html`);
  await page.waitForSelector('#app[data-engine="ready"]');
});

afterAll(() => tearDown(browser, server, dir));

test.each(['soc-trang-ngay-da-dang-sinh-hoc-2024.docx', 'soc-trang-ngay-da-dang-sinh-hoc-2024.pdf'])(
  'Tạo kế hoạch từ văn bản: %s becomes the plan, with what to check',
  async (doc) => {
    await page.setInputFiles('#plan-document', path.join(SEEDS, doc));
    await answerYes(page);
    await page.waitForSelector('#draft-review');
    await page.waitForSelector('#plan-facts');
    expect(await page.textContent('#plan-facts dd[data-k="number"]')).toContain('1350');
    expect(Number(await page.textContent('#plan-facts dd[data-k="tasks"]'))).toBeGreaterThan(3);
    // the draft is shown before the reading step ends: a click while the pane is busy is ignored, as for a user
    await page.waitForSelector('body:not(.busy)');
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#download-draft')]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(await dl.path()) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['Kế hoạch', 'Nhiệm vụ', 'Đơn vị']));
    await page.screenshot({ path: shotPath(`30-extract-${path.extname(doc).slice(1)}`) });
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
  },
);

test('Xuất báo cáo gửi Bộ and Soạn văn bản đôn đốc download the report workbook and the reminders', async () => {
  await page.click('#insert-sample');
  await answerYes(page);
  await page.waitForFunction(
    () => document.querySelector('#plan-facts dd[data-k="number"]')?.textContent === '1350/STNMT-MT',
  );
  expect(await page.isDisabled('#ministry-report')).toBe(true);
  const sub = path.join(dir, 'submissions');
  await page.setInputFiles(
    '#files',
    fs.readdirSync(sub).map((f) => path.join(sub, f)),
  );
  await page.waitForFunction(() => /Đã đọc/.test(document.getElementById('progress-text')?.textContent ?? ''));
  await page.fill('#as-of', '2024-07-15');
  await page.dispatchEvent('#as-of', 'change');
  await page.click('#consolidate');
  await page.waitForSelector('#overview-table');

  await page.waitForSelector('body:not(.busy)'); // a click while busy is ignored
  const [report] = await Promise.all([page.waitForEvent('download'), page.click('#ministry-report')]);
  expect(report.suggestedFilename()).toMatch(/\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(await report.path()) as unknown as ArrayBuffer);
  expect(wb.worksheets.map((w) => w.name)).toContain('Báo cáo');

  await page.waitForSelector('body:not(.busy)'); // a click while busy is ignored
  const [remind] = await Promise.all([page.waitForEvent('download'), page.click('#reminders')]);
  const zip = await JSZip.loadAsync(fs.readFileSync(await remind.path()));
  const names = Object.keys(zip.files);
  expect(names).toEqual(expect.arrayContaining(['Van ban don doc.docx', 'Don doc.xlsx']));
  // the letter is a Word document, the list names the agencies to chase (the sample has no e-mail addresses: no .eml)
  expect((await zip.file('Van ban don doc.docx')!.async('uint8array')).slice(0, 2)).toEqual(
    new Uint8Array([0x50, 0x4b]),
  );
  const list = new ExcelJS.Workbook();
  await list.xlsx.load((await zip.file('Don doc.xlsx')!.async('nodebuffer')) as unknown as ArrayBuffer);
  const text = JSON.stringify(list.worksheets[0].getSheetValues());
  expect(text).toContain('Công an tỉnh'); // a missing agency of the sample
  await page.evaluate(() => document.getElementById('step-export')!.scrollIntoView());
  await page.screenshot({ path: shotPath('31-export-hooks') });
  expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
});
