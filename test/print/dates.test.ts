/**
 * Dates where people read them are dd/mm/yyyy: the reasons of `Sổ tiếp nhận` and `Theo đơn vị` in the summary
 * workbook ("Được thay bằng tệp … (nhận 21/06/2024)"), while the JSON keeps yyyy-mm-dd and a file name quoted in a
 * reason is never touched.
 */
import ExcelJS from 'exceljs';
import { consolidationJson, withDatesVi, writeSummaryWorkbook } from '../../src/core';
import { consolidatedSample } from '../helpers/sample';

test('a reason keeps a quoted file name as it is and writes its dates dd/mm/yyyy', () => {
  expect(withDatesVi('Được thay bằng tệp "bao-cao-2024-06-21.xlsx" (nhận 2024-06-21).')).toBe(
    'Được thay bằng tệp "bao-cao-2024-06-21.xlsx" (nhận 21/06/2024).',
  );
  expect(withDatesVi('Nhận ngày 2024-07-20, sau ngày tổng hợp 2024-07-15.')).toBe(
    'Nhận ngày 20/07/2024, sau ngày tổng hợp 15/07/2024.',
  );
});

test('Sổ tiếp nhận: the superseded file\'s reason reads "(nhận 21/06/2024)"; the JSON keeps 2024-06-21', async () => {
  const {
    sample: { plan },
    c,
  } = await consolidatedSample();
  const superseded = c.intake.find((e) => e.verdict === 'superseded')!;
  expect(superseded.reason).toMatch(/\(nhận \d{4}-\d{2}-\d{2}\)\.$/);
  expect(JSON.stringify(consolidationJson(c))).toContain(superseded.reason!.replace(/"/g, '\\"'));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await writeSummaryWorkbook(c, plan)) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('Sổ tiếp nhận')!;
  const header = (ws.getRow(5).values as unknown[]).map(String);
  const row = [...Array(ws.rowCount).keys()]
    .map((i) => ws.getRow(i + 1))
    .find((r) => r.getCell(1).text === superseded.file)!;
  const reason = String(row.getCell(header.indexOf('Lý do')).value);
  const [, y, m, d] = /\((?:nhận) (\d{4})-(\d{2})-(\d{2})\)/.exec(superseded.reason!)!;
  expect(reason).toContain(`(nhận ${d}/${m}/${y})`);
  expect(reason).not.toMatch(/\d{4}-\d{2}-\d{2}/);
});
