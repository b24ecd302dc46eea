/**
 * The size and modification time of the files picked, asked of the browser after the `change` handler, in slices
 * of a few milliseconds (in Chromium the first File.size or File.lastModified of a picked file is a synchronous
 * call for the file's details: a thousand at once held the page's thread); asked at once for a file whose details
 * are needed before its slice (to know it if picked again, to keep the list in the workbook).
 */
import { fileTime } from '../compat/file-time';
import { SLICE_MS, now } from '../dom';
import type { FileEntry } from '../state';
import type { FileMeta } from './file-keys';

const unasked = new WeakSet<FileEntry>();

function ask(f: FileEntry): void {
  if (!unasked.has(f)) return;
  unasked.delete(f);
  if (!f.file) return;
  f.size = f.file.size;
  const t = fileTime(f.file);
  f.modified = isNaN(t) ? null : t;
}

/** A listed file's size (bytes). */
export function sizeOf(f: FileEntry): number {
  ask(f);
  return f.size;
}

/** A listed file's modification time (ms), null when unknown. */
export function modifiedOf(f: FileEntry): number | null {
  ask(f);
  return f.modified;
}

/** A listed file's size and time, as newFiles compares them. */
export const metaOf = (f: FileEntry): FileMeta => ({ size: sizeOf(f), time: modifiedOf(f) });

/** A picked file's size and time, asked now. */
export const pickedMeta = (f: File): FileMeta => ({ size: f.size, time: fileTime(f) });

/**
 * Files just listed (their `size` and `modified` not yet asked: 0 and null until then): their details are asked
 * a slice per turn of the event loop.
 */
export function askLater(files: readonly FileEntry[]): void {
  for (const f of files) unasked.add(f);
  let next = 0;
  const slice = () => {
    const started = now();
    while (next < files.length && now() - started < SLICE_MS) ask(files[next++]);
    if (next < files.length) setTimeout(slice, 0);
  };
  if (files.length) setTimeout(slice, 0);
}
