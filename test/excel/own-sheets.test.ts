/**
 * What the pane asks about before consolidating into the workbook: only the sheets tonghop wrote (its register
 * says so) that still carry the name it gave them. A clerk's own sheet named `Tổng hợp` is never among them, nor a
 * sheet of ours the clerk renamed to keep it. Against the strict fake Excel.
 */
/// <reference types="office-js" />
import { consolidate, summarySheets } from '../../src/core';
import { SUMMARY_SHEET_NAMES } from '../../src/core/consolidate/summary-names';
import { socTrangPlan } from '../../src/sample/sample';
import { ownSheetNames, writeOutSheets } from '../../src/excel/door';
import { mockExcel } from './mock-excel';

jest.mock('office-addin-manifest', () => ({ OfficeApp: { Excel: 'excel' } }));

const plan = socTrangPlan();
const summary = () => summarySheets(consolidate(plan, [], { asOf: '2024-07-15', period: null }), plan);

test('a clerk’s own Tổng hợp is never one of ours; ours are named in the order of the summary', async () => {
  const x = mockExcel(['Sheet1', 'Tổng hợp']);
  x.sheet('Tổng hợp')!.cells.set('1,1', { v: 'Bảng của tôi' });
  // nothing of tonghop's yet: nothing to ask about
  expect(await ownSheetNames(x.context, SUMMARY_SHEET_NAMES)).toEqual([]);
  await writeOutSheets(x.context, summary());
  const ours = await ownSheetNames(x.context, SUMMARY_SHEET_NAMES);
  expect(ours).toEqual(['Tổng hợp (2)', ...SUMMARY_SHEET_NAMES.slice(1)]);
  expect(ours).not.toContain('Tổng hợp');
  // a sheet of ours the clerk renamed to keep is theirs now: not asked about, not replaced
  x.sheet('Chi tiết')!.name = 'Chi tiết tháng 6';
  expect(await ownSheetNames(x.context, SUMMARY_SHEET_NAMES)).not.toContain('Chi tiết tháng 6');
  expect(await ownSheetNames(x.context, SUMMARY_SHEET_NAMES)).toHaveLength(SUMMARY_SHEET_NAMES.length - 1);
  expect(x.cell('Tổng hợp', 'A1')?.v).toBe('Bảng của tôi');
});
