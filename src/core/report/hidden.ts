/** The data the report's hidden sheet carries, built from a consolidation (the contract: basics/report-data.ts). */
import type { Consolidation } from '../consolidate/consolidate';
import { REPORT_COUNT_KEYS, pickCounts } from '../basics/counts';
import type { Plan } from '../basics/model';
import { REPORT_DATA_VERSION, type ReportData } from '../basics/report-data';

export * from '../basics/report-data';

export interface ReportDataInput {
  upwardPlan?: string;
  issuer: string;
  superiorBody: string;
  agencyCode?: string;
  reportNumber?: string;
  reportDate?: string | null;
}

/** The data the hidden sheet carries, from a consolidation. */
export function reportData(c: Consolidation, plan: Plan, who: ReportDataInput): ReportData {
  return {
    version: REPORT_DATA_VERSION,
    plan: plan.number,
    planTitle: plan.title,
    upwardPlan: who.upwardPlan ?? '',
    period: c.period,
    asOf: c.asOf,
    deadline: c.deadline,
    issuer: who.issuer,
    superiorBody: who.superiorBody,
    agencyCode: who.agencyCode ?? '',
    reportNumber: who.reportNumber ?? '',
    reportDate: who.reportDate ?? null,
    overall: pickCounts(c.overall, REPORT_COUNT_KEYS),
    tasks: c.tasks.map((t) => ({ taskCode: t.code, title: t.title, required: t.required, ...t.statusCounts })),
    indicators: c.tasks.flatMap((t) =>
      t.indicatorTotals.map((i) => ({
        taskCode: t.code,
        code: i.code,
        name: i.name,
        unit: i.unit,
        aggregate: i.aggregate,
        value: i.value,
        count: i.count,
      })),
    ),
    groups: c.groups.map((g) => ({ name: g.name, kind: g.kind, ...pickCounts(g, REPORT_COUNT_KEYS) })),
  };
}
