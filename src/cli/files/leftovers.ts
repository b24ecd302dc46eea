/**
 * Temporary files, named so that a later run can tell whose they are. Each run has one temporary folder,
 * `tonghop-run-<pid>-<random>` in the system's temp folder (LibreOffice's profile and conversions live in it),
 * created when first needed and removed at the end of the run or on Ctrl-C / kill (cleanup.ts). An output is
 * written beside its target as `.th-<pid>-<random>.tmp` (write-out.ts). A run killed outright (SIGKILL, power cut)
 * cannot remove them: the next run removes those whose process is gone, and lists the older unnamed ones
 * (`.th-<random>.tmp`, from earlier versions), which it cannot attribute.
 */
import { mkdtempSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { trackTemp, untrackTemp } from './cleanup';

const RUN_DIR = /^tonghop-run-(\d+)-[A-Za-z0-9]+$/;
const TEMP_FILE = /^\.th-(\d+)-[0-9a-f]+\.tmp$/;
const OLD_TEMP_FILE = /^\.th-[0-9a-f]{8}\.tmp$/;

let runDir: string | null = null;

/** Whether a process with this id is running (one we may not signal is running too). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The run's temporary folder, created (and registered for removal) on first use. */
export function runTempDir(): string {
  if (!runDir) {
    // created and registered in one step (synchronously): an interrupt cannot fall between the two
    runDir = mkdtempSync(path.join(os.tmpdir(), `tonghop-run-${process.pid}-`));
    trackTemp(runDir);
  }
  return runDir;
}

/** Removes the run's temporary folder (end of a run). */
export async function removeRunTempDir(): Promise<void> {
  if (!runDir) return;
  const dir = runDir;
  runDir = null;
  await fs.rm(dir, { recursive: true, force: true, maxRetries: 2 }).catch(() => undefined);
  untrackTemp(dir);
}

/** The name of a temp file for an output in `dir`: short (a 250-byte output name must still work), with our pid. */
export function tempFileName(dir: string, random: string): string {
  return path.join(dir, `.th-${process.pid}-${random}.tmp`);
}

/**
 * Stops what a killed run left running in its folder: a LibreOffice it had started goes on alone and would write
 * there again (found, where the system tells, by the folder in its command line).
 */
async function stopProcessesUsing(dir: string): Promise<void> {
  const pids = await fs.readdir('/proc').catch(() => [] as string[]);
  for (const p of pids) {
    if (!/^\d+$/.test(p) || Number(p) === process.pid) continue;
    const cmdline = await fs.readFile(`/proc/${p}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(dir)) {
      try {
        process.kill(Number(p), 'SIGKILL');
      } catch {
        // gone meanwhile, or not ours to stop
      }
    }
  }
}

/** Removes the temporary folders of earlier runs whose process is gone (a run killed outright). */
export async function sweepTempFolder(): Promise<void> {
  const root = os.tmpdir();
  const names = await fs.readdir(root).catch(() => [] as string[]);
  for (const n of names) {
    const m = RUN_DIR.exec(n);
    if (!m || Number(m[1]) === process.pid || processAlive(Number(m[1]))) continue;
    const dir = path.join(root, n);
    await stopProcessesUsing(dir);
    await fs.rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
  }
}

const swept = new Set<string>();

/**
 * Removes the temp files an earlier, killed run left in `dir` (once per folder and run); returns the old unnamed
 * ones it left in place, for the caller to list.
 */
export async function sweepTempFilesIn(dir: string): Promise<string[]> {
  if (swept.has(dir)) return [];
  swept.add(dir);
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const old: string[] = [];
  for (const n of names) {
    const m = TEMP_FILE.exec(n);
    if (m && Number(m[1]) !== process.pid && !processAlive(Number(m[1])))
      await fs.rm(path.join(dir, n), { force: true }).catch(() => undefined);
    else if (OLD_TEMP_FILE.test(n)) old.push(path.join(dir, n));
  }
  return old;
}

/** Forgets which folders were swept (a new run in the same process, as in the tests). */
export function forgetSwept(): void {
  swept.clear();
}
