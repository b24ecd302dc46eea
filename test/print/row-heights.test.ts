/**
 * A body row's height is decided once per text, column width and font and then remembered (a task's name comes back
 * once per agency in the summary): what is remembered is what measuring the text again gives, never the height of
 * the same text in another column or another font.
 */
import {
  type ColumnFit,
  type TextFont,
  bodyRowHeight,
  columnTextWidth,
  lineCount,
  rowHeightFor,
  wrapText,
} from '../../src/core';

const TASK =
  'Xây dựng quy hoạch bảo tồn đa dạng sinh học cấp tỉnh giai đoạn 2021-2030, tầm nhìn đến năm 2050 (nội dung 3)';
const BODY: TextFont = { family: 'Calibri', size: 11 };
const fit = (width: number): ColumnFit => ({ width, indent: 0, wrap: true });

/** The height measured afresh (wrapText remembers nothing). */
const measured = (text: string, units: number) =>
  rowHeightFor(wrapText(text, columnTextWidth(units), BODY).length, BODY);

test('a long task name gets the same height on its first row and on its 1,000th', () => {
  const first = bodyRowHeight(['BM-S00001', TASK], [fit(12), fit(30)]);
  expect(first).toBe(measured(TASK, 30));
  expect(first).toBeGreaterThan(rowHeightFor(1, BODY));
  for (let i = 2; i <= 1000; i++)
    expect(bodyRowHeight([`BM-S${String(i).padStart(5, '0')}`, TASK], [fit(12), fit(30)])).toBe(first);
});

test('the same text in a column of another width gets that column’s height', () => {
  const wide = bodyRowHeight([TASK], [fit(40)]);
  const narrow = bodyRowHeight([TASK], [fit(20)]);
  expect(wide).toBe(measured(TASK, 40));
  expect(narrow).toBe(measured(TASK, 20));
  expect(narrow).toBeGreaterThan(wide);
});

test('the same text and width in another font wraps as that font does', () => {
  const width = columnTextWidth(50);
  const serif: TextFont = { family: 'Times New Roman', size: 11 };
  expect(lineCount(TASK, width, BODY)).toBe(3);
  expect(lineCount(TASK, width, serif)).toBe(2);
  expect(lineCount(TASK, width, { ...BODY, bold: true })).toBe(wrapText(TASK, width, { ...BODY, bold: true }).length);
});

test('heights stay right after more different texts than are remembered', () => {
  const first = bodyRowHeight([TASK], [fit(25)]);
  for (let i = 0; i < 12_000; i++) bodyRowHeight([`${TASK} ${i}`], [fit(25)]);
  expect(bodyRowHeight([TASK], [fit(25)])).toBe(first);
  expect(first).toBe(measured(TASK, 25));
});
