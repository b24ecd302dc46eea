/**
 * A Word document whose numbers are Word's automatic numbering (not typed): "I.", "1.", "a)" and bullets,
 * written with the `docx` library as Word writes numbering.xml. The numbers must come out as Word shows them.
 */
import { AlignmentType, Document, ImageRun, LevelFormat, Packer, Paragraph } from 'docx';
import { extractPlanDocument } from '../../src/core/extract';

async function planDocx(): Promise<Uint8Array> {
  const p = (text: string, level?: { ref: string; level: number }) =>
    new Paragraph(level ? { text, numbering: { reference: level.ref, level: level.level } } : { text });
  const doc = new Document({
    numbering: {
      config: [
        {
          reference: 'plan',
          levels: [
            { level: 0, format: LevelFormat.UPPER_ROMAN, text: '%1.', alignment: AlignmentType.LEFT },
            { level: 1, format: LevelFormat.DECIMAL, text: '%2.', alignment: AlignmentType.LEFT },
            { level: 2, format: LevelFormat.LOWER_LETTER, text: '%3)', alignment: AlignmentType.LEFT },
            { level: 3, format: LevelFormat.BULLET, text: '-', alignment: AlignmentType.LEFT },
          ],
        },
      ],
    },
    sections: [
      {
        children: [
          p('UBND TỈNH AN BÌNH'),
          p('SỞ TƯ PHÁP'),
          p('Số: 44/KH-STP'),
          p('An Bình, ngày 12 tháng 6 năm 2024'),
          p('KẾ HOẠCH'),
          p('Phổ biến, giáo dục pháp luật năm 2024'),
          p('Thực hiện chỉ đạo của UBND tỉnh, Sở Tư pháp ban hành Kế hoạch như sau:'),
          p('MỤC ĐÍCH, YÊU CẦU', { ref: 'plan', level: 0 }),
          p('Nâng cao ý thức chấp hành pháp luật.'),
          p('NHIỆM VỤ', { ref: 'plan', level: 0 }),
          p('Tuyên truyền trên báo, đài', { ref: 'plan', level: 1 }),
          p('Xây dựng chuyên mục pháp luật hằng tháng.', { ref: 'plan', level: 2 }),
          p('Phát hành tờ gấp pháp luật.', { ref: 'plan', level: 2 }),
          p('Tổ chức hội nghị phổ biến pháp luật:', { ref: 'plan', level: 1 }),
          p('Cho cán bộ, công chức.', { ref: 'plan', level: 3 }),
          p('Cho người lao động.', { ref: 'plan', level: 3 }),
          p('TỔ CHỨC THỰC HIỆN', { ref: 'plan', level: 0 }),
          p('Các sở, ban, ngành gửi báo cáo về Sở Tư pháp trước ngày 20/11/2024.'),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

test('Word numbering "I.", "1.", "a)" and bullets read as Word shows them', async () => {
  const r = await extractPlanDocument('ke-hoach.docx', await planDocx());
  const texts = r.paragraphs.map((p) => p.text);
  expect(texts).toEqual(
    expect.arrayContaining([
      'I. MỤC ĐÍCH, YÊU CẦU',
      'II. NHIỆM VỤ',
      '1. Tuyên truyền trên báo, đài',
      'a) Xây dựng chuyên mục pháp luật hằng tháng.',
      'b) Phát hành tờ gấp pháp luật.',
      '2. Tổ chức hội nghị phổ biến pháp luật:',
      '- Cho cán bộ, công chức.',
      'III. TỔ CHỨC THỰC HIỆN',
    ]),
  );
  expect(r.draft.tasks.map((t) => [t.code, t.section])).toEqual([
    ['1.a', 'II. NHIỆM VỤ › 1. Tuyên truyền trên báo, đài'],
    ['1.b', 'II. NHIỆM VỤ › 1. Tuyên truyền trên báo, đài'],
    ['2.1', 'II. NHIỆM VỤ › 2. Tổ chức hội nghị phổ biến pháp luật'],
    ['2.2', 'II. NHIỆM VỤ › 2. Tổ chức hội nghị phổ biến pháp luật'],
  ]);
  expect(r.draft.deadline?.rule).toEqual({ kind: 'fixed', date: '2024-11-20' });
  expect(r.draft.number.value).toBe('44/KH-STP');
});

test('a Word file holding only a picture (a scan pasted into Word) asks for OCR', async () => {
  // a 1×1 PNG
  const png = Uint8Array.from(
    Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    ),
  );
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({
            children: [new ImageRun({ type: 'png', data: png, transformation: { width: 600, height: 800 } })],
          }),
        ],
      },
    ],
  });
  const bytes = new Uint8Array(await Packer.toBuffer(doc));
  await expect(extractPlanDocument('ban-scan.docx', bytes)).rejects.toThrow(/chỉ có hình ảnh.*OCR/s);
});

test('a date line without the place name: "Ngày 22 tháng 5 năm 2024"', async () => {
  const doc = new Document({
    sections: [
      {
        children: ['SỞ Y TẾ', 'Số: 9/KH-SYT', 'Ngày 22 tháng 5 năm 2024', 'KẾ HOẠCH', 'Thử nghiệm', '1. Việc một.'].map(
          (text) => new Paragraph({ text }),
        ),
      },
    ],
  });
  const r = await extractPlanDocument('kh.docx', new Uint8Array(await Packer.toBuffer(doc)));
  expect(r.draft.issuedOn.value).toBe('2024-05-22');
  expect(r.draft.title.value).toBe('Thử nghiệm');
  expect(r.draft.issuer.value).toBe('Sở y tế');
  expect(r.draft.issuer.needsReview).toBe(true); // the case was guessed from capitals
});
