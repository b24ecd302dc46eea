/**
 * Whatever the document says, extract-plan never throws on text and always drafts a workbook that readPlan
 * accepts (placeholders are marked, never invalid). Documents are made of pieces of real plans shuffled, cut,
 * repeated and mixed with noise.
 */
import * as fc from 'fast-check';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { readPlan, readWorkbookGrid } from '../../src/core';
import { extractPlanDocument } from '../../src/core/extract';
import { SEEDS, SEEDS_DIR } from './helpers';

const lines = SEEDS.flatMap((name) => readFileSync(path.join(SEEDS_DIR, `${name}.txt`), 'utf8').split('\n')).filter(
  (l) => l.trim() !== '',
);
const pieces = [
  ...lines,
  'I. NHIỆM VỤ',
  'III. TỔ CHỨC THỰC HIỆN',
  'PHỤ LỤC',
  'Kính gửi:',
  'Nơi nhận:',
  '1. ...',
  'a) :',
  '- ;',
  '| 1 | |',
  '| STT | Tên |',
  'trước ngày 31/02/2024',
  'chậm nhất đến ngày 99/99/9999',
  '=SUM(A1:A9)',
  '+ @cmd',
  // text copied out of a PDF: page numbers, running headers, the two header columns and the signature interleaved
  '2',
  'Trang 3/7',
  'Kế hoạch trồng rừng năm 2025 – Sở Nông nghiệp và Môi trường',
  'UBND TỈNH NINH AN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Số: 215/KH-SNNMT Ninh An, ngày 14 tháng 3 năm 2025',
  'Nơi nhận: KT. GIÁM ĐỐC',
  '- UBND tỉnh (b/c); PHÓ GIÁM ĐỐC',
  '- Lưu: VT, KL. Trần Minh Khoa',
  'giai đoạn 2021 -',
  '2030 trên địa bàn tỉnh',
  '• Hoàn thành trong quý II.',
  // a task table as the Word and PDF readers write it
  'Phụ lục: Danh mục nhiệm vụ',
  'I. THU GOM, PHÂN LOẠI RÁC THẢI',
  '1. Lắp đặt thùng rác | Chủ trì: UBND các huyện | Phối hợp: Sở Xây dựng | Thời gian: 30/9/2025',
  '2. | Chủ trì: | Thời gian:',
];

const docArb = fc
  .array(
    fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...pieces) },
      { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
    ),
    { minLength: 1, maxLength: 60 },
  )
  .map((ls) => ls.join('\n'));

test('any mix of plan pieces gives a valid plan workbook', async () => {
  await fc.assert(
    fc.asyncProperty(docArb, async (text) => {
      if (text.trim() === '') return;
      let r;
      try {
        r = await extractPlanDocument('tron.txt', new TextEncoder().encode(text));
      } catch (e) {
        // an empty text is the only refusal of a text file
        expect((e as Error).message).toContain('không có nội dung chữ');
        return;
      }
      const res = readPlan(await readWorkbookGrid(r.workbook), 'tron.xlsx');
      if (!res.ok) throw new Error(`${JSON.stringify(res.problems.slice(0, 3))}\n--- document:\n${text}`);
      expect(res.plan.tasks.map((t) => t.code)).toEqual(r.plan.tasks.map((t) => t.code));
      expect(res.plan.agencies).toHaveLength(r.plan.agencies.length);
    }),
    { numRuns: 150, seed: Number(process.env.EXTRACT_FC_SEED ?? 8) },
  );
});
