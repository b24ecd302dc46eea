/**
 * Every limit has a fixture (test/fixtures/hostile, made by make_fixtures.py with openpyxl and zipfile), and
 * a file over a limit is rejected with a Vietnamese reason naming the limit, before ExcelJS spends work on it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import {
  DEFAULT_LIMITS,
  type Plan,
  checkWorkbookBytes,
  limitsFrom,
  detectFileFormat,
  ignoredContentFindings,
  inspectWorkbook,
  rangeArea,
  readSubmission,
  readWorkbookGrid,
  readZipEntryBounded,
} from '../../src/core';
import { withoutDataValidations } from '../../src/core/intake/xlsx-repair';
import { buildSample } from '../../src/sample/sample';
import { unzipSync } from 'fflate';
import JSZip from 'jszip';

const DIR = path.join(__dirname, '..', 'fixtures', 'hostile');
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(DIR, name)));
const MB = 1024 * 1024;

let plan: Plan;
beforeAll(async () => {
  plan = (await buildSample('soc-trang')).plan;
});

async function read(name: string, bytes = fixture(name)) {
  return readSubmission({ name, bytes, receivedOn: '2024-07-01', receivedFrom: 'file-date' }, plan);
}

describe('each limit refuses its fixture, naming the limit, and the file is rejected (the run goes on)', () => {
  const cases: [string, string, RegExp][] = [
    ['bomb-42-overlapping.xlsx', 'limit.zip_ratio', /tỉ lệ 1\.029:1, giới hạn 200:1.*bom nén/],
    ['bomb-lying-size.xlsx', 'limit.zip_mismatch', /nhiều hơn 2\.000 byte đã khai báo/],
    ['xxe-external-entity.xlsx', 'limit.xml_doctype', /Trang tính "Báo cáo" chứa khai báo <!DOCTYPE/],
    ['billion-laughs.xlsx', 'limit.xml_doctype', /DOCTYPE.*bom thực thể XML/],
    ['deep-nesting.xlsx', 'limit.xml_depth', /lồng thẻ XML sâu hơn 100 cấp/],
    ['many-entries.xlsx', 'limit.zip_entries', /vượt giới hạn 2\.000 mục/],
    ['many-sheets.xlsx', 'limit.sheets', /hơn 255 trang tính/],
    ['many-rows.xlsx', 'limit.rows', /Trang tính "Báo cáo" có hơn 100\.000 dòng/],
    ['wide-row.xlsx', 'limit.columns', /một dòng hơn 16\.384 ô/],
    ['col-range.xlsx', 'limit.columns', /cột thứ 1\.000\.000\.000/],
    ['validation-range.xlsx', 'limit.range', /phủ hơn 2\.000\.000 ô/],
    ['long-string.xlsx', 'limit.string_length', /chuỗi dài hơn 32\.767 ký tự/],
    ['utf16-part.xlsx', 'limit.xml_encoding', /không mã hóa UTF-8/],
    // a part hidden from the scan the way JSZip and ExcelJS would still find it (each one hangs plain ExcelJS)
    ['evasion-prefixed-bytes.xlsx', 'limit.range', /Trang tính "Báo cáo" có ô gộp hoặc kiểm tra dữ liệu/],
    ['evasion-trailing-bytes.xlsx', 'limit.xml_doctype', /DOCTYPE/],
    ['evasion-local-name.xlsx', 'limit.range', /Trang tính "Báo cáo"/],
    ['evasion-loose-name.xlsx', 'limit.range', /Trang tính "a\/xl\/worksheets\/sheet9\.xml\.png"/],
  ];
  test.each(cases)('%s → %s', async (name, code, message) => {
    const report = checkWorkbookBytes(fixture(name));
    expect(report.refusal).toMatchObject({ severity: 'error', code, message: expect.stringMatching(message) });
    expect(report.refusal?.message).toMatch(/tệp không được đọc\.$/);
    const sub = await read(name);
    expect(sub.readable).toBe(false);
    expect(sub.findings).toEqual([expect.objectContaining({ severity: 'error', file: name })]);
    expect(sub.findings[0]).toMatchObject({ code, message: report.refusal?.message });
  });

  test('the untouched openpyxl workbook the fixtures start from passes every limit and is read', async () => {
    const bytes = fixture('ok-openpyxl.xlsx');
    expect(checkWorkbookBytes(bytes).refusal).toBeNull();
    const grid = await readWorkbookGrid(bytes);
    expect(grid.sheets[0].name).toBe('Báo cáo');
    expect(grid.sheets[0].rows[1]).toEqual(['Tên cơ quan, đơn vị', 'Sở Y tế']);
  });

  test('every other committed fixture (openpyxl, LibreOffice, messy, seeds) passes the limits: no false refusal', () => {
    const root = path.join(__dirname, '..', 'fixtures');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.xls[xm]$/i.test(f) && !f.startsWith('hostile'))
      .map((f) => path.join(root, f));
    expect(files.length).toBeGreaterThan(20);
    for (const f of files)
      expect([path.relative(root, f), checkWorkbookBytes(new Uint8Array(readFileSync(f))).refusal]).toEqual([
        path.relative(root, f),
        null,
      ]);
  });

  test('every sample submission and plan of both sample sets passes the limits', async () => {
    for (const which of ['soc-trang', 'ha-tinh'] as const) {
      const s = await buildSample(which);
      for (const f of [{ name: 'plan.xlsx', bytes: s.planBytes }, ...s.files]) {
        expect([f.name, checkWorkbookBytes(f.bytes).refusal]).toEqual([f.name, null]);
      }
    }
  });
});

describe('file size', () => {
  test('a file over the 20 MB default is refused without being unzipped, saying both sizes', async () => {
    const bytes = new Uint8Array(21 * MB);
    bytes.set([0x50, 0x4b, 0x03, 0x04]);
    const sub = await read('rat-lon.xlsx', bytes);
    expect(sub.findings[0]).toMatchObject({ code: 'limit.file_size', file: 'rat-lon.xlsx' });
    expect(sub.rejectReason).toBe(
      'Tệp nặng 21 MB, vượt giới hạn 20 MB (đổi bằng --max-file-size); tệp không được đọc.',
    );
  });

  test('limits passed to the reader (what --max-file-size sets) lower the limit for that read only', async () => {
    const sub = await readSubmission(
      {
        name: 'ok-openpyxl.xlsx',
        bytes: fixture('ok-openpyxl.xlsx'),
        receivedOn: '2024-07-01',
        receivedFrom: 'file-date',
      },
      plan,
      limitsFrom({ maxFileBytes: 4000 }),
    );
    expect(sub.findings[0].code).toBe('limit.file_size');
    expect(sub.rejectReason).toBe('Tệp nặng 6 KB, vượt giới hạn 4 KB (đổi bằng --max-file-size); tệp không được đọc.');
    await expect(readWorkbookGrid(fixture('ok-openpyxl.xlsx'), limitsFrom({ maxFileBytes: 4000 }))).rejects.toThrow(
      /vượt giới hạn 4 KB/,
    );
    expect((await read('ok-openpyxl.xlsx')).readable).toBe(true); // nothing left behind: the defaults again
  });
});

describe('lowered limits apply to a normal workbook (sheets, rows, cells, depth)', () => {
  const bytes = () => fixture('ok-openpyxl.xlsx');
  test.each([
    [{ maxRows: 3 }, 'limit.rows'],
    [{ maxCells: 10 }, 'limit.cells'],
    [{ maxColumns: 4 }, 'limit.columns'],
    [{ maxXmlDepth: 3 }, 'limit.xml_depth'],
    [{ maxStringChars: 5 }, 'limit.string_length'],
    [{ maxEntries: 5 }, 'limit.zip_entries'],
    [{ maxUncompressedBytes: 10_000 }, 'limit.zip_size'],
  ])('%j → %s', (limits, code) => {
    expect(checkWorkbookBytes(bytes(), { ...DEFAULT_LIMITS, ...limits }).refusal?.code).toBe(code);
  });
});

test('macros, external links, data connections, OLE objects and pictures: read anyway, each ignored with a warning', async () => {
  const name = 'ignored-content.xlsx';
  const bytes = fixture(name);
  expect(checkWorkbookBytes(bytes).refusal).toBeNull(); // the zip bomb hidden as an OLE object is never opened
  expect(ignoredContentFindings(bytes, name).map((f) => [f.severity, f.code, f.file])).toEqual([
    ['warning', 'ignored.macros', name],
    ['warning', 'ignored.external_links', name],
    ['warning', 'ignored.data_connections', name],
    ['warning', 'ignored.ole_objects', name],
    ['warning', 'ignored.pictures', name],
  ]);
  expect(ignoredContentFindings(bytes, name)[0].message).toMatch(/macro bị bỏ qua, không bao giờ được chạy/);
  const grid = await readWorkbookGrid(bytes);
  expect(grid.sheets[0].rows[4]?.[1]).toBe('NV1');
  expect(ignoredContentFindings(fixture('ok-openpyxl.xlsx'), 'x.xlsx')).toEqual([]);
});

// Their time and memory are measured by `npm run bench:limits` (bench/limits.ts), printed there, not asserted here.
test('a 42.zip-style bomb (20 GB declared) and a lying one (64 MB behind 2 000 declared bytes) are refused', async () => {
  for (const name of ['bomb-42-overlapping.xlsx', 'bomb-lying-size.xlsx']) {
    const sub = await read(name);
    expect(sub.readable).toBe(false);
    expect(sub.findings).toEqual([
      expect.objectContaining({ severity: 'error', code: expect.stringMatching(/^limit\.zip_/) }),
    ]);
  }
});

describe('looking inside a file before the limits (format detection) is bounded too', () => {
  test('a 100 MB "mimetype" bomb declaring 46 bytes: not taken for an .ods, and rejected', async () => {
    const bytes = fixture('bomb-mimetype.xlsx');
    expect(detectFileFormat(bytes)).not.toBe('ods');
    const sub = await read('bomb-mimetype.xlsx', bytes);
    expect(sub.readable).toBe(false);
    expect(sub.rejectReason).toMatch(/tệp không được đọc|không/);
  });

  test('readZipEntryBounded returns what fflate returns for an honest entry, null for a lying or too big one', () => {
    const ok = fixture('ok-openpyxl.xlsx');
    const honest = unzipSync(ok, { filter: (f) => f.name === 'xl/workbook.xml' })['xl/workbook.xml'];
    expect(readZipEntryBounded(ok, 'xl/workbook.xml', 1_000_000)).toEqual(honest);
    expect(readZipEntryBounded(ok, 'xl/workbook.xml', 10)).toBeNull();
    expect(readZipEntryBounded(ok, 'nope.xml', 1_000_000)).toBeNull();
    expect(readZipEntryBounded(fixture('bomb-mimetype.xlsx'), 'mimetype', 1_000_000)).toBeNull();
    expect(readZipEntryBounded(new Uint8Array([1, 2, 3]), 'mimetype', 100)).toBeNull();
  });
});

test('a refusal names the sheet as Excel shows it, not as XML escapes it', async () => {
  const zip = await JSZip.loadAsync(fixture('col-range.xlsx'));
  const wbXml = await zip.file('xl/workbook.xml')!.async('string');
  zip.file('xl/workbook.xml', wbXml.replace(/name="Báo cáo"/, 'name="Sở &amp; &lt;b&gt; &#272;"'));
  const refusal = checkWorkbookBytes(await zip.generateAsync({ type: 'uint8array' })).refusal;
  expect(refusal?.sheet).toBe('Sở & <b> Đ');
  expect(refusal?.message).toMatch(/^Trang tính "Sở & <b> Đ" khai báo cột/);
});

test('rangeArea counts what ExcelJS would visit', () => {
  expect(rangeArea('A1')).toBe(1);
  expect(rangeArea('B2:D10')).toBe(27);
  expect(rangeArea('A1:B2 D4')).toBe(5);
  expect(rangeArea('A:A')).toBe(1_048_576);
  expect(rangeArea('3:4')).toBe(2 * 16_384);
  expect(rangeArea('A1:XFD1048576')).toBe(16_384 * 1_048_576);
  expect(rangeArea('$C$3:$A$1')).toBe(9);
  expect(rangeArea('x-y!')).toBe(0);
  expect(rangeArea('A1:B2:C3')).toBe(0);
});

test('whole-column data validations are left out inside the safe unzip, and the values read as without them', async () => {
  const zip = await JSZip.loadAsync(fixture('ok-openpyxl.xlsx'));
  const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
  const validations =
    '<dataValidations count="1"><dataValidation type="list" allowBlank="1" sqref="B:B"><formula1>"a,b"</formula1></dataValidation></dataValidations>';
  zip.file('xl/worksheets/sheet1.xml', sheet.replace('</sheetData>', `</sheetData>${validations}`));
  const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
  const checked = inspectWorkbook(bytes, DEFAULT_LIMITS, true);
  expect(checked.refusal).toBeNull(); // one whole column: 1,048,576 cells, under maxRangeCells
  const part = checked.parts!.find((p) => p.name === 'xl/worksheets/sheet1.xml')!;
  expect(new TextDecoder().decode(part.data)).toContain('<dataValidations');
  const stripped = withoutDataValidations(checked.parts!).find((p) => p.name === 'xl/worksheets/sheet1.xml')!;
  expect(new TextDecoder().decode(stripped.data)).not.toContain('dataValidation');
  expect(await readWorkbookGrid(bytes)).toEqual(await readWorkbookGrid(fixture('ok-openpyxl.xlsx')));
});
