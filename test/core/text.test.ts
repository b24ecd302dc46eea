import { cleanText, foldKey, parseNumberText, formatNumberVi, normaliseCode } from '../../src/core/basics/text';
import { parseStatus, isMark } from '../../src/core/basics/values';

describe('names compare folded for case, diacritics and spacing', () => {
  test('Sở Y tế = SỞ Y TẾ = So  Y te', () => {
    expect(foldKey('Sở Y tế')).toBe(foldKey('SỞ Y TẾ'));
    expect(foldKey('Sở Y tế')).toBe(foldKey(' So  Y te '));
    expect(foldKey('Đoàn Thanh niên')).toBe('doan thanh nien');
    expect(foldKey('Sở Lao động – Thương binh và Xã hội')).toBe(foldKey('So Lao dong - Thuong binh va Xa hoi'));
  });
  test('NFD input folds like NFC', () => {
    expect(foldKey('Sở Y tế'.normalize('NFD'))).toBe(foldKey('Sở Y tế'));
  });
  test('non-breaking spaces are spaces', () => {
    expect(foldKey('Sở\u00a0Y\u00a0tế')).toBe('so y te');
  });
});

describe('numbers typed as text', () => {
  test.each([
    ['1.234', 1234],
    ['1.234,5', 1234.5],
    ['1.234.567', 1234567],
    ['12,5', 12.5],
    ['1,234.5', 1234.5],
    ['12', 12],
    ['-3', -3],
    ['0.5', 0.5],
    ['12 ha', 12],
    ['1.200 người', 1200],
  ])('%s → %d', (text, value) => expect(parseNumberText(text)?.value).toBe(value));

  test.each(['khoảng 200', 'nhiều', '1.2.3,4,5', '', 'x'])('%s is not a number', (text) =>
    expect(parseNumberText(text)).toBeNull(),
  );

  test('the unit is kept', () => expect(parseNumberText('12 ha')?.unit).toBe('ha'));
  test('vi-VN formatting', () => expect(formatNumberVi(1234.5)).toBe('1.234,5'));
});

describe('statuses in their usual spellings', () => {
  test.each([
    ['Đã hoàn thành', 'done'],
    ['hoàn thành', 'done'],
    ['Da hoan thanh', 'done'],
    ['DA HOAN THANH', 'done'],
    ['Đang thực hiện', 'inProgress'],
    ['dang trien khai', 'inProgress'],
    ['Chưa thực hiện', 'notStarted'],
    ['Không thuộc phạm vi', 'notApplicable'],
    ['không áp dụng', 'notApplicable'],
  ])('%s → %s', (text, status) => expect(parseStatus(text)).toBe(status));
  test('unknown words are not guessed', () => expect(parseStatus('Tốt')).toBeNull());
  test('marks under per-status columns', () => {
    expect(['x', 'X', '✓', 1, true].every((v) => isMark(v))).toBe(true);
    expect(['', 'không', 0, null].some((v) => isMark(v))).toBe(false);
  });
});

describe('cleanText', () => {
  const slow = (v: string) =>
    v
      .normalize('NFC')
      .replace(/[\u00a0\u2007\u202f\u2000-\u200a\u3000]/g, ' ')
      .replace(/[\u200b-\u200d\ufeff]/g, '')
      .replace(/[ \t]+/g, ' ')
      .replace(/\s*\r?\n\s*/g, '\n')
      .trim();
  test('its fast path for already-clean text gives exactly what full normalisation gives', () => {
    const alphabet =
      'aăâbcdđeêoôơuưy ÀÁẢÃẠàáảãạẰằẮắỀềỂểỄễ  \n\t\r\u00a0\u0300\u0301\u0303\u0309\u0323.,-–“”…12\u200b\u212bΩ';
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 50_000; i++) {
      let s = '';
      const n = Math.floor(rnd() * 9);
      for (let j = 0; j < n; j++) s += alphabet[Math.floor(rnd() * alphabet.length)];
      expect([s, cleanText(s)]).toEqual([s, slow(s)]);
    }
    expect(cleanText(' Sở  Y tế\u00a0')).toBe('Sở Y tế');
    expect(cleanText('Sở Y tế'.normalize('NFD'))).toBe('Sở Y tế');
  });
});

test('codes compare as the plan writes them: upper case, no spaces, no final dot', () => {
  // printable ASCII (most codes) and text that needs cleaning give the same kind of key
  expect(normaliseCode('1.2.')).toBe('1.2');
  expect(normaliseCode('ii.3')).toBe('II.3');
  expect(normaliseCode('st-syt')).toBe('ST-SYT');
  expect(normaliseCode(' ST - SYT ')).toBe('ST-SYT');
  expect(normaliseCode('st\u00a0syt.')).toBe('STSYT');
  expect(normaliseCode('1..')).toBe('1.');
  expect(normaliseCode('')).toBe('');
});
