/**
 * The user's workbook is never damaged, against the strict fake Excel (operations run at sync; the first failing
 * operation stops its batch, those before it stay done, as in Excel): a user's sheet named `Tổng hợp` and a user's
 * table `TongHop` survive two runs; a failure injected at every step of a write leaves the workbook as it was and a
 * re-run works; and each rule the host enforces has a test showing that the door copes.
 */
/// <reference types="office-js" />
import { type Plan, type PlanInput, consolidate, planSchema, planSheets, summarySheets } from '../../src/core';
import { socTrangPlan } from '../../src/sample/sample';
import { REGISTER_SHEET, readSheets, writeOutSheets, writePlainSheets } from '../../src/excel/door';
import { DoorError, runInExcel } from '../../src/excel/office';
import { uniqueHeaders } from '../../src/excel/write-sheet';
import { type MockExcel, mockExcel } from './mock-excel';

jest.mock('office-addin-manifest', () => ({ OfficeApp: { Excel: 'excel' } }));

function planWith(agencies: number): Plan {
  const base = socTrangPlan();
  const input: PlanInput = {
    ...base,
    agencies: Array.from({ length: agencies }, (_, i) => ({
      code: `DV${String(i + 1).padStart(4, '0')}`,
      name: `Đơn vị số ${i + 1}`,
      kind: 'department',
      area: '',
    })),
  };
  return planSchema.parse(input);
}
const summary = (plan: Plan, asOf = '2024-07-15') => summarySheets(consolidate(plan, [], { asOf, period: null }), plan);

/** A workbook with the clerk's own `Tổng hợp` sheet (and data in it) and a table named `TongHop` on another sheet. */
function clerksWorkbook(excelApi = '1.1'): MockExcel {
  const x = mockExcel(['Dữ liệu', 'Tổng hợp'], { excelApi });
  const own = x.sheet('Tổng hợp')!;
  own.cells.set('1,1', { v: 'Bảng của tôi' });
  own.cells.set('2,1', { v: 42 });
  x.sheet('Dữ liệu')!.tables.push({ name: 'TongHop', address: 'A1:B3', style: '' });
  x.fake.book.names.push({ name: 'TheoDonVi' });
  return x;
}

test("a user's sheet named Tổng hợp and a user's table named TongHop survive two consolidation runs", async () => {
  const x = clerksWorkbook();
  const before = x.snapshot() as { name: string }[];
  const first = await writeOutSheets(x.context, summary(planWith(5)));
  expect(first.renamed).toEqual([{ wanted: 'Tổng hợp', written: 'Tổng hợp (2)' }]);
  const second = await writeOutSheets(x.context, summary(planWith(7), '2024-08-15'));
  expect(second.renamed).toEqual(first.renamed);
  // the clerk's sheets are exactly as they were
  const after = x.snapshot() as { name: string }[];
  for (const s of before) expect(after).toContainEqual(s);
  expect(x.cell('Tổng hợp', 'A1')?.v).toBe('Bảng de tôi'.replace('de', 'của'));
  // ours were replaced, not duplicated: one of each, the second run's content
  const names = x.sheets.map((s) => s.name);
  expect(names.filter((n) => /^Tổng hợp \(/.test(n))).toEqual(['Tổng hợp (2)']);
  expect(names.filter((n) => n.startsWith('Theo đơn vị'))).toEqual(['Theo đơn vị']);
  expect(x.sheet('Theo đơn vị')!.tables[0]).toMatchObject({ name: 'TheoDonVi_2', address: 'A5:L12' });
  expect(x.sheet('Tổng hợp (2)')!.tables[0].name).toBe('TongHop_2');
  expect(x.sheet('Dữ liệu')!.tables[0].name).toBe('TongHop');
});

test('a summary sheet the clerk renamed to keep it is kept, and its table name is left to it', async () => {
  const x = mockExcel(['Sheet1']);
  await writeOutSheets(x.context, summary(planWith(3)));
  // last period's sheet kept under another name: its table is still TongHop
  x.sheet('Tổng hợp')!.name = 'Tổng hợp tháng 6';
  await writeOutSheets(x.context, summary(planWith(4)));
  expect(x.sheet('Tổng hợp tháng 6')!.tables[0].name).toBe('TongHop');
  expect(x.sheet('Tổng hợp')!.tables[0].name).toBe('TongHop_2');
});

/** Syncs and operations per sync of a successful write into a copy of the workbook. */
async function stepsOf(make: () => MockExcel, write: (x: MockExcel) => Promise<unknown>): Promise<number> {
  const x = make();
  await write(x);
  return x.syncs;
}

describe.each([
  ['the summary, first run', () => clerksWorkbook(), null],
  ['the summary, over a previous one', () => clerksWorkbook('1.8'), 'again'],
])('a failure at every step of writing %s leaves the workbook as it was', (_label, make, again) => {
  const write = (x: MockExcel) => writeOutSheets(x.context, summary(planWith(6)));
  const prepare = async () => {
    const x = make();
    if (again) await writeOutSheets(x.context, summary(planWith(3)));
    return x;
  };
  test('every sync, failing before, in the middle of and after its operations', async () => {
    const syncs = await stepsOf(
      () => make(),
      async (x) => {
        if (again) await writeOutSheets(x.context, summary(planWith(3)));
        const s = x.syncs;
        await write(x);
        (x as unknown as { _n: number })._n = x.syncs - s;
      },
    );
    expect(syncs).toBeGreaterThan(0);
    let tried = 0;
    for (let n = 1; n <= 8; n++) {
      for (const op of [0, 1, 7, 40, 100000]) {
        const x = await prepare();
        const before = x.snapshot();
        x.failAt(n, op);
        let error: unknown = null;
        try {
          await write(x);
        } catch (e) {
          error = e;
        }
        if (error === null) {
          // past the commit point (the new sheets placed): the old ones are dropped, none of the user's touched
          expect(x.sheets.some((s) => s.name.startsWith('tonghop~'))).toBe(false);
          expect(x.sheet('Theo đơn vị')!.tables[0].address).toBe('A5:L11');
          for (const s of before as { name: string }[])
            if (s.name === 'Dữ liệu') expect(x.snapshot()).toContainEqual(s);
          continue;
        }
        tried++;
        expect(error).toBeInstanceOf(DoorError);
        expect(['write-failed', 'read-failed']).toContain((error as DoorError).kind);
        expect({ n, op, book: x.snapshot() }).toEqual({ n, op, book: before });
        // a re-run works
        const r = await write(x);
        expect(r.sheets).toContain('Theo đơn vị');
        expect(x.sheet('Theo đơn vị')!.tables[0].address).toBe('A5:L11');
      }
    }
    expect(tried).toBeGreaterThanOrEqual(15);
  });
});

describe('each rule of the strict host, and how the door copes', () => {
  test('sheet names: ≤ 31 characters, no []:*?/\\, not History, unique ignoring case', async () => {
    const x = mockExcel(['Sheet1']);
    const ctx = x.fake.newContext();
    for (const bad of ['a'.repeat(32), 'a/b', 'x[1]', 'History', 'sheet1']) {
      ctx.workbook.worksheets.add(bad);
      await expect(ctx.sync()).rejects.toMatchObject({
        code: expect.stringMatching(/InvalidArgument|ItemAlreadyExists/),
      });
    }
    // the door: a wanted name taken ignoring case gets a free name within 31 characters
    const y = mockExcel(['TỔNG HỢP', 'Chưa nộp, nộp muộn']);
    const r = await writeOutSheets(y.context, summary(planWith(2)));
    expect(r.renamed).toEqual([
      { wanted: 'Tổng hợp', written: 'Tổng hợp (2)' },
      { wanted: 'Chưa nộp, nộp muộn', written: 'Chưa nộp, nộp muộn (2)' },
    ]);
    expect(r.sheets.every((n) => n.length <= 31)).toBe(true);
  });

  test('table names: unique across tables and defined names', async () => {
    const x = mockExcel(['Sheet1']);
    x.fake.book.names.push({ name: 'ChiTiet' });
    const r = await writeOutSheets(x.context, summary(planWith(2)));
    expect(r.sheets).toContain('Chi tiết');
    expect(x.sheet('Chi tiết')!.tables[0].name).toBe('ChiTiet_2');
  });

  test('table headers: unique and not empty (Excel refuses them otherwise)', async () => {
    expect(uniqueHeaders(['Ghi chú', 'ghi chú', '', 'Ghi chú'])).toEqual([
      'Ghi chú',
      'ghi chú (2)',
      'Cột 3',
      'Ghi chú (3)',
    ]);
    const sheets = summary(planWith(2));
    const t = sheets[2].table;
    t.columns = t.columns.map((c, i) => (i === 1 ? { ...c, header: t.columns[0].header } : c));
    const x = mockExcel(['Sheet1']);
    await writeOutSheets(x.context, sheets);
    expect(x.sheet(sheets[2].name)!.tables).toHaveLength(1);
  });

  test('values and number formats must match the range size', async () => {
    const x = mockExcel(['Sheet1']);
    const ctx = x.fake.newContext();
    ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:B2').values = [[1, 2]];
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
    // the door pads ragged rows (preamble lines of different lengths) to the range it writes
    await writeOutSheets(x.context, summary(planWith(2)));
    expect(x.cell('Tổng hợp', 'A1')?.v).toBe('TỔNG HỢP TÌNH HÌNH BÁO CÁO');
  });

  test('5 MB per request: the door splits a big write into requests the host accepts', async () => {
    const x = mockExcel(['Sheet1'], { requestLimit: 80_000 });
    const r = await writeOutSheets(x.context, summary(planWith(600)), { payloadLimit: 50_000 });
    expect(Math.max(...x.payloads)).toBeLessThanOrEqual(80_000);
    expect(x.sheet('Theo đơn vị')!.tables[0].address).toBe('A5:L605');
    expect(r.syncs).toBeGreaterThan(5);
  });

  test('5 MB per response: reading the plan splits its requests', async () => {
    const plan = planWith(900);
    const x = mockExcel(['Sheet1'], { responseLimit: 20_000 });
    await writePlainSheets(x.context, planSheets(plan));
    // one request for every value would be refused
    const ctx = x.fake.newContext();
    ctx.workbook.worksheets.getItem('Đơn vị').getUsedRange().load('values');
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
    const seen = x.fake.log.responses.length;
    const { sheets, syncs } = await readSheets(x.context, { responseLimit: 10_000 });
    expect(syncs).toBeGreaterThan(3);
    const agencies = sheets.find((s) => s.name === 'Đơn vị')!;
    expect(agencies.rows).toHaveLength(901);
    expect(Math.max(...x.fake.log.responses.slice(seen))).toBeLessThanOrEqual(20_000);
  });

  test('cell-edit mode: the run waits until editing ends, else asks to finish editing', async () => {
    const x = mockExcel(['Sheet1'], { editing: true });
    let told = 0;
    setTimeout(() => (x.fake.book.editing = false), 600);
    const r = await runInExcel((ctx) => writeOutSheets(ctx, summary(planWith(2))), {
      run: x.fake.Excel.run,
      onCellEdit: () => told++,
    });
    expect(told).toBe(1);
    expect(r.sheets).toContain('Tổng hợp');

    const y = mockExcel(['Sheet1'], { editing: true });
    const before = y.snapshot();
    await expect(
      runInExcel((ctx) => writeOutSheets(ctx, summary(planWith(2))), { run: y.fake.Excel.run, cellEditWaitMs: 300 }),
    ).rejects.toMatchObject({ kind: 'cell-edit' });
    expect(y.snapshot()).toEqual(before);
  });

  test('requirement sets: an API above the offered set is absent, and Office says which are offered', () => {
    const x = mockExcel(['Sheet1'], { excelApi: '1.1' });
    const office = x.fake.Office as { context: { requirements: { isSetSupported(n: string, v: string): boolean } } };
    expect(office.context.requirements.isSetSupported('ExcelApi', '1.1')).toBe(true);
    expect(office.context.requirements.isSetSupported('ExcelApi', '1.2')).toBe(false);
    const ctx = x.fake.newContext();
    const range = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1') as { conditionalFormats?: unknown };
    expect(range.conditionalFormats).toBe(undefined);
    expect((x.fake.Excel as { createWorkbook?: unknown }).createWorkbook).toBe(undefined);
  });

  test('the register is a sheet the reader never takes for the plan', async () => {
    const x = mockExcel(['Sheet1']);
    await writePlainSheets(x.context, planSheets(planWith(3)));
    const { sheets } = await readSheets(x.context);
    expect(sheets.map((s) => s.name)).not.toContain(REGISTER_SHEET);
  });
});
