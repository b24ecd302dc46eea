/**
 * A scanned plan (pages of pictures, no text) drafted in the pane (standalone, Chromium): pdfjs renders each page
 * in the page, Tesseract in WebAssembly reads it in the OCR worker with the Vietnamese model served with the
 * add-in (dist/ocr/, loaded only now; nothing from another origin, no CSP violation). The corpus's scan of
 * `npm run eval:extract` gives the same tasks as `tonghop extract-plan` on the same file.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import {
  OFFICE_JS,
  ROOT,
  type Server,
  answerYes,
  buildCli,
  cli,
  launchChromium,
  ownOriginOnly,
  serveDist,
  tearDown,
} from './harness';

const SCAN = path.join(ROOT, 'test', 'fixtures', 'extract', 'scan-binh-dinh-son-tiem-chung-2025.pdf');
let browser: Browser;
let server: Server;
let dir: string;

beforeAll(async () => {
  buildCli();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-ocr-pane-'));
  server = await serveDist();
  browser = await launchChromium();
});

afterAll(() => tearDown(browser, server, dir));

async function tasksOf(workbook: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(workbook);
  const sheet = wb.getWorksheet('Nhiệm vụ')!;
  const out: string[] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) out.push(`${String(row.getCell(1).value)} ${String(row.getCell(2).value)}`);
  });
  return out;
}

test('the corpus scan drafted in the pane: the same tasks as the CLI, Tesseract loaded only for the scan', async () => {
  const cliOut = path.join(dir, 'cli.xlsx');
  cli(['extract-plan', SCAN, '-o', cliOut]);
  const page: Page = await browser.newPage({ viewport: { width: 350, height: 900 }, acceptDownloads: true });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await ownOriginOnly(page, server);
  await page.goto(`${server.url}taskpane.html`);
  await page.waitForSelector('#app[data-engine="ready"]');
  expect(requests.filter((u) => u.includes('/ocr'))).toEqual([]); // nothing of OCR before a scan is opened

  await page.setInputFiles('#plan-document', SCAN);
  await answerYes(page);
  await page.waitForSelector('#draft-review', { timeout: 240_000 });
  await page.waitForSelector('body:not(.busy)');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#download-draft')]);
  const paneOut = path.join(dir, 'pane.xlsx');
  await dl.saveAs(paneOut);
  const tasks = await tasksOf(paneOut);
  expect(tasks.length).toBeGreaterThan(3);
  expect(tasks).toEqual(await tasksOf(cliOut));
  expect(await page.textContent('#draft-review')).toContain('OCR');
  // Tesseract and the model from the add-in's own ocr/ folder, read in a worker
  expect(requests.some((u) => /\/ocr\/tesseract-core(-simd)?-lstm\.wasm$/.test(u))).toBe(true);
  expect(requests.some((u) => u.endsWith('/ocr/vie.traineddata.gz'))).toBe(true);
  const elsewhere = requests.filter(
    (u) => !u.startsWith(server.url) && !u.startsWith('blob:') && !u.startsWith('data:') && u !== OFFICE_JS,
  );
  expect(elsewhere).toEqual([]); // office.js apart (refused: standalone), nothing from another origin
  expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
}, 300_000);
