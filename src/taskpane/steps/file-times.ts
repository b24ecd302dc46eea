/**
 * The modification time of the files picked, asked of the browser after the `change` handler, in slices of a few
 * milliseconds (File.lastModified is a synchronous call: a thousand at once held the page's thread); asked at once
 * for a file whose time is needed before its slice (to know it if picked again, to keep the list in the workbook).
 */
import { fileTime } from '../compat/file-time';
import type { FileEntry } from '../state';

/** How long one slice may ask before it gives the thread back (ms). */
const SLICE_MS = 8;

const unasked = new WeakSet<FileEntry>();
const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

function ask(f: FileEntry): void {
  if (!unasked.has(f)) return;
  unasked.delete(f);
  const t = f.file ? fileTime(f.file) : NaN;
  f.modified = isNaN(t) ? null : t;
}

/** A listed file's modification time (ms), null when unknown. */
export function modifiedOf(f: FileEntry): number | null {
  ask(f);
  return f.modified;
}

/** Files just listed (their `modified` not yet asked): their times are asked a slice per turn of the event loop. */
export function askTimesLater(files: readonly FileEntry[]): void {
  for (const f of files) unasked.add(f);
  let next = 0;
  const slice = () => {
    const started = now();
    while (next < files.length && now() - started < SLICE_MS) ask(files[next++]);
    if (next < files.length) setTimeout(slice, 0);
  };
  if (files.length) setTimeout(slice, 0);
}
