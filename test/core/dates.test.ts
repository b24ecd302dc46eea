import {
  addDays,
  choosePeriod,
  daysBetween,
  fromExcelSerial,
  parseDateCell,
  parseDateText,
  parseDeadlineRule,
  toExcelSerial,
} from '../../src/core/basics/dates';
import { cellText } from '../../src/core/basics/grid';

describe('reading dates as clerks type them', () => {
  test.each([
    ['30/06/2024', '2024-06-30'],
    ['30/6/2024', '2024-06-30'],
    ['10-07-2024', '2024-07-10'],
    ['10.7.2024', '2024-07-10'],
    ['2024-07-10', '2024-07-10'],
    ['ngày 10 tháng 7 năm 2024', '2024-07-10'],
    ['Sóc Trăng, ngày 22 tháng 5 năm 2024', '2024-05-22'],
    ['29/02/2024', '2024-02-29'],
  ])('%s → %s', (text, iso) => expect(parseDateText(text)).toBe(iso));

  test.each(['31/06/2024', '29/02/2023', '13/13/2024', 'tháng 6', ''])('%s is not a date', (text) =>
    expect(parseDateText(text)).toBeNull(),
  );

  test('Excel serials both ways, 1900 and 1904 systems', () => {
    expect(fromExcelSerial(45473)).toBe('2024-06-30');
    expect(toExcelSerial('2024-06-30')).toBe(45473);
    expect(fromExcelSerial(45473 - 1462, true)).toBe('2024-06-30');
  });
});

describe('deadline rules', () => {
  test.each([
    ['30/06/2024', { kind: 'fixed', date: '2024-06-30' }],
    ['chậm nhất đến ngày 30/6/2024', { kind: 'fixed', date: '2024-06-30' }],
    ['trước ngày 10 tháng 7 năm 2024', { kind: 'fixed', date: '2024-07-10' }],
    ['15/12 hằng năm', { kind: 'annual', day: 15, month: 12 }],
    ['15/12 hàng năm', { kind: 'annual', day: 15, month: 12 }],
    ['trước ngày 15 tháng 12 hàng năm', { kind: 'annual', day: 15, month: 12 }],
    ['29/02 hằng năm', { kind: 'annual', day: 29, month: 2 }],
  ])('%s', (text, rule) => expect(parseDeadlineRule(text)).toEqual(rule));

  test('a date cell is a fixed deadline', () => {
    expect(parseDeadlineRule(new Date(Date.UTC(2024, 5, 30)))).toEqual({ kind: 'fixed', date: '2024-06-30' });
  });

  test.each(['cuối tháng', '32/12 hằng năm', 'hằng năm', ''])('%s is refused', (text) =>
    expect(parseDeadlineRule(text)).toBeNull(),
  );
});

describe('calendar arithmetic', () => {
  test('days between dates cross month ends and leap days', () => {
    expect(daysBetween('2024-06-30', '2024-07-03')).toBe(3);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2); // 2024 is a leap year
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
    expect(daysBetween('2024-12-15', '2025-01-05')).toBe(21);
    expect(addDays('2024-06-30', 1)).toBe('2024-07-01');
  });
});

describe('choosing the period of an annual rule', () => {
  const annual = { kind: 'annual', day: 15, month: 12 } as const;
  test('--period picks the year', () => {
    expect(choosePeriod(annual, '2026-03-01', { requested: '2025' })).toEqual({
      period: '2025',
      deadline: '2025-12-15',
    });
  });
  test('default: the latest deadline on or before the as-of date', () => {
    expect(choosePeriod(annual, '2025-12-15', {})).toEqual({ period: '2025', deadline: '2025-12-15' });
    expect(choosePeriod(annual, '2025-12-14', {})).toEqual({ period: '2024', deadline: '2024-12-15' });
    expect(choosePeriod(annual, '2026-01-10', {})).toEqual({ period: '2025', deadline: '2025-12-15' });
  });
  test('else the next one, when no deadline has passed since the plan began', () => {
    expect(choosePeriod(annual, '2024-06-01', { firstYear: 2024 })).toEqual({ period: '2024', deadline: '2024-12-15' });
  });
  test('29/02 falls on 28/02 in a common year', () => {
    const leap = { kind: 'annual', day: 29, month: 2 } as const;
    expect(choosePeriod(leap, '2025-03-01', {}).deadline).toBe('2025-02-28');
    expect(choosePeriod(leap, '2024-03-01', {}).deadline).toBe('2024-02-29');
  });
  test('a fixed deadline keeps the plan period', () => {
    expect(choosePeriod({ kind: 'fixed', date: '2024-06-30' }, '2024-07-15', { planPeriod: '2024' })).toEqual({
      period: '2024',
      deadline: '2024-06-30',
    });
  });
});

describe('a date cell reads as the same day as text and as a date', () => {
  test('ExcelJS rounding error (one millisecond before midnight UTC): 30/06/2024 both ways', () => {
    const cell = new Date(Date.UTC(2024, 5, 29, 23, 59, 59, 999));
    expect(parseDateCell(cell)).toBe('2024-06-30');
    expect(cellText(cell)).toBe('30/06/2024');
  });

  test('an invalid date is empty text, not a crash', () => {
    expect(cellText(new Date(Number.NaN))).toBe('');
  });
});
