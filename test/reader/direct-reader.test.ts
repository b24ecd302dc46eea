/**
 * The direct reader (src/core/intake/xlsx-direct.ts) against ExcelJS: on every .xlsx under test/fixtures,
 * on generated bench-like submissions, and on seeded fuzz mutations, `readWorkbookGrid` (direct reader, or ExcelJS
 * when it declines) gives exactly what `workbookToGrid(await loadExcelJs(bytes))` gives: the same sheets, values
 * (dates to the millisecond, numbers to the last bit), findings and errors. And most real files take the direct path.
 * The fixtures in test/fixtures/direct were written by openpyxl and re-saved by LibreOffice
 * (make_direct_fixtures.py) with the constructs the reader must follow.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { type Plan, type WorkbookGrid, addDays, workbookBytes } from '../../src/core';
import { inspectWorkbook } from '../../src/core/intake/limit-check';
import { DEFAULT_LIMITS } from '../../src/core/intake/limits';
import { directGridOrReason } from '../../src/core/intake/xlsx-direct';
import { BUILT_IN_DATE_FORMATS, isDateFmt } from '../../src/core/intake/xlsx-cells';
import { WorkbookError, loadExcelJs, readWorkbookGrid, workbookToGrid } from '../../src/core/intake/xlsx-read';
import { fillTemplate } from '../../src/sample/sample';
import { benchPlan } from '../../bench/generate';
import { loadCorpus, makeCase } from '../../scripts/fuzz';
import { strToU8, unzipSync, zipSync } from 'fflate';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const DIRECT = path.join(FIXTURES, 'direct');

type Outcome = WorkbookGrid | { error: string; message: string };

async function outcome(read: () => Promise<WorkbookGrid>): Promise<Outcome> {
  try {
    return await read();
  } catch (err) {
    if (err instanceof WorkbookError) return { error: err.code, message: err.message };
    return { error: 'thrown', message: String(err) };
  }
}

/** Both paths on one file; whether the direct reader read it. */
async function compare(bytes: Uint8Array): Promise<{ now: Outcome; before: Outcome; direct: boolean }> {
  const now = await outcome(() => readWorkbookGrid(bytes));
  const before = await outcome(async () => workbookToGrid(await loadExcelJs(bytes)));
  const checked = inspectWorkbook(bytes, DEFAULT_LIMITS, true);
  const direct = !checked.refusal && checked.parts !== null && 'grid' in directGridOrReason(checked.parts);
  return { now, before, direct };
}

async function xlsxUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await xlsxUnder(p)));
    else if (/\.xlsx$/i.test(e.name)) out.push(p);
  }
  return out.sort();
}

const grid = async (name: string) => readWorkbookGrid(new Uint8Array(await fs.readFile(path.join(DIRECT, name))));
const sheet = (g: WorkbookGrid, name: string) => g.sheets.find((s) => s.name === name)!;

describe('direct reader = ExcelJS', () => {
  test('every .xlsx under test/fixtures reads the same; the files of other software take the direct path', async () => {
    const files = await xlsxUnder(FIXTURES);
    const direct: string[] = [];
    for (const f of files) {
      const r = await compare(new Uint8Array(await fs.readFile(f)));
      expect({ file: f, outcome: r.now }).toStrictEqual({ file: f, outcome: r.before });
      if (r.direct) direct.push(path.relative(FIXTURES, f));
    }
    // the files written by openpyxl, LibreOffice and the project's own writer (ExcelJS)
    for (const must of ['direct/', 'openpyxl/', 'libreoffice/'])
      expect(files.map((f) => path.relative(FIXTURES, f)).filter((f) => f.startsWith(must))).toEqual(
        direct.filter((f) => f.startsWith(must)),
      );
    expect(direct.length).toBeGreaterThanOrEqual(35);
  });

  test('generated bench-like submissions (text numbers, no diacritics, renamed sheets, shifted layouts) all go direct', async () => {
    const plan: Plan = benchPlan(40);
    for (let i = 0; i < 24; i++) {
      const wb = fillTemplate(plan, plan.agencies[i], {
        seed: 1000 + i,
        reportDate: addDays('2025-06-30', -(i % 5)),
        textNumbers: i % 10 === 3,
        statusWithoutDiacritics: i % 15 === 4,
        renameSheet: i % 25 === 6 ? 'Sheet1' : undefined,
        dropMeta: i % 8 === 0,
        badValues: i % 12 === 9,
      });
      if (i % 12 === 5) {
        const ws = wb.worksheets[0];
        ws.spliceColumns(4, 0, []);
        ws.getCell(13, 4).value = 'Đơn vị phối hợp';
        ws.spliceRows(1, 0, ['UBND TỈNH (dữ liệu thử)'], ['Đơn vị: thử']);
      }
      const r = await compare(await workbookBytes(wb));
      expect(r.now).toStrictEqual(r.before);
      expect(r.direct).toBe(true);
    }
  });

  test('seeded fuzz mutations (broken XML, bad indexes, huge refs, missing styles …) read the same or fail the same', async () => {
    const corpus = await loadCorpus();
    const n = Number(process.env.DIRECT_FUZZ_N ?? 300);
    let direct = 0;
    for (let i = 0; i < n; i++) {
      const c = makeCase(corpus, 17, i);
      const r = await compare(c.bytes);
      expect({ i, mutations: c.mutations, outcome: r.now }).toStrictEqual({
        i,
        mutations: c.mutations,
        outcome: r.before,
      });
      if (r.direct) direct++;
    }
    // a good part of the mutated files is still read directly: the comparison above covers both paths
    expect(direct).toBeGreaterThan(n / 10);
  }, 240_000);
});

describe('the direct reader declines what ExcelJS fails on', () => {
  const edited = async (edit: (parts: Record<string, Uint8Array>) => void) => {
    const parts = unzipSync(new Uint8Array(await fs.readFile(path.join(DIRECT, 'edge-openpyxl.xlsx'))));
    edit(parts);
    return zipSync(parts);
  };
  const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

  test('a comment relationship without its part: ExcelJS fails and reads the values only, so does the reading', async () => {
    const bytes = await edited((p) => {
      p['xl/worksheets/_rels/sheet1.xml.rels'] = strToU8(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/comments" Target="../comments1.xml"/></Relationships>`,
      );
    });
    const r = await compare(bytes);
    expect(r.direct).toBe(false);
    expect(r.now).toStrictEqual(r.before);
    expect(r.now).toHaveProperty('repairs'); // read again without the comment relationship
  });

  test('an unknown element in the core properties, a text outside the root: the same failures', async () => {
    for (const edit of [
      (p: Record<string, Uint8Array>) => {
        p['docProps/core.xml'] = strToU8('<cp:coreProperties><dc:format>x</dc:format></cp:coreProperties>');
      },
      (p: Record<string, Uint8Array>) => {
        p['xl/styles.xml'] = strToU8(new TextDecoder().decode(p['xl/styles.xml']) + 'x');
      },
    ]) {
      const r = await compare(await edited(edit));
      expect(r.direct).toBe(false);
      expect(r.now).toStrictEqual(r.before);
      expect(r.now).toMatchObject({ error: 'file.unreadable' });
    }
  });
});

describe('what ExcelJS gives, and so the direct reader (hand-checked values of the fixtures)', () => {
  test('strings: rich text joined, _x000D_ undone in shared and rich strings only, CR/LF, spaces, entities', async () => {
    const raw = sheet(await grid('edge-openpyxl.xlsx'), 'Thô').rows;
    expect(raw[0].slice(0, 3)).toEqual(['  nội tuyến  ', 'Đậm thường\r', 'a&b']);
    expect(raw[0][6]).toBe('_x000D_ giữ nguyên'); // a plain inline string keeps the escape, as ExcelJS
    expect(raw[3].slice(3, 7)).toEqual(['Phần đậm', 'có\r CR và _x000D_', 'a\r\nb &amp; 😀', '']);
    expect(raw[5][0]).toBe('  nội tuyến \r\n dòng  ');
    const values = sheet(await grid('edge-openpyxl.xlsx'), 'Giá trị').rows;
    expect(values.map((r) => r[0]).slice(0, 4)).toEqual([
      '  đầu và cuối  ',
      'dòng 1\r\ndòng 2',
      'dòng 1\ndòng 2',
      'a\rb',
    ]);
  });

  test('numbers to the last bit, booleans, errors, formulas with and without cached values', async () => {
    const raw = sheet(await grid('edge-openpyxl.xlsx'), 'Thô').rows;
    expect(raw[5].slice(3)).toEqual([12.5, 0.001, 0.1 + 0.2, 123456789012345680, -0]);
    expect(Object.is(raw[5][7], -0)).toBe(true);
    // a cached FALSE or 0 is the cell's value, not "no saved value" (cell.value of ExcelJS left them out)
    expect(raw[1]).toEqual([4, 7, null, true, { error: '#REF!' }, false]);
    expect(raw[2]).toEqual([0, { formula: 'C3+1' }, { error: '#DIV/0!' }]);
    expect(raw[3].slice(0, 2)).toEqual([6, { formula: 'B3' }]);
  });

  test('dates: built-in and custom formats, 1900 and 1904 (only date1904="1" counts), t="d", merged cells', async () => {
    const g1900 = await grid('edge-openpyxl.xlsx');
    const g1904 = await grid('edge-1904-openpyxl.xlsx');
    expect([g1900.date1904, g1904.date1904]).toEqual([false, true]);
    expect(sheet(g1900, 'Giá trị').rows[2][4]).toEqual(new Date(Date.UTC(2023, 2, 15)));
    expect(sheet(g1904, 'Giá trị').rows[2][4]).toEqual(new Date(Date.UTC(2027, 2, 16)));
    expect(sheet(g1900, 'Giá trị').rows[3][4]).toEqual(new Date(Date.UTC(2023, 2, 15, 12)));
    expect(
      sheet(g1900, 'Giá trị')
        .rows.slice(4, 7)
        .map((r) => r[4]),
    ).toEqual([12.5, 1234, 7]);
    expect(sheet(g1900, 'Thô').rows[0][3]).toBe(2024); // t="d": ExcelJS parses the ISO text as a number
    expect(sheet(g1900, 'Thô').rows[0][5]).toEqual(new Date(Date.UTC(1900, 0, 4))); // a cached "5" of a dated formula
    expect((await grid('edge-1904-libreoffice.xlsx')).date1904).toBe(false); // LibreOffice writes date1904="true"
    expect(sheet(g1900, 'Giá trị').rows[0].slice(6)).toEqual(['gộp', null, null, null]);
    expect(sheet(g1900, 'Giá trị').rows[1].slice(6)).toEqual([null, null]);
  });

  test('sheet order, names, states, and the 5,000-row / 200-column cut', async () => {
    const g = await grid('edge-openpyxl.xlsx');
    expect(g.sheets.map((s) => [s.name, s.state])).toEqual([
      ['Giá trị', 'visible'],
      ['Ẩn', 'hidden'],
      ['Rất ẩn', 'veryHidden'],
      ['Rộng', 'visible'],
      ['Thô', 'visible'],
    ]);
    const wide = sheet(g, 'Rộng');
    expect(wide.notRead).toEqual({ fromRow: 5001, fromCol: 201 });
    expect(wide.rows.length).toBe(10);
    expect(wide.rows[0]).toEqual(['góc']);
  });
});

describe('date formats as ExcelJS decides', () => {
  const exceljsFormats = require('exceljs/lib/xlsx/defaultnumformats') as Record<string, { f?: string }>;
  const exceljsUtils = require('exceljs/lib/utils/utils') as { isDateFmt: (f: string) => boolean };

  test("the built-in formats that are dates are ExcelJS's own", () => {
    const dates = Object.entries(exceljsFormats)
      .filter(([, v]) => v.f && exceljsUtils.isDateFmt(v.f))
      .map(([k]) => Number(k));
    expect([...BUILT_IN_DATE_FORMATS].sort((a, b) => a - b)).toEqual(dates);
  });

  test('custom formats: quoted text and [bracketed] parts do not make a date', () => {
    const codes = ['dd/mm/yyyy', '[$-42A]d mmmm yyyy', '"ngày" 0', '[Red]#,##0', '0.00', 'h:mm', '@', 'General', ''];
    expect(codes.map(isDateFmt)).toEqual([true, true, false, false, false, true, false, false, false]);
    expect(codes.map(isDateFmt)).toEqual(codes.map((c) => exceljsUtils.isDateFmt(c)));
  });
});

test('a formula whose saved result is 0 or FALSE reads as that value in both readers, not as "no saved value"', async () => {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Báo cáo');
  ws.getCell('A1').value = { formula: 'SUM(B1:B3)', result: 0 };
  ws.getCell('A2').value = { formula: '1=0', result: false };
  ws.getCell('A3').value = { formula: 'B1+1', result: 1 };
  ws.getCell('A4').value = { formula: 'B1+2' }; // never calculated: no saved value
  const bytes = new Uint8Array(await workbookBytes(wb));
  const direct = await readWorkbookGrid(bytes);
  const checked = inspectWorkbook(bytes, DEFAULT_LIMITS, true);
  expect('grid' in directGridOrReason(checked.parts!)).toBe(true); // the direct reader read it
  const viaExcelJs = workbookToGrid(await loadExcelJs(bytes));
  const expected = [[0], [false], [1], [{ formula: 'B1+2' }]];
  expect(direct.sheets[0].rows).toEqual(expected);
  expect(viaExcelJs.sheets[0].rows).toEqual(expected);
});
