/**
 * Step 3: the files received. They are read one after the other, yielding to the page between files (the pane
 * keeps answering clicks); reading can be stopped; the list can show only the rejected files or those with
 * problems; the received date can be typed (dd/mm/yyyy).
 */
import type { Plan, Submission } from '../core';
import { todayIso } from '../core/basics/dates';
import { showDate, typedDate } from './dates-ui';
import { byId, clear, h, nextFrame, setStatus } from './dom';
import { renderOverview } from './overview';
import { engine, guarded, showError } from './run';
import { type FileEntry, pane, state } from './state';

/** A file's modification time: File.lastModified, or lastModifiedDate in Internet Explorer 11, which lacks it. */
function fileTime(file: File): number {
  if (typeof file.lastModified === 'number') return file.lastModified;
  const d = (file as File & { lastModifiedDate?: Date }).lastModifiedDate;
  return d ? d.getTime() : NaN;
}

export function addFiles(files: File[]): void {
  for (const file of files) {
    const same = state.files.some(
      (f) => f.file.name === file.name && f.file.size === file.size && fileTime(f.file) === fileTime(file),
    );
    if (!same) state.files.push({ id: state.nextId++, file, isLog: false, submission: null, entered: null });
  }
  void startReading();
}

let reading: Promise<void> | null = null;

/** Reads the files not read yet; files added or a plan changed while it runs are picked up by the same run. */
export function startReading(): Promise<void> {
  if (!reading) {
    state.cancelReading = false;
    reading = readPending()
      .catch(showError)
      .then(() => {
        reading = null;
        byId('stop-reading').hidden = true;
      });
  }
  return reading;
}

/** Forgets what was read (the plan changed): every file is read again. */
export function resetFiles(): void {
  for (const f of state.files) {
    f.submission = null;
    f.isLog = false;
  }
}

async function bytesOf(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

/** The intake log first: its dates apply to the other files. */
async function readLogs(e: Awaited<ReturnType<typeof engine>>): Promise<void> {
  for (const f of state.files) {
    if (f.isLog || !e.isIntakeLogName(f.file.name)) continue;
    f.isLog = true;
    try {
      const log = e.readIntakeLog(await e.readWorkbookGrid(await bytesOf(f.file)), f.file.name);
      state.intakeDates = log.dates;
      state.intakeFindings = log.findings;
    } catch (err) {
      state.intakeFindings = [
        e.finding('warning', 'intake.unreadable', pane.S.intakeLogUnreadable((err as Error).message), {
          file: f.file.name,
        }),
      ];
    }
  }
}

async function readPending(): Promise<void> {
  const S = pane.S;
  renderFiles();
  if (!state.plan) {
    if (state.files.length) setStatus(S.needPlanFirst, 'error');
    return;
  }
  const e = await engine();
  const bar = byId<HTMLProgressElement>('progress');
  const text = byId('progress-text');
  byId('progress-box').hidden = false;
  byId('stop-reading').hidden = false;
  let done = 0;
  for (;;) {
    const plan: Plan | null = state.plan;
    if (!plan) return;
    await readLogs(e);
    const pending = state.files.filter((x) => !x.isLog && x.submission === null);
    const f = pending[0];
    if (!f) break;
    if (state.cancelReading) {
      state.files = state.files.filter((x) => pending.indexOf(x) < 0);
      setStatus(S.readingStopped(pending.length));
      break;
    }
    bar.max = Math.max(1, done + pending.length);
    bar.value = done;
    text.textContent = S.reading(done, done + pending.length);
    await nextFrame(); // let the page paint and take clicks between files
    const logged = state.intakeDates.get(e.intakeKey(f.file.name));
    const receivedOn = f.entered ?? logged ?? e.vietnamDay(fileTime(f.file));
    const receivedFrom = f.entered ? 'entered' : logged ? 'intake-log' : 'file-date';
    const sub = await e.readSubmission(
      { name: f.file.name, bytes: await bytesOf(f.file), receivedOn, receivedFrom },
      plan,
    );
    // a file read against a plan that has since been replaced is read again
    if (state.plan !== plan || state.files.indexOf(f) < 0) continue;
    f.submission = sub;
    done++;
  }
  applyLateLogDates(e.intakeKey);
  bar.max = Math.max(1, done);
  bar.value = done;
  text.textContent = S.readDone(done);
  await recompute();
}

/** Dates from an intake log that came after the files. */
function applyLateLogDates(intakeKey: (name: string) => string): void {
  for (const f of state.files) {
    if (!f.submission || f.entered) continue;
    const logged = state.intakeDates.get(intakeKey(f.file.name));
    if (logged && f.submission.receivedFrom !== 'intake-log') {
      f.submission.receivedOn = logged;
      f.submission.receivedFrom = 'intake-log';
    }
  }
}

/** The as-of date typed (dd/mm/yyyy), or today in Vietnam. */
export function asOfDate(): string {
  return typedDate(byId<HTMLInputElement>('as-of').value) ?? todayIso();
}

/** Consolidates in memory (cheap) so the list shows each file's verdict. */
export async function recompute(): Promise<void> {
  const plan = state.plan;
  if (!plan) return;
  const e = await engine();
  const period = byId<HTMLInputElement>('period').value.trim() || null;
  state.consolidation = e.consolidate(plan, submissions(), {
    asOf: asOfDate(),
    period,
    extraFindings: state.intakeFindings,
  });
  renderFiles();
}

export function submissions(): Submission[] {
  return state.files.filter((f) => !f.isLog && f.submission).map((f) => f.submission as Submission);
}

function shown(f: FileEntry, verdict: string | undefined): boolean {
  if (state.fileFilter === 'all') return true;
  if (state.fileFilter === 'rejected') return !!verdict && verdict !== 'accepted';
  return (f.submission?.findings.length ?? 0) > 0;
}

function dateField(f: FileEntry): HTMLInputElement {
  const S = pane.S;
  const sub = f.submission;
  const date = h('input', {
    type: 'text',
    inputmode: 'numeric',
    class: 'received',
    placeholder: S.datePlaceholder,
    value: showDate(sub?.receivedOn),
    'aria-label': `${S.receivedOn}: ${f.file.name}`,
  });
  date.addEventListener('change', () => {
    const iso = typedDate(date.value);
    if (!f.submission || !iso) return setStatus(S.badDate(date.value), 'error');
    f.entered = iso;
    f.submission.receivedOn = iso;
    f.submission.receivedFrom = 'entered';
    void guarded(null, recompute);
  });
  return date;
}

function fileItem(f: FileEntry, planAgencies: Map<string, string>): HTMLElement {
  const S = pane.S;
  const li = h('li', { class: 'file', 'data-file': f.file.name });
  li.appendChild(h('div', { class: 'file-name', title: f.file.name }, f.file.name));
  if (f.isLog) {
    li.appendChild(h('div', { class: 'muted' }, S.intakeLogFile));
    return li;
  }
  const sub = f.submission;
  const intake = state.consolidation?.intake ?? [];
  const agency = sub?.agencyCode ? (planAgencies.get(sub.agencyCode) ?? sub.agencyCode) : sub ? S.unknownAgency : '…';
  li.appendChild(h('div', { class: 'agency' }, agency));
  const entry = sub ? intake.find((x) => x.file === sub.file && x.sha256 === sub.sha256) : undefined;
  const n = sub?.findings.length ?? 0;
  li.appendChild(
    h(
      'div',
      { class: 'file-line' },
      h('span', { class: `verdict v-${entry?.verdict ?? 'pending'}` }, entry ? pane.verdictLabels[entry.verdict] : ''),
      h('label', { class: 'date-label' }, dateField(f)),
      h('span', { class: n ? 'count has' : 'count' }, sub ? S.findingsCount(n) : ''),
    ),
  );
  if (entry?.reason) li.appendChild(h('div', { class: 'reason' }, entry.reason));
  if (!shown(f, entry?.verdict)) li.hidden = true;
  return li;
}

export function renderFiles(): void {
  const list = byId('file-list');
  clear(list);
  byId('clear-files').hidden = state.files.length === 0;
  byId('file-filter-box').hidden = state.files.length === 0;
  const planAgencies = new Map<string, string>();
  for (const a of state.plan?.agencies ?? []) planAgencies.set(a.code, a.name);
  for (const f of state.files) list.appendChild(fileItem(f, planAgencies));
}

export function clearFiles(): void {
  state.files = [];
  state.intakeDates = new Map();
  state.intakeFindings = [];
  byId('progress-box').hidden = true;
  state.consolidation = null;
  renderFiles();
  renderOverview();
}
