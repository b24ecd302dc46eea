/**
 * Outputs: never over, or through a link onto, an input; never onto a device or a folder; -o ≠ --json;
 * an extension the command cannot write is refused; all of it before any file is read (exit 1, Vietnamese).
 * Writing into the submissions folder is allowed and a later run lists that file as a tonghop output.
 */
import { promises as fs, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';
import type { ConsolidationJson } from '../../src/core';
import { buildSample } from '../../src/sample/sample';
import { makeTempDir, snapshot, tempFilesUnder } from './helpers';

let dir: string;
let sub: string;
let plan: string;
let asOf: string;
let inputs: Record<string, string>;

beforeAll(async () => {
  dir = await makeTempDir('tonghop-faults-out-');
  asOf = (await buildSample('soc-trang')).asOf;
  expect((await runCli(['sample', dir])).code).toBe(0);
  sub = path.join(dir, 'submissions');
  plan = path.join(dir, 'plan.xlsx');
  inputs = snapshot(dir);
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

const consolidate = (...extra: string[]) =>
  runCli(['consolidate', plan, sub, '--as-of', asOf, '--quiet', '--workers', '1', ...extra]);

/** Refused before reading: exit 1, the message, every input as it was, nothing written, no temp file. */
async function expectRefused(res: { code: number; err: string }, message: RegExp) {
  expect(res.code).toBe(1);
  expect(res.err).toMatch(/^Lỗi: /);
  expect(res.err).toMatch(message);
  expect(res.err).not.toMatch(/\bat .*\.ts:\d+|Error:|EISDIR|ENOTDIR/);
  expect(snapshot(dir)).toEqual(inputs);
  expect(tempFilesUnder(dir)).toEqual([]);
}

describe('an output never replaces an input', () => {
  test('-o onto a submission, --json onto the register: refused, the submission and register untouched', async () => {
    await expectRefused(await consolidate('-o', path.join(sub, 'ST-SYT.xlsx')), /trong thư mục báo cáo.*không ghi đè/);
    await expectRefused(await consolidate('--json', path.join(sub, 'Sổ tiếp nhận.xlsx')), /chỉ ghi được tệp \.json/);
    await expectRefused(
      await consolidate('-o', path.join(sub, 'Sổ tiếp nhận.xlsx')),
      /trong thư mục báo cáo.*không ghi đè/,
    );
  });

  test('report -o onto a submission is refused too (the shared check in runConsolidation)', async () => {
    await expectRefused(
      await runCli(['report', plan, sub, '--as-of', asOf, '--quiet', '-o', path.join(sub, 'ST-SCT.xlsx')]),
      /không ghi đè/,
    );
  });

  test('the plan reached through a symlinked folder, or through a link to it, is recognised and refused', async () => {
    const linked = path.join(dir, '..', `${path.basename(dir)}-link`);
    symlinkSync(dir, linked);
    const link = path.join(dir, 'link-to-plan.xlsx');
    symlinkSync(plan, link);
    inputs = snapshot(dir);
    try {
      await expectRefused(await consolidate('-o', path.join(linked, 'plan.xlsx')), /Không ghi đè lên tệp đầu vào/);
      await expectRefused(await consolidate('-o', link), /Không ghi đè lên tệp đầu vào.*chính là/);
    } finally {
      await fs.rm(linked);
      await fs.rm(link);
      inputs = snapshot(dir);
    }
  });

  test('a device node (or a link to one) is never replaced by a regular file', async () => {
    await expectRefused(await consolidate('--json', '/dev/null'), /chỉ ghi được tệp \.json/);
    const link = path.join(dir, 'null.xlsx');
    symlinkSync('/dev/null', link);
    inputs = snapshot(dir);
    try {
      await expectRefused(await consolidate('-o', link), /không phải tệp thường/);
      expect((await fs.stat('/dev/null')).isCharacterDevice()).toBe(true);
    } finally {
      await fs.rm(link);
      inputs = snapshot(dir);
    }
  });

  test('-o and --json on the same file (through a link) are refused', async () => {
    const out = path.join(dir, 'out');
    await fs.mkdir(out);
    symlinkSync(path.join(out, 'a.xlsx'), path.join(out, 'a.json'));
    inputs = snapshot(dir);
    // a .json name leading to a workbook: the extension of what the link leads to is checked too
    await expectRefused(
      await consolidate('-o', path.join(out, 'a.xlsx'), '--json', path.join(out, 'a.json')),
      /--json ".*a\.json" là liên kết tới ".*a\.xlsx": lệnh này chỉ ghi được tệp \.json/,
    );
    await fs.rm(out, { recursive: true });
    inputs = snapshot(dir);
  });

  test('a folder as -o, a path through a file, an extension the command cannot write: plain messages', async () => {
    await expectRefused(await consolidate('-o', dir), /chỉ ghi được tệp \.xlsx/);
    await fs.mkdir(path.join(dir, 'folder.xlsx'));
    inputs = snapshot(dir);
    await expectRefused(await consolidate('-o', path.join(dir, 'folder.xlsx')), /là một thư mục: hãy ghi tên tệp/);
    await fs.rmdir(path.join(dir, 'folder.xlsx'));
    inputs = snapshot(dir);
    await expectRefused(await consolidate('-o', path.join(plan, 'x.xlsx')), /đi qua một tệp như thể đó là thư mục/);
    await expectRefused(
      await consolidate('-o', path.join(dir, 'x.csv')),
      /chỉ ghi được tệp \.xlsx, không ghi được \.csv/,
    );
    await expectRefused(await runCli(['templates', plan, plan]), /đã có và không phải thư mục: hãy chỉ một thư mục/);
  });

  test('a name of 256 bytes is refused before reading; one of 250 bytes is written (temp names stay short)', async () => {
    await expectRefused(await consolidate('--json', path.join(dir, 'ệ'.repeat(84) + '.json')), /Tên tệp quá dài/);
    const long = path.join(dir, 'out250', 'a'.repeat(245) + '.json');
    const res = await consolidate('--json', long);
    expect(res.code).toBe(0);
    expect(JSON.parse(await fs.readFile(long, 'utf8')).asOf).toBe(asOf);
    await fs.rm(path.dirname(long), { recursive: true });
  });
});

describe('the summary may go into the submissions folder', () => {
  test('written there, then listed by the next run as a tonghop output, never read as a report', async () => {
    const out = path.join(sub, 'tong-hop.xlsx');
    const json = path.join(sub, 'tong-hop.json');
    expect((await consolidate('-o', out, '--json', json)).code).toBe(0);
    // the same run again may replace its own outputs there
    expect((await consolidate('-o', out, '--json', json)).code).toBe(0);
    const other = path.join(dir, 'other.json');
    expect((await consolidate('--json', other)).code).toBe(0);
    const j = JSON.parse(await fs.readFile(other, 'utf8')) as ConsolidationJson;
    const mine = j.intake.filter((e) => e.file.startsWith('tong-hop.'));
    expect(mine.map((e) => [e.file, e.verdict, e.agencyCode])).toEqual([
      ['tong-hop.json', 'rejected', null],
      ['tong-hop.xlsx', 'rejected', null],
    ]);
    expect(mine[0].reason).toBe(
      'Tệp kết quả do tonghop ghi (kết quả tổng hợp dạng JSON), không phải báo cáo của đơn vị: không đọc.',
    );
    expect(mine[1].reason).toMatch(/Tệp kết quả do tonghop ghi \(sổ tổng hợp\)/);
    // the summary and JSON of one run name each other: the JSON holds the summary's SHA-256
    const again = JSON.parse(await fs.readFile(json, 'utf8')) as { summaryFile: { name: string; sha256: string } };
    const { createHash } = await import('node:crypto');
    expect(again.summaryFile).toEqual({
      name: 'tong-hop.xlsx',
      sha256: createHash('sha256')
        .update(await fs.readFile(out))
        .digest('hex'),
    });
    await fs.rm(out);
    await fs.rm(json);
    await fs.rm(other);
  });
});
