/**
 * The rules of the second round of published plans, each on the real document that shows it
 * (test/fixtures/extract/real): the subject of a sentence as its lead, numbers like "2.1.a.", "Thời gian hoàn tất"
 * lines, "(qua Sở X)" after a report to the province, parts that restate the tasks, letter-spaced header lines, a
 * plan's number from its decision, footnotes, lead lines given to the bullets above them, markdown task tables.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { foldKey } from '../../src/core';
import { extractPlanDocument, parsePlanParagraphs, type PlanDraft, textParagraphs } from '../../src/core/extract';
import { pdfjs } from './helpers';

const REAL = path.join(__dirname, '..', 'fixtures', 'extract', 'real');
const drafts = new Map<string, Promise<PlanDraft>>();
/** Each document is read once for all its tests. */
const draftOf = (name: string): Promise<PlanDraft> => {
  if (!drafts.has(name)) {
    const bytes = new Uint8Array(readFileSync(path.join(REAL, name)));
    drafts.set(
      name,
      /\.(txt|md)$/.test(name)
        ? Promise.resolve(parsePlanParagraphs(textParagraphs(new TextDecoder().decode(bytes))))
        : extractPlanDocument(name, bytes, { pdfjs }).then((r) => r.draft),
    );
  }
  return drafts.get(name)!;
};
const task = (d: PlanDraft, code: string) => d.tasks.find((t) => t.code === code)!;

describe('a province’s plan as its Word file, with an appendix task table (UBND tỉnh Lào Cai, Chỉ thị 11)', () => {
  const doc = 'lao-cai-chi-thi-11-2026.docx';

  test('the body a sentence starts with is its lead, up to its first verb, also before a colon', async () => {
    const d = await draftOf(doc);
    expect(task(d, 'II.4.1').lead).toBe('Các Sở, ban, ngành và UBND cấp xã, phường');
    expect(task(d, 'II.6.1').lead).toBe('Các cấp, ngành');
    // "… chủ động phối hợp … xử lý nghiêm các hành vi: Khai thác …" is one task, not a lead and its task
    expect(task(d, 'II.6.2').title).toMatch(/^Các Sở, ngành và các cơ quan chức năng chủ động phối hợp/u);
    expect(task(d, 'II.6.2').lead).toBe('Các Sở, ngành và các cơ quan chức năng');
  });

  test('heads of bodies and "Thuế tỉnh" lead the bullets under them; "Yêu cầu các đơn vị …" is a task', async () => {
    const d = await draftOf(doc);
    expect(task(d, 'IV.1.2').lead).toBe(
      'Giám đốc các Sở và Thủ trưởng các ban, ngành tỉnh; Chủ tịch Ủy ban nhân dân các xã, phường',
    );
    expect(task(d, 'IV.9.4').lead).toBe('Thuế tỉnh');
    expect(task(d, 'IV.2.8').title).toMatch(/^Yêu cầu các đơn vị hoạt động khai thác khoáng sản/u);
  });

  test('a footnote is not a task, its mark not part of the text; the table after the signature is read', async () => {
    const d = await draftOf(doc);
    expect(d.tasks.filter((t) => /Đặc biệt: Luật Địa chất|\[\d\]/u.test(t.title))).toEqual([]);
    expect(d.tasks.filter((t) => t.parent === '').map((t) => t.code)).toEqual(
      Array.from({ length: 14 }, (_, i) => String(i + 1)),
    );
    expect([task(d, '5').lead, task(d, '5').due]).toEqual([
      'Sở Nông nghiệp và Môi trường',
      'Hoàn thành đầu tư, lắp đặt và vận hành xong trước ngày 01/01/2030',
    ]);
  });

  test('"báo cáo Ủy ban nhân dân tỉnh (qua Sở X)" is the agencies’ deadline, sent to X; a long title is read', async () => {
    const d = await draftOf(doc);
    expect(d.deadline?.rule).toEqual({ kind: 'annual', day: 10, month: 12 });
    expect(d.deadline?.to).toBe('Sở Nông nghiệp và Môi trường');
    expect(d.upwardDeadline).toBeNull();
    expect(d.title.value).toMatch(/^Triển khai thực hiện Chỉ thị số 11-CT\/TU .* tỉnh Lào Cai$/u);
  });
});

describe('a city’s decision with its plan, stored as markdown chunks (Quyết định 3210/QĐ-UBND TP Hồ Chí Minh)', () => {
  const doc = 'tp-hcm-3210-2014-crawl.md';

  test('"2.1.a." is a letter under 2.1; a "Thời gian hoàn tất" line after the block is its time limit', async () => {
    const d = await draftOf(doc);
    const [a, b] = [task(d, 'II.2.1.a'), task(d, 'II.2.1.b')];
    expect([a.parent, b.parent]).toEqual(['II.2.1', 'II.2.1']);
    expect([a.due, b.due]).toEqual(['trước ngày 27 tháng 6 năm 2014', 'trước ngày 27 tháng 6 năm 2014']);
    expect(a.lead).toBe('Ủy ban nhân dân xã, phường, thị trấn');
    expect(task(d, 'II.2.4').due).toBe('trước ngày 30 tháng 9 năm 2014');
    // the steps' dates are no report deadlines; the quarterly report has no date the plan model can hold
    expect(d.deadline).toBeNull();
  });

  test('the subject of the paragraph under a heading leads it; a line ending with a comma goes on', async () => {
    const d = await draftOf(doc);
    expect(task(d, 'III.3').lead).toMatch(/^Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố, .*Thành Đoàn$/u);
    expect(task(d, 'III.4.2').lead).toBe('Ủy ban nhân dân quận, huyện');
    expect(task(d, 'II.4.2.b').lead).toBe('Ủy ban nhân dân xã, phường, thị trấn');
    expect(task(d, 'II.4.2.b').title).toContain('Hội Cựu chiến binh, Đoàn Thanh niên Cộng sản Hồ Chí Minh giúp đỡ');
    // "Các hộ gia đình sau khi nhận được … thì tự tổ chức …" names no body
    expect(task(d, 'II.4.2.a').lead).toBe('');
  });

  test('a header line whose letters the copy spaced apart is read from the same words further on', async () => {
    const d = await draftOf(doc);
    expect(foldKey(d.issuer.value ?? '')).toBe(foldKey('Ủy ban nhân dân Thành phố Hồ Chí Minh'));
  });
});

describe('the Prime Minister’s national plan, text copied out of its PDF (Quyết định 1422/QĐ-TTg)', () => {
  const doc = 'thu-tuong-1422-2024-pdfcopy.txt';

  test('phases, vision, monitoring and budget restate the tasks: only parts II and VI give tasks', async () => {
    const d = await draftOf(doc);
    expect([...new Set(d.tasks.map((t) => t.code.split('.')[0]))]).toEqual(['II', 'VI']);
    expect(task(d, 'VI.3').lead).toBe('Bộ Tài chính');
    expect(d.deadline?.rule).toEqual({ kind: 'annual', day: 25, month: 12 });
  });

  test('the number is the decision’s, the title what follows "KẾ HOẠCH QUỐC GIA"', async () => {
    const d = await draftOf(doc);
    expect(d.number.value).toBe('1422/QĐ-TTg');
    expect(d.number.needsReview).toBe(true);
    expect(d.title.value).toBe(
      'Thích ứng với biến đổi khí hậu giai đoạn 2021 - 2030, tầm nhìn đến năm 2050 (cập nhật)',
    );
    expect(d.issuer.value).toBe('Thủ tướng Chính phủ');
  });
});

describe('a department’s own plan (Sở Công Thương Lào Cai), as its Word file and as a PDF', () => {
  test.each(['so-cong-thuong-lao-cai-08-2026.docx', 'so-cong-thuong-lao-cai-08-2026.pdf'])(
    '%s: "Đơn vị chủ trì: X; Đơn vị phối hợp: Y." after the bullets leads them, said again for the next item too',
    async (doc) => {
      const d = await draftOf(doc);
      expect([task(d, 'III.1.3').lead, task(d, 'III.1.3').partners]).toEqual([
        'Phòng Quản lý Công nghiệp',
        'Phòng Quản lý Năng lượng, Phòng Quản lý Thương mại',
      ]);
      // items 2 and 4 have the same lead line: it is no running header
      expect([task(d, 'III.2.8').lead, task(d, 'III.4.5').lead]).toEqual([
        'Phòng Quản lý Công nghiệp',
        'Phòng Quản lý Công nghiệp',
      ]);
      // the header columns of the PDF, "CỘNG HOÀ" in the older spelling
      expect([d.issuer.value, d.superiorBody.value]).toEqual(['Sở Công Thương', 'UBND tỉnh Lào Cai']);
    },
  );
});

describe('a ministry’s plan as a repository stores its text (Kế hoạch 09/KH-BTNMT)', () => {
  test('"Cục X có trách nhiệm:" leads its lettered duties; the markdown task table is read', async () => {
    const d = await draftOf('bo-tnmt-09-2024.md');
    expect(task(d, 'III.1.k').lead).toBe('Cục Biến đổi khí hậu');
    expect([task(d, '7').lead, task(d, '7').due]).toEqual([
      'Viện Khoa học Khí tượng thủy văn và Biến đổi khí hậu; Viện Chiến lược, Chính sách TN&MT',
      '2024 - 2030',
    ]);
  });
});
