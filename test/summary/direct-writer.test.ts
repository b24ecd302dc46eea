/**
 * The summary written directly as sheet XML (the CLI's writer, whatever the size) against the workbook the ExcelJS
 * writer builds in memory (the pane's): the same cells, styles, links, row heights, print settings, tables and
 * charts, cell by cell and part by part (test/helpers/compare-workbooks.ts).
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import JSZip from 'jszip';
import { type Consolidation, type Plan, consolidate, writeSummaryWorkbook } from '../../src/core';
import { writeSummaryTo } from '../../src/cli/writers/summary-file';
import { workbookDifferences } from '../helpers/compare-workbooks';
import { consolidatedSample } from '../helpers/sample';

let dir: string;
beforeAll(async () => (dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tonghop-direct-'))));
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

let n = 0;
async function both(c: Consolidation, plan: Plan, sourceFolder?: string): Promise<[Uint8Array, Uint8Array]> {
  const reference = await writeSummaryWorkbook(c, plan, { sourceFolder });
  const file = path.join(dir, `direct-${++n}.xlsx`);
  await writeSummaryTo(c, plan, file, { sourceFolder });
  return [reference, new Uint8Array(await fs.readFile(file))];
}

test('the Sóc Trăng sample, with links back to the submissions', async () => {
  const { sample, c } = await consolidatedSample();
  const [a, b] = await both(c, sample.plan, 'submissions');
  expect(await workbookDifferences(a, b)).toEqual([]);
});

test('the Hà Tĩnh sample, without links (the pane has no folder)', async () => {
  const { sample, c } = await consolidatedSample('ha-tinh');
  const [a, b] = await both(c, sample.plan);
  expect(await workbookDifferences(a, b)).toEqual([]);
});

test('nothing received: empty tables', async () => {
  const { sample } = await consolidatedSample();
  const c = consolidate(sample.plan, [], { asOf: sample.asOf });
  const [a, b] = await both(c, sample.plan, '');
  expect(await workbookDifferences(a, b)).toEqual([]);
});

test('texts that need care: markup, quotes, spaces kept, line breaks, control characters, long texts, odd file names', async () => {
  const { sample, subs } = await consolidatedSample();
  const used = subs.filter((s) => s.rows.length > 3 && !s.rejectReason);
  const [a, b] = used;
  a.rows[0].result = ' leading & <b>"quoted"</b> it\'s\nsecond line ';
  a.rows[1].result = 'Rất dài '.repeat(60).trim();
  a.rows[2].note = '=1+1';
  a.rows[3].result = 'bell\u0007 and tab\there';
  const odd = 'Báo cáo #1 50% \'x\' "y".xlsx';
  b.file = odd;
  for (const r of b.rows) r.source.file = odd;
  for (const r of b.rows) for (const i of Object.values(r.indicators)) i.value += 0.25;
  const c = consolidate(sample.plan, subs, { asOf: sample.asOf });
  const [x, y] = await both(c, sample.plan, 'nộp về');
  expect(await workbookDifferences(x, y)).toEqual([]);
});

test('the comparison sees a changed text, a lost style, a moved table', async () => {
  const { sample, c } = await consolidatedSample();
  const [, y] = await both(c, sample.plan, 'submissions');
  const zip = await JSZip.loadAsync(y);
  const edit = async (part: string, from: RegExp, to: string) => {
    const xml = await zip.file(part)!.async('string');
    expect(xml).toMatch(from);
    zip.file(part, xml.replace(from, to));
  };
  await edit('xl/worksheets/sheet3.xml', /<t>Sở Y tế<\/t>/, '<t>Sở Y Tế</t>'); // Theo đơn vị
  await edit('xl/worksheets/sheet1.xml', /<c r="A8" s="\d+"/, '<c r="A8"'); // Tổng hợp: its first group's style
  await edit('xl/tables/table2.xml', /ref="A5:/, 'ref="A6:');
  const changed = new Uint8Array(await zip.generateAsync({ type: 'uint8array' }));
  const found = (await workbookDifferences(y, changed)).join('\n');
  expect(found).toMatch(/Theo đơn vị!B\d+ value: "Sở Y tế" ≠ "Sở Y Tế"/);
  expect(found).toMatch(/Tổng hợp!A8 style/);
  expect(found).toMatch(/xl\/tables\/table2\.xml/);
});
