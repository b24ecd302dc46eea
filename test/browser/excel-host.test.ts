/**
 * The pane inside "Excel": a fake office.js (fake-office.js, served in place of Microsoft's) records what the
 * Excel door does. Inserting the sample plan writes the plan sheets and reads them back; `Tổng hợp` writes the
 * eight summary sheets as tables, in a few syncs; running it again replaces them; an English Office shows English.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  SUMMARY,
  type Server,
  buildCli,
  cli,
  launchChromium,
  openPane,
  serveDist,
  shotPath,
  tearDown,
} from './harness';
import { GUIDE_SHOTS, guideShot } from './guide-shots';

const AS_OF = '2024-07-15';

let browser: Browser;
let server: Server;
let dir: string;

beforeAll(async () => {
  buildCli();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-excel-'));
  cli(['sample', dir]);
  server = await serveDist();
  browser = await launchChromium();
});

afterAll(() => tearDown(browser, server, dir));

async function openInFakeExcel(language: string): Promise<Page> {
  // Excel with every API the door may use (Microsoft 365); ie11.test.ts runs the same flow with ExcelApi 1.1
  return openPane(browser, server, {
    officeJs: { fake: { excelApi: '1.8', language } },
    ready: '#app[data-state="ready"]',
    // twice the pixels: the user guide's pictures are taken here and printed
    deviceScaleFactor: 2,
  });
}

interface Excel {
  sheets: string[];
  syncs: number;
  runs: number;
}
const chartsOf = (page: Page, sheet: string) =>
  page.evaluate(
    (name) =>
      (
        window as unknown as {
          __excel: { sheet(n: string): { charts: { name: string; type: string; title: string }[] } };
        }
      ).__excel
        .sheet(name)
        .charts.map((c) => ({ name: c.name, type: c.type, title: c.title })),
    sheet,
  );

const excelState = (page: Page) =>
  page.evaluate((): Excel => {
    const x = (
      window as unknown as { __excel: { book: { sheets: { name: string }[] }; log: { syncs: number; runs: number } } }
    ).__excel;
    // the register tonghop keeps of the sheets it wrote is hidden (VeryHidden) from the clerk
    const sheets = x.book.sheets.map((s) => s.name).filter((n) => n !== 'tonghop (đừng xoá)');
    return { sheets, syncs: x.log.syncs, runs: x.log.runs };
  });

test('in Excel: the sample plan goes into the workbook, Tổng hợp writes the summary sheets, again replaces them', async () => {
  const page = await openInFakeExcel('vi-VN');
  expect(await page.getAttribute('#app', 'data-host')).toBe('excel');
  expect(await page.isVisible('#read-plan')).toBe(true);
  await page.screenshot({ path: shotPath('10-excel-start') });

  await page.click('#insert-sample');
  await page.waitForSelector('#plan-facts');
  let x = await excelState(page);
  expect(x.sheets).toEqual(['Sheet1', 'Kế hoạch', 'Nhiệm vụ', 'Chỉ tiêu', 'Đơn vị']);
  // task codes such as "1.1" stay text in the workbook, and the plan read back is the sample's
  const code = await page.evaluate(() =>
    (window as unknown as { __excel: { cell(s: string, a: string): { v: unknown; f: string } } }).__excel.cell(
      'Nhiệm vụ',
      'A2',
    ),
  );
  expect(code.f).toBe('@');
  expect(await page.textContent('#plan-facts dd[data-k="agencies"]')).toBe('38');
  await guideShot(page, GUIDE_SHOTS.plan);
  await page.click('#templates-one summary');
  await guideShot(page, GUIDE_SHOTS.templates);
  await page.click('#templates-one summary');

  const subDir = path.join(dir, 'submissions');
  await page.setInputFiles(
    '#files',
    fs
      .readdirSync(subDir)
      .sort()
      .map((f) => path.join(subDir, f)),
  );
  await page.waitForFunction(() => /Đã đọc/.test(document.getElementById('progress-text')?.textContent ?? ''));
  await page.fill('#as-of', AS_OF);
  await page.dispatchEvent('#as-of', 'change');
  await page.waitForSelector('#file-list .verdict.v-rejected');
  await guideShot(page, GUIDE_SHOTS.intake);
  await page.selectOption('#file-filter', 'rejected');
  await guideShot(page, GUIDE_SHOTS.rejected);
  await page.selectOption('#file-filter', 'all');

  const before = await excelState(page);
  await page.click('#consolidate');
  await page.waitForSelector('#overview-table');
  await page.waitForFunction(() => /Đã ghi 8 trang/.test(document.getElementById('status')?.textContent ?? ''));
  x = await excelState(page);
  expect(x.sheets).toEqual(['Sheet1', 'Kế hoạch', 'Nhiệm vụ', 'Chỉ tiêu', 'Đơn vị', ...SUMMARY]);
  // a probe for cell-edit mode, the sheet names (is there a previous summary?), the write (4 syncs), the charts (2)
  console.log(`consolidating into the workbook: ${x.syncs - before.syncs} syncs`);
  expect(x.syncs - before.syncs).toBeLessThanOrEqual(10);
  // Tổng hợp has its two native charts (on time / late / missing / rejected per group; the two rates)
  expect(await chartsOf(page, 'Tổng hợp')).toEqual([
    { name: 'TongHop_TinhTrang', type: 'BarStacked', title: 'Tình hình báo cáo theo nhóm' },
    { name: 'TongHop_TiLe', type: 'BarClustered', title: 'Tỉ lệ đã nộp và tỉ lệ đúng hạn theo nhóm' },
  ]);
  // and the pane draws the same picture
  expect(await page.locator('#rates-chart svg g.group').count()).toBe(13);
  await guideShot(page, GUIDE_SHOTS.consolidate);
  await guideShot(page, GUIDE_SHOTS.chart);
  await guideShot(page, GUIDE_SHOTS.lists);
  await guideShot(page, GUIDE_SHOTS.export);
  await page.screenshot({ path: shotPath('11-excel-written') });

  const agencySheet = await page.evaluate(() => {
    const x = (
      window as unknown as {
        __excel: {
          sheet(n: string): {
            tables: { name: string; address: string; style: string }[];
            frozenRows: number;
            conditionalFormats: { custom: { rule: { formula: string }; format: { fill: { color: string } } } }[];
          };
        };
      }
    ).__excel;
    const s = x.sheet('Theo đơn vị');
    return {
      tables: s.tables,
      frozen: s.frozenRows,
      cfs: s.conditionalFormats.map((c) => [c.custom.rule.formula, c.custom.format.fill.color]),
    };
  });
  expect(agencySheet.tables).toEqual([
    { name: 'TheoDonVi', address: 'A5:L43', style: 'TableStyleLight9', hasHeaders: true },
  ]);
  expect(agencySheet.frozen).toBe(5);
  expect(agencySheet.cfs).toEqual(
    expect.arrayContaining([
      ['=$E6="Nộp muộn"', '#FCE4D6'],
      ['=$E6="Chưa nộp"', '#F8CBAD'],
    ]),
  );

  // again: it asks first; then the same sheets, replaced, never duplicated, no temporary sheet left
  await page.click('#consolidate');
  await page.waitForSelector('#confirm');
  await page.screenshot({ path: shotPath('11b-excel-confirm') });
  await page.click('#confirm-yes');
  await page.waitForFunction(
    (n) => (window as unknown as { __excel: { log: { syncs: number } } }).__excel.log.syncs >= n,
    x.syncs + 3,
  );
  await page.waitForFunction(() => !document.body.classList.contains('busy'));
  const again = await excelState(page);
  expect(again.sheets).toEqual(['Sheet1', 'Kế hoạch', 'Nhiệm vụ', 'Chỉ tiêu', 'Đơn vị', ...SUMMARY]);
  expect(again.syncs - x.syncs).toBeLessThanOrEqual(12);
  // the charts are replaced with the sheet, never duplicated
  expect((await chartsOf(page, 'Tổng hợp')).map((c) => c.name)).toEqual(['TongHop_TinhTrang', 'TongHop_TiLe']);
  await page.close();
});

test('in Excel: a plan problem links to its cell', async () => {
  const page = await openInFakeExcel('vi-VN');
  await page.click('#insert-sample');
  await page.waitForSelector('#plan-facts');
  // break the plan in the workbook: an agency without a name
  await page.evaluate(() => {
    const x = (window as unknown as { __excel: { sheet(n: string): { cells: Map<string, { v: unknown }> } } }).__excel;
    x.sheet('Đơn vị').cells.get('3,2')!.v = '';
  });
  await page.click('#read-plan');
  await page.waitForSelector('.problem-box button.link');
  expect(await page.textContent('.problem-box .where')).toBe('Đơn vị!B3');
  await page.click('.problem-box button.link');
  await page.waitForFunction(
    () => (window as unknown as { __excel: { book: { selected: string } } }).__excel.book.selected === 'Đơn vị!B3',
  );
  await page.screenshot({ path: shotPath('12-excel-plan-problem') });
  await guideShot(page, GUIDE_SHOTS.planProblem);
  await page.close();
});

test('in Excel: a plan drafted from a document is written into the workbook and read back from it', async () => {
  const page = await openInFakeExcel('vi-VN');
  await page.setInputFiles(
    '#plan-document',
    path.join(__dirname, '..', 'fixtures', 'seeds', 'soc-trang-ngay-da-dang-sinh-hoc-2024.txt'),
  );
  await page.waitForSelector('#draft-review');
  await page.waitForSelector('#plan-facts');
  expect(await page.textContent('#plan-facts dd[data-k="number"]')).toBe('1350/STNMT-MT');
  const x = await excelState(page);
  expect(x.sheets).toEqual(expect.arrayContaining(['Kế hoạch', 'Nhiệm vụ', 'Đơn vị']));
  // the draft's review columns are in the workbook for the clerk
  const headers = await page.evaluate(() => {
    const s = (
      window as unknown as { __excel: { sheet(n: string): { cells: Map<string, { v: unknown }> } } }
    ).__excel.sheet('Nhiệm vụ');
    return [...s.cells.entries()].filter(([k]) => k.startsWith('1,')).map(([, c]) => c.v);
  });
  expect(headers).toEqual(expect.arrayContaining(['Nguồn', 'Cần kiểm tra']));
  await page.screenshot({ path: shotPath('14-excel-extract') });
  await page.close();
});

test('an English Office shows the pane in English', async () => {
  const page = await openInFakeExcel('en-US');
  expect(await page.textContent('h1')).toBe('Report consolidation');
  expect(await page.textContent('#consolidate')).toBe('Consolidate into the workbook');
  await page.screenshot({ path: shotPath('13-excel-english') });
  await page.close();
});
