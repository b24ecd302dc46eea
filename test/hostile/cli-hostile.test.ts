/**
 * Hostile files on the command line: a folder with every hostile fixture among real submissions is consolidated, each file
 * is reported exactly once, the hostile ones rejected with the limit named; `--max-file-size`; outputs written
 * atomically (an interrupted write leaves the previous summary intact, an input is never overwritten).
 */
import { createHash } from 'node:crypto';
import * as fsSync from 'node:fs';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import JSZip from 'jszip';
import { setFileDate } from '../../src/cli/files/inputs';
import { runCli } from '../helpers/cli';
import type { ConsolidationJson } from '../../src/core';
import { buildSample } from '../../src/sample/sample';

const HOSTILE = path.join(__dirname, '..', 'fixtures', 'hostile');

const run = runCli;

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let dir: string;
let asOf: string;
let hostileNames: string[];

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tonghop-hostile-'));
  asOf = (await buildSample('soc-trang')).asOf;
  expect((await run(['sample', dir])).code).toBe(0);
  hostileNames = fsSync.readdirSync(HOSTILE).filter((n) => n.endsWith('.xlsx'));
  for (const n of hostileNames) {
    await fs.copyFile(path.join(HOSTILE, n), path.join(dir, 'submissions', n));
    await setFileDate(path.join(dir, 'submissions', n), asOf); // received on the day of the consolidation
  }
  // a workbook of 60 KB (a picture in it) for --max-file-size
  const zip = await JSZip.loadAsync(fsSync.readFileSync(path.join(HOSTILE, 'ok-openpyxl.xlsx')));
  zip.file(
    'xl/media/image1.png',
    Uint8Array.from({ length: 60_000 }, (_, i) => (i * 7919) % 251),
    { compression: 'STORE' },
  );
  await fs.writeFile(path.join(dir, 'big.xlsx'), await zip.generateAsync({ type: 'uint8array' }));
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const consolidateArgs = (extra: string[] = []) => [
  'consolidate',
  path.join(dir, 'plan.xlsx'),
  path.join(dir, 'submissions'),
  '--as-of',
  asOf,
  '--workers',
  '1',
  '--quiet',
  ...extra,
];

test('every file of the folder is reported exactly once; each hostile one is rejected naming its limit; the run goes on', async () => {
  const jsonPath = path.join(dir, 'out', 'tong-hop.json');
  const res = await run(consolidateArgs(['--json', jsonPath, '-o', path.join(dir, 'out', 'tong-hop.xlsx')]));
  expect(res.code).toBe(0);
  const json = JSON.parse(await fs.readFile(jsonPath, 'utf8')) as ConsolidationJson;
  const listed = fsSync.readdirSync(path.join(dir, 'submissions')).sort(); // the register included
  const intake = json.intake.map((e) => e.file).sort();
  expect(intake).toEqual(listed);
  const byFile = new Map(json.intake.map((e) => [e.file, e]));
  for (const n of hostileNames.filter(
    (x) => !['ok-openpyxl.xlsx', 'ignored-content.xlsx', 'invalid-date-plan.xlsx'].includes(x),
  )) {
    expect([n, byFile.get(n)?.verdict]).toEqual([n, 'rejected']);
    expect([n, byFile.get(n)?.reason]).toEqual([n, expect.stringMatching(/giới hạn|DOCTYPE|UTF-8|khai báo|bom nén/)]);
  }
  expect(byFile.get('ok-openpyxl.xlsx')?.reason ?? '').not.toMatch(/giới hạn/);
  // the sample's own good files still count
  expect(json.intake.filter((e) => e.verdict === 'accepted').length).toBeGreaterThan(20);
  const warnings = json.findings.filter((f) => f.file === 'ignored-content.xlsx').map((f) => f.code);
  expect(warnings).toEqual(
    expect.arrayContaining([
      'ignored.macros',
      'ignored.external_links',
      'ignored.data_connections',
      'ignored.ole_objects',
      'ignored.pictures',
    ]),
  );
});

describe('--max-file-size', () => {
  let sub: string;
  beforeAll(async () => {
    sub = await fs.mkdtemp(path.join(dir, 'sz-'));
    await fs.copyFile(path.join(dir, 'big.xlsx'), path.join(sub, 'big.xlsx'));
    await fs.copyFile(path.join(HOSTILE, 'ok-openpyxl.xlsx'), path.join(sub, 'small.xlsx'));
    for (const n of ['big.xlsx', 'small.xlsx']) await setFileDate(path.join(sub, n), asOf);
  });

  test('a file over the limit is rejected with both sizes, a smaller one is read', async () => {
    const jsonPath = path.join(sub, 'r.json');
    const res = await run([
      'consolidate',
      path.join(dir, 'plan.xlsx'),
      sub,
      '--as-of',
      asOf,
      '--workers',
      '1',
      '--quiet',
      '--json',
      jsonPath,
      '--max-file-size',
      '0,05',
    ]);
    // neither file is an agency's report of the plan: the run finishes with the loud warning, exit 3 (README)
    expect(res.code).toBe(3);
    expect(res.err).toContain('CẢNH BÁO');
    const json = JSON.parse(await fs.readFile(jsonPath, 'utf8')) as ConsolidationJson;
    const big = json.intake.find((e) => e.file === 'big.xlsx');
    expect(big?.verdict).toBe('rejected');
    expect(big?.reason).toMatch(/^Tệp nặng \d+ KB, vượt giới hạn 52 KB \(đổi bằng --max-file-size\)/);
    expect(json.intake.find((e) => e.file === 'small.xlsx')?.reason ?? '').not.toMatch(/giới hạn/);
    // refused from its size on disk, without loading it: size and SHA-256 are still the file's own
    const bytes = await fs.readFile(path.join(sub, 'big.xlsx'));
    expect([big?.size, big?.sha256]).toEqual([bytes.length, createHash('sha256').update(bytes).digest('hex')]);
  });

  test('a value that is not a size stops with exit code 1 and says what is expected', async () => {
    const res = await run(['consolidate', path.join(dir, 'plan.xlsx'), sub, '--max-file-size', 'hai mươi']);
    expect(res.code).toBe(1);
    expect(res.err).toMatch(/--max-file-size phải là số MB lớn hơn 0/);
  });
});

describe('outputs are written atomically and never over an input', () => {
  let out: string;
  let before: Buffer;
  beforeAll(async () => {
    out = path.join(dir, 'atomic', 'tong-hop.xlsx');
    expect((await run(consolidateArgs(['-o', out]))).code).toBe(0);
    before = await fs.readFile(out);
  });
  const leftovers = async () => (await fs.readdir(path.dirname(out))).filter((n) => n !== 'tong-hop.xlsx');

  test('a write interrupted half way (disk full) leaves the previous summary byte for byte, and no temp file', async () => {
    // the summary is written part by part into a file it creates (writers/zip-file.ts): the disk fills after 16 KB
    const realOpen = fs.open.bind(fs);
    let failed = 0;
    const spy = jest.spyOn(fs, 'open').mockImplementation(async (file, flags, mode) => {
      const handle = await realOpen(file, flags, mode);
      if (flags !== 'wx' || path.dirname(String(file)) !== path.dirname(out)) return handle;
      const realWrite = handle.write.bind(handle) as (
        b: Uint8Array,
        o: number,
        l: number,
        p: number,
      ) => Promise<unknown>;
      let written = 0;
      return Object.assign(handle, {
        write: async (b: Uint8Array, o: number, l: number, p: number) => {
          if (written + l > 16 * 1024) {
            failed++;
            throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
          }
          written += l;
          return realWrite(b, o, l, p);
        },
      });
    });
    try {
      const res = await run(consolidateArgs(['-o', out]));
      expect(res.code).toBe(4);
      expect(res.err).toMatch(/Ổ đĩa đầy: không ghi được ".*tong-hop\.xlsx"/);
      expect(failed).toBeGreaterThan(0); // the fault was met where the summary is written
    } finally {
      spy.mockRestore();
    }
    expect(sha(await fs.readFile(out))).toBe(sha(before));
    expect(await leftovers()).toEqual([]);
  });

  test('a crash before the rename (the process killed) leaves the previous summary; the stray temp file is hidden and skipped', async () => {
    // the renames are synchronous (all outputs of a run at once, write-out.ts commitAll)
    const nodeFs = jest.requireActual<typeof import('node:fs')>('node:fs');
    const spy = jest.spyOn(nodeFs, 'renameSync').mockImplementation(() => {
      throw Object.assign(new Error('killed'), { code: 'EINTR' });
    });
    try {
      expect((await run(consolidateArgs(['-o', out]))).code).toBe(4);
    } finally {
      spy.mockRestore();
    }
    expect(sha(await fs.readFile(out))).toBe(sha(before));
    expect(await leftovers()).toEqual([]);
    // what a SIGKILL between write and rename leaves: a hidden temp file, which the next scan lists as hidden, unread
    await fs.writeFile(path.join(dir, 'submissions', '.th-0123abcd.tmp'), before.subarray(0, 100));
    const jsonPath = path.join(dir, 'atomic', 'r.json');
    expect((await run(consolidateArgs(['--json', jsonPath]))).code).toBe(0);
    const json = JSON.parse(await fs.readFile(jsonPath, 'utf8')) as ConsolidationJson;
    const stray = json.intake.filter((e) => e.file.includes('.tmp'));
    expect(stray.map((e) => [e.file, e.verdict, e.rows])).toEqual([['.th-0123abcd.tmp', 'rejected', 0]]);
    expect(stray[0].reason).toMatch(/Tệp hoặc thư mục ẩn/);
    await fs.rm(path.join(dir, 'submissions', '.th-0123abcd.tmp'));
  });

  test('-o naming the plan is refused and the plan is untouched', async () => {
    const planPath = path.join(dir, 'plan.xlsx');
    const planBefore = sha(await fs.readFile(planPath));
    const res = await run(consolidateArgs(['-o', planPath]));
    expect(res.code).toBe(1);
    expect(res.err).toMatch(/Không ghi đè lên tệp đầu vào/);
    expect(sha(await fs.readFile(planPath))).toBe(planBefore);
  });
});
