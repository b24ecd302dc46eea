/**
 * The report to the ministry as a Word document. Its text (read back with mammoth) carries the letterhead,
 * the overview with both rates, the tables, the appendices with plain reasons, Nơi nhận and the signature; rendered
 * by LibreOffice, the national title and the motto each sit on one line, in the report and in the reminder letter.
 */
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { type Consolidation, consolidate, readSubmission } from '../../src/core';
import { buildReminders, buildReportDocx } from '../../src/core/report';
import { buildSample } from '../../src/sample/sample';
import { pdfFonts, requireMetricFonts } from '../helpers/tools';
import { LANG_SON, NATIONAL_PLAN, SOC_TRANG, provinceReport } from './provinces';

let c: Consolidation;
let plan: Awaited<ReturnType<typeof buildSample>>['plan'];
let docx: Uint8Array;
let text: string;
beforeAll(async () => {
  const sample = await buildSample('soc-trang');
  plan = sample.plan;
  const subs = await Promise.all(
    sample.files.map((f) =>
      readSubmission({ name: f.name, bytes: f.bytes, receivedOn: f.receivedOn, receivedFrom: 'file-date' }, plan),
    ),
  );
  c = consolidate(plan, subs, { asOf: '2024-07-15' });
  docx = await buildReportDocx(c, plan, { reportNumber: '125/BC-STNMT', documentDate: '2024-07-16' });
  text = (await mammoth.extractRawText({ buffer: Buffer.from(docx) })).value.replace(/\n+/g, '\n');
});

test('the letterhead, title and subject of Decree 30', () => {
  for (const line of [
    'UBND TỈNH SÓC TRĂNG',
    'SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG',
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    'Số: 125/BC-STNMT',
    'Sóc Trăng, ngày 16 tháng 7 năm 2024',
    'BÁO CÁO',
    'Kết quả thực hiện Kế hoạch số 1350/STNMT-MT năm 2024',
  ])
    expect(text.split('\n')).toContain(line);
});

test('the overview in words with both rates, and the group table with its total row', () => {
  expect(text).toContain(
    'Tổng số cơ quan, đơn vị, địa phương phải báo cáo: 38; đã báo cáo đúng hạn (đến ngày 30/06/2024): 25; báo cáo muộn: 6; chưa báo cáo: 6; báo cáo không hợp lệ (phải gửi lại): 1. Tỉ lệ đã báo cáo: 81,6%; tỉ lệ báo cáo đúng hạn: 65,8%.',
  );
  // the table's cells, one per line: Sở, ban, ngành 20 · 15 · 3 · 2 · 0 · 90,0% · 75,0%; the total row
  expect(text).toContain(['Sở, ban, ngành', '20', '15', '3', '2', '0', '90,0%', '75,0%'].join('\n'));
  expect(text).toContain(['Tổng cộng', '38', '25', '6', '6', '1', '81,6%', '65,8%'].join('\n'));
  expect(text).toContain(['Tổ chức', '7', '3', '1', '2', '1', '57,1%', '42,9%'].join('\n'));
});

test('per-task counts and indicator totals with units', () => {
  expect(text).toContain('II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ');
  expect(text).toContain(['Số người tham gia', 'người', 'Tổng', '30.707', '30'].join('\n'));
  expect(text).toContain(['Diện tích kiểm soát loài ngoại lai', 'ha', 'Tổng', '7.119,6', '28'].join('\n'));
});

test('appendices: per agency, per district with both rates, not reporting with the reason in plain words', () => {
  for (const h of ['PHỤ LỤC 1', 'PHỤ LỤC 2', 'PHỤ LỤC 3', 'TÌNH HÌNH BÁO CÁO THEO HUYỆN, KHU VỰC'])
    expect(text).toContain(h);
  expect(text).toContain('(Kèm theo Báo cáo số 125/BC-STNMT ngày 16/07/2024 của Sở Tài nguyên và Môi trường)');
  expect(text).toContain(['Thị xã Ngã Năm', '1', '0', '1', '0', '0', '100,0%', '0,0%'].join('\n'));
  expect(text).toContain(
    ['Hội Cựu chiến binh tỉnh', 'Tổ chức', 'Không hợp lệ', '15', 'Tệp không phải là bảng tính Excel'].join('\n'),
  );
  expect(text).not.toContain('Office Open XML');
});

test('Nơi nhận and the signature block close the body', () => {
  const tail = text.slice(text.indexOf('Nơi nhận:'), text.indexOf('PHỤ LỤC 1'));
  expect(tail.split('\n').filter(Boolean)).toEqual([
    'Nơi nhận:',
    '- UBND tỉnh Sóc Trăng;',
    '- Bộ Tài nguyên và Môi trường;',
    '- Lưu: VT.',
    'KT. GIÁM ĐỐC',
    'PHÓ GIÁM ĐỐC',
    'Nguyễn Thị Thùy Nhi',
  ]);
});

test('A4, one section per appendix (Phụ lục 1 landscape: a name and its group on one line), the page number alone in the header from page 2', async () => {
  const zip = await JSZip.loadAsync(docx);
  const xml = await zip.file('word/document.xml')!.async('string');
  const sizes = [...xml.matchAll(/<w:pgSz ([^>]*)\/>/g)].map((m) => m[1]);
  expect(sizes).toHaveLength(4); // the report, then one section per appendix
  const portrait = /w:w="11906" w:h="16838" w:orient="portrait"/;
  const landscape = /w:w="16838" w:h="11906" w:orient="landscape"/;
  [portrait, landscape, portrait, portrait].forEach((o, i) => expect(sizes[i]).toMatch(o));
  // Decree 30, Appendix I, I.7: no footer; a header with the number alone, none on the first page
  expect(zip.file(/word\/footer\d*\.xml/)).toHaveLength(0);
  expect(xml).toMatch(/<w:titlePg\/>/);
  const headers = await Promise.all(zip.file(/word\/header\d*\.xml/).map((f) => f.async('string')));
  expect(headers.some((h) => /PAGE/.test(h) && !/Trang|NUMPAGES/.test(h))).toBe(true);
});

/** Renders a .docx with LibreOffice: the text of the PDF, laid out (`pdftotext -layout`), and the fonts it uses. */
async function renderedText(
  bytes: Uint8Array,
  name: string,
): Promise<{ pages: number; text: string; fonts: string[] }> {
  for (const tool of ['soffice', 'pdftotext'])
    if (spawnSync('which', [tool]).status !== 0) throw new Error(`${tool} is required for this test (CI installs it)`);
  requireMetricFonts(); // Times New Roman drawn in another width would move every line break
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tonghop-docx-'));
  try {
    await fs.writeFile(path.join(dir, `${name}.docx`), bytes);
    const profile = `file://${path.join(dir, 'profile')}`;
    const r = spawnSync(
      'soffice',
      [
        `-env:UserInstallation=${profile}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        path.join(dir, `${name}.docx`),
      ],
      { timeout: 120_000 },
    );
    expect(r.status).toBe(0);
    const t = spawnSync('pdftotext', ['-layout', path.join(dir, `${name}.pdf`), '-'], { encoding: 'utf8' }).stdout;
    const fonts = pdfFonts(path.join(dir, `${name}.pdf`));
    return { pages: t.split('\f').filter((p) => p.trim()).length, text: t, fonts };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

test('rendered by LibreOffice: national title and motto each on one line, in the report and in the letter', async () => {
  const report = await renderedText(docx, 'bao-cao');
  const letter = await renderedText((await buildReminders(c, plan, {})).docx, 'don-doc');
  for (const r of [report, letter]) {
    const lines = r.text.split('\n');
    expect(lines.some((l) => l.includes('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'))).toBe(true);
    expect(lines.some((l) => l.includes('Độc lập - Tự do - Hạnh phúc'))).toBe(true);
    // Times New Roman, drawn in its widths: Liberation Serif and nothing else
    expect([r.fonts.includes('LiberationSerif'), r.fonts.filter((f) => !f.startsWith('LiberationSerif'))]).toEqual([
      true,
      [],
    ]);
  }
  expect(report.text).toMatch(/Nơi nhận:[\s\S]*Nguyễn Thị Thùy Nhi[\s\S]*PHỤ LỤC 1/);
}, 240_000);

test('one level up: the ministry’s Word report has the provinces’ own completeness, Phụ lục 1 in landscape', async () => {
  const files = [
    { name: 'ST.xlsx', bytes: await provinceReport(SOC_TRANG), receivedOn: '2024-07-20' },
    { name: 'LS.xlsx', bytes: await provinceReport(LANG_SON), receivedOn: '2024-07-25' },
  ];
  const subs = await Promise.all(files.map((f) => readSubmission({ ...f, receivedFrom: 'file-date' }, NATIONAL_PLAN)));
  const national = consolidate(NATIONAL_PLAN, subs, { asOf: '2025-01-10', period: '2024' });
  const bytes = await buildReportDocx(national, NATIONAL_PLAN);
  const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
  const sizes = [...xml.matchAll(/<w:pgSz ([^>]*)\/>/g)].map((m) => m[1]);
  expect(sizes[1]).toMatch(/w:w="16838" w:h="11906" w:orient="landscape"/); // Phụ lục 1, with the extra columns
  expect(sizes[2]).toMatch(/w:orient="portrait"/);
  const words = (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;
  expect(words).toContain('Đơn vị cấp dưới phải báo cáo');
  expect(words).toMatch(/Các báo cáo đã nhận tổng hợp từ \d+ cơ quan, đơn vị cấp dưới của 2 đơn vị báo cáo/);
});
