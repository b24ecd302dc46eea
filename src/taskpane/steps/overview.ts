/** Step 4's overview: the groups' counts as a table (the core's table type), and who is late, missing or rejected. */
import type { Consolidation } from '../../core';
import { type Column, column, tableOf } from '../../core/basics/sheets';
import { byId, clear, h } from '../dom';
import { pane, state } from '../state';
import { ratesChart } from './rates-chart';
import { refreshExport } from './export';

type Group = Consolidation['overall'] & { name: string; key: string };

/** The overview's columns: header, type, width and value, each with the key the page marks its cells with. */
function columns(): (Column<Group> & { key: string; hot?: string })[] {
  const S = pane.S;
  const pct = (n: number) => n / 100;
  return [
    { ...column<Group>(S.required, 'integer', 8, (g) => g.required), key: 'required' },
    { ...column<Group>(S.onTime, 'integer', 8, (g) => g.onTime), key: 'onTime' },
    { ...column<Group>(S.late, 'integer', 8, (g) => g.late), key: 'late', hot: 'late' },
    { ...column<Group>(S.missing, 'integer', 8, (g) => g.missing), key: 'missing', hot: 'missing' },
    { ...column<Group>(S.rejected, 'integer', 8, (g) => g.rejected), key: 'rejected' },
    { ...column<Group>(S.completeness, 'percent', 8, (g) => pct(g.completeness)), key: 'completeness' },
  ];
}

function overviewTable(c: Consolidation): HTMLTableElement {
  const S = pane.S;
  const cols = columns();
  const groups: Group[] = [
    ...c.groups.map((g) => ({ ...g, key: g.name })),
    { ...c.overall, name: S.overall, key: '*' },
  ];
  const table = tableOf('overview', cols, groups);
  const cell = (v: unknown, i: number, g: Group) => {
    const col = cols[i];
    const n = Number(v);
    const text = col.type === 'percent' ? `${(Math.round(n * 1000) / 10).toString().replace('.', ',')}%` : String(n);
    const hot = col.hot && n > 0 ? `hot ${col.hot}` : undefined;
    const value = col.type === 'percent' ? String(g.completeness) : undefined;
    return h('td', { 'data-k': col.key, 'data-v': value, class: hot }, text);
  };
  return h(
    'table',
    { class: 'overview', id: 'overview-table' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, S.group),
        ...table.columns.map((co) => h('th', { scope: 'col' }, co.header)),
      ),
    ),
    h(
      'tbody',
      {},
      ...table.rows.map((row, r) =>
        h(
          'tr',
          { class: groups[r].key === '*' ? 'total' : '', 'data-group': groups[r].key },
          h('th', { scope: 'row' }, groups[r].name),
          ...row.map((v, i) => cell(v, i, groups[r])),
        ),
      ),
    ),
  );
}

function people(title: string, cls: string, items: { name: string; extra?: string }[]): HTMLElement | null {
  if (!items.length) return null;
  return h(
    'details',
    { class: `people ${cls}`, open: items.length <= 8 },
    h('summary', {}, title),
    h(
      'ul',
      {},
      ...items.map((i) => h('li', {}, i.name, i.extra ? h('span', { class: 'muted' }, ` — ${i.extra}`) : null)),
    ),
  );
}

export function renderOverview(): void {
  const S = pane.S;
  const box = byId('overview');
  clear(box);
  refreshExport();
  const c = state.consolidation;
  if (!c || byId('app').getAttribute('data-shown') !== 'yes') return;
  box.appendChild(h('div', { class: 'table-wrap' }, overviewTable(c)));
  box.appendChild(h('div', { class: 'chart', id: 'rates-chart' }, ratesChart(document, c.groups, S.chart)));
  const late = c.agencies.filter((a) => a.status === 'late');
  const missing = c.agencies.filter((a) => a.status === 'missing');
  const rejected = c.agencies.filter((a) => a.status === 'rejected');
  const errors = c.findings.filter((f) => f.severity === 'error').length;
  const parts = [
    people(
      S.lateList(late.length),
      'late',
      late.map((a) => ({ name: a.name, extra: S.daysLate(a.daysLate ?? 0) })),
    ),
    people(
      S.missingList(missing.length),
      'missing',
      missing.map((a) => ({ name: a.name })),
    ),
    people(
      S.rejectedList(rejected.length),
      'rejected',
      rejected.map((a) => ({ name: a.name, extra: a.reason ?? '' })),
    ),
    h('p', { class: 'muted', id: 'findings-summary' }, S.findingsSummary(errors, c.findings.length - errors)),
  ];
  for (const p of parts) if (p) box.appendChild(p);
}
