/**
 * The Excel door against the strict fake Excel (operations run at sync, requirement sets, payload limits, naming
 * rules): which sheets, ranges, values and formats are written, that a second run replaces and never duplicates,
 * that the number of sync() calls does not grow with the number of agencies, and that big ranges are chunked.
 * The workbook-safety rules (the user's sheets and tables, failures at every step) are in door-safety.test.ts.
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
import {
  REGISTER_SHEET,
  TEMP_PREFIX,
  readSheets,
  selectCell,
  writeOutSheets,
  writePlainSheets,
} from '../../src/excel/door';
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

/** Syncs of one summary write: 2 to read the workbook, 1 to stage, 1 to place (+1 to drop a previous run's). */
const WRITE_SYNCS = 4;
const userSheets = (x: ReturnType<typeof mockExcel>) => x.sheets.map((s) => s.name).filter((n) => n !== REGISTER_SHEET);

test('the summary is written as eight Excel tables with frozen headers, in 4 syncs, calculation suspended', async () => {
  const x = mockExcel(['Sheet1'], { excelApi: '1.8' });
  const report = await writeOutSheets(x.context, sampleSheets);
  expect(userSheets(x)).toEqual(['Sheet1', ...SUMMARY]);
  expect(report.sheets).toEqual(SUMMARY);
  expect(report.renamed).toEqual([]);
  expect(report.syncs).toBe(WRITE_SYNCS);
  expect(x.syncs).toBe(WRITE_SYNCS);
  expect(x.suspends).toBeGreaterThanOrEqual(1);
  expect(x.active).toBe('Tổng hợp');
  // the register is hidden from the clerk where Excel allows it
  expect(x.sheet(REGISTER_SHEET)!.visibility).toBe('VeryHidden');

  const agencies = x.sheet('Theo đơn vị')!;
  const n = sample.plan.agencies.length;
  // preamble (3 lines), a blank line, the header on row 5, one row per agency
  expect(agencies.tables).toEqual([
    { name: 'TheoDonVi', address: `A5:L${5 + n}`, style: 'TableStyleLight9', hasHeaders: true },
  ]);
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
  expect(x.cell('Theo đơn vị', 'A6')).toMatchObject({ v: first[0], f: '@' });
  expect(x.cell('Theo đơn vị', 'E6')?.v).toBe(first[4]);
  const received = first[5] as { date: string };
  expect(x.cell('Theo đơn vị', 'F6')).toMatchObject({ v: toExcelSerial(received.date), f: 'dd/mm/yyyy' });
  expect(x.cell('Theo đơn vị', 'I6')?.f).toBe('#,##0');
  // colours for late and missing follow the status cell (conditional formats), not fixed fills
  expect(agencies.conditionalFormats).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ range: `A6:L${5 + n}`, formula: '=$E6="Nộp muộn"', fill: '#FCE4D6' }),
      expect.objectContaining({ range: `A6:L${5 + n}`, formula: '=$E6="Chưa nộp"', fill: '#F8CBAD' }),
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

test('in Office 2016 (ExcelApi 1.1 only) the same summary is written: fixed fills, no frozen panes, default widths', async () => {
  const x = mockExcel(['Sheet1'], { excelApi: '1.1' });
  // the strict host lacks what 1.1 lacks: calling it would throw
  const ctx = x.fake.newContext();
  expect((ctx.application as { suspendApiCalculationUntilNextSync?: unknown }).suspendApiCalculationUntilNextSync).toBe(
    undefined,
  );
  expect((ctx.workbook.worksheets.getItem('Sheet1') as { freezePanes?: unknown }).freezePanes).toBe(undefined);
  const report = await writeOutSheets(x.context, sampleSheets);
  expect(report.sheets).toEqual(SUMMARY);
  const agencies = x.sheet('Theo đơn vị')!;
  expect(agencies.tables[0].name).toBe('TheoDonVi');
  expect(agencies.frozenRows).toBe(0);
  expect(agencies.conditionalFormats).toEqual([]);
  expect(agencies.formats.some((f) => f[1] === 'columnWidth')).toBe(false);
  // late rows still stand out: a fill on the rows whose status is late
  const sheet = sampleSheets.find((s) => s.name === 'Theo đơn vị')!;
  const lateRow = sheet.table.rows.findIndex((r) => r[4] === 'Nộp muộn');
  expect(lateRow).toBeGreaterThanOrEqual(0);
  const fills = agencies.formats
    .filter((f) => f[1] === 'fill.color' && f[2] === '#FCE4D6')
    .map((f) => parseAddress(f[0]));
  expect(fills.some((b) => b.r1 <= 6 + lateRow && b.r2 >= 6 + lateRow)).toBe(true);
  // the register stays visible where it cannot be hidden (1.2), and says what it is
  expect(x.sheet(REGISTER_SHEET)!.visibility).toBe('Visible');
  const listed = [...x.sheet(REGISTER_SHEET)!.cells.entries()].filter(([k]) => k.endsWith(',2')).map(([, c]) => c.v);
  expect(listed).toEqual(['Tên trang', ...SUMMARY]);
});

test('the number of syncs does not grow with the number of agencies', async () => {
  const counts: number[] = [];
  for (const n of [10, 300, 1000]) {
    const x = mockExcel();
    const r = await writeOutSheets(x.context, summaryFor(planWith(n)));
    expect(x.sheet('Theo đơn vị')!.tables[0].address).toBe(`A5:L${5 + n}`);
    counts.push(r.syncs);
  }
  expect(counts).toEqual([WRITE_SYNCS, WRITE_SYNCS, WRITE_SYNCS]);
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

test('with every agency reporting every task, syncs stay 4 up to ~4 MB of content, then one more per ~4 MB', async () => {
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
    // Excel on the web refuses a request of 5 MB or more (the strict host does too: the write would have failed)
    expect(Math.max(...x.payloads)).toBeLessThan(5 * 1024 * 1024);
    expect(x.sheet('Chi tiết')!.tables[0].address).toBe(
      `A5:${x.sheet('Chi tiết')!.tables[0].address.split(':')[1].replace(/\d+$/, '')}${5 + n * plan.tasks.length}`,
    );
  }
  console.log(`Excel door, summary write:\n  ${out.join('\n  ')}`);
  expect(syncs[10]).toBe(WRITE_SYNCS);
  expect(syncs[300]).toBe(WRITE_SYNCS);
  expect(syncs[1000]).toBeLessThanOrEqual(WRITE_SYNCS + 1);
});

test('running again replaces the sheets: no duplicate, no temporary sheet, tables keep their names', async () => {
  const x = mockExcel(['Kế hoạch']);
  await writeOutSheets(x.context, sampleSheets);
  await writeOutSheets(x.context, sampleSheets);
  expect(userSheets(x)).toEqual(['Kế hoạch', ...SUMMARY]);
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

test('leftovers of a crashed run are removed by the next run', async () => {
  const x = mockExcel(['Sheet1', `${TEMP_PREFIX}abc0`]);
  await writeOutSheets(x.context, sampleSheets);
  expect(userSheets(x)).toEqual(['Sheet1', ...SUMMARY]);
});

test('text that looks like a formula or a number stays text', async () => {
  const hostile = ['=HYPERLINK("http://evil.example","x")', '+1+2', '-3', '@SUM(A1)', '1.1'];
  const plan = planWith(hostile.length, (i) => hostile[i - 1]);
  const x = mockExcel();
  await writeOutSheets(x.context, summaryFor(plan));
  for (let i = 0; i < hostile.length; i++) {
    const cell = x.cell('Theo đơn vị', `B${6 + i}`);
    expect(cell).toEqual({ v: hostile[i], f: '@', formula: false });
  }
  // and in the plan sheets
  const y = mockExcel();
  await writePlainSheets(y.context, planSheets(plan));
  const names = [...y.sheet('Đơn vị')!.cells.entries()].filter(([k]) => k.endsWith(',2')).map(([, c]) => c);
  for (const h of hostile) expect(names).toContainEqual({ v: h, f: '@', formula: false });
});

test('ranges bigger than the payload limit are written in chunks, each below it, covering every row once', async () => {
  const plan = planWith(400);
  const sheets = summaryFor(plan);
  // the strict host refuses any request over 100 kB: the door's chunks must all fit
  const x = mockExcel(['Sheet1'], { excelApi: '1.8', requestLimit: 100_000 });
  const limit = 60_000;
  const r = await writeOutSheets(x.context, sheets, { payloadLimit: limit });
  expect(r.syncs).toBeGreaterThan(WRITE_SYNCS);
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
  expect(x.suspends).toBeGreaterThanOrEqual(r.syncs - WRITE_SYNCS + 1);
});

test('the plan sheets written into the workbook read back as the same plan (3 syncs)', async () => {
  const x = mockExcel(['Sheet1'], { excelApi: '1.7' });
  const w = await writePlainSheets(x.context, planSheets(sample.plan));
  expect(w.syncs).toBe(WRITE_SYNCS);
  expect(userSheets(x)).toEqual(['Sheet1', 'Kế hoạch', 'Nhiệm vụ', 'Chỉ tiêu', 'Đơn vị']);
  expect(x.sheet('Nhiệm vụ')!.frozenRows).toBe(1);
  const syncsBefore = x.syncs;
  const { sheets, syncs } = await readSheets(x.context);
  // names; used ranges' sizes; values
  expect(syncs).toBe(3);
  expect(x.syncs - syncsBefore).toBe(3);
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
