/**
 * Saved e-mails dropped on the pane (.eml, Outlook's .msg): each is read in the page with the core's readEmail
 * (its parsers, postal-mime and msgreader, are a chunk of their own, loaded with the first e-mail), and what the
 * intake makes of it (core emailIntake) takes its place in the list: each workbook attached is a file to read,
 * received on the register's day, else the e-mail's Date in Vietnam, else the e-mail file's day; every other
 * attachment, and an e-mail without a workbook or refused, is listed with its reason. The e-mail itself is kept
 * with what came from it, so that a new plan reads it again. This module is loaded with the parsers, by the
 * first e-mail dropped: the pane's first bundle does not carry it.
 */
import '../compat/regexp-sticky';
import type { EmailReading, Plan } from '../../core';
import { fileTime } from '../compat/file-time';
import type { Engine } from '../run';
import { type FileEntry, pane, state } from '../state';

/** Entries already known to be no e-mail (the name is looked at once). */
const notEmails = new WeakSet<FileEntry>();

/** A file made of bytes, with a name and a time, where `new File()` does not exist (Internet Explorer 11). */
function namedBlob(bytes: Uint8Array, name: string, time: number): File {
  const blob = new Blob([bytes as BlobPart]);
  Object.defineProperty(blob, 'name', { value: name });
  Object.defineProperty(blob, 'lastModified', { value: time });
  return blob as File;
}

type DroppedEntry = FileEntry & { file: File };

const dropped = (f: FileEntry): f is DroppedEntry => f.file !== null;

function entryOf(mail: DroppedEntry, name: string, bytes: Uint8Array): FileEntry {
  const file = namedBlob(bytes, name, fileTime(mail.file));
  return {
    id: state.nextId++,
    file,
    name,
    size: bytes.length,
    modified: file.lastModified,
    isLog: false,
    submission: null,
    entered: null,
    fromEmail: mail,
  };
}

async function intakeOf(e: Engine, mail: DroppedEntry, plan: Plan): Promise<FileEntry[] | null> {
  const name = mail.file.name;
  const limits = e.DEFAULT_LIMITS;
  const tooLarge = mail.file.size > limits.maxEmailBytes;
  const bytes = tooLarge ? new Uint8Array(0) : new Uint8Array(await mail.file.arrayBuffer());
  let reading: EmailReading;
  try {
    reading = tooLarge ? e.emailTooLarge(mail.file.size, limits) : await e.readEmail(name, bytes, limits);
  } catch (err) {
    // the parsers' chunk could not be loaded (the add-in's server out of reach): said, the rest goes on
    reading = { kind: 'refused', code: 'file.unreadable', reason: pane.S.fileUnreadable((err as Error).message) };
  }
  if (reading.kind === 'workbook') return null;
  const registered = (names: string[]) => {
    for (const n of names) {
      const day = state.intakeDates.get(e.intakeKey(n));
      if (day) return day;
    }
    return null;
  };
  const known = { registered, fileDay: e.vietnamDay(fileTime(mail.file)) };
  const large = tooLarge ? { size: mail.file.size, sha256: '' } : undefined;
  const intake = await e.emailIntake({ name, bytes, ...(large ? { tooLarge: large } : {}) }, reading, plan, known);
  const out: FileEntry[] = [];
  for (const w of intake.workbooks) out.push({ ...entryOf(mail, w.input.name, w.input.bytes), email: w });
  for (const sub of intake.listed) out.push({ ...entryOf(mail, sub.file, new Uint8Array(0)), submission: sub });
  return out;
}

/** Puts in the place of each e-mail of the list what came with it; true when the list changed. */
export async function expandEmails(e: Engine, plan: Plan): Promise<boolean> {
  let changed = false;
  for (const mail of state.files.slice()) {
    if (mail.isLog || mail.fromEmail || mail.submission || !dropped(mail) || notEmails.has(mail)) continue;
    if (!e.isEmailFileName(mail.name)) {
      notEmails.add(mail);
      continue;
    }
    const parts = await intakeOf(e, mail, plan);
    if (!parts) {
      notEmails.add(mail); // a workbook named as an e-mail: read as the file it is
      continue;
    }
    const at = state.files.indexOf(mail);
    if (at < 0) continue; // cleared while it was read
    state.files.splice(at, 1, ...parts);
    changed = true;
  }
  return changed;
}
