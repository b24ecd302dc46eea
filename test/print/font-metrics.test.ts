/**
 * The width table is the installed fonts' own metrics (Liberation Serif and Carlito, read with fontkit), and the
 * measuring code agrees with fontkit's own layout of Vietnamese text (kerning included): never narrower, within 3 %.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import * as fontkit from 'fontkit';
import { type TextFont, textWidth } from '../../src/core';

const root = path.resolve(__dirname, '../..');

test('src/core/basics/font-metrics.ts is what scripts/make-font-metrics.js reads from the installed fonts', () => {
  expect(() =>
    execFileSync(process.execPath, ['scripts/make-font-metrics.js', '--check'], { cwd: root, stdio: 'pipe' }),
  ).not.toThrow();
});

const FONTS: [string, TextFont][] = [
  [
    '/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf',
    { family: 'Times New Roman', size: 12, bold: true },
  ],
  [
    '/usr/share/fonts/truetype/liberation2/LiberationSerif-Italic.ttf',
    { family: 'Times New Roman', size: 13, italic: true },
  ],
  ['/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf', { family: 'Calibri', size: 11 }],
];
const TEXTS = [
  'SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG',
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Sóc Trăng, ngày 16 tháng 7 năm 2024',
  'Hội Nạn nhân chất độc da cam/dioxin tỉnh — 30.707 người, 7.119,6 ha',
  'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Sóc Trăng; Được thay bằng tệp "ST-SNNPTNT.xlsx"',
];

test.each(FONTS)('%s: measured widths match the font laid out by fontkit', (file, font) => {
  const f = fontkit.openSync(file);
  for (const text of TEXTS) {
    const laid = (f.layout(text).advanceWidth / f.unitsPerEm) * font.size;
    const ours = textWidth(text, font);
    expect([text, ours >= laid - 0.01]).toEqual([text, true]);
    expect(ours / laid).toBeLessThan(1.03);
  }
});
