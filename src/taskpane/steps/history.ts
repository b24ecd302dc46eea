/**
 * The trend across periods in the pane: the clerk drops earlier summary workbooks (written by tonghop,
 * from the CLI or downloaded from this pane: they carry the hidden data sheet); with the consolidation on screen
 * they make the history `tonghop history` writes: agencies late or missing in two of the last three periods first,
 * then each group's two rates per period and its trend. Text only through textContent.
 */
import type { HistoryInput } from '../../core';
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

function groupsTable(
  rows: { name: string; period: string; completeness: number; onTimeRate: number; trend: string }[],
) {
  const S = pane.S.history;
  const head = [S.group, S.period, S.rate, S.onTimeRate, S.trend];
  return h(
    'table',
    { class: 'overview', id: 'history-table' },
    h('thead', {}, h('tr', {}, ...head.map((x) => h('th', {}, x)))),
    h(
      'tbody',
      {},
      ...rows.map((r) =>
        h(
          'tr',
          {},
          h('td', {}, r.name),
          h('td', {}, r.period),
          h('td', {}, pane.S.chart.percent(r.completeness)),
          h('td', {}, pane.S.chart.percent(r.onTimeRate)),
          h('td', {}, r.trend),
        ),
      ),
    ),
  );
}

/** Reads the dropped summaries and shows the trend (replacing what was shown). */
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
  box.appendChild(h('p', {}, S.periods(hist.periods.map((p) => p.period))));
  const flagged = hist.agencies.filter((a) => a.flagged);
  box.appendChild(h('h3', {}, S.flagged(flagged.length)));
  if (flagged.length > 0)
    box.appendChild(
      h(
        'ul',
        { id: 'history-flagged' },
        ...flagged.map((a) => h('li', {}, a.name, h('span', { class: 'muted' }, ` — ${S.trends[a.trend]}`))),
      ),
    );
  const rows = hist.groups.map((g) => ({ ...g, trend: S.trends[g.trend] }));
  box.appendChild(h('div', { class: 'table-wrap' }, groupsTable(rows)));
}
