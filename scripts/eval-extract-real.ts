/**
 * The real corpus of `npm run eval:extract`: plans as they are really published (test/fixtures/extract/real/,
 * sources and licence notes in its SOURCES.md), each labelled by hand in real/expected/ before the parser ran on
 * it. Scored apart from the written corpus, per document and overall:
 *   - tasks: precision and recall (a task is found when its code and the start of its title agree), hierarchy
 *     errors (found by its title under another parent);
 *   - leads (Cơ quan chủ trì) right among the tasks found;
 *   - deadlines right: each task's own time limit where the plan gives one, and the plan's report deadlines
 *     (the agencies' and the upward one, `null` where the plan gives no date: a date made up is wrong);
 *   - header fields right: number, issuer, title (its first 40 letters), superior body (null when there is none);
 *   - a placeholder task on a document that has tasks (the stand-in written when no task was read).
 * Documents marked `heldBack` were not looked at while the rules were written.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { foldKey } from '../src/core/basics/text';
import { extractPlanDocument, type ExtractResult } from '../src/core/extract';
import { loadPdfjs } from '../src/cli/tools/pdf-ocr';

const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}build${path.sep}`) ? '../../..' : '..');
export const REAL_DIR = path.join(ROOT, 'test', 'fixtures', 'extract', 'real');

interface RealTask {
  code: string;
  parent: string;
  title: string;
  lead: string;
  partners: string;
  due: string;
}
interface RealExpected {
  documents: string[];
  issuerKind: string;
  heldBack: boolean;
  header: { number?: string | null; issuer?: string | null; title?: string | null; superiorBody?: string | null };
  deadline: unknown;
  upwardDeadline: unknown;
  tasks: RealTask[];
}

export type Ratio = [number, number];

export interface RealScore {
  document: string;
  /** The issuing body as labelled (`header.issuer`), for counting the bodies the corpus covers. */
  issuer: string;
  issuerKind: string;
  heldBack: boolean;
  expected: number;
  found: number;
  matched: number;
  hierarchyErrors: number;
  leads: Ratio;
  deadlines: Ratio;
  header: Ratio;
  placeholder: boolean;
  misses: string[];
}

export const REAL_GOALS = { precision: 0.95, recall: 0.95, leads: 0.9, deadlines: 0.9, header: 0.9 };

const TITLE_PREFIX = 24;
const titleKey = (t: string) => foldKey(t).slice(0, TITLE_PREFIX);
const codeKey = (c: string) => c.toUpperCase();
const same = (a: string | null | undefined, b: string | null | undefined) => foldKey(a ?? '') === foldKey(b ?? '');

function scoreHeader(exp: RealExpected['header'], r: ExtractResult, misses: string[]): Ratio {
  const d = r.draft;
  const got: Record<string, string | null> = {
    number: d.number.value,
    issuer: d.issuer.value,
    title: d.title.value,
    superiorBody: d.superiorBody.value,
  };
  let right = 0;
  let total = 0;
  for (const [key, want] of Object.entries(exp)) {
    total++;
    const have = got[key];
    const ok =
      key === 'title' ? foldKey(have ?? '').slice(0, 40) === foldKey(want ?? '').slice(0, 40) : same(have, want);
    if (ok) right++;
    else misses.push(`đầu văn bản ${key}: "${have ?? ''}" (cần "${want ?? ''}")`);
  }
  return [right, total];
}

function scoreDocument(file: string, exp: RealExpected, r: ExtractResult): RealScore {
  const misses: string[] = [];
  const got = r.draft.tasks;
  const used = new Set<(typeof got)[number]>();
  let matched = 0;
  let hierarchyErrors = 0;
  const leads: Ratio = [0, 0];
  const deadlines: Ratio = [0, 0];
  for (const e of exp.tasks) {
    const a = got.find(
      (g) => !used.has(g) && codeKey(g.code) === codeKey(e.code) && titleKey(g.title) === titleKey(e.title),
    );
    if (!a) {
      const elsewhere = got.find((g) => !used.has(g) && titleKey(g.title) === titleKey(e.title));
      if (elsewhere && codeKey(elsewhere.parent) !== codeKey(e.parent)) hierarchyErrors++;
      misses.push(`thiếu ${e.code} ${e.title.slice(0, 40)}${elsewhere ? ` (đọc thành ${elsewhere.code})` : ''}`);
      continue;
    }
    used.add(a);
    matched++;
    if (codeKey(a.parent) !== codeKey(e.parent)) hierarchyErrors++;
    leads[1]++;
    if (same(a.lead, e.lead)) leads[0]++;
    else misses.push(`chủ trì ${e.code}: "${a.lead}" (cần "${e.lead}")`);
    if (e.due) {
      deadlines[1]++;
      if (same(a.due, e.due)) deadlines[0]++;
      else misses.push(`thời hạn ${e.code}: "${a.due}" (cần "${e.due}")`);
    }
  }
  for (const g of got) if (!used.has(g)) misses.push(`thừa ${g.code} ${g.title.slice(0, 40)}`);
  for (const [label, want, have] of [
    ['hạn báo cáo', exp.deadline, r.draft.deadline?.rule ?? null],
    ['hạn báo cáo lên trên', exp.upwardDeadline, r.draft.upwardDeadline?.rule ?? null],
  ] as const) {
    deadlines[1]++;
    if (JSON.stringify(want) === JSON.stringify(have)) deadlines[0]++;
    else misses.push(`${label}: ${JSON.stringify(have)} (cần ${JSON.stringify(want)})`);
  }
  const header = scoreHeader(exp.header, r, misses);
  const placeholder = exp.tasks.length > 0 && r.draft.tasks.length === 0;
  return {
    ...{ document: file, issuer: exp.header.issuer ?? '', issuerKind: exp.issuerKind, heldBack: exp.heldBack },
    ...{ expected: exp.tasks.length, found: got.length, matched, hierarchyErrors },
    ...{ leads, deadlines, header, placeholder, misses },
  };
}

/** Every document of the real corpus scored against its labels. */
export async function evaluateRealCorpus(): Promise<RealScore[]> {
  const out: RealScore[] = [];
  const dir = path.join(REAL_DIR, 'expected');
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('.json'))
    .sort()) {
    const exp = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as RealExpected;
    for (const doc of exp.documents) {
      const bytes = new Uint8Array(readFileSync(path.join(REAL_DIR, doc)));
      const r = await extractPlanDocument(doc, bytes, { pdfjs: loadPdfjs });
      out.push(scoreDocument(doc, exp, r));
    }
  }
  return out;
}

const ratio = (r: Ratio) => (r[1] === 0 ? 1 : r[0] / r[1]);
const sumRatio = (rs: Ratio[]): Ratio => [rs.reduce((a, r) => a + r[0], 0), rs.reduce((a, r) => a + r[1], 0)];

export interface RealOverall {
  precision: number;
  recall: number;
  leads: number;
  deadlines: number;
  header: number;
  hierarchyErrors: number;
  placeholders: number;
}

export function realOverall(scores: RealScore[]): RealOverall {
  const matched = scores.reduce((a, s) => a + s.matched, 0);
  return {
    precision: ratio([matched, scores.reduce((a, s) => a + s.found, 0)]),
    recall: ratio([matched, scores.reduce((a, s) => a + s.expected, 0)]),
    leads: ratio(sumRatio(scores.map((s) => s.leads))),
    deadlines: ratio(sumRatio(scores.map((s) => s.deadlines))),
    header: ratio(sumRatio(scores.map((s) => s.header))),
    hierarchyErrors: scores.reduce((a, s) => a + s.hierarchyErrors, 0),
    placeholders: scores.filter((s) => s.placeholder).length,
  };
}

export function realGoalsMissed(o: RealOverall): string[] {
  const missed: string[] = [];
  for (const k of ['precision', 'recall', 'leads', 'deadlines', 'header'] as const)
    if (o[k] < REAL_GOALS[k]) missed.push(`${k} ${o[k].toFixed(2)} < ${REAL_GOALS[k]}`);
  if (o.placeholders > 0) missed.push(`${o.placeholders} placeholder task(s)`);
  return missed;
}

/** "17 documents (9 plans) from 9 issuing bodies: …". */
export function realCorpusSummary(scores: RealScore[]): string {
  const bodies = [...new Set(scores.map((s) => s.issuer))];
  const plans = new Set(scores.map((s) => `${s.issuer}|${s.document.replace(/(-crawl|-pdfcopy)?\.\w+$/, '')}`));
  return `${scores.length} documents (${plans.size} plans) from ${bodies.length} issuing bodies: ${bodies.join(', ')}.`;
}

export function formatRealTable(scores: RealScore[]): string {
  const head = [
    'document',
    'issuer',
    'held',
    'tasks exp/found',
    'P',
    'R',
    'hier.err',
    'lead',
    'deadlines',
    'header',
    'placeholder',
  ];
  const row = (label: string, kind: string, held: string, s: RealScore[]) => {
    const o = realOverall(s);
    const frac = (f: (x: RealScore) => Ratio) => `${sumRatio(s.map(f)).join('/')}`;
    return [
      ...[label, kind, held, `${s.reduce((a, x) => a + x.expected, 0)}/${s.reduce((a, x) => a + x.found, 0)}`],
      ...[o.precision.toFixed(2), o.recall.toFixed(2), String(o.hierarchyErrors)],
      ...[`${frac((x) => x.leads)} ${o.leads.toFixed(2)}`, `${frac((x) => x.deadlines)} ${o.deadlines.toFixed(2)}`],
      ...[`${frac((x) => x.header)} ${o.header.toFixed(2)}`, String(o.placeholders)],
    ];
  };
  const lines = [
    ...scores.map((s) => row(s.document, s.issuerKind, s.heldBack ? 'yes' : '', [s])),
    row(
      'OVERALL real (rules written on these)',
      '',
      '',
      scores.filter((s) => !s.heldBack),
    ),
    row(
      'OVERALL real (held back)',
      '',
      'yes',
      scores.filter((s) => s.heldBack),
    ),
    row('OVERALL real corpus', '', '', scores),
  ];
  const widths = head.map((h, c) => Math.max(h.length, ...lines.map((l) => l[c].length)));
  const fmt = (cells: string[]) =>
    cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const body = lines.map(fmt);
  body.splice(scores.length, 0, rule);
  return [fmt(head), rule, ...body].join('\n');
}
