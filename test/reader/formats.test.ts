/**
 * What ExcelJS stumbles on, each on a file made by other software (scripts/fixtures/): recognised by content,
 * repaired or refused with the right Vietnamese reason; never "empty" for an .xls, never a crash.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import {
  type Plan,
  WorkbookError,
  detectFileFormat,
  parseDateCell,
  readNumber,
  readPlan,
  readSubmission,
  readWorkbookGrid,
  unprefixSpreadsheetXml,
} from '../../src/core';
import { createHash } from 'node:crypto';
import { withConversion } from '../../src/cli/tools/libreoffice';
import { requireSoffice } from '../helpers/tools';

const MESSY = path.join(__dirname, '..', 'fixtures', 'messy', 'submissions');
const BROKEN = path.join(__dirname, '..', 'fixtures', 'broken');
const bytesOf = async (dir: string, name: string) => new Uint8Array(await fs.readFile(path.join(dir, name)));
let plan: Plan;

beforeAll(async () => {
  const res = readPlan(await readWorkbookGrid(await bytesOf(path.join(MESSY, '..'), 'plan.xlsx')), 'plan.xlsx');
  if (!res.ok) throw new Error('plan');
  plan = res.plan;
});

const read = async (dir: string, name: string) =>
  readSubmission({ name, bytes: await bytesOf(dir, name), receivedOn: '2024-07-10', receivedFrom: 'entered' }, plan);

test.each([
  [MESSY, 'LS-SYT.xlsx', 'xlsx'],
  [MESSY, 'LS-CG.xlsx', 'xlsx'],
  [MESSY, 'LS-SNN.xls', 'xls'],
  [MESSY, 'LS-SXD.ods', 'ods'],
  [MESSY, 'LS-STTTT.xlsx', 'encrypted'],
  [MESSY, 'Cong van kem theo.docx', 'docx'],
  [MESSY, 'Bao cao STTTT.xlsx', 'pdf'],
  [BROKEN, 'Anh hien truong.xlsx', 'zip-other'],
  [BROKEN, 'LS-SYT cat do.xlsx', 'xlsx'],
])('%s/%s is recognised by its bytes as %s', async (dir, name, format) => {
  expect(detectFileFormat(await bytesOf(dir, name))).toBe(format);
});

test('an Excel binary workbook (.xlsb) is recognised and refused with how to convert it', async () => {
  const { zipSync, strToU8 } = await import('fflate');
  const xlsb = zipSync({
    '[Content_Types].xml': strToU8('<Types/>'),
    'xl/workbook.bin': new Uint8Array([0x83, 0x01, 0x00]),
  });
  expect(detectFileFormat(xlsb)).toBe('xlsb');
  const sub = await readSubmission(
    { name: 'LS-SXD.xlsb', bytes: xlsb, receivedOn: null, receivedFrom: 'unknown' },
    plan,
  );
  expect(sub.rejectReason).toMatch(/\.xlsb/);
  expect(sub.agencyCode).toBe('LS-SXD');
});

test('a workbook whose XML carries the x: prefix (OpenXML SDK, WPS) is repaired and read; an ordinary one is left alone', async () => {
  const prefixed = await bytesOf(MESSY, 'LS-CG.xlsx');
  expect(unprefixSpreadsheetXml(prefixed)).not.toBeNull();
  expect(unprefixSpreadsheetXml(await bytesOf(MESSY, 'LS-SYT.xlsx'))).toBeNull();
  const sub = await read(MESSY, 'LS-CG.xlsx');
  expect(sub.rejectReason).toBeNull();
  expect(sub.rows.find((r) => r.taskCode === '3')?.indicators.CAY.value).toBe(90);
});

test('shared formulas give their cached results, rich text its text, merged cells their top-left value, 1904 dates their day', async () => {
  const grid = await readWorkbookGrid(await bytesOf(MESSY, 'LS-HL.xlsx'));
  expect(grid.date1904).toBe(true);
  const sheet = grid.sheets.find((s) => s.name === 'Báo cáo')!;
  const row15 = sheet.rows[14];
  expect([row15[6], row15[7]]).toEqual([700, 5.5]); // G15 = J15+K15 (master), H15 = K15+L15 (shared)
  expect(sheet.rows[13][4]).toBe('Đã tổ chức mít tinh tại thị trấn Hữu Lũng'); // two runs, one bold
  expect(sheet.rows[16][5] ?? null).toBeNull(); // F17 is covered by the merge E17:F17
  expect(parseDateCell(sheet.rows[7][2], grid.date1904)).toBe('2024-07-10');
});

test('an .xls is never reported as empty: without LibreOffice the reason says how to convert it', async () => {
  const sub = await read(MESSY, 'LS-SNN.xls');
  expect(sub.rejectReason).toMatch(/Excel 97-2003 \(\.xls\)/);
  expect(sub.rejectReason).toMatch(/LibreOffice|Lưu thành/);
  expect(sub.rejectReason).not.toMatch(/trống|rỗng|không chứa trang/);
  expect(sub.agencyCode).toBe('LS-SNN'); // from the file name, so the agency shows who sent something unreadable
  await expect(readWorkbookGrid(await bytesOf(MESSY, 'LS-SNN.xls'))).rejects.toBeInstanceOf(WorkbookError);
});

test('a password-protected workbook is said to be password-protected, not damaged', async () => {
  const sub = await read(MESSY, 'LS-STTTT.xlsx');
  expect(sub.findings.map((f) => f.code)).toEqual(['file.encrypted']);
  expect(sub.rejectReason).toMatch(/đặt mật khẩu/);
});

test('asked not to convert (soffice: null), withConversion leaves the file as it is', async () => {
  const xls = {
    name: 'LS-SNN.xls',
    bytes: await bytesOf(MESSY, 'LS-SNN.xls'),
    receivedOn: '2024-07-10',
    receivedFrom: 'entered' as const,
  };
  expect(await withConversion(xls, { soffice: null })).toBe(xls);
});

test('with LibreOffice (required: this test fails when it is missing), the .xls and .ods are converted and read', async () => {
  requireSoffice();
  for (const name of ['LS-SNN.xls', 'LS-SXD.ods']) {
    const received = {
      name,
      bytes: await bytesOf(MESSY, name),
      receivedOn: '2024-07-10',
      receivedFrom: 'entered' as const,
    };
    const input = await withConversion(received);
    expect(input.converted?.tool).toBe('LibreOffice');
    const sub = await readSubmission(input, plan);
    expect([name, sub.rejectReason]).toEqual([name, null]);
    expect(sub.sha256).toBe(createHash('sha256').update(received.bytes).digest('hex')); // of the file as received
    expect(sub.size).toBe(received.bytes.byteLength);
    expect(sub.findings.map((f) => f.code)).toContain('file.converted');
    // the values of the converted copy, as make-messy.sh typed them: SNN CAY 300, NGUOI 450; SXD CAY 80, NGUOI 60
    const value = (task: string, ind: string) => sub.rows.find((r) => r.taskCode === task)?.indicators[ind]?.value;
    expect([name, value('3', 'CAY'), value('2', 'NGUOI')]).toEqual(
      name === 'LS-SNN.xls' ? [name, 300, 450] : [name, 80, 60],
    );
  }
}, 120_000);

test.each([
  ['1.234,5', 1234.5],
  ['1,234.5', 1234.5],
  ['12 ha', 12],
  ['1.200 người', 1200],
  ['\u00a045 ', 45],
  ['0,75', 0.75],
])('the number typed as %s reads as %d', (text, value) => {
  const r = readNumber(text);
  expect(r.ok && r.value).toBe(value);
});

test.each([
  ['10/7/2024', '2024-07-10'],
  ['10-07-2024', '2024-07-10'],
  ['ngày 10 tháng 7 năm 2024', '2024-07-10'],
  [45483, '2024-07-10'],
])('the date %s reads as %s', (v, iso) => expect(parseDateCell(v)).toBe(iso));
