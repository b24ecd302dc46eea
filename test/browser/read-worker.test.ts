/**
 * The pane reads the received files in a Web Worker. What a user would notice: the pane answers a click
 * while the worker is still on a file (the worker is held on that file by a test script put before its code as
 * served, see WORKER_HOOKS); the list is the same as when the page reads the files itself (Worker removed, the
 * fallback); a file that crashes the worker, hangs it or gets a reply not as agreed back is listed as rejected
 * with a plain reason and the others are read; "Dừng đọc" stops the worker; a plan replaced mid-read re-reads.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  type Server,
  answerYes,
  buildCli,
  cli,
  launchChromium,
  ownOriginOnly,
  serveDist,
  shotPath,
  tearDown,
} from './harness';

/**
 * Put before the reading worker's code: a reply for a file whose name holds CRASH becomes an uncaught error, HANG
 * never answers, SLOW answers after 3 s of a busy worker, BOGUS answers with a submission not as agreed.
 */
const WORKER_HOOKS = `(function () {
  var post = self.postMessage.bind(self);
  self.postMessage = function (msg, transfer) {
    var name = msg && msg.type === 'done' && msg.submission ? msg.submission.file : '';
    if (/CRASH/.test(name)) { setTimeout(function () { throw new Error('test crash'); }, 0); return; }
    if (/HANG/.test(name)) { for (;;) {} }
    if (/SLOW/.test(name)) { var t = Date.now(); while (Date.now() - t < 3000) {} }
    if (/BOGUS/.test(name)) msg = { type: 'done', id: msg.id, submission: { file: name } };
    return transfer ? post(msg, transfer) : post(msg);
  };
})();
`;

let browser: Browser;
let server: Server;
let dir: string;
let subs: string[];

beforeAll(async () => {
  buildCli();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-worker-'));
  cli(['sample', dir]);
  const subDir = path.join(dir, 'submissions');
  subs = fs
    .readdirSync(subDir)
    .sort()
    .map((f) => path.join(subDir, f));
  server = await serveDist((rel, body) => (/^read-worker\./.test(rel) ? WORKER_HOOKS + body.toString('utf8') : null));
  browser = await launchChromium();
});

afterAll(() => tearDown(browser, server, dir));

/** A copy of a sample submission under another name (the agency is still recognised from its content). */
function copyAs(name: string, from = 'ST-SYT.xlsx'): string {
  const p = path.join(dir, name);
  fs.copyFileSync(path.join(dir, 'submissions', from), p);
  return p;
}

async function openPane(
  opts: { noWorker?: boolean; timeoutMs?: number } = {},
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 350, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await ownOriginOnly(page, server);
  if (opts.noWorker) await page.addInitScript('delete window.Worker;');
  if (opts.timeoutMs) await page.addInitScript(`window.__tonghopReadTimeoutMs = ${opts.timeoutMs};`);
  await page.goto(`${server.url}taskpane.html`);
  await page.waitForSelector('#app[data-engine="ready"]');
  await page.click('#insert-sample');
  await page.waitForSelector('#plan-facts');
  return { page, errors };
}

const readDone = (page: Page, timeout = 120_000) =>
  page.waitForSelector('#progress-text >> text=/Đã đọc/', { timeout });

/** Each line of the list as the clerk sees it: file, agency, verdict, date, count, reason. */
async function fileLines(page: Page): Promise<string[][]> {
  return page.$$eval('#file-list li.file', (lis) =>
    lis.map((li) => [
      li.getAttribute('data-file') ?? '',
      li.querySelector('.agency')?.textContent ?? '',
      li.querySelector('.verdict')?.className ?? '',
      (li.querySelector('input.received') as HTMLInputElement | null)?.value ?? '',
      li.querySelector('.count')?.textContent ?? '',
      li.querySelector('.reason')?.textContent ?? '',
    ]),
  );
}

test('files are read in the worker, and the list is the same as when the page reads them', async () => {
  const a = await openPane();
  await a.page.setInputFiles('#files', subs);
  await readDone(a.page);
  expect(await a.page.getAttribute('#app', 'data-reader')).toBe('worker');
  // every report (not the intake log, read as grids) came back from the worker
  expect(await a.page.getAttribute('#app', 'data-worker-files')).toBe(String(subs.length - 1));
  expect(a.page.workers().map((w) => w.url())).toEqual([expect.stringMatching(/read-worker\.[0-9a-f]+\.js$/)]);
  await a.page.click('#consolidate');
  await a.page.waitForSelector('#overview table');
  await a.page.screenshot({ path: shotPath('40-worker-read'), fullPage: true });

  const b = await openPane({ noWorker: true });
  await b.page.setInputFiles('#files', subs);
  await readDone(b.page);
  expect(await b.page.getAttribute('#app', 'data-reader')).toBe('page');
  expect(await b.page.getAttribute('#app', 'data-worker-files')).toBeNull();
  // nothing scary: the page reads as before, without a word about workers
  expect(await b.page.getAttribute('#status', 'data-kind')).not.toBe('error');
  await b.page.click('#consolidate');
  await b.page.waitForSelector('#overview table');

  const lines = await fileLines(a.page);
  expect(lines).toHaveLength(subs.length);
  expect(lines.filter((l) => /v-accepted/.test(l[2])).length).toBeGreaterThan(20);
  expect(lines).toEqual(await fileLines(b.page));
  expect(await a.page.textContent('#overview')).toBe(await b.page.textContent('#overview'));
  expect([...a.errors, ...b.errors]).toEqual([]);
  await a.page.close();
  await b.page.close();
});

test('the pane answers a click while the worker is busy on a file', async () => {
  const { page, errors } = await openPane();
  await page.setInputFiles('#files', [copyAs('SLOW-ST-SYT.xlsx'), ...subs.slice(0, 3)]);
  await page.waitForSelector('#app[data-reader="worker"]');
  // the worker holds the first file for 3 s: the click is answered before any file is read
  await page.click('#templates-one summary');
  expect(await page.getAttribute('#templates-one', 'open')).not.toBeNull();
  expect(await page.textContent('#progress-text')).toBe('Đang đọc 0/4 tệp');
  await page.screenshot({ path: shotPath('41-worker-reading') });
  await readDone(page);
  expect(await page.textContent('#progress-text')).toBe('Đã đọc 4 tệp.');
  expect(errors).toEqual([]);
  await page.close();
});

test('a file that crashes or hangs the worker, or gets a reply not as agreed, is rejected; the rest are read', async () => {
  const { page, errors } = await openPane({ timeoutMs: 3000 });
  // each from another agency's report (the same content twice would be a duplicate)
  const odd = [
    copyAs('CRASH-ST-SYT.xlsx'),
    copyAs('HANG-ST-SNV.xlsx', 'ST-SNV.xlsx'),
    copyAs('BOGUS-ST-SXD.xlsx', 'ST-SXD.xlsx'),
  ];
  const normal = ['ST-BDT', 'ST-BQLKCN', 'ST-SCT', 'ST-SGDDT', 'ST-STP', 'ST-SKHCN'].map((a) =>
    path.join(dir, 'submissions', `${a}.xlsx`),
  );
  await page.setInputFiles('#files', [normal[0], odd[0], normal[1], odd[1], normal[2], odd[2], ...normal.slice(3)]);
  await readDone(page);
  const lines = await fileLines(page);
  expect(lines).toHaveLength(9);
  const line = (name: string) => lines.find((l) => l[0] === name) as string[];
  const stopped = 'Tệp làm dừng trình đọc';
  expect(line('CRASH-ST-SYT.xlsx')[5]).toBe(
    `${stopped} (trình đọc gặp lỗi); tệp có thể hỏng hoặc quá lớn. Hãy mở bằng Excel, lưu lại rồi gửi lại.`,
  );
  expect(line('HANG-ST-SNV.xlsx')[5]).toMatch(new RegExp(`^${stopped} \\(đọc quá 3 giây\\)`));
  expect(line('BOGUS-ST-SXD.xlsx')[5]).toMatch(new RegExp(`^${stopped} \\(trình đọc gặp lỗi\\)`));
  for (const name of ['CRASH-ST-SYT.xlsx', 'HANG-ST-SNV.xlsx', 'BOGUS-ST-SXD.xlsx'])
    expect(line(name)[2]).toMatch(/v-rejected/);
  // the agency of a rejected file is still known from its name
  expect(line('HANG-ST-SNV.xlsx')[1]).toMatch(/Nội vụ/);
  for (const f of normal) expect(line(path.basename(f))[2]).not.toMatch(/v-rejected|v-pending/);
  await page.screenshot({ path: shotPath('42-worker-crashes'), fullPage: true });
  expect(errors).toEqual([]);
  await page.close();
});

test('"Dừng đọc" stops the worker', async () => {
  const { page } = await openPane();
  await page.setInputFiles('#files', [copyAs('HANG-ST-SYT.xlsx'), ...subs.slice(0, 2)]);
  await page.waitForSelector('#app[data-reader="worker"]');
  expect(page.workers()).toHaveLength(1);
  await page.click('#stop-reading');
  await page.waitForSelector('#status >> text=/Đã dừng đọc: 3 tệp/');
  for (let i = 0; i < 50 && page.workers().length > 0; i++) await page.waitForTimeout(100);
  expect(page.workers()).toHaveLength(0);
  expect(await page.$$eval('#file-list li.file', (l) => l.length)).toBe(0);
  // and a new worker reads what comes next
  await page.setInputFiles('#files', subs.slice(2, 4));
  await readDone(page);
  expect(await page.textContent('#progress-text')).toBe('Đã đọc 2 tệp.');
  await page.close();
});

test('a plan replaced while the worker reads: every file is read again against the new plan', async () => {
  const { page, errors } = await openPane();
  await page.setInputFiles('#files', [copyAs('SLOW-ST-SYT.xlsx'), ...subs.slice(0, 3)]);
  await page.waitForSelector('#app[data-reader="worker"]');
  await page.click('#insert-sample');
  await answerYes(page);
  await readDone(page);
  const lines = await fileLines(page);
  expect(lines).toHaveLength(4);
  for (const l of lines) expect(l[2]).not.toMatch(/v-pending/);
  expect(lines[0][1]).toMatch(/Y tế/);
  // the worker read more than the 4 files: those read against the replaced plan were read again
  expect(Number(await page.getAttribute('#app', 'data-worker-files'))).toBeGreaterThan(4);
  expect(errors).toEqual([]);
  await page.close();
});
