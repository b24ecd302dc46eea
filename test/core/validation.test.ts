import { type Plan, consolidate, readSubmission, workbookBytes } from '../../src/core';
import { fillTemplate, socTrangPlan } from '../../src/sample/sample';

const plan: Plan = socTrangPlan();
const agency = (code: string) => plan.agencies.find((a) => a.code === code)!;

async function read(name: string, wbBytes: Uint8Array) {
  return readSubmission({ name, bytes: wbBytes, receivedOn: '2024-06-20', receivedFrom: 'file-date' }, plan);
}

describe('validation against the plan', () => {
  test('a report of another period is rejected and the agency stays missing', async () => {
    const wb = fillTemplate(plan, agency('ST-SYT'), { seed: 3, reportDate: '2024-06-19', periodText: '2023' });
    const sub = await read('ST-SYT.xlsx', await workbookBytes(wb));
    const c = consolidate(plan, [sub], { asOf: '2024-07-15' });
    expect(c.intake[0]).toMatchObject({
      verdict: 'rejected',
      reason: 'Báo cáo kỳ 2023, không phải kỳ 2024 đang tổng hợp.',
    });
    expect(c.agencies.find((a) => a.code === 'ST-SYT')!.status).toBe('missing');
    expect(c.findings.map((f) => f.code)).toContain('file.other_period');
  });

  test('an agency not in the plan is rejected with its name', async () => {
    const wb = fillTemplate(plan, agency('ST-SYT'), { seed: 3, reportDate: '2024-06-19', dropMeta: true });
    const ws = wb.worksheets[0];
    ws.getCell('C4').value = 'Sở Ngoại vụ';
    ws.getCell('C5').value = 'ST-SNGV';
    const sub = await read('bao-cao.xlsx', await workbookBytes(wb));
    expect(sub.rejectReason).toBe('Đơn vị "ST-SNGV / Sở Ngoại vụ" không có trong danh sách đơn vị của kế hoạch.');
  });

  test('unknown task codes, a duplicated row and a missing task are findings with their cells', async () => {
    const wb = fillTemplate(plan, agency('ST-SNV'), { seed: 4, reportDate: '2024-06-19' });
    const ws = wb.worksheets[0];
    ws.unprotect();
    ws.getCell('B15').value = '12'; // task 2's row now claims an unknown task
    ws.getCell('B17').value = '3'; // task 4's row repeats task 3
    const sub = await read('ST-SNV.xlsx', await workbookBytes(wb));
    const got = sub.findings.map((f) => [f.code, f.cell]);
    expect(got).toEqual(
      expect.arrayContaining([
        ['task.unknown', 'B15'],
        ['task.duplicate', 'B17'],
        ['task.missing', ''],
      ]),
    );
    expect(sub.findings.find((f) => f.code === 'task.missing')!.message).toBe('Thiếu dòng báo cáo cho nhiệm vụ: 2, 4.');
    expect(sub.rows.map((r) => r.taskCode)).toEqual(['1', '3', '5', '6', '7', '8', '9']);
  });

  test('the agency is recognised by its name, folded, when code and hidden sheet are gone', async () => {
    const wb = fillTemplate(plan, agency('ST-SGDDT'), { seed: 5, reportDate: '2024-06-19', dropMeta: true });
    const ws = wb.worksheets[0];
    ws.getCell('C4').value = 'SO GIAO DUC VA DAO TAO';
    ws.getCell('C5').value = null;
    const sub = await read('report.xlsx', await workbookBytes(wb));
    expect([sub.agencyCode, sub.recognisedBy]).toEqual(['ST-SGDDT', 'name']);
  });
});

describe('nothing silently dropped', () => {
  test('data far below or right of the table is named in a finding', async () => {
    const wb = fillTemplate(plan, agency('ST-SNV'), { seed: 4, reportDate: '2024-06-19' });
    const ws = wb.worksheets[0];
    ws.unprotect();
    ws.getCell('A6000').value = 'ghi chú cuối trang';
    ws.getCell('HA20').value = 'ô xa';
    const sub = await read('ST-SNV.xlsx', await workbookBytes(wb));
    expect(sub.rejectReason).toBeNull();
    expect(sub.rows).toHaveLength(9);
    const f = sub.findings.find((x) => x.code === 'sheet.not_read')!;
    expect([f.sheet, f.message]).toEqual([
      'Báo cáo',
      'Trang "Báo cáo" có dữ liệu từ dòng 5001 và từ cột GS trở đi; phần đó không được đọc (bảng báo cáo không lớn như vậy).',
    ]);
  });
});
