/**
 * The CLI's file system side: reading the submissions folder with file dates, writing outputs atomically.
 */
import { createReadStream, promises as fs } from 'node:fs';
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import {
  DEFAULT_LIMITS,
  type Limits,
  type FileInput,
  type IntakeLog,
  vietnamDay,
  vietnamNoon,
  intakeKey,
  isIntakeLogName,
  readIntakeLog,
  readWorkbookGrid,
  WorkbookError,
} from '../core';

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export async function readBytes(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await fs.readFile(file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`Không tìm thấy tệp: ${file}`);
    if (code === 'EISDIR') throw new CliError(`"${file}" là thư mục, cần một tệp .xlsx.`);
    throw new CliError(`Không đọc được tệp ${file}: ${(e as Error).message}`);
  }
}

/**
 * Writes via a temporary file and a rename, so an interrupted run never leaves half a file; never over an input.
 * `write` fills the temporary file (bytes at once, or a stream).
 */
export async function writeAtomically(
  file: string,
  write: (tmp: string) => Promise<void>,
  protectedInputs: string[] = [],
): Promise<void> {
  const target = path.resolve(file);
  if (protectedInputs.some((p) => path.resolve(p) === target)) {
    throw new CliError(`Không ghi đè lên tệp đầu vào: ${file}. Hãy chọn tên tệp kết quả khác.`);
  }
  await fs.mkdir(path.dirname(target), { recursive: true });
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await write(tmp);
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw new CliError(`Không ghi được tệp ${file}: ${(e as Error).message}`);
  }
}

export async function writeFileAtomic(
  file: string,
  bytes: Uint8Array | string,
  protectedInputs: string[] = [],
): Promise<void> {
  await writeAtomically(file, (tmp) => fs.writeFile(tmp, bytes), protectedInputs);
}

export interface FolderEntry {
  /** Path relative to the folder (what the clerk sees in the reports). */
  name: string;
  fullPath: string;
  mtime: Date;
  size: number;
}

const SKIP_DIRS = new Set(['node_modules', '.git', '__MACOSX']);

/** Every file of the folder (and its sub-folders), sorted by name; lock files and hidden files are skipped. */
export async function listFolder(dir: string, exclude: string[] = []): Promise<FolderEntry[]> {
  let stat;
  try {
    stat = await fs.stat(dir);
  } catch {
    throw new CliError(`Không tìm thấy thư mục báo cáo: ${dir}`);
  }
  if (!stat.isDirectory()) throw new CliError(`"${dir}" không phải thư mục.`);
  const excluded = new Set(exclude.map((p) => path.resolve(p)));
  const out: FolderEntry[] = [];
  async function walk(d: string): Promise<void> {
    const entries = await fs.readdir(d, { withFileTypes: true });
    for (const e of entries) {
      const full = path.join(d, e.name);
      if (e.name.startsWith('.')) continue;
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) await walk(full);
        continue;
      }
      if (!e.isFile()) continue;
      if (e.name.startsWith('~$')) continue; // Office lock file
      if (excluded.has(path.resolve(full))) continue;
      const st = await fs.stat(full);
      out.push({
        name: path.relative(dir, full).split(path.sep).join('/'),
        fullPath: full,
        mtime: st.mtime,
        size: st.size,
      });
    }
  }
  await walk(dir);
  out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return out;
}

export async function loadIntakeLog(entries: FolderEntry[]): Promise<IntakeLog | null> {
  const entry = entries.find((e) => isIntakeLogName(path.basename(e.name)));
  if (!entry) return null;
  try {
    return readIntakeLog(await readWorkbookGrid(await readBytes(entry.fullPath)), entry.name);
  } catch (e) {
    const msg = e instanceof WorkbookError ? e.message : (e as Error).message;
    return {
      dates: new Map(),
      findings: [
        {
          severity: 'warning',
          code: 'intake.unreadable',
          file: entry.name,
          sheet: '',
          cell: '',
          message: `Không đọc được sổ tiếp nhận: ${msg}`,
        },
      ],
    };
  }
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

/** The file as the core sees it: bytes plus the date it was received (intake log, else the file's date). */
export async function fileInput(
  entry: FolderEntry,
  log: IntakeLog | null,
  limits: Limits = DEFAULT_LIMITS,
): Promise<FileInput> {
  const logged = log?.dates.get(intakeKey(entry.name)) ?? log?.dates.get(intakeKey(path.basename(entry.name)));
  const tooLarge = isTooLarge(entry, limits)
    ? { size: entry.size, sha256: await sha256OfFile(entry.fullPath) }
    : undefined;
  return {
    name: entry.name,
    bytes: tooLarge ? new Uint8Array(0) : await readBytes(entry.fullPath),
    tooLarge,
    receivedOn: logged ?? vietnamDay(entry.mtime.getTime()),
    receivedFrom: logged ? 'intake-log' : 'file-date',
  };
}

/** Sets a file's date to noon of a calendar day in Vietnam, as if received that day. */
export async function setFileDate(file: string, isoDay: string): Promise<void> {
  const t = new Date(vietnamNoon(isoDay));
  await fs.utimes(file, t, t);
}
