/**
 * What a run leaves behind when it is interrupted: nothing. Temp files and folders (outputs being written,
 * LibreOffice's working folders) and child processes are registered here while they live; SIGINT (Ctrl-C) and
 * SIGTERM (kill) remove them, stop the children, print a Vietnamese line and exit 130 / 143. Previous outputs are
 * untouched: they are only ever replaced by a rename at the very end.
 */
import { rmSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { EXIT } from '../errors';

const temps = new Set<string>();
const children = new Set<ChildProcess>();

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

/** Removes every registered temp file and folder and stops the children (synchronously: used on a signal). */
export function removeTempsNow(): void {
  for (const c of children) {
    try {
      if (c.pid !== undefined && process.platform !== 'win32') process.kill(-c.pid, 'SIGKILL');
      else c.kill('SIGKILL');
    } catch {
      c.kill('SIGKILL'); // not a group leader (or already gone)
    }
  }
  children.clear();
  for (const t of temps) {
    try {
      rmSync(t, { recursive: true, force: true, maxRetries: 2 });
    } catch {
      // nothing more can be done on the way out
    }
  }
  temps.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  removeTempsNow();
  const what = signal === 'SIGINT' ? 'Ctrl-C' : `tín hiệu ${signal}`;
  process.stderr.write(
    `\nĐã dừng theo yêu cầu (${what}): các tệp kết quả cũ giữ nguyên, tệp tạm đã xóa. Chạy lại lệnh khi sẵn sàng.\n`,
  );
  process.exit(signal === 'SIGINT' ? EXIT.sigint : EXIT.sigterm);
}

/** Installs the handlers for the time of a run; returns the function that removes them. */
export function handleInterrupts(): () => void {
  const handler = (s: NodeJS.Signals) => onSignal(s);
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
