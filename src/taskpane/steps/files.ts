/**
 * Step 3: the files received. They are read one after the other in the pane's reading worker (read-files.ts; in
 * the page where no worker can start, yielding to the page between files), so the pane keeps answering clicks;
 * reading can be stopped; the list can show only the rejected files or those with problems; the received date
 * can be typed (dd/mm/yyyy); a file can be taken off the list. In Excel the list is kept in the workbook
 * (intake-store.ts): files read on earlier days come back without their bytes, with what was read from them.
 */
import type { Consolidation, Finding, Plan, Submission } from '../../core';
import { todayIso } from '../../core/basics/dates';
import { showDate, typedDate } from '../dates-ui';
import { SLICE_MS, ask, byId, h, nextFrame, now, setStatus } from '../dom';
import { drawInSlices } from './file-list';
import { newFiles } from './file-keys';
import { askLater, metaOf, pickedMeta } from './file-times';
import { renderOverview } from './overview';
import { readFile, readGrid, readsAhead, stopReader } from '../reading/read-files';
import { type Engine, engine, guarded, showError } from '../run';
import { type FileEntry, pane, state } from '../state';

type IntakeEntry = Consolidation['intake'][number];

export function addFiles(files: File[]): void {
  // the same file picked again (kept from an earlier day, or twice today) stays one line
  const added = newFiles(state.files, metaOf, files, pickedMeta).map((file): FileEntry => ({
    id: state.nextId++,
    file,
    name: file.name,
    size: 0, // size and time asked after this handler (file-times.ts)
    modified: null,
    isLog: false,
    submission: null,
    entered: null,
  }));
  for (const f of added) state.files.push(f);
  askLater(added);
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

/** "Dừng đọc": the file being read is dropped with the rest not read yet. */
export function stopReading(): void {
  state.cancelReading = true;
  stopReader();
}

/** Saved e-mails in the list give way to what came with them (the parsers loaded with the first e-mail). */
async function withEmailsOpened(e: Engine, plan: Plan): Promise<boolean> {
  const mail = (f: FileEntry) =>
    !f.isLog && !f.fromEmail && !f.submission && f.file !== null && e.isEmailFileName(f.name);
  if (!state.files.some(mail)) return false;
  const { expandEmails } = await import(/* webpackChunkName: "email" */ '../reading/read-emails');
  return expandEmails(e, plan);
}

/** The list with each e-mail back in the place of what came from it (a new plan reads the e-mails again). */
function collapseEmails(files: FileEntry[]): FileEntry[] {
  const seen: FileEntry[] = [];
  const out: FileEntry[] = [];
  for (const f of files) {
    const mail = f.fromEmail;
    if (!mail) out.push(f);
    else if (seen.indexOf(mail) < 0) {
      seen.push(mail);
      out.push(mail);
    }
  }
  return out;
}

/**
 * Forgets what was read (the plan changed): every file dropped in this session is read again. Files kept from an
 * earlier day have no bytes here: they keep what was read from them (a plan of another number never gets here
 * with them, see keepStoredFiles).
 */
export function resetFiles(): void {
  state.files = collapseEmails(state.files);
  for (const f of state.files) {
    if (!f.file) continue;
    f.submission = null;
    f.isLog = false;
  }
}

/** Files kept from an earlier day (no bytes in this session). */
export const storedFiles = () => state.files.filter((f) => !f.file);

/**
 * Before using a plan of another number: the files kept from earlier days were read against the plan in use and
 * cannot be read again; asks before taking them off the list. False: keep the plan in use.
 */
export async function keepStoredFiles(number: string): Promise<boolean> {
  const kept = storedFiles();
  const current = state.plan?.number;
  if (kept.length === 0 || current === undefined || current === number) return true;
  if (!(await ask(pane.S.confirmDropStoredFiles(kept.length, current, number), pane.S.replace))) return false;
  state.files = state.files.filter((f) => f.file);
  if (!state.files.some((f) => f.isLog)) {
    state.intakeDates = new Map();
    state.intakeFindings = [];
  }
  return true;
}

/** Files already known not to be an intake log (the name is folded once, not once per file read). */
const notLogs = new WeakSet<FileEntry>();

/**
 * The intake log first: its dates apply to the other files. The names of a thousand files just picked are folded
 * in slices (the first in the `change` handler's task: this runs before the reading yields).
 */
async function readLogs(e: Engine, plan: Plan): Promise<void> {
  let started = now();
  for (const f of state.files) {
    if (f.isLog || notLogs.has(f) || !f.file) continue;
    if (now() - started >= SLICE_MS) {
      await nextFrame();
      started = now();
    }
    if (!e.isIntakeLogName(f.name)) {
      notLogs.add(f);
      continue;
    }
    if (state.files.indexOf(f) < 0) continue; // taken off the list meanwhile
    f.isLog = true;
    // one register in the list: a newer one replaces the one kept before
    state.files = state.files.filter((x) => x === f || !x.isLog);
    try {
      const log = e.readIntakeLog(await readGrid(e, f.file, plan), f.name);
      state.intakeDates = log.dates;
      state.intakeFindings = log.findings;
    } catch (err) {
      state.intakeFindings = [
        e.finding('warning', 'intake.unreadable', pane.S.intakeLogUnreadable((err as Error).message), {
          file: f.name,
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
  let shownAt = 0;
  // files sent to the worker ahead of the one awaited, each with the plan it is read against
  const inFlight = new Map<FileEntry, Promise<{ plan: Plan; sub: Submission | null }>>();
  for (;;) {
    const plan: Plan | null = state.plan;
    if (!plan) return;
    await readLogs(e, plan);
    if (await withEmailsOpened(e, plan)) renderFiles();
    if (state.plan !== plan) continue;
    const pending = state.files.filter(
      (x): x is FileEntry & { file: File } => x.file !== null && !x.isLog && x.submission === null,
    );
    const f = pending[0];
    if (!f) break;
    if (state.cancelReading) {
      state.files = state.files.filter((x) => !pending.some((p) => p === x));
      setStatus(S.readingStopped(pending.length));
      break;
    }
    // the bar moves a few times a second (and as soon as the first file is read, so that it is seen to move): with
    // the reading in the worker each update would cost the page a frame
    if (done === 1 || Date.now() - shownAt >= 100) {
      shownAt = Date.now();
      bar.max = Math.max(1, done + pending.length);
      bar.value = done;
      text.textContent = S.reading(done, done + pending.length);
    }
    await nextFrame(); // let the page paint and take clicks between files
    for (const x of pending.slice(0, await readsAhead(e, plan)))
      if (!inFlight.has(x))
        inFlight.set(
          x,
          readFile(e, x, plan).then((sub) => ({ plan, sub })),
        );
    const got = await (inFlight.get(f) as Promise<{ plan: Plan; sub: Submission | null }>);
    inFlight.delete(f);
    // a file read against a plan that has since been replaced, or given back by a stopped worker, is read again
    if (!got.sub || state.plan !== got.plan || state.files.indexOf(f) < 0) continue;
    f.submission = got.sub;
    done++;
  }
  applyLateLogDates(e.intakeKey);
  await recompute(true);
  // said with the verdicts' first drawing (in the same task): "Đã đọc" means the list is being drawn with them
  bar.max = Math.max(1, done);
  bar.value = done;
  text.textContent = S.readDone(done);
  pane.intakeChanged();
  // files dropped while the list was consolidated: this run reads them too
  if (state.plan && !state.cancelReading && state.files.some((x) => x.file && !x.isLog && !x.submission))
    return readPending();
}

/** Dates from an intake log that came after the files. */
function applyLateLogDates(intakeKey: (name: string) => string): void {
  for (const f of state.files) {
    if (!f.submission || f.entered) continue;
    const logged = state.intakeDates.get(intakeKey(f.name));
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

/**
 * Consolidates in memory so the list shows each file's verdict. `inTasks` (after reading, where no click waits
 * on it): the consolidation in a task of its own and the list drawn in the next, so that the task ending the
 * reading, the consolidation of a thousand files and the list's first items are not one long task. A user's
 * action (guarded: the pane is busy meanwhile) does it at once, so that no click lands while it is under way.
 */
export async function recompute(inTasks = false): Promise<void> {
  const plan = state.plan;
  if (!plan) return;
  const e = await engine();
  const period = byId<HTMLInputElement>('period').value.trim() || null;
  if (inTasks) {
    await nextFrame();
    if (state.plan !== plan) return recompute(inTasks);
  }
  state.consolidation = e.consolidate(plan, submissions(), {
    asOf: asOfDate(),
    period,
    extraFindings: state.intakeFindings,
  });
  if (inTasks) await nextFrame();
  renderFiles();
}

export function submissions(): Submission[] {
  return state.files.filter((f) => !f.isLog && f.submission).map((f) => f.submission as Submission);
}

/** A file's problems: a report's own findings, or for the intake log what reading it found. */
function findingsOf(f: FileEntry): Finding[] {
  return f.isLog ? state.intakeFindings : (f.submission?.findings ?? []);
}

/** Under a filter, the intake log is shown only when reading it found a problem: it is not a report. */
function shown(f: FileEntry, verdict: string | undefined): boolean {
  if (state.fileFilter === 'all') return true;
  if (state.fileFilter === 'rejected') return !f.isLog && !!verdict && verdict !== 'accepted';
  return findingsOf(f).length > 0;
}

/** "1 lỗi", "2 cảnh báo" apart: errors in the error colour, warnings in the warning look; none, said plainly. */
function findingsCount(f: FileEntry): HTMLElement[] {
  const S = pane.S;
  const all = findingsOf(f);
  const errors = all.filter((x) => x.severity === 'error').length;
  const warnings = all.length - errors;
  if (all.length === 0) return [h('span', { class: 'count' }, S.noProblems)];
  return [
    errors > 0 && h('span', { class: 'count errors' }, S.errorsCount(errors)),
    warnings > 0 && h('span', { class: 'count warnings' }, S.warningsCount(warnings)),
  ].filter((x): x is HTMLSpanElement => x !== false);
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
    'aria-label': `${S.receivedOn}: ${f.name}`,
  });
  date.addEventListener('change', () => {
    const iso = typedDate(date.value);
    if (!f.submission || !iso) return setStatus(S.badDate(date.value), 'error');
    f.entered = iso;
    f.submission.receivedOn = iso;
    f.submission.receivedFrom = 'entered';
    void guarded(null, recompute).then(pane.intakeChanged);
  });
  return date;
}

/** "Bỏ": takes the file off the list (asked first: a file kept from an earlier day may not be at hand again). */
function removeButton(f: FileEntry): HTMLButtonElement {
  const S = pane.S;
  const b = h(
    'button',
    { type: 'button', class: 'link remove-file', 'aria-label': `${S.removeFile}: ${f.name}` },
    S.removeFile,
  );
  b.addEventListener('click', () =>
    guarded(b, async () => {
      if (!(await ask(S.confirmRemoveFile(f.name, !f.file), S.removeFile))) return;
      state.files = state.files.filter((x) => x !== f);
      if (f.isLog) {
        state.intakeDates = new Map();
        state.intakeFindings = [];
      }
      await recompute();
      renderFiles();
      pane.intakeChanged();
    }),
  );
  return b;
}

function fileItem(f: FileEntry, planAgencies: Map<string, string>, intake: Map<string, IntakeEntry>): HTMLElement {
  const S = pane.S;
  const li = h('li', { class: 'file', 'data-file': f.name });
  li.appendChild(
    h('div', { class: 'file-head' }, h('div', { class: 'file-name', title: f.name }, f.name), removeButton(f)),
  );
  if (f.isLog) {
    li.appendChild(h('div', { class: 'muted' }, S.intakeLogFile));
    if (state.intakeFindings.length) li.appendChild(h('div', { class: 'file-line' }, ...findingsCount(f)));
    if (!shown(f, undefined)) li.hidden = true;
    return li;
  }
  const sub = f.submission;
  const agency = sub?.agencyCode ? (planAgencies.get(sub.agencyCode) ?? sub.agencyCode) : sub ? S.unknownAgency : '…';
  li.appendChild(h('div', { class: 'agency' }, agency));
  const entry = sub ? intake.get(intakeKeyOf(sub)) : undefined;
  li.appendChild(
    h(
      'div',
      { class: 'file-line' },
      h('span', { class: `verdict v-${entry?.verdict ?? 'pending'}` }, entry ? pane.verdictLabels[entry.verdict] : ''),
      h('label', { class: 'date-label' }, dateField(f)),
      ...(sub ? findingsCount(f) : []),
    ),
  );
  if (entry?.reason) li.appendChild(h('div', { class: 'reason' }, entry.reason));
  if (!shown(f, entry?.verdict)) li.hidden = true;
  return li;
}

export function renderFiles(): void {
  const list = byId('file-list');
  byId('clear-files').hidden = state.files.length === 0;
  byId('file-filter-box').hidden = state.files.length === 0;
  const planAgencies = new Map<string, string>();
  for (const a of state.plan?.agencies ?? []) planAgencies.set(a.code, a.name);
  const intake = new Map<string, IntakeEntry>();
  for (const x of state.consolidation?.intake ?? []) if (!intake.has(intakeKeyOf(x))) intake.set(intakeKeyOf(x), x);
  void drawInSlices(list, state.files, (f) => fileItem(f, planAgencies, intake));
}

/** A file's line of the intake log, by its name and content (the first such line, as before). */
const intakeKeyOf = (x: { file: string; sha256: string }) => `${x.sha256} ${x.file}`;

export function clearFiles(): void {
  state.files = [];
  state.intakeDates = new Map();
  state.intakeFindings = [];
  byId('progress-box').hidden = true;
  state.consolidation = null;
  renderFiles();
  renderOverview();
  pane.intakeChanged();
}
