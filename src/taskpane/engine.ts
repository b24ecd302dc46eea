/**
 * The engine as the task pane loads it: on first use, by dynamic import (ExcelJS, zod, JSZip are in this chunk,
 * not in the pane's first bundle). Nothing of the engine is written here: it is src/core, plus zipping.
 */
import './compat/zod-jitless';
import JSZip from 'jszip';
import { type IsoDate, type Plan, buildTemplates, repeatableZip } from '../core';

export * from '../core';
export { socTrangPlan } from '../sample/sample';
export { ReadWorker } from './reading/read-client';

/** All templates of the plan as one .zip (file names as the CLI writes them). */
export async function templatesZip(plan: Plan, progress?: (done: number, total: number) => void): Promise<Uint8Array> {
  const zip = new JSZip();
  let n = 0;
  for await (const t of buildTemplates(plan)) {
    zip.file(t.fileName, t.bytes);
    n++;
    progress?.(n, plan.agencies.length);
  }
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/**
 * Files as one .zip (names may contain folders). Given a day, the .zip's entries are dated that day (repeatableZip),
 * so the same files give the same bytes whenever they are zipped, as the CLI's (the workbooks and documents the
 * engine builds are dated by their consolidation already).
 */
export async function zipFiles(files: { name: string; bytes: Uint8Array }[], day?: IsoDate): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const f of files) zip.file(f.name, f.bytes);
  const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
  return day ? repeatableZip(bytes, day) : bytes;
}
