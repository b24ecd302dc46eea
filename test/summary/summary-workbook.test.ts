/**
 * The summary workbook as a user opens it: both rates, the total row outside the sortable data, data
 * bars, print setup, links back to the agency's file and cell, plain reasons, and the hidden data sheet.
 * Expected values are the Sóc Trăng sample's story (README), written by hand.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import {
  type Consolidation,
  SUMMARY_DATA_SHEET,
  consolidate,
  readSubmission,
  readSummaryFile,
  readWorkbookGrid,
  summarySheets,
  writeSummaryWorkbook,
} from '../../src/core';
import { type Sample, buildSample } from '../../src/sample/sample';

let dir: string;
let sample: Sample;
let c: Consolidation;
let bytes: Uint8Array;
let wb: ExcelJS.Workbook;
let zip: JSZip;

/** The XML of a worksheet by its name (through workbook.xml and its relationships). */
async function sheetXml(name: string): Promise<string> {
  const book = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const rid = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="(rId\\d+)"`).exec(book)![1];
  const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)![1];
  return zip.file(`xl/${target.replace(/^\/?xl\//, '')}`)!.async('string');
}

beforeAll(async () => {
  sample = await buildSample('soc-trang');
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tonghop-summary-'));
  await fs.mkdir(path.join(dir, 'submissions'));
  for (const f of sample.files) await fs.writeFile(path.join(dir, 'submissions', f.name), f.bytes);
  const subs = await Promise.all(
    sample.files.map((f) =>
      readSubmission(
        { name: f.name, bytes: f.bytes, receivedOn: f.receivedOn, receivedFrom: 'file-date' },
        sample.plan,
      ),
    ),
  );
  c = consolidate(sample.plan, subs, { asOf: sample.asOf });
  bytes = await writeSummaryWorkbook(c, sample.plan, { sourceFolder: 'submissions' });
  await fs.writeFile(path.join(dir, 'tong-hop.xlsx'), bytes);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(dir, 'tong-hop.xlsx'));
  zip = await JSZip.loadAsync(bytes);
});

afterAll(() => fs.rm(dir, { recursive: true, force: true }));

test('the overall on-time rate sits beside completeness: 25 of 38 on time = 65,8%, 31 of 38 sent = 81,6%', () => {
  expect(c.overall).toEqual({
    required: 38,
    onTime: 25,
    late: 6,
    missing: 6,
    rejected: 1,
    completeness: 81.6,
    onTimeRate: 65.8,
  });
  const depts = c.groups.find((g) => g.name === 'Sở, ban, ngành')!;
  expect([depts.completeness, depts.onTimeRate]).toEqual([90, 75]); // 18 of 20 sent, 15 of 20 on time
});

test('"Tổng hợp": the rate columns, and "Toàn bộ" as the table\'s total row, outside the sortable data', async () => {
  const ws = wb.getWorksheet('Tổng hợp')!;
  const header = ws.getRow(7).values as unknown[];
  expect(header.slice(-2)).toEqual(['Tỉ lệ đã nộp', 'Tỉ lệ đúng hạn']);
  // 13 groups in rows 8..20, then the total row
  const total = ws.getRow(21).values as unknown[];
  expect(total.slice(1)).toEqual(['Toàn bộ', 38, 25, 6, 6, 1, 0.816, 0.658]);
  expect(String(ws.getCell('A5').value)).toContain('Tỉ lệ đúng hạn: 65,8%');
  const table = await zip.file(/xl\/tables\/table\d+\.xml/)[0].async('string');
  expect(table).toContain('name="TongHop"');
  expect(table).toContain('ref="A7:H21"'); // the table covers the total row …
  expect(table).toContain('totalsRowCount="1"'); // … as its total row, which sorting and filtering leave alone
  expect(table).toContain('autoFilter ref="A7:H20"');
});

test('"Theo huyện, khu vực" ends with the on-time rate: Ngã Năm sent late (100% sent, 0% on time)', () => {
  const ws = wb.getWorksheet('Theo huyện, khu vực')!;
  expect((ws.getRow(5).values as unknown[]).slice(-2)).toEqual(['Tỉ lệ đã nộp', 'Tỉ lệ đúng hạn']);
  const row = [6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]
    .map((r) => (ws.getRow(r).values as unknown[]).slice(1))
    .find((v) => v[0] === 'Thị xã Ngã Năm')!;
  expect(row).toEqual(['Thị xã Ngã Năm', 1, 0, 1, 0, 0, 1, 0]);
});

test('data bars on the counts and rates of "Tổng hợp"', async () => {
  const xml = await sheetXml('Tổng hợp');
  const bars = [...xml.matchAll(/<conditionalFormatting sqref="([A-Z]+\d+:[A-Z]+\d+)">\s*<cfRule type="dataBar"/g)].map(
    (m) => m[1],
  );
  expect(bars).toEqual(['C8:C20', 'D8:D20', 'E8:E20', 'F8:F20', 'G8:G20', 'H8:H20']);
});

test('every sheet prints on A4 landscape, fit to width, header row repeated, "Trang N/M" in the footer', async () => {
  const book = await zip.file('xl/workbook.xml')!.async('string');
  expect(book).toContain(
    `<definedName name="_xlnm.Print_Titles" localSheetId="6">&apos;Chi tiết&apos;!$5:$5</definedName>`,
  );
  const xml = await sheetXml('Chi tiết');
  expect(xml).toMatch(/<pageSetup [^>]*paperSize="9"/);
  expect(xml).toMatch(/<pageSetup [^>]*orientation="landscape"/);
  expect(xml).toMatch(/<pageSetup [^>]*fitToWidth="1"/);
  expect(xml).toMatch(/<pageSetup [^>]*fitToHeight="0"/);
  expect(xml).toContain('<oddFooter>&amp;CTrang &amp;P/&amp;N</oddFooter>');
});

test('a row of "Chi tiết" links to the agency\'s file at its sheet and cell, relative to the summary', async () => {
  const ws = wb.getWorksheet('Chi tiết')!;
  const header = (ws.getRow(5).values as unknown[]).slice(1);
  const sourceCol = header.indexOf('Nguồn') + 1;
  const taskCol = header.indexOf('Mã nhiệm vụ') + 1;
  const cell = ws.getRow(6).getCell(sourceCol);
  expect(cell.text).toBe('ST-SYT.xlsx!Báo cáo!B14');
  const target = cell.hyperlink;
  expect(target).toBe("submissions/ST-SYT.xlsx#'Báo cáo'!$B$14");
  // resolve it as Excel does: the file beside the summary, then the sheet and the cell
  const [file, fragment] = target.split('#');
  const m = /^'((?:[^']|'')+)'!\$([A-Z]+)\$(\d+)$/.exec(fragment)!;
  const source = new ExcelJS.Workbook();
  await source.xlsx.readFile(path.join(dir, decodeURIComponent(file)));
  const sheet = source.getWorksheet(m[1].replace(/''/g, "'"))!;
  expect(String(sheet.getCell(`${m[2]}${m[3]}`).value)).toBe(String(ws.getRow(6).getCell(taskCol).value)); // task 1
});

test('"Sổ tiếp nhận" links each file; "Lỗi dữ liệu" links the file and cell and gives the plain reason', () => {
  const intake = wb.getWorksheet('Sổ tiếp nhận')!;
  const names = [6, 7, 8].map((r) => intake.getRow(r).getCell(1));
  for (const n of names) expect(n.hyperlink).toBe(`submissions/${n.text}`);
  // SHA-256 narrow, still last: as wide as "SHA-" in bold beside the filter button
  expect(intake.getColumn(12).width).toBeLessThanOrEqual(11);
  const f = wb.getWorksheet('Lỗi dữ liệu')!;
  const rows = [6, 7, 8].map((r) => (f.getRow(r).values as unknown[]).slice(1));
  expect(rows.map((r) => [r[1], r[6]])).toEqual([
    ['file.other_plan', 'Tệp của kế hoạch khác: 588/KH-UBND'],
    ['file.not_xlsx', 'Tệp không phải là bảng tính Excel'],
    ['status.invalid', 'Tình trạng thực hiện không hợp lệ'],
  ]);
  expect(f.getRow(8).getCell(3).hyperlink).toBe("submissions/ST-HLHPN.xlsx#'Báo cáo'!$D$14");
});

test('without a source folder (the pane) no row carries a link', () => {
  const sheets = summarySheets(c, sample.plan);
  expect(sheets.some((s) => s.table.links)).toBe(false);
});

test('the hidden data sheet is hidden and reads back as the consolidation', async () => {
  expect(wb.getWorksheet(SUMMARY_DATA_SHEET)!.state).toBe('hidden');
  const read = readSummaryFile(await readWorkbookGrid(bytes), 'tong-hop.xlsx');
  expect(read.ok).toBe(true);
  if (!read.ok) return;
  expect(read.data).toMatchObject({ version: 1, plan: '1350/STNMT-MT', period: '2024', asOf: '2024-07-15' });
  expect(read.data.deadline).toBe('2024-06-30');
  expect(read.data.overall).toEqual(c.overall);
  const sgtvt = read.data.agencies.find((a) => a.code === 'ST-SGTVT')!;
  expect([sgtvt.status, sgtvt.daysLate, sgtvt.receivedOn]).toEqual(['late', 3, '2024-07-03']);
  expect(read.data.agencies).toHaveLength(38);
});

test('a rejected file\'s reason is plain Vietnamese in "Sổ tiếp nhận", "Theo đơn vị" and "Chưa nộp, nộp muộn"', () => {
  const reasonOf = (sheetName: string, key: number, value: string) => {
    const ws = wb.getWorksheet(sheetName)!;
    const header = (ws.getRow(5).values as unknown[]).slice(1);
    const col = header.lastIndexOf('Lý do') + 1;
    for (let r = 6; r <= ws.rowCount; r++)
      if (ws.getRow(r).getCell(key).text === value) return ws.getRow(r).getCell(col).text;
    return undefined;
  };
  expect(reasonOf('Sổ tiếp nhận', 1, 'ST-HCCB.xlsx')).toBe('Tệp không phải là bảng tính Excel');
  expect(reasonOf('Sổ tiếp nhận', 1, 'Bao cao KH 588 Ha Tinh.xlsx')).toBe('Tệp của kế hoạch khác: 588/KH-UBND');
  expect(reasonOf('Theo đơn vị', 1, 'ST-HCCB')).toBe('Tệp không phải là bảng tính Excel');
  expect(reasonOf('Chưa nộp, nộp muộn', 1, 'ST-HCCB')).toBe('Tệp không phải là bảng tính Excel');
  // the technical text stays in the JSON
  expect(c.intake.find((e) => e.file === 'ST-HCCB.xlsx')!.reason).toContain('Office Open XML');
});
