/**
 * The summary's native charts: on `Tổng hợp`, who sent on time / late / nothing / unusable per group
 * (stacked bars) and the two rates per group, bound to the table's cells. Checked by LibreOffice reading the file
 * back (converted to flat ODS): two bar charts, the stacked one, each series on the right cells. Needs LibreOffice
 * (`soffice`): fails loudly when it is missing (CI installs it).
 */
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import JSZip from 'jszip';
import { consolidate, readSubmission, writeSummaryWorkbook } from '../../src/core';
import { buildSample } from '../../src/sample/sample';

test('LibreOffice reads two native bar charts on "Tổng hợp", bound to the group table', async () => {
  try {
    execFileSync('which', ['soffice'], { stdio: 'ignore' });
  } catch {
    throw new Error('"soffice" is missing: install LibreOffice to run this test.');
  }
  const sample = await buildSample('soc-trang');
  const subs = await Promise.all(
    sample.files.map((f) =>
      readSubmission(
        { name: f.name, bytes: f.bytes, receivedOn: f.receivedOn, receivedFrom: 'file-date' },
        sample.plan,
      ),
    ),
  );
  const bytes = await writeSummaryWorkbook(consolidate(sample.plan, subs, { asOf: sample.asOf }), sample.plan);
  const zip = await JSZip.loadAsync(bytes);
  expect(Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f))).toHaveLength(2);

  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tonghop-charts-'));
  try {
    await fs.writeFile(path.join(dir, 'tong-hop.xlsx'), bytes);
    execFileSync('soffice', ['--headless', '--convert-to', 'fods', '--outdir', dir, path.join(dir, 'tong-hop.xlsx')], {
      stdio: 'ignore',
      timeout: 120_000,
      env: { ...process.env, HOME: dir },
    });
    const fods = (await fs.readFile(path.join(dir, 'tong-hop.fods'), 'utf8')).replace(/&apos;/g, "'");
    expect(fods.match(/<chart:chart /g)).toHaveLength(2);
    expect(fods.match(/chart:class="chart:bar"/g)!.length).toBeGreaterThanOrEqual(2);
    expect(fods.match(/chart:stacked="true"/g)).toHaveLength(1);
    expect(fods).toContain('Tình hình nộp báo cáo theo nhóm');
    expect(fods).toContain('Tỉ lệ đã nộp và tỉ lệ đúng hạn');
    // 13 groups in rows 8..20: on time, late, missing, rejected (C..F), then both rates (G, H)
    const series = [...fods.matchAll(/chart:values-cell-range-address="([^"]+)"/g)].map((m) => m[1]);
    expect(series).toEqual(['C', 'D', 'E', 'F', 'G', 'H'].map((c) => `'Tổng hợp'.${c}8:'Tổng hợp'.${c}20`));
    expect(fods).toContain(`table:cell-range-address="'Tổng hợp'.A8:'Tổng hợp'.A20`); // the groups' names
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}, 180_000);
