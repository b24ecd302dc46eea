/**
 * The rules for plans as they are published, each on the real document that shows it
 * (test/fixtures/extract/real): lead and time lines belong to their item, a lead line after a block applies to
 * the block, "X chủ trì, phối hợp với Y", the issuer from the header block and the title after "BAN HÀNH",
 * an upward deadline sent with "gửi …", no deadline invented, crawled lines re-split at item numbers.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parsePlanParagraphs, type PlanDraft, textParagraphs } from '../../src/core/extract';
import { resplitCrawledLines } from '../../src/core/extract/crawled-text';

const REAL = path.join(__dirname, '..', 'fixtures', 'extract', 'real');
const drafts = new Map<string, PlanDraft>();
/** Each crawled text is read once for all its tests (the draft only: no workbook is written here). */
const draftOf = (name: string): PlanDraft => {
  if (!drafts.has(name))
    drafts.set(name, parsePlanParagraphs(textParagraphs(readFileSync(path.join(REAL, name), 'utf8'))));
  return drafts.get(name)!;
};

describe('a ministry plan attached to its decision (Quyết định 173/QĐ-BTP, crawled)', () => {
  test('lettered items are tasks of their area; their "Đơn vị chủ trì / phối hợp / Thời gian" lines are never tasks', () => {
    const d = draftOf('bo-tu-phap-173-2015-crawl.txt');
    const t = d.tasks.find((x) => x.code === 'II.1.b')!;
    expect(t.parent).toBe('II.1');
    expect(t.lead).toBe('Vụ Các vấn đề chung về xây dựng pháp luật');
    expect(t.partners).toBe('Văn phòng Bộ');
    expect(t.due).toBe('Quý I/2015');
    expect(d.tasks.filter((x) => /^(Đơn vị|Thời gian|Cơ quan)/u.test(x.title))).toEqual([]);
  });

  test('"Cuối năm, báo cáo …" gives no date: no deadline is read, none is made up', () => {
    const d = draftOf('bo-tu-phap-173-2015-crawl.txt');
    expect(d.deadline).toBeNull();
    expect(d.upwardDeadline).toBeNull();
  });

  test('the issuer is the header block’s body, not the signer', () => {
    const d = draftOf('bo-tu-phap-173-2015-crawl.txt');
    expect(d.issuer.value).toBe('Bộ Tư pháp');
    expect(d.superiorBody.value).toBeNull();
    expect(d.title.value).toMatch(/^Kế hoạch triển khai thực hiện chương trình phối hợp/iu);
  });
});

describe('a province’s decision with its action programme (Quyết định 435/QĐ-UBND Kon Tum, crawled)', () => {
  test('a lead line after the block 1.1–1.2 applies to both; "X chủ trì, phối hợp với Y" gives lead X, partners Y', () => {
    const d = draftOf('kon-tum-435-2020-crawl.txt');
    const [a, b, c] = ['II.1.1', 'II.1.2', 'II.1.3'].map((code) => d.tasks.find((x) => x.code === code)!);
    expect(a.lead).toBe('Các sở, ban, ngành; Ủy ban nhân dân các huyện, thành phố');
    expect(b.lead).toBe(a.lead);
    expect(a.due).toBe(b.due);
    expect(c.lead).toBe('Sở Lao động - Thương binh và xã hội');
    expect(c.partners).toBe('Liên đoàn Lao động tỉnh; các sở, ngành liên quan; Uỷ ban nhân dân các huyện, thành phố');
  });

  test('the title is what the decision issues; the upward deadline names whom it is sent to', () => {
    const d = draftOf('kon-tum-435-2020-crawl.txt');
    expect(d.title.value).toMatch(/^Chương trình hành động triển khai kế hoạch số 119-KH\/TU/iu);
    expect(d.issuer.value).toBe('Ủy ban nhân dân tỉnh Kon Tum');
    expect(d.deadline?.rule).toEqual({ kind: 'annual', day: 15, month: 11 });
    expect(d.upwardDeadline?.rule).toEqual({ kind: 'annual', day: 30, month: 11 });
    expect(d.upwardDeadline?.to).toBe('Bộ Lao động - Thương binh và Xã hội, Ủy ban nhân dân tỉnh');
  });

  test('crawled lines are re-split at item numbers: "… tiến bộ 1.1." / "Tổ chức …", "3. … 3.1. Rà soát …"', () => {
    const lines = [
      { text: '1. Tăng cường sự lãnh đạo của cấp ủy, tổ chức đảng 1.1.' },
      { text: 'Tổ chức nghiên cứu, tuyên truyền.' },
      { text: '3. Giải quyết tốt tranh chấp lao động và đình công 3.1. Rà soát, kiện toàn các thiết chế.' },
      { text: '- Cơ quan thực hiện: Sở Văn hóa - Thể thao và Du lịch chủ trì -Thời gian thực hiện: Hằng năm.' },
    ];
    expect(resplitCrawledLines(lines).map((l) => l.text)).toEqual([
      '1. Tăng cường sự lãnh đạo của cấp ủy, tổ chức đảng',
      '1.1. Tổ chức nghiên cứu, tuyên truyền.',
      '3. Giải quyết tốt tranh chấp lao động và đình công',
      '3.1. Rà soát, kiện toàn các thiết chế.',
      '- Cơ quan thực hiện: Sở Văn hóa - Thể thao và Du lịch chủ trì',
      '-Thời gian thực hiện: Hằng năm.',
    ]);
    // a year or an article number at the end of a line stays where it is
    expect(textParagraphs('Thực hiện từ năm 2020.\nTổ chức triển khai.').map((p) => p.text)).toEqual([
      'Thực hiện từ năm 2020.',
      'Tổ chức triển khai.',
    ]);
  });
});
