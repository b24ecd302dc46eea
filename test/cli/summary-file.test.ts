/**
 * The summary written as a stream (thousands of files) holds the same sheets, headers and values as the one built
 * in memory; only the Excel tables become AutoFilters.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { consolidate } from '../../src/core';
import { buildSample } from '../../src/sample/sample';
import { writeSummaryFile } from '../../src/cli/writers/summary-file';
import { sampleConsolidation } from '../helpers/sample';

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
  const { sample, consolidation: c } = await sampleConsolidation();
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
