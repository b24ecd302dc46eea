/**
 * The acceptance scenario of the foundation issue, on workbooks written by openpyxl (not by tonghop):
 * three agencies filled their templates, one sent nothing, one file arrived after the deadline.
 * Fixtures: scripts/fixtures/make_openpyxl_fixtures.sh.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';
import type { ConsolidationJson } from '../../src/core';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'openpyxl');

async function setDay(file: string, day: string) {
  const [y, m, d] = day.split('-').map(Number);
  const t = new Date(y, m - 1, d, 15, 30);
  await fs.utimes(file, t, t);
}

const run = runCli;

describe('consolidate on templates filled by openpyxl', () => {
  let dir: string;
  let json: ConsolidationJson;
  let result: { code: number; out: string; err: string };

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tonghop-openpyxl-'));
    await fs.cp(FIXTURE, dir, { recursive: true });
    await setDay(path.join(dir, 'submissions', 'LS-SNN.xlsx'), '2024-07-05');
    await setDay(path.join(dir, 'submissions', 'LS-DPTTH.xlsx'), '2024-07-10'); // the deadline day itself
    await setDay(path.join(dir, 'submissions', 'LS-TPLS.xlsx'), '2024-07-13'); // backdated past the deadline
    result = await run([
      'consolidate',
      path.join(dir, 'plan.xlsx'),
      path.join(dir, 'submissions'),
      '--as-of',
      '2024-07-15',
      '-o',
      path.join(dir, 'summary.xlsx'),
      '--json',
      path.join(dir, 'summary.json'),
    ]);
    json = JSON.parse(await fs.readFile(path.join(dir, 'summary.json'), 'utf8'));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  test('completes with exit code 0 and prints the overview', () => {
    expect(result.code).toBe(0);
    expect(result.out).toContain('Kế hoạch số 1234/KH-STNMT');
    expect(result.out).toMatch(/Toàn bộ\s+4\s+2\s+1\s+1\s+0\s+75%/);
  });

  test('each agency is on time, late or missing as the dates say', () => {
    const byCode = Object.fromEntries(json.agencies.map((a) => [a.code, a]));
    expect(json.deadline).toBe('2024-07-10');
    expect(json.asOf).toBe('2024-07-15');
    expect(byCode['LS-SNN']).toMatchObject({
      status: 'on_time',
      daysLate: null,
      receivedOn: '2024-07-05',
      file: 'LS-SNN.xlsx',
    });
    expect(byCode['LS-DPTTH']).toMatchObject({ status: 'on_time', daysLate: null, receivedOn: '2024-07-10' });
    expect(byCode['LS-TPLS']).toMatchObject({ status: 'late', daysLate: 3, receivedOn: '2024-07-13' });
    expect(byCode['LS-HCL']).toMatchObject({ status: 'missing', file: null, daysOverdue: 5 });
  });

  test('task counts and indicator totals follow the plan rules', () => {
    const t = Object.fromEntries(json.tasks.map((x) => [x.code, x]));
    // task 1 is required of all four agencies; LS-DPTTH typed "Da hoan thanh" and the number "1.234"
    expect(t['1'].statusCounts).toEqual({ done: 3, inProgress: 0, notStarted: 0, notApplicable: 0, noAnswer: 1 });
    expect(t['1'].indicators).toEqual({ C1: 4 + 1234 + 7 });
    // task 2: LS-SNN, LS-TPLS and LS-HCL (LS-DPTTH reports on task 1 only)
    expect(t['2'].statusCounts).toEqual({ done: 0, inProgress: 1, notStarted: 1, notApplicable: 0, noAnswer: 1 });
    // task 3: only the localities; C3 is an average ("Trung bình") of one value
    expect(t['3'].statusCounts).toEqual({ done: 1, inProgress: 0, notStarted: 0, notApplicable: 0, noAnswer: 1 });
    expect(t['3'].indicators).toEqual({ C2: 1500, C3: 92.5 });
  });

  test('groups: departments, each district or area', () => {
    expect(json.groups).toEqual([
      {
        name: 'Sở, ban, ngành',
        kind: 'department',
        required: 2,
        onTime: 2,
        late: 0,
        missing: 0,
        rejected: 0,
        completeness: 100,
        onTimeRate: 100,
      },
      {
        name: 'Thành phố Lạng Sơn',
        kind: 'locality',
        required: 1,
        onTime: 0,
        late: 1,
        missing: 0,
        rejected: 0,
        completeness: 100,
        onTimeRate: 0,
      },
      {
        name: 'Huyện Cao Lộc',
        kind: 'locality',
        required: 1,
        onTime: 0,
        late: 0,
        missing: 1,
        rejected: 0,
        completeness: 0,
        onTimeRate: 0,
      },
    ]);
  });

  test('the summary workbook has the Vietnamese sheets', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'summary.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Tổng hợp',
      'Theo nhiệm vụ',
      'Theo đơn vị',
      'Theo huyện, khu vực',
      'Chưa nộp, nộp muộn',
      'Lỗi dữ liệu',
      'Chi tiết',
      'Sổ tiếp nhận',
      '_tonghop_tonghop', // hidden: the data `tonghop history` reads
    ]);
    const late = wb.getWorksheet('Chưa nộp, nộp muộn')!;
    const names: string[] = [];
    late.eachRow((row) => names.push(String(row.getCell(2).value)));
    expect(names).toEqual(expect.arrayContaining(['UBND thành phố Lạng Sơn', 'UBND huyện Cao Lộc']));
    expect(names).not.toContain('Sở Nông nghiệp và Phát triển nông thôn');
    // every consolidated value keeps its source: the row's cell and each indicator's cell
    const detail = wb.getWorksheet('Chi tiết')!;
    const rows: string[][] = [];
    // a linked cell (`Nguồn` links to the file) reads back as { text, hyperlink }: compare its text
    const text = (v: unknown) => String(v && typeof v === 'object' && 'text' in v ? v.text : (v ?? ''));
    detail.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map(text)));
    const dpt = rows.find((r) => r[0] === 'LS-DPTTH' && r[2] === '1')!;
    expect(dpt.slice(-2)).toEqual(['LS-DPTTH.xlsx!Báo cáo!B14', 'C1: F14']);
  });

  test('running again gives the same JSON byte for byte (the summary it names aside)', async () => {
    const withoutSummary = (text: string) => {
      const { summaryFile, ...rest } = JSON.parse(text) as { summaryFile?: { name: string; sha256: string } };
      return { summaryFile, text: JSON.stringify(rest, null, 2) };
    };
    const first = withoutSummary(await fs.readFile(path.join(dir, 'summary.json'), 'utf8'));
    // the JSON names the summary written with it by its SHA-256 (never a new one beside an old one)
    expect(first.summaryFile?.name).toBe('summary.xlsx');
    expect(first.summaryFile?.sha256).toBe(
      createHash('sha256')
        .update(await fs.readFile(path.join(dir, 'summary.xlsx')))
        .digest('hex'),
    );
    const again = await run([
      'consolidate',
      path.join(dir, 'plan.xlsx'),
      path.join(dir, 'submissions'),
      '--as-of',
      '2024-07-15',
      '--json',
      path.join(dir, 'again.json'),
      '--quiet',
    ]);
    expect(again.code).toBe(0);
    const again2 = await fs.readFile(path.join(dir, 'again.json'), 'utf8');
    expect(JSON.parse(again2)).not.toHaveProperty('summaryFile');
    expect(again2).toBe(first.text + '\n');
  });
});

describe('CLI arguments and bad plans', () => {
  test('a plan that breaks the contract: exit 1 and every problem listed with its cell', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tonghop-badplan-'));
    const wb = new ExcelJS.Workbook();
    const p = wb.addWorksheet('Kế hoạch');
    p.addRows([
      ['Số hiệu', '1/KH'],
      ['Tên kế hoạch', 'Thử'],
      ['Hạn báo cáo', 'cuối tháng'],
    ]);
    const t = wb.addWorksheet('Nhiệm vụ');
    t.addRows([
      ['Mã', 'Nhiệm vụ'],
      ['1', 'Một'],
      ['1', 'Trùng mã'],
    ]);
    const d = wb.addWorksheet('Đơn vị');
    d.addRows([
      ['Mã', 'Tên đơn vị', 'Loại', 'Nhiệm vụ phải báo cáo'],
      ['A', 'Sở A', 'Phòng', ''],
      ['B', 'Sở B', 'Sở, ban, ngành', '7'],
    ]);
    await wb.xlsx.writeFile(path.join(dir, 'plan.xlsx'));
    const r = await run(['consolidate', path.join(dir, 'plan.xlsx'), dir, '--as-of', '2024-01-01']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Kế hoạch!B3'); // the deadline
    expect(r.err).toContain('Nhiệm vụ!A3'); // the duplicate code
    expect(r.err).toContain('Đơn vị!C2'); // the kind
    expect(r.err).toContain('Đơn vị!D3'); // unknown task 7
    await fs.rm(dir, { recursive: true, force: true });
  });

  test('bad arguments: exit 1 with a Vietnamese message', async () => {
    expect((await run(['consolidate'])).err).toContain('Thiếu tham số');
    const bad = await run(['consolidate', 'a.xlsx', 'dir', '--as-of', '31/06/2024']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('--as-of phải là một ngày có thật');
    expect((await run(['consolidate', 'khong-co.xlsx', '.', '--as-of', '2024-07-15'])).err).toContain(
      'Không tìm thấy tệp',
    );
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('Ví dụ');
  });
});
