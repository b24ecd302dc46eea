/**
 * The summary as printed: LibreOffice renders it to PDF; every page of `Chi tiết` starts with the
 * table's header row (print titles) and ends with "Trang N/M", drawn in Carlito (Calibri's widths). Needs LibreOffice (`soffice`) and poppler
 * (`pdftotext`): fails loudly when they are missing (CI installs them).
 */
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { summarySheets, writeOutSheets } from '../../src/core';
import { consolidatedSample } from '../helpers/sample';
import { pdfFonts, requireMetricFonts } from '../helpers/tools';

function need(cmd: string): void {
  try {
    execFileSync('which', [cmd], { stdio: 'ignore' });
  } catch {
    throw new Error(`"${cmd}" is missing: install LibreOffice and poppler-utils to run this test.`);
  }
}

test('every page of "Chi tiết" printed by LibreOffice repeats the header row and numbers the pages', async () => {
  need('soffice');
  need('pdftotext');
  requireMetricFonts(); // Calibri drawn in another width would wrap cells and move the page breaks
  const { sample, c } = await consolidatedSample();
  const details = summarySheets(c, sample.plan, { sourceFolder: 'submissions' }).find((s) => s.name === 'Chi tiết')!;
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tonghop-print-'));
  try {
    const xlsx = path.join(dir, 'chi-tiet.xlsx');
    await fs.writeFile(xlsx, await writeOutSheets([details]));
    execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, xlsx], {
      stdio: 'ignore',
      timeout: 120_000,
      env: { ...process.env, HOME: dir }, // a profile of its own: no clash with another soffice
    });
    const pdf = path.join(dir, 'chi-tiet.pdf');
    const pages = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
      .split('\f')
      .filter((p) => p.trim());
    expect(pages.length).toBeGreaterThanOrEqual(3); // 200-odd rows: several pages
    expect(pdfFonts(pdf)).toEqual(['Carlito', 'Carlito-Bold']); // the workbook's Calibri, in Calibri's widths
    pages.forEach((text, i) => {
      const lines = text.split('\n').filter((l) => l.trim());
      const top = lines.slice(0, i === 0 ? 8 : 3).join(' ');
      expect([i + 1, /Tên đơn vị/.test(top) && /Tình trạng/.test(top) && /Nguồn/.test(top)]).toEqual([i + 1, true]);
      expect(text).toContain(`Trang ${i + 1}/${pages.length}`);
    });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}, 180_000);
