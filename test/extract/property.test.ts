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
