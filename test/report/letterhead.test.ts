/**
 * Letterhead texts after Decree 30/2020/NĐ-CP: dates, the plan as cited in a body, signer lines, recipients.
 */
import { buildSample, haTinhPlan, socTrangPlan } from '../../src/sample/sample';
import { documentDateWords, planCitation, resolveLetterhead } from '../../src/core/report/letterhead';

test('dates: day below 10 and months 1-2 with a leading zero', () => {
  expect(documentDateWords('2020-03-05')).toBe('ngày 05 tháng 3 năm 2020');
  expect(documentDateWords('2024-02-15')).toBe('ngày 15 tháng 02 năm 2024');
  expect(documentDateWords('2024-12-31')).toBe('ngày 31 tháng 12 năm 2024');
});

test('the plan as cited in a body', () => {
  expect(planCitation(socTrangPlan())).toBe(
    'Kế hoạch số 1350/STNMT-MT ngày 22/05/2024 của Sở Tài nguyên và Môi trường tỉnh Sóc Trăng về việc tổ chức các hoạt động hưởng ứng Ngày Quốc tế đa dạng sinh học năm 2024',
  );
  expect(planCitation(haTinhPlan())).toBe(
    'Kế hoạch hành động số 588/KH-UBND ngày 29/12/2023 của UBND tỉnh Hà Tĩnh về bảo tồn đa dạng sinh học đến năm 2030, tầm nhìn đến năm 2050 trên địa bàn tỉnh Hà Tĩnh',
  );
  expect(planCitation({ number: '12/KH', title: 'UBND tỉnh triển khai', issuedOn: null, issuer: '' })).toBe(
    'Kế hoạch số 12/KH về việc UBND tỉnh triển khai',
  );
});

test('signer title on two lines (cell) or with a slash (flag), recipients split on ";"', async () => {
  const plan = (await buildSample('soc-trang')).plan;
  expect(resolveLetterhead(plan, {}, 'BC', '2024').signerTitleLines).toEqual(['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC']);
  expect(
    resolveLetterhead(plan, { signerTitle: 'TL. Giám đốc / Chánh Văn phòng' }, 'BC', '2024').signerTitleLines,
  ).toEqual(['TL. GIÁM ĐỐC', 'CHÁNH VĂN PHÒNG']);
  expect(resolveLetterhead(plan, {}, 'BC', '2024').recipients).toEqual([
    'UBND tỉnh Sóc Trăng',
    'Bộ Tài nguyên và Môi trường',
  ]);
  expect(resolveLetterhead(plan, { recipients: ['- Bộ Nông nghiệp và Môi trường;'] }, 'BC', '2024').recipients).toEqual(
    ['Bộ Nông nghiệp và Môi trường'],
  );
  expect(resolveLetterhead(plan, {}, 'CV', '2024').number).toBe('Số: ……/……');
});
