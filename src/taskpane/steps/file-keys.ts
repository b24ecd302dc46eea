/**
 * Which of the files picked are new to the list: a file picked again (kept from an earlier day, or twice today)
 * is the one with the same name, size and modification time, and stays one line. One key per file listed, so
 * that adding a thousand files to a thousand is a thousand look-ups, not a million comparisons. A file whose
 * time is unknown is never taken for another (as before: an unknown time equals no time).
 */

/** The fields of a listed file that say it is the same file. */
export interface FileKeyed {
  name: string;
  size: number;
  modified: number | null;
}

/** The key of a file known by name, size and time; null when its time is unknown (never the same as another). */
export function fileKey(name: string, size: number, modified: number | null): string | null {
  if (modified === null || isNaN(modified)) return null;
  return `${size}:${modified}:${name}`;
}

/**
 * The files of `picked` to add after `listed`, in their order: those not already listed, and each only once.
 * `timeOf` gives a picked file's modification time (NaN when unknown).
 */
export function newFiles<F extends { name: string; size: number }>(
  listed: readonly FileKeyed[],
  picked: readonly F[],
  timeOf: (f: F) => number,
): { file: F; modified: number }[] {
  const seen = new Set<string>();
  for (const f of listed) {
    const key = fileKey(f.name, f.size, f.modified);
    if (key !== null) seen.add(key);
  }
  const out: { file: F; modified: number }[] = [];
  for (const file of picked) {
    const modified = timeOf(file);
    const key = fileKey(file.name, file.size, modified);
    if (key !== null) {
      if (seen.has(key)) continue;
      seen.add(key);
    }
    out.push({ file, modified });
  }
  return out;
}
