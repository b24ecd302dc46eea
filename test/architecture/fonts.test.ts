/**
 * Renders in the tests (LibreOffice → PDF: page breaks, lines per cell, row heights) show what Excel and Word show
 * only when the fonts our outputs name are drawn in their own widths. Two facts make that hold: fontconfig resolves
 * each name to its metric-compatible stand-in (fonts-liberation2, fonts-crosextra-carlito), and every font our
 * workbooks write names one of those fonts, with its size (a nameless font is drawn in LibreOffice's own default).
 * The render tests (test/summary/print.test.ts, test/report/report-docx.test.ts) read the fonts back from the PDF.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import JSZip from 'jszip';
import { summarySheets, writeOutSheets, writePlanWorkbook } from '../../src/core';
import { buildTemplate } from '../../src/core/plan/template';
import { buildReportWorkbook } from '../../src/core/report';
import { writeSummaryTo } from '../../src/cli/writers/summary-file';
import { consolidatedSample } from '../helpers/sample';
import { METRIC_FONTS, requireMetricFonts, resolvedFont } from '../helpers/tools';

test.each(METRIC_FONTS)('"$name" resolves to $standIn (Debian: $pkg)', ({ name, standIn }) => {
  requireMetricFonts(); // fails naming the package to install
  expect(resolvedFont(name)).toBe(standIn);
});

/** Each font of a workbook's styles.xml as "name size", "(no name)" or "(no size)" where one is missing. */
async function fontsOf(xlsx: Uint8Array): Promise<string[]> {
  const styles = await (await JSZip.loadAsync(xlsx)).file('xl/styles.xml')!.async('string');
  const fonts = styles.match(/<fonts[^>]*>([\s\S]*?)<\/fonts>/)?.[1] ?? '';
  return [...fonts.matchAll(/<font\/>|<font>([\s\S]*?)<\/font>/g)].map(([, inner = '']) => {
    const name = inner.match(/<name val="([^"]*)"/)?.[1] ?? '(no name)';
    const size = inner.match(/<sz val="([^"]*)"/)?.[1] ?? '(no size)';
    return `${name} ${size}`;
  });
}

test('every font in the workbooks tonghop writes names a font the renders stand in for, with its size', async () => {
  const { sample, c } = await consolidatedSample();
  const sheets = summarySheets(c, sample.plan, { sourceFolder: 'submissions' });
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tonghop-fonts-'));
  try {
    await writeSummaryTo(c, sample.plan, path.join(dir, 'direct.xlsx'), { sourceFolder: 'submissions' });
    const outputs: Record<string, Uint8Array> = {
      plan: await writePlanWorkbook(sample.plan),
      template: await buildTemplate(sample.plan, sample.plan.agencies[0]),
      summary: await writeOutSheets(sheets),
      'summary written directly (the CLI)': await fs.readFile(path.join(dir, 'direct.xlsx')),
      report: await buildReportWorkbook(c, sample.plan),
    };
    const named = new Set<string>(METRIC_FONTS.map((f) => f.name));
    const wrong: string[] = [];
    for (const [what, bytes] of Object.entries(outputs))
      for (const font of await fontsOf(bytes))
        if (!named.has(font.replace(/ [^ ]*$/, '')) || font.endsWith('(no size)')) wrong.push(`${what}: ${font}`);
    expect(wrong).toEqual([]);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});
