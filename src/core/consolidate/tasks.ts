/** Per task: how many agencies answered at each status, and the indicator totals. */
import type { Aggregate, Indicator, Plan, ReportedRow, Submission, Task } from '../basics/model';
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

/** No answer counted yet. */
const noCounts = (): StatusCounts => ({ done: 0, inProgress: 0, notStarted: 0, notApplicable: 0, noAnswer: 0 });

/** What one task gathers as the agencies are gone through (in plan order). */
interface TaskTally {
  required: number;
  statusCounts: StatusCounts;
  /** Per indicator of the task (plan order): the values given and their weights, in plan order of agencies. */
  values: number[][];
  weights: number[][];
}

function taskResult(task: Task, indicators: Indicator[], tally: TaskTally | undefined): TaskResult {
  const indicatorTotals = indicators.map((i, k) => ({
    code: i.code,
    name: i.name,
    unit: i.unit,
    aggregate: i.aggregate,
    value: aggregate(tally?.values[k] ?? [], i.aggregate, tally?.weights[k]),
    count: tally?.values[k].length ?? 0,
  }));
  return {
    code: task.code,
    title: task.title,
    section: task.section,
    required: tally?.required ?? 0,
    statusCounts: tally?.statusCounts ?? noCounts(),
    indicators: Object.fromEntries(indicatorTotals.map((t) => [t.code, t.value])),
    indicatorTotals,
  };
}

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/**
 * Per task: the agencies that must report on it, their answers and their indicator values. The agencies are gone
 * through once, in plan order, each accepted file's rows read once (a packed submission unpacks them for this
 * agency only); per task only the plan's indicators of that task are looked up in a row.
 */
export function taskResults(plan: Plan, accepted: Map<string, Submission>): TaskResult[] {
  const indicatorsOf = new Map<string, Indicator[]>();
  for (const t of plan.tasks) indicatorsOf.set(t.code, []);
  for (const i of plan.indicators) indicatorsOf.get(i.taskCode)?.push(i);
  const tallies = new Map<string, TaskTally>();
  // an agency code listed twice takes the tasks of its last listing (as a map by code gives)
  const byCode = new Map(plan.agencies.map((a) => [a.code, a]));
  for (const agency of plan.agencies) {
    const s = accepted.get(agency.code);
    // a task answered twice: the last row counts
    const rows = s ? new Map<string, ReportedRow>(s.rows.map((r) => [r.taskCode, r])) : null;
    for (const code of new Set(tasksOf(plan, byCode.get(agency.code)!).map((t) => t.code))) {
      const inds = indicatorsOf.get(code) ?? [];
      let tally = tallies.get(code);
      if (!tally) {
        tally = { required: 0, statusCounts: noCounts(), values: inds.map(() => []), weights: inds.map(() => []) };
        tallies.set(code, tally);
      }
      tally.required++;
      const row = rows?.get(code);
      if (row?.status) tally.statusCounts[row.status]++;
      else tally.statusCounts.noAnswer++;
      if (!row) continue;
      inds.forEach((ind, k) => {
        if (!hasOwn(row.indicators, ind.code)) return;
        const v = row.indicators[ind.code];
        tally.values[k].push(v.value);
        tally.weights[k].push(v.weight ?? 1);
      });
    }
  }
  return plan.tasks.map((task) => taskResult(task, indicatorsOf.get(task.code) ?? [], tallies.get(task.code)));
}
