/**
 * Files from SheetJS's public test corpus (test/fixtures/sheetjs, its README says which and why) that SheetJS reads:
 * raw Excel 2.x–4.0 worksheets, a workbook whose parts are not under xl/, an .xlsb that LibreOffice converts with an
 * empty print area. tonghop reads each, with the values SheetJS reads, and converts all the legacy files of a folder
 * in one LibreOffice call (counted through a wrapper standing in for soffice). Needs LibreOffice (soffice).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { cleanUpConversions, findSoffice, resetSofficeCache, withConversion } from '../../src/cli/tools/libreoffice';
import { type ConsolidationJson, readWorkbookGrid } from '../../src/core';
import { buildSample } from '../../src/sample/sample';
import { runCli } from '../helpers/cli';
import { ROOT, makeTempDir } from './helpers';

const SHEETJS = path.join(ROOT, 'test', 'fixtures', 'sheetjs');
const FILES = [
  'CRLFX5_2.XLS',
  'CRLFX5_3.XLS',
  'CRLFX5_4.XLS',
  'wtf_path.xlsx',
  'wtf_path.xlsb',
  'apachepoi_12561-1.xls.xlsb',
];

let dir: string;
let calls: string;
const saved = process.env.TONGHOP_SOFFICE;

beforeAll(async () => {
  const soffice = findSoffice();
  if (!soffice)
    throw new Error('LibreOffice (soffice) is needed for these tests: apt-get install libreoffice-calc-nogui');
  dir = await makeTempDir('tonghop-sheetjs-');
  // a stand-in for soffice that notes each call, then runs the real one
  calls = path.join(dir, 'calls.txt');
  const wrapper = path.join(dir, 'soffice-counted');
  await fs.writeFile(wrapper, `#!/bin/sh\necho call >> '${calls}'\nexec '${soffice}' "$@"\n`, { mode: 0o755 });
  process.env.TONGHOP_SOFFICE = wrapper;
  resetSofficeCache();
});
afterAll(async () => {
  if (saved === undefined) delete process.env.TONGHOP_SOFFICE;
  else process.env.TONGHOP_SOFFICE = saved;
  resetSofficeCache();
  await fs.rm(dir, { recursive: true, force: true });
});

const callCount = async () => (await fs.readFile(calls, 'utf8').catch(() => '')).split('\n').filter(Boolean).length;

test('each file is read with the values SheetJS reads, the six converted in one LibreOffice call', async () => {
  const inputs = await Promise.all(
    FILES.map(async (name) => ({
      name,
      bytes: new Uint8Array(await fs.readFile(path.join(SHEETJS, name))),
      receivedOn: null,
      receivedFrom: 'unknown' as const,
    })),
  );
  const converted = await Promise.all(inputs.map((i) => withConversion(i)));
  await cleanUpConversions();
  expect(await callCount()).toBe(1);
  const grids = await Promise.all(
    converted.map((c) => {
      expect(c.converted).toBeDefined();
      return readWorkbookGrid(c.converted!.bytes);
    }),
  );
  const [biff2, biff3, biff4, wtfX, wtfB, xlsb] = grids;
  // the one sheet of an Excel 2.x–4.0 file has no name of its own: LibreOffice names it after the file (as Excel
  // shows it) or "Sheet1" (as SheetJS does)
  for (const [g, name] of [
    [biff2, 'CRLFX5_2'],
    [biff3, 'CRLFX5_3'],
    [biff4, 'CRLFX5_4'],
  ] as const) {
    expect([name, 'Sheet1']).toContain(g.sheets[0].name);
    expect(g.sheets[0].rows[0].slice(0, 2)).toEqual(['Normal', 'abc\ndef']);
  }
  for (const g of [wtfX, wtfB]) {
    expect(g.sheets.map((s) => s.name)).toEqual(['SheetJS', 'Hidden']);
    expect(g.sheets[0].rows[0].slice(0, 3)).toEqual([1, 2, 3]);
    expect(g.sheets[0].rows[1][3]).toBe('sheetjs');
  }
  expect(xlsb.sheets[0].name).toBe('作業リスト');
  expect(xlsb.sheets[0].rows[2][0]).toBe('作業NO'); // A3: its range starts there
}, 120_000);

test('a folder with the six beside the sample: each read (no file refused), converted in one call', async () => {
  const folder = path.join(dir, 'folder');
  await fs.mkdir(folder);
  const { asOf } = await buildSample('soc-trang');
  expect((await runCli(['sample', path.join(dir, 's')])).code).toBe(0);
  await fs.cp(path.join(dir, 's', 'submissions'), folder, { recursive: true, preserveTimestamps: true });
  for (const f of FILES) {
    await fs.copyFile(path.join(SHEETJS, f), path.join(folder, f));
    await fs.utimes(path.join(folder, f), new Date(asOf), new Date(asOf)); // received by the as-of day
  }
  const before = await callCount();
  const json = path.join(dir, 'folder.json');
  const plan = path.join(dir, 's', 'plan.xlsx');
  const res = await runCli(['consolidate', plan, folder, '--as-of', asOf, '--quiet', '--json', json]);
  expect(res.code).toBe(0);
  expect((await callCount()) - before).toBe(1);
  const j = JSON.parse(await fs.readFile(json, 'utf8')) as ConsolidationJson;
  for (const f of FILES) {
    const about = j.findings.filter((x) => x.file === f).map((x) => x.code);
    expect([f, about.filter((c) => /^(file|limit)\./.test(c) && c !== 'file.converted')]).toEqual([f, []]);
    expect([f, about]).toEqual([f, expect.arrayContaining(['file.converted'])]);
  }
}, 180_000);
