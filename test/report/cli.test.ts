/**
 * `tonghop report`, `tonghop remind`, and `tonghop consolidate` one level up, through the CLI's main().
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { runCli } from '../helpers/cli';
import { type ConsolidationJson, writePlanWorkbook } from '../../src/core';
import { HA_TINH, LANG_SON, NATIONAL_PLAN, SOC_TRANG, provinceReport } from './provinces';

const run = runCli;

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tonghop-report-'));
  expect((await run(['sample', path.join(dir, 's')])).code).toBe(0);
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test('report: writes the workbook with the flags over the plan', async () => {
  const out = path.join(dir, 'bao-cao.xlsx');
  const r = await run([
    'report',
    path.join(dir, 's', 'plan.xlsx'),
    path.join(dir, 's', 'submissions'),
    '--as-of',
    '2024-07-15',
    '-o',
    out,
    '--quiet',
    '--workers',
    '1',
    '--number',
    '7/BC-STNMT',
    '--signer-name',
    'Lê Văn C',
    '--date',
    '2024-07-16',
  ]);
  expect([r.code, r.err]).toEqual([0, '']);
  expect(r.out).toContain('Sổ báo cáo gửi cấp trên:');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.getWorksheet('Báo cáo')!;
  // the number and the place and date on one row, level; the right block starts at column I for this letterhead
  expect([ws.getCell('A4').value, ws.getCell('I4').value]).toEqual([
    'Số: 7/BC-STNMT',
    'Sóc Trăng, ngày 16 tháng 7 năm 2024',
  ]);
  let signer = false;
  ws.eachRow((row) => void (row.getCell(9).value === 'Lê Văn C' && (signer = true)));
  expect(signer).toBe(true);
});

test('remind: the letter, the sheet next to it, the .eml folder when agencies have emails', async () => {
  const out = path.join(dir, 'don-doc.docx');
  const r = await run([
    'remind',
    path.join(dir, 's', 'plan.xlsx'),
    path.join(dir, 's', 'submissions'),
    '--as-of',
    '2024-07-15',
    '-o',
    out,
    '--quiet',
    '--workers',
    '1',
    '--new-deadline',
    '2024-07-25',
  ]);
  expect([r.code, r.err]).toEqual([0, '']);
  const { value } = await mammoth.extractRawText({ path: out });
  expect(value).toContain('V/v đôn đốc báo cáo kết quả thực hiện Kế hoạch số 1350/STNMT-MT');
  expect(value).toContain('trước ngày 25/07/2024');
  await fs.access(path.join(dir, 'don-doc.xlsx'));
  expect(r.out).toContain('Không có đơn vị nào có email');
});

test('bad flags are refused with a message naming the flag', async () => {
  const base = ['report', path.join(dir, 's', 'plan.xlsx'), path.join(dir, 's', 'submissions')];
  const r1 = await run([...base, '-o', path.join(dir, 'x.xlsx'), '--date', '2024-13-01']);
  expect([r1.code, r1.err]).toEqual([
    1,
    'Lỗi: --date phải là một ngày có thật, dạng dd/mm/yyyy hoặc yyyy-mm-dd, ví dụ 15/07/2024 (nhận được "2024-13-01").',
  ]);
  const r2 = await run(base);
  expect(r2.code).toBe(1);
  expect(r2.err).toContain('Thiếu -o');
});

test('consolidate one level up: the ministry plan on a folder of province report workbooks', async () => {
  const up = path.join(dir, 'bo');
  await fs.mkdir(path.join(up, 'bao-cao-tinh'), { recursive: true });
  await fs.writeFile(path.join(up, 'plan.xlsx'), await writePlanWorkbook(NATIONAL_PLAN));
  await fs.writeFile(path.join(up, 'bao-cao-tinh', 'Soc Trang.xlsx'), await provinceReport(SOC_TRANG));
  await fs.writeFile(path.join(up, 'bao-cao-tinh', 'HT.xlsx'), await provinceReport(HA_TINH, { agencyCode: 'HT' }));
  await fs.writeFile(path.join(up, 'bao-cao-tinh', 'Lang Son.xlsx'), await provinceReport(LANG_SON));
  const received: Record<string, [number, number, number]> = {
    'Soc Trang.xlsx': [2024, 6, 20],
    'HT.xlsx': [2024, 11, 30],
    'Lang Son.xlsx': [2024, 6, 25],
  };
  for (const [f, [y, m, d]] of Object.entries(received))
    await fs.utimes(path.join(up, 'bao-cao-tinh', f), new Date(y, m, d, 15), new Date(y, m, d, 15));
  const json = path.join(up, 'quoc-gia.json');
  const r = await run([
    'consolidate',
    path.join(up, 'plan.xlsx'),
    path.join(up, 'bao-cao-tinh'),
    '--as-of',
    '2025-01-10',
    '--period',
    '2024',
    '--json',
    json,
    '--quiet',
    '--workers',
    '1',
  ]);
  expect([r.code, r.err]).toEqual([0, '']);
  const j = JSON.parse(await fs.readFile(json, 'utf8')) as ConsolidationJson;
  expect(j.intake.map((e) => [e.file, e.agencyCode, e.verdict])).toEqual([
    ['HT.xlsx', 'HT', 'accepted'],
    ['Lang Son.xlsx', 'LS', 'accepted'],
    ['Soc Trang.xlsx', 'ST', 'accepted'],
  ]);
  expect(j.tasks.map((t) => t.indicators)).toEqual([{ CT1: 63, CT2: 5200 }, { CT3: 8 }, { CT5: 10 }]);
  expect(j.agencies.map((a) => [a.code, a.status])).toEqual([
    ['ST', 'on_time'],
    ['HT', 'on_time'],
    ['LS', 'on_time'],
    ['BK', 'missing'],
  ]);
  // each province's own completeness is carried up into the JSON
  expect(
    j.agencies.map((a) => (a as { ownAgencies?: { completeness: number } }).ownAgencies?.completeness ?? null),
  ).toEqual([75, 100, 66.7, null]);
  expect(j.findings).toEqual([]);
});
