/**
 * The papers an officer prints, judged by LibreOffice with the fonts metric-compatible with Times New Roman and
 * Calibri (fonts-liberation2, fonts-crosextra-carlito), all in one run of soffice:
 * - every row tonghop writes with text in the report, the summary, the history and the reminder sheet is at least
 *   as tall as LibreOffice's own optimal height for it (nothing cut);
 * - each page of the report (.xlsx and .docx) and of the reminder letter, read with pdftotext -layout: every
 *   letterhead line on one line, "Số:" level with the place and date, every table header on each page where its
 *   rows are (never alone at a page foot), the page number alone at the top from page 2 in the Word documents,
 *   "Đúng hạn" of Phụ lục 1 never cut in two;
 * - the summary's charts print on a page with the overview table, not alone under its repeated header.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import {
  type Consolidation,
  type Plan,
  type Submission,
  buildHistory,
  consolidate,
  readSummaryFile,
  readWorkbookGrid,
  writeHistoryWorkbook,
  writeSummaryWorkbook,
} from '../../src/core';
import { buildReminders, buildReportDocx, buildReportWorkbook } from '../../src/core/report';
import { consolidatedSample } from '../helpers/sample';
import { type RowHeights, libreOfficePrint, pdfPages, pdfWords } from '../helpers/libreoffice-print';

let dir: string;
let plan: Plan;
let c: Consolidation;
const file = (name: string) => path.join(dir, name);
const NNMT = 'Sở Nông nghiệp và Môi trường';
const XLSX = ['bao-cao.xlsx', 'tong-hop.xlsx', 'lich-su.xlsx', 'don-doc.xlsx'];
let heights: Map<string, RowHeights[]>;
const pages: Record<string, string[]> = {};
const bytes: Record<string, Uint8Array> = {};

/** The sample moved to another year: the plan's period and deadline, each file received the same day that year. */
async function summaryOfYear(subs: Submission[], year: number): Promise<Uint8Array> {
  const p: Plan = { ...plan, period: String(year), deadline: { kind: 'fixed', date: `${year}-06-30` } };
  const moved = subs.map((s) => ({
    ...s,
    period: String(year),
    receivedOn: s.receivedOn ? `${year}${s.receivedOn.slice(4)}` : null,
  }));
  return writeSummaryWorkbook(consolidate(p, moved, { asOf: `${year}-07-15` }), p);
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'th-print-'));
  let subs: Submission[];
  ({
    sample: { plan },
    subs,
    c,
  } = await consolidatedSample());
  const options = { reportNumber: '125/BC-STNMT', documentDate: '2024-07-16' };
  const reminders = await buildReminders(c, plan, { newDeadline: '2024-07-25' });
  const inputs = await Promise.all(
    [2022, 2023, 2024].map(async (y) => {
      const read = readSummaryFile(await readWorkbookGrid(await summaryOfYear(subs, y)), `tong-hop-${y}.xlsx`);
      if (!read.ok) throw new Error(read.reason);
      return { file: `tong-hop-${y}.xlsx`, data: read.data };
    }),
  );
  Object.assign(bytes, {
    'bao-cao.xlsx': await buildReportWorkbook(c, plan, options),
    'bao-cao.docx': await buildReportDocx(c, plan, options),
    // an issuing body whose name is longer (since 2025): still one line beside the national title
    'nnmt.xlsx': await buildReportWorkbook(c, plan, { ...options, issuer: NNMT }),
    'nnmt.docx': await buildReportDocx(c, plan, { ...options, issuer: NNMT }),
    'tong-hop.xlsx': await writeSummaryWorkbook(c, plan),
    'lich-su.xlsx': await writeHistoryWorkbook(buildHistory(inputs)),
    'don-doc.xlsx': reminders.sheet,
    'don-doc.docx': reminders.docx,
  });
  for (const [name, b] of Object.entries(bytes)) await fs.writeFile(file(name), b);
  heights = await libreOfficePrint(Object.keys(bytes).map(file));
  for (const name of Object.keys(bytes)) pages[name] = pdfPages(`${file(name)}.pdf`);
}, 240_000);

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** The rows of a workbook that hold some text, by sheet index (hidden sheets left out): their texts. */
async function textRows(name: string): Promise<Map<string, string>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes[name]) as unknown as ArrayBuffer);
  const out = new Map<string, string>();
  wb.worksheets.forEach((ws, i) => {
    if (ws.state !== 'visible') return;
    ws.eachRow((row, r) => {
      const texts = (row.values as unknown[]).filter((v) => v !== null && v !== undefined && String(v) !== '');
      if (texts.length > 0) out.set(`${i}:${r}`, `${ws.name}!${r}: ${texts.map(String).join(' | ').slice(0, 80)}`);
    });
  });
  return out;
}

test.each(XLSX)('%s: no row with text is shorter than LibreOffice needs', async (name) => {
  const rows = await textRows(name);
  const rowsChecked = heights.get(file(name))!.filter((h) => rows.has(`${h.sheet}:${h.row}`));
  expect(rowsChecked.length).toBeGreaterThan(10);
  // a hundredth of a millimetre of rounding allowed
  const short = rowsChecked
    .filter((h) => h.height + 0.03 < h.optimal)
    .map((h) => `${rows.get(`${h.sheet}:${h.row}`)} (${h.height.toFixed(1)} < ${h.optimal.toFixed(1)} pt)`);
  expect(short).toEqual([]);
});

/** The lines of a page, spaces squeezed. */
const lines = (page: string) => page.split('\n').map((l) => l.replace(/\s+/g, ' ').trim());

describe.each(['bao-cao.xlsx', 'bao-cao.docx', 'don-doc.docx', 'nnmt.xlsx', 'nnmt.docx'])(
  '%s: the letterhead',
  (name) => {
    test('each line of the letterhead whole on one line; "Số:" level with the place and date', () => {
      const first = lines(pages[name][0]);
      const report = !name.startsWith('don-doc');
      const number = report ? 'Số: 125/BC-STNMT' : 'Số: ……/……';
      const date = report ? 'Sóc Trăng, ngày 16 tháng 7 năm 2024' : 'Sóc Trăng, ngày …… tháng …… năm 2024';
      for (const [left, right] of [
        ['UBND TỈNH SÓC TRĂNG', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
        [
          name.startsWith('nnmt') ? NNMT.toLocaleUpperCase('vi') : 'SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG',
          'Độc lập - Tự do - Hạnh phúc',
        ],
        [number, date],
      ])
        expect(first.filter((l) => l.includes(left) && l.includes(right))).toHaveLength(1);
    });
  },
);

/** Pages (1-based) whose text contains any of the markers. */
const pagesWith = (name: string, markers: string[]) =>
  pages[name].flatMap((p, i) => (markers.some((m) => lines(p).some((l) => l.includes(m))) ? [i + 1] : []));

describe.each(['bao-cao.xlsx', 'bao-cao.docx'])('%s: tables and pages', (name) => {
  test('every table header is on each page where its rows are, never alone at a page foot', () => {
    const tables: [string, string[]][] = [
      // a header word found in no other table nor paragraph, and texts found only in the table's rows
      ['thuộc', c.tasks.map((t) => t.title.split(' ').slice(0, 2).join(' '))],
      ['Cách', ['Số buổi tuyên', 'Số người tham', 'Diện tích kiểm']],
      ['Nộp', ['Sở, ban, ngành', 'Huyện Long Phú', 'Tổng cộng']],
    ];
    const body = pagesWith(name, ['PHỤ LỤC 1'])[0] - 1; // the pages before the appendices
    for (const [header, rows] of tables) {
      const rowPages = pagesWith(name, rows).filter((p) => p <= body);
      const headerPages = pagesWith(name, [header]).filter((p) => p <= body);
      expect([header, headerPages]).toEqual([header, rowPages]);
    }
  });

  test('Phụ lục 1: "Đúng hạn" never cut in two, the table on at most two pages', () => {
    const appendix = pagesWith(name, ['PHỤ LỤC 1'])[0];
    const next = pagesWith(name, ['PHỤ LỤC 2'])[0];
    const text = pages[name].slice(appendix - 1, next - 1).join('\n');
    expect(text.match(/Đúng hạn/g)).toHaveLength(c.overall.onTime);
    expect(next - appendix).toBeLessThanOrEqual(2);
  });
});

describe.each(['bao-cao.docx', 'don-doc.docx'])('%s: page numbers (Decree 30, Appendix I, I.7)', (name) => {
  test('none on page 1; from page 2 the number alone, first, centred at the top', () => {
    const p = pages[name];
    expect(p.length).toBeGreaterThan(1);
    expect(lines(p[0]).join('\n')).not.toMatch(/Trang|^\d+$/m);
    p.slice(1).forEach((page, i) => expect(lines(page).filter(Boolean)[0]).toBe(String(i + 2)));
  });
});

test('the summary: the charts of Tổng hợp print on the page of the overview table', () => {
  const chartPages = pagesWith('tong-hop.xlsx', ['Tình hình nộp báo cáo theo nhóm']);
  expect(chartPages).toHaveLength(1);
  expect(lines(pages['tong-hop.xlsx'][chartPages[0] - 1]).some((l) => l.startsWith('Toàn bộ'))).toBe(true);
});

/**
 * A number or a date and the text that starts the next column: on one printed line, side by side, with a gap of
 * at least 5 pt between them (a space inside a cell is under 3 pt).
 */
test.each(['tong-hop.xlsx', 'lich-su.xlsx', 'don-doc.xlsx'])(
  '%s: a number or a date never runs into the text of the next column',
  (name) => {
    const words = pdfWords(`${file(name)}.pdf`);
    const columnStart = /^(ST-|Ngày|Sổ|Nhập|Tốt|Kém|Như|Mới|Chưa|Đúng|Nộp|Không|Có$)/u;
    const glued: string[] = [];
    words.forEach((w, i) => {
      const next = words[i + 1];
      if (!next || next.page !== w.page || Math.abs(next.yMax - w.yMax) > 1 || next.xMin < w.xMax) return;
      if (/^[\d.,/%]+$/.test(w.text) && columnStart.test(next.text) && next.xMin - w.xMax < 5)
        glued.push(`page ${w.page}: "${w.text} ${next.text}" (${(next.xMin - w.xMax).toFixed(1)} pt apart)`);
    });
    expect(glued).toEqual([]);
  },
);

test('tong-hop.xlsx: an indicator total is printed as it is, whole or with its decimals', () => {
  const text = pages['tong-hop.xlsx'].join('\n');
  expect(text).toMatch(/30[.,]707(?![.,\d])/);
  expect(text).toMatch(/7[.,]119[.,]6/);
});
