/**
 * The same inputs, arguments and version give the same bytes: each command is run twice, a second apart (zip
 * dates and document properties carry seconds), into two folders, and every output compared byte for byte — the
 * summary (written part by part), its JSON (which names the summary's SHA-256), the report (.xlsx, .docx), the
 * reminders (.docx, .xlsx, .eml), the history, the templates. The outputs still open in openpyxl (software nobody
 * here wrote), and their zip dates are the as-of day.
 */
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import JSZip from 'jszip';
import { writePlanWorkbook } from '../../src/core';
import { repeatableZip } from '../../src/core/basics/zip-repeatable';
import { writeSummaryFile } from '../../src/cli/writers/summary-file';
import { buildSample } from '../../src/sample/sample';
import { runCli } from '../helpers/cli';
import { consolidatedSample } from '../helpers/sample';
import { makeTempDir, snapshot } from '../faults/helpers';

let dir: string;
let sub: string;
let plan: string;
let asOf: string;
/** The sample's plan with an email for every agency, so that remind writes .eml drafts. */
let planWithEmails: string;

beforeAll(async () => {
  dir = await makeTempDir('tonghop-repeatable-');
  const sample = await buildSample('soc-trang');
  asOf = sample.asOf;
  expect((await runCli(['sample', path.join(dir, 'in')])).code).toBe(0);
  sub = path.join(dir, 'in', 'submissions');
  plan = path.join(dir, 'in', 'plan.xlsx');
  planWithEmails = path.join(dir, 'plan-email.xlsx');
  const agencies = sample.plan.agencies.map((a) => ({ ...a, email: `${a.code.toLowerCase()}@soctrang.gov.vn` }));
  await fs.writeFile(planWithEmails, await writePlanWorkbook({ ...sample.plan, agencies }));
}, 120_000);
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

/** Runs every command writing into `out`. */
async function everyCommand(out: string): Promise<void> {
  await fs.mkdir(out, { recursive: true });
  const base = [plan, sub, '--as-of', asOf, '--quiet'];
  const ok = async (args: string[]) => expect((await runCli(args)).code).toBe(0);
  await ok(['consolidate', ...base, '-o', path.join(out, 'tong-hop.xlsx'), '--json', path.join(out, 'tong-hop.json')]);
  await ok(['report', ...base, '-o', path.join(out, 'bao-cao.xlsx')]);
  await ok(['report', ...base, '-o', path.join(out, 'bao-cao.docx')]);
  const remind = ['remind', planWithEmails, ...base.slice(1)];
  await ok([...remind, '-o', path.join(out, 'don-doc.docx'), '--eml-dir', path.join(out, 'thu')]);
  await ok(['history', path.join(out, 'tong-hop.xlsx'), '-o', path.join(out, 'lich-su.xlsx')]);
  await ok(['history', path.join(out, 'tong-hop.xlsx'), '--json', path.join(out, 'lich-su.json')]);
  await ok(['templates', plan, path.join(out, 'mau')]);
}

test('every command, run twice a second apart, writes the same bytes', async () => {
  // the same arguments both times: into `run`, kept aside as `a`, then again into `run`, kept as `b`
  const run = path.join(dir, 'run');
  await everyCommand(run);
  await fs.rename(run, path.join(dir, 'a'));
  await new Promise((r) => setTimeout(r, 1100));
  await everyCommand(run);
  await fs.rename(run, path.join(dir, 'b'));
  const a = snapshot(path.join(dir, 'a'));
  const b = snapshot(path.join(dir, 'b'));
  expect(Object.keys(a)).toEqual(
    expect.arrayContaining([
      'tong-hop.xlsx',
      'tong-hop.json',
      'bao-cao.xlsx',
      'bao-cao.docx',
      'don-doc.docx',
      'don-doc.xlsx',
      'lich-su.xlsx',
      'lich-su.json',
      path.join('mau', 'ST-SYT.xlsx'),
    ]),
  );
  expect(Object.keys(a).filter((f) => f.startsWith(`thu${path.sep}`) && f.endsWith('.eml')).length).toBeGreaterThan(0);
  expect(b).toEqual(a);
}, 180_000);

test('the outputs are dated the as-of day, inside the zip and in the document properties', async () => {
  for (const f of ['tong-hop.xlsx', 'bao-cao.docx', 'don-doc.xlsx']) {
    const zip = await JSZip.loadAsync(await fs.readFile(path.join(dir, 'a', f)));
    for (const e of Object.values(zip.files)) expect(e.date.toISOString().slice(0, 10)).toBe(asOf);
    const core = await zip.file('docProps/core.xml')!.async('string');
    expect(core).toContain(`<dcterms:created xsi:type="dcterms:W3CDTF">${asOf}T00:00:00Z</dcterms:created>`);
    expect(core).toContain(`<dcterms:modified xsi:type="dcterms:W3CDTF">${asOf}T00:00:00Z</dcterms:modified>`);
  }
});

test('the summary file (written part by part) is the same bytes twice too, dated the as-of day', async () => {
  const { sample, c } = await consolidatedSample();
  const one = path.join(dir, 'streamed-1.xlsx');
  const two = path.join(dir, 'streamed-2.xlsx');
  await writeSummaryFile(c, sample.plan, one, [], { sourceFolder: 'submissions' });
  await new Promise((r) => setTimeout(r, 1100));
  await writeSummaryFile(c, sample.plan, two, [], { sourceFolder: 'submissions' });
  expect(snapshot(dir)['streamed-2.xlsx']).toBe(snapshot(dir)['streamed-1.xlsx']);
  const zip = await JSZip.loadAsync(await fs.readFile(one));
  for (const e of Object.values(zip.files)) expect(e.date.toISOString().slice(0, 10)).toBe(sample.asOf);
});

test('openpyxl opens the repeatable workbooks; repeatableZip keeps every entry and its content', async () => {
  const files = ['tong-hop.xlsx', 'bao-cao.xlsx', 'don-doc.xlsx', 'lich-su.xlsx', path.join('mau', 'ST-SYT.xlsx')];
  const script =
    'import sys, openpyxl\nfor p in sys.argv[1:]:\n    wb = openpyxl.load_workbook(p)\n    print(len(wb.sheetnames))';
  const out = execFileSync('/usr/bin/python3', [
    '-W',
    'ignore::UserWarning',
    '-c',
    script,
    ...files.map((f) => path.join(dir, 'a', f)),
  ]);
  expect(
    out
      .toString()
      .trim()
      .split('\n')
      .map(Number)
      .every((n) => n >= 1),
  ).toBe(true);
  // a JSZip-made zip with a data descriptor and the time of writing: same names, same contents after
  const src = new JSZip();
  src.file('a.txt', 'một');
  src.file(
    'docProps/core.xml',
    '<cp:coreProperties><dcterms:modified>2031-01-02T03:04:05Z</dcterms:modified></cp:coreProperties>',
  );
  const bytes = await src.generateAsync({ type: 'uint8array', compression: 'DEFLATE', streamFiles: true });
  const again = await JSZip.loadAsync(repeatableZip(bytes, '2024-07-15'));
  expect(Object.keys(again.files)).toEqual(Object.keys(src.files));
  expect(await again.file('a.txt')!.async('string')).toBe('một');
  expect(await again.file('docProps/core.xml')!.async('string')).toContain('<dcterms:modified>2024-07-15T00:00:00Z<');
});
