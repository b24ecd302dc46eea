#!/usr/bin/env node
/**
 * Renders the add-in's icons from the SVGs in this folder with Debian's Chromium (playwright-core, no
 * downloaded browser): icon-small.svg for 16 and 32 px, icon.svg for 64, 80 and 128 px.
 *   node assets/render-icons.js        (writes assets/icon-<size>.png; the PNGs are committed)
 */
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SIZES = [
  [16, 'icon-small.svg'],
  [32, 'icon-small.svg'],
  [64, 'icon.svg'],
  [80, 'icon.svg'],
  [128, 'icon.svg'],
];

async function main() {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install chromium`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    for (const [size, file] of SIZES) {
      const svg = fs
        .readFileSync(path.join(__dirname, file), 'utf8')
        .replace('<svg ', `<svg width="${size}" height="${size}" `);
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
      const png = await page.locator('svg').screenshot({ omitBackground: true });
      fs.writeFileSync(path.join(__dirname, `icon-${size}.png`), png);
      await page.close();
      console.log(`assets/icon-${size}.png`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
