/**
 * Nothing lost from any command (the cases found by trying every command on its own inputs): an output never
 * replaces an input or a file of a folder the command reads, whatever the command; `templates` into the folder where
 * reports come back replaces none of them; every option is checked before the folder is read and every message
 * names the option as typed; every entry of the folder has its line in the intake. Each test compares the SHA-256 of
 * every input before and after.
 */
import { promises as fs, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import type { ConsolidationJson } from '../../src/core';
import { buildSample } from '../../src/sample/sample';
import { runCli } from '../helpers/cli';
import { makeTempDir, snapshot, tempFilesUnder } from './helpers';

let dir: string;
let sub: string;
let plan: string;
let asOf: string;

beforeAll(async () => {
  dir = await makeTempDir('tonghop-nothing-lost-');
  asOf = (await buildSample('soc-trang')).asOf;
  expect((await runCli(['sample', dir])).code).toBe(0);
  sub = path.join(dir, 'submissions');
  plan = path.join(dir, 'plan.xlsx');
}, 120_000);
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

/** Refused (exit 1, "Lỗi: …" matching `message`), nothing under `root` changed, no temp file left. */
async function expectRefused(run: Promise<{ code: number; out: string; err: string }>, message: RegExp) {
  const before = snapshot(dir);
  const res = await run;
  expect(res.err).toMatch(/^Lỗi: /);
  expect(res.err).toMatch(message);
  expect(res.code).toBe(1);
  expect(snapshot(dir)).toEqual(before);
  expect(tempFilesUnder(dir)).toEqual([]);
  return res;
}

describe('templates into the folder where the reports come back', () => {
  test('refused, naming the reports in the way; not one returned report replaced', async () => {
    const res = await expectRefused(
      runCli(['templates', plan, sub]),
      /đã có 31 tệp trùng tên không phải tệp tonghop đã ghi rồi để nguyên[\s\S]*ST-SYT\.xlsx[\s\S]*Không ghi gì/,
    );
    expect(res.out).toBe('');
    // the next consolidation still counts 6 missing, not 34
    const json = path.join(dir, 'after-templates.json');
    expect((await runCli(['consolidate', plan, sub, '--as-of', asOf, '--quiet', '--json', json])).code).toBe(0);
    const j = JSON.parse(await fs.readFile(json, 'utf8')) as ConsolidationJson;
    expect(j.overall.missing).toBe(6);
    await fs.rm(json);
  });

  test('a fresh folder: written, then written again over its own untouched templates; an edited one is kept', async () => {
    const out = path.join(dir, 'mau');
    expect((await runCli(['templates', plan, out])).code).toBe(0);
    const first = snapshot(out);
    expect(Object.keys(first)).toHaveLength(38);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await runCli(['templates', plan, out])).code).toBe(0);
    expect(snapshot(out)).toEqual(first); // the same bytes: dated by the plan, not the clock
    // one template filled in by an agency (any change to the file): the next run refuses to replace it
    const edited = path.join(out, 'ST-SYT.xlsx');
    const bytes = await fs.readFile(edited);
    bytes[bytes.length - 30] ^= 1;
    await fs.writeFile(edited, bytes);
    await expectRefused(runCli(['templates', plan, out]), /đã có 1 tệp trùng tên[\s\S]*ST-SYT\.xlsx/);
    await fs.rm(out, { recursive: true });
  });
});

describe('history: an output never over a summary it compares, nor over the plan', () => {
  let a: string;
  let b: string;
  beforeAll(async () => {
    a = path.join(dir, 'h', 'a.xlsx');
    b = path.join(dir, 'h', 'b.xlsx');
    await fs.mkdir(path.dirname(a));
    for (const f of [a, b])
      expect((await runCli(['consolidate', plan, sub, '--as-of', asOf, '--quiet', '-o', f])).code).toBe(0);
  }, 120_000);

  test('history a.xlsx b.xlsx -o b.xlsx: refused, b.xlsx as it was', async () => {
    await expectRefused(runCli(['history', a, b, '-o', b]), /-o: Không ghi đè lên tệp đầu vào: ".*b\.xlsx"/);
  });

  test('history s.xlsx plan.xlsx -o plan.xlsx: refused, the plan as it was', async () => {
    await expectRefused(runCli(['history', a, plan, '-o', plan]), /Không ghi đè lên tệp đầu vào: ".*plan\.xlsx"/);
  });

  test('history <folder> -o <folder>/a.xlsx (a summary there): refused; an earlier history there is replaced', async () => {
    const folder = path.dirname(a);
    await expectRefused(
      runCli(['history', folder, '--output', a]),
      /--output ".*a\.xlsx" là một tệp trong thư mục báo cáo \(dữ liệu đầu vào\): không ghi đè/,
    );
    const lichSu = path.join(folder, 'lich-su.xlsx');
    expect((await runCli(['history', folder, '-o', lichSu])).code).toBe(0);
    const res = await runCli(['history', folder, '-o', lichSu]);
    expect(res.code).toBe(0); // its own earlier output: replaced, and not read as a summary
    expect(res.err).not.toContain('lich-su.xlsx');
    await fs.rm(lichSu);
  });
});

describe('remind: every option checked before the folder is read, every message naming the option typed', () => {
  const remind = (...extra: string[]) => runCli(['remind', plan, sub, '--as-of', asOf, '--quiet', ...extra]);

  test('-o x.xlsx is refused (a letter is a .docx), nothing written', async () => {
    await expectRefused(remind('-o', path.join(dir, 'x.xlsx')), /-o ".*x\.xlsx": lệnh này chỉ ghi được tệp \.docx/);
  });

  test('--new-deadline 2024-06-31 is refused as a day that does not exist, before anything is read', async () => {
    const res = await expectRefused(
      remind('-o', path.join(dir, 'dd.docx'), '--new-deadline', '2024-06-31'),
      /--new-deadline phải là một ngày có thật, dạng dd\/mm\/yyyy hoặc yyyy-mm-dd/,
    );
    expect(res.out).toBe(''); // no overview printed: the folder was not read
  });

  test('--eml-dir naming an existing file: refused before dd.docx and dd.xlsx are written', async () => {
    const file = path.join(dir, 'thu.txt');
    await fs.writeFile(file, 'không phải thư mục');
    await expectRefused(
      remind('-o', path.join(dir, 'dd.docx'), '--eml-dir', file),
      /--eml-dir ".*thu\.txt" đã có và không phải thư mục/,
    );
    await fs.rm(file);
  });

  test('--eml-dir inside the submissions folder is refused (the next run would read the drafts)', async () => {
    await expectRefused(
      remind('-o', path.join(dir, 'dd.docx'), '--eml-dir', path.join(sub, 'thu')),
      /--eml-dir ".*thu" nằm trong thư mục báo cáo/,
    );
  });

  test('-o dd.docx --sheet dd.docx names --sheet; --sheet onto a report names --sheet', async () => {
    await expectRefused(
      remind('-o', path.join(dir, 'dd.docx'), '--sheet', path.join(dir, 'dd.docx')),
      /--sheet ".*dd\.docx": lệnh này chỉ ghi được tệp \.xlsx/,
    );
    await expectRefused(
      remind('--output', path.join(dir, 'dd.docx'), '--sheet', path.join(sub, 'ST-SYT.xlsx')),
      /--sheet ".*ST-SYT\.xlsx" là một tệp trong thư mục báo cáo/,
    );
  });

  test('report -o onto a submission names the option as typed (--output)', async () => {
    await expectRefused(
      runCli(['report', plan, sub, '--as-of', asOf, '--quiet', '--output', path.join(sub, 'ST-SCT.xlsx')]),
      /--output ".*ST-SCT\.xlsx" là một tệp trong thư mục báo cáo/,
    );
  });
});

test('--json l.json, a link to a workbook, is refused: the extension of what the link leads to counts', async () => {
  const target = path.join(dir, 'that.xlsx');
  await fs.writeFile(target, 'a workbook of the user');
  symlinkSync(target, path.join(dir, 'l.json'));
  try {
    await expectRefused(
      runCli(['consolidate', plan, sub, '--as-of', asOf, '--quiet', '--json', path.join(dir, 'l.json')]),
      /--json ".*l\.json" là liên kết tới ".*that\.xlsx"/,
    );
    await expectRefused(
      runCli(['history', path.join(dir, 'h'), '--json', path.join(dir, 'l.json')]),
      /--json ".*l\.json" là liên kết tới/,
    );
  } finally {
    await fs.rm(path.join(dir, 'l.json'));
    await fs.rm(target);
  }
});

test('every entry of the folder is in the intake: a link to the plan, an empty folder named x.xlsx, the register', async () => {
  const folder = path.join(dir, 'every');
  await fs.cp(sub, folder, { recursive: true, preserveTimestamps: true });
  symlinkSync(plan, path.join(folder, 'ke-hoach.xlsx'));
  await fs.mkdir(path.join(folder, 'x.xlsx'));
  await fs.copyFile(plan, path.join(folder, 'plan-copy-of-the-run.xlsx'));
  const json = path.join(dir, 'every.json');
  const res = await runCli(['consolidate', plan, folder, '--as-of', asOf, '--quiet', '--json', json]);
  expect(res.code).toBe(0);
  const j = JSON.parse(await fs.readFile(json, 'utf8')) as ConsolidationJson;
  const reason = (f: string) => j.intake.find((e) => e.file === f)?.reason;
  expect(reason('ke-hoach.xlsx')).toBe(
    'Liên kết tới sổ kế hoạch của lần tổng hợp này (không phải báo cáo của đơn vị): không đọc như báo cáo.',
  );
  expect(reason('x.xlsx/')).toBe('Thư mục con trống, không có tệp nào (tên giống tên tệp nhưng đây là thư mục).');
  expect(reason('Sổ tiếp nhận.xlsx')).toBe(
    'Sổ tiếp nhận: dùng để lấy ngày nhận của các tệp, không phải báo cáo của đơn vị.',
  );
  // every name in the folder has its line
  const names = (await fs.readdir(folder)).map((n) => (n === 'x.xlsx' ? 'x.xlsx/' : n)).sort();
  expect(j.intake.map((e) => e.file).sort()).toEqual(names);
  // none of them is a problem to report
  expect(j.findings.filter((f) => ['ke-hoach.xlsx', 'Sổ tiếp nhận.xlsx'].includes(f.file ?? ''))).toEqual([]);
  await fs.rm(folder, { recursive: true });
  await fs.rm(json);
});

test('report --help and remind --help each print their own command only', async () => {
  const report = await runCli(['report', '--help']);
  const remind = await runCli(['remind', '--help']);
  expect(report.code).toBe(0);
  expect(remind.code).toBe(0);
  expect(report.out).toMatch(/^Cách dùng:\n {2}tonghop report /);
  expect(report.out).not.toContain('tonghop remind');
  expect(remind.out).toMatch(/^Cách dùng:\n {2}tonghop remind /);
  expect(remind.out).not.toContain('tonghop report');
  // the program's help still has both
  const all = await runCli(['--help']);
  expect(all.out).toContain('tonghop report <plan.xlsx>');
  expect(all.out).toContain('tonghop remind <plan.xlsx>');
});
