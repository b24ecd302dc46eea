/// <reference types="office-js" />
/**
 * The task pane: wires the five steps to the engine (src/core, loaded on first use) and to the workbook — the
 * open Excel workbook through the Excel door (src/excel), or, without Office, none, with the results offered as
 * downloads (standalone mode).
 *
 * Text from files reaches the page only through textContent (see `h`), never as HTML.
 */
import './compat/polyfills';
import { todayIso } from '../core/basics/dates';
import { officeLanguage } from '../excel/office';
import { runConsolidate, wireHooks } from './steps/consolidate';
import { downloadSummary } from './steps/export';
import { showDate, typedDate } from './dates-ui';
import { ask, byId, setStatus } from './dom';
import { workbookHost } from './host';
import { loadHooks } from './steps/draft-and-report';
import { addFiles, clearFiles, recompute, renderFiles, stopReading } from './steps/files';
import { insertSamplePlan, openPlanFile, readPlanFromWorkbook } from './steps/plan';
import { appData, engine, guarded, showEngineFailure } from './run';
import { officeJsLoaded } from './compat/office-js';
import { pane, state } from './state';
import { type Strings, stringsFor } from './strings';
import { showHistory } from './steps/history';
import { labelHelp, wireHelp } from './help';

function applyStrings(): void {
  const S = pane.S;
  document.documentElement.lang = S === stringsFor('vi') ? 'vi' : 'en';
  document.title = S.appTitle;
  byId('app-title').textContent = S.appTitle;
  byId<HTMLInputElement>('period').placeholder = S.periodAuto;
  byId<HTMLInputElement>('as-of').placeholder = S.datePlaceholder;
  const marked = document.querySelectorAll('[data-s]');
  for (let i = 0; i < marked.length; i++) {
    const el = marked[i] as HTMLElement;
    const v = S[el.getAttribute('data-s') as keyof Strings];
    if (typeof v === 'string') el.textContent = v;
  }
}

function filesOf(list: FileList | null | undefined): File[] {
  const out: File[] = [];
  for (let i = 0; list && i < list.length; i++) out.push(list[i]);
  return out;
}

function wirePlan(): void {
  const readPlanButton = byId('read-plan');
  readPlanButton.addEventListener('click', () => guarded(readPlanButton, () => readPlanFromWorkbook()));
  const sampleButton = byId('insert-sample');
  sampleButton.addEventListener('click', () => guarded(sampleButton, insertSamplePlan));
  const planInput = byId<HTMLInputElement>('plan-file');
  planInput.addEventListener('change', () => {
    const file = planInput.files?.[0];
    planInput.value = '';
    if (file) void guarded(null, () => openPlanFile(file));
  });
  const zipButton = byId('templates-zip');
  zipButton.addEventListener('click', () =>
    guarded(zipButton, async () => {
      const plan = state.plan;
      if (!plan) return;
      const e = await engine();
      const bytes = await e.templatesZip(plan, (d, t) => setStatus(pane.S.templatesMaking(d, t)));
      const { deliver } = await import('./deliver');
      await deliver(bytes, pane.S.files.templates(e.fileStem(plan.number)), 'application/zip');
    }),
  );
}

function wireIntake(): void {
  const input = byId<HTMLInputElement>('files');
  input.addEventListener('change', () => {
    const files = filesOf(input.files);
    input.value = '';
    addFiles(files);
  });
  const zone = byId('drop-zone');
  zone.addEventListener('dragover', (ev) => {
    ev.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (ev) => {
    ev.preventDefault();
    zone.classList.remove('over');
    addFiles(filesOf(ev.dataTransfer?.files));
  });
  const clear = byId('clear-files');
  clear.addEventListener('click', () =>
    guarded(clear, async () => {
      if (await ask(pane.S.confirmClearFiles(state.files.length), pane.S.clearFiles)) clearFiles();
    }),
  );
  byId('stop-reading').addEventListener('click', stopReading);
  const filter = byId<HTMLSelectElement>('file-filter');
  filter.addEventListener('change', () => {
    state.fileFilter = filter.value as typeof state.fileFilter;
    renderFiles();
  });
}

function wire(): void {
  wireHelp(); // the guide, at each step
  wirePlan();
  wireIntake();
  const asOf = byId<HTMLInputElement>('as-of');
  asOf.value = showDate(todayIso());
  // typed as 15/7/2024 or 2024-07-15: shown back as 15/07/2024
  asOf.addEventListener('change', () => {
    const iso = typedDate(asOf.value);
    if (iso) asOf.value = showDate(iso);
    else setStatus(pane.S.badDate(asOf.value), 'error');
  });
  for (const id of ['as-of', 'period']) byId(id).addEventListener('change', () => void guarded(null, recompute));
  const consolidateButton = byId('consolidate');
  consolidateButton.addEventListener('click', () =>
    guarded(consolidateButton, async () => {
      appData('shown', 'yes');
      await runConsolidate();
    }),
  );
  const summaryButton = byId('download-summary');
  summaryButton.addEventListener('click', () => guarded(summaryButton, downloadSummary));
  const historyInput = byId<HTMLInputElement>('history-files'); // periods compared
  historyInput.addEventListener('change', () => {
    const files = filesOf(historyInput.files);
    historyInput.value = ''; // the same files can be picked again
    if (files.length) void guarded(historyInput, () => showHistory(files));
  });
}

declare const __LEGACY_BUILD__: boolean;

async function start(): Promise<void> {
  // the pane paints at once; Office (if any) and the engine arrive after
  wire();
  // pdfjs runs in neither the legacy build's webviews (IE11, EdgeHTML) nor older Safari
  pane.modernWebview = !__LEGACY_BUILD__ && !/Trident\/|Edge\/\d/.test(navigator.userAgent);
  const officeJs = await officeJsLoaded();
  pane.host = await workbookHost();
  const excel = pane.host.kind === 'excel';
  pane.S = stringsFor(excel ? officeLanguage() : new URLSearchParams(location.search).get('lang'));
  const S = pane.S;
  applyStrings();
  labelHelp();
  if (status()) setStatus('');
  if (officeJs === 'failed') setStatus(S.officeJsFailed, 'error');
  pane.hooks = loadHooks();
  wireHooks();
  document.body.classList.add(excel ? 'in-excel' : 'standalone');
  if (excel) byId('consolidate').textContent = S.writeIntoWorkbook;
  const mode = byId('mode');
  mode.textContent = excel ? S.modeExcel : S.modeStandalone;
  mode.hidden = false;
  appData('state', 'ready');
  appData('host', pane.host.kind);
  appData('office-js', officeJs);
  // warm the engine up while the clerk reads the pane; a failure is said with its cause, and the next use loads
  // the engine again from the start
  engine()
    .then((e) => {
      pane.verdictLabels = { ...e.INTAKE_VERDICT_LABELS, ...(S.verdicts ?? {}) };
      appData('engine', 'ready');
    })
    .catch(showEngineFailure);
}

/** True when the status line still shows the "waiting for Excel" note. */
function status(): boolean {
  return byId('status').textContent === stringsFor(null).waitingForExcel;
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void start());
else void start();
