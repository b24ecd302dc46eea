/**
 * Both rates (DHIS2's reporting rate and reporting rate on time) per group, per district
 * or area and overall; plain reasons for a rejected agency (report and reminders); `tonghop report -o` picks the
 * format from the extension and refuses one it cannot write.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { runCli } from '../helpers/cli';
import { type AgencyResult, type Consolidation, consolidate, counts, finding, readSubmission } from '../../src/core';
import { buildReportWorkbook, plainReason, reminderTargets } from '../../src/core/report';
import { buildSample } from '../../src/sample/sample';

test('on-time rate: on time ÷ required, percent with one decimal', () => {
  const of = (onTime: number, late: number, missing: number) =>
    counts([
      ...Array.from({ length: onTime }, () => ({ status: 'on_time' as const })),
      ...Array.from({ length: late }, () => ({ status: 'late' as const })),
      ...Array.from({ length: missing }, () => ({ status: 'missing' as const })),
    ]).onTimeRate;
  expect(of(25, 6, 7)).toBe(65.8);
  expect(of(3, 1, 3)).toBe(42.9);
  expect(of(2, 1, 0)).toBe(66.7);
  expect(of(1, 0, 0)).toBe(100);
  expect(of(0, 0, 0)).toBe(0);
});

describe('plain reasons', () => {
  const agency = (reason: string, files = ['HCCB.xlsx']): AgencyResult =>
    ({ code: 'HCCB', name: 'Hội Cựu chiến binh tỉnh', status: 'rejected', reason, files }) as AgencyResult;
  const withFinding = (code: string, message: string, file = 'HCCB.xlsx') => ({
    findings: [finding('error', code, message, { file })],
  });

  test('a technical reason becomes words a reader understands; the other plan is named', () => {
    const m = 'Tệp không phải bảng tính .xlsx (nội dung không phải tệp nén Office Open XML).';
    expect(plainReason(withFinding('file.not_xlsx', m), agency(m))).toBe('Tệp không phải là bảng tính Excel');
    const p = 'Tệp thuộc kế hoạch khác ("88/KH-UBND"), không phải Kế hoạch số 1350/STNMT-MT.';
    expect(plainReason(withFinding('file.other_plan', p), agency(p))).toBe('Tệp của kế hoạch khác: 88/KH-UBND');
    const e = 'Tệp có mật khẩu.';
    expect(plainReason(withFinding('file.encrypted', e), agency(e))).toBe('Tệp có đặt mật khẩu, không mở được');
  });

  test('a reason without a plain wording (already plain) is kept, without its final stop', () => {
    const r = 'Nhận ngày 2024-07-20, sau ngày tổng hợp 2024-07-15.';
    expect(plainReason({ findings: [] }, agency(r))).toBe('Nhận ngày 2024-07-20, sau ngày tổng hợp 2024-07-15');
  });
});

describe('the Sóc Trăng sample', () => {
  let c: Consolidation;
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    const sample = await buildSample('soc-trang');
    const subs = await Promise.all(
      sample.files.map((f) =>
        readSubmission(
          { name: f.name, bytes: f.bytes, receivedOn: f.receivedOn, receivedFrom: 'file-date' },
          sample.plan,
        ),
      ),
    );
    c = consolidate(sample.plan, subs, { asOf: '2024-07-15' });
    wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await buildReportWorkbook(c, sample.plan)) as never);
    // the reminders name the reason in plain words too
    const t = reminderTargets(c, sample.plan).find((x) => x.status === 'rejected')!;
    expect(t.missing).toBe('Báo cáo đã gửi không sử dụng được (Tệp không phải là bảng tính Excel); đề nghị gửi lại');
  });

  const rowsOf = (ws: ExcelJS.Worksheet) => {
    const rows: unknown[][] = [];
    ws.eachRow((r) => {
      const values: unknown[] = [];
      // a merged range counts once (ExcelJS repeats the master's value in every cell of the range)
      r.eachCell(
        (cell) => void (cell.master.address === cell.address && cell.value !== null && values.push(cell.value)),
      );
      rows.push(values);
    });
    return rows;
  };

  test('Báo cáo: the overview sentence and the group table give both rates', () => {
    const rows = rowsOf(wb.getWorksheet('Báo cáo')!);
    expect(rows.flat()).toContain(
      'Tổng số cơ quan, đơn vị, địa phương phải báo cáo: 38; đã báo cáo đúng hạn (đến ngày 30/06/2024): 25; báo cáo muộn: 6; chưa báo cáo: 6; báo cáo không hợp lệ (phải gửi lại): 1. Tỉ lệ đã báo cáo: 81,6%; tỉ lệ báo cáo đúng hạn: 65,8%.',
    );
    expect(rows).toContainEqual([
      'Nhóm',
      'Phải báo cáo',
      'Đúng hạn',
      'Nộp muộn',
      'Chưa nộp',
      'Không hợp lệ',
      'Tỉ lệ đã nộp',
      'Tỉ lệ đúng hạn',
    ]);
    expect(rows).toContainEqual(['Sở, ban, ngành', 20, 15, 3, 2, 0, 0.9, 0.75]);
    expect(rows).toContainEqual(['Tổng cộng', 38, 25, 6, 6, 1, 0.816, 0.658]);
  });

  test('Phụ lục 2: each district or area with both rates, as percent cells', () => {
    const ws = wb.getWorksheet('Phụ lục 2')!;
    const rows = rowsOf(ws);
    expect(rows).toContainEqual([3, 'Thị xã Ngã Năm', 1, 0, 1, 0, 0, 1, 0]);
    let fmt = '';
    ws.eachRow((r) => void (r.getCell(2).value === 'Thị xã Ngã Năm' && (fmt = String(r.getCell(9).numFmt))));
    expect(fmt).toBe('[$-42A]0.0%');
    expect(ws.pageSetup.orientation).toBe('portrait');
  });

  test('Phụ lục 1 and 3: the rejected agency with its reason in plain words', () => {
    for (const name of ['Phụ lục 1', 'Phụ lục 3']) {
      const flat = rowsOf(wb.getWorksheet(name)!).flat();
      expect(flat).toContain('Tệp không phải là bảng tính Excel');
      expect(flat.join(' ')).not.toContain('Office Open XML');
    }
  });
});

describe('tonghop report -o: the format from the extension', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tonghop-report-fmt-'));
    expect((await runCli(['sample', path.join(dir, 's')])).code).toBe(0);
  });
  afterAll(async () => fs.rm(dir, { recursive: true, force: true }));
  const args = (out: string) => [
    'report',
    path.join(dir, 's', 'plan.xlsx'),
    path.join(dir, 's', 'submissions'),
    '--as-of',
    '2024-07-15',
    '--quiet',
    '--workers',
    '1',
    '-o',
    out,
  ];

  test('.docx writes the Word report', async () => {
    const out = path.join(dir, 'bao-cao.DOCX');
    const r = await runCli(args(out));
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toContain('Văn bản báo cáo gửi cấp trên:');
    const text = (await mammoth.extractRawText({ path: out })).value;
    expect(text).toContain('BÁO CÁO');
    expect(text).toContain('Tỉ lệ đã báo cáo: 81,6%; tỉ lệ báo cáo đúng hạn: 65,8%.');
  });

  test('an extension it cannot write is refused in Vietnamese, and nothing is written', async () => {
    for (const name of ['bao-cao.pdf', 'bao-cao']) {
      const out = path.join(dir, name);
      const r = await runCli(args(out));
      expect(r.code).not.toBe(0);
      expect(r.err).toContain(`Không ghi được báo cáo vào "${out}"`);
      expect(r.err).toContain('.xlsx');
      await expect(fs.stat(out)).rejects.toThrow();
    }
  });
});
