/**
 * The independent reader: test/helpers/openpyxl_read.py run by /usr/bin/python3 with openpyxl. Tests
 * compare tonghop's figures with what openpyxl reads from the files themselves. Fails loudly when openpyxl is
 * missing (requireOpenpyxl).
 */
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { requireOpenpyxl } from './tools';

const SCRIPT = path.join(__dirname, 'openpyxl_read.py');

export type TaskStatus = 'done' | 'inProgress' | 'notStarted' | 'notApplicable';

export interface OpenpyxlRow {
  task: string;
  status: TaskStatus | null;
  /** Indicator values by column header, "<name> (<unit>)". */
  indicators: Record<string, number>;
}

export type OpenpyxlFile = { error: string } | { sheet: string; rows: OpenpyxlRow[] };

function run(args: string[]): unknown {
  const python = requireOpenpyxl();
  return JSON.parse(execFileSync(python, [SCRIPT, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
}

/** The report table of every file of a folder, as openpyxl reads it. */
export function openpyxlSubmissions(dir: string): Record<string, OpenpyxlFile> {
  return run(['submissions', dir]) as Record<string, OpenpyxlFile>;
}

/** The same, for files held in memory (written to a temporary folder first). */
export async function openpyxlSubmissionsOf(
  files: { name: string; bytes: Uint8Array }[],
): Promise<Record<string, OpenpyxlFile>> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tonghop-openpyxl-'));
  try {
    for (const f of files) await fs.writeFile(path.join(dir, f.name), f.bytes);
    return openpyxlSubmissions(dir);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** Every value of one sheet (row by row, cached formula results), as openpyxl reads it. */
export function openpyxlSheet(file: string, sheet: string): (string | number | null)[][] {
  return run(['sheet', file, sheet]) as (string | number | null)[][];
}

export async function openpyxlSheetOf(bytes: Uint8Array, sheet: string): Promise<(string | number | null)[][]> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tonghop-openpyxl-'));
  try {
    const file = path.join(dir, 'book.xlsx');
    await fs.writeFile(file, bytes);
    return openpyxlSheet(file, sheet);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** Per task: how many files answered each status, and the sum of each indicator column, over the given files. */
export function tally(
  files: Record<string, OpenpyxlFile>,
  names: string[],
): {
  statuses: Record<string, Record<TaskStatus, number>>;
  sums: Record<string, number>;
  counts: Record<string, number>;
} {
  const statuses: Record<string, Record<TaskStatus, number>> = {};
  const sums: Record<string, number> = {};
  const counts: Record<string, number> = {};
  for (const name of names) {
    const f = files[name];
    if (!f || 'error' in f) throw new Error(`openpyxl could not read ${name}: ${f ? f.error : 'not in the folder'}`);
    for (const r of f.rows) {
      statuses[r.task] ??= { done: 0, inProgress: 0, notStarted: 0, notApplicable: 0 };
      if (r.status) statuses[r.task][r.status]++;
      for (const [header, v] of Object.entries(r.indicators)) {
        sums[header] = (sums[header] ?? 0) + v;
        counts[header] = (counts[header] ?? 0) + 1;
      }
    }
  }
  return { statuses, sums, counts };
}
