/**
 * `tonghop consolidate` keeps the rows of the files it read in a temporary file until the outputs are written
 * (src/cli/reading/spill.ts): the outputs are the same as with the rows in memory, and the file is gone after the
 * run, whether it succeeded or failed, and on Ctrl-C.
 */
import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PackedRows } from '../../src/core';
import { runCli } from '../helpers/cli';
import { consolidatedSample } from '../helpers/sample';
import * as spillModule from '../../src/cli/reading/spill';
import * as jsonFile from '../../src/cli/writers/json-file';
import { removeTempsNow } from '../../src/cli/files/cleanup';

const MESSY = path.join(__dirname, '..', 'fixtures', 'messy');

/** Runs consolidate on the messy fixture into `dir`; notes in `spills` the spill files the run opened. */
async function consolidateInto(dir: string, spills: string[] = []): Promise<{ code: number; kept: number }> {
  const open = spillModule.RowSpill.open.bind(spillModule.RowSpill);
  const opened = jest.spyOn(spillModule.RowSpill, 'open').mockImplementation(() => {
    const s = open();
    spills.push(s.file);
    return s;
  });
  const keep = jest.spyOn(spillModule.RowSpill.prototype, 'keep');
  try {
    const { code } = await runCli([
      'consolidate',
      path.join(MESSY, 'plan.xlsx'),
      path.join(MESSY, 'submissions'),
      '--as-of',
      '2024-07-15',
      '-o',
      path.join(dir, 'tong-hop.xlsx'),
      '--json',
      path.join(dir, 'tong-hop.json'),
      '--quiet',
    ]);
    return { code, kept: keep.mock.calls.length };
  } finally {
    opened.mockRestore();
    keep.mockRestore();
  }
}

describe('the rows spilled to a temporary file', () => {
  let root: string;
  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'tonghop-spill-test-'));
  });
  afterAll(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('give the same JSON as rows kept in memory, and the file is gone after the run', async () => {
    const spilled = path.join(root, 'spilled');
    const inMemory = path.join(root, 'memory');
    await fs.mkdir(spilled);
    await fs.mkdir(inMemory);
    const spills: string[] = [];
    const run = await consolidateInto(spilled, spills);
    expect(run.code).toBe(0);
    expect(spills).toHaveLength(1);
    expect(run.kept).toBeGreaterThan(10); // the files' rows went to the spill
    expect(existsSync(spills[0])).toBe(false);

    const noSpill = jest.spyOn(spillModule, 'openRowSpill').mockReturnValue(null);
    try {
      expect((await consolidateInto(inMemory)).code).toBe(0);
    } finally {
      noSpill.mockRestore();
    }
    const a = await fs.readFile(path.join(spilled, 'tong-hop.json'), 'utf8');
    const b = await fs.readFile(path.join(inMemory, 'tong-hop.json'), 'utf8');
    expect(JSON.parse(a).details.length).toBeGreaterThan(0);
    expect(a).toBe(b);
  });

  it('is gone after a run that fails while writing the outputs', async () => {
    const dir = path.join(root, 'failed');
    await fs.mkdir(dir);
    const fail = jest.spyOn(jsonFile, 'writeConsolidationJson').mockRejectedValue(new Error('ổ đĩa hỏng'));
    const spills: string[] = [];
    try {
      expect((await consolidateInto(dir, spills)).code).not.toBe(0); // the writing error's exit code
    } finally {
      fail.mockRestore();
    }
    expect(spills.length).toBeGreaterThan(0);
    for (const f of spills) expect(existsSync(f)).toBe(false);
    expect(existsSync(path.join(dir, 'tong-hop.json'))).toBe(false);
  });

  it('gives back each file’s rows as they were, is removed on Ctrl-C, and reads nothing once closed', async () => {
    const { subs } = await consolidatedSample('ha-tinh');
    const spill = spillModule.RowSpill.open();
    const kept = subs.map((s) => ({ rows: s.rows, aside: spill.keep(PackedRows.of(s.rows, s.file)) }));
    expect(existsSync(spill.file)).toBe(true);
    expect((await fs.stat(spill.file)).mode & 0o077).toBe(0); // only the owner may read it
    for (const k of kept) {
      expect(k.aside).not.toBeInstanceOf(PackedRows); // on disk, not in memory
      expect(k.aside.count).toBe(k.rows.length);
      expect(JSON.stringify(k.aside.rows())).toBe(JSON.stringify(k.rows));
    }
    removeTempsNow(); // what Ctrl-C does
    expect(existsSync(spill.file)).toBe(false);
    spill.close();
    const some = kept.find((k) => k.rows.length > 0)!;
    expect(() => some.aside.rows()).toThrow();
  });
});
