/**
 * A seeded 500-case fuzz run on every `npm test` (scripts/fuzz.ts; `npm run fuzz -- --n 10000` for the
 * long run). No crash, no hang, every file reported exactly once; the figures are printed.
 */
import { type Base, formatReport, loadCorpus, makeCase, runFuzz } from '../../scripts/fuzz';

let corpus: Base[];
beforeAll(async () => {
  corpus = await loadCorpus();
});

test('the corpus holds the sample, templates and the fixtures written by openpyxl and LibreOffice, plans included', () => {
  const names = corpus.map((b) => b.name);
  expect(names.some((n) => n.startsWith('template/'))).toBe(true);
  expect(names.some((n) => n.startsWith('openpyxl/'))).toBe(true);
  expect(names.some((n) => n.startsWith('libreoffice/'))).toBe(true);
  expect(corpus.filter((b) => b.kind === 'plan').length).toBeGreaterThanOrEqual(2);
});

test('a case is the same for the same seed and index, and differs from the base', () => {
  const a = makeCase(corpus, 7, 42);
  const b = makeCase(corpus, 7, 42);
  expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
  expect(a.mutations).toEqual(b.mutations);
  const changed = Array.from({ length: 20 }, (_, i) => makeCase(corpus, 7, i)).filter(
    (c) => !Buffer.from(c.bytes).equals(Buffer.from(c.base.bytes)),
  );
  expect(changed.length).toBeGreaterThanOrEqual(19);
});

test('500 seeded mutations: 0 crashes, 0 hangs, every file reported exactly once', async () => {
  const opts = { n: 500, seed: 2026, budgetMs: 30_000 };
  const report = await runFuzz(corpus, opts);
  console.log(formatReport(report, opts));
  expect(report.cases).toBe(500);
  expect(report.crashes).toEqual([]);
  expect(report.hangs).toEqual([]);
  expect(report.misreported).toEqual([]);
  // the run is not vacuous: some mutated files are still read, others are rejected for many reasons
  expect(report.outcomes.read).toBeGreaterThan(20);
  expect(Object.keys(report.outcomes).length).toBeGreaterThan(6);
}, 900_000); // jest's guard only, not a figure: a shared 2-core machine may take minutes

test('a case stuck in a synchronous endless loop is reported as a hang, its thread replaced, and the run finishes', async () => {
  // the deliberate bug: the reading thread spins in `while (true) {}` on every case that uses one mutation
  const opts = { n: 12, seed: 2026, budgetMs: 3_000, spinOn: 'truncate' };
  const spinning = Array.from({ length: opts.n }, (_, i) => i).filter((i) =>
    makeCase(corpus, opts.seed, i).mutations.includes(opts.spinOn),
  );
  expect(spinning.length).toBeGreaterThanOrEqual(1);
  expect(spinning.length).toBeLessThan(opts.n);
  const outcomes: string[] = [];
  const report = await runFuzz(corpus, { ...opts, onCase: (_, outcome) => void outcomes.push(outcome) });
  console.log(formatReport(report, opts));
  expect(report.cases).toBe(opts.n);
  expect(report.crashes).toEqual([]);
  // every stuck case is a hang (a case slow on a loaded machine may be one too: no timing is asserted)
  expect(report.hangs.map((h) => h.case)).toEqual(expect.arrayContaining(spinning));
  expect(report.hangs.every((h) => h.mutations.includes(opts.spinOn) || !spinning.includes(h.case))).toBe(true);
  // after the first hang, a new thread reads the next cases
  const firstHang = outcomes.indexOf('HANG');
  expect(outcomes.slice(firstHang + 1).some((o) => o !== 'HANG')).toBe(true);
}, 120_000);
