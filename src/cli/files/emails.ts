/**
 * Saved e-mails in the submissions folder (.eml, .msg): each is read with the core's readEmail (bounded by
 * `maxEmailBytes` before it is loaded), and what the intake makes of it (core emailIntake) is handed to the
 * folder's reading: the workbooks attached are read like the folder's files (LibreOffice for the legacy ones, the
 * reading threads), every other attachment and every e-mail without a workbook or refused is listed with its
 * reason. The register's days come first, then the e-mail's Date, then the e-mail file's date.
 */
import {
  type EmailIntake,
  type EmailReading,
  type EmailWorkbook,
  type FileInput,
  type IntakeLog,
  type Limits,
  type Plan,
  type Submission,
  DEFAULT_LIMITS,
  emailIntake,
  emailTooLarge,
  intakeKey,
  isEmailFileName,
  readEmail,
  vietnamDay,
  withEmailOrigin,
} from '../../core';
import { type FolderEntry, sha256OfFile } from './inputs';
import { readBounded, readErrorReason } from './safe-read';
import { noteInput } from './output-safety';

/** One saved e-mail of the folder, read. */
export interface FolderEmail {
  entry: FolderEntry;
  bytes: Uint8Array;
  tooLarge?: { size: number; sha256: string };
  reading: EmailReading;
}

/** A workbook attached to an e-mail, to read with the folder's files. */
export interface AttachedFile {
  name: string;
  input: FileInput;
}

export function isEmailEntry(e: FolderEntry): boolean {
  return isEmailFileName(e.name);
}

/** Reads the saved e-mails of the folder; one that cannot be opened is a refused reading, never a stop. */
export async function readFolderEmails(
  entries: FolderEntry[],
  limits: Limits = DEFAULT_LIMITS,
): Promise<FolderEmail[]> {
  const out: FolderEmail[] = [];
  for (const entry of entries.filter(isEmailEntry)) {
    try {
      const got = await readBounded(entry.fullPath, limits.maxEmailBytes);
      if ('tooLarge' in got) {
        const tooLarge = { size: got.size, sha256: await sha256OfFile(entry.fullPath) };
        out.push({ entry, bytes: new Uint8Array(0), tooLarge, reading: emailTooLarge(got.size, limits) });
        continue;
      }
      await noteInput(entry.fullPath);
      out.push({ entry, bytes: got.bytes, reading: await readEmail(entry.name, got.bytes, limits) });
    } catch (e) {
      const r = readErrorReason(e);
      out.push({ entry, bytes: new Uint8Array(0), reading: { kind: 'refused', code: r.code, reason: r.message } });
    }
  }
  return out;
}

/** The names the register may list for the e-mails' attachments (not absent from the folder). */
export function attachmentNames(emails: FolderEmail[]): string[] {
  return emails.flatMap((m) =>
    m.reading.kind === 'email' ? m.reading.attachments.flatMap((a) => [a.name, a.fileName]) : [],
  );
}

export interface EmailsToRead {
  /** Workbooks attached, read with the folder's files. */
  attached: AttachedFile[];
  /** Files named as e-mails that are workbooks: read as the folder's own files. */
  asFiles: FolderEntry[];
  /** What to add to each attachment once read, by its name. */
  origins: Map<string, EmailWorkbook>;
  listed: Submission[];
}

/** The intake of every e-mail of the folder. */
export async function emailsToRead(emails: FolderEmail[], plan: Plan, log: IntakeLog | null): Promise<EmailsToRead> {
  const out: EmailsToRead = { attached: [], asFiles: [], origins: new Map(), listed: [] };
  const registered = (names: string[]) => {
    for (const n of names) {
      const day = log?.dates.get(intakeKey(n));
      if (day) return day;
    }
    return null;
  };
  for (const m of emails) {
    if (m.reading.kind === 'workbook') {
      out.asFiles.push(m.entry);
      continue;
    }
    const known = { registered, fileDay: vietnamDay(m.entry.mtime.getTime()) };
    const intake: EmailIntake = await emailIntake(
      { name: m.entry.name, bytes: m.bytes, tooLarge: m.tooLarge },
      m.reading,
      plan,
      known,
    );
    for (const w of intake.workbooks) {
      out.attached.push({ name: w.input.name, input: w.input });
      out.origins.set(w.input.name, w);
    }
    out.listed.push(...intake.listed);
  }
  return out;
}

/** A submission read from an attachment, with its e-mail (origin, sender check, remarks). */
export function finishAttached(sub: Submission, origins: Map<string, EmailWorkbook>, plan: Plan): Submission {
  const w = origins.get(sub.file);
  if (!w) return sub;
  withEmailOrigin(sub, w.origin, plan);
  sub.findings.push(...w.findings);
  return sub;
}
