/**
 * 200+ files picked at once: the pane keeps answering clicks while it reads them (it yields between files: the
 * details element a click opens is open while the bar is still moving), the progress bar moves, and every file
 * gets its line. Frame gaps and click times are printed, not asserted.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { type Server, buildCli, cli, launchChromium, serveDist, shotPath, tearDown, ownOriginOnly } from './harness';

let browser: Browser;
let server: Server;
let dir: string;

beforeAll(async () => {
  buildCli();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-many-'));
  cli(['sample', path.join(dir, 'sample')]);
  const src = path.join(dir, 'sample', 'submissions');
  const out = path.join(dir, 'many');
  fs.mkdirSync(out);
  const files = fs.readdirSync(src).filter((f) => f.endsWith('.xlsx') && !f.startsWith('Sổ'));
  for (let copy = 0; copy < 6; copy++)
    for (const f of files) fs.copyFileSync(path.join(src, f), path.join(out, `${copy}-${f}`));
  server = await serveDist();
  browser = await launchChromium();
});

afterAll(() => tearDown(browser, server, dir));

test('reading 200 files does not freeze the pane', async () => {
  const page = await browser.newPage({ viewport: { width: 350, height: 900 } });
  await ownOriginOnly(page, server);
  await page.goto(`${server.url}taskpane.html`);
  await page.waitForSelector('#app[data-engine="ready"]');
  await page.click('#insert-sample');
  await page.waitForSelector('#plan-facts');
  const files = fs.readdirSync(path.join(dir, 'many')).map((f) => path.join(dir, 'many', f));
  expect(files.length).toBeGreaterThanOrEqual(200);

  // watch the frames and the bar while reading
  await page.evaluate(() => {
    const w = window as unknown as { __gaps: number[]; __bar: number[]; __stop: boolean };
    w.__gaps = [];
    w.__bar = [];
    w.__stop = false;
    let last = performance.now();
    const bar = document.getElementById('progress') as HTMLProgressElement;
    const tick = (t: number) => {
      w.__gaps.push(t - last);
      last = t;
      if (w.__bar.at(-1) !== bar.value) w.__bar.push(bar.value);
      if (!w.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const started = Date.now();
  await page.setInputFiles('#files', files);
  await page.waitForFunction(() => Number((document.getElementById('progress') as HTMLProgressElement).value) > 20);
  // a click while reading is answered at once
  const clickStart = Date.now();
  await page.click('#templates-one summary');
  const clickMs = Date.now() - clickStart;
  // answered while reading: the details are open before the last file is read
  expect(await page.getAttribute('#templates-one', 'open')).not.toBeNull();
  expect(/Đã đọc/.test((await page.textContent('#progress-text')) ?? '')).toBe(false);
  await page.screenshot({ path: shotPath('20-many-files-reading') });
  // more files while it reads: the same run takes them
  const extra = ['ST-SYT.xlsx', 'ST-SNV.xlsx'].map((f) => {
    const p = path.join(dir, `late-${f}`);
    fs.copyFileSync(path.join(dir, 'sample', 'submissions', f), p);
    return p;
  });
  await page.setInputFiles('#files', extra);
  await page.waitForFunction(
    () => /Đã đọc/.test(document.getElementById('progress-text')?.textContent ?? ''),
    undefined,
    { timeout: 180_000 },
  );
  const totalMs = Date.now() - started;
  const { gaps, bar } = await page.evaluate(() => {
    const w = window as unknown as { __gaps: number[]; __bar: number[]; __stop: boolean };
    w.__stop = true;
    return { gaps: w.__gaps, bar: w.__bar };
  });
  const maxGap = Math.max(...gaps);
  console.log(
    `200+ files: ${files.length} read in ${totalMs} ms; longest frame gap ${Math.round(maxGap)} ms; click answered in ${clickMs} ms; bar took ${bar.length} values`,
  );
  // the list is drawn in slices after reading: every file is in it a moment later
  await page.waitForFunction((n) => document.querySelectorAll('#file-list li.file').length === n, files.length + 2);
  expect(await page.textContent('#progress-text')).toBe(`Đã đọc ${files.length + 2} tệp.`);
  expect(await page.$$eval('#file-list .verdict.v-pending', (l) => l.length)).toBe(0);
  // the bar moves while reading (at most ten times a second, so a fast read gives a few steps), never back
  const between = bar.filter((v) => v > 0 && v < files.length);
  expect(between.length).toBeGreaterThanOrEqual(3);
  expect(bar).toEqual([...bar].sort((x, y) => x - y));
  // the figures above are printed, not asserted: timings belong to `npm run bench`
  await page.close();
});
