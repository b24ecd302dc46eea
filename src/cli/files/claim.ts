/**
 * Claiming a run's outputs before anything is read: every output checked against every input (output-safety.ts),
 * each locked against a second run (lock.ts), and the temp files a killed run left beside them removed or listed
 * (leftovers.ts). The command then reads, writes its outputs staged, and renames them all at the end (write-out.ts);
 * `release` (in a finally) frees the locks.
 */
import * as path from 'node:path';
import { escapeControl } from '../commands/args';
import { sweepTempFilesIn } from './leftovers';
import { lockOutputs } from './lock';
import { type OutputSpec, type RunInputs, checkOutputs } from './output-safety';

export interface ClaimedOutputs {
  /** The real path each output will be written to, in the order given. */
  targets: string[];
  /** What a folder scan of this run leaves out: the outputs themselves and their locks. */
  exclude: string[];
  release(): Promise<void>;
}

export async function claimOutputs(outputs: OutputSpec[], inputs: RunInputs): Promise<ClaimedOutputs> {
  const targets = await checkOutputs(outputs, inputs);
  const locks = await lockOutputs(outputs.map((o, i) => ({ ...o, target: targets[i] })));
  try {
    for (const dir of new Set(targets.map((t) => path.dirname(t)))) {
      const old = await sweepTempFilesIn(dir);
      if (old.length > 0)
        console.error(
          `Tệp tạm cũ (có thể của một lần chạy bị dừng) còn trong ${escapeControl(dir)}: ${old.map((f) => escapeControl(path.basename(f))).join(', ')}. Hãy xóa khi không có lần chạy tonghop nào khác đang ghi vào đó.`,
        );
    }
  } catch (e) {
    await locks.release();
    throw e;
  }
  return { targets, exclude: [...targets, ...locks.paths], release: locks.release };
}

/** Claims the outputs, runs `work` with them, and frees them whatever happens. */
export async function withOutputs<T>(
  outputs: OutputSpec[],
  inputs: RunInputs,
  work: (claimed: ClaimedOutputs) => Promise<T>,
): Promise<T> {
  const claimed = await claimOutputs(outputs, inputs);
  try {
    return await work(claimed);
  } finally {
    await claimed.release();
  }
}
