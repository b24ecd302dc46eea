/**
 * Steps 1 and 2: the plan (read from the open workbook, inserted from the sample, opened from a file, drafted
 * from a document) and the templates made from it. Replacing a plan asks first.
 */
import type { Finding, PlanReadResult, SheetGrid, WorkbookGrid } from '../../core';
import type { PlainSheet } from '../../core/plan/plan-write';
import type { WriteReport } from '../../excel/door';
import { deliver } from '../deliver';
import { ask, byId, clear, h, setStatus } from '../dom';
import { resetFiles, startReading } from './files';
import { renderOverview } from './overview';
import { engine, guarded } from '../run';
import { pane, state } from '../state';

const PLAN_SHEETS = ['Kế hoạch', 'Nhiệm vụ', 'Chỉ tiêu', 'Đơn vị'];

export function problemList(title: string, items: Finding[], kind: 'error' | 'warning'): HTMLElement {
  const S = pane.S;
  const list = h('ul', { class: `problems ${kind}` });
  for (const f of items) {
    const where = [f.sheet, f.cell].filter(Boolean).join('!') || S.wholeFile;
    const li = h('li', {}, h('span', { class: 'where' }, where), ' ', h('span', { class: 'msg' }, f.message));
    if (pane.host.kind === 'excel' && f.sheet) {
      const link = h('button', { type: 'button', class: 'link' }, S.showCell);
      link.addEventListener('click', () => guarded(link, () => pane.host.selectCell(f.sheet, f.cell)));
      li.appendChild(document.createTextNode(' '));
      li.appendChild(link);
    }
    list.appendChild(li);
  }
  return h('div', { class: `problem-box ${kind}` }, h('p', { class: 'problem-title' }, title), list);
}

function planFacts(res: Extract<PlanReadResult, { ok: true }>, deadline: string): HTMLElement {
  const S = pane.S;
  const p = res.plan;
  const fact = (label: string, key: string, value: string | number) => [
    h('dt', {}, label),
    h('dd', { 'data-k': key }, value),
  ];
  return h(
    'dl',
    { class: 'plan-facts', id: 'plan-facts' },
    ...fact(S.planNumber, 'number', p.number),
    ...fact(S.planTitle, 'title', p.title),
    ...fact(S.planDeadline, 'deadline', deadline),
    ...fact(S.planAgencies, 'agencies', p.agencies.length),
    ...fact(S.planTasks, 'tasks', p.tasks.length),
    ...fact(S.planIndicators, 'indicators', p.indicators.length),
  );
}

/**
 * Shows the plan read (or why it cannot be), and makes it the pane's plan. With the workbook it was read from, a
 * draft's stand-ins still in it (a number, a task, a report deadline the document did not give) are listed as
 * errors, as `tonghop check-plan` reports them, until the clerk writes the real ones.
 */
export async function usePlanResult(res: PlanReadResult, name: string, grid?: WorkbookGrid): Promise<void> {
  const S = pane.S;
  const view = byId('plan-view');
  clear(view);
  if (!res.ok) {
    state.plan = null;
    view.appendChild(problemList(S.planProblems(res.problems.length), res.problems, 'error'));
    setStatus(S.planProblems(res.problems.length), 'error');
    refreshPlanDependent();
    return;
  }
  state.plan = res.plan;
  state.planName = name;
  const p = res.plan;
  const e = await engine();
  view.appendChild(planFacts(res, e.formatDeadlineRule(p.deadline)));
  const standIns = e.planPlaceholders(p, grid);
  if (standIns.length) view.appendChild(problemList(S.planProblems(standIns.length), standIns, 'error'));
  if (res.warnings.length) view.appendChild(problemList(S.planWarnings(res.warnings.length), res.warnings, 'warning'));
  if (pane.host.kind === 'standalone') {
    const b = h('button', { type: 'button', id: 'download-plan' }, S.downloadPlan);
    b.addEventListener('click', () =>
      guarded(b, async () => {
        const eng = await engine();
        await deliver(await eng.writePlanWorkbook(p), S.files.plan(eng.fileStem(p.number)));
      }),
    );
    view.appendChild(h('div', { class: 'buttons' }, b));
  }
  setStatus(S.planRead(p.number));
  refreshPlanDependent();
  // the files already picked are read again against the new plan
  if (state.files.length) {
    resetFiles();
    await startReading();
  }
}

/** The workbook's sheets, with the plan sheets tonghop wrote under a free name read as the plan's. */
function asPlanSheets(sheets: SheetGrid[], written: WriteReport | null): SheetGrid[] {
  if (!written || written.renamed.length === 0) return sheets;
  const alias = new Map(written.renamed.map((r) => [r.written, r.wanted]));
  const replaced = new Set(written.renamed.map((r) => r.wanted));
  return sheets
    .filter((s) => !replaced.has(s.name))
    .map((s) => (alias.has(s.name) ? { ...s, name: alias.get(s.name) as string } : s));
}

export async function readPlanFromWorkbook(written: WriteReport | null = null): Promise<void> {
  const e = await engine();
  const grid = { sheets: asPlanSheets(await pane.host.readSheets(), written), date1904: false };
  await usePlanResult(e.readPlan(grid, ''), '', grid);
}

/** True when there is a plan to lose (in the pane, or plan sheets in the workbook) and the clerk says go on. */
export async function mayReplacePlan(): Promise<boolean> {
  const S = pane.S;
  const inBook = (await pane.host.sheetNames()).some((n) => PLAN_SHEETS.indexOf(n) >= 0);
  if (!state.plan && !inBook) return true;
  return ask(S.confirmReplacePlan(state.plan?.number ?? null), S.replace);
}

/** Plan sheets into the open workbook, then read back from there (the same contract as a plan workbook). */
export async function insertPlanSheets(sheets: PlainSheet[]): Promise<void> {
  const report = await pane.host.insertPlan(sheets);
  if (report && report.renamed.length) setStatus(pane.S.keptUserSheets(report.renamed));
  await readPlanFromWorkbook(report);
}

export async function insertSamplePlan(): Promise<void> {
  if (!(await mayReplacePlan())) return;
  const e = await engine();
  const plan = e.socTrangPlan();
  if (pane.host.kind === 'excel') {
    await insertPlanSheets(e.planSheets(plan));
  } else {
    const grid = await e.readWorkbookGrid(await e.writePlanWorkbook(plan));
    await usePlanResult(e.readPlan(grid, 'plan.xlsx'), 'plan.xlsx');
  }
}

export async function openPlanFile(file: File): Promise<void> {
  if (state.plan && !(await ask(pane.S.confirmReplacePlan(state.plan.number), pane.S.replace))) return;
  const e = await engine();
  const bytes = new Uint8Array(await file.arrayBuffer());
  let grid;
  try {
    grid = await e.readWorkbookGrid(bytes, e.DEFAULT_LIMITS, e.PLAN_CUT); // a plan may list more agencies than a report has rows
  } catch (err) {
    const problem = e.finding('error', 'plan.unreadable', pane.S.planUnreadable(file.name, (err as Error).message), {
      file: file.name,
    });
    await usePlanResult({ ok: false, problems: [problem], warnings: [] }, file.name);
    return;
  }
  await usePlanResult(e.readPlan(grid, file.name), file.name, grid);
}

export function refreshPlanDependent(): void {
  const has = state.plan !== null;
  byId<HTMLButtonElement>('templates-zip').disabled = !has;
  byId<HTMLButtonElement>('consolidate').disabled = !has;
  const list = byId('template-list');
  clear(list);
  if (state.plan) {
    const plan = state.plan;
    for (const agency of plan.agencies) {
      const b = h('button', { type: 'button', class: 'link', 'data-agency': agency.code }, agency.name);
      b.addEventListener('click', () =>
        guarded(b, async () => {
          const e = await engine();
          await deliver(await e.buildTemplate(plan, agency), e.templateFileName(agency));
        }),
      );
      list.appendChild(h('li', {}, b));
    }
  }
  state.consolidation = null;
  renderOverview();
}
