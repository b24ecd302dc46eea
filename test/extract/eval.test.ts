/**
 * extract-plan on plans it was not written for. The evaluation of `npm run eval:extract` (corpus in
 * test/fixtures/extract, expected plans written by hand) must meet its goals: task F1 ≥ 0.95 and no hierarchy
 * error on every text document, F1 ≥ 0.85 on scans; the agencies' deadline exact on text documents.
 * Scans are read by OCR: this test needs tesseract-ocr, tesseract-ocr-vie and poppler-utils (CI installs them)
 * and fails when they are missing.
 */
import { type DocumentScore, evaluateCorpus, formatTable, GOALS } from '../../scripts/eval-extract';

let scores: DocumentScore[];
beforeAll(async () => {
  scores = await evaluateCorpus();
  console.log(formatTable(scores));
}, 300_000);

test('the corpus holds at least 12 documents: 3 copied from PDFs, 3 with task tables, 2 scans', () => {
  expect(scores.length).toBeGreaterThanOrEqual(12);
  expect(
    scores.filter((s) => s.document.startsWith('pdfcopy-') && s.document.endsWith('.txt')).length,
  ).toBeGreaterThanOrEqual(3);
  expect(scores.filter((s) => s.document.startsWith('table-')).length).toBeGreaterThanOrEqual(3);
  expect(scores.filter((s) => s.scan).length).toBeGreaterThanOrEqual(2);
});

test('text documents: task F1 ≥ 0.95, no task under the wrong parent, the deadline exact', () => {
  const text = scores.filter((s) => !s.scan);
  expect(
    text
      .filter((s) => s.f1 < GOALS.textF1 || s.hierarchyErrors > 0)
      .map((s) => [s.document, s.f1, s.hierarchyErrors, s.misses]),
  ).toEqual([]);
  expect(text.filter((s) => !s.deadlineExact).map((s) => s.document)).toEqual([]);
});

test('task tables: every lead and every time limit read', () => {
  for (const s of scores.filter((x) => x.document.startsWith('table-'))) {
    expect([s.document, s.leads[0]]).toEqual([s.document, s.leads[1]]);
    expect([s.document, s.dues[0]]).toEqual([s.document, s.dues[1]]);
  }
});

test('scans read by OCR: task F1 ≥ 0.85', () => {
  const scans = scores.filter((s) => s.scan);
  expect(scans.filter((s) => s.f1 < GOALS.scanF1).map((s) => [s.document, s.f1, s.misses])).toEqual([]);
});
