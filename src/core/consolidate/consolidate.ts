/**
 * consolidate(plan, submissions, asOf): who reported on time, late, not at all; what each task achieved;
 * per group (departments, each district or area, organisations) and overall. Pure and deterministic:
 * the same inputs give the same result whatever the order of the submissions.
 */
import { choosePeriod, daysBetween, type IsoDate } from '../basics/dates';
import {
  type Agency,
  type AgencyKind,
  type AgencyStatus,
  type Aggregate,
  type Finding,
  type IntakeVerdict,
  type OwnAgencies,
  type Plan,
  type RecognisedBy,
  type ReportedRow,
  type Submission,
  type TaskStatus,
  AGENCY_KIND_LABELS,
  finding,
} from '../basics/model';
import { tasksOf } from '../plan/plan-read';

export interface ConsolidateOptions {
  asOf: IsoDate;
  /** `--period`: a year for an annual rule; default chosen from asOf. */
  period?: string | null;
  /** Findings from outside the files (e.g. the intake log), listed with the others. */
  extraFindings?: Finding[];
}

export interface StatusCounts {
  done: number;
  inProgress: number;
  notStarted: number;
  notApplicable: number;
  noAnswer: number;
}

export interface AgencyResult {
  code: string;
  name: string;
  kind: AgencyKind;
  group: string;
  area: string;
  email: string;
  status: AgencyStatus;
  /** Calendar days after the deadline the (first usable) report arrived; null unless late. */
  daysLate: number | null;
  /** For a missing or rejected agency: days past the deadline as of the date (0 when not yet due). */
  daysOverdue: number | null;
  /** The file whose figures are used (the newest usable one). */
  file: string | null;
  receivedOn: IsoDate | null;
  files: string[];
  errors: number;
  warnings: number;
  /** Tasks the agency had to report on and did not answer (no row, or no status). */
  missingTasks: string[];
  reason: string | null;
  /** Issue 5: for a body that sent its own consolidated report, the completeness of its own agencies. */
  ownAgencies?: OwnAgencies;
}

export interface IndicatorTotal {
  code: string;
  name: string;
  unit: string;
  aggregate: Aggregate;
  value: number | null;
  /** How many agencies gave a value. */
  count: number;
}

export interface TaskResult {
  code: string;
  title: string;
  section: string;
  required: number;
  statusCounts: StatusCounts;
  indicators: Record<string, number | null>;
  indicatorTotals: IndicatorTotal[];
}

export interface GroupCounts {
  required: number;
  onTime: number;
  late: number;
  missing: number;
  rejected: number;
  /** (on time + late) / required, in percent, one decimal. */
  completeness: number;
}

export interface GroupResult extends GroupCounts {
  name: string;
  kind: AgencyKind;
}

export interface IntakeEntry {
  file: string;
  sha256: string;
  size: number;
  agencyCode: string | null;
  agencyName: string | null;
  recognisedBy: RecognisedBy | null;
  receivedOn: IsoDate | null;
  receivedFrom: Submission['receivedFrom'];
  verdict: IntakeVerdict;
  reason: string | null;
  rows: number;
  findings: number;
}

export interface DetailRow {
  agencyCode: string;
  agencyName: string;
  taskCode: string;
  status: TaskStatus | null;
  result: string;
  note: string;
  indicators: Record<string, number>;
  /** Where each indicator value was read (issue 7): indicator code → cell on the same sheet, e.g. "G15". */
  indicatorCells: Record<string, string>;
  file: string;
  sheet: string;
  cell: string;
}

export interface Consolidation {
  plan: {
    number: string;
    title: string;
    issuer: string;
    consolidator: string;
    deadlineRule: Plan['deadline'];
  };
  asOf: IsoDate;
  period: string;
  deadline: IsoDate;
  overall: GroupCounts;
  agencies: AgencyResult[];
  tasks: TaskResult[];
  groups: GroupResult[];
  findings: Finding[];
  intake: IntakeEntry[];
  details: DetailRow[];
}

export function groupOf(agency: Agency): string {
  if (agency.kind === 'locality') return agency.area || agency.name;
  return AGENCY_KIND_LABELS[agency.kind];
}

function counts(list: AgencyResult[]): GroupCounts {
  const c = { required: list.length, onTime: 0, late: 0, missing: 0, rejected: 0, completeness: 0 };
  for (const a of list) {
    if (a.status === 'on_time') c.onTime++;
    else if (a.status === 'late') c.late++;
    else if (a.status === 'missing') c.missing++;
    else c.rejected++;
  }
  c.completeness = c.required === 0 ? 0 : Math.round(((c.onTime + c.late) / c.required) * 1000) / 10;
  return c;
}

function byFileOrder(a: Submission, b: Submission): number {
  const da = a.receivedOn ?? '9999-99-99';
  const db = b.receivedOn ?? '9999-99-99';
  if (da !== db) return da < db ? -1 : 1;
  const ra = a.reportDate ?? '';
  const rb = b.reportDate ?? '';
  if (ra !== rb) return ra < rb ? -1 : 1;
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

function aggregate(values: number[], how: Aggregate, weights?: number[]): number | null {
  if (values.length === 0) return null;
  let v: number;
  switch (how) {
    case 'max':
      v = Math.max(...values);
      break;
    case 'min':
      v = Math.min(...values);
      break;
    case 'avg':
      // issue 5: an average from one level down counts for as many agencies as it averaged (weight)
      v = weights
        ? values.reduce((s, x, i) => s + x * weights[i], 0) / weights.reduce((s, w) => s + w, 0)
        : values.reduce((s, x) => s + x, 0) / values.length;
      break;
    default:
      v = values.reduce((s, x) => s + x, 0);
  }
  return Math.round(v * 1e6) / 1e6;
}

function yearOf(text: string | null): string | null {
  const m = text ? /(?:^|\D)((?:19|20)\d{2})(?:\D|$)/.exec(text) : null;
  return m ? m[1] : null;
}

export function consolidate(plan: Plan, submissions: Submission[], options: ConsolidateOptions): Consolidation {
  const { asOf } = options;
  const firstYear = plan.issuedOn ? Number(plan.issuedOn.slice(0, 4)) : null;
  const { period, deadline } = choosePeriod(plan.deadline, asOf, {
    requested: options.period ?? null,
    planPeriod: plan.period,
    firstYear,
  });
  const periodYear = yearOf(period);
  const agencyByCode = new Map(plan.agencies.map((a) => [a.code, a]));
  const extraFindings: Finding[] = [...(options.extraFindings ?? [])];

  const subs = [...submissions].sort(byFileOrder);
  const verdicts = new Map<Submission, { verdict: IntakeVerdict; reason: string | null }>();

  // 1. received after the as-of date: not yet there on that day
  for (const s of subs) {
    if (s.receivedOn && s.receivedOn > asOf)
      verdicts.set(s, { verdict: 'after_as_of', reason: `Nhận ngày ${s.receivedOn}, sau ngày tổng hợp ${asOf}.` });
  }
  // 2. the same bytes twice count once
  const seenHash = new Map<string, Submission>();
  for (const s of subs) {
    if (verdicts.has(s) || s.sha256 === '') continue; // '': never read (a FIFO, an unreadable file …), issue 13
    const first = seenHash.get(s.sha256);
    if (first) {
      verdicts.set(s, { verdict: 'duplicate', reason: `Trùng nội dung với tệp "${first.file}".` });
      continue;
    }
    seenHash.set(s.sha256, s);
  }
  // 3. unusable files; wrong period
  const otherPeriod = new Set<Submission>();
  for (const s of subs) {
    if (verdicts.has(s)) continue;
    if (s.rejectReason) {
      verdicts.set(s, { verdict: 'rejected', reason: s.rejectReason });
      continue;
    }
    const subYear = yearOf(s.period);
    if (periodYear && subYear && subYear !== periodYear) {
      const reason = `Báo cáo kỳ ${s.period}, không phải kỳ ${period} đang tổng hợp.`;
      verdicts.set(s, { verdict: 'rejected', reason });
      otherPeriod.add(s);
      extraFindings.push(finding('error', 'file.other_period', reason, { file: s.file }));
    }
  }
  // 4. per agency: the newest usable file is used, older ones are superseded
  const usableByAgency = new Map<string, Submission[]>();
  const filesByAgency = new Map<string, Submission[]>();
  for (const s of subs) {
    if (!s.agencyCode || !agencyByCode.has(s.agencyCode)) continue;
    const v = verdicts.get(s);
    if (v?.verdict === 'after_as_of' || otherPeriod.has(s)) continue; // not a report for this period as of this date
    if (!filesByAgency.has(s.agencyCode)) filesByAgency.set(s.agencyCode, []);
    filesByAgency.get(s.agencyCode)!.push(s);
    if (v) continue;
    if (!usableByAgency.has(s.agencyCode)) usableByAgency.set(s.agencyCode, []);
    usableByAgency.get(s.agencyCode)!.push(s);
  }
  const accepted = new Map<string, Submission>();
  for (const [code, list] of usableByAgency) {
    const newest = list[list.length - 1];
    accepted.set(code, newest);
    verdicts.set(newest, { verdict: 'accepted', reason: null });
    for (const older of list.slice(0, -1)) {
      verdicts.set(older, {
        verdict: 'superseded',
        reason: `Được thay bằng tệp "${newest.file}" (nhận ${newest.receivedOn ?? '?'}).`,
      });
    }
  }

  // the tasks each agency must report on, once (tasksOf filters the plan's task list)
  const requiredTasks = new Map(plan.agencies.map((a) => [a.code, new Set(tasksOf(plan, a).map((t) => t.code))]));

  // agencies
  const agencies: AgencyResult[] = plan.agencies.map((agency) => {
    const usable = usableByAgency.get(agency.code) ?? [];
    const files = (filesByAgency.get(agency.code) ?? []).map((s) => s.file);
    const used = accepted.get(agency.code) ?? null;
    const first = usable[0] ?? null;
    const required = tasksOf(plan, agency);
    let status: AgencyStatus;
    let daysLate: number | null = null;
    let daysOverdue: number | null = null;
    let reason: string | null = null;
    const receivedOn = first ? (first.receivedOn ?? asOf) : null;
    if (first) {
      const late = daysBetween(deadline, receivedOn!);
      status = late > 0 ? 'late' : 'on_time';
      if (late > 0) daysLate = late;
    } else {
      status = files.length > 0 ? 'rejected' : 'missing';
      daysOverdue = Math.max(0, daysBetween(deadline, asOf));
      if (status === 'rejected') {
        const last = (filesByAgency.get(agency.code) ?? []).at(-1)!;
        reason = verdicts.get(last)?.reason ?? last.rejectReason;
      }
    }
    const answered = new Set((used?.rows ?? []).filter((r) => r.status !== null).map((r) => r.taskCode));
    const missingTasks = required.filter((t) => !answered.has(t.code)).map((t) => t.code);
    const fileFindings = used?.findings ?? [];
    return {
      code: agency.code,
      name: agency.name,
      kind: agency.kind,
      group: groupOf(agency),
      area: agency.area,
      email: agency.email,
      status,
      daysLate,
      daysOverdue,
      file: used?.file ?? null,
      receivedOn,
      files,
      errors: fileFindings.filter((f) => f.severity === 'error').length,
      warnings: fileFindings.filter((f) => f.severity === 'warning').length,
      missingTasks,
      reason,
      ...(used?.ownAgencies ? { ownAgencies: used.ownAgencies } : {}), // issue 5
    };
  });

  // tasks
  const rowsByAgency = new Map<string, Map<string, ReportedRow>>();
  for (const [code, s] of accepted) rowsByAgency.set(code, new Map(s.rows.map((r) => [r.taskCode, r])));
  const tasks: TaskResult[] = plan.tasks.map((task) => {
    const required = plan.agencies.filter((a) => requiredTasks.get(a.code)!.has(task.code));
    const sc: StatusCounts = { done: 0, inProgress: 0, notStarted: 0, notApplicable: 0, noAnswer: 0 };
    const values = new Map<string, number[]>();
    const weights = new Map<string, number[]>(); // issue 5
    for (const a of required) {
      const row = rowsByAgency.get(a.code)?.get(task.code);
      if (row?.status) sc[row.status]++;
      else sc.noAnswer++;
      for (const [ind, v] of Object.entries(row?.indicators ?? {})) {
        if (!values.has(ind)) values.set(ind, []);
        values.get(ind)!.push(v.value);
        if (!weights.has(ind)) weights.set(ind, []);
        weights.get(ind)!.push(v.weight ?? 1); // issue 5
      }
    }
    const inds = plan.indicators.filter((i) => i.taskCode === task.code);
    const indicatorTotals = inds.map((i) => ({
      code: i.code,
      name: i.name,
      unit: i.unit,
      aggregate: i.aggregate,
      value: aggregate(values.get(i.code) ?? [], i.aggregate, weights.get(i.code)),
      count: (values.get(i.code) ?? []).length,
    }));
    return {
      code: task.code,
      title: task.title,
      section: task.section,
      required: required.length,
      statusCounts: sc,
      indicators: Object.fromEntries(indicatorTotals.map((t) => [t.code, t.value])),
      indicatorTotals,
    };
  });

  // groups: departments, each district or area (in plan order), organisations
  const groupNames: { name: string; kind: AgencyKind }[] = [];
  const addGroup = (name: string, kind: AgencyKind) => {
    if (!groupNames.some((g) => g.name === name)) groupNames.push({ name, kind });
  };
  for (const kind of ['department', 'locality', 'organisation'] as const) {
    for (const a of agencies) if (a.kind === kind) addGroup(a.group, kind);
  }
  const groups: GroupResult[] = groupNames.map((g) => ({
    name: g.name,
    kind: g.kind,
    ...counts(agencies.filter((a) => a.group === g.name)),
  }));

  // intake log, findings, details
  const intake: IntakeEntry[] = [...submissions]
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
    .map((s) => {
      const v = verdicts.get(s) ?? { verdict: 'rejected' as const, reason: s.rejectReason };
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
        rows: s.rows.length,
        findings: s.findings.length,
      };
    });

  const findingSubs = subs.filter((s) => {
    const v = verdicts.get(s)?.verdict;
    return v === 'accepted' || v === 'rejected';
  });
  const findings = [...findingSubs.flatMap((s) => s.findings), ...extraFindings];
  findings.sort(
    (a, b) =>
      cmp(a.file, b.file) ||
      cmp(a.sheet, b.sheet) ||
      cellOrder(a.cell, b.cell) ||
      cmp(a.code, b.code) ||
      cmp(a.message, b.message),
  );
  const uniqueFindings = findings.filter((f, i) => i === 0 || JSON.stringify(f) !== JSON.stringify(findings[i - 1]));

  const details: DetailRow[] = [];
  for (const agency of plan.agencies) {
    const s = accepted.get(agency.code);
    if (!s) continue;
    for (const row of s.rows) {
      details.push({
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
      });
    }
  }

  return {
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
    tasks,
    groups,
    findings: uniqueFindings,
    intake,
    details,
  };
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
