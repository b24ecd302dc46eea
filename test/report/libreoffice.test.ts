/**
 * The report workbook after LibreOffice opened and saved it (fixtures made by test/report/fixtures/make-fixtures.sh):
 * the layout survives (fonts, A4, margins, print titles, hidden data sheet), and one level up reads the same
 * figures from it as from tonghop's own file.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { type Plan, consolidate, planSchema, readSubmission } from '../../src/core';
import { openpyxlSheet } from '../helpers/openpyxl';
import { buildSample } from '../../src/sample/sample';
import { REPORT_DATA_SHEET } from '../../src/core/report';

const dir = path.join(__dirname, 'fixtures');
const files = ['soc-trang-bao-cao.xlsx', 'soc-trang-bao-cao-libreoffice.xlsx'];

let national: Plan;
/** The province's totals, written by hand from the Sóc Trăng sample (test/core/sample-consolidate.test.ts checks
 * them against what openpyxl adds up from the submissions themselves). */
const PROVINCE_TOTALS: Record<string, number> = { CT1: 163, CT2: 30707, CT3: 187, CT4: 7119.6, CT5: 177 };
beforeAll(async () => {
  const sample = await buildSample('soc-trang'); // its plan only: the tasks and indicators one level up asks for
  national = planSchema.parse({
    number: '2963/BTNMT-TTTT',
    title: 'Hưởng ứng Ngày Quốc tế đa dạng sinh học năm 2024',
    issuer: 'Bộ Tài nguyên và Môi trường',
    deadline: { kind: 'fixed', date: '2024-07-31' },
    period: '2024',
    tasks: sample.plan.tasks,
    indicators: sample.plan.indicators,
    agencies: [
      { code: 'ST', name: 'Sở Tài nguyên và Môi trường tỉnh Sóc Trăng', kind: 'locality', area: 'Sóc Trăng' },
      { code: 'HT', name: 'Sở Tài nguyên và Môi trường tỉnh Hà Tĩnh', kind: 'locality', area: 'Hà Tĩnh' },
    ],
  });
});

describe.each(files)('%s', (file) => {
  let bytes: Uint8Array;
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    bytes = new Uint8Array(await fs.readFile(path.join(dir, file)));
    wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  });

  test('layout: Times New Roman, A4 portrait, 30/15/20/20 mm margins, print titles, hidden data sheet', () => {
    const ws = wb.getWorksheet('Báo cáo')!;
    expect(ws.getCell('H1').value).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(ws.getCell('H1').font).toMatchObject({ name: 'Times New Roman', bold: true });
    expect(ws.getCell('H4').font).toMatchObject({ name: 'Times New Roman', italic: true });
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.orientation).toBe('portrait');
    const m = ws.pageSetup.margins!;
    expect([m.left, m.right, m.bottom].map((x) => Math.round(x * 25.4))).toEqual([30, 15, 20]);
    // LibreOffice writes the top margin without the header area it moved inside (15 mm); tonghop writes 20 mm
    expect(Math.round(m.top * 25.4)).toBe(file.includes('libreoffice') ? 15 : 20);
    const p1 = wb.getWorksheet('Phụ lục 1')!;
    expect(p1.pageSetup.printTitlesRow).toBe('5:5');
    expect(p1.getCell('A5').value).toBe('STT');
    expect(wb.getWorksheet(REPORT_DATA_SHEET)!.state).toBe('hidden');
  });

  test('one level up reads the province totals from it, once', async () => {
    const sub = await readSubmission(
      { name: file, bytes, receivedOn: '2024-07-20', receivedFrom: 'file-date' },
      national,
    );
    expect([sub.agencyCode, sub.recognisedBy, sub.rejectReason, sub.findings]).toEqual(['ST', 'code', null, []]);
    const c = consolidate(national, [sub], { asOf: '2024-08-01' });
    const got = Object.fromEntries(c.tasks.flatMap((t) => t.indicatorTotals.map((i) => [i.code, i.value])));
    expect(got).toEqual(PROVINCE_TOTALS);
  });

  test('the totals one level up reads are those the visible table shows (read by openpyxl), in the same file', async () => {
    const sub = await readSubmission(
      { name: file, bytes, receivedOn: '2024-07-20', receivedFrom: 'file-date' },
      national,
    );
    const c = consolidate(national, [sub], { asOf: '2024-08-01' });
    const grid = openpyxlSheet(path.join(dir, file), 'Báo cáo');
    const header = grid.findIndex((row) => row.includes('Chỉ tiêu') && row.includes('Kết quả'));
    expect(header).toBeGreaterThan(0);
    const nameCol = grid[header].indexOf('Chỉ tiêu');
    const valueCol = grid[header].indexOf('Kết quả');
    const visible: Record<string, unknown> = {};
    for (const row of grid.slice(header + 1)) {
      if (typeof row[nameCol] !== 'string' || row[nameCol] === '') break;
      visible[row[nameCol] as string] = row[valueCol];
    }
    const read = Object.fromEntries(c.tasks.flatMap((t) => t.indicatorTotals.map((i) => [i.name, i.value])));
    expect(Object.keys(visible)).toHaveLength(5);
    expect(read).toEqual(visible);
    const overall = grid.find((row) => row[0] === 'Tổng cộng');
    expect(overall?.filter((v) => v !== null)).toEqual(['Tổng cộng', 38, 25, 6, 6, 1, 0.816]);
    expect(c.agencies[0].ownAgencies).toEqual({
      asOf: '2024-07-15',
      required: 38,
      onTime: 25,
      late: 6,
      missing: 6,
      rejected: 1,
      completeness: 81.6,
    });
  });
});
