/**
 * The summary written as a stream (thousands of files) holds the same sheets, headers and values as the one built
 * in memory; only the Excel tables become AutoFilters.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { consolidate } from '../../src/core';
import { buildSample } from '../../src/sample/sample';
import { writeSummaryFile } from '../../src/cli/writers/summary-file';
import { consolidatedSample } from '../helpers/sample';

async function cells(file: string): Promise<Record<string, unknown[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: Record<string, unknown[][]> = {};
  for (const ws of wb.worksheets) {
    const rows: unknown[][] = [];
    ws.eachRow(
      (row, n) =>
        (rows[n - 1] = (row.values as unknown[])
          .slice(1)
          .map((v) => (v instanceof Date ? v.toISOString() : (v ?? null)))),
    );
    out[ws.name] = rows;
  }
  return out;
}

test('streamed and in-memory summaries hold the same values', async () => {
  const { sample, c } = await consolidatedSample();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tonghop-summary-'));
  const inMemory = await writeSummaryFile(c, sample.plan, path.join(dir, 'a.xlsx'));
  const streamed = await writeSummaryFile(c, sample.plan, path.join(dir, 'b.xlsx'), [], { streamRows: 0 });
  expect([inMemory.streamed, streamed.streamed]).toEqual([false, true]);
  const a = await cells(path.join(dir, 'a.xlsx'));
  const b = await cells(path.join(dir, 'b.xlsx'));
  expect(Object.keys(b)).toEqual(Object.keys(a));
  for (const name of Object.keys(a)) expect([name, b[name]]).toEqual([name, a[name]]);
  expect(b['Chi tiết'].length).toBeGreaterThan(200);
  // nothing but the result is left in the folder
  expect((await fs.readdir(dir)).sort()).toEqual(['a.xlsx', 'b.xlsx']);
  await fs.rm(dir, { recursive: true, force: true });
});

test('the summary is never written over an input', async () => {
  const sample = await buildSample('ha-tinh');
  const c = consolidate(sample.plan, [], { asOf: sample.asOf });
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tonghop-summary-'));
  const plan = path.join(dir, 'plan.xlsx');
  await fs.writeFile(plan, sample.planBytes);
  await expect(writeSummaryFile(c, sample.plan, plan, [plan], { streamRows: 0 })).rejects.toThrow(
    'Không ghi đè lên tệp đầu vào',
  );
  expect(Buffer.compare(await fs.readFile(plan), Buffer.from(sample.planBytes))).toBe(0);
  await fs.rm(dir, { recursive: true, force: true });
});

/** Each sheet's filtered range: the `<autoFilter ref>` of its Excel table in memory, of the sheet when streamed. */
async function filterRanges(file: string): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const text = (p: string) => zip.file(p)!.async('string');
  const workbook = await text('xl/workbook.xml');
  const rels = await text('xl/_rels/workbook.xml.rels');
  const out: Record<string, string> = {};
  for (const m of workbook.matchAll(/<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"/g)) {
    const target = new RegExp(`Id="${m[2]}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${m[2]}"`).exec(rels)!;
    const sheetPath = `xl/${(target[1] ?? target[2]).replace(/^\/?xl\//, '')}`;
    const xml = await text(sheetPath);
    const filter = /<autoFilter ref="([^"]+)"/.exec(xml);
    if (filter) out[m[1]] = filter[1];
    const sheetRels = zip.file(sheetPath.replace(/worksheets\/(.*)$/, 'worksheets/_rels/$1.rels'));
    for (const t of (await sheetRels?.async('string'))?.matchAll(/Target="\.\.\/tables\/([^"]+)"/g) ?? []) {
      const ref = /<autoFilter ref="([^"]+)"/.exec(await text(`xl/tables/${t[1]}`));
      if (ref) out[m[1]] = ref[1];
    }
  }
  return out;
}

test('the streamed summary filters the same rows as the in-memory tables: the header and every data row', async () => {
  const { sample, c } = await consolidatedSample();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tonghop-summary-'));
  await writeSummaryFile(c, sample.plan, path.join(dir, 'a.xlsx'));
  await writeSummaryFile(c, sample.plan, path.join(dir, 'b.xlsx'), [], { streamRows: 0 });
  const inMemory = await filterRanges(path.join(dir, 'a.xlsx'));
  const streamed = await filterRanges(path.join(dir, 'b.xlsx'));
  expect(Object.keys(inMemory).length).toBeGreaterThanOrEqual(5);
  expect(streamed).toEqual(inMemory);
  // the detail sheet's range ends at its last data row
  const detail = await cells(path.join(dir, 'b.xlsx'));
  const lastRow = Number(/\d+$/.exec(streamed['Chi tiết'])![0]);
  expect(detail['Chi tiết'].length).toBe(lastRow);
  await fs.rm(dir, { recursive: true, force: true });
});
