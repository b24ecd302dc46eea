/**
 * The Excel door against office-addin-mock objects: which sheets, ranges, values and formats are written, that
 * a second run replaces and never duplicates, that a failed run leaves no half-written sheet, that the number of
 * sync() calls does not grow with the number of agencies, and that big ranges are chunked.
 */
/// <reference types="office-js" />
import {
  type Plan,
  type PlanInput,
  type Submission,
  consolidate,
  planSchema,
  planSheets,
  readPlan,
  readSubmission,
  summarySheets,
  toExcelSerial,
} from '../../src/core';
import { buildSample, socTrangPlan } from '../../src/sample/sample';
import { TEMP_PREFIX, readSheets, selectCell, writeOutSheets, writePlainSheets } from '../../src/excel/door';
import { mockExcel, parseAddress } from './mock-excel';

// office-addin-mock needs only the OfficeApp enum of office-addin-manifest, whose ESM dependencies jest cannot load
jest.mock('office-addin-manifest', () => ({
  OfficeApp: {
    Excel: 'excel',
    OneNote: 'onenote',
    Outlook: 'outlook',
    PowerPoint: 'powerpoint',
    Project: 'project',
    Word: 'word',
  },
}));

const SUMMARY = [
  'Tổng hợp',
  'Theo nhiệm vụ',
  'Theo đơn vị',
  'Theo huyện, khu vực',
  'Chưa nộp, nộp muộn',
  'Lỗi dữ liệu',
  'Chi tiết',
  'Sổ tiếp nhận',
];

function planWith(agencies: number, name = (i: number) => `Đơn vị số ${i}`): Plan {
  const base = socTrangPlan();
  const input: PlanInput = {
    ...base,
    agencies: Array.from({ length: agencies }, (_, i) => ({
      code: `DV${String(i + 1).padStart(4, '0')}`,
      name: name(i + 1),
      kind: i % 3 === 0 ? 'locality' : 'department',
      area: i % 3 === 0 ? `Huyện ${1 + (i % 7)}` : '',
    })),
  };
  return planSchema.parse(input);
}

function summaryFor(plan: Plan) {
  const c = consolidate(plan, [], { asOf: '2024-07-15', period: null });
  return summarySheets(c, plan);
}

let sample: Awaited<ReturnType<typeof buildSample>>;
let sampleSheets: ReturnType<typeof summarySheets>;

beforeAll(async () => {
  sample = await buildSample('soc-trang');
  const subs = await Promise.all(
    sample.files.map((f) =>
      readSubmission(
        { name: f.name, bytes: f.bytes, receivedOn: f.receivedOn, receivedFrom: 'file-date' },
        sample.plan,
      ),
    ),
  );
  sampleSheets = summarySheets(consolidate(sample.plan, subs, { asOf: sample.asOf, period: null }), sample.plan);
});

test('the summary is written as eight Excel tables with frozen headers, in 3 syncs, calculation suspended', async () => {
  const x = mockExcel();
  const report = await writeOutSheets(x.context, sampleSheets);
  expect(x.sheets.map((s) => s.name)).toEqual(['Sheet1', ...SUMMARY]);
  expect(report.syncs).toBe(3);
  expect(x.syncs).toBe(3);
  expect(x.suspends).toBeGreaterThanOrEqual(1);
  expect(x.active).toBe('Tổng hợp');

  const agencies = x.sheet('Theo đơn vị')!;
  const n = sample.plan.agencies.length;
  // preamble (3 lines), a blank line, the header on row 5, one row per agency
  expect(agencies.tables).toEqual([{ name: 'TheoDonVi', address: `A5:L${5 + n}`, style: 'TableStyleLight9' }]);
  expect(agencies.frozenRows).toBe(5);
  expect(x.cell('Theo đơn vị', 'A5')?.v).toBe('Mã');
  expect(x.cell('Theo đơn vị', 'E5')?.v).toBe('Tình trạng');
  // one whole-range write for the body, not one per cell
  expect(agencies.writes.filter((w) => w.kind === 'values').map((w) => w.address)).toEqual([
    'A1:A3',
    'A5:L5',
    `A6:L${5 + n}`,
  ]);
  // the first agency of the plan, its status as text, its received date as an Excel date
  const sheet = sampleSheets.find((s) => s.name === 'Theo đơn vị')!;
  const first = sheet.table.rows[0];
  expect(x.cell('Theo đơn vị', 'A6')).toEqual({ v: first[0], f: '@' });
  expect(x.cell('Theo đơn vị', 'E6')?.v).toBe(first[4]);
  const received = first[5] as { date: string };
  expect(x.cell('Theo đơn vị', 'F6')).toEqual({ v: toExcelSerial(received.date), f: 'dd/mm/yyyy' });
  expect(x.cell('Theo đơn vị', 'I6')?.f).toBe('#,##0');
  // colours for late and missing follow the status cell (conditional formats), not fixed fills
  expect(agencies.conditionalFormats).toEqual(
    expect.arrayContaining([
      { range: `A6:L${5 + n}`, formula: '=$E6="Nộp muộn"', fill: '#FCE4D6' },
      { range: `A6:L${5 + n}`, formula: '=$E6="Chưa nộp"', fill: '#F8CBAD' },
    ]),
  );
  // completeness as a percentage
  const overviewTotal = x.sheet('Tổng hợp')!;
  const pctCells = [...overviewTotal.cells.values()].filter((c) => c.f === '0.0%');
  expect(pctCells.length).toBeGreaterThan(1);
  // column widths and bold headers are set
  expect(agencies.formats).toEqual(
    expect.arrayContaining([
      ['B:B', 'columnWidth', 240],
      ['A5:L5', 'font.bold', true],
    ]),
  );
});

test('the number of syncs does not grow with the number of agencies', async () => {
  const counts: number[] = [];
  for (const n of [10, 300, 1000]) {
    const x = mockExcel();
    const r = await writeOutSheets(x.context, summaryFor(planWith(n)));
    expect(x.sheet('Theo đơn vị')!.tables[0].address).toBe(`A5:L${5 + n}`);
    counts.push(r.syncs);
  }
  expect(counts).toEqual([3, 3, 3]);
});

/** A submission from every agency with a sentence of result per task: the `Chi tiết` sheet grows as agencies × tasks. */
function fullSummary(plan: Plan) {
  const result =
    'Đã tổ chức tuyên truyền, treo băng rôn, khẩu hiệu hưởng ứng tại trụ sở và các điểm công cộng trên địa bàn';
  const subs: Submission[] = plan.agencies.map((a) => ({
    file: `${a.code}.xlsx`,
    sha256: a.code,
    size: 20_000,
    agencyCode: a.code,
    recognisedBy: 'hidden',
    planNumber: plan.number,
    period: null,
    reportDate: '2024-06-20',
    receivedOn: '2024-06-25',
    receivedFrom: 'file-date',
    readable: true,
    rejectReason: null,
    rows: plan.tasks.map((t, i) => ({
      taskCode: t.code,
      status: 'done',
      result,
      note: '',
      indicators: {},
      source: { file: `${a.code}.xlsx`, sheet: 'Báo cáo', cell: `B${10 + i}` },
    })),
    findings: [],
  }));
  return summarySheets(consolidate(plan, subs, { asOf: '2024-07-15', period: null }), plan);
}

test('with every agency reporting every task, syncs stay 3 up to ~4 MB of content, then one more per ~4 MB', async () => {
  const out: string[] = [];
  const syncs: Record<number, number> = {};
  for (const n of [10, 300, 1000]) {
    const plan = planWith(n);
    const x = mockExcel();
    const r = await writeOutSheets(x.context, fullSummary(plan));
    const bytes = x.sheets.flatMap((s) => s.writes).reduce((a, w) => a + w.bytes, 0);
    syncs[n] = r.syncs;
    out.push(
      `${n} agencies × ${plan.tasks.length} tasks: ${r.syncs} syncs, ${r.rangeWrites} range writes, ${(bytes / 1e6).toFixed(2)} MB of values and formats, largest sync ${(Math.max(...x.payloads) / 1e6).toFixed(2)} MB`,
    );
    // Excel on the web refuses a request of 5 MB or more
    expect(Math.max(...x.payloads)).toBeLessThan(5_000_000);
    expect(x.sheet('Chi tiết')!.tables[0].address).toBe(
      `A5:${x.sheet('Chi tiết')!.tables[0].address.split(':')[1].replace(/\d+$/, '')}${5 + n * plan.tasks.length}`,
    );
  }
  console.log(`Excel door, summary write:\n  ${out.join('\n  ')}`);
  expect(syncs[10]).toBe(3);
  expect(syncs[300]).toBe(3);
  expect(syncs[1000]).toBeLessThanOrEqual(4);
});

test('running again replaces the sheets: no duplicate, no temporary sheet, tables keep their names', async () => {
  const x = mockExcel(['Kế hoạch', 'Tổng hợp']);
  if (!x.cell('Tổng hợp', 'A1')) x.sheet('Tổng hợp')!.cells.set('1,1', { v: 'cũ' });
  await writeOutSheets(x.context, sampleSheets);
  await writeOutSheets(x.context, sampleSheets);
  expect(x.sheets.map((s) => s.name)).toEqual(['Kế hoạch', ...SUMMARY]);
  expect(x.sheets.flatMap((s) => s.tables.map((t) => t.name))).toEqual([
    'TongHop',
    'TheoNhiemVu',
    'TheoDonVi',
    'TheoHuyenKhuVuc',
    'ChuaNopNopMuon',
    'LoiDuLieu',
    'ChiTiet',
    'SoTiepNhan',
  ]);
  expect(x.cell('Tổng hợp', 'A1')?.v).toBe('TỔNG HỢP TÌNH HÌNH BÁO CÁO');
});

test('a run that fails half-way leaves the previous summary as it was and no half-written sheet', async () => {
  const x = mockExcel();
  await writeOutSheets(x.context, sampleSheets);
  const before = x.sheets.map((s) => s.name);
  const oldTitle = x.cell('Theo đơn vị', 'A1')?.v;
  x.failAtSync = 2; // the content batch is refused
  await expect(writeOutSheets(x.context, summaryFor(planWith(5)))).rejects.toThrow('RequestPayloadSizeLimitExceeded');
  expect(x.sheets.map((s) => s.name)).toEqual(before);
  expect(x.sheets.some((s) => s.name.startsWith(TEMP_PREFIX))).toBe(false);
  expect(x.cell('Theo đơn vị', 'A1')?.v).toBe(oldTitle);
  expect(x.sheet('Theo đơn vị')!.tables[0].address).toBe(`A5:L${5 + sample.plan.agencies.length}`);
});

test('leftovers of a crashed run are removed by the next run', async () => {
  const x = mockExcel(['Sheet1', `${TEMP_PREFIX}abc0`]);
  await writeOutSheets(x.context, sampleSheets);
  expect(x.sheets.map((s) => s.name)).toEqual(['Sheet1', ...SUMMARY]);
});

test('text that looks like a formula or a number stays text', async () => {
  const hostile = ['=HYPERLINK("http://evil.example","x")', '+1+2', '-3', '@SUM(A1)', '1.1'];
  const plan = planWith(hostile.length, (i) => hostile[i - 1]);
  const x = mockExcel();
  await writeOutSheets(x.context, summaryFor(plan));
  for (let i = 0; i < hostile.length; i++) {
    const cell = x.cell('Theo đơn vị', `B${6 + i}`);
    expect(cell).toEqual({ v: hostile[i], f: '@' });
  }
  // and in the plan sheets
  const y = mockExcel();
  await writePlainSheets(y.context, planSheets(plan));
  const names = [...y.sheet('Đơn vị')!.cells.entries()].filter(([k]) => k.endsWith(',2')).map(([, c]) => c);
  for (const h of hostile) expect(names).toContainEqual({ v: h, f: '@' });
});

test('ranges bigger than the payload limit are written in chunks, each below it, covering every row once', async () => {
  const plan = planWith(400);
  const sheets = summaryFor(plan);
  const x = mockExcel();
  const limit = 60_000;
  const r = await writeOutSheets(x.context, sheets, { payloadLimit: limit });
  expect(r.syncs).toBeGreaterThan(3);
  const body = x.sheet('Theo đơn vị')!.writes.filter((w) => w.kind === 'values' && parseAddress(w.address).r1 >= 6);
  expect(body.length).toBeGreaterThan(1);
  let next = 6;
  for (const w of body) {
    const a = parseAddress(w.address);
    expect(a.r1).toBe(next);
    next = a.r2 + 1;
    expect(w.bytes).toBeLessThan(limit);
  }
  expect(next).toBe(6 + 400);
  expect(x.sheet('Theo đơn vị')!.tables[0].address).toBe('A5:L405');
  // calculation is suspended again after each intermediate sync
  expect(x.suspends).toBeGreaterThanOrEqual(r.syncs - 2);
});

test('the plan sheets written into the workbook read back as the same plan (2 syncs)', async () => {
  const x = mockExcel();
  const w = await writePlainSheets(x.context, planSheets(sample.plan));
  expect(w.syncs).toBe(3);
  expect(x.sheets.map((s) => s.name)).toEqual(['Sheet1', 'Kế hoạch', 'Nhiệm vụ', 'Chỉ tiêu', 'Đơn vị']);
  expect(x.sheet('Nhiệm vụ')!.frozenRows).toBe(1);
  const syncsBefore = x.syncs;
  const { sheets, syncs } = await readSheets(x.context);
  expect(syncs).toBe(2);
  expect(x.syncs - syncsBefore).toBe(2);
  const res = readPlan({ sheets, date1904: false }, '');
  if (!res.ok) throw new Error(JSON.stringify(res.problems));
  expect(res.plan).toEqual(sample.plan);
});

test('reading skips the sheets asked and keeps where the used range starts', async () => {
  const x = mockExcel(['Tổng hợp', 'Dữ liệu']);
  x.sheet('Dữ liệu')!.cells.set('3,2', { v: 'x' });
  x.sheet('Dữ liệu')!.cells.set('4,3', { v: 5 });
  const { sheets } = await readSheets(x.context, { skip: (n) => n === 'Tổng hợp' });
  expect(sheets).toEqual([
    {
      name: 'Dữ liệu',
      state: 'visible',
      originRow: 3,
      originCol: 2,
      rows: [
        ['x', null],
        [null, 5],
      ],
    },
  ]);
});

test('a plan problem selects its cell', async () => {
  const x = mockExcel(['Sheet1', 'Đơn vị']);
  await selectCell(x.context, 'Đơn vị', 'B7');
  expect(x.selected).toBe('Đơn vị!B7');
  expect(x.active).toBe('Đơn vị');
});
