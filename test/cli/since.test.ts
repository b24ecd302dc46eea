/**
 * `tonghop consolidate --since <summary.xlsx>`: the folder is the state; the earlier summary says what was there.
 * Monday's run, then Thursday's with more files, one sent again with new content and one taken out: the print-out,
 * the new summary's sheet `Thay đổi từ lần trước` and the JSON's `since` say what changed. A summary that is not
 * tonghop's, is of another plan or was written by a newer tonghop is refused naming the file, nothing written.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { runCli } from '../helpers/cli';

let dir: string;
let subs: string;
let plan: string;
const monday = () => path.join(dir, 'thu-hai.xlsx');
const exists = (f: string) =>
  fs.stat(f).then(
    () => true,
    () => false,
  );

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tonghop-since-'));
  expect((await runCli(['sample', dir])).code).toBe(0);
  subs = path.join(dir, 'submissions');
  plan = path.join(dir, 'plan.xlsx');
  // Monday: a few reports had not come yet
  await fs.mkdir(path.join(dir, 'later'));
  for (const f of ['ST-SYT.xlsx', 'ST-SXD.xlsx', 'ST-TDTN.xlsx'])
    await fs.rename(path.join(subs, f), path.join(dir, 'later', f));
  const first = await runCli(['consolidate', plan, subs, '--as-of', '2024-07-01', '-o', monday(), '--quiet']);
  expect(first.code).toBe(0);
  // Thursday: they came; ST-HTT sent its report again with new content; ST-HMX's file was taken out
  for (const f of ['ST-SYT.xlsx', 'ST-SXD.xlsx', 'ST-TDTN.xlsx'])
    await fs.rename(path.join(dir, 'later', f), path.join(subs, f));
  await fs.copyFile(path.join(subs, 'ST-HND.xlsx'), path.join(subs, 'ST-HTT.xlsx'));
  await fs.rm(path.join(subs, 'ST-HMX.xlsx'));
}, 120_000);

afterAll(() => fs.rm(dir, { recursive: true, force: true }));

test('Thursday’s run says what changed since Monday’s summary: print-out, a sheet, the JSON', async () => {
  const out = path.join(dir, 'thu-nam.xlsx');
  const json = path.join(dir, 'thu-nam.json');
  const run = await runCli([
    'consolidate',
    plan,
    subs,
    '--as-of',
    '2024-07-04',
    '--since',
    monday(),
    '-o',
    out,
    '--json',
    json,
    '--quiet',
  ]);
  expect(run.code).toBe(0);
  expect(run.out).toContain(`Thay đổi: so với sổ tổng hợp "${monday()}" (số liệu đến ngày 01/07/2024):`);
  expect(run.out).toMatch(/Tệp mới \(3\): ST-SXD\.xlsx; ST-SYT\.xlsx; ST-TDTN\.xlsx/);
  expect(run.out).toMatch(/Tệp đã thay nội dung \(1\): ST-HTT\.xlsx/);
  expect(run.out).toMatch(/Tệp không còn trong thư mục \(1\): ST-HMX\.xlsx/);
  expect(run.out).toMatch(/Mới nộp \(\d+\): .*Sở Y tế/);
  expect(run.out).toMatch(/Vẫn chưa nộp \(\d+\): /);

  const j = JSON.parse(await fs.readFile(json, 'utf8'));
  expect(j.since).toMatchObject({ file: monday(), asOf: '2024-07-01', period: '2024' });
  expect(j.since.files.map((f: { change: string; file: string }) => `${f.change} ${f.file}`).sort()).toEqual([
    'changed ST-HTT.xlsx',
    'gone ST-HMX.xlsx',
    'new ST-SXD.xlsx',
    'new ST-SYT.xlsx',
    'new ST-TDTN.xlsx',
  ]);
  // the agencies: each change a fact of both runs (still missing: missing in Monday's summary and today)
  const before = await agencyStatus(monday());
  const now = await agencyStatus(out);
  for (const a of j.since.agencies as { change: string; code: string; before: string | null; after: string }[]) {
    expect(a.before).toBe(before.get(a.code) ?? null);
    expect(a.after).toBe(now.get(a.code));
    if (a.change === 'still_missing') expect([a.before, a.after]).toEqual(['missing', 'missing']);
  }
  expect(j.since.agencies.find((a: { code: string }) => a.code === 'ST-SYT')).toMatchObject({ change: 'submitted' });
  const missingBoth = [...now].filter(([code, s]) => s === 'missing' && before.get(code) === 'missing').length;
  expect(j.since.agencies.filter((a: { change: string }) => a.change === 'still_missing')).toHaveLength(missingBoth);

  // the new summary's sheet, after the eight others (the sheet list only grows)
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const visible = wb.worksheets.filter((w) => w.state === 'visible').map((w) => w.name);
  expect(visible.slice(-2)).toEqual(['Sổ tiếp nhận', 'Thay đổi từ lần trước']);
  const sheet = wb.getWorksheet('Thay đổi từ lần trước')!;
  const labels: string[] = [];
  sheet.eachRow((row, n) => n > 5 && labels.push(String(row.getCell(1).value)));
  expect(labels.filter((l) => l === 'Tệp mới')).toHaveLength(3);
  expect(labels).toContain('Tệp đã thay nội dung');
  expect(labels).toContain('Vẫn chưa nộp');
});

/** code → status in a summary's hidden data sheet (what `tonghop history` reads too). */
async function agencyStatus(file: string): Promise<Map<string, string>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('_tonghop_tonghop')!;
  const out = new Map<string, string>();
  let inAgencies = false;
  ws.eachRow((row) => {
    const first = String(row.getCell(1).value ?? '');
    if (first.startsWith('#')) inAgencies = first === '#agencies';
    else if (inAgencies && first !== 'code') out.set(first, String(row.getCell(6).value));
  });
  return out;
}

describe('a summary that cannot be compared is refused, naming the file, nothing written', () => {
  const refused = async (since: string) => {
    const out = path.join(dir, 'khong-ghi.xlsx');
    const run = await runCli(['consolidate', plan, subs, '--since', since, '-o', out, '--quiet']);
    expect(run.code).toBe(1);
    expect(await exists(out)).toBe(false);
    return run.err;
  };

  test('not a summary (the plan workbook)', async () => {
    expect(await refused(plan)).toContain(`không phải sổ tổng hợp do tonghop ghi`);
    expect(await refused(plan)).toContain(plan);
  });

  test('a summary of another plan', async () => {
    const other = path.join(dir, 'ha-tinh');
    expect((await runCli(['sample', other, '--plan', 'ha-tinh'])).code).toBe(0);
    const summary = path.join(dir, 'ha-tinh.xlsx');
    const r = await runCli([
      'consolidate',
      path.join(other, 'plan.xlsx'),
      path.join(other, 'submissions'),
      '-o',
      summary,
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    const err = await refused(summary);
    expect(err).toContain(summary);
    expect(err).toMatch(/kế hoạch số 588\/KH-UBND, không phải kế hoạch số 1350\/STNMT-MT/);
  }, 120_000);

  test('a summary written by a newer tonghop', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(monday());
    wb.getWorksheet('_tonghop_tonghop')!.getCell('B1').value = 2;
    const newer = path.join(dir, 'moi-hon.xlsx');
    await wb.xlsx.writeFile(newer);
    const err = await refused(newer);
    expect(err).toContain(newer);
    expect(err).toMatch(/mới hơn.*cập nhật tonghop/);
  });

  test('-o onto the earlier summary: refused before anything is read, the earlier summary kept', async () => {
    const before = await fs.readFile(monday());
    const run = await runCli(['consolidate', plan, subs, '--since', monday(), '-o', monday(), '--quiet']);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/Không ghi đè lên tệp đầu vào/);
    expect(await fs.readFile(monday())).toEqual(before);
  });
});
