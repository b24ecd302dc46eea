/**
 * Issue 9, found by `npm run fuzz` (seed 1, case 8777): a date-formatted cell holding text makes ExcelJS return an
 * Invalid Date; it must become an error value in the grid, so that a broken plan is reported, never a crash.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { readPlan, readWorkbookGrid } from '../../src/core';

const FILE = path.join(__dirname, '..', 'fixtures', 'hostile', 'invalid-date-plan.xlsx');

test('the unreadable date is an error value in the grid and readPlan reports instead of throwing', async () => {
  const grid = await readWorkbookGrid(new Uint8Array(readFileSync(FILE)));
  const b4 = grid.sheets[0].rows[3]?.[1];
  expect(b4).toEqual({ error: '#VALUE!' });
  expect(() => readPlan(grid, 'invalid-date-plan.xlsx')).not.toThrow();
});

test('check-plan on it ends normally (exit code 0 or 1 with a message), not with a stack trace', async () => {
  const err = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    const code = await main(['check-plan', FILE]);
    expect([0, 1]).toContain(code);
  } finally {
    err.mockRestore();
    log.mockRestore();
  }
});
