/**
 * Files from other programs (test/fixtures/foreign, scripts/fixtures/make_foreign.sh): read, or rejected
 * with a precise reason; no JavaScript error text ever reaches a finding (it is kept in the JSON's `detail`).
 * Also: the summary and JSON of one run are both replaced or neither. Needs LibreOffice (soffice).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import JSZip from 'jszip';
import { findSoffice } from '../../src/cli/tools/libreoffice';
import type { ConsolidationJson } from '../../src/core';
import { buildSample } from '../../src/sample/sample';
import { runCli } from '../helpers/cli';
import { ROOT, consolidateArgs, makeTempDir, snapshot, tempFilesUnder } from './helpers';

const FOREIGN = path.join(ROOT, 'test', 'fixtures', 'foreign');
const JS_ERROR = /Cannot read|undefined|TypeError|is not a function|reading '|Error:|null \(/;

let dir: string;
let plan: string;
let asOf: string;

beforeAll(async () => {
  if (!findSoffice())
    throw new Error('LibreOffice (soffice) is needed for these tests: apt-get install libreoffice-calc-nogui');
  dir = await makeTempDir('tonghop-faults-foreign-');
  asOf = (await buildSample('soc-trang')).asOf;
  expect((await runCli(['sample', dir])).code).toBe(0);
  plan = path.join(dir, 'plan.xlsx');
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

test('each foreign file is read or rejected with a precise reason; no JavaScript error text in a finding', async () => {
  const folder = path.join(dir, 'foreign');
  await fs.cp(FOREIGN, folder, { recursive: true });
  // cells without their address (r="…", optional in the format; some generators leave it out): ExcelJS fails inside
  // with a JavaScript error ("Cannot read properties of undefined (reading 'match')")
  const zip = await JSZip.loadAsync(await fs.readFile(path.join(dir, 'submissions', 'ST-SGTVT.xlsx')));
  const sheet = Object.keys(zip.files).find((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))!;
  zip.file(sheet, (await zip.file(sheet)!.async('string')).replace(/(<c\b[^>]*?) r="[A-Z]+\d+"/g, '$1'));
  await fs.writeFile(path.join(folder, 'ST-SGTVT.xlsx'), await zip.generateAsync({ type: 'uint8array' }));
  for (const n of await fs.readdir(folder)) await fs.utimes(path.join(folder, n), new Date(asOf), new Date(asOf));
  const inputs = snapshot(folder);
  const json = path.join(dir, 'foreign.json');
  const res = await runCli(['consolidate', plan, folder, '--as-of', asOf, '--quiet', '--workers', '1', '--json', json]);
  expect(res.code).toBe(0);
  const j = JSON.parse(await fs.readFile(json, 'utf8')) as ConsolidationJson;
  const verdict = Object.fromEntries(j.intake.map((e) => [e.file, [e.verdict, e.reason]]));
  expect(verdict).toEqual({
    'ST-SCT.xlsx': ['accepted', null], // zip entry names with backslashes
    'ST-SNV.xlsx': ['accepted', null], // x: prefixes (WPS, OpenXML SDK)
    'ST-SXD.ods': ['accepted', null], // through LibreOffice
    'ST-SYT.xls': ['accepted', null], // through LibreOffice
    'ST-STP.xls': ['rejected', expect.stringMatching(/^Tệp \.xls được đặt mật khẩu \(mã hóa\)/)],
    'ST-STC.numbers.xlsx': [
      'rejected',
      expect.stringMatching(/^Tệp là bảng tính Apple Numbers.*mở bằng Numbers và xuất ra \.xlsx/),
    ],
    'ST-SGTVT.xlsx': ['rejected', expect.stringMatching(/^Bảng tính có cấu trúc mà tonghop không đọc được/)],
  });
  for (const f of j.findings) expect(f.message).not.toMatch(JS_ERROR);
  for (const e of j.intake) expect(e.reason ?? '').not.toMatch(JS_ERROR);
  expect(res.out).not.toMatch(JS_ERROR);
  // the library's words are kept, for whoever investigates, in the JSON only
  const sgtvt = j.findings.find((f) => f.file === 'ST-SGTVT.xlsx') as { detail?: string };
  expect(sgtvt.detail).toEqual(expect.any(String));
  expect(snapshot(folder)).toEqual(inputs);
  expect(tempFilesUnder(dir)).toEqual([]);
});

test('summary and JSON of one run: if the JSON cannot be written, the previous summary is not replaced either', async () => {
  const out = path.join(dir, 'pair');
  await fs.mkdir(out);
  await fs.writeFile(path.join(out, 'tong-hop.xlsx'), 'cũ');
  await fs.writeFile(path.join(out, 'tong-hop.json'), '{"cũ": true}');
  const before = snapshot(out);
  const real = fs.writeFile.bind(fs);
  const spy = jest.spyOn(fs, 'writeFile').mockImplementation(async (file, data, ...rest) => {
    // the JSON is written as a string, or (streamed) as its pieces one after another
    const pieces = typeof data === 'object' && !(data instanceof Uint8Array) && Symbol.iterator in Object(data);
    if ((typeof data === 'string' && data.startsWith('{')) || pieces)
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    return real(file as string, data as string, ...(rest as []));
  });
  try {
    const res = await runCli(
      consolidateArgs(
        plan,
        path.join(dir, 'submissions'),
        asOf,
        '-o',
        path.join(out, 'tong-hop.xlsx'),
        '--json',
        path.join(out, 'tong-hop.json'),
      ),
    );
    expect(res.code).toBe(4);
    expect(res.err).toMatch(/^Lỗi: Ổ đĩa đầy: không ghi được ".*tong-hop\.json"/);
  } finally {
    spy.mockRestore();
  }
  expect(snapshot(out)).toEqual(before);
  expect(tempFilesUnder(out)).toEqual([]);
});
