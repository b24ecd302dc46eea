/**
 * Hostile text in the task pane (standalone mode, headless Chromium): a plan whose agency, task and plan names are HTML and
 * script payloads, submissions whose file names, sheet names and cell texts are too. The pane shows every one of them
 * literally, runs nothing (no dialog, no element or handler made from the text), requests nothing outside its own
 * origin (office.js, refused, apart), and its Content-Security-Policy allows scripts only from itself and office.js's
 * origin.
 */
import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import { type Plan, TABLE_LABELS, workbookBytes, writePlanWorkbook } from '../../src/core';
import { buildSample, fillTemplate } from '../../src/sample/sample';
import { OFFICE_JS, type Server, launchChromium, serveDist, shotPath, tearDown } from './harness';

const P = {
  img: '<img src=x onerror=alert(1)>',
  script: '<script>alert(2)</script>',
  svg: '<svg onload=alert(3)>',
  iframe: '<iframe src="javascript:alert(4)">',
  formula: "=cmd|' /C calc'!A0",
  sheet: '<img src=y onerror=alert(5)>', // a legal sheet name (31 characters at most, no : \ / ? * [ ])
  file: '<svg onload=alert(6)>.xlsx',
  cell: '<b onmouseover=alert(7)>đã làm</b>',
};

let browser: Browser;
let server: Server;
let page: Page;
let plan: Plan;
const requests: string[] = [];
const dialogs: string[] = [];

beforeAll(async () => {
  const sample = await buildSample('soc-trang');
  plan = {
    ...sample.plan,
    title: `${P.script} ${sample.plan.title}`,
    tasks: sample.plan.tasks.map((t, i) => (i === 0 ? { ...t, title: P.svg } : t)),
    agencies: sample.plan.agencies.map((a, i) =>
      i === 0 ? { ...a, name: P.img } : i === 1 ? { ...a, name: P.iframe } : i === 2 ? { ...a, name: P.formula } : a,
    ),
  };
  server = await serveDist();
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 350, height: 900 }, locale: 'vi-VN' });
  page = await context.newPage();
  page.on('request', (r) => requests.push(r.url()));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[]; alert: (m: string) => void };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(server.url) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
    return route.abort('internetdisconnected');
  });
});

afterAll(() => tearDown(browser, server));

/**
 * Submissions of the first agencies: one under a hostile file name, one with its report sheet renamed, one with bad
 * values, and one rejected by a limit whose reason names its hostile sheet; hostile result texts in all.
 */
async function submissions(): Promise<{ name: string; mimeType: string; buffer: Buffer }[]> {
  const out: { name: string; mimeType: string; buffer: Buffer }[] = [];
  for (const [i, agency] of plan.agencies.slice(0, 3).entries()) {
    const wb = fillTemplate(plan, agency, {
      seed: 9 + i,
      reportDate: '2024-06-20',
      renameSheet: i === 1 ? P.sheet : undefined,
      badValues: i === 2,
    });
    const ws = wb.worksheets[0];
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.value === TABLE_LABELS.result) ws.getCell(Number(cell.row) + 1, Number(cell.col)).value = P.cell;
      }),
    );
    out.push({
      name: i === 0 ? P.file : `${agency.code}.xlsx`,
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(await workbookBytes(wb)),
    });
  }
  // rejected files whose reason quotes the sheet's name and a cell's text
  const a3 = plan.agencies[3];
  const overLimit = await JSZip.loadAsync(
    await workbookBytes(fillTemplate(plan, a3, { seed: 3, reportDate: '2024-06-20', renameSheet: P.sheet })),
  );
  const sheetXml = await overLimit.file('xl/worksheets/sheet1.xml')!.async('string');
  overLimit.file(
    'xl/worksheets/sheet1.xml',
    sheetXml.replace('<sheetData', '<cols><col min="1" max="1000000000" width="9"/></cols><sheetData'),
  );
  out.push({
    name: `${a3.code}.xlsx`,
    mimeType: 'application/octet-stream',
    buffer: await overLimit.generateAsync({ type: 'nodebuffer' }),
  });
  return out;
}

/** Elements or attributes that only a payload could have made. */
async function injected(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const bad: string[] = [];
    for (const el of Array.from(document.querySelectorAll('#app *, #status, #mode'))) {
      const tag = el.tagName.toLowerCase();
      // the pane's own drawing of the overview is the one svg allowed: its texts are checked below
      const own = tag === 'svg' && el.parentElement?.id === 'rates-chart';
      if (['script', 'iframe', 'svg', 'object', 'embed'].includes(tag) && !own) bad.push(tag);
      if (tag === 'img' && /^(x|y)$/.test(el.getAttribute('src') ?? '')) bad.push('img');
      if (tag === 'b' && el.hasAttribute('onmouseover')) bad.push('b');
      for (const a of Array.from(el.attributes)) if (/^on/i.test(a.name)) bad.push(`${tag}[${a.name}]`);
    }
    return bad;
  });
}

test('a plan, file names, sheet names and cell texts made of HTML are shown literally and run nothing', async () => {
  await page.goto(`${server.url}taskpane.html`);
  await page.waitForSelector('#app[data-state="ready"]');
  await page.waitForSelector('#app[data-engine="ready"]');
  await page.setInputFiles('#plan-file', {
    name: `${P.img}.xlsx`,
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(await writePlanWorkbook(plan)),
  });
  await page.waitForSelector('#plan-facts');
  await page.setInputFiles('#files', await submissions());
  await page.waitForFunction(() => /Đã đọc/.test(document.getElementById('progress-text')?.textContent ?? ''));
  // received before the as-of date, so that the files count and their findings are listed
  for (const input of await page.locator('li.file input.received').all()) {
    await input.fill('2024-06-20');
    await input.dispatchEvent('change');
  }
  await page.fill('#as-of', '2024-07-15');
  await page.dispatchEvent('#as-of', 'change');
  await page.click('#consolidate');
  await page.waitForSelector('#overview-table');
  // open every folded part, so that what is in it is rendered too
  await page.$$eval('details', (ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
  await page.waitForTimeout(300);
  await page.screenshot({ path: shotPath('xss-hostile-names'), fullPage: true });

  const text = await page.evaluate(() => document.body.innerText);
  // the rejected file's reason names its sheet, as the clerk would type it (not as XML escapes it)
  for (const shown of [P.img, P.iframe, P.file, P.formula, P.script, `Trang tính "${P.sheet}"`])
    expect([shown, text.includes(shown)]).toEqual([shown, true]);
  expect(await injected(page)).toEqual([]);
  expect(dialogs).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
  const foreign = requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('blob:') && !u.startsWith('data:'));
  expect(foreign.filter((u) => u !== OFFICE_JS)).toEqual([]);
});

test('taskpane.html carries a Content-Security-Policy: scripts only from itself and office.js, no inline or eval', async () => {
  const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => (m as HTMLMetaElement).content);
  const directives = new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([k, ...v]) => [k, v]),
  );
  expect(directives.get('script-src')?.sort()).toEqual(["'self'", new URL(OFFICE_JS).origin].sort());
  expect(directives.get('default-src')).toEqual(["'self'"]);
  expect(directives.get('connect-src')).toEqual(["'self'"]);
  expect(directives.get('object-src')).toEqual(["'none'"]);
});
