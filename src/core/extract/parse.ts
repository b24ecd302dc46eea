/**
 * Reading a plan document's paragraphs into a plan draft: header (number, place and date, issuer, title),
 * addressees (Kính gửi, appendix list, organisation part, Nơi nhận), the tasks with their numbering and
 * sections, and the reporting deadlines. Built on the conventions of Vietnamese administrative documents
 * (Nghị định 30/2020/NĐ-CP layout), not on any one plan.
 */
import { foldKey } from '../basics/text';
import {
  type Appendix,
  attachedPlan,
  isAppendixHeading,
  readAgencies,
  readAppendices,
  readSigner,
  strayTaskTables,
} from './closing';
import { findDeadlines, findPeriodEnd } from './deadlines';
import {
  appendixHead,
  field,
  findIndex,
  missing,
  readDate,
  readIssuer,
  readKinhGui,
  readNumber,
  readTitle,
} from './header';
import { buildItems, type Item, type Part, partKind, romanHeading } from './items';
import type { Paragraph } from './paragraphs';
import { collectTasks, numberTasks, type TaskCandidate } from './tasks';
import type { DraftDeadline, DraftField, PlanDraft } from './types';

/** The body split at its Roman headings; the tasks of every part that assigns work. */
function bodyTasks(body: Paragraph[], issuerKey: string): { candidates: TaskCandidate[]; orgRoots: Item[] } {
  const parts: { part: Part; paras: Paragraph[] }[] = [];
  let current: { part: Part; paras: Paragraph[] } = { part: { roman: '', heading: '', kind: 'tasks' }, paras: [] };
  parts.push(current);
  for (const p of body) {
    const rh = romanHeading(p.text);
    if (rh) {
      current = { part: { roman: rh.roman, heading: rh.heading, kind: partKind(rh.heading) }, paras: [] };
      parts.push(current);
    } else current.paras.push(p);
  }
  const hasRoman = parts.length > 1;
  const candidates: TaskCandidate[] = [];
  const orgRoots: Item[] = [];
  for (const { part, paras } of parts) {
    if (part.kind === 'purpose' || (hasRoman && part.roman === '')) continue;
    const roots = buildItems(paras, part);
    if (part.kind === 'organisation') orgRoots.push(...roots);
    candidates.push(...collectTasks(roots, issuerKey));
  }
  return { candidates, orgRoots };
}

/** A numbered table of tasks in an appendix: always read when it has columns (lead, time), else when the body has no tasks. */
function appendixTasks(appendices: Appendix[], bodyCount: number, issuerKey: string): TaskCandidate[] {
  const out: TaskCandidate[] = [];
  for (const a of appendices) {
    if (a.agencyList || a.items.length === 0) continue;
    const table = a.items.some((p) => / \| (Chủ trì|Phối hợp|Thời gian): /u.test(p.text));
    if (!table && (bodyCount > 0 || out.length > 0)) continue;
    const part: Part = { roman: '', heading: a.heading, kind: 'tasks' };
    const groups: { part: Part; paras: Paragraph[] }[] = [{ part, paras: [] }];
    for (const p of a.content) {
      const rh = /^([IVX]{1,4}|[A-H])\. (.+)$/u.exec(p.text);
      if (table && rh && !/ \| /.test(p.text))
        groups.push({ part: { roman: rh[1], heading: `${a.heading} › ${p.text}`, kind: 'tasks' }, paras: [] });
      else groups[groups.length - 1].paras.push(p);
    }
    // numbers that restart in each group are prefixed with the group ("II.1"); numbers running on are not
    const labels = groups.flatMap((g) => g.paras.map((p) => /^(\d+)\. /.exec(p.text)?.[1] ?? ''));
    const restarts = new Set(labels.filter(Boolean)).size < labels.filter(Boolean).length;
    for (const g of groups) {
      const gp = restarts ? g.part : { ...g.part, roman: '' };
      out.push(...collectTasks(buildItems(g.paras, gp), issuerKey));
    }
  }
  return out;
}

/** The agencies' deadline (the first; flagged when the plan gives several), the upward one, all of them. */
function readDeadlines(paras: Paragraph[], year: number | null, issuedOn: string | null) {
  const deadlines = findDeadlines(paras, { year, issuedOn });
  const agencyDeadlines = deadlines.filter((d) => d.role === 'agencies');
  // "xây dựng Kế hoạch … gửi về … trước ngày 28/2; Báo cáo kết quả … trước ngày 10/11": the report's date wins
  const reports = (d: DraftDeadline) => {
    const at = d.source.text.indexOf(d.text);
    return /báo cáo/iu.test(d.source.text.slice(Math.max(0, at - 160), at));
  };
  const deadline: DraftDeadline | null = agencyDeadlines.find(reports) ?? agencyDeadlines[0] ?? null;
  if (deadline && agencyDeadlines.some((d) => JSON.stringify(d.rule) !== JSON.stringify(deadline.rule))) {
    deadline.needsReview = true;
    deadline.reason = [
      deadline.reason,
      `Văn bản có ${agencyDeadlines.length} hạn báo cáo khác nhau: đã lấy hạn đầu tiên`,
    ]
      .filter(Boolean)
      .join('; ');
  }
  const upwardDeadline = deadlines.find((d) => d.role === 'upward') ?? null;
  const onward = deadlines.find((d) => d.recipients !== '');
  const recipients = onward ? field<string | null>(onward.recipients, onward.source) : missing<string>('');
  return { deadlines, deadline, upwardDeadline, recipients };
}

function consolidatorOf(deadline: DraftDeadline | null, issuer: DraftField<string | null>): DraftField<string | null> {
  if (deadline?.to) return field<string | null>(deadline.to, deadline.source);
  if (issuer.value)
    return field<string | null>(
      issuer.value,
      issuer.source,
      'Văn bản không nói rõ báo cáo gửi về đâu: tạm lấy cơ quan ban hành',
    );
  return missing<string>('Không tìm thấy cơ quan tổng hợp');
}

export function parsePlanParagraphs(paras: Paragraph[]): PlanDraft {
  const limit = Math.min(paras.length, 60);
  const firstRoman = findIndex(paras, (p) => romanHeading(p.text) !== null);
  const headLimit = firstRoman >= 0 ? Math.min(firstRoman, limit) : limit;
  const num = readNumber(paras, headLimit);
  const date = readDate(paras, headLimit);
  const title = readTitle(paras, headLimit);
  const kinhGui = readKinhGui(paras, headLimit);
  const headerStop = [num.idx, date.idx, title.khIdx, title.khInline].filter((i) => i >= 0);
  const capsEnd = headerStop.length > 0 ? Math.max(...headerStop) : -1;
  const bodyStart = Math.max(num.idx, date.idx, title.end, kinhGui.end, title.khIdx, title.khInline) + 1;
  const head = readIssuer(paras, capsEnd, bodyStart);
  const onlyAppendix = title.title.value === null ? appendixHead(paras) : null;
  if (onlyAppendix) title.title = onlyAppendix.title;
  const issuer = head.issuer.value === null && onlyAppendix ? onlyAppendix.issuer : head.issuer;
  const superiorBody = head.superiorBody;
  const issuerKey = issuer.value ? foldKey(issuer.value) : '';

  const closingIdx = findIndex(paras, (p) => /^nơi nhận\b/iu.test(p.text), bodyStart);
  // a decision with its plan after the signature: the plan's text is the body
  const attached = attachedPlan(paras, closingIdx);
  const appendixFrom = attached ? attached.bodyStart : closingIdx >= 0 ? closingIdx : bodyStart;
  const appendixIdx = findIndex(paras, isAppendixHeading, appendixFrom);
  const closingEnd = attached ? attached.titleIdx : appendixIdx;
  const bodyEnd = [attached ? -1 : closingIdx, appendixIdx]
    .filter((i) => i >= 0)
    .reduce((a, b) => Math.min(a, b), paras.length);
  const appendices = readAppendices(paras, appendixIdx);
  const decision = attached ? paras.slice(bodyStart, closingIdx) : [];
  const planStart = attached ? attached.bodyStart : bodyStart;
  const body = paras.slice(planStart, bodyEnd);
  const covered = (i: number) => (i >= planStart && i < bodyEnd) || (appendixIdx >= 0 && i >= appendixIdx);
  const stray = strayTaskTables(paras, covered);
  const { candidates, orgRoots } = bodyTasks(body, issuerKey);
  const fromTables = appendixTasks([...appendices, ...stray], candidates.length, issuerKey);
  const tasks = numberTasks([...candidates, ...fromTables]);
  const sections: string[] = [];
  for (const t of tasks) if (t.section && !sections.includes(t.section)) sections.push(t.section);

  const dl = readDeadlines(
    attached ? [...decision, ...body] : paras.slice(bodyStart, closingIdx >= 0 ? closingIdx : paras.length),
    date.year,
    date.issuedOn.value,
  );
  const consolidator = consolidatorOf(dl.deadline, issuer);
  const tableTasks = tasks.filter((t) => t.partners !== '' || t.due !== '');
  const agencies = readAgencies(paras, {
    ...{ appendices, kinhGui: kinhGui.names, orgRoots, tableTasks, closingIdx, appendixIdx: closingEnd, issuerKey },
    ...{ consolidator, place: date.place.value },
  });
  return {
    ...{ number: num.number, numberSuffix: num.suffix, title: title.title, issuer, superiorBody },
    ...{ issuedOn: date.issuedOn, year: date.year, place: date.place },
    ...readSigner(paras, closingIdx, closingEnd),
    ...{ consolidator, recipients: dl.recipients, deadline: dl.deadline, upwardDeadline: dl.upwardDeadline },
    ...{ deadlines: dl.deadlines, sections, tasks, agencies, periodEnd: findPeriodEnd(body) },
  };
}
