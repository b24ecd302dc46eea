/**
 * What changed since an earlier summary (`consolidate --since`), in the engine: the earlier summary written by
 * tonghop and read back (hidden data sheet, `Sổ tiếp nhận`), a corrected file from an agency that supersedes the one
 * counted before is "replaced", an agency missing then and now is "still missing"; a summary of another period or
 * another plan cannot be compared.
 */
import {
  type Consolidation,
  type Submission,
  compareSince,
  consolidate,
  readEarlierSummary,
  readSubmission,
  readWorkbookGrid,
  sinceRefusal,
  sinceSheet,
  writeSummaryWorkbook,
} from '../../src/core';
import { buildSample } from '../../src/sample/sample';

let sample: Awaited<ReturnType<typeof buildSample>>;
let subs: Submission[];
const run = (keep: (s: Submission) => boolean): Consolidation =>
  consolidate(sample.plan, subs.filter(keep), { asOf: '2024-07-15' });

beforeAll(async () => {
  sample = await buildSample('soc-trang');
  subs = await Promise.all(
    sample.files.map((f) =>
      readSubmission(
        { name: f.name, bytes: f.bytes, receivedOn: f.receivedOn, receivedFrom: 'file-date' },
        sample.plan,
      ),
    ),
  );
});

async function earlierOf(c: Consolidation) {
  const grid = await readWorkbookGrid(await writeSummaryWorkbook(c, sample.plan));
  const read = readEarlierSummary(grid, 'lan-truoc.xlsx');
  if (!read.ok) throw new Error(read.reason);
  return read.summary;
}

test('a corrected file that supersedes the counted one is a replacement; new, gone and still missing are told', async () => {
  const corrected = 'ST-SNNPTNT (ban sua).xlsx';
  const before = run((s) => s.file !== corrected && s.file !== 'ST-SYT.xlsx');
  const now = run((s) => s.file !== 'ST-SXD.xlsx');
  const earlier = await earlierOf(before);
  expect(earlier.intake?.length).toBe(before.intake.length);
  const changes = compareSince(earlier, now);
  const files = changes.files.map((f) => `${f.change} ${f.file}`).sort();
  expect(files).toEqual([`new ${corrected}`, 'gone ST-SXD.xlsx', 'new ST-SYT.xlsx'].sort());
  const agency = (code: string) => changes.agencies.find((a) => a.code === code);
  expect(agency('ST-SNNPTNT')).toMatchObject({ change: 'replaced', fileBefore: 'ST-SNNPTNT.xlsx', file: corrected });
  expect(agency('ST-SYT')).toMatchObject({ change: 'submitted', before: 'missing' });
  expect(agency('ST-SXD')).toMatchObject({ before: expect.stringMatching(/on_time|late/), after: 'missing' });
  const stillMissing = now.agencies.filter(
    (a) => a.status === 'missing' && before.agencies.find((b) => b.code === a.code)?.status === 'missing',
  );
  expect(changes.agencies.filter((a) => a.change === 'still_missing').map((a) => a.code)).toEqual(
    stillMissing.map((a) => a.code),
  );
  const sheet = sinceSheet(changes);
  expect(sheet.name).toBe('Thay đổi từ lần trước');
  expect(sheet.table.rows).toHaveLength(changes.files.length + changes.agencies.length);
});

test('nothing changed: the same folder twice', async () => {
  const c = run(() => true);
  const changes = compareSince(await earlierOf(c), c);
  expect(changes.files).toEqual([]);
  expect(changes.agencies.every((a) => a.change === 'still_missing')).toBe(true);
});

test('another plan or another period cannot be compared', async () => {
  const earlier = await earlierOf(run(() => true));
  expect(sinceRefusal(earlier, { number: '1350/STNMT-MT' }, '2024')).toBeNull();
  expect(sinceRefusal(earlier, { number: '588/KH-UBND' })).toMatch(
    /"lan-truoc\.xlsx" là sổ tổng hợp của kế hoạch số 1350\/STNMT-MT, không phải kế hoạch số 588\/KH-UBND/,
  );
  expect(sinceRefusal(earlier, { number: '1350/STNMT-MT' }, '2025')).toMatch(/kỳ 2024, còn lần này tổng hợp kỳ 2025/);
});
