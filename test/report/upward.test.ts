/**
 * One level up: the ministry consolidates the report workbooks of three provinces. Expected figures are
 * added up by hand from test/report/provinces.ts.
 */
import ExcelJS from 'exceljs';
import { type Consolidation, type Submission, consolidate, consolidationJson, readSubmission } from '../../src/core';
import { REPORT_SHEETS, buildReportWorkbook } from '../../src/core/report';
import { HA_TINH, LANG_SON, NATIONAL_PLAN, SOC_TRANG, provinceReport } from './provinces';

const read = (name: string, bytes: Uint8Array, receivedOn: string) =>
  readSubmission({ name, bytes, receivedOn, receivedFrom: 'file-date' }, NATIONAL_PLAN);

let subs: Submission[];
let c: Consolidation;
beforeAll(async () => {
  const st = await provinceReport(SOC_TRANG); // recognised by its names (issuing body + province)
  const htEarly = await provinceReport(HA_TINH, { agencyCode: 'HT', only: ['HT-UBMTTQ'], asOf: '2024-12-16' });
  const ht = await provinceReport(HA_TINH, { agencyCode: 'HT' }); // recognised by its code in the ministry's plan
  const ls = await provinceReport(LANG_SON);
  subs = [
    await read('Bao cao DDSH 2024 - Soc Trang.xlsx', st, '2024-07-20'),
    await read('Bao cao DDSH 2024 - Soc Trang - Copy.xlsx', st, '2024-07-22'), // the same file twice
    await read('HT ban dau.xlsx', htEarly, '2024-12-20'), // superseded by the full report
    await read('HT.xlsx', ht, '2025-01-05'),
    await read('Lang Son.xlsx', ls, '2025-01-02'),
  ];
  c = consolidate(NATIONAL_PLAN, subs, { asOf: '2025-01-10', period: '2024' });
});

test('each province report is recognised, read from its hidden sheet only, with no finding', () => {
  expect(subs.map((s) => [s.file, s.agencyCode, s.recognisedBy, s.rejectReason, s.findings.length])).toEqual([
    ['Bao cao DDSH 2024 - Soc Trang.xlsx', 'ST', 'name', null, 0],
    ['Bao cao DDSH 2024 - Soc Trang - Copy.xlsx', 'ST', 'name', null, 0],
    ['HT ban dau.xlsx', 'HT', 'code', null, 0],
    ['HT.xlsx', 'HT', 'code', null, 0],
    ['Lang Son.xlsx', 'LS', 'name', null, 0],
  ]);
  expect(subs[0].rows.map((r) => r.source.sheet)).toEqual(['_tonghop_baocao', '_tonghop_baocao', '_tonghop_baocao']);
  expect(subs[0].planNumber).toBe('Công văn số 2963/BTNMT-TTTT ngày 09/5/2024');
});

test('national indicator totals, added up by hand, without double counting', () => {
  const totals = Object.fromEntries(c.tasks.flatMap((t) => t.indicatorTotals.map((i) => [i.code, [i.value, i.count]])));
  expect(totals).toEqual({
    CT1: [17 + 13 + 33, 3], // ST 4+10+3, HT 6+2+5, LS 8+25
    CT2: [1820 + 1380 + 2000, 3], // ST 120+1500+200, HT 900+80+400, LS 2000 (Đài PT-TH gave none)
    CT3: [2 + 6, 2], // ST 2, HT 5+1; LS none
    CT5: [6 + 4, 2], // ST 1+3+2, HT 1+2+1; LS none
  });
  expect(c.intake.map((e) => [e.file, e.verdict])).toEqual([
    ['Bao cao DDSH 2024 - Soc Trang - Copy.xlsx', 'duplicate'],
    ['Bao cao DDSH 2024 - Soc Trang.xlsx', 'accepted'],
    ['HT ban dau.xlsx', 'superseded'],
    ['HT.xlsx', 'accepted'],
    ['Lang Son.xlsx', 'accepted'],
  ]);
});

test('provinces: on time, late, missing; each with its own agencies carried up', () => {
  const by = Object.fromEntries(c.agencies.map((a) => [a.code, a]));
  expect(Object.values(by).map((a) => [a.code, a.status, a.daysLate])).toEqual([
    ['ST', 'on_time', null],
    ['HT', 'on_time', null], // its first version arrived before 31/12
    ['LS', 'late', 2],
    ['BK', 'missing', null],
  ]);
  expect(c.overall).toEqual({
    required: 4,
    onTime: 2,
    late: 1,
    missing: 1,
    rejected: 0,
    completeness: 75,
    onTimeRate: 50,
  });
  expect(by.ST.ownAgencies).toEqual({
    asOf: '2024-07-15',
    required: 4,
    onTime: 2,
    late: 1,
    missing: 1,
    rejected: 0,
    completeness: 75,
  });
  expect(by.HT.ownAgencies).toEqual({
    asOf: '2024-12-31',
    required: 3,
    onTime: 3,
    late: 0,
    missing: 0,
    rejected: 0,
    completeness: 100,
  });
  expect(by.LS.ownAgencies).toEqual({
    asOf: '2024-07-20',
    required: 3,
    onTime: 1,
    late: 1,
    missing: 1,
    rejected: 0,
    completeness: 66.7,
  });
  expect(by.BK.ownAgencies).toBeUndefined();
  // the JSON contract is extended, not changed: every key as before, then the carried-up completeness
  expect(Object.keys(consolidationJson(c).agencies[0])).toEqual([
    'code',
    'name',
    'kind',
    'group',
    'status',
    'daysLate',
    'daysOverdue',
    'file',
    'receivedOn',
    'files',
    'errors',
    'warnings',
    'missingTasks',
    'email',
    'reason',
    'ownAgencies',
  ]);
  expect(Object.keys(consolidationJson(c).agencies[3])).not.toContain('ownAgencies'); // BK sent nothing
});

test('task status of a province sums up its own agencies', () => {
  const status = (code: string) =>
    Object.fromEntries(subs.filter((s) => s.file === code)[0].rows.map((r) => [r.taskCode, r.status]));
  expect(status('Bao cao DDSH 2024 - Soc Trang.xlsx')).toEqual({
    '1': 'inProgress',
    '3': 'inProgress',
    '9': 'inProgress',
  });
  expect(status('HT.xlsx')).toEqual({ '1': 'done', '3': 'done', '9': 'done' });
  expect(status('Lang Son.xlsx')).toEqual({ '1': 'inProgress', '3': 'notApplicable', '9': 'notStarted' });
  expect(c.tasks.map((t) => [t.code, t.statusCounts])).toEqual([
    ['1', { done: 1, inProgress: 2, notStarted: 0, notApplicable: 0, noAnswer: 1 }],
    ['3', { done: 1, inProgress: 1, notStarted: 0, notApplicable: 1, noAnswer: 1 }],
    ['9', { done: 1, inProgress: 1, notStarted: 1, notApplicable: 0, noAnswer: 1 }],
  ]);
});

test("the ministry's own report lists each province's own agencies in Phụ lục 1", async () => {
  const bytes = await buildReportWorkbook(c, NATIONAL_PLAN);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const ws = wb.getWorksheet(REPORT_SHEETS.byAgency)!;
  let h = 0;
  ws.eachRow((row, n) => void (row.getCell(1).value === 'STT' && (h = n)));
  expect(ws.getCell(h, 7).value).toBe('Đơn vị cấp dưới phải báo cáo');
  expect(
    [1, 2, 3, 4].map((i) => [
      ws.getCell(h + i, 2).value,
      ws.getCell(h + i, 7).value,
      ws.getCell(h + i, 8).value,
      ws.getCell(h + i, 10).value,
    ]),
  ).toEqual([
    ['Sở Tài nguyên và Môi trường tỉnh Sóc Trăng', 4, 2, 1],
    ['Sở Tài nguyên và Môi trường tỉnh Hà Tĩnh', 3, 3, 0],
    ['Sở Tài nguyên và Môi trường tỉnh Lạng Sơn', 3, 1, 1],
    ['Sở Tài nguyên và Môi trường tỉnh Bắc Kạn', null, null, null],
  ]);
  expect(ws.pageSetup.orientation).toBe('landscape');
  const report = wb.getWorksheet(REPORT_SHEETS.report)!;
  let own = '';
  report.eachRow((row) => {
    const v = String(row.getCell(1).value ?? '');
    if (v.startsWith('Các báo cáo đã nhận tổng hợp từ')) own = v;
  });
  expect(own).toBe(
    'Các báo cáo đã nhận tổng hợp từ 10 cơ quan, đơn vị cấp dưới của 3 đơn vị báo cáo: đúng hạn 6, muộn 2, chưa báo cáo 2 (tỉ lệ 80%).',
  );
});

test('a report answering another plan, or from a body not in the plan, is rejected with a reason', async () => {
  const other = { ...NATIONAL_PLAN, number: '2964/BTNMT-TTTT' };
  const s1 = await readSubmission(
    { name: 'LS.xlsx', bytes: await provinceReport(LANG_SON), receivedOn: '2024-07-25', receivedFrom: 'file-date' },
    other,
  );
  expect([s1.rejectReason, s1.findings[0]?.code]).toEqual([
    expect.stringContaining('không phải Kế hoạch số 2964/BTNMT-TTTT'),
    'file.other_plan',
  ]);
  const noLs = { ...NATIONAL_PLAN, agencies: NATIONAL_PLAN.agencies.filter((a) => a.code !== 'LS') };
  const s2 = await readSubmission(
    { name: 'x.xlsx', bytes: await provinceReport(LANG_SON), receivedOn: '2024-07-25', receivedFrom: 'file-date' },
    noLs,
  );
  expect(s2.findings.map((f) => f.code)).toEqual(['agency.not_in_plan']);
  expect(s2.rejectReason).toContain('Sở Tài nguyên và Môi trường - UBND tỉnh Lạng Sơn');
});

test('an average from below counts for the agencies it averaged (weighted, not an average of averages)', async () => {
  const TL = { code: 'TL', name: 'Tỉ lệ diện tích được giám sát', unit: '%', taskCode: '3', aggregate: 'avg' as const };
  const withTl = (p: typeof SOC_TRANG, tl: Record<string, number>) => ({
    ...p,
    plan: { ...p.plan, indicators: [...p.plan.indicators, TL] },
    answers: p.answers.map((a) =>
      tl[a.code] === undefined
        ? a
        : {
            ...a,
            answers: {
              ...a.answers,
              '3': ['done', { ...(a.answers['3'][1] ?? {}), TL: tl[a.code] }] as (typeof a.answers)['3'],
            },
          },
    ),
  });
  const st = withTl(SOC_TRANG, { 'ST-SYT': 80 }); // 80 from 1 agency
  const ht = withTl(HA_TINH, { 'HT-UBMTTQ': 30, 'HT-VQGVQ': 90, 'HT-HHS': 30 }); // 50 from 3 agencies
  const plan = { ...NATIONAL_PLAN, indicators: [...NATIONAL_PLAN.indicators, TL] };
  const subs2 = [
    await readSubmission(
      { name: 'ST.xlsx', bytes: await provinceReport(st), receivedOn: '2024-07-20', receivedFrom: 'file-date' },
      plan,
    ),
    await readSubmission(
      {
        name: 'HT.xlsx',
        bytes: await provinceReport(ht, { agencyCode: 'HT' }),
        receivedOn: '2024-12-30',
        receivedFrom: 'file-date',
      },
      plan,
    ),
  ];
  expect(subs2.map((s) => s.rows.find((r) => r.taskCode === '3')!.indicators.TL)).toEqual([
    expect.objectContaining({ value: 80, weight: 1 }),
    expect.objectContaining({ value: 50, weight: 3 }),
  ]);
  const tl = consolidate(plan, subs2, { asOf: '2025-01-10', period: '2024' })
    .tasks.find((t) => t.code === '3')!
    .indicatorTotals.find((i) => i.code === 'TL')!;
  expect(tl.value).toBe((80 * 1 + 50 * 3) / 4); // 57,5 — not (80 + 50) / 2 = 65
});

describe('damaged province reports', () => {
  async function edit(bytes: Uint8Array, change: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    change(wb);
    return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  }

  test('a hidden sheet whose figures are not numbers is refused, naming the sheet', async () => {
    const bytes = await edit(await provinceReport(LANG_SON), (wb) => {
      const ws = wb.getWorksheet('_tonghop_baocao')!;
      ws.eachRow((row) => {
        if (row.getCell(1).value === 'required') row.getCell(2).value = 'ba';
      });
    });
    const s = await read('Lang Son.xlsx', bytes, '2024-07-25');
    expect(s.findings.map((f) => [f.code, f.sheet])).toEqual([['report.data_invalid', '_tonghop_baocao']]);
    expect(s.rejectReason).toContain('overall.required');
  });

  test('an indicator the ministry does not ask for is left out with a warning; the others count', async () => {
    const plan = { ...NATIONAL_PLAN, indicators: NATIONAL_PLAN.indicators.filter((i) => i.code !== 'CT2') };
    const s = await readSubmission(
      { name: 'LS.xlsx', bytes: await provinceReport(LANG_SON), receivedOn: '2024-07-25', receivedFrom: 'file-date' },
      plan,
    );
    expect(s.findings.map((f) => [f.severity, f.code, f.cell])).toEqual([
      ['warning', 'indicator.unknown', expect.stringMatching(/^F\d+$/)],
    ]);
    expect(s.rows.find((r) => r.taskCode === '1')!.indicators).toEqual({ CT1: expect.objectContaining({ value: 33 }) });
  });

  test('without its hidden sheet the workbook is read like any file and refused (no double counting from the tables)', async () => {
    const bytes = await edit(await provinceReport(LANG_SON), (wb) =>
      wb.removeWorksheet(wb.getWorksheet('_tonghop_baocao')!.id),
    );
    const s = await read('bao cao.xlsx', bytes, '2024-07-25');
    expect(s.rejectReason).not.toBeNull();
    expect(s.rows).toEqual([]);
  });
});
