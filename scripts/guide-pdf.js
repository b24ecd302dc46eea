#!/usr/bin/env node
/**
 * The officer's part of the user guide (docs/huong-dan/can-bo-tong-hop.md) as a printable PDF, dist/huong-dan-tong-hop.pdf:
 * A4, Times New Roman as the reports use (Liberation Serif, its metric twin, where Times New Roman is not installed),
 * page numbers in the footer. Rendered by Chromium's print-to-PDF through playwright-core, after webpack
 * (`npm run build` runs both).
 *
 * Without Chromium (CHROMIUM_PATH, default /usr/bin/chromium) the PDF is skipped with a message and the build goes on:
 * the help page holds the same text. CI has Chromium (the browser tests need it), so its dist/ has the PDF.
 *
 *   node scripts/guide-pdf.js [out.pdf]
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { GUIDE_DIR, PRINTED_PART, parseGuide, readPart } = require('./guide-html');

const ROOT = path.resolve(__dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const OUT = path.resolve(process.argv[2] || path.join(ROOT, 'dist', 'huong-dan-tong-hop.pdf'));

/** Print layout: the decree's margins (top 20, bottom 20, left 30, right 15 mm), 13 pt body as in the reports. */
const PRINT_CSS = `
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
body { font-family: 'Times New Roman', 'Liberation Serif', serif; font-size: 13pt; line-height: 1.3; color: #000; }
.cover { text-align: center; margin: 0 0 8mm; }
.cover p { text-align: center; }
.cover .app { font-size: 13pt; margin: 0; text-transform: uppercase; }
.cover .title { font-size: 16pt; font-weight: bold; margin: 2mm 0; }
h1 { font-size: 15pt; text-align: center; margin: 4mm 0 4mm; }
h2 { font-size: 14pt; margin: 6mm 0 2mm; page-break-after: avoid; }
h3 { font-size: 13pt; margin: 4mm 0 1.5mm; page-break-after: avoid; }
p, ul, ol { margin: 1.5mm 0; text-align: justify; }
ul, ol { padding-left: 7mm; }
code, pre { font-family: 'Courier New', 'Liberation Mono', monospace; font-size: 10.5pt; }
pre { white-space: pre-wrap; border: 0.3mm solid #999; padding: 2mm; page-break-inside: avoid; }
blockquote { margin: 2mm 0 2mm 6mm; padding-left: 3mm; border-left: 0.8mm solid #555; font-style: italic; }
table { border-collapse: collapse; width: 100%; font-size: 11.5pt; margin: 2mm 0; }
th, td { border: 0.3mm solid #555; padding: 1mm 1.5mm; vertical-align: top; text-align: left; }
tr { page-break-inside: avoid; }
th { background: #eee; }
.figure { margin: 3mm 0; page-break-inside: avoid; text-align: center; }
.figure img { width: 80mm; border: 0.3mm solid #999; }
.caption { font-size: 11pt; font-style: italic; margin: 1mm 0 0; text-align: center; }
a { color: #000; text-decoration: none; }
`;

/** The printed page: the officer's part alone, its links to other parts kept as text (they are not in the PDF). */
function printHtml() {
  const part = parseGuide(readPart(PRINTED_PART), {
    imageBase: `${pathToFileURL(GUIDE_DIR).href}/`,
    link: (href) => (href.startsWith('#') ? href : null),
  });
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Hướng dẫn sử dụng tonghop</title>
<style>${PRINT_CSS}</style></head><body>
<div class="cover"><p class="app">Tổng hợp báo cáo</p><p class="title">HƯỚNG DẪN SỬ DỤNG</p></div>
${part.html}
</body></html>`;
}

const FOOTER = `<div style="width:100%;text-align:center;font-family:'Times New Roman','Liberation Serif',serif;font-size:10pt">
Trang <span class="pageNumber"></span>/<span class="totalPages"></span></div>`;

async function main() {
  if (!fs.existsSync(CHROMIUM)) {
    console.log(
      `guide PDF skipped: ${CHROMIUM} not found (Debian: apt-get install chromium); ${path.relative(ROOT, OUT)} not written, the help page has the same text.`,
    );
    return;
  }
  const { chromium } = require('playwright-core');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-guide-'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const html = path.join(dir, 'huong-dan.html');
    fs.writeFileSync(html, printHtml());
    const page = await browser.newPage();
    await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
    const broken = await page.$$eval('img', (imgs) => imgs.filter((i) => !i.naturalWidth).map((i) => i.src));
    if (broken.length) throw new Error(`guide PDF: pictures missing: ${broken.join(', ')}`);
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    await page.pdf({
      path: OUT,
      format: 'A4',
      preferCSSPageSize: true,
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: FOOTER,
    });
    console.log(`guide PDF: ${path.relative(ROOT, OUT)}`);
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
