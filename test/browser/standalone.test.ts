/**
 * The pane in standalone mode (office.js unreachable), in headless Chromium at 350 px: sample plan, the sample
 * submissions picked with setInputFiles, the overview against the CLI's JSON for the same files and as-of date,
 * the summary and templates downloaded and read back; names like `<img onerror>` shown literally; no request
 * leaves the page's origin except the (refused) office.js.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import { OFFICE_JS, type Server, buildCli, cli, launchChromium, serveDist, shotPath, tearDown } from './harness';

interface CliJson {
  overall: { required: number; onTime: number; late: number; missing: number; rejected: number; completeness: number };
  groups: {
    name: string;
    required: number;
    onTime: number;
    late: number;
    missing: number;
    rejected: number;
    completeness: number;
  }[];
  agencies: { code: string; name: string; status: string }[];
  intake: { file: string; verdict: string }[];
}

const AS_OF = '2024-07-15';
let browser: Browser;
let server: Server;
let dir: string;
let expected: CliJson;
let page: Page;
const requests: string[] = [];
const dialogs: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  buildCli();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-pane-'));
  cli(['sample', dir]);
  const jsonPath = path.join(dir, 'cli.json');
  cli([
    'consolidate',
    path.join(dir, 'plan.xlsx'),
    path.join(dir, 'submissions'),
    '--as-of',
    AS_OF,
    '--json',
    jsonPath,
    '--quiet',
  ]);
  expected = JSON.parse(fs.readFileSync(jsonPath, 'utf8')) as CliJson;
  server = await serveDist();
  browser = await launchChromium();
  const context = await browser.newContext({
    viewport: { width: 350, height: 900 },
    locale: 'vi-VN',
    acceptDownloads: true,
  });
  page = await context.newPage();
  page.on('request', (r) => requests.push(r.url()));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`),
    );
  });
  // Microsoft's CDN unreachable: the pane must fall back to standalone mode
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(server.url) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
    return route.abort('internetdisconnected');
  });
});

afterAll(() => tearDown(browser, server, dir));

async function overviewRows(p: Page): Promise<Record<string, Record<string, number>>> {
  return p.$$eval('#overview-table tbody tr', (rows) => {
    const out: Record<string, Record<string, number>> = {};
    for (const tr of rows) {
      const key = (tr as HTMLElement).dataset.group ?? '';
      const cells: Record<string, number> = {};
      for (const td of tr.querySelectorAll('td')) {
        const k = (td as HTMLElement).dataset.k ?? '';
        cells[k] = Number((td as HTMLElement).dataset.v ?? td.textContent);
      }
      out[key] = cells;
    }
    return out;
  });
}

test('the pane paints in standalone mode, in Vietnamese, without the engine in its first bundle', async () => {
  await page.goto(`${server.url}taskpane.html`);
  await page.waitForSelector('#app[data-state="ready"]');
  expect(await page.getAttribute('#app', 'data-host')).toBe('standalone');
  expect(await page.textContent('h1')).toBe('Tổng hợp báo cáo');
  expect(await page.isVisible('#read-plan')).toBe(false); // no open workbook without Excel
  const csp = (await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content')) ?? '';
  expect(csp).toContain("script-src 'self' https://appsforoffice.microsoft.com;");
  expect(csp).not.toMatch(/unsafe-(inline|eval)/);
  await page.waitForSelector('#app[data-engine="ready"]');
  await page.screenshot({ path: shotPath('01-start'), fullPage: true });
});

test('step 1: the sample plan is shown', async () => {
  await page.click('#insert-sample');
  await page.waitForSelector('#plan-facts');
  expect(await page.textContent('#plan-facts dd[data-k="number"]')).toBe('1350/STNMT-MT');
  expect(Number(await page.textContent('#plan-facts dd[data-k="agencies"]'))).toBe(expected.agencies.length);
  expect(await page.isEnabled('#templates-zip')).toBe(true);
  await page.screenshot({ path: shotPath('02-plan'), fullPage: true });
});

test('step 2: the templates download as one zip, one per agency', async () => {
  await page.waitForSelector('body:not(.busy)'); // a click while busy is ignored
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#templates-zip')]);
  const zip = await JSZip.loadAsync(fs.readFileSync(await dl.path()));
  const names = Object.keys(zip.files);
  expect(names).toHaveLength(expected.agencies.length);
  expect(names).toContain('ST-SYT.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await zip.file('ST-SYT.xlsx')!.async('nodebuffer')) as unknown as ArrayBuffer);
  expect(wb.worksheets.map((w) => w.name)).toContain('Báo cáo');
  await page.click('#templates-one summary');
  await page.screenshot({ path: shotPath('03-templates'), fullPage: true });
  await page.click('#templates-one summary');
});

test('step 3: the sample submissions are read with a moving progress bar and listed with their dates', async () => {
  const subDir = path.join(dir, 'submissions');
  const files = fs.readdirSync(subDir).map((f) => path.join(subDir, f));
  const values: number[] = [];
  await page.exposeFunction('__progress', (v: number) => values.push(v));
  await page.evaluate(() => {
    const bar = document.getElementById('progress') as HTMLProgressElement;
    new MutationObserver(() =>
      (window as unknown as { __progress: (v: number) => void }).__progress(bar.value),
    ).observe(bar, { attributes: true });
  });
  await page.setInputFiles('#files', files);
  await page.waitForFunction(() => /Đã đọc/.test(document.getElementById('progress-text')?.textContent ?? ''));
  expect(await page.textContent('#progress-text')).toBe(`Đã đọc ${files.length - 1} tệp.`); // the intake log is not a report
  // the bar moved: it showed a count between none and all (it moves at most ten times a second, so a fast read of
  // the sample's files gives a few steps, the first as soon as one file is read)
  expect(values.some((v) => v > 0 && v < files.length - 1)).toBe(true);
  expect(new Set(values).size).toBeGreaterThanOrEqual(3);
  expect(await page.$$eval('#file-list li.file', (l) => l.length)).toBe(files.length);
  // the received date is the file's date (the CLI set it), editable in the list
  const sample = path.basename(files.find((f) => /ST-SYT/.test(f))!);
  const shown = await page.inputValue(`li[data-file="${sample}"] input.received`);
  const mtime = fs.statSync(path.join(subDir, sample)).mtime;
  // shown as dd/mm/yyyy whatever the browser's locale
  const day = `${String(mtime.getDate()).padStart(2, '0')}/${String(mtime.getMonth() + 1).padStart(2, '0')}/${mtime.getFullYear()}`;
  expect(shown).toBe(day);
  await page.screenshot({ path: shotPath('04-intake'), fullPage: true });
  await page.locator('#step-intake').scrollIntoViewIfNeeded();
  await page.evaluate(() => document.getElementById('step-intake')!.scrollIntoView());
  await page.screenshot({ path: shotPath('04-intake-top') });
});

test('step 4: the overview equals the CLI JSON for the same plan, files and as-of date', async () => {
  await page.fill('#as-of', AS_OF);
  await page.dispatchEvent('#as-of', 'change');
  await page.click('#consolidate');
  await page.waitForSelector('#overview-table');
  const rows = await overviewRows(page);
  const pick = (g: CliJson['overall']) => ({
    required: g.required,
    onTime: g.onTime,
    late: g.late,
    missing: g.missing,
    rejected: g.rejected,
    completeness: g.completeness,
  });
  expect(rows['*']).toEqual(pick(expected.overall));
  for (const g of expected.groups) expect(rows[g.name]).toEqual(pick(g));
  expect(Object.keys(rows)).toHaveLength(expected.groups.length + 1);
  expect(expected.overall.late).toBeGreaterThan(0);
  expect(expected.overall.missing).toBeGreaterThan(0);
  await page.evaluate(() => document.getElementById('step-consolidate')!.scrollIntoView());
  await page.screenshot({ path: shotPath('05-overview') });
});

test('step 5: the summary workbook downloads and reads back with the CLI statuses', async () => {
  await page.waitForSelector('body:not(.busy)'); // a click while busy is ignored
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#download-summary')]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(await dl.path()) as unknown as ArrayBuffer);
  expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
    ['Tổng hợp', 'visible'],
    ['Theo nhiệm vụ', 'visible'],
    ['Theo đơn vị', 'visible'],
    ['Theo huyện, khu vực', 'visible'],
    ['Chưa nộp, nộp muộn', 'visible'],
    ['Lỗi dữ liệu', 'visible'],
    ['Chi tiết', 'visible'],
    ['Sổ tiếp nhận', 'visible'],
    ['_tonghop_tonghop', 'hidden'], // the data `tonghop history` and the pane's trend read
  ]);
  const ws = wb.getWorksheet('Theo đơn vị')!;
  const statusLabel: Record<string, string> = {
    on_time: 'Đúng hạn',
    late: 'Nộp muộn',
    missing: 'Chưa nộp',
    rejected: 'Không hợp lệ',
  };
  const byCode = new Map<string, string>();
  ws.eachRow((row) => {
    const code = row.getCell(1).value;
    if (typeof code === 'string') byCode.set(code, String(row.getCell(5).value));
  });
  for (const a of expected.agencies) expect(byCode.get(a.code)).toBe(statusLabel[a.status]);
});

test('editing a received date in the list changes the verdict', async () => {
  const late = expected.agencies.find((a) => a.status === 'late')!;
  const li = page.locator('li.file', { has: page.locator('.agency', { hasText: late.name }) }).last();
  await li.locator('input.received').fill('2024-06-01');
  await li.locator('input.received').dispatchEvent('change');
  await page.click('#consolidate');
  await page.waitForFunction(
    (n) => Number(document.querySelector('#overview-table tr[data-group="*"] td[data-k="late"]')?.textContent) === n,
    expected.overall.late - 1,
  );
});

test('file names are shown as text and run nothing; no request leaves the origin', async () => {
  const name = '<img src=x onerror=alert(1)>.xlsx';
  await page.setInputFiles('#files', [
    { name, mimeType: 'application/octet-stream', buffer: Buffer.from('<script>alert(2)</script>') },
  ]);
  await page.waitForSelector('li.file[data-file="<img src=x onerror=alert(1)>.xlsx"] .count');
  const li = page.locator('li.file').last();
  expect(await li.locator('.file-name').textContent()).toBe(name);
  expect(await page.$$eval('#file-list img', (l) => l.length)).toBe(0);
  await page.waitForTimeout(300);
  expect(dialogs).toEqual([]);
  await li.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shotPath('06-hostile-name') });

  const foreign = requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('blob:') && !u.startsWith('data:'));
  expect(foreign).toEqual([OFFICE_JS]);
  expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
  // the first bundle is small: the engine came as separate chunks, after the pane painted
  const scripts = requests.filter((u) => u.endsWith('.js') && u.startsWith(server.url));
  expect(scripts.length).toBeGreaterThanOrEqual(2);
});

test('an earlier summary dropped in step 5 shows the periods compared and each group’s rates', async () => {
  // a summary of the same plan and period written earlier by the CLI, and a file that is not a summary at all
  const earlier = path.join(dir, 'tong-hop-truoc.xlsx');
  cli([
    'consolidate',
    path.join(dir, 'plan.xlsx'),
    path.join(dir, 'submissions'),
    '--as-of',
    '2024-07-01',
    '-o',
    earlier,
    '--quiet',
  ]);
  await page.setInputFiles('#history-files', [earlier, path.join(dir, 'plan.xlsx')]);
  await page.waitForSelector('.history-table');
  const text = (await page.textContent('#history')) ?? '';
  // the same period twice counts once (the newer: the one on screen); the plan workbook is named and left out
  expect(text).toContain('Các kỳ so sánh: 2024');
  expect(text).toMatch(/Không dùng plan\.xlsx: /);
  // one row group per group: its name across the table, then one row per period
  const rows = await page.$$eval('.history-table tbody', (bodies) =>
    bodies.map((b) =>
      Array.from(b.querySelectorAll('tr')).map((tr) => Array.from(tr.children).map((c) => c.textContent)),
    ),
  );
  expect(rows).toHaveLength(expected.groups.length);
  // Sở, ban, ngành: its two rates as percents (vi-VN), one period only
  expect(rows[0]).toEqual([
    ['Sở, ban, ngành'],
    ['2024', expect.stringMatching(/^\d+,\d%$/), expect.stringMatching(/^\d+,\d%$/), 'Mới có một kỳ'],
  ]);
  await page.screenshot({ path: shotPath('07-history'), fullPage: true });
});
