/**
 * Step 5: the outputs. The summary workbook; the report sent upward, as a workbook or as a Word document (as the
 * CLI writes them), its buttons naming the body the plan reports to; the reminder letters. What a click gave
 * (downloaded, opened in Excel, or why not) is said beside the buttons, where the clerk is looking, as well as in
 * the status line at the top of the pane.
 */
import type { Plan } from '../../core';
import { type Delivered, deliver } from '../deliver';
import { byId, h } from '../dom';
import { errorText } from '../errors';
import { engine, guarded } from '../run';
import { pane, state } from '../state';
import type { Download } from './draft-and-report';

/** The body the report goes up to as the plan names it (its superior body, else its first recipient); '' if none. */
export function upwardBody(plan: Plan | null): string {
  if (!plan) return '';
  const first = plan.recipients.split(/[;\n]+/)[0] ?? '';
  return (plan.superiorBody || first)
    .replace(/^[\s\-–•]+/, '')
    .replace(/[\s;.,]+$/, '')
    .trim();
}

function say(d: Delivered): void {
  const note = byId('export-note');
  note.textContent = d.text;
  note.setAttribute('data-kind', d.kind);
  note.hidden = false;
}

/** Runs a step-5 action and says its outcome beside the buttons; an error is said there too, then as usual. */
async function saying(action: () => Promise<Delivered | null>): Promise<void> {
  try {
    const d = await action();
    if (d) say(d);
  } catch (e) {
    say({ text: errorText(e, pane.S), kind: 'error' });
    throw e;
  }
}

function needConsolidation(): Delivered {
  return { text: pane.S.needConsolidation, kind: 'error' };
}

export async function downloadSummary(): Promise<void> {
  await saying(async () => {
    const c = state.consolidation;
    const plan = state.plan;
    if (!c || !plan) return needConsolidation();
    const e = await engine();
    return deliver(await e.writeSummaryWorkbook(c, plan), pane.S.files.summary(e.fileStem(plan.number), c.asOf));
  });
}

type Build = NonNullable<typeof pane.hooks.reminders>;

function exportButton(id: string, build: Build): HTMLButtonElement {
  const b = h('button', { type: 'button', id, class: 'needs-consolidation', disabled: true });
  b.addEventListener('click', () =>
    guarded(b, () =>
      saying(async () => {
        if (!state.consolidation || !state.plan) return needConsolidation();
        const out: Download = await build(state.consolidation, state.plan);
        return deliver(out.bytes, out.fileName, out.type);
      }),
    ),
  );
  return b;
}

/** The buttons of the report and reminder engines (loaded on first click). */
export function wireExport(): void {
  const hooks = pane.hooks;
  if (!hooks.report || !hooks.ministryReport || !hooks.reportDocx || !hooks.reminders) return;
  const box = byId('export-buttons');
  box.appendChild(exportButton('ministry-report', hooks.ministryReport));
  box.appendChild(exportButton('report-docx', hooks.reportDocx));
  box.appendChild(exportButton('reminders', hooks.reminders));
  refreshExport();
}

/** The buttons follow the plan (whom the report goes to) and the consolidation (nothing to export before it). */
export function refreshExport(): void {
  const S = pane.S;
  const none = state.consolidation === null;
  byId<HTMLButtonElement>('download-summary').disabled = none;
  const needs = document.querySelectorAll('.needs-consolidation');
  for (let i = 0; i < needs.length; i++) (needs[i] as HTMLButtonElement).disabled = none;
  const body = upwardBody(state.plan);
  const label = (id: string, text: string) => {
    const b = document.getElementById(id);
    if (b) b.textContent = text;
  };
  label('ministry-report', S.upwardReport(body, '.xlsx'));
  label('report-docx', S.upwardReport(body, '.docx'));
  label('reminders', S.reminders);
  byId('export-note').hidden = true;
}
