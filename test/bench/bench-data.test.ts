/**
 * The bench measures something real only if its generated submissions are read like real ones: every file
 * recognised and counted, the drift (renamed sheet, text numbers, no hidden sheet, shifted table, statuses
 * without diacritics) seen and handled, a few late files. Also: the bundle-size reader finds the pane's scripts.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runConsolidation } from '../../src/cli/commands/pipeline';
import { BENCH_AS_OF, TASK_COUNT, ensureBenchSet } from '../../bench/generate';
import { scriptsOf } from '../../bench/pane';

describe('bench data', () => {
  let root: string;
  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'tonghop-bench-test-'));
    process.env.TONGHOP_BENCH_DIR = root;
  });
  afterAll(async () => {
    delete process.env.TONGHOP_BENCH_DIR;
    await fs.rm(root, { recursive: true, force: true });
  });

  test('60 generated submissions with layout drift are all recognised and consolidated', async () => {
    const set = await ensureBenchSet(60);
    expect(set.generatedMs).not.toBeNull();
    const { consolidation: c } = await runConsolidation(set.planPath, set.submissionsDir, {
      asOf: BENCH_AS_OF,
      workers: 1,
    });
    expect(c.intake).toHaveLength(60);
    expect(c.tasks).toHaveLength(TASK_COUNT);
    expect(c.overall.rejected).toBe(0);
    expect(c.overall.onTime + c.overall.late).toBe(60);
    expect(c.overall.late).toBeGreaterThan(0);
    expect(c.overall.missing).toBeGreaterThan(0); // the plan has agencies that never send
    const recognised = new Set(c.intake.map((e) => e.recognisedBy));
    expect(recognised).toEqual(new Set(['hidden', 'code'])); // the files without the hidden sheet still carry the code
    const codes = new Set(c.findings.map((f) => f.code));
    expect(codes.has('sheet.renamed')).toBe(true);
    expect(codes.has('status.invalid')).toBe(true);
    // shifted tables (two rows above, a column inserted) are read in full: every task row of every file is there
    expect(c.details).toHaveLength(60 * TASK_COUNT);
    const firstTaskCells = new Set(c.details.filter((d) => d.taskCode === '1').map((d) => d.cell));
    expect(firstTaskCells).toEqual(new Set(['B14', 'B16'])); // row 14 in the template, 16 when two rows were inserted
    // the indicator totals are numbers, text numbers included
    expect(Object.keys(c.tasks[0].indicators)).toEqual(['CT1']);
  }, 60_000);

  test('a second call reuses the generated files', async () => {
    const again = await ensureBenchSet(60);
    expect(again.generatedMs).toBeNull();
  });

  test('scripts of the built task pane page, quoted or not', () => {
    expect(scriptsOf('<script src=https://x/office.js></script><script defer src=taskpane.1b2.js></script>')).toEqual([
      'https://x/office.js',
      'taskpane.1b2.js',
    ]);
    expect(scriptsOf(`<script defer="defer" src="./a.js?v=1"></script><script src='b.js'></script>`)).toEqual([
      'a.js',
      'b.js',
    ]);
  });
});
