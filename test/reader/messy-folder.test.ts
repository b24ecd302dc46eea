/**
 * Messy submissions (test/fixtures/messy): what agencies really send back (made by openpyxl, LibreOffice and
 * hand-edited XML, see scripts/fixtures/make-messy.sh), consolidated the way `tonghop consolidate … --as-of 2024-07-15`
 * does it. Every expected number below was added up by hand from the files (sums written out in the comments).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { type Consolidation, type Submission, consolidate, consolidationJson } from '../../src/core';
import { requireSoffice } from '../helpers/tools';
import { readFolder, runConsolidation } from '../../src/cli/commands/pipeline';

const DIR = path.join(__dirname, '..', 'fixtures', 'messy');
const PLAN = path.join(DIR, 'plan.xlsx');
const SUBS = path.join(DIR, 'submissions');
const AS_OF = '2024-07-15';

let c: Consolidation;
let subs: Submission[];

beforeAll(async () => {
  // LibreOffice is required (CI installs it): without it this suite fails here, it never switches its expectations.
  // What happens without LibreOffice is test/reader/no-libreoffice.test.ts.
  requireSoffice();
  // one reading thread: the LibreOffice conversion of .xls/.ods rides on FileInput.converted
  c = (await runConsolidation(PLAN, SUBS, { asOf: AS_OF, workers: 1 })).consolidation;
  const { plan } = await import('../../src/cli/commands/pipeline').then((m) => m.loadPlan(PLAN));
  subs = (await readFolder(plan, SUBS, { exclude: [PLAN], workers: 1 })).submissions;
}, 120_000);

const entry = (file: string) => {
  const found = c.intake.filter((e) => e.file === file);
  expect(found).toHaveLength(1);
  return found[0];
};
const findingsOf = (file: string, code: string) => c.findings.filter((f) => f.file === file && f.code === code);

test('every file of the folder is in the intake log exactly once (the register too, not the Office lock file)', async () => {
  const onDisk = (await fs.readdir(SUBS)).filter((n) => !n.startsWith('~$'));
  expect(onDisk).toHaveLength(23);
  expect(c.intake.map((e) => e.file).sort()).toEqual([...onDisk].sort());
  expect(c.intake.some((e) => e.file.startsWith('~$'))).toBe(false);
});

test('each file gets the verdict a clerk expects, with the received date of the intake log', () => {
  const verdicts = Object.fromEntries(c.intake.map((e) => [e.file, e.verdict]));
  expect(verdicts).toEqual({
    'Bao cao STTTT.xlsx': 'rejected', // a PDF saved with .xlsx
    'Bao cao So Cong Thuong.xlsx': 'accepted', // own layout, drift
    'Book1.xlsx': 'rejected', // empty workbook
    'Cong van kem theo.docx': 'rejected', // a Word file
    'Ke hoach khac - Hoi Phu nu.xlsx': 'rejected', // another plan
    'LS-BS.xlsx': 'accepted',
    'LS-CG.xlsx': 'accepted', // x: prefixed XML
    'LS-CL.xlsx': 'accepted', // VNI
    'LS-DTN bo sung.xlsx': 'after_as_of', // received 16/7
    'LS-DTN.xlsx': 'rejected', // period 2023
    'LS-HL - Chi Lang.xlsx': 'rejected', // two agencies claiming one code
    'LS-HL.xlsx': 'accepted', // shared formulas, rich text, merged cells, 1904 dates
    'LS-SGDDT - ban cu.xlsx': 'superseded',
    'LS-SGDDT.xlsx': 'accepted', // saved by LibreOffice
    'LS-SNN.xls': 'accepted', // converted by LibreOffice
    'LS-STTTT.xlsx': 'rejected', // password-protected
    'LS-SXD.ods': 'accepted', // converted by LibreOffice
    'LS-SYT (1).xlsx': 'duplicate',
    'LS-SYT.xlsx': 'accepted',
    'LS-TP.xlsx': 'accepted', // TCVN3
    'Loc Binh bao cao thang moi truong.xlsx': 'accepted', // x marks, titles without codes
    'UBND huyen Van Lang.xlsx': 'rejected', // not in the plan
    'Sổ tiếp nhận.xlsx': 'rejected', // the register: listed, not read as a report
  });
  const reports = c.intake.filter((e) => e.file.normalize('NFC') !== 'Sổ tiếp nhận.xlsx');
  expect(reports.every((e) => e.receivedFrom === 'intake-log')).toBe(true);
  expect(entry('LS-CL.xlsx').receivedOn).toBe('2024-07-11');
  expect(c.agencies.find((a) => a.code === 'LS-CL')).toMatchObject({ status: 'late', daysLate: 1 });
  expect(entry('LS-SYT.xlsx')).toMatchObject({ agencyCode: 'LS-SYT', recognisedBy: 'hidden', rows: 5 });
  expect(entry('Bao cao So Cong Thuong.xlsx')).toMatchObject({ agencyCode: 'LS-SCT', recognisedBy: 'name' });
  expect(entry('LS-TP.xlsx')).toMatchObject({ agencyCode: 'LS-TP', recognisedBy: 'name' });
  expect(entry('LS-CL.xlsx')).toMatchObject({ agencyCode: 'LS-CL', recognisedBy: 'code' });
});

test('every rejected file says why, in Vietnamese', () => {
  const reason = (f: string) => entry(f).reason ?? '';
  expect(reason('Bao cao STTTT.xlsx')).toMatch(/PDF/);
  expect(reason('Book1.xlsx')).toMatch(/Bảng tính trống/);
  expect(reason('Cong van kem theo.docx')).toMatch(/văn bản Word/);
  expect(reason('Ke hoach khac - Hoi Phu nu.xlsx')).toMatch(/kế hoạch khác \("95\/KH-UBND"\)/);
  expect(reason('LS-DTN.xlsx')).toMatch(/kỳ 2023/);
  expect(reason('LS-HL - Chi Lang.xlsx')).toMatch(/hai đơn vị cùng nhận một mã/);
  expect(reason('LS-STTTT.xlsx')).toMatch(/đặt mật khẩu/);
  expect(reason('UBND huyen Van Lang.xlsx')).toMatch(/không có trong danh sách/);
  for (const e of c.intake.filter((x) => x.verdict === 'rejected')) expect(e.reason).toBeTruthy();
});

test('the totals are the sums a person computes from the accepted files', () => {
  const total = (task: string, ind: string) => c.tasks.find((t) => t.code === task)!.indicators[ind];
  // CAY: SYT 120 + SGDDT 540 + SXD 80 + SNN 300 + TP 1000 + CL 200 + LB 350 + HL 150 + CG 90 + BS 45 = 2875
  expect(total('3', 'CAY')).toBe(2875);
  // NGUOI: SYT 250 + SGDDT 1200 + SCT "1.234" + SXD 60 + SNN 450 + TP 2500 + CL 800 + LB "1.200 người" + HL =J15+K15 700
  //        + CG 300 (BS: a formula without a saved result, not counted) = 8694
  expect(total('2', 'NGUOI')).toBe(8694);
  // RAC: 1.5 + 3.2 + "2,5 tấn" + 0.8 + 6 + 12.5 + 4 + 3 + 5.5 (shared formula) + 2 + "0,75" = 41.75
  expect(total('2', 'RAC')).toBeCloseTo(41.75, 9);
  // the superseded first version (CAY 500), the duplicate, the late supplement of Tỉnh Đoàn (CAY 999) and the
  // copy of Hữu Lũng's template filled by Chi Lăng (CAY 77) bring nothing
  const cay = c.details.filter((d) => d.indicators.CAY !== undefined).map((d) => d.indicators.CAY);
  expect(cay).not.toContain(500);
  expect(cay).not.toContain(999);
  expect(cay).not.toContain(77);
});

test('every consolidated value keeps its file, sheet and cell', () => {
  const detail = (agency: string, task: string) =>
    c.details.find((d) => d.agencyCode === agency && d.taskCode === task)!;
  expect(detail('LS-HL', '2')).toMatchObject({
    file: 'LS-HL.xlsx',
    sheet: 'Báo cáo',
    cell: 'B15',
    indicators: { NGUOI: 700, RAC: 5.5 },
    indicatorCells: { NGUOI: 'G15', RAC: 'H15' },
  });
  expect(detail('LS-SCT', '2')).toMatchObject({
    file: 'Bao cao So Cong Thuong.xlsx',
    sheet: 'KQ thang hanh dong',
    cell: 'C10',
    indicators: { NGUOI: 1234, RAC: 2.5 },
    indicatorCells: { NGUOI: 'F10', RAC: 'G10' },
  });
  expect(detail('LS-LB', '3')).toMatchObject({
    sheet: 'Biểu 01',
    indicators: { CAY: 350 },
    indicatorCells: { CAY: 'G10' },
  });
  for (const d of c.details) {
    expect(d.file).not.toBe('');
    expect(d.sheet).not.toBe('');
    expect(Object.keys(d.indicatorCells).sort()).toEqual(Object.keys(d.indicators).sort());
  }
});

test('foreign spellings are read: TCVN3, VNI, statuses without diacritics, x marks, titles instead of codes, NFD', () => {
  const detail = (agency: string, task: string) =>
    c.details.find((d) => d.agencyCode === agency && d.taskCode === task)!;
  expect(detail('LS-TP', '1').result).toBe('Tổ chức mít tinh tại Quảng trường 17/10');
  expect(detail('LS-CL', '2').result).toBe('Đoàn viên thanh niên dọn vệ sinh chợ');
  expect(findingsOf('LS-TP.xlsx', 'text.legacy_font')[0].message).toMatch(/TCVN3/);
  expect(findingsOf('LS-CL.xlsx', 'text.legacy_font')[0].message).toMatch(/VNI/);
  expect(detail('LS-SCT', '2').status).toBe('done'); // "DA HOAN THANH"
  expect(detail('LS-SCT', '3').status).toBe('notApplicable');
  expect(detail('LS-LB', '4').status).toBe('inProgress'); // x under "Đang thực hiện"
  expect(findingsOf('Loc Binh bao cao thang moi truong.xlsx', 'task.matched_by_title')).toHaveLength(5);
  expect(detail('LS-BS', '1')).toMatchObject({ status: 'done', result: 'Tuyên truyền trên Zalo' }); // NFD + nbsp
  expect(detail('LS-HL', '1').result).toBe('Đã tổ chức mít tinh tại thị trấn Hữu Lũng'); // rich text
  expect(findingsOf('LS-BS.xlsx', 'formula.no_result').map((f) => f.cell)).toEqual(['G15']);
  expect(findingsOf('Bao cao So Cong Thuong.xlsx', 'row.total_skipped').map((f) => f.cell)).toEqual(['A16']);
  expect(findingsOf('Bao cao So Cong Thuong.xlsx', 'cell.unknown_column').map((f) => f.cell)).toEqual(['D9']); // Kinh phí
});

test('dates: a 1904 workbook, "ngày 09 tháng 7 năm 2024", "10-07-2024", "10/7/2024"', () => {
  const sub = (file: string) => subs.find((s) => s.file === file)!;
  expect(sub('LS-HL.xlsx').reportDate).toBe('2024-07-10');
  expect(sub('Bao cao So Cong Thuong.xlsx').reportDate).toBe('2024-07-09');
  expect(sub('LS-BS.xlsx').reportDate).toBe('2024-07-10');
  expect(sub('LS-CL.xlsx').reportDate).toBe('2024-07-10');
  expect(sub('Loc Binh bao cao thang moi truong.xlsx').reportDate).toBe('2024-07-10');
});

test('re-running gives the same JSON byte for byte, and the order of the files does not matter', async () => {
  const again = (await runConsolidation(PLAN, SUBS, { asOf: AS_OF, workers: 1 })).consolidation;
  expect(JSON.stringify(consolidationJson(again))).toBe(JSON.stringify(consolidationJson(c)));
  const { plan } = await import('../../src/cli/commands/pipeline').then((m) => m.loadPlan(PLAN));
  const reversed = consolidate(plan, [...subs].reverse(), { asOf: AS_OF });
  const forward = consolidate(plan, subs, { asOf: AS_OF });
  expect(JSON.stringify(consolidationJson(reversed))).toBe(JSON.stringify(consolidationJson(forward)));
}, 120_000);

test('adding one new file changes only what that file brings', async () => {
  const { plan } = await import('../../src/cli/commands/pipeline').then((m) => m.loadPlan(PLAN));
  const without = consolidationJson(
    consolidate(
      plan,
      subs.filter((s) => s.file !== 'LS-CG.xlsx'),
      { asOf: AS_OF },
    ),
  );
  const withIt = consolidationJson(consolidate(plan, subs, { asOf: AS_OF }));
  const others = <T extends { file?: string | null; agencyCode?: string | null; code?: string }>(list: T[]) =>
    JSON.stringify(list.filter((x) => x.file !== 'LS-CG.xlsx' && x.agencyCode !== 'LS-CG' && x.code !== 'LS-CG'));
  expect(others(withIt.intake)).toBe(others(without.intake));
  expect(others(withIt.details)).toBe(others(without.details));
  expect(others(withIt.agencies)).toBe(others(without.agencies));
  expect(JSON.stringify(withIt.findings.filter((f) => f.file !== 'LS-CG.xlsx'))).toBe(
    JSON.stringify(without.findings.filter((f) => f.file !== 'LS-CG.xlsx')),
  );
  // the totals move by exactly what LS-CG.xlsx reported: CAY 90, NGUOI 300, RAC 2
  const t = (j: typeof withIt, task: string, ind: string) => j.tasks.find((x) => x.code === task)!.indicators[ind]!;
  expect(t(withIt, '3', 'CAY') - t(without, '3', 'CAY')).toBe(90);
  expect(t(withIt, '2', 'NGUOI') - t(without, '2', 'NGUOI')).toBe(300);
  expect(t(withIt, '2', 'RAC') - t(without, '2', 'RAC')).toBeCloseTo(2, 9);
});

test('the acceptance command itself: `tonghop consolidate … --as-of 2024-07-15 --json out.json`, twice, same bytes', async () => {
  const { main } = await import('../../src/cli/main');
  const os = await import('node:os');
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'tonghop-messy-'));
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const outs: string[] = [];
    for (const name of ['a.json', 'b.json']) {
      expect(await main(['consolidate', PLAN, SUBS, '--as-of', AS_OF, '--json', path.join(tmp, name), '--quiet'])).toBe(
        0,
      );
      outs.push(await fs.readFile(path.join(tmp, name), 'utf8'));
    }
    expect(outs[1]).toBe(outs[0]);
    const json = JSON.parse(outs[0]) as ReturnType<typeof consolidationJson>;
    expect(json.intake).toHaveLength(23);
    expect(new Set(json.intake.map((e) => e.file)).size).toBe(23);
    expect(json.tasks.find((t) => t.code === '3')!.indicators.CAY).toBe(2875);
  } finally {
    log.mockRestore();
    err.mockRestore();
    await fs.rm(tmp, { recursive: true, force: true });
  }
}, 120_000);
