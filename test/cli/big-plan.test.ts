/**
 * A plan may list more agencies than a report table has rows (a national plan of every commune): the plan is read
 * past the 5,000 rows a submission's sheet is cut at, and every agency counts (the bench found's
 * 10,000-agency plan read as 4,999).
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readWorkbookGrid, writePlanWorkbook } from '../../src/core';
import { benchPlan } from '../../bench/generate';
import { loadPlan } from '../../src/cli/commands/pipeline';

test('a plan of 6,000 agencies is read whole, while a submission sheet is still cut at 5,000 rows', async () => {
  const plan = benchPlan(6000);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tonghop-bigplan-'));
  try {
    const file = path.join(dir, 'plan.xlsx');
    const bytes = await writePlanWorkbook(plan);
    await fs.writeFile(file, bytes);
    const { plan: read, warnings } = await loadPlan(file);
    expect(read.agencies).toHaveLength(6000);
    expect(read.agencies.at(-1)?.code).toBe('BM-X06000');
    expect(warnings).toEqual([]);
    // the same file read as a submission would be: cut, and said so
    const grid = await readWorkbookGrid(bytes);
    const longest = grid.sheets.reduce((a, s) => (s.rows.length > a.rows.length ? s : a));
    expect(longest.rows.length).toBe(5000);
    expect(longest.notRead?.fromRow).toBe(5001);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});
