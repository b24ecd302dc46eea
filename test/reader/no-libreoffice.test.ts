/**
 * What a clerk gets on a machine without LibreOffice, set up on purpose (the other reader tests require
 * LibreOffice and fail when it is missing). The .xls and the .ods of test/fixtures/messy are refused with the
 * Vietnamese reason that says how to convert them, never "empty", and the totals are those of the other files.
 */
import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import type { Consolidation } from '../../src/core';
import { resetSofficeCache, withConversion } from '../../src/cli/tools/libreoffice';
import { runConsolidation } from '../../src/cli/commands/pipeline';

const DIR = path.join(__dirname, '..', 'fixtures', 'messy');
const PLAN = path.join(DIR, 'plan.xlsx');
const SUBS = path.join(DIR, 'submissions');
const HOW_TO = /cài LibreOffice để dòng lệnh tự chuyển, hoặc .*Lưu thành.*\.xlsx/;

const saved = process.env.TONGHOP_SOFFICE;
afterAll(() => {
  if (saved === undefined) delete process.env.TONGHOP_SOFFICE;
  else process.env.TONGHOP_SOFFICE = saved;
  resetSofficeCache();
});

async function consolidateWith(soffice: string): Promise<Consolidation> {
  process.env.TONGHOP_SOFFICE = soffice;
  resetSofficeCache();
  return (await runConsolidation(PLAN, SUBS, { asOf: '2024-07-15', workers: 1 })).consolidation;
}

function expectRefusedWithHowTo(c: Consolidation): void {
  const entry = (file: string) => c.intake.find((e) => e.file === file)!;
  expect([entry('LS-SNN.xls').verdict, entry('LS-SXD.ods').verdict]).toEqual(['rejected', 'rejected']);
  expect(entry('LS-SNN.xls').reason).toMatch(
    /^Tệp là định dạng Excel 97-2003 \(\.xls\), tonghop chỉ đọc trực tiếp \.xlsx/,
  );
  expect(entry('LS-SXD.ods').reason).toMatch(
    /^Tệp là bảng tính OpenDocument \(\.ods\), tonghop chỉ đọc trực tiếp \.xlsx/,
  );
  for (const file of ['LS-SNN.xls', 'LS-SXD.ods']) {
    expect([file, entry(file).reason]).toEqual([file, expect.stringMatching(HOW_TO)]);
    expect(entry(file).reason).not.toMatch(/trống|rỗng|không chứa trang/);
    // the agency is still named (from the file name), so the clerk sees who sent something unreadable
    expect(entry(file).agencyCode).toBe(file.slice(0, file.indexOf('.')));
  }
  // a finding for each, with the file named, for the `Lỗi dữ liệu` sheet
  for (const file of ['LS-SNN.xls', 'LS-SXD.ods'])
    expect(c.findings.filter((f) => f.file === file && f.severity === 'error').length).toBeGreaterThan(0);
  // the two agencies count as not usable; the totals are those of the other files, added up by hand:
  // CAY 2875 - SNN 300 - SXD 80 = 2495; NGUOI 8694 - 450 - 60 = 8184; RAC 41.75 - 6 - 0.8 = 34.95
  const total = (task: string, ind: string) => c.tasks.find((t) => t.code === task)!.indicators[ind];
  expect(total('3', 'CAY')).toBe(2495);
  expect(total('2', 'NGUOI')).toBe(8184);
  expect(total('2', 'RAC')).toBeCloseTo(34.95, 9);
  expect(c.agencies.filter((a) => a.code === 'LS-SNN' || a.code === 'LS-SXD').map((a) => a.status)).toEqual([
    'rejected',
    'rejected',
  ]);
}

test('TONGHOP_SOFFICE empty (conversion turned off): the .xls and .ods are refused with how to convert them', async () => {
  expectRefusedWithHowTo(await consolidateWith(''));
}, 120_000);

test('TONGHOP_SOFFICE pointing at nothing (a broken install): the same reasons, no crash, nothing else changes', async () => {
  const missing = path.join(await fs.mkdtemp(path.join(require('node:os').tmpdir(), 'tonghop-no-lo-')), 'soffice');
  const c = await consolidateWith(missing);
  expectRefusedWithHowTo(c);
  const xls = {
    name: 'LS-SNN.xls',
    bytes: new Uint8Array(await fs.readFile(path.join(SUBS, 'LS-SNN.xls'))),
    receivedOn: '2024-07-10',
    receivedFrom: 'entered' as const,
  };
  const input = await withConversion(xls);
  expect(input.converted).toBeUndefined();
  expect(input.bytes).toBe(xls.bytes);
}, 120_000);
