#!/usr/bin/env node
/**
 * Renders the pane's rates chart (src/taskpane/steps/rates-chart.ts) at 320 px in Debian's Chromium and writes a PNG, to
 * look at it:  node test/report/preview-rates-chart.js [out.png]
 * The groups are the Sóc Trăng sample's as of 15/07/2024 (tonghop demo).
 */
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');
const { chromium } = require('playwright-core');

const src = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'taskpane', 'rates-chart.ts'), 'utf8');
const js = ts.transpileModule(src, {
  compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
}).outputText;
const stringsJs = ts.transpileModule(
  fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'taskpane', 'strings.ts'), 'utf8'),
  { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } },
).outputText;
const g = (name, required, onTime, late, missing, rejected) => ({
  name,
  required,
  onTime,
  late,
  missing,
  rejected,
  completeness: Math.round(((onTime + late) / required) * 1000) / 10,
  onTimeRate: Math.round((onTime / required) * 1000) / 10,
});
const groups = [
  g('Sở, ban, ngành', 20, 15, 3, 2, 0),
  g('Thành phố Sóc Trăng', 1, 1, 0, 0, 0),
  g('Thị xã Ngã Năm', 1, 0, 1, 0, 0),
  g('Huyện Cù Lao Dung', 1, 0, 0, 1, 0),
  g('Huyện Mỹ Tú', 1, 0, 1, 0, 0),
  g('Tổ chức', 7, 3, 1, 2, 1),
  g('Một nhóm có tên rất dài để xem chữ có tràn ra ngoài khung không', 3, 1, 1, 1, 0),
];

(async () => {
  const out = process.argv[2] ?? path.join('test-results', 'rates-chart-320.png');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 320, height: 800 }, deviceScaleFactor: 2 });
    await page.setContent('<!doctype html><meta charset="utf-8"><body style="margin:0;font-family:sans-serif"></body>');
    await page.addScriptTag({ content: `var exports = {}; ${js}; window.ratesChart = exports.ratesChart;` });
    await page.addScriptTag({ content: `var exports = {}; ${stringsJs}; window.STRINGS = exports.STRINGS;` });
    await page.evaluate(
      (data) => document.body.appendChild(window.ratesChart(document, data.groups, window.STRINGS.vi.chart)),
      groups,
    );
    await page.screenshot({ path: out, fullPage: true });
    console.log(out);
  } finally {
    await browser.close();
  }
})();
