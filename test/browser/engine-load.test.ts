/**
 * The engine chunk fails while it loads (a module throws as it is evaluated, as zod's BigInt did in IE11): the
 * pane shows the engine-failed message with the cause, and the next use loads the engine again from the start,
 * never a half-evaluated module (before, the second try failed on "Cannot read properties of undefined").
 */
import type { Browser } from 'playwright-core';
import { type Server, launchChromium, openPane, serveDist, shotPath, tearDown } from './harness';

let browser: Browser;
let server: Server;

/** Every module of the engine chunk throws the first time one of them is evaluated, once in the page's life. */
const failOnce = (rel: string, body: Buffer): string | null =>
  /^engine\.[0-9a-f]+\.js$/.test(rel)
    ? body
        .toString('utf8')
        .replace(
          /([{,])(\d+)\(([a-z]),([a-z]),([a-z])\)\{/g,
          '$1$2($3,$4,$5){if(!self.__failedOnce){self.__failedOnce=1;throw new Error("simulated failure while loading")}',
        )
    : null;

beforeAll(async () => {
  server = await serveDist(failOnce);
  browser = await launchChromium();
});

afterAll(() => tearDown(browser, server));

test('a failed engine load says why, and the next use loads it clean', async () => {
  const errors: string[] = [];
  const page = await openPane(browser, server, { officeJs: 'real', errors, ready: '#app[data-engine="failed"]' });
  const status = (await page.textContent('#status')) ?? '';
  expect(status).toContain('Không tải được phần xử lý của ngăn');
  expect(status).toContain('simulated failure while loading');
  await page.screenshot({ path: shotPath('45-engine-failed') });
  // the sample plan needs the engine: loaded again, from the start
  await page.click('#insert-sample');
  await page.waitForSelector('#plan-facts');
  expect(await page.textContent('#plan-facts dd[data-k="agencies"]')).toBe('38');
  expect(errors).toEqual([]);
  await page.close();
});
