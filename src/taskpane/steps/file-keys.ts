/**
 * Which of the files picked are new to the list: a file picked again (kept from an earlier day, or twice today)
 * is the one with the same name, size and modification time, and stays one line. Files are grouped by name and
 * size, so that adding a thousand files to a thousand is a thousand look-ups, not a million comparisons; and a
 * file's time is asked only when another file of its name and size is there (File.lastModified is a synchronous
 * call to the browser: asked of a thousand files at once, it held the page's thread in the `change` handler). A
 * file whose time is unknown is never taken for another (as before: an unknown time equals no time).
 */

/**
 * The files of `picked` to add after `listed`, in their order: those not already listed, and each only once.
 * `listedTime` gives a listed file's time (null when unknown), `pickedTime` a picked file's (NaN when unknown);
 * each is asked only of files that share a name and a size with another.
 */
export function newFiles<L extends { name: string; size: number }, F extends { name: string; size: number }>(
  listed: readonly L[],
  listedTime: (l: L) => number | null,
  picked: readonly F[],
  pickedTime: (f: F) => number,
): F[] {
  const groups = new Map<string, (() => number | null)[]>();
  const add = (name: string, size: number, time: () => number | null) => {
    const key = `${size}:${name}`;
    const group = groups.get(key);
    if (group) group.push(time);
    else groups.set(key, [time]);
  };
  for (const l of listed) add(l.name, l.size, () => listedTime(l));
  const out: F[] = [];
  for (const f of picked) {
    let known: number | undefined;
    const time = () => (known === undefined ? (known = pickedTime(f)) : known);
    const group = groups.get(`${f.size}:${f.name}`);
    if (
      group &&
      group.some((other) => {
        const t = other();
        return t !== null && !isNaN(t) && t === time();
      })
    )
      continue;
    add(f.name, f.size, () => (isNaN(time()) ? null : time()));
    out.push(f);
  }
  return out;
}
