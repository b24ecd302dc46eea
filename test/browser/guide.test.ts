/**
 * The user guide in the pane (350 px, standalone): each step's "?" opens help.html — the guide of docs/huong-dan,
 * bundled in dist/ — at that step's heading, over the pane; closing it gives the pane back as it was. The guide and
 * its pictures come from the pane's own server (it works offline); the legacy build (Office 2016's Internet Explorer 11
 * webview) opens the same page; and the build's PDF of the officer's part is A4 in
 * the reports' font (Times New Roman, here its metric twin Liberation Serif).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { pdfFonts } from '../helpers/tools';
import {
  DIST,
  RESULTS,
  type Server,
  launchChromium,
  openPane,
  ownOriginOnly,
  serveDist,
  serveDistAs,
  shotPath,
  tearDown,
} from './harness';
import { IE11 } from './ie11-surface';

let browser: Browser;
let server: Server;

beforeAll(async () => {
  server = await serveDist();
  browser = await launchChromium();
});

afterAll(() => tearDown(browser, server));

async function paneAt350(): Promise<{ page: Page; requests: string[] }> {
  const page = await browser.newPage({ viewport: { width: 350, height: 700 } });
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await ownOriginOnly(page, server); // office.js unreachable: the pane runs standalone
  await page.goto(`${server.url}taskpane.html`);
  await page.waitForSelector('#app[data-state="ready"]');
  return { page, requests };
}

async function helpFrame(page: Page, anchor: string): Promise<Frame> {
  await page.waitForSelector('#help-frame');
  const handle = await page.$('#help-frame');
  const frame = (await handle!.contentFrame())!;
  await frame.waitForLoadState('load');
  await frame.waitForSelector(`#${anchor}`);
  return frame;
}

test("each step's ? opens the guide inside the pane at that step; closing it gives the pane back", async () => {
  const { page } = await paneAt350();
  await page.fill('#as-of', '15/07/2024');
  // every step has its button (test/guide checks each anchor is a heading of the guide)
  const anchors = await page.$$eval('section.card', (cards) =>
    cards.map((c) => [c.id, c.querySelector('button.help-button')?.getAttribute('data-help') ?? '']),
  );
  expect(anchors.map(([, a]) => a)).toEqual(['buoc-1', 'buoc-2', 'buoc-3', 'buoc-4', 'buoc-5']);
  for (const [step, anchor] of anchors) {
    const button = page.locator(`#${step} button.help-button`);
    expect(await button.getAttribute('title')).toMatch(/^Hướng dẫn: \d\. /);
    await button.click();
    const frame = await helpFrame(page, anchor);
    expect(frame.url()).toBe(`${server.url}help.html#${anchor}`);
    // the step's heading is at the top of the guide's view
    const top = await frame.evaluate((id) => document.getElementById(id)!.getBoundingClientRect().top, anchor);
    expect(Math.abs(top)).toBeLessThan(2);
    expect(await page.isVisible('#help-view')).toBe(true);
    if (anchor === 'buoc-3') await page.screenshot({ path: shotPath('guide-help-350') });
    if (anchor === 'buoc-4') await page.keyboard.press('Escape');
    else await page.click('#help-close');
    expect(await page.$('#help-view')).toBeNull();
  }
  // the pane is as it was: what was typed is still there
  expect(await page.inputValue('#as-of')).toBe('15/07/2024');
  await page.close();
});

test("the guide's page, style and pictures come from the pane's server and show at the pane's width", async () => {
  const { page, requests } = await paneAt350();
  await page.goto(`${server.url}help.html`);
  const pictures = await page.$$eval('img', (imgs) =>
    imgs.map((i) => ({ src: i.getAttribute('src'), width: i.naturalWidth, shown: i.getBoundingClientRect().width })),
  );
  expect(pictures.length).toBeGreaterThanOrEqual(8);
  for (const p of pictures) {
    expect(p.width).toBe(700); // 350 px taken at twice the pixels
    expect(p.shown).toBeLessThanOrEqual(350);
  }
  expect(await page.evaluate(() => getComputedStyle(document.body).maxWidth)).not.toBe('none'); // help.css loaded
  expect(requests.filter((u) => !u.startsWith(server.url))).toEqual([
    'https://appsforoffice.microsoft.com/lib/1/hosted/office.js', // the pane's, refused; the guide asks nothing
  ]);
  await page.screenshot({ path: shotPath('guide-help-top') });
  await page.close();
});

test('in Office 2016 (the legacy build, IE11 surface, ExcelApi 1.1) the ? opens the same guide at its step', async () => {
  const errors: string[] = [];
  const legacy = await serveDistAs(IE11);
  try {
    const page = await openPane(browser, legacy, {
      officeJs: { fake: { excelApi: '1.1', platform: 'PC' } },
      surface: IE11,
      ready: '#app[data-state="ready"]',
      errors,
    });
    expect(await page.getAttribute('html', 'data-build')).toBe('legacy');
    const pictures: string[] = [];
    page.on('response', (r) => {
      if (r.status() === 200 && r.url().endsWith('.png')) pictures.push(r.url());
    });
    const button = page.locator('#step-intake button.help-button');
    expect(await button.getAttribute('title')).toBe('Hướng dẫn: 3. Nhận báo cáo');
    await button.click();
    const frame = await helpFrame(page, 'buoc-3');
    expect(frame.url()).toBe(`${legacy.url}help.html#buoc-3`);
    await page.screenshot({ path: shotPath('guide-help-350-legacy') });
    expect(await frame.textContent('#buoc-3')).toMatch(/Nhận báo cáo/);
    // its pictures came from the add-in's server (the surface is taken from the guide's frame too: no evaluate there)
    expect(pictures.filter((p) => p.startsWith(`${legacy.url}huong-dan/hinh/`)).length).toBeGreaterThan(7);
    await page.click('#help-close');
    expect(await page.$('#help-view')).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  } finally {
    await legacy.close();
  }
});

test('the build printed the officer’s part: A4, Times New Roman (Liberation Serif), page numbers', () => {
  const pdf = path.join(DIST, 'huong-dan-tong-hop.pdf');
  expect(fs.existsSync(pdf)).toBe(true);
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
  expect(pdfFonts(pdf)).toEqual(expect.arrayContaining(['LiberationSerif', 'LiberationSerif-Bold']));
  const first = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-layout', pdf, '-'], { encoding: 'utf8' });
  expect(first).toContain('HƯỚNG DẪN SỬ DỤNG');
  expect(first).toMatch(/Trang 1\/\d+/);
  // the first pages, to look at
  fs.mkdirSync(RESULTS, { recursive: true });
  execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '3', pdf, path.join(RESULTS, 'guide-pdf')]);
});
