/**
 * Step 1 with a plan file (standalone): a broken plan lists every problem with its sheet and cell; the CLI's plan
 * file is read; one template downloads on its own; `?lang=en` shows English.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { type Server, buildCli, cli, launchChromium, serveDist, shotPath, tearDown, ownOriginOnly } from './harness';

let browser: Browser;
let server: Server;
let dir: string;

beforeAll(async () => {
  buildCli();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-planfile-'));
  cli(['sample', dir]);
  // the same plan, broken by hand: an agency without a name, a deadline that is not a date
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(dir, 'plan.xlsx'));
  wb.getWorksheet('Đơn vị')!.getCell('B4').value = null;
  const plan = wb.getWorksheet('Kế hoạch')!;
  plan.eachRow((row) => {
    if (row.getCell(1).value === 'Hạn báo cáo') row.getCell(2).value = 'sớm nhất có thể';
  });
  await wb.xlsx.writeFile(path.join(dir, 'broken.xlsx'));
  server = await serveDist();
  browser = await launchChromium();
});

afterAll(() => tearDown(browser, server, dir));

async function open(query = ''): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 350, height: 900 }, acceptDownloads: true });
  await ownOriginOnly(page, server);
  await page.goto(`${server.url}taskpane.html${query}`);
  await page.waitForSelector('#app[data-engine="ready"]');
  return page;
}

test('a broken plan file lists its problems with sheet and cell; the good one is read', async () => {
  const page = await open();
  await page.setInputFiles('#plan-file', path.join(dir, 'broken.xlsx'));
  await page.waitForSelector('.problem-box.error');
  const wheres = await page.$$eval('.problem-box.error .where', (l) => l.map((e) => e.textContent));
  expect(wheres).toEqual(expect.arrayContaining(['Đơn vị!B4']));
  expect(wheres.some((w) => w?.startsWith('Kế hoạch!B'))).toBe(true);
  expect(await page.isDisabled('#consolidate')).toBe(true);
  // no cell links without a workbook to select in
  expect(await page.$$eval('.problem-box button.link', (l) => l.length)).toBe(0);
  await page.screenshot({ path: shotPath('07-plan-problems') });

  await page.setInputFiles('#plan-file', path.join(dir, 'plan.xlsx'));
  await page.waitForSelector('#plan-facts');
  expect(await page.textContent('#plan-facts dd[data-k="number"]')).toBe('1350/STNMT-MT');
  expect(await page.isEnabled('#consolidate')).toBe(true);

  await page.click('#templates-one summary');
  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    page.click('#template-list button[data-agency="ST-SYT"]'),
  ]);
  expect(dl.suggestedFilename()).toBe('ST-SYT.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(await dl.path()) as unknown as ArrayBuffer);
  expect(wb.worksheets.map((w) => w.name)).toContain('Báo cáo');
  await page.close();
});

test('files dropped on the drop zone are read like picked ones', async () => {
  const page = await open();
  await page.click('#insert-sample');
  await page.waitForSelector('#plan-facts');
  const name = 'ST-SYT.xlsx';
  const bytes = [...fs.readFileSync(path.join(dir, 'submissions', name))];
  await page.evaluate(
    ({ name, bytes }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], name, { lastModified: Date.UTC(2024, 5, 25, 5) }));
      document
        .getElementById('drop-zone')!
        .dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    { name, bytes },
  );
  await page.waitForSelector(`li.file[data-file="${name}"] .verdict.v-accepted`);
  expect(await page.textContent(`li.file[data-file="${name}"] .agency`)).toBe('Sở Y tế');
  expect(await page.inputValue(`li.file[data-file="${name}"] input.received`)).toBe('25/06/2024');
  await page.close();
});

test('?lang=en shows the standalone pane in English', async () => {
  const page = await open('?lang=en');
  expect(await page.textContent('h1')).toBe('Report consolidation');
  expect(await page.textContent('#insert-sample')).toBe('Insert the sample plan');
  await page.close();
});

test('a drafted plan still holding its stand-ins (a report deadline the document did not give) lists them as errors', async () => {
  const draft = path.join(dir, 'draft.xlsx');
  const doc = path.join(__dirname, '../fixtures/extract/real/so-cong-thuong-lao-cai-08-2026.docx');
  cli(['extract-plan', doc, '-o', draft]);
  const page = await open();
  await page.setInputFiles('#plan-file', draft);
  await page.waitForSelector('#plan-facts');
  const errors = await page.$$eval('.problem-box.error li', (l) => l.map((e) => e.textContent ?? ''));
  expect(errors.some((t) => /Hạn báo cáo còn là ngày ghi tạm/.test(t))).toBe(true);
  expect(errors.some((t) => /Số kế hoạch còn ghi tạm/.test(t))).toBe(true);
  await page.close();
});
