/**
 * The CLI's file system side: reading inputs (bounded, non-blocking: safe-read.ts), the submissions folder with a
 * verdict for every entry (folder.ts), the intake register, writing outputs atomically (write-out.ts).
 */
import { createReadStream, promises as fs } from 'node:fs';
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import {
  DEFAULT_LIMITS,
  type Limits,
  type FileInput,
  type Finding,
  type IntakeLog,
  absentFileFindings,
  finding,
  vietnamDay,
  vietnamNoon,
  intakeKey,
  isIntakeLogName,
  readIntakeLog,
  readWorkbookGrid,
  WorkbookError,
} from '../../core';
import { escapeControl } from '../commands/args';
import { CliError } from '../errors';
import { type FolderEntry, type FolderListing } from './folder';
import { noteInput } from './output-safety';
import { ReadRefusal, readBounded } from './safe-read';

export { CliError, EXIT } from '../errors';
export { writeAtomically, writeFileAtomic } from './write-out';
export { type FolderEntry, listFolder } from './folder';

/** An input named on the command line (plan, register, upward plan …), read with a size bound; throws CliError. */
export async function readBytes(file: string, maxBytes = DEFAULT_LIMITS.maxFileBytes): Promise<Uint8Array> {
  const f = `"${escapeControl(file)}"`;
  let got;
  try {
    got = await readBounded(file, maxBytes);
  } catch (e) {
    const r = e as ReadRefusal;
    if (r.code === 'file.vanished') throw new CliError(`Không tìm thấy tệp ${f}. Hãy kiểm tra lại đường dẫn.`);
    if (r.code === 'file.not_regular' && /thư mục/.test(r.message))
      throw new CliError(`${f} là thư mục, cần một tệp (ví dụ .xlsx).`);
    throw new CliError(`Không đọc được tệp ${f}: ${r.message}`);
  }
  if ('tooLarge' in got)
    throw new CliError(
      `Tệp ${f} quá lớn (${(got.size / 1048576).toFixed(1)} MB, giới hạn ${(maxBytes / 1048576).toFixed(0)} MB): kiểm tra đúng tệp chưa.`,
    );
  await noteInput(file);
  return got.bytes;
}

function registerFinding(file: string, code: string, message: string): Finding {
  return finding('warning', code, message, { file });
}

/**
 * The register `Sổ tiếp nhận.xlsx`: only the one at the top of the folder counts (others are reported); rows
 * naming files the folder does not hold (nor attached to one of its e-mails, `attached`) are reported.
 */
export async function loadIntakeLog(listing: FolderListing, attached: string[] = []): Promise<IntakeLog | null> {
  const registers = listing.entries.filter((e) => isIntakeLogName(path.basename(e.name)));
  const top = registers.find((e) => !e.name.includes('/'));
  const others = registers
    .filter((e) => e !== top)
    .map((e) =>
      registerFinding(
        e.name,
        'intake.not_top',
        'Sổ tiếp nhận trong thư mục con không được dùng: chỉ sổ ở thư mục gốc của thư mục báo cáo có hiệu lực.',
      ),
    );
  if (!top) return others.length ? { dates: new Map(), findings: others } : null;
  let log: IntakeLog;
  try {
    log = readIntakeLog(await readWorkbookGrid(await readBytes(top.fullPath)), top.name);
  } catch (e) {
    const msg = e instanceof WorkbookError || e instanceof CliError ? e.message : 'lỗi không rõ';
    return {
      dates: new Map(),
      findings: [...others, registerFinding(top.name, 'intake.unreadable', `Không đọc được sổ tiếp nhận: ${msg}`)],
    };
  }
  // the files of the folder and the attachments of its e-mails
  const names = [...[...listing.entries, ...listing.refused].map((e) => e.name), ...attached];
  return { ...log, findings: [...others, ...log.findings, ...absentFileFindings(log, names, top.name)] };
}

/** SHA-256 of a file read as a stream (for files too large to load). */
export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A file over the size limit is never loaded: only its size and hash are measured, and the core refuses it. */
export function isTooLarge(entry: FolderEntry, limits: Limits = DEFAULT_LIMITS): boolean {
  return entry.size > limits.maxFileBytes;
}

/**
 * The file as the core sees it: bytes plus the date it was received (intake log, else the file's date, the day in
 * Vietnam). Throws ReadRefusal when the file cannot be read (vanished, no permission, no longer a regular file).
 */
export async function fileInput(
  entry: FolderEntry,
  log: IntakeLog | null,
  limits: Limits = DEFAULT_LIMITS,
): Promise<FileInput> {
  const logged = log?.dates.get(intakeKey(entry.name)) ?? log?.dates.get(intakeKey(path.basename(entry.name)));
  const base = {
    name: entry.name,
    receivedOn: logged ?? vietnamDay(entry.mtime.getTime()),
    receivedFrom: logged ? ('intake-log' as const) : ('file-date' as const),
  };
  if (isTooLarge(entry, limits))
    return {
      ...base,
      bytes: new Uint8Array(0),
      tooLarge: { size: entry.size, sha256: await sha256OfFile(entry.fullPath) },
    };
  const got = await readBounded(entry.fullPath, limits.maxFileBytes);
  if ('tooLarge' in got) {
    const sha256 = await sha256OfFile(entry.fullPath);
    return { ...base, bytes: new Uint8Array(0), tooLarge: { size: got.size, sha256 } };
  }
  await noteInput(entry.fullPath);
  return { ...base, bytes: got.bytes };
}

/** Sets a file's date to noon of a calendar day in Vietnam, as if received that day. */
export async function setFileDate(file: string, isoDay: string): Promise<void> {
  const t = new Date(vietnamNoon(isoDay));
  await fs.utimes(file, t, t);
}
