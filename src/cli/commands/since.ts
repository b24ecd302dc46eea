/**
 * `consolidate --since <summary.xlsx>`: the earlier summary read (bounded, as every input) and checked before the
 * folder is: a file that is not a tonghop summary, one written by a newer tonghop or for another plan is refused
 * with a message naming it (exit 1, nothing written). The comparison itself is the engine's (core/history/since.ts).
 */
import {
  type Consolidation,
  type EarlierSummary,
  type Plan,
  DEFAULT_LIMITS,
  PLAN_CUT,
  WorkbookError,
  compareSince,
  readEarlierSummary,
  readWorkbookGrid,
  sinceRefusal,
} from '../../core';
import { escapeControl } from './args';
import { CliError, readBytes } from '../files/inputs';

/** The earlier summary, or a CliError saying why it cannot be compared with. */
export async function loadEarlierSummary(file: string, plan: Plan): Promise<EarlierSummary> {
  const shown = escapeControl(file);
  let grid;
  try {
    // its `Sổ tiếp nhận` has a row per file: read as many rows as a plan may have
    grid = await readWorkbookGrid(await readBytes(file), DEFAULT_LIMITS, PLAN_CUT);
  } catch (e) {
    if (e instanceof CliError) throw e;
    const why = e instanceof WorkbookError ? e.message : 'tệp không đọc được như một bảng tính.';
    throw new CliError(`--since: sổ tổng hợp "${shown}" không đọc được: ${why}`);
  }
  const read = readEarlierSummary(grid, shown);
  if (!read.ok) throw new CliError(`--since: ${read.reason}`);
  const refusal = sinceRefusal(read.summary, plan);
  if (refusal) throw new CliError(`--since: ${refusal}`);
  return read.summary;
}

/** What changed since, once this run's period is known (a summary of another period is refused). */
export function changesSince(earlier: EarlierSummary, c: Consolidation) {
  const refusal = sinceRefusal(earlier, { number: c.plan.number }, c.period);
  if (refusal) throw new CliError(`--since: ${refusal}`);
  return compareSince(earlier, c);
}
