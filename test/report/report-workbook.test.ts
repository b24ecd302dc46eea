/**
 * The report workbook, read back with ExcelJS: letterhead texts, counts and totals equal to the
 * consolidation JSON, Times New Roman everywhere, A4 page setup with the margins of Decree 30/2020/NĐ-CP,
 * print titles on the appendices, text from submissions written as text, and the hidden data sheet.
 */
import ExcelJS from 'exceljs';
import { type Consolidation, type Plan, consolidate, readSubmission, readWorkbookGrid } from '../../src/core';
import { buildSample } from '../../src/sample/sample';
import {
  DECREE_30,
  MOTTO,
  NATIONAL_TITLE,
  REPORT_DATA_SHEET,
  REPORT_SHEETS,
  buildReportWorkbook,
  parseReportDataSheet,
} from '../../src/core/report';
import { openpyxlSubmissionsOf, tally } from '../helpers/openpyxl';

async function consolidated(mutate?: (plan: Plan) => Plan): Promise<{ plan: Plan; c: Consolidation }> {
  const sample = await buildSample('soc-trang');
  const plan = mutate ? mutate(sample.plan) : sample.plan;
  const subs = await Promise.all(
    sample.files.map((f) =>
      readSubmission({ name: f.name, bytes: f.bytes, receivedOn: f.receivedOn, receivedFrom: 'file-date' }, plan),
    ),
  );
  return { plan, c: consolidate(plan, subs, { asOf: sample.asOf }) };
}

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return wb;
}

function text(ws: ExcelJS.Worksheet, row: number, col: number): string {
  const v = ws.getCell(row, col).value;
  return v === null || v === undefined ? '' : String(v);
}

/** The row whose first cell (or the given column) reads `label`. */
function rowOf(ws: ExcelJS.Worksheet, label: string, col = 1): number {
  for (let r = 1; r <= ws.rowCount; r++) if (text(ws, r, col) === label) return r;
  throw new Error(`"${label}" not found in ${ws.name}`);
}

const mm = (inches: number) => Math.round(inches * 25.4 * 10) / 10;

/** The first column of the letterhead's right block: where the national title is (the split follows the lines). */
function rightBlock(ws: ExcelJS.Worksheet): number {
  for (let c = 2; c <= 18; c++) if (text(ws, 1, c) === NATIONAL_TITLE) return c;
  throw new Error('no national title in row 1');
}

// ---- What the report must show, not taken from the engine: counted by hand from the sample's files
// (received dates against the deadline 30/06/2024, as of 15/07/2024), and the per-task figures added up by openpyxl
// from the files themselves (test/helpers/openpyxl_read.py).

/** Late (days), missing and rejected agencies of the Sóc Trăng sample; every other agency reported on time. */
const LATE: Record<string, number> = {
  'ST-SGTVT': 3, // received 03/07
  'ST-SLDTBXH': 6, // 06/07
  'ST-BQLDA2': 1, // 01/07
  'ST-HND': 5, // 05/07
  'ST-TXNN': 10, // 10/07
  'ST-HMT': 2, // 02/07
};
const MISSING = ['ST-CAT', 'ST-BQLDA1', 'ST-LDLD', 'ST-HNNCDDC', 'ST-HCLD', 'ST-HTD'];
const REJECTED = ['ST-HCCB']; // its .xlsx is not a workbook
/** Group, required, on time, late, missing, rejected, share reported (as the percent cell holds it). */
// name, required, on time, late, missing, rejected, submitted ÷ required, on time ÷ required (counted by hand)
const GROUPS: [string, number, number, number, number, number, number, number][] = [
  ['Sở, ban, ngành', 20, 15, 3, 2, 0, 0.9, 0.75],
  ['Thành phố Sóc Trăng', 1, 1, 0, 0, 0, 1, 1],
  ['Thị xã Vĩnh Châu', 1, 1, 0, 0, 0, 1, 1],
  ['Thị xã Ngã Năm', 1, 0, 1, 0, 0, 1, 0],
  ['Huyện Kế Sách', 1, 1, 0, 0, 0, 1, 1],
  ['Huyện Long Phú', 1, 1, 0, 0, 0, 1, 1],
  ['Huyện Cù Lao Dung', 1, 0, 0, 1, 0, 0, 0],
  ['Huyện Mỹ Tú', 1, 0, 1, 0, 0, 1, 0],
  ['Huyện Châu Thành', 1, 1, 0, 0, 0, 1, 1],
  ['Huyện Thạnh Trị', 1, 1, 0, 0, 0, 1, 1],
  ['Huyện Mỹ Xuyên', 1, 1, 0, 0, 0, 1, 1],
  ['Huyện Trần Đề', 1, 0, 0, 1, 0, 0, 0],
  ['Tổ chức', 7, 3, 1, 2, 1, 0.571, 0.429],
];
const TOTAL = ['Tổng cộng', 38, 25, 6, 6, 1, 0.816, 0.658];
const STATUS_LABEL = (code: string) =>
  code in LATE
    ? 'Nộp muộn'
    : MISSING.includes(code)
      ? 'Chưa nộp'
      : REJECTED.includes(code)
        ? 'Không hợp lệ'
        : 'Đúng hạn';
/** The files a clerk uses (all but the copy sent twice, the replaced first version, another plan's file, the non-workbook). */
const NOT_USED = ['ST-STC - Copy.xlsx', 'ST-SNNPTNT.xlsx', 'Bao cao KH 588 Ha Tinh.xlsx', 'ST-HCCB.xlsx'];

interface ByOpenpyxl {
  statuses: Record<string, Record<'done' | 'inProgress' | 'notStarted' | 'notApplicable', number>>;
  sums: Record<string, number>;
  counts: Record<string, number>;
}
async function byOpenpyxl(): Promise<ByOpenpyxl> {
  const sample = await buildSample('soc-trang');
  const used = sample.files.map((f) => f.name).filter((n) => !NOT_USED.includes(n));
  return tally(await openpyxlSubmissionsOf(sample.files), used);
}

describe('report workbook of the Sóc Trăng sample', () => {
  let plan: Plan;
  let c: Consolidation;
  let wb: ExcelJS.Workbook;
  let ws: ExcelJS.Worksheet;
  let files: ByOpenpyxl;
  beforeAll(async () => {
    files = await byOpenpyxl();
    ({ plan, c } = await consolidated());
    wb = await load(
      await buildReportWorkbook(c, plan, {
        reportNumber: '125/BC-STNMT',
        documentDate: '2024-07-16',
        upwardPlan: '2963/BTNMT-TTTT',
      }),
    );
    ws = wb.getWorksheet(REPORT_SHEETS.report)!;
  });

  test('sheets: Báo cáo, three appendices and a hidden data sheet', () => {
    expect(wb.worksheets.map((s) => [s.name, s.state])).toEqual([
      ['Báo cáo', 'visible'],
      ['Phụ lục 1', 'visible'],
      ['Phụ lục 2', 'visible'],
      ['Phụ lục 3', 'visible'],
      [REPORT_DATA_SHEET, 'hidden'],
    ]);
  });

  test('letterhead: superior and issuing body left in capitals, national title and motto right, number, place and date in italics', () => {
    expect(text(ws, 1, 1)).toBe('UBND TỈNH SÓC TRĂNG');
    expect(ws.getCell(1, 1).font.bold).toBeFalsy();
    expect(text(ws, 2, 1)).toBe('SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG');
    expect(ws.getCell(2, 1).font.bold).toBe(true);
    // the right block starts where every line of both blocks holds on one line: column 9 for this issuing body
    const R = rightBlock(ws);
    expect(R).toBe(9);
    expect(ws.getCell(1, R).font).toMatchObject({ bold: true, size: 12 });
    expect(text(ws, 2, R)).toBe(MOTTO);
    expect(ws.getCell(2, R).font).toMatchObject({ bold: true, size: 13 });
    // the short rules, as top borders in the row below: columns 3-6 of the left block 1-8 (centred, about half of
    // the issuing body's line), columns 11-16 of the right block 9-18 (centred, as long as the motto)
    const ruled = Array.from({ length: 18 }, (_, i) => (ws.getCell(3, i + 1).border?.top?.style ? i + 1 : 0)).filter(
      Boolean,
    );
    expect(ruled).toEqual([3, 4, 5, 6, 11, 12, 13, 14, 15, 16]);
    expect(ws.getColumn(1).width).toBe(5);
    expect(text(ws, 4, 1)).toBe('Số: 125/BC-STNMT');
    expect(text(ws, 4, R)).toBe('Sóc Trăng, ngày 16 tháng 7 năm 2024');
    expect(ws.getCell(4, R).font.italic).toBe(true);
    const title = rowOf(ws, 'BÁO CÁO');
    expect(ws.getCell(title, 1).font).toMatchObject({ bold: true, size: 14 });
    expect(text(ws, title + 1, 1)).toBe('Kết quả thực hiện Kế hoạch số 1350/STNMT-MT năm 2024');
  });

  test('Nơi nhận bottom left, signature block bottom right with room to sign', () => {
    const r = rowOf(ws, 'Nơi nhận:');
    expect(ws.getCell(r, 1).font).toMatchObject({ bold: true, italic: true, size: 12 });
    expect([text(ws, r + 1, 1), text(ws, r + 2, 1), text(ws, r + 3, 1)]).toEqual([
      '- UBND tỉnh Sóc Trăng;',
      '- Bộ Tài nguyên và Môi trường;',
      '- Lưu: VT.',
    ]);
    expect(ws.getCell(r + 1, 1).font.size).toBe(11);
    const R = rightBlock(ws);
    expect([text(ws, r, R), text(ws, r + 1, R)]).toEqual(['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC']);
    const name = rowOf(ws, 'Nguyễn Thị Thùy Nhi', R);
    expect(name - (r + 1)).toBeGreaterThanOrEqual(4);
    expect(ws.getCell(name, R).font.bold).toBe(true);
  });

  test('the overview and group table show the counts of the sample, counted by hand', () => {
    const sentence = text(ws, rowOf(ws, 'I. TÌNH HÌNH BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ') + 1, 1);
    expect(sentence).toContain('phải báo cáo: 38');
    expect(sentence).toContain('đúng hạn (đến ngày 30/06/2024): 25');
    expect(sentence).toContain('báo cáo muộn: 6');
    expect(sentence).toContain('chưa báo cáo: 6');
    expect(sentence).toContain('81,6%');
    const header = rowOf(ws, 'Nhóm');
    // the group table gained "Tỉ lệ đúng hạn": numbers in columns E, G, … Q
    const row = (r: number) => [text(ws, r, 1), ...[5, 7, 9, 11, 13, 15, 17].map((col) => ws.getCell(r, col).value)];
    expect(GROUPS.map((_, i) => row(header + 1 + i))).toEqual(GROUPS);
    const total = rowOf(ws, 'Tổng cộng');
    expect(total).toBe(header + 1 + GROUPS.length);
    expect(row(total)).toEqual(TOTAL);
    expect(ws.getCell(total, 15).numFmt).toBe('[$-42A]0.0%');
    expect(ws.getCell(total, 17).numFmt).toBe('[$-42A]0.0%');
    expect(ws.getCell(total, 5).numFmt).toBe('[$-42A]#,##0');
  });

  test('per task: counts by status and indicator totals equal what openpyxl reads from the files', () => {
    const header = rowOf(ws, 'Mã');
    plan.tasks.forEach((t, i) => {
      const r = header + 1 + i;
      const s = files.statuses[t.code];
      const answered = s.done + s.inProgress + s.notStarted + s.notApplicable;
      expect([
        text(ws, r, 1),
        text(ws, r, 2),
        ...[7, 9, 11, 13, 15, 17].map((col) => ws.getCell(r, col).value),
      ]).toEqual([t.code, t.title, 38, s.done, s.inProgress, s.notStarted, s.notApplicable, 38 - answered]);
    });
    expect(plan.tasks).toHaveLength(9);
    const ih = rowOf(ws, 'Chỉ tiêu', 3);
    expect(plan.indicators).toHaveLength(5);
    plan.indicators.forEach((ind, i) => {
      const r = ih + 1 + i;
      const header = `${ind.name} (${ind.unit})`;
      expect([
        text(ws, r, 1),
        text(ws, r, 3),
        text(ws, r, 11),
        ws.getCell(r, 15).value,
        ws.getCell(r, 17).value,
      ]).toEqual([ind.taskCode, ind.name, ind.unit, expect.closeTo(files.sums[header], 9), files.counts[header]]);
    });
    // and by hand, so that a change of the sample shows here: 163 buổi, 30.707 người, 187 vụ, 7.119,6 ha, 177 mô hình
    expect([15, 15, 15, 15, 15].map((col, i) => ws.getCell(ih + 1 + i, col).value)).toEqual([
      163, 30707, 187, 7119.6, 177,
    ]);
    expect(ws.getCell(ih + 4, 15).numFmt).toBe('[$-42A]#,##0.0##');
  });

  test('Times New Roman on every written cell of every visible sheet', () => {
    for (const sheet of wb.worksheets.filter((s) => s.state === 'visible')) {
      const fonts = new Set<string>();
      sheet.eachRow((row) => row.eachCell((cell) => void (cell.value !== null && fonts.add(String(cell.font?.name)))));
      expect([sheet.name, [...fonts]]).toEqual([sheet.name, [DECREE_30.font]]);
    }
  });

  test('page setup: A4, margins inside the decree ranges, fit to width, no gridlines, page number at the top from page 2', () => {
    for (const sheet of wb.worksheets.filter((s) => s.state === 'visible')) {
      const p = sheet.pageSetup;
      expect([sheet.name, p.paperSize, p.fitToPage, p.fitToWidth, p.fitToHeight]).toEqual([sheet.name, 9, true, 1, 0]);
      const m = p.margins!;
      expect(mm(m.top)).toBeGreaterThanOrEqual(20);
      expect(mm(m.top)).toBeLessThanOrEqual(25);
      expect(mm(m.bottom)).toBeGreaterThanOrEqual(20);
      expect(mm(m.bottom)).toBeLessThanOrEqual(25);
      expect(mm(m.left)).toBeGreaterThanOrEqual(30);
      expect(mm(m.left)).toBeLessThanOrEqual(35);
      expect(mm(m.right)).toBeGreaterThanOrEqual(15);
      expect(mm(m.right)).toBeLessThanOrEqual(20);
      expect(sheet.views[0].showGridLines).toBe(false);
      expect(sheet.headerFooter.oddFooter).toContain('&C');
      expect(sheet.headerFooter.oddFooter).toContain('Trang &P/&N');
    }
    expect(ws.pageSetup.orientation).toBe('portrait');
  });

  test('appendices: print titles repeat the table header; per agency, per area, not reporting', () => {
    for (const name of [REPORT_SHEETS.byAgency, REPORT_SHEETS.byArea, REPORT_SHEETS.notReporting]) {
      const sheet = wb.getWorksheet(name)!;
      const header = rowOf(sheet, 'STT');
      expect([name, sheet.pageSetup.printTitlesRow]).toEqual([name, `${header}:${header}`]);
      expect(sheet.getCell(header, 1).font.bold).toBe(true);
    }
    const p1 = wb.getWorksheet(REPORT_SHEETS.byAgency)!;
    const h1 = rowOf(p1, 'STT');
    expect(text(p1, 3, 1)).toBe('(Kèm theo Báo cáo số 125/BC-STNMT ngày 16/07/2024 của Sở Tài nguyên và Môi trường)');
    expect(plan.agencies).toHaveLength(38);
    plan.agencies.forEach((a, i) => {
      expect([text(p1, h1 + 1 + i, 2), text(p1, h1 + 1 + i, 4)]).toEqual([a.name, STATUS_LABEL(a.code)]);
    });
    const daysLate = Object.fromEntries(
      plan.agencies.flatMap((a, i) => (a.code in LATE ? [[a.code, p1.getCell(h1 + 1 + i, 6).value]] : [])),
    );
    expect(daysLate).toEqual(LATE);
    const late = plan.agencies.findIndex((a) => a.code === 'ST-SGTVT');
    expect(p1.getCell(h1 + 1 + late, 5).value).toEqual(new Date('2024-07-03T00:00:00Z'));
    expect(p1.getCell(h1 + 1 + late, 5).numFmt).toBe('dd/mm/yyyy');
    expect(p1.getCell(h1 + 1 + late, 6).value).toBe(3);
    const p2 = wb.getWorksheet(REPORT_SHEETS.byArea)!;
    const areas = GROUPS.filter(([name]) => name !== 'Sở, ban, ngành' && name !== 'Tổ chức');
    expect(areas).toHaveLength(11);
    const h2 = rowOf(p2, 'STT');
    areas.forEach(([name, required, , , missing], i) =>
      expect([text(p2, h2 + 1 + i, 2), p2.getCell(h2 + 1 + i, 3).value, p2.getCell(h2 + 1 + i, 6).value]).toEqual([
        name,
        required,
        missing,
      ]),
    );
    const p3 = wb.getWorksheet(REPORT_SHEETS.notReporting)!;
    const h3 = rowOf(p3, 'STT');
    const notReporting = plan.agencies
      .filter((a) => MISSING.includes(a.code) || REJECTED.includes(a.code))
      .map((a) => a.name);
    expect(notReporting).toEqual([
      'Công an tỉnh',
      'Ban Quản lý dự án 1',
      'Liên đoàn Lao động tỉnh',
      'Hội Cựu chiến binh tỉnh',
      'Hội Nạn nhân chất độc da cam/dioxin tỉnh',
      'UBND huyện Cù Lao Dung',
      'UBND huyện Trần Đề',
    ]);
    expect(notReporting.map((_, i) => text(p3, h3 + 1 + i, 2))).toEqual(notReporting);
    expect(text(p3, 2, 1)).toBe('DANH SÁCH CƠ QUAN, ĐƠN VỊ CHƯA BÁO CÁO (ĐẾN NGÀY 15/07/2024)');
  });

  test('the hidden data sheet reads back as the figures of the sample (by hand and by openpyxl)', async () => {
    const grid = await readWorkbookGrid(
      await buildReportWorkbook(c, plan, { upwardPlan: '2963/BTNMT-TTTT', agencyCode: 'ST' }),
    );
    const sheet = grid.sheets.find((s) => s.name === REPORT_DATA_SHEET)!;
    const { data, problems } = parseReportDataSheet(sheet);
    expect(problems).toEqual([]);
    expect(data).toMatchObject({
      plan: '1350/STNMT-MT',
      upwardPlan: '2963/BTNMT-TTTT',
      agencyCode: 'ST',
      issuer: 'Sở Tài nguyên và Môi trường',
      superiorBody: 'UBND tỉnh Sóc Trăng',
      period: '2024',
      asOf: '2024-07-15',
      deadline: '2024-06-30',
      overall: { required: 38, onTime: 25, late: 6, missing: 6, rejected: 1, completeness: 81.6 },
    });
    expect(data!.groups.map((g) => [g.name, g.required, g.onTime, g.late, g.missing, g.rejected])).toEqual(
      GROUPS.map((g) => g.slice(0, 6)),
    );
    expect(data!.tasks.map((t) => [t.taskCode, t.done, t.inProgress, t.notStarted, t.notApplicable])).toEqual(
      plan.tasks.map((t) => {
        const s = files.statuses[t.code];
        return [t.code, s.done, s.inProgress, s.notStarted, s.notApplicable];
      }),
    );
    expect(data!.indicators.map((i) => [i.code, i.value, i.count])).toEqual(
      plan.indicators.map((i) => {
        const header = `${i.name} (${i.unit})`;
        return [i.code, expect.closeTo(files.sums[header], 9), files.counts[header]];
      }),
    );
  });
});

describe('blanks and hostile text', () => {
  test('no number, place, date or signer: dotted lines to fill in by hand', async () => {
    const { plan, c } = await consolidated((p) => ({
      ...p,
      place: '',
      signerTitle: '',
      signerName: '',
      superiorBody: '',
      reportNumber: '',
    }));
    const ws = (await load(await buildReportWorkbook(c, plan))).getWorksheet('Báo cáo')!;
    expect(text(ws, 1, 1)).toBe('');
    expect(text(ws, 4, 1)).toBe('Số: ……/BC-……');
    const R = rightBlock(ws);
    expect(text(ws, 4, R)).toBe('……, ngày …… tháng …… năm 2024');
    const r = rowOf(ws, 'Nơi nhận:');
    expect(text(ws, r, R)).toMatch(/^…+$/);
    expect(ws.getCell(r, R).font.bold).toBe(true);
  });

  test('flags override the plan', async () => {
    const { plan, c } = await consolidated();
    const ws = (
      await load(
        await buildReportWorkbook(c, plan, {
          superiorBody: 'UBND tỉnh Sóc Trăng',
          issuer: 'Sở Nông nghiệp và Môi trường',
          signerTitle: 'GIÁM ĐỐC',
          signerName: 'Trần Văn B',
          place: 'TP. Sóc Trăng',
          documentDate: '2025-02-05',
        }),
      )
    ).getWorksheet('Báo cáo')!;
    expect(text(ws, 2, 1)).toBe('SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG');
    const R = rightBlock(ws);
    expect(text(ws, 4, R)).toBe('TP. Sóc Trăng, ngày 05 tháng 02 năm 2025');
    expect(text(ws, rowOf(ws, 'Nơi nhận:'), R)).toBe('GIÁM ĐỐC');
    rowOf(ws, 'Trần Văn B', R);
  });

  test('a name that looks like a formula stays text in every sheet', async () => {
    const evil = '=HYPERLINK("http://x.invalid","bấm vào")';
    const { plan, c } = await consolidated((p) => ({
      ...p,
      agencies: p.agencies.map((a) => (a.code === 'ST-CAT' ? { ...a, name: evil } : a)),
    }));
    const wb = await load(await buildReportWorkbook(c, plan));
    let seen = 0;
    for (const sheet of wb.worksheets) {
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value === 'string' && cell.value.includes('HYPERLINK')) seen++;
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        }),
      );
    }
    expect(seen).toBeGreaterThanOrEqual(2); // Phụ lục 1 and Phụ lục 3 (Công an tỉnh is missing)
  });
});
