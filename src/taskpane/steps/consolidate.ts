/**
 * Step 4 and the plan drafted from a document: consolidating into the workbook asks before replacing the summary
 * sheets tonghop wrote before (its register knows which, and the question names them); a sheet of the clerk's
 * under a summary sheet's name is never replaced, the new sheet takes a free name that the pane states.
 */
import type { Consolidation } from '../../core';
import type { ExtractedPlan } from './draft-and-report';
import { deliver } from '../deliver';
import { ask, byId, h, setStatus } from '../dom';
import { recompute } from './files';
import { renderOverview } from './overview';
import { insertPlanSheets, mayReplacePlan, usePlanResult } from './plan';
import { SUMMARY_SHEET_NAMES } from '../host';
import { wireExport } from './export';
import { engine, guarded } from '../run';
import { pane, state } from '../state';

export async function runConsolidate(): Promise<void> {
  const S = pane.S;
  const plan = state.plan;
  if (!plan) return setStatus(S.needPlanFirst, 'error');
  if (pane.host.kind === 'excel') {
    const own = await pane.host.ownSheets(SUMMARY_SHEET_NAMES);
    if (own.length > 0 && !(await ask(S.confirmReplaceOwnSheets(own), S.replace))) return;
  }
  await recompute();
  const c = state.consolidation as Consolidation;
  const e = await engine();
  const report = await pane.host.writeSummary(e.summarySheets(c, plan));
  renderOverview();
  let note = report ? S.written(report.sheets.length) : S.consolidated;
  if (report && report.renamed.length) note += ` ${S.keptUserSheets(report.renamed)}`;
  setStatus(note);
  const box = byId('overview');
  box.insertBefore(h('p', { class: 'note', id: 'consolidate-note' }, note), box.firstChild);
}

async function useDraft(draft: ExtractedPlan): Promise<void> {
  const S = pane.S;
  const e = await engine();
  if (pane.host.kind === 'excel') {
    // the draft goes into the workbook for the clerk to check, and is read back from there
    await insertPlanSheets(draft.sheets);
  } else {
    const grid = await e.readWorkbookGrid(draft.workbook.bytes);
    await usePlanResult(e.readPlan(grid, draft.workbook.fileName), draft.workbook.fileName, grid);
    const dl = h('button', { type: 'button', id: 'download-draft' }, S.downloadDraft);
    dl.addEventListener('click', () =>
      guarded(dl, async () => {
        await deliver(draft.workbook.bytes, draft.workbook.fileName);
      }),
    );
    // the draft keeps the `Nguồn` and `Cần kiểm tra` columns: offer it instead of the plain plan workbook
    const plain = document.getElementById('download-plan')?.parentNode;
    plain?.parentNode?.removeChild(plain);
    byId('plan-view').appendChild(h('div', { class: 'buttons' }, dl));
  }
  const review = h(
    'div',
    { class: 'problem-box warning', id: 'draft-review' },
    h('p', { class: 'problem-title' }, draft.review[0] ?? ''),
  );
  if (draft.review.length > 1)
    review.appendChild(h('ul', { class: 'problems' }, ...draft.review.slice(1).map((line) => h('li', {}, line))));
  const view = byId('plan-view');
  view.insertBefore(review, view.firstChild);
  if (state.plan) setStatus(S.planFromDocumentDone(state.plan.tasks.length));
}

function wireExtract(): void {
  const S = pane.S;
  const extractPlan = pane.hooks.extractPlan;
  if (!pane.hooks.extract || !extractPlan) return;
  const input = h('input', {
    type: 'file',
    id: 'plan-document',
    accept: '.docx,.pdf,.txt,.md',
    class: 'visually-hidden',
  });
  const label = h('label', { class: 'button', for: 'plan-document' }, S.planFromDocument);
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    void guarded(null, async () => {
      if (!(await mayReplacePlan())) return;
      if (/\.pdf$/i.test(file.name) && !pane.modernWebview) return setStatus(S.pdfNeedsNewerOffice, 'error');
      const bytes = new Uint8Array(await file.arrayBuffer());
      await useDraft(await extractPlan(file.name, bytes, state.plan?.agencies));
    });
  });
  byId('extract-slot').appendChild(h('div', { class: 'buttons' }, label, input));
}

export function wireHooks(): void {
  wireExtract();
  wireExport();
}
