/**
 * Finding a table's header row (src/core/basics/labels.ts) since it was made cheaper: labels matched cell by
 * cell, the scan stopped at a row that matches every column, texts folded once through a FoldMemo.
 */
import { FoldMemo, findHeader, foldKey, gridFromValues, parseStatus } from '../../src/core';

const SPECS = [
  { key: 'code', labels: ['Mã nhiệm vụ', 'Mã NV'] },
  { key: 'title', labels: ['Nhiệm vụ', 'Nội dung'] },
  { key: 'status', labels: ['Tình trạng'] },
  { key: 'result', labels: ['Kết quả thực hiện'] },
] as const;

test('a title row that reads like one label does not stop the scan: the header below it is found', () => {
  const grid = gridFromValues('Báo cáo', [
    ['Kết quả thực hiện nhiệm vụ năm 2024', null],
    [],
    ['Mã NV', 'Nội dung', 'Tình trạng (chọn)', 'Kết quả thực hiện', 'Ghi chú riêng'],
    ['1', 'Tuyên truyền', 'Đã hoàn thành', 'Xong'],
  ]);
  const header = findHeader(grid, SPECS);
  expect(header?.row).toBe(2);
  expect(header?.columns).toEqual({ code: 0, title: 1, status: 2, result: 3 });
  expect(header?.unknown).toEqual([{ col: 4, label: 'Ghi chú riêng' }]);
});

test('a row matching some columns does not hide a later row matching more; of two full rows the first wins', () => {
  const partial = ['Mã nhiệm vụ', 'Nhiệm vụ', null, null];
  const full = ['Tình trạng', 'Mã nhiệm vụ', 'Nhiệm vụ', 'Kết quả thực hiện'];
  const grid = gridFromValues('Báo cáo', [partial, ['1', 'Việc A'], full, ['2', 'Việc B'], [...full].reverse()]);
  const header = findHeader(grid, SPECS);
  expect(header?.row).toBe(2);
  expect(header?.columns).toEqual({ status: 0, code: 1, title: 2, result: 3 });
});

test('a FoldMemo folds as foldKey does, also once it has been emptied for being full', () => {
  const memo = new FoldMemo(2);
  const texts = [
    'Sở Y tế',
    'SỞ Y TẾ',
    'So  Y te',
    'Đã hoàn thành',
    'Sở Y tế',
    'Kết quả: ',
    'Nhiệm vụ số 1, '.repeat(30),
  ];
  for (const t of [...texts, ...texts]) expect(memo.fold(t)).toBe(foldKey(t));
  expect(parseStatus('ĐÃ HOÀN THÀNH.', memo.fold)).toBe('done');
  expect(parseStatus('chưa  thực hiện', memo.fold)).toBe('notStarted');
});
