/**
 * The pane says what it means, at 350 px, as a clerk reads it:
 *  - step 3 counts errors and warnings apart ("2 lỗi, 1 cảnh báo"), a warning alone does not look like an error,
 *    and the intake register (Sổ tiếp nhận) is not listed as a problem;
 *  - step 5 names the body the plan reports to on the report's buttons, offers the report as a Word document
 *    as the CLI writes it, and says each download beside the buttons;
 *  - the history is picked with a Vietnamese button (keyboard too), each plan is named and shown on its own, its
 *    periods oldest first, each group's name across its table;
 *  - in Excel (the strict fake host), a sheet of the clerk's named `Tổng hợp` is never asked about nor touched:
 *    the summary goes under a free name that the pane states; only the sheets tonghop wrote are asked about.
 * Screenshots: test-results/browser/50-*.png.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import { OFFICE_JS, type Server, buildCli, cli, launchChromium, serveDist, shotPath, tearDown } from './harness';

const FAKE = fs.readFileSync(path.join(__dirname, 'fake-office.js'), 'utf8');
const AS_OF = '2024-07-15';
let browser: Browser;
let server: Server;
let dir: string;
const st = () => path.join(dir, 'st');
const subs = () => path.join(st(), 'submissions');

/** The Sóc Trăng plan moved to an earlier year, with the reports' file dates moved to that year too. */
async function earlierSummary(year: number): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(st(), 'plan.xlsx'));
  const ws = wb.getWorksheet('Kế hoạch')!;
  ws.getCell('B6').value = new Date(Date.UTC(year, 5, 30));
  ws.getCell('B7').value = String(year);
  const plan = path.join(dir, `plan-${year}.xlsx`);
  await wb.xlsx.writeFile(plan);
  const folder = path.join(dir, `subs-${year}`);
  fs.mkdirSync(folder);
  for (const f of fs.readdirSync(subs()).filter((n) => !n.startsWith('Sổ'))) {
    fs.copyFileSync(path.join(subs(), f), path.join(folder, f));
    const when = fs.statSync(path.join(subs(), f)).mtime;
    when.setFullYear(year);
    fs.utimesSync(path.join(folder, f), when, when);
  }
  const out = path.join(dir, `tong-hop-${year}.xlsx`);
  cli(['consolidate', plan, folder, '--as-of', `${year}-07-15`, '-o', out, '--quiet']);
  return out;
}

/** A report with errors and a warning: the sample's Hội LHPN file (2 errors) with its sheet renamed (a warning). */
async function errorsAndWarning(): Promise<string> {
  const src = path.join(subs(), 'ST-HLHPN.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(src);
  wb.getWorksheet('Báo cáo')!.name = 'Sheet1';
  const out = path.join(subs(), 'ST-HLHPN (gui lai).xlsx');
  await wb.xlsx.writeFile(out);
  const when = fs.statSync(src).mtime;
  fs.utimesSync(out, when, when);
  return out;
}

let earlier: string[];
let otherPlan: string;

beforeAll(async () => {
  buildCli();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-says-'));
  cli(['sample', st()]);
  cli(['sample', path.join(dir, 'ht'), '--plan', 'ha-tinh']);
  otherPlan = path.join(dir, 'tong-hop-ha-tinh.xlsx');
  cli([
    'consolidate',
    path.join(dir, 'ht', 'plan.xlsx'),
    path.join(dir, 'ht', 'submissions'),
    '--as-of',
    '2024-12-20',
    '-o',
    otherPlan,
    '--quiet',
  ]);
  earlier = [await earlierSummary(2023), await earlierSummary(2022)];
  await errorsAndWarning();
  server = await serveDist();
  browser = await launchChromium();
});

afterAll(() => tearDown(browser, server, dir));

/** What a list line says about its file's problems, and how each part looks. */
const countsOf = (page: Page, file: string) =>
  page.$$eval(`li.file[data-file="${file}"] .count`, (spans) =>
    spans.map((s) => {
      const css = getComputedStyle(s);
      return { text: s.textContent, cls: s.className, color: css.color, background: css.backgroundColor };
    }),
  );

const visibleFiles = (page: Page) =>
  page.$$eval('#file-list li.file', (lis) =>
    lis.filter((li) => !(li as HTMLElement).hidden).map((li) => li.getAttribute('data-file')),
  );

async function filter(page: Page, value: string): Promise<void> {
  await page.selectOption('#file-filter', value);
}

test('step 3, step 5 and the history say what they mean', async () => {
  const page = await browser.newPage({ viewport: { width: 350, height: 900 }, acceptDownloads: true });
  await page.route('**/*', (route) =>
    route.request().url().startsWith(server.url) ? route.continue() : route.abort(),
  );
  await page.goto(`${server.url}taskpane.html`);
  await page.waitForSelector('#app[data-engine="ready"]');
  await page.click('#insert-sample');
  await page.waitForSelector('#plan-facts');
  const files = fs.readdirSync(subs()).map((f) => path.join(subs(), f));
  await page.setInputFiles('#files', files);
  await page.waitForSelector('#progress-text >> text=/Đã đọc/');

  // step 3: errors and warnings counted apart; a warning alone in the warning look, not the error colour
  await filter(page, 'problems');
  await page.evaluate(() => document.getElementById('step-intake')!.scrollIntoView());
  await page.screenshot({ path: shotPath('50-step3-problems') });
  const both = await countsOf(page, 'ST-HLHPN (gui lai).xlsx');
  const errorsOnly = await countsOf(page, 'ST-HLHPN.xlsx');
  const warningOnly = await countsOf(page, 'ST-SXD.xlsx');
  expect(both.map((c) => c.text)).toEqual(['2 lỗi', '1 cảnh báo']);
  expect(errorsOnly.map((c) => c.text)).toEqual(['2 lỗi']);
  expect(warningOnly.map((c) => c.text)).toEqual(['1 cảnh báo']);
  expect(warningOnly[0].color).not.toBe(errorsOnly[0].color);
  expect(warningOnly[0].background).toBe(both[1].background);
  expect(warningOnly[0].background).not.toBe('rgba(0, 0, 0, 0)');
  expect(await countsOf(page, 'ST-SYT.xlsx')).toEqual([expect.objectContaining({ text: 'không có lỗi' })]);
  // the register gives the received dates: it is not a problem, nor a rejected file
  const problems = await visibleFiles(page);
  expect(problems).toEqual(
    expect.arrayContaining(['ST-HLHPN.xlsx', 'ST-SXD.xlsx', 'ST-HCCB.xlsx', 'ST-HLHPN (gui lai).xlsx']),
  );
  expect(problems).not.toContain('Sổ tiếp nhận.xlsx');
  expect(problems).not.toContain('ST-SYT.xlsx');
  await filter(page, 'rejected');
  expect(await visibleFiles(page)).not.toContain('Sổ tiếp nhận.xlsx');
  await filter(page, 'all');
  expect(await visibleFiles(page)).toContain('Sổ tiếp nhận.xlsx');

  // step 5: the report's buttons name the plan's superior body; each download is said beside the buttons
  await page.fill('#as-of', '15/07/2024');
  await page.dispatchEvent('#as-of', 'change');
  await page.click('#consolidate');
  await page.waitForSelector('#overview-table');
  await page.waitForSelector('body:not(.busy)');
  expect(await page.textContent('#ministry-report')).toBe('Xuất báo cáo gửi UBND tỉnh Sóc Trăng (.xlsx)');
  expect(await page.textContent('#report-docx')).toBe('Xuất báo cáo gửi UBND tỉnh Sóc Trăng (.docx)');
  const [docx] = await Promise.all([page.waitForEvent('download'), page.click('#report-docx')]);
  expect(docx.suggestedFilename()).toBe(`Bao cao 1350-STNMT-MT den ${AS_OF}.docx`);
  const cliDocx = path.join(dir, 'bao-cao.docx');
  cli(['report', path.join(st(), 'plan.xlsx'), subs(), '-o', cliDocx, '--as-of', AS_OF, '--quiet']);
  const body = async (file: string) =>
    (await JSZip.loadAsync(fs.readFileSync(file))).file('word/document.xml')!.async('string');
  // the same document as the CLI's for the same plan, files and as-of date
  expect(await body(await docx.path())).toBe(await body(cliDocx));
  const note = page.locator('#export-note');
  await page.waitForSelector('#export-note:not([hidden])');
  expect(await note.textContent()).toBe(`Đã tải Bao cao 1350-STNMT-MT den ${AS_OF}.docx.`);
  await page.waitForSelector('body:not(.busy)');
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('#ministry-report')]);
  await page.waitForSelector(`#export-note >> text="Đã tải ${xlsx.suggestedFilename()}."`);
  await page.evaluate(() => document.getElementById('step-export')!.scrollIntoView());
  // the note is on screen, right under the buttons, while the status line at the top is scrolled away
  const buttons = (await page.locator('#export-buttons').boundingBox())!;
  const said = (await note.boundingBox())!;
  expect(said.y - (buttons.y + buttons.height)).toBeLessThan(20);
  expect(said.y + said.height).toBeLessThan(900);
  expect((await page.locator('#status').boundingBox())!.y).toBeLessThan(0);
  await page.screenshot({ path: shotPath('50-step5-export') });

  // history: a Vietnamese button, reached with the keyboard; no browser file input (English) on screen
  expect((await page.locator('#history-files').boundingBox())!.width).toBeLessThanOrEqual(1);
  expect(await page.textContent('label[for="history-files"]')).toBe('Chọn sổ tổng hợp kỳ trước…');
  await page.focus('#download-summary');
  for (let i = 0; i < 8 && (await page.evaluate(() => document.activeElement?.id)) !== 'history-files'; i++)
    await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('history-files');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Space')]);
  await chooser.setFiles([earlier[0], otherPlan, earlier[1]]);
  await page.waitForSelector('.history-plan');

  // one section per plan, named, the plan on screen first; its periods oldest first
  const plans = await page.$$eval('.history-plan', (secs) =>
    secs.map((s) => ({
      plan: s.getAttribute('data-plan'),
      title: s.querySelector('h3')?.textContent,
      periods: s.querySelector('.history-periods')?.textContent,
      groups: Array.from(s.querySelectorAll('tbody')).map((b) => b.getAttribute('data-group')),
      firstGroupPeriods: Array.from(s.querySelectorAll('tbody:first-of-type tr[data-period]')).map((r) =>
        r.getAttribute('data-period'),
      ),
    })),
  );
  expect(plans.map((p) => p.plan)).toEqual(['1350/STNMT-MT', '588/KH-UBND']);
  expect(plans[0].title).toBe(
    'Kế hoạch số 1350/STNMT-MT: Tổ chức các hoạt động hưởng ứng Ngày Quốc tế đa dạng sinh học năm 2024',
  );
  expect(plans[1].title).toMatch(/^Kế hoạch số 588\/KH-UBND: /);
  expect(plans[0].periods).toBe('Các kỳ so sánh: 2022, 2023, 2024');
  expect(plans[0].firstGroupPeriods).toEqual(['2022', '2023', '2024']);
  // each province's groups in its own table only
  expect(plans[0].groups).toContain('Huyện Mỹ Tú');
  expect(plans[1].groups).not.toContain('Huyện Mỹ Tú');
  expect(plans[1].groups.filter((g) => !plans[0].groups.includes(g)).length).toBeGreaterThan(3);
  // a group's name across its table, from the left, on one line
  const heads = await page.$$eval('.history-table tr.group-head th', (ths) =>
    ths.map((th) => {
      const css = getComputedStyle(th);
      return { align: css.textAlign, lines: Math.floor(th.clientHeight / parseFloat(css.lineHeight)) };
    }),
  );
  expect(heads.length).toBeGreaterThan(10);
  for (const h of heads) expect(h).toEqual({ align: 'left', lines: 1 });
  await page.evaluate(() => document.getElementById('history')!.scrollIntoView());
  await page.screenshot({ path: shotPath('50-history') });
  await page.close();
});

async function fakeExcelWithOwnSheet(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 350, height: 900 } });
  await page.addInitScript(() => {
    (window as unknown as { __fakeOffice: unknown }).__fakeOffice = {
      excelApi: '1.8',
      sheets: ['Sheet1', 'Tổng hợp'],
    };
  });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url === OFFICE_JS) return route.fulfill({ status: 200, contentType: 'text/javascript', body: FAKE });
    return url.startsWith(server.url) ? route.continue() : route.abort();
  });
  await page.goto(`${server.url}taskpane.html`);
  await page.waitForSelector('#app[data-state="ready"]');
  // the clerk's own sheet, named as tonghop's overview is
  await page.evaluate(() => {
    const x = (window as unknown as { __excel: { sheet(n: string): { cells: Map<string, { v: unknown }> } } }).__excel;
    x.sheet('Tổng hợp').cells.set('1,1', { v: 'Bảng theo dõi của tôi' });
  });
  return page;
}

interface Book {
  sheets: { id: string; name: string }[];
  own: unknown;
}
const bookOf = (page: Page) =>
  page.evaluate((): Book => {
    const x = (
      window as unknown as {
        __excel: {
          book: { sheets: { id: string; name: string }[] };
          cell(s: string, a: string): { v: unknown } | undefined;
        };
      }
    ).__excel;
    const sheets = x.book.sheets.map((s) => ({ id: s.id, name: s.name })).filter((s) => !s.name.startsWith('tonghop'));
    const mine = x.book.sheets.find((s) => s.name === 'Tổng hợp');
    return { sheets, own: mine ? x.cell('Tổng hợp', 'A1')?.v : null };
  });

async function consolidateWritten(page: Page): Promise<'asked' | 'written'> {
  await page.waitForSelector('body:not(.busy)');
  await page.evaluate(() => document.getElementById('consolidate-note')?.remove());
  await page.click('#consolidate');
  return Promise.race([
    page.waitForSelector('#confirm').then(() => 'asked' as const),
    page.waitForSelector('#consolidate-note').then(() => 'written' as const),
  ]);
}

test('in Excel, a sheet of the clerk’s named Tổng hợp is never asked about nor touched', async () => {
  const page = await fakeExcelWithOwnSheet();
  await page.click('#insert-sample');
  await page.waitForSelector('#plan-facts');
  const before = await bookOf(page);
  const mine = before.sheets.find((s) => s.name === 'Tổng hợp')!;

  // first run: nothing of tonghop's to replace, so nothing is asked; the summary goes under a free name, said
  expect(await consolidateWritten(page)).toBe('written');
  await page.waitForSelector('body:not(.busy)');
  let book = await bookOf(page);
  expect(book.sheets).toContainEqual(mine);
  expect(book.own).toBe('Bảng theo dõi của tôi');
  expect(book.sheets.map((s) => s.name)).toContain('Tổng hợp (2)');
  expect(await page.textContent('#consolidate-note')).toContain(
    'Sổ đã có trang “Tổng hợp” không do tonghop ghi: trang đó được giữ nguyên; tonghop ghi vào “Tổng hợp (2)”.',
  );
  await page.screenshot({ path: shotPath('50-excel-own-sheet') });

  // again: it asks about the sheets it wrote, by name, and never about the clerk's
  expect(await consolidateWritten(page)).toBe('asked');
  const question = (await page.textContent('#confirm-text')) ?? '';
  expect(question).toContain('Sổ có 8 trang tổng hợp do tonghop ghi lần trước: “Tổng hợp (2)”, “Theo nhiệm vụ”');
  expect(question).not.toContain('“Tổng hợp”');
  await page.screenshot({ path: shotPath('50-excel-ask-own') });
  // "Thôi": nothing changes
  const asked = await bookOf(page);
  await page.click('#confirm-no');
  await page.waitForSelector('body:not(.busy)');
  expect(await bookOf(page)).toEqual(asked);
  // "Thay": tonghop's sheets are replaced, the clerk's stays as it was
  expect(await consolidateWritten(page)).toBe('asked');
  await page.click('#confirm-yes');
  await page.waitForSelector('#consolidate-note');
  await page.waitForSelector('body:not(.busy)');
  book = await bookOf(page);
  expect(book.sheets).toContainEqual(mine);
  expect(book.own).toBe('Bảng theo dõi của tôi');
  expect(book.sheets.map((s) => s.name).filter((n) => n.startsWith('Tổng hợp'))).toEqual(['Tổng hợp', 'Tổng hợp (2)']);
  await page.close();
});
