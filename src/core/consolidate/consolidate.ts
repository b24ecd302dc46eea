/**
 * consolidate(plan, submissions, asOf): who reported on time, late, not at all; what each task achieved;
 * per group (departments, each district or area, organisations) and overall. Pure and deterministic:
 * the same inputs give the same result whatever the order of the submissions.
 */
import { choosePeriod } from '../basics/dates';
import type { AgencyKind, Finding, Plan, Submission } from '../basics/model';
import { agencyResult } from './timing';
import { taskResults } from './tasks';
import { rowCountOf } from './packed-rows';
import type {
  AgencyResult,
  ConsolidateOptions,
  Consolidation,
  DetailRow,
  GroupCounts,
  GroupResult,
  IntakeEntry,
} from './types';
import { type Judged, judgeSubmissions } from './verdicts';

export * from './types';
export { type RowsAside, PackedRows, packSubmissionRows, rowCountOf, setRowsAside } from './packed-rows';
export { groupOf } from './timing';

/** A part of a whole in percent, one decimal (0 when the whole is 0). */
export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10;
}

export function counts(list: Pick<AgencyResult, 'status'>[]): GroupCounts {
  const c = { required: list.length, onTime: 0, late: 0, missing: 0, rejected: 0, completeness: 0, onTimeRate: 0 };
  for (const a of list) {
    if (a.status === 'on_time') c.onTime++;
    else if (a.status === 'late') c.late++;
    else if (a.status === 'missing') c.missing++;
    else c.rejected++;
  }
  c.completeness = percent(c.onTime + c.late, c.required);
  c.onTimeRate = percent(c.onTime, c.required);
  return c;
}

/** Groups: departments, each district or area (in plan order), organisations. */
function groupResults(agencies: AgencyResult[]): GroupResult[] {
  const groupNames: { name: string; kind: AgencyKind }[] = [];
  for (const kind of ['department', 'locality', 'organisation'] as const) {
    for (const a of agencies)
      if (a.kind === kind && !groupNames.some((g) => g.name === a.group)) groupNames.push({ name: a.group, kind });
  }
  return groupNames.map((g) => ({
    name: g.name,
    kind: g.kind,
    ...counts(agencies.filter((a) => a.group === g.name)),
  }));
}

function intakeEntries(plan: Plan, submissions: Submission[], judged: Judged): IntakeEntry[] {
  const agencyByCode = new Map(plan.agencies.map((a) => [a.code, a]));
  return [...submissions]
    .sort((a, b) => cmp(a.file, b.file))
    .map((s) => {
      const v = judged.verdicts.get(s) ?? { verdict: 'rejected' as const, reason: s.rejectReason };
      return {
        file: s.file,
        sha256: s.sha256,
        size: s.size,
        agencyCode: s.agencyCode,
        agencyName: s.agencyCode ? (agencyByCode.get(s.agencyCode)?.name ?? null) : null,
        recognisedBy: s.recognisedBy,
        receivedOn: s.receivedOn,
        receivedFrom: s.receivedFrom,
        verdict: v.verdict,
        reason: v.reason,
        rows: rowCountOf(s),
        findings: s.findings.length,
        ...(s.email ? { email: s.email } : {}),
      };
    });
}

/** The findings of the files that count (accepted or rejected) and the extra ones, sorted, each once. */
function findingsOf(judged: Judged): Finding[] {
  const findingSubs = judged.subs.filter((s) => {
    const v = judged.verdicts.get(s)?.verdict;
    return v === 'accepted' || v === 'rejected';
  });
  const findings = [...findingSubs.flatMap((s) => s.findings), ...judged.extraFindings];
  findings.sort(
    (a, b) =>
      cmp(a.file, b.file) ||
      cmp(a.sheet, b.sheet) ||
      cellOrder(a.cell, b.cell) ||
      cmp(a.code, b.code) ||
      cmp(a.message, b.message),
  );
  return findings.filter((f, i) => i === 0 || JSON.stringify(f) !== JSON.stringify(findings[i - 1]));
}

/** One detail row per accepted agency (plan order) × row of its file, made one at a time. */
function* detailRows(plan: Plan, accepted: Map<string, Submission>): Generator<DetailRow> {
  for (const agency of plan.agencies) {
    const s = accepted.get(agency.code);
    if (!s) continue;
    for (const row of s.rows) {
      yield {
        agencyCode: agency.code,
        agencyName: agency.name,
        taskCode: row.taskCode,
        status: row.status,
        result: row.result,
        note: row.note,
        indicators: Object.fromEntries(Object.entries(row.indicators).map(([k, v]) => [k, v.value])),
        indicatorCells: Object.fromEntries(Object.entries(row.indicators).map(([k, v]) => [k, v.source.cell])),
        file: row.source.file,
        sheet: row.source.sheet,
        cell: row.source.cell,
      };
    }
  }
}

/** How each consolidation makes its detail rows again, without holding them (600,000 at 10,000 files). */
const detailSources = new WeakMap<Consolidation, { count: number; rows: () => Iterable<DetailRow> }>();

/**
 * The detail rows of a consolidation one at a time, in the order of `c.details`, without building that array:
 * what a writer that streams (the CLI's summary workbook and JSON) reads. A consolidation made by hand (no source
 * known) gives its `details`.
 */
export function eachDetail(c: Consolidation): Iterable<DetailRow> {
  return detailSources.get(c)?.rows() ?? c.details;
}

/** How many detail rows `eachDetail` gives, without making them. */
export function detailCount(c: Consolidation): number {
  return detailSources.get(c)?.count ?? c.details.length;
}

export function consolidate(plan: Plan, submissions: Submission[], options: ConsolidateOptions): Consolidation {
  const { asOf } = options;
  const firstYear = plan.issuedOn ? Number(plan.issuedOn.slice(0, 4)) : null;
  const { period, deadline } = choosePeriod(plan.deadline, asOf, {
    requested: options.period ?? null,
    planPeriod: plan.period,
    firstYear,
  });
  const judged = judgeSubmissions(plan, submissions, asOf, period, options.extraFindings);
  const agencies = plan.agencies.map((a) => agencyResult(plan, a, judged, { deadline, asOf }));
  const accepted = judged.accepted;
  const rows = () => detailRows(plan, accepted);
  let count = 0;
  for (const a of plan.agencies) {
    const s = accepted.get(a.code);
    if (s) count += rowCountOf(s);
  }
  let details: DetailRow[] | undefined;
  const c: Consolidation = {
    plan: {
      number: plan.number,
      title: plan.title,
      issuer: plan.issuer,
      consolidator: plan.consolidator,
      deadlineRule: plan.deadline,
    },
    asOf,
    period,
    deadline,
    overall: counts(agencies),
    agencies,
    tasks: taskResults(plan, judged.accepted),
    groups: groupResults(agencies),
    findings: findingsOf(judged),
    intake: intakeEntries(plan, submissions, judged),
    // made when first read (the pane, the report): the CLI's writers stream them with eachDetail instead
    get details(): DetailRow[] {
      return (details ??= [...rows()]);
    },
  };
  detailSources.set(c, { count, rows });
  return c;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A1 < A2 < A10 < B1 (row first, then column). */
function cellOrder(a: string, b: string): number {
  const pa = /^([A-Z]+)(\d+)$/.exec(a);
  const pb = /^([A-Z]+)(\d+)$/.exec(b);
  if (!pa || !pb) return cmp(a, b);
  return Number(pa[2]) - Number(pb[2]) || pa[1].length - pb[1].length || cmp(pa[1], pb[1]);
}
