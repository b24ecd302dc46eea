/**
 * Layouts agencies build themselves (test/fixtures/layouts, made by scripts/fixtures/make_layouts.py with openpyxl).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { type Plan, readPlan, readSubmission, readWorkbookGrid } from '../../src/core';

const FIX = path.join(__dirname, '..', 'fixtures');
let plan: Plan;

beforeAll(async () => {
  const res = readPlan(
    await readWorkbookGrid(new Uint8Array(await fs.readFile(path.join(FIX, 'messy', 'plan.xlsx')))),
    'plan.xlsx',
  );
  if (!res.ok) throw new Error('plan');
  plan = res.plan;
});

test('a two-row header: group labels merged over one column per status (x marks) and one per indicator', async () => {
  const name = 'Hoi Phu nu - hai dong tieu de.xlsx';
  const sub = await readSubmission(
    {
      name,
      bytes: new Uint8Array(await fs.readFile(path.join(FIX, 'layouts', name))),
      receivedOn: '2024-07-08',
      receivedFrom: 'entered',
    },
    plan,
  );
  expect(sub.rejectReason).toBeNull();
  expect(sub.agencyCode).toBe('LS-HPN');
  const row = (code: string) => sub.rows.find((r) => r.taskCode === code)!;
  expect(sub.rows.map((r) => [r.taskCode, r.status])).toEqual([
    ['1', 'done'],
    ['2', 'done'],
    ['3', 'inProgress'],
    ['4', 'notStarted'],
    ['5', null],
  ]);
  expect(row('2').indicators).toEqual({
    NGUOI: { value: 150, source: { file: name, sheet: 'Báo cáo', cell: 'H9' } },
    RAC: { value: 0.5, source: { file: name, sheet: 'Báo cáo', cell: 'I9' } },
  });
  expect(row('3').indicators.CAY.value).toBe(60);
  expect(row('2').note).toBe('Ra quân cùng Đoàn Thanh niên');
  // the sub-header row is not read as a data row, and no indicator column is reported missing
  expect(sub.findings.filter((f) => f.severity === 'error')).toEqual([]);
  expect(sub.findings.map((f) => f.code)).not.toContain('indicator.column_missing');
});

test('a report formatted as an Excel table with a comment (ExcelJS alone fails on it) is read, with a warning', async () => {
  const name = 'So Xay dung - bang va chu thich.xlsx';
  const bytes = new Uint8Array(await fs.readFile(path.join(FIX, 'layouts', name)));
  const ExcelJS = (await import('exceljs')).default;
  await expect(
    new ExcelJS.Workbook().xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    ),
  ).rejects.toThrow();
  const sub = await readSubmission({ name, bytes, receivedOn: '2024-07-08', receivedFrom: 'entered' }, plan);
  expect(sub.rejectReason).toBeNull();
  expect(sub.agencyCode).toBe('LS-SXD');
  const row = (code: string) => sub.rows.find((r) => r.taskCode === code)!;
  expect(row('2').indicators.NGUOI).toEqual({ value: 75, source: { file: name, sheet: 'Báo cáo', cell: 'F6' } });
  expect(row('2').indicators.RAC.value).toBe(1.25);
  expect(row('3')).toMatchObject({ status: 'inProgress', indicators: { CAY: { value: 40 } } });
  const repaired = sub.findings.find((f) => f.code === 'file.repaired');
  expect(repaired?.message).toMatch(/Format as Table/);
  expect(repaired?.message).toMatch(/chú thích/);
});
