/**
 * The embedded samples end to end through the engine (no files): every agency lands where the sample's story says.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import {
  type Plan,
  type Submission,
  consolidate,
  consolidationJson,
  readPlan,
  readSubmission,
  readWorkbookGrid,
} from '../../src/core';
import { buildSample } from '../../src/sample/sample';
import { openpyxlSubmissionsOf, tally } from '../helpers/openpyxl';

async function readAll(
  plan: Plan,
  files: { name: string; bytes: Uint8Array; receivedOn: string }[],
): Promise<Submission[]> {
  return Promise.all(
    files.map((f) =>
      readSubmission({ name: f.name, bytes: f.bytes, receivedOn: f.receivedOn, receivedFrom: 'file-date' }, plan),
    ),
  );
}

describe('Sóc Trăng sample (deadline 30/6/2024)', () => {
  let sample: Awaited<ReturnType<typeof buildSample>>;
  let subs: Submission[];
  beforeAll(async () => {
    sample = await buildSample('soc-trang');
    subs = await readAll(sample.plan, sample.files);
  });

  test('the plan workbook written by tonghop reads back as the same plan', async () => {
    const res = readPlan(await readWorkbookGrid(sample.planBytes), 'plan.xlsx');
    expect(res.ok).toBe(true);
    if (res.ok) expect(res.plan).toEqual(sample.plan);
  });

  test('every agency is on time, late, missing or rejected as the story says', () => {
    const c = consolidate(sample.plan, subs, { asOf: sample.asOf });
    const status = Object.fromEntries(c.agencies.map((a) => [a.code, a]));
    for (const code of sample.story.onTime) expect([code, status[code].status]).toEqual([code, 'on_time']);
    for (const [code, days] of Object.entries(sample.story.late))
      expect([code, status[code].status, status[code].daysLate]).toEqual([code, 'late', days]);
    for (const code of sample.story.missing) expect([code, status[code].status]).toEqual([code, 'missing']);
    for (const code of sample.story.rejected) expect([code, status[code].status]).toEqual([code, 'rejected']);
    expect(c.overall).toEqual({
      required: 38,
      onTime: 25,
      late: 6,
      missing: 6,
      rejected: 1,
      completeness: 81.6,
      onTimeRate: 65.8,
    });
  });

  test('messy files: renamed sheet, statuses without diacritics, "1.234", hidden sheet deleted', () => {
    const by = (name: string) => subs.find((s) => s.file === name)!;
    expect(by('ST-SXD.xlsx').rows).toHaveLength(9);
    expect(by('ST-SXD.xlsx').findings.map((f) => f.code)).toContain('sheet.renamed');
    expect(by('ST-HKS.xlsx').rows.every((r) => r.status !== null)).toBe(true);
    const values = by('ST-SYT.xlsx').rows.flatMap((r) => Object.values(r.indicators).map((v) => v.value));
    expect(values).toContain(1234);
    const tp = by('Bao cao DDSH - UBND TP Soc Trang.xlsx');
    expect([tp.agencyCode, tp.recognisedBy]).toEqual(['ST-TPST', 'code']);
  });

  test('the intake log: duplicate counted once, newer file supersedes, other plan and non-workbook rejected', () => {
    const c = consolidate(sample.plan, subs, { asOf: sample.asOf });
    const verdict = Object.fromEntries(c.intake.map((e) => [e.file, e.verdict]));
    expect(verdict['ST-STC.xlsx']).toBe('accepted');
    expect(verdict['ST-STC - Copy.xlsx']).toBe('duplicate');
    expect(verdict['ST-SNNPTNT.xlsx']).toBe('superseded');
    expect(verdict['ST-SNNPTNT (ban sua).xlsx']).toBe('accepted');
    expect(verdict['Bao cao KH 588 Ha Tinh.xlsx']).toBe('rejected');
    expect(verdict['ST-HCCB.xlsx']).toBe('rejected');
    expect(c.intake).toHaveLength(sample.files.length);
    const bad = c.findings.filter((f) => f.file === 'ST-HLHPN.xlsx');
    expect(bad.map((f) => [f.code, f.sheet, f.cell])).toEqual([
      ['status.invalid', 'Báo cáo', 'D14'],
      ['indicator.not_number', 'Báo cáo', 'J22'],
    ]);
    expect(c.findings.find((f) => f.file === 'ST-HCCB.xlsx')?.message).toMatch(/không phải bảng tính/);
  });

  test('a file received after the as-of date does not count yet', () => {
    const c = consolidate(sample.plan, subs, { asOf: '2024-07-04' });
    const txnn = c.agencies.find((a) => a.code === 'ST-TXNN')!; // arrives 10/7
    expect(txnn.status).toBe('missing');
    expect(txnn.daysOverdue).toBe(4);
    expect(c.intake.find((e) => e.file === 'ST-TXNN.xlsx')?.verdict).toBe('after_as_of');
  });

  test('the deadline day itself is on time, the day after is late', () => {
    const c = consolidate(sample.plan, subs, { asOf: sample.asOf });
    expect(c.agencies.find((a) => a.code === 'ST-SCT')).toMatchObject({ receivedOn: '2024-06-30', status: 'on_time' });
    expect(c.agencies.find((a) => a.code === 'ST-BQLDA2')).toMatchObject({
      receivedOn: '2024-07-01',
      status: 'late',
      daysLate: 1,
    });
  });

  test('the order of the files does not change the result', () => {
    const a = JSON.stringify(consolidationJson(consolidate(sample.plan, subs, { asOf: sample.asOf })));
    const b = JSON.stringify(consolidationJson(consolidate(sample.plan, [...subs].reverse(), { asOf: sample.asOf })));
    expect(b).toBe(a);
  });

  test('indicator totals, their counts and the status counts equal what openpyxl reads from the files', async () => {
    // the files a clerk uses, decided by hand from the sample's story: all but the copy sent twice, the first
    // version later replaced, the other plan's file and the file that is not a workbook
    const notUsed = ['ST-STC - Copy.xlsx', 'ST-SNNPTNT.xlsx', 'Bao cao KH 588 Ha Tinh.xlsx', 'ST-HCCB.xlsx'];
    const used = sample.files.map((f) => f.name).filter((n) => !notUsed.includes(n));
    expect(used).toHaveLength(31); // 38 agencies: 6 missing, 1 (Hội Cựu chiến binh) with no usable file
    const { statuses, sums, counts } = tally(await openpyxlSubmissionsOf(sample.files), used);
    // what openpyxl added up (and the same figures by hand, so that a change of the sample shows here)
    expect(Object.keys(sums)).toHaveLength(5);
    expect(sums['Số buổi tuyên truyền, tập huấn (buổi)']).toBe(163);
    expect(sums['Số người tham gia (người)']).toBe(30707); // ST-SYT typed "1.234" as text
    expect(sums['Số vụ vi phạm về động vật hoang dã được xử lý (vụ)']).toBe(187);
    expect(sums['Diện tích kiểm soát loài ngoại lai (ha)']).toBeCloseTo(7119.6, 9);
    expect(sums['Số mô hình, sáng kiến được biểu dương (mô hình)']).toBe(177);

    const c = consolidate(sample.plan, subs, { asOf: sample.asOf });
    for (const t of c.tasks) {
      for (const i of t.indicatorTotals) {
        const header = `${i.name} (${i.unit})`;
        expect([i.code, i.value, i.count]).toEqual([i.code, expect.closeTo(sums[header], 9), counts[header]]);
      }
      const { noAnswer, ...answered } = t.statusCounts;
      expect([t.code, answered]).toEqual([t.code, statuses[t.code]]);
      // every agency must report every task: whoever gave no readable status has not answered
      const sum = Object.values(statuses[t.code]).reduce((x, y) => x + y, 0);
      expect([t.code, noAnswer]).toEqual([t.code, 38 - sum]);
    }
    expect(c.details.every((d) => d.file && d.sheet && /^[A-Z]+\d+$/.test(d.cell))).toBe(true);
  });
});

describe('Hà Tĩnh sample (annual rule 15/12)', () => {
  test('period 2024 by default at the end of 2024; agencies report only their tasks', async () => {
    const sample = await buildSample('ha-tinh');
    const subs = await readAll(sample.plan, sample.files);
    const c = consolidate(sample.plan, subs, { asOf: '2024-12-31' });
    expect([c.period, c.deadline]).toEqual(['2024', '2024-12-15']);
    expect(c.agencies.find((a) => a.code === 'HT-HCL')).toMatchObject({ status: 'late', daysLate: 7 });
    expect(c.tasks.find((t) => t.code === '1')!.required).toBe(6 + 13); // organisations and localities
    expect(c.tasks.find((t) => t.code === '3')!.required).toBe(4); // the forest management boards
    const r2 = c.tasks.find((t) => t.code === '3')!.indicatorTotals.find((i) => i.code === 'R2')!;
    expect(r2.aggregate).toBe('avg');
    // 2025: the 2024 reports are not reports for 2025, so everyone is missing (not "rejected")
    const next = consolidate(sample.plan, subs, { asOf: '2026-01-05', period: '2025' });
    expect([next.period, next.deadline]).toEqual(['2025', '2025-12-15']);
    expect(next.overall.missing).toBe(sample.plan.agencies.length);
  });
});

describe('files saved by LibreOffice', () => {
  const dir = path.join(__dirname, '..', 'fixtures', 'libreoffice');
  test('the plan and three submissions re-saved by LibreOffice read as the originals', async () => {
    const sample = await buildSample('soc-trang');
    const planRes = readPlan(await readWorkbookGrid(new Uint8Array(await fs.readFile(path.join(dir, 'plan.xlsx')))));
    expect(planRes.ok).toBe(true);
    if (!planRes.ok) return;
    expect(planRes.plan).toEqual(sample.plan);
    for (const name of ['ST-SYT.xlsx', 'ST-HKS.xlsx', 'ST-SXD.xlsx']) {
      const original = await readSubmission(
        {
          name,
          bytes: sample.files.find((f) => f.name === name)!.bytes,
          receivedOn: '2024-06-20',
          receivedFrom: 'file-date',
        },
        sample.plan,
      );
      const viaLo = await readSubmission(
        {
          name,
          bytes: new Uint8Array(await fs.readFile(path.join(dir, 'submissions', name))),
          receivedOn: '2024-06-20',
          receivedFrom: 'file-date',
        },
        sample.plan,
      );
      expect(viaLo.rejectReason).toBeNull();
      expect(viaLo.agencyCode).toBe(original.agencyCode);
      expect(viaLo.rows.map((r) => [r.taskCode, r.status, r.result, r.indicators])).toEqual(
        original.rows.map((r) => [r.taskCode, r.status, r.result, r.indicators]),
      );
    }
  });
});
