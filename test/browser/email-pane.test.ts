/**
 * Saved e-mails dropped on the pane (test/fixtures/email: .eml written by Python's `email` package, an Outlook
 * .msg of msgreader's public corpus), in Chromium (the modern build) and under Internet Explorer 11's API surface
 * (the legacy build): each workbook attached is a line of the list named after its e-mail, received on the day the
 * e-mail was sent in Vietnam (every file's own date is 12/07/2024, after the deadline), on time by that day; an
 * e-mail without a workbook and a tampered one are listed with their reasons; the parsers come in their own chunk,
 * loaded with the first e-mail. The same days and verdicts as `tonghop consolidate` (test/cli/email-folder.test.ts).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { type Server, launchChromium, openPane, serveDist, serveDistAs, shotPath, tearDown } from './harness';
import { IE11, type Webview } from './ie11-surface';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'email');
const EMAILS = [
  'So Y te - bao cao.eml',
  'UBND TP Lang Son.eml',
  'Fw bao cao Cao Loc.eml',
  'Huu Lung (Outlook).msg',
  'So Cong Thuong.eml',
  'thu-hong-base64.eml',
];

let browser: Browser;
let dir: string;
const servers: Server[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-email-pane-'));
  const fileDay = new Date('2024-07-12T03:00:00Z');
  for (const f of EMAILS) {
    fs.copyFileSync(path.join(FIXTURES, 'submissions', f), path.join(dir, f));
    fs.utimesSync(path.join(dir, f), fileDay, fileDay);
  }
  browser = await launchChromium();
});

afterAll(async () => {
  for (const s of servers) await s.close();
  await tearDown(browser, undefined, dir);
});

interface Line {
  file: string;
  day: string;
  verdict: string;
  reason: string;
}

async function dropEmails(surface: Webview | null, shot: string): Promise<{ lines: Line[]; chunks: string[] }> {
  const server = surface ? await serveDistAs(surface) : await serveDist();
  servers.push(server);
  const errors: string[] = [];
  const page: Page = await openPane(browser, server, {
    officeJs: 'refused',
    ...(surface ? { surface } : {}),
    errors,
    ready: '#app[data-state="ready"][data-engine="ready"]',
  });
  const chunks: string[] = [];
  page.on('request', (r) => chunks.push(r.url()));
  await page.setInputFiles('#plan-file', path.join(FIXTURES, 'plan.xlsx'));
  await page.waitForSelector('#plan-facts');
  await page.fill('#as-of', '15/07/2024');
  await page.press('#as-of', 'Tab');
  await page.setInputFiles(
    '#files',
    EMAILS.map((f) => path.join(dir, f)),
  );
  await page.waitForSelector('#progress-text >> text=/Đã đọc/', { timeout: 120_000 });
  // selectors, not functions evaluated in the page: under IE11's surface the page lacks what Playwright needs there
  await page.waitForSelector('#file-list .verdict.v-pending', { state: 'detached' });
  const lines: Line[] = [];
  for (const li of await page.locator('#file-list li.file').all()) {
    const reason = li.locator('.reason');
    lines.push({
      file: (await li.getAttribute('data-file')) ?? '',
      day: await li.locator('input.received').inputValue(),
      verdict: ((await li.locator('.verdict').getAttribute('class')) ?? '').replace('verdict ', ''),
      reason: (await reason.count()) ? ((await reason.textContent()) ?? '') : '',
    });
  }
  await page.screenshot({ path: shotPath(shot), fullPage: true });
  expect(errors).toEqual([]);
  await page.close();
  return { lines, chunks };
}

function expectTheEmailsDays(lines: Line[]): void {
  const of = (file: string) => {
    const found = lines.filter((l) => l.file === file);
    expect(found.map((l) => l.file)).toEqual([file]);
    return [found[0].day, found[0].verdict];
  };
  // 30/06/2024 18:30 UTC is 01/07 in Vietnam
  expect(of('So Y te - bao cao.eml › LS-SYT.xlsx')).toEqual(['01/07/2024', 'v-accepted']);
  // 09/07 13:30 -0400 is 10/07 00:30 in Vietnam, the deadline day: on time
  expect(of('UBND TP Lang Son.eml › Báo cáo UBND thành phố.xlsx')).toEqual(['10/07/2024', 'v-accepted']);
  // a forward: the saved e-mail's Date
  expect(of('Fw bao cao Cao Loc.eml › thư đính kèm.eml › LS-CL.xlsx')).toEqual(['11/07/2024', 'v-accepted']);
  // the public corpus's Outlook message: the day Outlook stored
  expect(of('Huu Lung (Outlook).msg › A.docx')).toEqual(['06/08/2025', 'v-after_as_of']);
  expect(of('Huu Lung (Outlook).msg › B.docx')[0]).toBe('06/08/2025'); // a Word file attached: listed, not read
  // no workbook attached; a tampered attachment: listed with their reasons, never a stop
  const none = lines.find((l) => l.file === 'So Cong Thuong.eml');
  expect(none?.verdict).toBe('v-rejected');
  expect(none?.reason).toMatch(/^Thư không có bảng tính báo cáo đính kèm/);
  const broken = lines.find((l) => l.file === 'thu-hong-base64.eml');
  expect(broken?.verdict).toBe('v-rejected');
  expect(broken?.day).toBe('12/07/2024'); // the e-mail could not be read: its file's day
  expect(broken?.reason).toMatch(/^Thư hỏng: một phần của thư .* mã hóa base64 không hợp lệ/);
  // nothing lost: every e-mail has its lines
  expect(new Set(lines.map((l) => l.file.split(' › ')[0]))).toEqual(new Set(EMAILS));
}

test('e-mails dropped on the pane (modern build): each workbook attached received the day its e-mail was sent', async () => {
  const { lines, chunks } = await dropEmails(null, '40-email-pane');
  expectTheEmailsDays(lines);
  expect(chunks.some((u) => /\/email\.[0-9a-f]+\.js$/.test(u))).toBe(true); // the parsers, loaded with the e-mails
}, 180_000);

test('the same under Internet Explorer 11’s API surface (the legacy build)', async () => {
  const { lines, chunks } = await dropEmails(IE11, '41-email-pane-ie11');
  expect(chunks.some((u) => /\/es5\/email\.[0-9a-f]+\.js$/.test(u))).toBe(true);
  expectTheEmailsDays(lines);
}, 240_000);
