import ExcelJS from 'exceljs';
import { buildTemplate, readSubmission, templateFileName } from '../../src/core';
import { haTinhPlan } from '../../src/sample/sample';

async function load(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return wb;
}

describe('the template an agency receives', () => {
  const plan = haTinhPlan();
  const park = plan.agencies.find((a) => a.code === 'HT-VQGVQ')!; // reports on tasks 2 and 3 only

  test('is named after the agency code and holds only its tasks, with the contract labels', async () => {
    expect(templateFileName(park)).toBe('HT-VQGVQ.xlsx');
    const wb = await load(await buildTemplate(plan, park));
    const ws = wb.getWorksheet('Báo cáo')!;
    const header = ws.getRow(13).values as unknown[];
    expect(header.slice(1)).toEqual([
      'STT',
      'Mã nhiệm vụ',
      'Nhiệm vụ',
      'Tình trạng',
      'Kết quả thực hiện',
      'Diện tích rừng được tuần tra, bảo vệ (ha)',
      'Tỉ lệ diện tích được giám sát (%)',
      'Số loài quý hiếm ghi nhận nhiều nhất tại một đơn vị (loài)',
      'Ghi chú',
    ]);
    expect([ws.getCell('B14').value, ws.getCell('B15').value, ws.getCell('B16').value]).toEqual(['2', '3', null]);
    const labels: string[] = [];
    for (let r = 4; r <= 10; r++) labels.push(String(ws.getCell(r, 1).value));
    expect(labels).toEqual([
      'Cơ quan báo cáo',
      'Mã đơn vị',
      'Kế hoạch',
      'Kỳ báo cáo',
      'Ngày báo cáo',
      'Người lập',
      'Điện thoại',
    ]);
    expect(ws.getCell('C5').value).toBe('HT-VQGVQ');
  });

  test('status has a dropdown, indicators accept numbers only, codes and titles are locked', async () => {
    const wb = await load(await buildTemplate(plan, park));
    const ws = wb.getWorksheet('Báo cáo')!;
    expect(ws.getCell('D14').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"Đã hoàn thành,Đang thực hiện,Chưa thực hiện,Không thuộc phạm vi"'],
    });
    expect(ws.getCell('F15').dataValidation).toMatchObject({ type: 'decimal' }); // R1 on the row of task 3
    expect(ws.getCell('F14').dataValidation).toBeFalsy(); // R1 does not belong to task 2
    expect((ws as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet).toBe(true);
    expect(ws.getCell('B14').protection?.locked).not.toBe(false);
    expect(ws.getCell('C14').protection?.locked).not.toBe(false);
    expect(ws.getCell('D14').protection?.locked).toBe(false);
    expect(ws.getCell('E14').protection?.locked).toBe(false);
  });

  test('an indicator typed as a whole number shows no lone decimal separator ("30.707,"), decimals show as typed', async () => {
    const wb = await load(await buildTemplate(plan, park));
    const ws = wb.getWorksheet('Báo cáo')!;
    const input = ws.getCell('F15'); // R1 on the row of task 3, a cell the agency types into
    expect(input.protection?.locked).toBe(false);
    // a format with optional decimals only (#,##0.##) shows 30707 as "30.707," in Excel and LibreOffice alike
    expect(input.numFmt ?? 'General').not.toMatch(/\.#+(?:;|$)/);
  });

  test('a hidden sheet records plan, agency and version; an unfilled template is recognised but reports nothing', async () => {
    const bytes = await buildTemplate(plan, park);
    const wb = await load(bytes);
    const meta = wb.getWorksheet('_tonghop')!;
    expect(meta.state).toBe('hidden');
    expect([meta.getCell('B2').value, meta.getCell('B3').value]).toEqual(['588/KH-UBND', 'HT-VQGVQ']);
    const sub = await readSubmission(
      { name: 'x.xlsx', bytes, receivedOn: '2024-12-01', receivedFrom: 'file-date' },
      plan,
    );
    expect([sub.agencyCode, sub.recognisedBy, sub.rejectReason]).toEqual(['HT-VQGVQ', 'hidden', null]);
    expect(sub.rows.map((r) => r.status)).toEqual([null, null]);
    expect(sub.findings.filter((f) => f.code === 'status.empty').map((f) => f.cell)).toEqual(['D14', 'D15']);
  });
});
