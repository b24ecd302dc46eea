/**
 * History across periods: several summary workbooks (their hidden data sheets) → per agency, per group and per
 * district: submitted, on time, days late, the two rates and a trend. Periods of different plans are kept apart;
 * a re-run of the same plan and period counts once (the newest as-of date).
 */
import type { WorkbookGrid } from '../basics/grid';
import type { AgencyKind, AgencyStatus } from '../basics/model';
import { counts } from '../consolidate/consolidate';
import {
  SUMMARY_DATA_SHEET,
  type SummaryData,
  isSummaryDataSheet,
  readSummaryDataSheet,
} from '../consolidate/summary-data';

export interface HistoryInput {
  file: string;
  data: SummaryData;
}

export interface PeriodRef {
  file: string;
  plan: string;
  planTitle: string;
  period: string;
  deadline: string;
  asOf: string;
}

export type Trend = 'better' | 'worse' | 'same' | 'single';
export const TREND_LABELS: Record<Trend, string> = {
  better: 'Tốt lên',
  worse: 'Kém đi',
  same: 'Như kỳ trước',
  single: 'Mới có một kỳ',
};

export interface AgencyPeriod {
  period: string;
  status: AgencyStatus;
  daysLate: number | null;
}

export interface AgencyHistory {
  plan: string;
  code: string;
  name: string;
  kind: AgencyKind;
  group: string;
  /** One entry per period of the plan in which the agency had to report, oldest first. */
  periods: AgencyPeriod[];
  required: number;
  submitted: number;
  onTime: number;
  /** Days late added over the periods. */
  daysLate: number;
  completeness: number;
  onTimeRate: number;
  trend: Trend;
  /** Late, missing or rejected in at least two of the plan's last three periods: listed first. */
  flagged: boolean;
}

export interface GroupPeriod {
  plan: string;
  name: string;
  kind: AgencyKind;
  period: string;
  asOf: string;
  required: number;
  submitted: number;
  onTime: number;
  late: number;
  missing: number;
  rejected: number;
  daysLate: number;
  completeness: number;
  onTimeRate: number;
  trend: Trend;
}

export interface History {
  /** The periods used, per plan in order of deadline. */
  periods: PeriodRef[];
  /** Files not used, with the reason (a re-run superseded, not a summary, an older or newer tonghop …). */
  skipped: { file: string; reason: string }[];
  agencies: AgencyHistory[];
  groups: GroupPeriod[];
}

export type SummaryFileRead = { ok: true; data: SummaryData } | { ok: false; reason: string };

/** A workbook → its summary data, or a plain Vietnamese reason why it cannot be used. */
export function readSummaryFile(grid: WorkbookGrid, file: string): SummaryFileRead {
  const sheet = grid.sheets.find(isSummaryDataSheet);
  if (!sheet) {
    const names = new Set(grid.sheets.map((s) => s.name));
    if (names.has('Tổng hợp') && names.has('Theo đơn vị'))
      return {
        ok: false,
        reason: `Tệp "${file}" là sổ tổng hợp do phiên bản tonghop cũ ghi, chưa có trang dữ liệu "${SUMMARY_DATA_SHEET}": hãy chạy lại "tonghop consolidate" cho kỳ đó (cùng --as-of) để ghi lại sổ.`,
      };
    return { ok: false, reason: `Tệp "${file}" không phải sổ tổng hợp do tonghop ghi.` };
  }
  const read = readSummaryDataSheet(sheet);
  if (!read.ok) return { ok: false, reason: `Tệp "${file}": ${read.message}` };
  return { ok: true, data: read.data };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** One input per plan and period: the newest as-of date (then the last file name); the others are skipped. */
function latestRuns(inputs: HistoryInput[]): { used: HistoryInput[]; skipped: History['skipped'] } {
  const byKey = new Map<string, HistoryInput[]>();
  for (const i of inputs) {
    const key = `${i.data.plan}\u0000${i.data.period}`;
    byKey.set(key, [...(byKey.get(key) ?? []), i]);
  }
  const used: HistoryInput[] = [];
  const skipped: History['skipped'] = [];
  for (const list of byKey.values()) {
    list.sort((a, b) => cmp(a.data.asOf, b.data.asOf) || cmp(a.file, b.file));
    const newest = list[list.length - 1];
    used.push(newest);
    for (const older of list.slice(0, -1))
      skipped.push({
        file: older.file,
        reason: `Tệp "${older.file}" cùng Kế hoạch số ${older.data.plan}, kỳ ${older.data.period} với tệp "${newest.file}" (số liệu đến ngày ${newest.data.asOf}): kỳ này chỉ tính một lần, theo tệp mới nhất.`,
      });
  }
  used.sort(
    (a, b) =>
      cmp(a.data.plan, b.data.plan) || cmp(a.data.deadline, b.data.deadline) || cmp(a.data.period, b.data.period),
  );
  return { used, skipped };
}

const SCORE: Record<AgencyStatus, number> = { on_time: 2, late: 1, missing: 0, rejected: 0 };

function agencyTrend(periods: AgencyPeriod[]): Trend {
  if (periods.length < 2) return 'single';
  const [prev, last] = periods.slice(-2);
  const d = SCORE[last.status] - SCORE[prev.status];
  if (d !== 0) return d > 0 ? 'better' : 'worse';
  if (last.status === 'late' && prev.daysLate !== null && last.daysLate !== null && last.daysLate !== prev.daysLate)
    return last.daysLate < prev.daysLate ? 'better' : 'worse';
  return 'same';
}

type Seen = Pick<AgencyHistory, 'plan' | 'code' | 'name' | 'kind' | 'group' | 'periods'>;

function agencyHistories(plan: string, runs: HistoryInput[]): AgencyHistory[] {
  const byCode = new Map<string, Seen>();
  for (const run of runs) {
    for (const a of run.data.agencies) {
      const periods = byCode.get(a.code)?.periods ?? [];
      periods.push({ period: run.data.period, status: a.status, daysLate: a.daysLate });
      // the newest period's name and group
      byCode.set(a.code, { plan, code: a.code, name: a.name, kind: a.kind, group: a.group, periods });
    }
  }
  const lastThree = new Set(runs.slice(-3).map((r) => r.data.period));
  const list = [...byCode.values()].map((h) => {
    const c = counts(h.periods);
    const behind = h.periods.filter((p) => lastThree.has(p.period) && p.status !== 'on_time').length;
    return {
      ...h,
      required: c.required,
      submitted: c.onTime + c.late,
      onTime: c.onTime,
      daysLate: h.periods.reduce((s, p) => s + (p.daysLate ?? 0), 0),
      completeness: c.completeness,
      onTimeRate: c.onTimeRate,
      trend: agencyTrend(h.periods),
      flagged: behind >= 2,
    };
  });
  return list;
}

function groupPeriods(plan: string, runs: HistoryInput[]): GroupPeriod[] {
  const rows: GroupPeriod[] = [];
  const previous = new Map<string, GroupPeriod>();
  for (const run of runs) {
    const names = [...new Set(run.data.agencies.map((a) => a.group))];
    for (const name of names) {
      const members = run.data.agencies.filter((a) => a.group === name);
      const c = counts(members);
      const row: GroupPeriod = {
        plan,
        name,
        kind: members[0].kind,
        period: run.data.period,
        asOf: run.data.asOf,
        ...c,
        submitted: c.onTime + c.late,
        daysLate: members.reduce((s, a) => s + (a.daysLate ?? 0), 0),
        trend: 'single',
      };
      const prev = previous.get(name);
      if (prev) {
        const d = row.onTimeRate - prev.onTimeRate || row.completeness - prev.completeness;
        row.trend = d > 0 ? 'better' : d < 0 ? 'worse' : 'same';
      }
      previous.set(name, row);
      rows.push(row);
    }
  }
  return rows;
}

export function buildHistory(inputs: HistoryInput[]): History {
  const { used, skipped } = latestRuns(inputs);
  const plans = [...new Set(used.map((u) => u.data.plan))];
  const agencies: AgencyHistory[] = [];
  const groups: GroupPeriod[] = [];
  for (const plan of plans) {
    const runs = used.filter((u) => u.data.plan === plan);
    agencies.push(...agencyHistories(plan, runs));
    groups.push(...groupPeriods(plan, runs));
  }
  const periods = used.map((u) => ({
    file: u.file,
    plan: u.data.plan,
    planTitle: u.data.planTitle,
    period: u.data.period,
    deadline: u.data.deadline,
    asOf: u.data.asOf,
  }));
  // agencies late or missing in at least two of the last three periods first, each part in plan order
  const ordered = [...agencies.filter((h) => h.flagged), ...agencies.filter((h) => !h.flagged)];
  return { periods, skipped, agencies: ordered, groups };
}
