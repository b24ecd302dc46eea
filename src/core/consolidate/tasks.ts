/** Per task: how many agencies answered at each status, and the indicator totals. */
import type { Aggregate, Plan, ReportedRow, Submission, Task } from '../basics/model';
import { tasksOf } from '../plan/plan-read';
import type { StatusCounts, TaskResult } from './types';

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
      // an average from one level down counts for as many agencies as it averaged (weight)
      v = weights
        ? values.reduce((s, x, i) => s + x * weights[i], 0) / weights.reduce((s, w) => s + w, 0)
        : values.reduce((s, x) => s + x, 0) / values.length;
      break;
    default:
      v = values.reduce((s, x) => s + x, 0);
  }
  return Math.round(v * 1e6) / 1e6;
}

function taskResult(
  plan: Plan,
  task: Task,
  requiredTasks: Map<string, Set<string>>,
  rowsByAgency: Map<string, Map<string, ReportedRow>>,
): TaskResult {
  const required = plan.agencies.filter((a) => requiredTasks.get(a.code)!.has(task.code));
  const sc: StatusCounts = { done: 0, inProgress: 0, notStarted: 0, notApplicable: 0, noAnswer: 0 };
  const values = new Map<string, number[]>();
  const weights = new Map<string, number[]>();
  for (const a of required) {
    const row = rowsByAgency.get(a.code)?.get(task.code);
    if (row?.status) sc[row.status]++;
    else sc.noAnswer++;
    for (const [ind, v] of Object.entries(row?.indicators ?? {})) {
      if (!values.has(ind)) values.set(ind, []);
      values.get(ind)!.push(v.value);
      if (!weights.has(ind)) weights.set(ind, []);
      weights.get(ind)!.push(v.weight ?? 1);
    }
  }
  const indicatorTotals = plan.indicators
    .filter((i) => i.taskCode === task.code)
    .map((i) => ({
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
}

export function taskResults(plan: Plan, accepted: Map<string, Submission>): TaskResult[] {
  // the tasks each agency must report on, once (tasksOf filters the plan's task list)
  const requiredTasks = new Map(plan.agencies.map((a) => [a.code, new Set(tasksOf(plan, a).map((t) => t.code))]));
  const rowsByAgency = new Map<string, Map<string, ReportedRow>>();
  for (const [code, s] of accepted) rowsByAgency.set(code, new Map(s.rows.map((r) => [r.taskCode, r])));
  return plan.tasks.map((task) => taskResult(plan, task, requiredTasks, rowsByAgency));
}
