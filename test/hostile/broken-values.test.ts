/**
 * Found by `npm run fuzz` (seed 1, case 8777): a date-formatted cell holding text makes ExcelJS return an
 * Invalid Date; it must become an error value in the grid, so that a broken plan is reported, never a crash.
 * the report is the one promised, a plain Vietnamese message naming the file, the sheet and the cell.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { readPlan, readWorkbookGrid } from '../../src/core';
import { runCli } from '../helpers/cli';

const FILE = path.join(__dirname, '..', 'fixtures', 'hostile', 'invalid-date-plan.xlsx');

test('the unreadable date is an error value in the grid, and readPlan names the sheet, the cell and the label', async () => {
  const grid = await readWorkbookGrid(new Uint8Array(readFileSync(FILE)));
  const b4 = grid.sheets[0].rows[3]?.[1];
  expect(b4).toEqual({ error: '#VALUE!' });
  const res = readPlan(grid, 'invalid-date-plan.xlsx');
  expect(res.ok).toBe(false);
  if (res.ok) return;
  expect(res.problems).toEqual([
    expect.objectContaining({
      severity: 'error',
      file: 'invalid-date-plan.xlsx',
      sheet: 'Kế hoạch',
      cell: 'B4',
      message: expect.stringMatching(/^"Ngày ban hành" không phải ngày: "#VALUE!" \(ghi dạng dd\/mm\/yyyy\)\.$/),
    }),
  ]);
});

test('check-plan on it: exit code 1 and the Vietnamese message with the file, Kế hoạch!B4 and what to type', async () => {
  const run = await runCli(['check-plan', FILE]);
  expect(run.code).toBe(1);
  expect(run.out).toBe('');
  expect(run.err).toContain('Lỗi: Sổ kế hoạch');
  expect(run.err).toContain('invalid-date-plan.xlsx');
  expect(run.err).toContain('chưa đúng mẫu (1 lỗi)');
  expect(run.err).toContain('Kế hoạch!B4: "Ngày ban hành" không phải ngày: "#VALUE!" (ghi dạng dd/mm/yyyy).');
  expect(run.err).not.toMatch(/\n\s+at |TypeError|Invalid Date|RangeError/); // no stack trace, no JS error
});
