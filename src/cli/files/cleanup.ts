/**
 * What a run leaves behind when it is interrupted: nothing. Temp files and folders (outputs being written, the
 * run's temporary folder with LibreOffice's profile) and child processes are registered here while they live;
 * SIGINT (Ctrl-C) and SIGTERM (kill) stop the children and their process groups, remove the temp files, print a
 * Vietnamese line and exit 130 / 143. Previous outputs are untouched: they are only ever replaced by renames done all at once at
 * the very end (write-out.ts), and a signal that comes after them says the new outputs are complete.
 */
import { rmSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { EXIT } from '../errors';

const temps = new Set<string>();
const children = new Set<ChildProcess>();
/** Outputs already replaced by this run (a signal after that must not say the old ones are intact). */
let replaced: string[] = [];
let stopping = false;

export function trackTemp(p: string): void {
  temps.add(p);
}

export function untrackTemp(p: string): void {
  temps.delete(p);
}

export function trackChild(child: ChildProcess): void {
  children.add(child);
  child.once('exit', () => children.delete(child));
}

/** Notes the outputs this run has just put in place (write-out.ts commitAll). */
export function noteReplaced(files: string[]): void {
  replaced = [...replaced, ...files];
}

/** Forgets the outputs of an earlier run in this process (main.ts, at the start of each run). */
export function forgetReplaced(): void {
  replaced = [];
}

/** Stops the children and their process groups. */
function killChildren(): void {
  for (const c of children) {
    try {
      if (c.pid !== undefined && process.platform !== 'win32') process.kill(-c.pid, 'SIGKILL');
      else c.kill('SIGKILL');
    } catch {
      c.kill('SIGKILL'); // not a group leader (or already gone)
    }
  }
  children.clear();
}

function remove(paths: string[]): void {
  for (const t of paths) {
    try {
      rmSync(t, { recursive: true, force: true, maxRetries: 2 });
    } catch {
      // nothing more can be done on the way out
    }
  }
}

/** Blocks this thread for `ms` (nothing else of the run may go on while it stops). */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Stops the children, gives their process groups a moment to end (a LibreOffice still running would write its
 * profile again), removes every temp, and once more a moment later (a file operation already running in Node's
 * thread pool may create a folder again). Synchronous: no other part of the run goes on meanwhile (a conversion
 * waiting to start, a folder being made).
 */
export function removeTempsNow(): void {
  const any = children.size > 0;
  killChildren();
  if (any) sleepSync(200);
  const paths = [...temps];
  temps.clear();
  remove(paths);
  sleepSync(50);
  remove(paths);
}

function stoppedMessage(signal: NodeJS.Signals): string {
  const what = signal === 'SIGINT' ? 'Ctrl-C' : `tín hiệu ${signal}`;
  if (replaced.length > 0)
    return `\nĐã dừng theo yêu cầu (${what}) sau khi kết quả mới đã ghi đủ (${replaced.join(', ')}); tệp tạm đã xóa.\n`;
  return `\nĐã dừng theo yêu cầu (${what}): các tệp kết quả cũ giữ nguyên, tệp tạm đã xóa. Chạy lại lệnh khi sẵn sàng.\n`;
}

function onSignal(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  removeTempsNow();
  process.stderr.write(stoppedMessage(signal));
  process.exit(signal === 'SIGINT' ? EXIT.sigint : EXIT.sigterm);
}

const handler = (s: NodeJS.Signals) => onSignal(s);

/** Installs the handlers for the time of a run; returns the function that removes them. */
export function handleInterrupts(): () => void {
  if (!process.listeners('SIGINT').includes(handler)) process.on('SIGINT', handler);
  if (!process.listeners('SIGTERM').includes(handler)) process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
