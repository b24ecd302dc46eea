/// <reference types="office-js" />
/**
 * The task pane: wires the five steps to the engine (src/core, loaded on first use) and to the workbook — the
 * open Excel workbook through the Excel door (src/excel), or, without Office, a workbook kept in the page with
 * the results offered as downloads (standalone mode).
 *
 * Text from files reaches the page only through textContent (see `h`), never as HTML.
 */
import type { Consolidation, Finding, Plan, PlanReadResult, SheetGrid, Submission } from '../core';
import type { OutSheet } from '../core/basics/sheets';
import type { PlainSheet } from '../core/plan/plan-write';
import {
  type WriteReport,
  officeLanguage,
  readSheets,
  runInExcel,
  selectCell,
  writeOutSheets,
  writePlainSheets,
} from '../excel/door';
import { type Strings, stringsFor } from './strings';
import { type Hooks, loadHooks } from './hooks';

type Engine = typeof import('./engine');

// ---------------------------------------------------------------------------------------------
// DOM helpers (text only)

type Child = Node | string | number | null | undefined | false;

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'class') el.className = String(v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
  return el;
}

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing`);
  return el as T;
}

const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

// ---------------------------------------------------------------------------------------------
// The workbook: Excel, or kept in the page

interface WorkbookHost {
  kind: 'excel' | 'standalone';
  readSheets(): Promise<SheetGrid[]>;
  insertPlan(sheets: PlainSheet[]): Promise<void>;
  writeSummary(sheets: OutSheet[]): Promise<WriteReport | null>;
  selectCell(sheet: string, cell: string): Promise<void>;
}

const SUMMARY_SHEET_NAMES = [
  'Tổng hợp',
  'Theo nhiệm vụ',
  'Theo đơn vị',
  'Theo huyện, khu vực',
  'Chưa nộp, nộp muộn',
  'Lỗi dữ liệu',
  'Chi tiết',
  'Sổ tiếp nhận',
];

const excelHost: WorkbookHost = {
  kind: 'excel',
  readSheets: () =>
    runInExcel(async (ctx) => (await readSheets(ctx, { skip: (n) => SUMMARY_SHEET_NAMES.includes(n) })).sheets),
  insertPlan: async (sheets) => {
    await runInExcel((ctx) => writePlainSheets(ctx, sheets));
  },
  writeSummary: (sheets) => runInExcel((ctx) => writeOutSheets(ctx, sheets)),
  selectCell: (sheet, cell) => runInExcel((ctx) => selectCell(ctx, sheet, cell)),
};

const standaloneHost: WorkbookHost = {
  kind: 'standalone',
  readSheets: async () => [],
  insertPlan: async () => undefined,
  writeSummary: async () => null,
  selectCell: async () => undefined,
};

async function detectHost(): Promise<WorkbookHost> {
  if (typeof Office === 'undefined' || typeof Office.onReady !== 'function') return standaloneHost;
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), 4000));
  try {
    const info = await Promise.race([Office.onReady(), timeout]);
    if (info && String(info.host) === 'Excel' && typeof Excel !== 'undefined') return excelHost;
  } catch {
    /* not in Office */
  }
  return standaloneHost;
}

// ---------------------------------------------------------------------------------------------
// State

interface FileEntry {
  id: number;
  file: File;
  isLog: boolean;
  submission: Submission | null;
  /** The date the clerk typed in the list, if any. */
  entered: string | null;
}

const state = {
  plan: null as Plan | null,
  planName: '',
  files: [] as FileEntry[],
  intakeDates: new Map<string, string>(),
  intakeFindings: [] as Finding[],
  consolidation: null as Consolidation | null,
  nextId: 1,
  busy: false,
};

let S: Strings = stringsFor(null);
let host: WorkbookHost = standaloneHost;
let hooks: Hooks = { extract: false, report: false };

let enginePromise: Promise<Engine> | null = null;
function engine(): Promise<Engine> {
  if (!enginePromise) {
    enginePromise = import(/* webpackChunkName: "engine" */ './engine');
    enginePromise.catch(() => (enginePromise = null));
  }
  return enginePromise;
}

function setStatus(text: string, kind: 'info' | 'error' = 'info'): void {
  const el = byId('status');
  el.textContent = text;
  el.dataset.kind = kind;
}

async function guarded(button: HTMLElement | null, fn: () => Promise<void>): Promise<void> {
  if (state.busy) return;
  state.busy = true;
  button?.setAttribute('aria-busy', 'true');
  document.body.classList.add('busy');
  try {
    await fn();
  } catch (e) {
    setStatus(S.error + (e instanceof Error ? e.message : String(e)), 'error');
    console.error(e);
  } finally {
    state.busy = false;
    button?.removeAttribute('aria-busy');
    document.body.classList.remove('busy');
  }
}

function download(
  bytes: Uint8Array | Blob,
  fileName: string,
  type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
): void {
  const blob = bytes instanceof Blob ? bytes : new Blob([bytes as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: fileName, class: 'visually-hidden' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
  setStatus(S.downloaded(fileName));
}

function isoToday(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

// ---------------------------------------------------------------------------------------------
// 1. Plan

async function usePlanResult(res: PlanReadResult, name: string): Promise<void> {
  const view = byId('plan-view');
  view.replaceChildren();
  if (!res.ok) {
    state.plan = null;
    view.append(problemList(S.planProblems(res.problems.length), res.problems, 'error'));
    setStatus(S.planProblems(res.problems.length), 'error');
    refreshPlanDependent();
    return;
  }
  state.plan = res.plan;
  state.planName = name;
  const p = res.plan;
  const e = await engine();
  const dl = h(
    'dl',
    { class: 'plan-facts', id: 'plan-facts' },
    h('dt', {}, S.planNumber),
    h('dd', { 'data-k': 'number' }, p.number),
    h('dt', {}, S.planTitle),
    h('dd', { 'data-k': 'title' }, p.title),
    h('dt', {}, S.planDeadline),
    h('dd', { 'data-k': 'deadline' }, e.formatDeadlineRule(p.deadline)),
    h('dt', {}, S.planAgencies),
    h('dd', { 'data-k': 'agencies' }, p.agencies.length),
    h('dt', {}, S.planTasks),
    h('dd', { 'data-k': 'tasks' }, p.tasks.length),
    h('dt', {}, S.planIndicators),
    h('dd', { 'data-k': 'indicators' }, p.indicators.length),
  );
  view.append(dl);
  if (res.warnings.length) view.append(problemList(S.planWarnings(res.warnings.length), res.warnings, 'warning'));
  if (host.kind === 'standalone') {
    const b = h('button', { type: 'button', id: 'download-plan' }, S.downloadPlan);
    b.addEventListener('click', () =>
      guarded(b, async () => {
        const eng = await engine();
        download(await eng.writePlanWorkbook(p), `Ke hoach ${eng.fileStem(p.number)}.xlsx`);
      }),
    );
    view.append(h('div', { class: 'buttons' }, b));
  }
  setStatus(S.planRead(p.number));
  refreshPlanDependent();
  // the files already picked are read again against the new plan
  if (state.files.length) {
    resetFiles();
    await startReading();
  }
}

function problemList(title: string, items: Finding[], kind: 'error' | 'warning'): HTMLElement {
  const list = h('ul', { class: `problems ${kind}` });
  for (const f of items) {
    const where = [f.sheet, f.cell].filter(Boolean).join('!') || S.wholeFile;
    const li = h('li', {}, h('span', { class: 'where' }, where), ' ', h('span', { class: 'msg' }, f.message));
    if (host.kind === 'excel' && f.sheet) {
      const link = h('button', { type: 'button', class: 'link' }, S.showCell);
      link.addEventListener('click', () => guarded(link, () => host.selectCell(f.sheet, f.cell)));
      li.append(' ', link);
    }
    list.append(li);
  }
  return h('div', { class: `problem-box ${kind}` }, h('p', { class: 'problem-title' }, title), list);
}

async function readPlanFromWorkbook(): Promise<void> {
  const e = await engine();
  const sheets = await host.readSheets();
  await usePlanResult(e.readPlan({ sheets, date1904: false }, ''), '');
}

async function insertSamplePlan(): Promise<void> {
  const e = await engine();
  const plan = e.socTrangPlan();
  if (host.kind === 'excel') {
    await host.insertPlan(e.planSheets(plan));
    setStatus(S.planInserted);
    // read back what was written: the same contract as a plan workbook
    await readPlanFromWorkbook();
  } else {
    const grid = await e.readWorkbookGrid(await e.writePlanWorkbook(plan));
    await usePlanResult(e.readPlan(grid, 'plan.xlsx'), 'plan.xlsx');
  }
}

async function openPlanFile(file: File): Promise<void> {
  const e = await engine();
  const bytes = new Uint8Array(await file.arrayBuffer());
  let grid;
  try {
    grid = await e.readWorkbookGrid(bytes);
  } catch (err) {
    await usePlanResult(
      {
        ok: false,
        problems: [
          e.finding('error', 'plan.unreadable', `Tệp ${file.name} không đọc được: ${(err as Error).message}`, {
            file: file.name,
          }),
        ],
        warnings: [],
      },
      file.name,
    );
    return;
  }
  const res = e.readPlan(grid, file.name);
  await usePlanResult(res, file.name);
}

function refreshPlanDependent(): void {
  const has = state.plan !== null;
  byId<HTMLButtonElement>('templates-zip').disabled = !has;
  byId<HTMLButtonElement>('consolidate').disabled = !has;
  const list = byId('template-list');
  list.replaceChildren();
  if (state.plan) {
    const plan = state.plan;
    for (const agency of plan.agencies) {
      const b = h('button', { type: 'button', class: 'link', 'data-agency': agency.code }, agency.name);
      b.addEventListener('click', () =>
        guarded(b, async () => {
          const e = await engine();
          download(await e.buildTemplate(plan, agency), e.templateFileName(agency));
        }),
      );
      list.append(h('li', {}, b));
    }
  }
  state.consolidation = null;
  renderOverview();
}

// ---------------------------------------------------------------------------------------------
// 3. Intake

function addFiles(files: File[]): void {
  for (const file of files) {
    const same = state.files.findIndex(
      (f) => f.file.name === file.name && f.file.size === file.size && f.file.lastModified === file.lastModified,
    );
    if (same >= 0) continue;
    state.files.push({ id: state.nextId++, file, isLog: false, submission: null, entered: null });
  }
  void startReading();
}

let reading: Promise<void> | null = null;

/**
 * Reads the files not read yet, one after the other, yielding to the page between files. Files added or a plan
 * changed while it runs are picked up by the same run; only one run at a time.
 */
function startReading(): Promise<void> {
  if (!reading) {
    reading = readPending()
      .catch((e: unknown) => setStatus(S.error + (e instanceof Error ? e.message : String(e)), 'error'))
      .finally(() => (reading = null));
  }
  return reading;
}

/** Forgets what was read (the plan changed): every file is read again. */
function resetFiles(): void {
  for (const f of state.files) {
    f.submission = null;
    f.isLog = false;
  }
}

async function readPending(): Promise<void> {
  renderFiles();
  if (!state.plan) {
    if (state.files.length) setStatus(S.needPlanFirst, 'error');
    return;
  }
  const e = await engine();
  const box = byId('progress-box');
  const bar = byId<HTMLProgressElement>('progress');
  const text = byId('progress-text');
  box.hidden = false;
  let done = 0;
  for (;;) {
    const plan: Plan | null = state.plan;
    if (!plan) return;
    // the intake log first: its dates apply to the other files
    for (const f of state.files) {
      if (f.isLog || !e.isIntakeLogName(f.file.name)) continue;
      f.isLog = true;
      try {
        const log = e.readIntakeLog(await e.readWorkbookGrid(new Uint8Array(await f.file.arrayBuffer())), f.file.name);
        state.intakeDates = log.dates;
        state.intakeFindings = log.findings;
      } catch (err) {
        state.intakeFindings = [
          e.finding('warning', 'intake.unreadable', `Không đọc được sổ tiếp nhận: ${(err as Error).message}`, {
            file: f.file.name,
          }),
        ];
      }
    }
    const f = state.files.find((x) => !x.isLog && x.submission === null);
    if (!f) break;
    const total = done + state.files.filter((x) => !x.isLog && x.submission === null).length;
    bar.max = Math.max(1, total);
    bar.value = done;
    text.textContent = S.reading(done, total);
    await nextFrame(); // let the page paint and take clicks between files
    const logged = state.intakeDates.get(e.intakeKey(f.file.name));
    const receivedOn = f.entered ?? logged ?? e.vietnamDay(f.file.lastModified);
    const receivedFrom = f.entered ? 'entered' : logged ? 'intake-log' : 'file-date';
    const sub = await e.readSubmission(
      { name: f.file.name, bytes: new Uint8Array(await f.file.arrayBuffer()), receivedOn, receivedFrom },
      plan,
    );
    // a file read against a plan that has since been replaced is read again
    if (state.plan !== plan || !state.files.includes(f)) continue;
    f.submission = sub;
    done++;
  }
  // dates from an intake log that came after the files
  for (const f of state.files) {
    if (!f.submission || f.entered) continue;
    const logged = state.intakeDates.get(e.intakeKey(f.file.name));
    if (logged && f.submission.receivedFrom !== 'intake-log') {
      f.submission.receivedOn = logged;
      f.submission.receivedFrom = 'intake-log';
    }
  }
  bar.max = Math.max(1, done);
  bar.value = done;
  text.textContent = S.readDone(done);
  await recompute();
}

/** Consolidates in memory (cheap) so the list shows each file's verdict. */
async function recompute(): Promise<void> {
  const plan = state.plan;
  if (!plan) return;
  const e = await engine();
  const asOf = byId<HTMLInputElement>('as-of').value || isoToday();
  const period = byId<HTMLInputElement>('period').value.trim() || null;
  state.consolidation = e.consolidate(plan, submissions(), { asOf, period, extraFindings: state.intakeFindings });
  renderFiles();
}

function submissions(): Submission[] {
  return state.files.filter((f) => !f.isLog && f.submission).map((f) => f.submission as Submission);
}

function renderFiles(): void {
  const list = byId('file-list');
  list.replaceChildren();
  byId('clear-files').hidden = state.files.length === 0;
  const intake = state.consolidation?.intake ?? [];
  const planAgencies = new Map((state.plan?.agencies ?? []).map((a) => [a.code, a.name]));
  for (const f of state.files) {
    const li = h('li', { class: 'file', 'data-file': f.file.name });
    li.append(h('div', { class: 'file-name', title: f.file.name }, f.file.name));
    if (f.isLog) {
      li.append(h('div', { class: 'muted' }, S.intakeLogFile));
      list.append(li);
      continue;
    }
    const sub = f.submission;
    const agency = sub?.agencyCode ? (planAgencies.get(sub.agencyCode) ?? sub.agencyCode) : sub ? S.unknownAgency : '…';
    li.append(h('div', { class: 'agency' }, agency));
    const entry = sub ? intake.find((x) => x.file === sub.file && x.sha256 === sub.sha256) : undefined;
    const verdictLabel = entry ? VERDICT_LABELS[entry.verdict] : '';
    const date = h('input', {
      type: 'date',
      class: 'received',
      value: sub?.receivedOn ?? '',
      'aria-label': `${S.receivedOn}: ${f.file.name}`,
    });
    date.addEventListener('change', () => {
      if (!f.submission || !date.value) return;
      f.entered = date.value;
      f.submission.receivedOn = date.value;
      f.submission.receivedFrom = 'entered';
      void guarded(null, recompute);
    });
    const n = sub?.findings.length ?? 0;
    li.append(
      h(
        'div',
        { class: 'file-line' },
        h('span', { class: `verdict v-${entry?.verdict ?? 'pending'}` }, verdictLabel),
        h('label', { class: 'date-label' }, date),
        h('span', { class: n ? 'count has' : 'count' }, sub ? S.findingsCount(n) : ''),
      ),
    );
    if (entry?.reason) li.append(h('div', { class: 'reason' }, entry.reason));
    list.append(li);
  }
}

let VERDICT_LABELS: Record<string, string> = {};

// ---------------------------------------------------------------------------------------------
// 4. Consolidate

async function runConsolidate(): Promise<void> {
  const plan = state.plan;
  if (!plan) {
    setStatus(S.needPlanFirst, 'error');
    return;
  }
  await recompute();
  const c = state.consolidation as Consolidation;
  const e = await engine();
  const sheets = e.summarySheets(c, plan);
  const report = await host.writeSummary(sheets);
  renderOverview();
  const note = report ? S.written(report.sheets.length, report.syncs) : S.consolidated;
  setStatus(note);
  byId('overview').prepend(h('p', { class: 'note', id: 'consolidate-note' }, note));
}

function renderOverview(): void {
  const box = byId('overview');
  box.replaceChildren();
  byId<HTMLButtonElement>('download-summary').disabled = state.consolidation === null;
  for (const b of document.querySelectorAll<HTMLButtonElement>('.needs-consolidation'))
    b.disabled = state.consolidation === null;
  const c = state.consolidation;
  if (!c || byId('app').dataset.shown !== 'yes') return;
  const pct = (n: number) => `${n.toLocaleString('vi-VN')}%`;
  const head = h(
    'tr',
    {},
    ...[S.group, S.required, S.onTime, S.late, S.missing, S.rejected, S.completeness].map((t) =>
      h('th', { scope: 'col' }, t),
    ),
  );
  const row = (name: string, g: Consolidation['overall'], cls: string, key: string) =>
    h(
      'tr',
      { class: cls, 'data-group': key },
      h('th', { scope: 'row' }, name),
      h('td', { 'data-k': 'required' }, g.required),
      h('td', { 'data-k': 'onTime' }, g.onTime),
      h('td', { 'data-k': 'late', class: g.late > 0 ? 'hot late' : undefined }, g.late),
      h('td', { 'data-k': 'missing', class: g.missing > 0 ? 'hot missing' : undefined }, g.missing),
      h('td', { 'data-k': 'rejected' }, g.rejected),
      h('td', { 'data-k': 'completeness', 'data-v': String(g.completeness) }, pct(g.completeness)),
    );
  const table = h(
    'table',
    { class: 'overview', id: 'overview-table' },
    h('thead', {}, head),
    h('tbody', {}, ...c.groups.map((g) => row(g.name, g, '', g.name)), row(S.overall, c.overall, 'total', '*')),
  );
  box.append(h('div', { class: 'table-wrap' }, table));
  const people = (title: string, cls: string, items: { name: string; extra?: string }[]) =>
    items.length
      ? h(
          'details',
          { class: `people ${cls}`, open: items.length <= 8 },
          h('summary', {}, title),
          h(
            'ul',
            {},
            ...items.map((i) => h('li', {}, i.name, i.extra ? h('span', { class: 'muted' }, ` — ${i.extra}`) : null)),
          ),
        )
      : null;
  const late = c.agencies.filter((a) => a.status === 'late');
  const missing = c.agencies.filter((a) => a.status === 'missing');
  const rejected = c.agencies.filter((a) => a.status === 'rejected');
  const errors = c.findings.filter((f) => f.severity === 'error').length;
  box.append(
    ...[
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
    ].filter((x): x is HTMLDetailsElement | HTMLParagraphElement => x !== null),
  );
}

// ---------------------------------------------------------------------------------------------
// Start

function applyStrings(): void {
  document.documentElement.lang = S === stringsFor('vi') ? 'vi' : 'en';
  document.title = S.appTitle;
  byId('app-title').textContent = S.appTitle;
  byId<HTMLInputElement>('period').placeholder = S.periodAuto;
  for (const el of document.querySelectorAll<HTMLElement>('[data-s]')) {
    const v = S[el.dataset.s as keyof Strings];
    if (typeof v === 'string') el.textContent = v;
  }
}

function wire(): void {
  const readPlanButton = byId('read-plan');
  readPlanButton.addEventListener('click', () => guarded(readPlanButton, readPlanFromWorkbook));
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
      const bytes = await e.templatesZip(plan, (d, t) => setStatus(S.templatesMaking(d, t)));
      download(bytes, `Mau bao cao ${e.fileStem(plan.number)}.zip`, 'application/zip');
    }),
  );

  const input = byId<HTMLInputElement>('files');
  input.addEventListener('change', () => {
    const files = [...(input.files ?? [])];
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
    addFiles([...(ev.dataTransfer?.files ?? [])]);
  });
  const clear = byId('clear-files');
  clear.addEventListener('click', () => {
    state.files = [];
    state.intakeDates = new Map();
    state.intakeFindings = [];
    byId('progress-box').hidden = true;
    state.consolidation = null;
    renderFiles();
    renderOverview();
  });

  const asOf = byId<HTMLInputElement>('as-of');
  asOf.value = isoToday();
  for (const id of ['as-of', 'period']) byId(id).addEventListener('change', () => void guarded(null, recompute));
  const consolidateButton = byId('consolidate');
  consolidateButton.addEventListener('click', () =>
    guarded(consolidateButton, async () => {
      byId('app').dataset.shown = 'yes';
      await runConsolidate();
    }),
  );

  const summaryButton = byId('download-summary');
  summaryButton.addEventListener('click', () =>
    guarded(summaryButton, async () => {
      const c = state.consolidation;
      const plan = state.plan;
      if (!c || !plan) return setStatus(S.needConsolidation, 'error');
      const e = await engine();
      download(await e.writeSummaryWorkbook(c, plan), `Tong hop ${e.fileStem(plan.number)} den ${c.asOf}.xlsx`);
    }),
  );
}

function wireHooks(): void {
  if (hooks.extract && hooks.extractPlan) {
    const extractPlan = hooks.extractPlan;
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
        const bytes = new Uint8Array(await file.arrayBuffer());
        const draft = await extractPlan(file.name, bytes, state.plan?.agencies);
        const e = await engine();
        if (host.kind === 'excel') {
          // the draft goes into the workbook for the clerk to check, and is read back from there
          await host.insertPlan(draft.sheets);
          await readPlanFromWorkbook();
        } else {
          await usePlanResult(
            e.readPlan(await e.readWorkbookGrid(draft.workbook.bytes), draft.workbook.fileName),
            draft.workbook.fileName,
          );
          const dl = h('button', { type: 'button', id: 'download-draft' }, S.downloadDraft);
          dl.addEventListener('click', () => download(draft.workbook.bytes, draft.workbook.fileName));
          // the draft keeps the `Nguồn` and `Cần kiểm tra` columns: offer it instead of the plain plan workbook
          document.getElementById('download-plan')?.parentElement?.remove();
          byId('plan-view').append(h('div', { class: 'buttons' }, dl));
        }
        const review = h(
          'div',
          { class: 'problem-box warning', id: 'draft-review' },
          h('p', { class: 'problem-title' }, draft.review[0] ?? ''),
        );
        if (draft.review.length > 1)
          review.append(h('ul', { class: 'problems' }, ...draft.review.slice(1).map((line) => h('li', {}, line))));
        byId('plan-view').prepend(review);
        if (state.plan) setStatus(S.planFromDocumentDone(state.plan.tasks.length));
      });
    });
    byId('extract-slot').append(h('div', { class: 'buttons' }, label, input));
  }
  if (hooks.report) {
    const box = byId('export-buttons');
    const report = h(
      'button',
      { type: 'button', id: 'ministry-report', class: 'needs-consolidation', disabled: true },
      S.ministryReport,
    );
    const remind = h(
      'button',
      { type: 'button', id: 'reminders', class: 'needs-consolidation', disabled: true },
      S.reminders,
    );
    report.addEventListener('click', () =>
      guarded(report, async () => {
        if (!state.consolidation || !state.plan) return setStatus(S.needConsolidation, 'error');
        const out = await hooks.ministryReport!(state.consolidation, state.plan);
        download(out.bytes, out.fileName, out.type);
      }),
    );
    remind.addEventListener('click', () =>
      guarded(remind, async () => {
        if (!state.consolidation || !state.plan) return setStatus(S.needConsolidation, 'error');
        const out = await hooks.reminders!(state.consolidation, state.plan);
        download(out.bytes, out.fileName, out.type);
      }),
    );
    box.append(report, remind);
  }
}

async function start(): Promise<void> {
  // the pane paints at once; Office (if any) and the engine arrive after
  wire();
  host = await detectHost();
  S = stringsFor(host.kind === 'excel' ? officeLanguage() : new URLSearchParams(location.search).get('lang'));
  applyStrings();
  hooks = loadHooks();
  wireHooks();
  document.body.classList.add(host.kind === 'excel' ? 'in-excel' : 'standalone');
  if (host.kind === 'excel') byId('consolidate').textContent = S.writeIntoWorkbook;
  const mode = byId('mode');
  mode.textContent = host.kind === 'excel' ? S.modeExcel : S.modeStandalone;
  mode.hidden = false;
  byId('app').dataset.state = 'ready';
  byId('app').dataset.host = host.kind;
  // warm the engine up while the clerk reads the pane
  engine()
    .then((e) => {
      VERDICT_LABELS = { ...e.INTAKE_VERDICT_LABELS, ...(S.verdicts ?? {}) };
      byId('app').dataset.engine = 'ready';
    })
    .catch((err: unknown) => setStatus(S.engineFailed + String(err), 'error'));
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void start());
else void start();
