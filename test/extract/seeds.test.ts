/**
 * Acceptance of each real plan of ../shared/seeds, as plain text and as the .docx and .pdf that
 * LibreOffice made of it (scripts/make-seed-fixtures.sh), is read into the plan written by hand in
 * test/extract/expected/. Plus a plan of our own invention in another style (real Word lists, a header table,
 * decimal sub-items, an appendix list, two deadlines).
 */
import { extractPlanDocument, type ExtractResult } from '../../src/core/extract';
import { expected, fixture, INVENTED, INVENTED_UBND, pdfjs, SEEDS } from './helpers';

const cases: [string, string][] = [
  ...[...SEEDS, INVENTED_UBND].flatMap((name) =>
    (['txt', 'docx', 'pdf'] as const).map((ext): [string, string] => [name, ext]),
  ),
  [INVENTED, 'docx'],
  [INVENTED, 'pdf'],
];

describe.each(cases)('%s.%s', (name, ext) => {
  const exp = expected(name);
  let r: ExtractResult;
  beforeAll(async () => {
    r = await extractPlanDocument(`${name}.${ext}`, fixture(`${name}.${ext}`), { pdfjs });
  });

  test('tasks: codes, titles, sections and leads exactly as in the document', () => {
    expect(r.draft.tasks.map(({ code, title, section, lead }) => ({ code, title, section, lead }))).toEqual(exp.tasks);
    // the plan contract compares codes in upper case ("III.1.a" is written "III.1.A")
    expect(r.plan.tasks.map((t) => t.code)).toEqual(exp.tasks.map((t) => t.code.toUpperCase()));
  });

  test('section headings', () => {
    expect(r.draft.sections).toEqual(exp.sections);
  });

  test('deadlines: the agencies’ and the upward one, implausible dates kept and flagged', () => {
    const pick = (d: ExtractResult['draft']['deadline']) => (d ? { rule: d.rule, needsReview: d.needsReview } : null);
    expect(pick(r.draft.deadline)).toEqual(exp.deadline);
    expect(pick(r.draft.upwardDeadline)).toEqual(exp.upwardDeadline);
    if (exp.deadline) expect(r.plan.deadline).toEqual(exp.deadline.rule);
    else {
      expect(r.plan.deadline).toEqual(exp.deadlinePlaceholder);
      expect(r.review.join('\n')).toMatch(/Hạn báo cáo.*không ghi hạn báo cáo/);
    }
    expect(r.plan.upwardDeadline).toEqual(exp.upwardDeadline?.rule ?? null);
    if (exp.upwardDeadline?.needsReview) expect(r.review.join('\n')).toContain('giữ nguyên như văn bản');
  });

  test('number, date, place, issuer, title, consolidator', () => {
    const d = r.draft;
    expect(d.number.value).toBe(exp.number);
    if (exp.numberPlaceholder) {
      expect(r.plan.number).toBe(exp.numberPlaceholder);
      expect(d.number.needsReview).toBe(true);
    } else expect(r.plan.number).toBe(exp.number);
    expect(d.issuedOn.value).toBe(exp.issuedOn);
    expect(d.issuedOn.needsReview).toBe(exp.issuedOn === null);
    expect(d.place.value).toBe(exp.place);
    expect(d.issuer.value).toBe(exp.issuer);
    expect(d.superiorBody.value).toBe(exp.superiorBody);
    expect(d.title.value).toBe(exp.title);
    expect(d.consolidator.value).toBe(exp.consolidator);
    expect(d.recipients.value).toBe(exp.recipients);
  });

  test('agencies: names as written, groups kept as groups', () => {
    expect(r.draft.agencies.map(({ name, group, kind }) => ({ name, group, kind }))).toEqual(exp.agencies);
    for (const a of r.draft.agencies) if (a.group) expect(a.needsReview).toBe(true);
    expect(new Set(r.plan.agencies.map((a) => a.code)).size).toBe(r.plan.agencies.length);
  });

  test('every task and agency points at the paragraph it came from', () => {
    for (const t of r.draft.tasks) {
      expect(t.source.paragraph).toBeGreaterThan(0);
      expect(r.paragraphs[t.source.paragraph - 1].text).toBe(t.source.text);
    }
    for (const a of r.draft.agencies) expect(r.paragraphs[a.source.paragraph - 1].text).toBe(a.source.text);
  });
});
