/**
 * Reading the plan workbook (the contract in README "Sổ kế hoạch"): sheets `Kế hoạch`, `Nhiệm vụ`,
 * `Chỉ tiêu` (optional) and `Đơn vị`. Every problem is collected, with sheet and cell, before refusing.
 * The contract itself (sheet names, labels, columns) is in plan-columns.ts; each sheet has its reader.
 */
import { type WorkbookGrid } from '../basics/grid';
import { findSheet } from '../basics/labels';
import { type Agency, type Finding, type Indicator, type Plan, type Task, finding, planSchema } from '../basics/model';
import { readAgencies } from './plan-agencies';
import { PlanCheck } from './plan-check';
import { PLAN_SHEETS } from './plan-columns';
import { type PlanHeader, readPlanHeader } from './plan-header';
import { readIndicators, readTasks } from './plan-tasks';

export * from './plan-columns';

export type PlanReadResult =
  { ok: true; plan: Plan; warnings: Finding[] } | { ok: false; problems: Finding[]; warnings: Finding[] };

/** Reads and checks a plan from a workbook's grids (a file, or the open workbook in Excel). */
export function readPlan(wb: WorkbookGrid, fileName = ''): PlanReadResult {
  const check = new PlanCheck(fileName);
  const planSheet = findSheet(wb.sheets, [PLAN_SHEETS.plan]);
  const taskSheet = findSheet(wb.sheets, [PLAN_SHEETS.tasks]);
  const indicatorSheet = findSheet(wb.sheets, [PLAN_SHEETS.indicators]);
  const agencySheet = findSheet(wb.sheets, [PLAN_SHEETS.agencies]);
  for (const [sheet, name] of [
    [planSheet, PLAN_SHEETS.plan],
    [taskSheet, PLAN_SHEETS.tasks],
    [agencySheet, PLAN_SHEETS.agencies],
  ] as const) {
    if (!sheet)
      check.err(
        'plan.sheet_missing',
        `Thiếu trang tính "${name}" (các trang hiện có: ${wb.sheets.map((s) => s.name).join(', ') || 'không có'}).`,
        {},
      );
  }
  const header = readPlanHeader(check, planSheet, wb.date1904);
  const tasks = readTasks(check, taskSheet);
  const taskCodes = new Set(tasks.map((t) => t.code));
  const indicators = readIndicators(check, indicatorSheet, taskCodes);
  const agencies = readAgencies(check, agencySheet, taskCodes, tasks.length > 0);
  const { problems, warnings } = check;
  if (problems.length > 0 || !header.deadline) return { ok: false, problems, warnings };
  return checkedPlan(header, { tasks, indicators, agencies }, check);
}

/** The plan assembled from its sheets, checked once more against the model's schema. */
function checkedPlan(
  { fields, deadline, upwardDeadline, issuedOn }: PlanHeader,
  lists: { tasks: Task[]; indicators: Indicator[]; agencies: Agency[] },
  check: PlanCheck,
): PlanReadResult {
  const parsed = planSchema.safeParse({
    number: fields.number,
    title: fields.title,
    issuer: fields.issuer ?? '',
    issuedOn,
    consolidator: fields.consolidator ?? '',
    deadline,
    period: fields.period ?? '',
    upwardDeadline,
    recipients: fields.recipients ?? '',
    superiorBody: fields.superiorBody ?? '',
    signerTitle: fields.signerTitle ?? '',
    signerName: fields.signerName ?? '',
    place: fields.place ?? '',
    reportNumber: fields.reportNumber ?? '',
    ...lists,
  });
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) =>
        finding('error', 'plan.invalid', `Kế hoạch không hợp lệ: ${i.path.join('.')}: ${i.message}`, {
          file: check.fileName,
        }),
      ),
      warnings: check.warnings,
    };
  }
  return { ok: true, plan: parsed.data, warnings: check.warnings };
}

/** The tasks an agency must report on. */
export function tasksOf(plan: Plan, agency: Agency): Task[] {
  if (agency.tasks.length === 0) return plan.tasks;
  const wanted = new Set(agency.tasks);
  return plan.tasks.filter((t) => wanted.has(t.code));
}

export function indicatorsOf(plan: Plan, tasks: Task[]): Indicator[] {
  const codes = new Set(tasks.map((t) => t.code));
  return plan.indicators.filter((i) => codes.has(i.taskCode));
}
