/**
 * Reports arrive over days, in Excel (the strict fake host): the pane keeps its intake in the workbook. Monday: the
 * plan, 10 files, two received days typed by the clerk, Tổng hợp. The pane is closed and the saved workbook opened
 * again; Thursday: the list is back without the files, 5 more are dropped, Tổng hợp: 15 counted, the typed days
 * kept, the clerk's own sheets untouched. And a stored list edited by hand is refused with its reason and replaced
 * only once the clerk agrees; one written by a newer tonghop is refused too.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { vietnamNoon } from '../../src/core';
import { buildSample } from '../../src/sample/sample';
import { type Server, answerYes, launchChromium, openInFakeExcel, serveDist, shotPath, tearDown } from './harness';

const STORE = 'tonghop (tệp đã nhận)';
const MONDAY = ['BDT', 'BQLKCN', 'DPTTH', 'SKHCN', 'HCT', 'HKS', 'HLHPN', 'HLP', 'HMT', 'HMX'];
const THURSDAY = ['HND', 'HTT', 'SCT', 'SGDDT', 'SGTVT'];

let browser: Browser;
let server: Server;
let dir: string;
const fileOf = (code: string) => path.join(dir, 'submissions', `ST-${code}.xlsx`);

beforeAll(async () => {
  // the sample's reports, dated the day each was received (as `tonghop sample` writes them)
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-days-'));
  fs.mkdirSync(path.join(dir, 'submissions'));
  for (const f of (await buildSample('soc-trang')).files) {
    const file = path.join(dir, 'submissions', f.name);
    fs.writeFileSync(file, f.bytes);
    fs.utimesSync(file, new Date(vietnamNoon(f.receivedOn)), new Date(vietnamNoon(f.receivedOn)));
  }
  server = await serveDist();
  browser = await launchChromium();
});

afterAll(() => tearDown(browser, server, dir));

/** The pane in Excel (ExcelApi 1.8) on a new workbook with the clerk's sheets, or on a workbook saved before. */
const openPane = (book: unknown | null) =>
  openInFakeExcel(
    browser,
    server,
    book ? { excelApi: '1.8', book } : { excelApi: '1.8', sheets: ['Sheet1', 'Ghi chép'] },
  );

type FakeWindow = {
  __excel: {
    snapshot(): unknown;
    book: { sheets: { name: string; visibility: string; cells: Map<string, { v: unknown }> }[] };
    sheet(n: string): { cells: Map<string, { v: unknown }> } | undefined;
  };
};
/** A sheet's non-empty cells, as [key, value] sorted (to compare a clerk's sheet before and after). */
const cellsOf = (page: Page, name: string) =>
  page.evaluate((n) => {
    const s = (window as unknown as FakeWindow).__excel.sheet(n);
    return s ? [...s.cells.entries()].map(([k, c]) => [k, c.v]).sort() : null;
  }, name);

/** Rows of the written `Sổ tiếp nhận` table: file name → [received day as Excel's serial, where it came from]. */
const intakeSheet = (page: Page) =>
  page.evaluate(() => {
    const s = (window as unknown as FakeWindow).__excel.sheet('Sổ tiếp nhận')!;
    const at = (r: number, c: number) => s.cells.get(`${r},${c}`)?.v;
    let head = 1;
    while (at(head, 1) !== 'Tên tệp') head++;
    const cols = new Map<unknown, number>();
    for (let c = 1; at(head, c) !== undefined; c++) cols.set(at(head, c), c);
    const out: Record<string, unknown[]> = {};
    for (let r = head + 1; at(r, 1); r++)
      out[String(at(r, 1))] = [at(r, cols.get('Ngày nhận')!), at(r, cols.get('Nguồn ngày nhận')!)];
    return out;
  });

async function drop(page: Page, codes: string[]): Promise<void> {
  await page.evaluate(() => (document.getElementById('progress-text')!.textContent = ''));
  await page.setInputFiles('#files', codes.map(fileOf));
  await page.waitForFunction(() => /Đã đọc/.test(document.getElementById('progress-text')?.textContent ?? ''));
}

async function typeDay(page: Page, file: string, day: string): Promise<void> {
  const input = `li[data-file="${file}"] input.received`;
  await page.fill(input, day);
  await page.dispatchEvent(input, 'change');
}

/** Waits until the list is saved in the workbook with `n` files and no save is under way. */
async function saved(page: Page, n: number): Promise<void> {
  await page.waitForSelector(`#app[data-intake-saved="${n}"][data-intake-save="idle"]`);
  await page.waitForTimeout(300); // a save started by the last change would have begun by now
  await page.waitForSelector(`#app[data-intake-saved="${n}"][data-intake-save="idle"]`);
}

async function consolidate(page: Page): Promise<void> {
  await page.fill('#as-of', '15/07/2024');
  await page.dispatchEvent('#as-of', 'change');
  await page.waitForSelector('body:not(.busy)');
  await page.click('#consolidate');
  await answerYes(page);
  await page.waitForFunction(() => /Đã ghi 8 trang/.test(document.getElementById('status')?.textContent ?? ''));
}

const serial = (iso: string) => (Date.parse(`${iso}T00:00:00Z`) - Date.parse('1899-12-30T00:00:00Z')) / 86_400_000;

test('10 files on Monday, the pane closed, 5 more on Thursday: 15 counted, typed days kept, clerk’s sheets untouched', async () => {
  const monday = await openPane(null);
  await monday.evaluate(() => {
    const s = (window as unknown as { __excel: { sheet(n: string): { cells: Map<string, { v: unknown }> } } }).__excel;
    s.sheet('Ghi chép')!.cells.set('1,1', { v: 'Sổ theo dõi công văn đến' });
    s.sheet('Ghi chép')!.cells.set('2,2', { v: 42 });
  });
  const clerks = { sheet1: await cellsOf(monday, 'Sheet1'), notes: await cellsOf(monday, 'Ghi chép') };
  await monday.click('#insert-sample');
  await monday.waitForSelector('#plan-facts');
  await drop(monday, MONDAY);
  await typeDay(monday, 'ST-BDT.xlsx', '03/07/2024');
  await typeDay(monday, 'ST-HMT.xlsx', '29/06/2024');
  await consolidate(monday);
  await saved(monday, 10);
  expect(await monday.textContent('#intake-store-note')).toContain(`Đã lưu 10 tệp vào sổ, ở trang ẩn “${STORE}”`);
  const book = await monday.evaluate(() => (window as unknown as FakeWindow).__excel.snapshot());
  await monday.close();

  // Thursday: the saved workbook opened again; the files of Monday are not dropped again
  const thursday = await openPane(book);
  await thursday.waitForSelector('#app[data-intake="restored"]');
  expect(await thursday.textContent('#status')).toContain('Đã mở lại danh sách 10 tệp đã nhận');
  expect(await thursday.textContent('#plan-facts dd[data-k="number"]')).toBe('1350/STNMT-MT');
  expect(await thursday.locator('#file-list li.file').count()).toBe(10);
  expect(await thursday.inputValue('li[data-file="ST-BDT.xlsx"] input.received')).toBe('03/07/2024');
  expect(await thursday.inputValue('li[data-file="ST-HMT.xlsx"] input.received')).toBe('29/06/2024');
  await thursday.screenshot({ path: shotPath('60-days-reopened') });

  await drop(thursday, THURSDAY);
  expect(await thursday.locator('#file-list li.file').count()).toBe(15);
  await consolidate(thursday);
  await saved(thursday, 15);
  const rows = await intakeSheet(thursday);
  expect(Object.keys(rows).sort()).toEqual([...MONDAY, ...THURSDAY].map((c) => `ST-${c}.xlsx`).sort());
  expect(rows['ST-BDT.xlsx']).toEqual([serial('2024-07-03'), 'Nhập tay']);
  expect(rows['ST-HMT.xlsx']).toEqual([serial('2024-06-29'), 'Nhập tay']);
  // every one of the 15 counts: on time or late, none missing among them
  const counted = await thursday.evaluate(() => {
    const s = (window as unknown as FakeWindow).__excel.sheet('Theo đơn vị')!;
    return [...s.cells.values()].filter((c) => c.v === 'Đúng hạn' || c.v === 'Nộp muộn').length;
  });
  expect(counted).toBe(15);
  expect(await cellsOf(thursday, 'Sheet1')).toEqual(clerks.sheet1);
  expect(await cellsOf(thursday, 'Ghi chép')).toEqual(clerks.notes);
  const visibility = await thursday.evaluate(
    (n) => (window as unknown as FakeWindow).__excel.book.sheets.find((s) => s.name === n)?.visibility,
    STORE,
  );
  expect(visibility).toBe('VeryHidden');
  await thursday.locator('#step-intake').screenshot({ path: shotPath('61-days-thursday') });
  await thursday.close();
});

test('a stored list edited by hand is refused with its reason, replaced only once the clerk agrees; a newer one refused', async () => {
  const first = await openPane(null);
  await first.click('#insert-sample');
  await first.waitForSelector('#plan-facts');
  await drop(first, MONDAY.slice(0, 2));
  await saved(first, 2);
  const book = (await first.evaluate(() => (window as unknown as FakeWindow).__excel.snapshot())) as {
    sheets: { name: string; cells: [string, { v: string | number }][] }[];
  };
  await first.close();
  const newer = JSON.parse(JSON.stringify(book)) as typeof book;
  // one character of the stored text changed by hand
  const cell = book.sheets.find((s) => s.name === STORE)!.cells.find(([k]) => k === '2,1')![1];
  const text = String(cell.v);
  cell.v = (text[0] === 'A' ? 'B' : 'A') + text.slice(1);

  const page = await openPane(book);
  await page.waitForSelector('#app[data-intake="refused"]');
  expect(await page.textContent('#intake-store-note')).toMatch(/“?tonghop \(tệp đã nhận\)”?.*bị sửa hoặc hỏng/);
  expect(await page.locator('#file-list li.file').count()).toBe(0);
  const stored = () => cellsOf(page, STORE);
  const before = await stored();
  await page.locator('#step-intake').screenshot({ path: shotPath('62-days-refused') });

  // the plan and a file: saving would replace the damaged list, so the pane asks; "Thôi" leaves it as it was
  await page.click('#read-plan');
  await page.waitForSelector('#plan-facts');
  await page.setInputFiles('#files', [fileOf('HLP')]);
  await page.waitForSelector('#confirm');
  expect(await page.textContent('#confirm-text')).toContain('Ghi danh sách tệp hiện tại đè lên dữ liệu đó?');
  await page.click('#confirm-no');
  await page.waitForSelector('#intake-save-anyway');
  expect(await page.textContent('#intake-store-note')).toContain('chưa được lưu vào sổ');
  expect(await stored()).toEqual(before);

  // asked again from the note, "Thay": the list is saved over it
  await page.click('#intake-save-anyway');
  await page.click('#confirm-yes');
  await saved(page, 1);
  expect(await stored()).not.toEqual(before);
  await page.close();

  // the same list as a newer tonghop would write it (its data version): refused, update tonghop; nothing read
  newer.sheets.find((s) => s.name === STORE)!.cells.find(([k]) => k === '1,2')![1].v = 2;
  const later = await openPane(newer);
  await later.waitForSelector('#app[data-intake="refused"]');
  const kept = await cellsOf(later, STORE);
  expect(await later.textContent('#intake-store-note')).toMatch(
    /do một phiên bản tonghop mới hơn ghi.*cập nhật tonghop/,
  );
  expect(await later.locator('#file-list li.file').count()).toBe(0);
  // the plan read again without a file: nothing is written over the newer list
  await later.click('#read-plan');
  await later.waitForSelector('#plan-facts');
  await later.waitForTimeout(500);
  expect(await cellsOf(later, STORE)).toEqual(kept);
  await later.close();
});

test('where Excel cannot hide a sheet (ExcelApi 1.1), the list is kept in a visible sheet the pane names; a file taken off', async () => {
  const page = await openInFakeExcel(browser, server, { excelApi: '1.1', sheets: ['Sheet1'] });
  await page.click('#insert-sample');
  await page.waitForSelector('#plan-facts');
  await drop(page, ['HLP', 'HMX']);
  await saved(page, 2);
  // a file taken off the list ("Bỏ", asked first) is taken out of the workbook's list too
  await page.click('li[data-file="ST-HMX.xlsx"] button.remove-file');
  expect(await page.textContent('#confirm-text')).toContain('Bỏ tệp “ST-HMX.xlsx” khỏi danh sách?');
  await page.click('#confirm-yes');
  await saved(page, 1);
  expect(await page.locator('#file-list li.file').count()).toBe(1);
  expect(await page.textContent('#intake-store-note')).toContain(
    `ở trang “${STORE}” (Excel này không ẩn được trang đó: đừng sửa hay xoá nó)`,
  );
  const visibility = await page.evaluate(
    (n) => (window as unknown as FakeWindow).__excel.book.sheets.find((s) => s.name === n)?.visibility,
    STORE,
  );
  expect(visibility).toBe('Visible');
  await page.close();
});

test('the list kept in the workbook is the same, cell for cell, whether the reading worker or the page encoded it', async () => {
  const stored = async (withWorker: boolean) => {
    const page = await openInFakeExcel(browser, server, { excelApi: '1.8', sheets: ['Sheet1'] }, async (p) => {
      if (!withWorker) await p.addInitScript('delete window.Worker;');
    });
    await page.click('#insert-sample');
    await page.waitForSelector('#plan-facts');
    await drop(page, MONDAY.slice(0, 6));
    await typeDay(page, 'ST-BDT.xlsx', '03/07/2024'); // a day typed after reading: the worker's copy is told
    await saved(page, 6);
    const reader = await page.getAttribute('#app', 'data-reader');
    const cells = await cellsOf(page, STORE);
    await page.close();
    return { reader, cells };
  };
  const inWorker = await stored(true);
  const inPage = await stored(false);
  expect([inWorker.reader, inPage.reader]).toEqual(['worker', 'page']);
  expect(inWorker.cells?.length).toBeGreaterThan(6);
  expect(inWorker.cells).toEqual(inPage.cells);
});
