/**
 * What the pane offers to download from a consolidation (the report workbook, the report document, the reminders
 * as one .zip of the letter, the sheet and the e-mails) is the same bytes whenever it is made from the same
 * consolidation, as the CLI's outputs are: a clerk who downloads again, or compares with a colleague's, sees no
 * difference where there is none.
 */
import type { Consolidation, Plan } from '../../src/core';
import { buildReminders } from '../../src/core/report';
import { zipFiles } from '../../src/taskpane/engine';
import { loadHooks } from '../../src/taskpane/steps/draft-and-report';
import { consolidatedSample } from '../helpers/sample';

let plan: Plan;
let c: Consolidation;
beforeAll(async () => {
  const got = await consolidatedSample();
  plan = got.sample.plan;
  c = got.c;
});

afterEach(() => jest.useRealTimers());

/** The reminders built and zipped as the pane does, with the clock at `now` (only Date is faked). */
async function zippedAt(now: string, day?: string): Promise<Uint8Array> {
  jest.useFakeTimers({ now: new Date(now), doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'queueMicrotask'] });
  const { docx, sheet, emails } = await buildReminders(c, plan, {});
  return zipFiles(
    [
      { name: 'Don doc.docx', bytes: docx },
      { name: 'Don doc.xlsx', bytes: sheet },
      ...emails.map((e) => ({ name: `Thu/${e.fileName}`, bytes: new TextEncoder().encode(e.eml) })),
    ],
    day,
  );
}

test('made on two days from the same consolidation, the reminders .zip is the same to the byte', async () => {
  const first = await zippedAt('2024-07-15T08:00:00Z', c.asOf);
  const later = await zippedAt('2024-07-19T15:31:07Z', c.asOf);
  expect(Buffer.from(later).equals(Buffer.from(first))).toBe(true);
});

test('without a day, the .zip carries the time it was made (what the day is there to remove)', async () => {
  const first = await zippedAt('2024-07-15T08:00:00Z');
  const later = await zippedAt('2024-07-19T15:31:07Z');
  expect(Buffer.from(later).equals(Buffer.from(first))).toBe(false);
});

test('the report workbook, the report document and the reminders as the pane makes them: the same on two days', async () => {
  const hooks = loadHooks();
  const made = async (now: string) => {
    jest.useFakeTimers({ now: new Date(now), doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'queueMicrotask'] });
    const out = [
      (await hooks.ministryReport!(c, plan)).bytes,
      (await hooks.reportDocx!(c, plan)).bytes,
      (await hooks.reminders!(c, plan)).bytes,
    ];
    jest.useRealTimers();
    return out.map((b) => Buffer.from(b));
  };
  const first = await made('2024-07-15T08:00:00Z');
  const later = await made('2024-07-19T15:31:07Z');
  expect(later.map((b, i) => b.equals(first[i]))).toEqual([true, true, true]);
});
