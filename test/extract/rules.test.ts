/**
 * The reading rules on small documents a clerk could receive: deadlines in their usual wordings, who reports
 * to whom, implausible dates kept and flagged, groups expanded with the clerk's list, unreadable files.
 */
import { haTinhPlan, socTrangPlan } from '../../src/sample/sample';
import { ExtractError, extractPlanDocument, parsePlanParagraphs, textParagraphs } from '../../src/core/extract';
import { agencyKind, isGroupName } from '../../src/core/extract/agencies';
import { fixture, pdfjs } from './helpers';

const draftOf = (text: string) => parsePlanParagraphs(textParagraphs(text));
const enc = (text: string) => new TextEncoder().encode(text);

const HEAD = `UBND TỈNH AN BÌNH
SỞ Y TẾ
Số: 12/KH-SYT
An Bình, ngày 20 tháng 5 năm 2024
KẾ HOẠCH
Phòng chống dịch bệnh mùa hè năm 2024
Thực hiện chỉ đạo của UBND tỉnh, Sở Y tế xây dựng Kế hoạch như sau:
I. NHIỆM VỤ
1. Tuyên truyền phòng chống dịch bệnh.
2. Giám sát ổ dịch tại cơ sở.
II. TỔ CHỨC THỰC HIỆN
`;

describe('deadlines', () => {
  test('"trước ngày 10 tháng 7 năm 2024" sent to the consolidator is the agencies’ deadline', () => {
    const d = draftOf(HEAD + 'Các đơn vị gửi báo cáo kết quả về Sở Y tế trước ngày 10 tháng 7 năm 2024.');
    expect(d.deadline?.rule).toEqual({ kind: 'fixed', date: '2024-07-10' });
    expect(d.deadline?.to).toBe('Sở Y tế');
    expect(d.deadline?.needsReview).toBe(false);
    expect(d.consolidator.value).toBe('Sở Y tế');
  });

  test('"trước ngày 15/12 hằng năm" is annual; the upward deadline without a year follows it, flagged', () => {
    const d = draftOf(
      HEAD +
        'Định kỳ, các đơn vị gửi báo cáo về Sở Y tế trước ngày 15/12 hằng năm để tổng hợp, báo cáo UBND tỉnh, Bộ Y tế trước ngày 31/12.',
    );
    expect(d.deadline?.rule).toEqual({ kind: 'annual', day: 15, month: 12 });
    expect(d.upwardDeadline?.rule).toEqual({ kind: 'annual', day: 31, month: 12 });
    expect(d.upwardDeadline?.needsReview).toBe(true);
    expect(d.recipients.value).toBe('UBND tỉnh, Bộ Y tế');
  });

  test('"chậm nhất đến ngày 30/6/2024" and "chậm nhất là ngày 05/7/2024"', () => {
    expect(draftOf(HEAD + 'Các đơn vị gửi kết quả về Sở Y tế chậm nhất đến ngày 30/6/2024.').deadline?.rule).toEqual({
      kind: 'fixed',
      date: '2024-06-30',
    });
    expect(draftOf(HEAD + 'Báo cáo gửi về Sở Y tế chậm nhất là ngày 05/7/2024.').deadline?.rule).toEqual({
      kind: 'fixed',
      date: '2024-07-05',
    });
  });

  test('a date before the plan’s own date is kept as written and flagged, never corrected', async () => {
    const text = HEAD + 'Các đơn vị gửi báo cáo về Sở Y tế trước ngày 10/5/2024.';
    const r = await extractPlanDocument('ke-hoach.txt', enc(text));
    expect(r.draft.deadline?.rule).toEqual({ kind: 'fixed', date: '2024-05-10' });
    expect(r.plan.deadline).toEqual({ kind: 'fixed', date: '2024-05-10' });
    expect(r.draft.deadline?.reason).toContain('trước ngày ban hành');
    expect(r.review.join('\n')).toContain('giữ nguyên như văn bản');
  });

  test('the date before the words: "Trước ngày 15/12 hằng năm, các sở … báo cáo … về UBND tỉnh (qua Sở …)"', () => {
    const d = draftOf(
      HEAD +
        'Trước ngày 15/12 hằng năm, các sở, ban, ngành báo cáo kết quả thực hiện về UBND tỉnh (qua Sở Y tế) để tổng hợp. Trước ngày 25 tháng 12 hằng năm, Sở Y tế tổng hợp, báo cáo UBND tỉnh.',
    );
    expect(d.deadline?.rule).toEqual({ kind: 'annual', day: 15, month: 12 });
    expect(d.deadline?.to).toBe('Sở Y tế');
    expect(d.upwardDeadline?.rule).toEqual({ kind: 'annual', day: 25, month: 12 });
    expect(d.upwardDeadline?.to).toBe('UBND tỉnh');
  });

  test('"trước 17 giờ ngày 20/12/2024" and "định kỳ hằng năm, trước ngày 15/12"', () => {
    expect(draftOf(HEAD + 'Các đơn vị gửi báo cáo về Sở Y tế trước 17 giờ ngày 20/12/2024.').deadline?.rule).toEqual({
      kind: 'fixed',
      date: '2024-12-20',
    });
    const d = draftOf(HEAD + 'Định kỳ hằng năm, các đơn vị gửi báo cáo về Sở Y tế trước ngày 15/12.');
    expect(d.deadline?.rule).toEqual({ kind: 'annual', day: 15, month: 12 });
    expect(d.deadline?.needsReview).toBe(false);
  });

  test('dates that are not reporting deadlines are ignored; the implementation period end is kept', () => {
    const d = draftOf(HEAD + 'Luật có hiệu lực từ ngày 01/7/2024. Thời gian: từ ngày 01/6/2024 đến ngày 31/8/2024.');
    expect(d.deadlines).toEqual([]);
    expect(d.deadline).toBeNull();
    expect(d.periodEnd).toBe('2024-08-31');
  });
});

describe('tasks and agencies in other styles', () => {
  test('decimal sub-items "1.1." and letters "a)" keep their hierarchy and codes', () => {
    const d = draftOf(`KẾ HOẠCH
Thử nghiệm
II. NHIỆM VỤ VÀ GIẢI PHÁP
1. Công tác tuyên truyền
1.1. In tờ rơi phát tại các xã.
1.2. Phát thanh trên loa truyền thanh.
2. Công tác kiểm tra:
a) Kiểm tra cơ sở sản xuất.
b) Kiểm tra chợ đầu mối.
`);
    expect(d.tasks.map((t) => [t.code, t.section])).toEqual([
      ['1.1', 'II. NHIỆM VỤ VÀ GIẢI PHÁP › 1. Công tác tuyên truyền'],
      ['1.2', 'II. NHIỆM VỤ VÀ GIẢI PHÁP › 1. Công tác tuyên truyền'],
      ['2.a', 'II. NHIỆM VỤ VÀ GIẢI PHÁP › 2. Công tác kiểm tra'],
      ['2.b', 'II. NHIỆM VỤ VÀ GIẢI PHÁP › 2. Công tác kiểm tra'],
    ]);
  });

  test('"1/", "a/" and capital-letter parts "A. …", "B. …"', () => {
    const d = draftOf(`KẾ HOẠCH
Thử nghiệm
A. MỤC ĐÍCH, YÊU CẦU
1/ Nâng cao nhận thức.
B. NHIỆM VỤ CỤ THỂ
1/ Công tác tuyên truyền:
a/ Treo băng rôn tại trụ sở.
b/ Phát tờ rơi tại chợ.
2/ Ra quân dọn vệ sinh.
`);
    expect(d.tasks.map((t) => [t.code, t.section])).toEqual([
      ['1.a', 'B. NHIỆM VỤ CỤ THỂ › 1/ Công tác tuyên truyền'],
      ['1.b', 'B. NHIỆM VỤ CỤ THỂ › 1/ Công tác tuyên truyền'],
      ['2', 'B. NHIỆM VỤ CỤ THỂ'],
    ]);
  });

  test('letters follow in Vietnamese (d, đ, e, g) or in Word’s order (d, e, f)', () => {
    const viet = draftOf(
      'KẾ HOẠCH\nThử\n1. Kiểm tra:\nd) Việc một.\nđ) Việc hai.\ne) Việc ba.\ng) Việc bốn.\n2. Tổng kết.',
    );
    expect(viet.tasks.map((t) => t.code)).toEqual(['1.d', '1.đ', '1.e', '1.g', '2']);
    const word = draftOf('KẾ HOẠCH\nThử\n1. Kiểm tra:\nd) Việc một.\ne) Việc hai.\nf) Việc ba.\n2. Tổng kết.');
    expect(word.tasks.map((t) => t.code)).toEqual(['1.d', '1.e', '1.f', '2']);
  });

  test('"Nơi nhận" recipients for information (b/c, để biết) are not reporters', () => {
    const d = draftOf(`KẾ HOẠCH
Thử nghiệm
1. Tổ chức ra quân vệ sinh môi trường.
Nơi nhận:
- UBND tỉnh (b/c);
- Sở Tư pháp (để biết);
- Phòng Văn hóa - Thông tin huyện;
- UBND các xã, thị trấn;
- Lưu: VT.
`);
    expect(d.agencies.map((a) => [a.name, a.group, a.from])).toEqual([
      ['Phòng Văn hóa - Thông tin huyện', false, 'noi-nhan'],
      ['UBND các xã, thị trấn', true, 'noi-nhan'],
    ]);
  });

  test('with the clerk’s list, "UBND các huyện, thị xã, thành phố" becomes the 11 districts (Sóc Trăng)', async () => {
    const list = socTrangPlan().agencies;
    const r = await extractPlanDocument('st.txt', fixture('soc-trang-ngay-da-dang-sinh-hoc-2024.txt'), {
      agencies: list,
    });
    expect(r.draft.agencies.filter((a) => a.group)).toEqual([]);
    const localities = r.plan.agencies.filter((a) => a.kind === 'locality');
    expect(localities.map((a) => a.code).sort()).toEqual(
      list
        .filter((a) => a.kind === 'locality')
        .map((a) => a.code)
        .sort(),
    );
    expect(r.plan.agencies).toHaveLength(list.length);
    // named agencies take the list's codes, even when the document writes them differently
    expect(r.plan.agencies.find((a) => a.name === 'Hội Nông dân tỉnh')?.code).toBe('ST-HND');
    expect(r.draft.agencies.every((a) => !a.needsReview)).toBe(true);
    expect(r.review.join('\n')).not.toContain('nhóm đơn vị');
  });

  test('with the clerk’s list, the Hà Tĩnh groups are expanded by kind and by name', async () => {
    const list = haTinhPlan().agencies;
    const r = await extractPlanDocument('ht.docx', fixture('ha-tinh-trien-khai-ke-hoach-588-da-dang-sinh-hoc.docx'), {
      agencies: list,
    });
    expect(r.plan.agencies.map((a) => a.code).sort()).toEqual(list.map((a) => a.code).sort());
    const ubmttq = r.draft.agencies.find((a) => a.code === 'HT-UBMTTQ');
    expect(ubmttq?.expandedFrom).toBe('');
  });
});

describe('a people’s committee plan in markdown: two-line header, title starting "Thực hiện", tables', () => {
  const md = `ỦY BAN NHÂN DÂN
TỈNH AN BÌNH

Số: 301/KH-UBND

An Bình, ngày 02 tháng 4 năm 2025

## KẾ HOẠCH

### Thực hiện Chương trình phát triển cây xanh đô thị năm 2025

Kính gửi:
Các sở, ban, ngành tỉnh;
UBND các xã, phường.

Căn cứ Nghị quyết của Hội đồng nhân dân tỉnh, Ủy ban nhân dân tỉnh An Bình ban hành Kế hoạch như sau:

PHẦN I. MỤC TIÊU

1. Trồng mới 10.000 cây xanh.

PHẦN II. NHIỆM VỤ

| STT | Nhiệm vụ | Cơ quan chủ trì | Thời hạn |
|---|---|---|---|
| 1 | Rà soát quỹ đất trồng cây | Sở Xây dựng | Quý II |
| 2 | Tổ chức trồng cây tại trường học | Sở Giáo dục và Đào tạo | Quý III |

PHẦN III. KINH PHÍ

1. Ngân sách tỉnh bảo đảm.

Các cơ quan, đơn vị gửi báo cáo về Sở Xây dựng trước ngày 05 tháng 12 năm 2025 để tổng hợp, báo cáo UBND tỉnh.
`;
  const d = draftOf(md);

  test('issuer on two capitalised lines, title after "KẾ HOẠCH" even when it starts with "Thực hiện"', () => {
    expect(d.issuer.value).toBe('Ủy ban nhân dân tỉnh An Bình');
    expect(d.title.value).toBe('Thực hiện Chương trình phát triển cây xanh đô thị năm 2025');
    expect(d.number.value).toBe('301/KH-UBND');
    expect(d.issuedOn.value).toBe('2025-04-02');
  });

  test('"Kính gửi" lines without dashes', () => {
    expect(d.agencies.map((a) => [a.name, a.group, a.kind])).toEqual([
      ['Các sở, ban, ngành tỉnh', true, 'department'],
      ['UBND các xã, phường', true, 'locality'],
    ]);
  });

  test('tasks from a numbered table with their lead; objectives and budget parts are not tasks', () => {
    expect(d.tasks.map((t) => [t.code, t.title, t.lead, t.section])).toEqual([
      ['1', 'Rà soát quỹ đất trồng cây', 'Sở Xây dựng', 'PHẦN II. NHIỆM VỤ'],
      ['2', 'Tổ chức trồng cây tại trường học', 'Sở Giáo dục và Đào tạo', 'PHẦN II. NHIỆM VỤ'],
    ]);
    expect(d.deadline?.rule).toEqual({ kind: 'fixed', date: '2025-12-05' });
    expect(d.consolidator.value).toBe('Sở Xây dựng');
  });
});

test('a markdown header table, rules "-----" and a one-line capitalised title, as a PDF would print them', () => {
  const d = draftOf(`| UBND TỈNH AN BÌNH | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
|---|---|
| SỞ CÔNG THƯƠNG | Độc lập - Tự do - Hạnh phúc |
| Số: 7/KH-SCT | An Bình, ngày 3 tháng 1 năm 2025 |
-----
KẾ HOẠCH KIỂM TRA AN TOÀN THỰC PHẨM NĂM 2025
-----
1. Kiểm tra các chợ đầu mối.
2. Kiểm tra cơ sở sản xuất.
---
Các đơn vị gửi báo cáo về Sở Công Thương trước ngày 30/11/2025.
`);
  expect(d.issuer.value).toBe('Sở Công Thương'); // as the body writes it
  expect(d.superiorBody.value).toBe('UBND tỉnh An Bình');
  expect(d.number.value).toBe('7/KH-SCT');
  expect(d.issuedOn.value).toBe('2025-01-03');
  expect(d.title.value).toBe('Kiểm tra an toàn thực phẩm năm 2025');
  expect(d.tasks.map((t) => [t.code, t.title])).toEqual([
    ['1', 'Kiểm tra các chợ đầu mối'],
    ['2', 'Kiểm tra cơ sở sản xuất'],
  ]);
  expect(d.deadline?.rule).toEqual({ kind: 'fixed', date: '2025-11-30' });
});

test('appendices: a task table is not an agency list; it gives the tasks when the body has none', () => {
  const d = draftOf(`UBND TỈNH AN BÌNH
SỞ Y TẾ
Số: 20/KH-SYT
An Bình, ngày 3 tháng 3 năm 2025
KẾ HOẠCH
Tiêm chủng mở rộng năm 2025
Kính gửi:
- Trung tâm Kiểm soát bệnh tật tỉnh;
- UBND các huyện, thành phố.
Các đơn vị triển khai các nhiệm vụ tại Phụ lục I, gửi báo cáo về Sở Y tế trước ngày 15/12/2025.
Nơi nhận:
- Như trên;
- Lưu: VT.
PHỤ LỤC I
PHÂN CÔNG NHIỆM VỤ
| STT | Nhiệm vụ | Cơ quan chủ trì |
|---|---|---|
| 1 | Tổ chức tiêm chủng tại trạm y tế | Trung tâm Kiểm soát bệnh tật tỉnh |
| 2 | Tuyên truyền lợi ích tiêm chủng | UBND các huyện, thành phố |
`);
  expect(d.tasks.map((t) => [t.code, t.title, t.lead, t.section])).toEqual([
    ['1', 'Tổ chức tiêm chủng tại trạm y tế', 'Trung tâm Kiểm soát bệnh tật tỉnh', 'PHỤ LỤC I PHÂN CÔNG NHIỆM VỤ'],
    ['2', 'Tuyên truyền lợi ích tiêm chủng', 'UBND các huyện, thành phố', 'PHỤ LỤC I PHÂN CÔNG NHIỆM VỤ'],
  ]);
  expect(d.agencies.map((a) => [a.name, a.from])).toEqual([
    ['Trung tâm Kiểm soát bệnh tật tỉnh', 'kinh-gui'],
    ['UBND các huyện, thành phố', 'kinh-gui'],
  ]);
  expect(d.deadline?.rule).toEqual({ kind: 'fixed', date: '2025-12-15' });
});

test('group phrases with a title in front are expanded too ("Thủ trưởng các sở, ban, ngành", "Chủ tịch UBND các huyện")', async () => {
  const text = `KẾ HOẠCH
Thử nghiệm
Kính gửi:
- Thủ trưởng các sở, ban, ngành tỉnh;
- Chủ tịch UBND các huyện, thị xã, thành phố.
1. Tổng kết công tác năm.
Các đơn vị gửi báo cáo về Sở Nội vụ trước ngày 10/12/2024.
`;
  const list = socTrangPlan().agencies;
  const r = await extractPlanDocument('kh.txt', enc(text), { agencies: list });
  expect(r.plan.agencies.map((a) => a.code).sort()).toEqual(
    list
      .filter((a) => a.kind !== 'organisation')
      .map((a) => a.code)
      .sort(),
  );
});

test('kinds and groups read from agency names', () => {
  const kinds = [
    ['Sở Y tế', 'department'],
    ['Công an tỉnh', 'department'],
    ['Bộ Chỉ huy Quân sự tỉnh', 'department'],
    ['Bộ đội Biên phòng tỉnh', 'department'],
    ['Bảo hiểm xã hội tỉnh', 'department'],
    ['Ngân hàng Nhà nước chi nhánh tỉnh', 'department'],
    ['Vườn Quốc gia Vũ Quang', 'department'],
    ['Ủy ban MTTQ Việt Nam tỉnh', 'organisation'],
    ['Hội Nông dân tỉnh', 'organisation'],
    ['Tỉnh đoàn', 'organisation'],
    ['Liên minh Hợp tác xã tỉnh', 'organisation'],
    ['UBND huyện Kế Sách', 'locality'],
    ['UBND các xã, phường', 'locality'],
  ];
  expect(kinds.map(([name]) => [name, agencyKind(name).kind])).toEqual(kinds);
  expect(
    [
      'Các sở, ban, ngành',
      'UBND các huyện, thị xã, thành phố',
      'Ban Quản lý các Khu công nghiệp',
      'Các hoạt động tuyên truyền',
    ].map(isGroupName),
  ).toEqual([true, true, false, false]);
});

describe('documents that cannot be read', () => {
  test('a scanned PDF (pictures only) asks for OCR first', async () => {
    await expect(extractPlanDocument('scan.pdf', fixture('scanned-soc-trang-page1.pdf'), { pdfjs })).rejects.toThrow(
      /không có lớp chữ.*OCR/s,
    );
  });

  test('an old .doc, a broken .docx, an empty file get a Vietnamese message naming the file', async () => {
    await expect(extractPlanDocument('ke-hoach.doc', enc('\u00d0\u00cf\u0011\u00e0 old word'))).rejects.toThrow(
      /ke-hoach\.doc.*\.docx/,
    );
    await expect(extractPlanDocument('ke-hoach.docx', enc('PK\u0003\u0004 not really a zip'))).rejects.toThrow(
      ExtractError,
    );
    await expect(extractPlanDocument('trong.txt', enc('  \n \n'))).rejects.toThrow(/trong\.txt không có nội dung chữ/);
  });

  test('a text without any numbered task or agency still gives a valid plan with marked placeholders', async () => {
    const r = await extractPlanDocument('ghi-chu.txt', enc('Ghi chú cuộc họp giao ban tuần.'));
    expect(r.plan.tasks).toHaveLength(1);
    expect(r.draft.tasks).toEqual([]);
    expect(r.review.join('\n')).toMatch(/Số văn bản.*Không tìm thấy số văn bản/);
    expect(r.sheets.find((s) => s.name === 'Nhiệm vụ')!.rows[1][5]).toMatch(/nhập các nhiệm vụ/);
  });
});
