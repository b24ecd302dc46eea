/**
 * Which of the files picked are new to the list: a file picked again (kept from an earlier day, or twice today)
 * is the one with the same name, size and modification time, and stays one line. Files are grouped by name, so
 * that adding a thousand files to a thousand is a thousand look-ups, not a million comparisons; and a file's size
 * and time are asked only when another file of its name is there: in Chromium the first File.size or
 * File.lastModified of a picked file is a synchronous call to the browser for the file's details, and asked of a
 * thousand files at once it held the page's thread in the `change` handler. A file whose time is unknown is never
 * taken for another (as before: an unknown time equals no time).
 */

/** A file's size and modification time (ms; null or NaN when unknown). */
export interface FileMeta {
  size: number;
  time: number | null;
}

/**
 * The files of `picked` to add after `listed`, in their order: those not already listed, and each only once.
 * `listedMeta` and `pickedMeta` are asked only of files that share a name with another.
 */
export function newFiles<L extends { name: string }, F extends { name: string }>(
  listed: readonly L[],
  listedMeta: (l: L) => FileMeta,
  picked: readonly F[],
  pickedMeta: (f: F) => FileMeta,
): F[] {
  const groups = new Map<string, (() => FileMeta)[]>();
  const add = (name: string, meta: () => FileMeta) => {
    const group = groups.get(name);
    if (group) group.push(meta);
    else groups.set(name, [meta]);
  };
  for (const l of listed) add(l.name, () => listedMeta(l));
  const out: F[] = [];
  for (const f of picked) {
    let known: FileMeta | undefined;
    const meta = () => (known === undefined ? (known = pickedMeta(f)) : known);
    const group = groups.get(f.name);
    if (
      group &&
      group.some((other) => {
        const o = other();
        const m = meta();
        return o.size === m.size && o.time !== null && !isNaN(o.time) && o.time === m.time;
      })
    )
      continue;
    add(f.name, meta);
    out.push(f);
  }
  return out;
}
