/**
 * The trend across periods in the pane: the clerk picks earlier summary workbooks (written by tonghop,
 * from the CLI or downloaded from this pane: they carry the hidden data sheet); with the consolidation on screen
 * they make the history `tonghop history` writes. Each plan is shown on its own, named, the plan on screen first:
 * its periods oldest first, the agencies late or missing in two of its last three periods, then each group with
 * its periods under it (the two rates and the trend). Periods of two plans (two provinces) are never mixed in one
 * table. Text only through textContent.
 */
import type { GroupPeriod, History, HistoryInput, PeriodRef } from '../../core';
import { byId, clear, h } from '../dom';
import { engine } from '../run';
import { pane, state } from '../state';

async function inputsOf(files: File[]): Promise<{ inputs: HistoryInput[]; skipped: string[] }> {
  const e = await engine();
  const S = pane.S.history;
  const inputs: HistoryInput[] = [];
  const skipped: string[] = [];
  for (const f of files) {
    try {
      const read = e.readSummaryFile(await e.readWorkbookGrid(new Uint8Array(await f.arrayBuffer())), f.name);
      if (read.ok) inputs.push({ file: f.name, data: read.data });
      else skipped.push(S.skipped(f.name, read.reason));
    } catch {
      skipped.push(S.skipped(f.name, S.unreadable));
    }
  }
  const c = state.consolidation;
  if (c && state.plan) {
    const read = e.readSummaryFile(await e.readWorkbookGrid(await e.writeSummaryWorkbook(c, state.plan)), S.current);
    if (read.ok) inputs.push({ file: S.current, data: read.data });
  }
  return { inputs, skipped };
}

/** One table per plan: a row naming each group across the table, then one row per period of that group. */
function groupsTable(plan: string, rows: GroupPeriod[]): HTMLTableElement {
  const S = pane.S.history;
  const pct = pane.S.chart.percent;
  // the groups in the newest period's order (the plan's, as the overview lists them), then any it no longer has
  const newest = rows.length ? rows[rows.length - 1].period : '';
  const names: string[] = [];
  for (const r of [...rows.filter((x) => x.period === newest), ...rows])
    if (names.indexOf(r.name) < 0) names.push(r.name);
  const head = [S.period, S.rate, S.onTimeRate, S.trend];
  return h(
    'table',
    { class: 'overview history-table', 'data-plan': plan },
    h('thead', {}, h('tr', {}, ...head.map((x) => h('th', { scope: 'col' }, x)))),
    ...names.map((name) =>
      h(
        'tbody',
        { 'data-group': name },
        h('tr', { class: 'group-head' }, h('th', { scope: 'rowgroup', colspan: String(head.length) }, name)),
        ...rows
          .filter((r) => r.name === name)
          .map((r) =>
            h(
              'tr',
              { 'data-period': r.period },
              h('th', { scope: 'row' }, r.period),
              h('td', {}, pct(r.completeness)),
              h('td', {}, pct(r.onTimeRate)),
              h('td', { class: 'trend' }, S.trends[r.trend]),
            ),
          ),
      ),
    ),
  );
}

/** The plans in the history, the one on screen first, then in the order the history lists them. */
function plansOf(hist: History): PeriodRef[][] {
  const order: string[] = [];
  const current = state.plan?.number;
  if (current && hist.periods.some((p) => p.plan === current)) order.push(current);
  for (const p of hist.periods) if (order.indexOf(p.plan) < 0) order.push(p.plan);
  // the history lists each plan's periods by deadline, then period: oldest first
  return order.map((plan) => hist.periods.filter((p) => p.plan === plan));
}

function planSection(hist: History, periods: PeriodRef[]): HTMLElement {
  const S = pane.S.history;
  const plan = periods[0].plan;
  const section = h(
    'section',
    { class: 'history-plan', 'data-plan': plan },
    h('h3', {}, S.plan(plan, periods[periods.length - 1].planTitle)),
    h('p', { class: 'history-periods' }, S.periods(periods.map((p) => p.period))),
  );
  // a long list folded, as the overview's lists are: the groups' table stays in sight
  const flagged = hist.agencies.filter((a) => a.plan === plan && a.flagged);
  section.appendChild(
    h(
      'details',
      { class: 'history-flagged', open: flagged.length <= 8 },
      h('summary', {}, S.flagged(flagged.length)),
      h('ul', {}, ...flagged.map((a) => h('li', {}, a.name, h('span', { class: 'muted' }, ` — ${S.trends[a.trend]}`)))),
    ),
  );
  const rows = hist.groups.filter((g) => g.plan === plan);
  section.appendChild(h('div', { class: 'table-wrap' }, groupsTable(plan, rows)));
  return section;
}

/** Reads the picked summaries and shows the trend (replacing what was shown). */
export async function showHistory(files: File[]): Promise<void> {
  const S = pane.S.history;
  const e = await engine();
  const { inputs, skipped } = await inputsOf(files);
  const box = byId('history');
  clear(box);
  for (const s of skipped) box.appendChild(h('p', { class: 'muted' }, s));
  if (inputs.length === 0) {
    box.appendChild(h('p', {}, S.none));
    return;
  }
  const hist = e.buildHistory(inputs);
  for (const s of hist.skipped) box.appendChild(h('p', { class: 'muted' }, s.reason));
  const plans = plansOf(hist);
  if (plans.length > 1) box.appendChild(h('p', { class: 'note' }, S.otherPlans(plans.length)));
  for (const periods of plans) box.appendChild(planSection(hist, periods));
}
