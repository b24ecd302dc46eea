/**
 * Reports arrive over days: in Excel the intake list is kept in the workbook (src/core/intake/intake-store.ts makes
 * and checks its cells, src/excel/intake-sheet.ts writes them as tonghop's very hidden sheet). When the pane opens
 * on a workbook that keeps one, the list comes back with the plan it was read against, and consolidates without
 * the files; every change of the list (files read, a day typed, a file taken off, the list cleared, the plan
 * replaced) saves it again, one save at a time. A stored list that is damaged, edited by hand or written by a newer
 * tonghop is refused with its reason and replaced only once the clerk agrees.
 */
import type { StoredIntake } from '../../core/intake/intake-store';
import { ask, byId, h, nextFrame, setStatus } from '../dom';
import { errorText } from '../errors';
import { recompute } from './files';
import { modifiedOf, sizeOf } from './file-times';
import { encodeIntake } from '../reading/read-files';
import { usePlanResult } from './plan';
import { type Engine, appData, engine } from '../run';
import { type FileEntry, pane, state } from '../state';

/** The stored list that could not be used (its reason), until the clerk lets a new list replace it. */
let refused: string | null = null;
/** The clerk said no to replacing it: nothing is saved until they ask. */
let declined = false;
let dirty = false;
let saving: Promise<void> | null = null;
/** While the stored list comes back, nothing is saved (the workbook holds it already). */
let restoring = false;

function note(text: string, kind: 'info' | 'warning' = 'info', action?: HTMLElement): void {
  const box = byId('intake-store-note');
  box.textContent = text;
  box.className = `note store-note ${kind}`;
  if (action) box.appendChild(action);
  box.hidden = false;
}

/** The list as the workbook keeps it; null while there is no plan (nothing was read). */
function currentIntake(): StoredIntake | null {
  if (!state.plan) return null;
  const log = state.files.find((f) => f.isLog);
  return {
    plan: state.plan,
    files: state.files
      .filter((f) => !f.isLog && f.submission)
      .map((f) => ({
        submission: f.submission as NonNullable<FileEntry['submission']>,
        modified: modifiedOf(f),
        entered: f.entered,
        ...(f.fromEmail || f.fromEmailName ? { fromEmail: f.fromEmail?.name ?? f.fromEmailName } : {}),
      })),
    log: log
      ? {
          name: log.name,
          size: sizeOf(log),
          modified: modifiedOf(log),
          dates: state.intakeDates,
          findings: state.intakeFindings,
        }
      : null,
  };
}

async function saveOnce(e: Engine): Promise<void> {
  const S = pane.S;
  const intake = currentIntake();
  if (!intake || declined) return;
  if (refused !== null) {
    if (intake.files.length === 0) return; // nothing yet worth writing over what the workbook holds
    if (!(await ask(S.store.confirmReplace(refused), S.replace))) {
      declined = true;
      const again = h('button', { type: 'button', class: 'link', id: 'intake-save-anyway' }, S.store.saveAnyway);
      again.addEventListener('click', () => {
        declined = false;
        intakeChanged();
      });
      return note(`${S.store.declined} `, 'warning', again);
    }
  }
  appData('intake-save', 'saving');
  try {
    const saved = await pane.host.saveIntake(await encodeIntake(e, intake));
    refused = null;
    if (saved) {
      note(S.store.saved(intake.files.length, e.INTAKE_STORE_SHEET, saved.hidden));
    }
    appData('intake-saved', String(intake.files.length));
  } catch (err) {
    note(S.store.notSaved(errorText(err, S)), 'warning');
    console.error(err);
  }
  appData('intake-save', 'idle');
}

/**
 * Saves the list after a change: after the task that changed it (the list and its verdicts are drawn first, the
 * encoding is a task of its own: in the reading worker when one runs), or after the save under way (changes
 * meanwhile make one more save). data-intake-save is "saving" from the change until the list is saved.
 */
export function intakeChanged(): void {
  if (pane.host.kind !== 'excel') return;
  dirty = true;
  if (saving || restoring) return;
  appData('intake-save', 'saving');
  const done = () => {
    saving = null;
    appData('intake-save', 'idle');
  };
  saving = (async () => {
    const e = await engine();
    while (dirty) {
      await nextFrame();
      dirty = false;
      await saveOnce(e);
    }
  })().then(done, done);
}

/** The entries of a stored list, before the files dropped in this session. */
function entriesOf(intake: StoredIntake): FileEntry[] {
  const files: FileEntry[] = intake.files.map((f) => ({
    id: state.nextId++,
    file: null,
    name: f.submission.file,
    size: f.submission.size,
    modified: f.modified,
    isLog: false,
    submission: f.submission,
    entered: f.entered,
    ...(f.fromEmail !== undefined ? { fromEmailName: f.fromEmail } : {}),
  }));
  const log = intake.log;
  if (log)
    files.push({
      id: state.nextId++,
      file: null,
      name: log.name,
      size: log.size,
      modified: log.modified,
      isLog: true,
      submission: null,
      entered: null,
    });
  return files;
}

/** When the pane opens in Excel: the list kept in the workbook, if any, back in the pane. */
export async function restoreIntake(): Promise<void> {
  restoring = true;
  try {
    await restore();
  } finally {
    restoring = false;
    // files dropped while the list came back are saved with it; otherwise the workbook holds the list already
    if (state.files.some((f) => f.file)) intakeChanged();
    else dirty = false;
  }
}

async function restore(): Promise<void> {
  const S = pane.S;
  const rows = await pane.host.loadIntake();
  if (!rows) return appData('intake', 'none');
  const e = await engine();
  const read = await e.decodeIntakeStore(rows);
  if (!read.ok) {
    refused = read.message;
    note(S.store.refused(read.message), 'warning');
    setStatus(S.store.refused(read.message), 'error');
    return appData('intake', 'refused');
  }
  const { intake } = read;
  if (!state.plan) await usePlanResult({ ok: true, plan: intake.plan, warnings: [] }, '');
  else if (state.plan.number !== intake.plan.number) {
    // a plan of another number was opened before the list came back: the list stays in the workbook, unused
    refused = S.store.declined;
    note(refused, 'warning');
    return appData('intake', 'refused');
  }
  if (intake.log) {
    state.intakeDates = intake.log.dates;
    state.intakeFindings = intake.log.findings;
  }
  state.files = [...entriesOf(intake), ...state.files];
  await recompute();
  setStatus(S.store.restored(intake.files.length, intake.plan.number));
  appData('intake', 'restored');
}
