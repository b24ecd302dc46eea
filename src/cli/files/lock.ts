/**
 * One run at a time per output: before anything is read, each output of a run is locked (proper-lockfile: a lock
 * folder `.th-<hash>.lock` beside the output, kept fresh while the run lives, stale 10 s after a run that was killed
 * outright). A second run on the same output waits for the first, telling the user so, and stops with a Vietnamese
 * message if it is still busy after LOCK_WAIT_MS; the second run then writes nothing. Without this, two runs with
 * the same `-o`/`--json` could leave one run's summary beside the other's JSON.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import lockfile from 'proper-lockfile';
import { escapeControl } from '../commands/args';
import { CliError, EXIT } from '../errors';

/** How long a second run waits for the first to finish with an output before it stops. */
export const LOCK_WAIT_MS = 20_000;
const STALE_MS = 10_000;

/** The lock of an output: a hidden folder beside it, named from the output's real path. */
export function lockPathOf(target: string): string {
  const hash = createHash('sha256').update(target).digest('hex').slice(0, 12);
  return path.join(path.dirname(target), `.th-${hash}.lock`);
}

export interface OutputLocks {
  /** The lock folders (left out of a folder's scan: they are this run's). */
  paths: string[];
  release(): Promise<void>;
}

async function lockOne(
  target: string,
  shown: string,
  waitMs: number,
  onWait: () => void,
): Promise<() => Promise<void>> {
  const until = Date.now() + waitMs;
  let told = false;
  for (;;) {
    try {
      return await lockfile.lock(target, {
        realpath: false,
        lockfilePath: lockPathOf(target),
        stale: STALE_MS,
        onCompromised: () => undefined, // the lock was taken over after a long stall: the renames still happen last
      });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ELOCKED') throw e;
      if (Date.now() >= until)
        throw new CliError(
          `Một lần chạy tonghop khác đang ghi ${shown} (đã chờ ${Math.round(waitMs / 1000)} giây). Không ghi gì: hãy đợi lần chạy đó xong rồi chạy lại, hoặc chọn tên tệp kết quả khác.`,
          EXIT.writeFailed,
        );
      if (!told) onWait();
      told = true;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/**
 * Locks every output (real paths, in a fixed order so that two runs never wait on each other); creates an output's
 * folder when it does not exist yet (removed again at release if nothing was written there).
 */
export async function lockOutputs(
  outputs: { flag: string; file: string; target: string }[],
  waitMs = LOCK_WAIT_MS,
): Promise<OutputLocks> {
  const releases: (() => Promise<void>)[] = [];
  const created: string[] = [];
  const release = async () => {
    for (const r of releases.splice(0).reverse()) await r().catch(() => undefined);
    for (const d of created.splice(0).reverse()) await fs.rmdir(d).catch(() => undefined);
  };
  const sorted = [...outputs].sort((a, b) => (a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
  const paths: string[] = [];
  for (const o of sorted) {
    const made = await fs.mkdir(path.dirname(o.target), { recursive: true }).catch(() => undefined);
    if (made) created.push(made);
    const shown = `${o.flag} "${escapeControl(o.file)}"`;
    const onWait = () => console.error(`Đang chờ một lần chạy tonghop khác ghi xong ${shown}…`);
    try {
      releases.push(await lockOne(o.target, shown, waitMs, onWait));
      paths.push(lockPathOf(o.target));
    } catch (e) {
      if (e instanceof CliError) {
        await release();
        throw e;
      }
      // a folder where no lock can be made (read-only, no permission): the write itself will say why
    }
  }
  return { paths, release };
}
