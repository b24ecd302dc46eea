/**
 * Submissions kept packed (what the CLI holds while it reads up to 10,000 files) consolidate exactly as the same
 * submissions with their rows as arrays (what the pane passes): the same JSON, byte for byte; and the per-task
 * counts, now made in one pass over the agencies, equal those of the earlier pass per task.
 */
import * as path from 'node:path';
import {
  type Aggregate,
  type Plan,
  type ReportedRow,
  type Submission,
  type TaskResult,
  consolidate,
  consolidationJson,
  packSubmissionRows,
  rowCountOf,
} from '../../src/core';
import { consolidatedSample } from '../helpers/sample';
import { loadPlan, readFolder } from '../../src/cli/commands/pipeline';
import { tasksOf } from '../../src/core/plan/plan-read';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

/** Copies with their rows as plain arrays (a spread reads a packed submission's rows). */
const unpacked = (subs: Submission[]) => subs.map((s) => ({ ...s, rows: s.rows }));
const packed = (subs: Submission[]) => subs.map((s) => packSubmissionRows(structuredClone({ ...s, rows: s.rows })));

function jsonOf(plan: Plan, subs: Submission[], asOf: string): string {
  return JSON.stringify(consolidationJson(consolidate(plan, subs, { asOf })), null, 2);
}

/** The per-task counts as they were made before (for each task, every agency, every indicator of its row). */
function referenceTasks(plan: Plan, accepted: Map<string, Submission>): Omit<TaskResult, 'title' | 'section'>[] {
  const aggregate = (values: number[], how: Aggregate, weights?: number[]): number | null => {
    if (values.length === 0) return null;
    let v: number;
    if (how === 'max') v = Math.max(...values);
    else if (how === 'min') v = Math.min(...values);
    else if (how === 'avg')
      v = weights
        ? values.reduce((s, x, i) => s + x * weights[i], 0) / weights.reduce((s, w) => s + w, 0)
        : values.reduce((s, x) => s + x, 0) / values.length;
    else v = values.reduce((s, x) => s + x, 0);
    return Math.round(v * 1e6) / 1e6;
  };
  const requiredTasks = new Map(plan.agencies.map((a) => [a.code, new Set(tasksOf(plan, a).map((t) => t.code))]));
  const rowsByAgency = new Map<string, Map<string, ReportedRow>>();
  for (const [code, s] of accepted) rowsByAgency.set(code, new Map(s.rows.map((r) => [r.taskCode, r])));
  return plan.tasks.map((task) => {
    const required = plan.agencies.filter((a) => requiredTasks.get(a.code)!.has(task.code));
    const sc = { done: 0, inProgress: 0, notStarted: 0, notApplicable: 0, noAnswer: 0 };
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
      required: required.length,
      statusCounts: sc,
      indicators: Object.fromEntries(indicatorTotals.map((t) => [t.code, t.value])),
      indicatorTotals,
    };
  });
}

/** Many files from the sample's: each agency's file again with other figures, weights and a row answered twice. */
function manySubmissions(subs: Submission[]): Submission[] {
  const out: Submission[] = [];
  subs.forEach((s, n) => {
    out.push(s);
    if (s.rows.length === 0) return;
    const rows = s.rows.map((r, i) => ({
      ...r,
      status: i % 5 === 0 ? null : r.status,
      indicators: Object.fromEntries(
        Object.entries(r.indicators).map(([k, v], j) => [
          k,
          (i + j + n) % 3 === 0 ? { ...v, value: v.value * 1.5 + 0.1, weight: 1 + ((i + n) % 4) } : v,
        ]),
      ),
    }));
    rows.push({ ...rows[0], note: 'trả lời lần hai' });
    out.push({ ...s, file: `lại-${s.file}`, sha256: `${s.sha256}-lại`, receivedOn: s.receivedOn, rows });
  });
  return out;
}

describe('packed submissions', () => {
  it('give back the rows they were made from, keys in the same order', async () => {
    const { subs } = await consolidatedSample('ha-tinh');
    const withRows = subs.filter((s) => s.rows.some((r) => Object.keys(r.indicators).length > 0));
    expect(withRows.length).toBeGreaterThan(0);
    for (const s of manySubmissions(withRows)) {
      const text = JSON.stringify(s.rows);
      const p = packSubmissionRows(structuredClone(s));
      expect(rowCountOf(p)).toBe(s.rows.length);
      expect(JSON.stringify(p.rows)).toBe(text);
      expect(JSON.stringify(p.rows)).toBe(text); // read twice: made afresh, the same
      expect(p.rows).toEqual(s.rows);
    }
  });

  for (const name of ['soc-trang', 'ha-tinh'] as const)
    it(`consolidate to the same JSON as rows in arrays: the ${name} sample, and many files made from it`, async () => {
      const { sample, subs } = await consolidatedSample(name);
      for (const set of [subs, manySubmissions(subs)]) {
        const plain = jsonOf(sample.plan, unpacked(set), sample.asOf);
        expect(jsonOf(sample.plan, packed(set), sample.asOf)).toBe(plain);
        expect(JSON.parse(plain).details.length).toBeGreaterThan(0);
      }
    });

  for (const name of ['libreoffice', 'messy', 'openpyxl'])
    it(`consolidate to the same JSON as rows in arrays: the ${name} fixture as the CLI reads it`, async () => {
      const dir = path.join(FIXTURES, name);
      const { plan } = await loadPlan(path.join(dir, 'plan.xlsx'));
      const { submissions } = await readFolder(plan, path.join(dir, 'submissions'), { workers: 1 });
      const asOf = '2024-07-15';
      expect(jsonOf(plan, submissions, asOf)).toBe(jsonOf(plan, unpacked(submissions), asOf));
    });
});

describe('per-task counts in one pass over the agencies', () => {
  for (const name of ['soc-trang', 'ha-tinh'] as const)
    it(`equal the counts made task by task (${name}, and many files made from it)`, async () => {
      const { sample, subs } = await consolidatedSample(name);
      for (const set of [subs, manySubmissions(subs)]) {
        const c = consolidate(sample.plan, set, { asOf: sample.asOf });
        const accepted = new Map<string, Submission>();
        for (const a of c.agencies) {
          const s = a.file === null ? undefined : set.find((x) => x.file === a.file);
          if (s) accepted.set(a.code, s);
        }
        expect(accepted.size).toBeGreaterThan(0);
        expect(c.tasks.map(({ title: _t, section: _s, ...rest }) => rest)).toEqual(
          referenceTasks(sample.plan, accepted),
        );
      }
    });
});
