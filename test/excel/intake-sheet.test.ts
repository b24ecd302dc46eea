/**
 * The pane's intake kept in the workbook, against the strict fake Excel: written as tonghop's own sheet, very
 * hidden where the host can hide a sheet and visible under ExcelApi 1.1, replaced (never duplicated) by the next
 * save, read back in blocks under the payload limits, never read as a plan, and a failed save leaves the workbook
 * (the stored intake and the clerk's sheets) as it was.
 */
/// <reference types="office-js" />
import { decodeIntakeStore, encodeIntakeStore } from '../../src/core/intake/intake-store';
import { socTrangPlan } from '../../src/sample/sample';
import { readSheets } from '../../src/excel/door';
import { readIntakeSheet, writeIntakeSheet } from '../../src/excel/intake-sheet';
import { DoorError } from '../../src/excel/office';
import { type MockExcel, mockExcel } from './mock-excel';

jest.mock('office-addin-manifest', () => ({ OfficeApp: { Excel: 'excel' } }));

const STORE = 'tonghop (tệp đã nhận)';

/** Cells as the core makes them: a header row, then `chunks` cells of `size` characters. */
function cells(tag: string, chunks = 3, size = 1000): (string | number)[][] {
  return [
    ['tonghop-intake', 1, chunks, chunks * size, tag, 'ghi chú'],
    ...Array.from({ length: chunks }, (_, i) => [`${tag}${i}`.padEnd(size, 'x')]),
  ];
}

function clerksBook(excelApi: string): MockExcel {
  const x = mockExcel(['Dữ liệu', 'Kế hoạch'], { excelApi });
  x.sheet('Dữ liệu')!.cells.set('1,1', { v: 'Bảng của tôi' });
  x.fake.book.active = 'Dữ liệu';
  return x;
}

const userSheets = (x: MockExcel) =>
  (x.snapshot() as { name: string }[]).filter((s) => s.name === 'Dữ liệu' || s.name === 'Kế hoạch');

test('saved very hidden where the host allows it, read back the same, the clerk’s sheets and active sheet untouched', async () => {
  const x = clerksBook('1.8');
  const before = userSheets(x);
  const rows = cells('a');
  const r = await writeIntakeSheet(x.context, rows);
  expect(r.hidden).toBe(true);
  expect(x.sheet(STORE)!.visibility).toBe('VeryHidden');
  expect(x.active).toBe('Dữ liệu');
  expect(userSheets(x)).toEqual(before);
  const back = await readIntakeSheet(x.context);
  expect(back?.name).toBe(STORE);
  expect(back?.rows).toEqual(rows.map((row, i) => (i === 0 ? row : [row[0]])));
  // never taken for a plan sheet
  const read = await readSheets(x.context);
  expect(read.sheets.map((s) => s.name)).toEqual(['Dữ liệu', 'Kế hoạch']);
});

test('the next save replaces it: one store, no sheet left over (a very hidden sheet is unhidden before deletion)', async () => {
  const x = clerksBook('1.8');
  await writeIntakeSheet(x.context, cells('a'));
  await writeIntakeSheet(x.context, cells('b', 5));
  await writeIntakeSheet(x.context, cells('c', 2));
  expect(x.sheets.map((s) => s.name)).toEqual(['Dữ liệu', 'Kế hoạch', 'tonghop (đừng xoá)', STORE]);
  expect((await readIntakeSheet(x.context))?.rows[1][0]).toMatch(/^c0x/);
  expect((await readIntakeSheet(x.context))?.rows).toHaveLength(3);
});

test('under ExcelApi 1.1 no sheet can be hidden: the store is visible and says so; it still reads back', async () => {
  const x = clerksBook('1.1');
  const r = await writeIntakeSheet(x.context, cells('a'));
  expect(r.hidden).toBe(false);
  expect(x.sheet(STORE)!.visibility).toBe('Visible');
  await writeIntakeSheet(x.context, cells('b'));
  expect(x.sheets.filter((s) => s.name.startsWith('tonghop (tệp')).map((s) => s.name)).toEqual([STORE]);
  expect((await readIntakeSheet(x.context))?.rows[1][0]).toMatch(/^b0/);
});

test('a workbook without a stored intake reads as none; a store renamed by the clerk is still found', async () => {
  const x = clerksBook('1.1');
  expect(await readIntakeSheet(x.context)).toBeNull();
  await writeIntakeSheet(x.context, cells('a'));
  x.sheet(STORE)!.name = 'Đừng động vào';
  expect((await readIntakeSheet(x.context))?.name).toBe('Đừng động vào');
});

test('a real intake through the door: encoded, saved, read back and decoded', async () => {
  const x = clerksBook('1.8');
  const intake = { plan: socTrangPlan(), files: [], log: null };
  await writeIntakeSheet(x.context, await encodeIntakeStore(intake));
  const back = await decodeIntakeStore((await readIntakeSheet(x.context))!.rows);
  expect(back).toEqual({ ok: true, intake });
});

test('requests and responses stay under the host’s limits: a big store is written and read in several syncs', async () => {
  const x = mockExcel(['Sheet1'], { excelApi: '1.8', requestLimit: 400_000, responseLimit: 400_000 });
  const rows = cells('big', 40, 30_000); // 1.2 MB of text
  await writeIntakeSheet(x.context, rows, { payloadLimit: 300_000 });
  expect(Math.max(...x.payloads)).toBeLessThanOrEqual(400_000);
  const s = x.syncs;
  const back = await readIntakeSheet(x.context, { responseLimit: 300_000 });
  expect(back?.rows.slice(1).map((r) => r[0])).toEqual(rows.slice(1).map((r) => r[0]));
  expect(x.syncs - s).toBeGreaterThan(4);
});

test('a save that fails at any step leaves the stored intake and the workbook as they were', async () => {
  let tried = 0;
  for (let n = 1; n <= 6; n++) {
    for (const op of [0, 2, 100000]) {
      const x = clerksBook('1.8');
      await writeIntakeSheet(x.context, cells('old'));
      const before = x.snapshot();
      x.failAt(n, op);
      let error: unknown = null;
      try {
        await writeIntakeSheet(x.context, cells('new', 4));
      } catch (e) {
        error = e;
      }
      x.failAtSync = null; // a failure not reached by the save is not the read's
      const stored = (await readIntakeSheet(x.context))?.rows[0][4];
      if (error === null) {
        expect(stored).toBe('new'); // past the point of no return: the new one, nothing left over
        expect(x.sheets.some((s) => s.name.startsWith('tonghop~'))).toBe(false);
        continue;
      }
      tried++;
      expect(error).toBeInstanceOf(DoorError);
      expect({ n, op, book: x.snapshot() }).toEqual({ n, op, book: before });
      expect(stored).toBe('old');
    }
  }
  expect(tried).toBeGreaterThanOrEqual(6);
});
