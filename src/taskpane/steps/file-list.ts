/**
 * The list of received files drawn in slices: the first items at once (a short list is whole before the call
 * returns), the rest a slice per turn of the event loop, each slice stopping after a few milliseconds, so that a
 * thousand files never hold the pane's thread (and Excel's UI with it) for long. Drawing a list again drops what
 * an earlier drawing of it still had to do.
 */
import { SLICE_MS, clear, now } from '../dom';

/** Items drawn before the first pause (a short list is drawn whole at once). */
const FIRST = 40;

/** The latest drawing of each list: an earlier one stops at its next slice. */
const drawings = new WeakMap<HTMLElement, number>();
let lastDrawing = 0;

/**
 * Empties `list` and fills it with `item(x)` for each of `items`, in order, in slices; resolves when the last item
 * is in the list (or when a later drawing of the same list has taken over).
 */
export function drawInSlices<T>(list: HTMLElement, items: readonly T[], item: (x: T) => HTMLElement): Promise<void> {
  const id = ++lastDrawing;
  drawings.set(list, id);
  clear(list);
  const all = items.slice();
  let next = 0;
  const slice = (limit: number) => {
    const started = now();
    const part = document.createDocumentFragment();
    while (next < all.length && (next < limit || now() - started < SLICE_MS)) part.appendChild(item(all[next++]));
    list.appendChild(part);
  };
  slice(FIRST);
  return new Promise((resolve) => {
    const go = () => {
      if (drawings.get(list) !== id) return resolve();
      slice(0);
      if (next < all.length) setTimeout(go, 0);
      else resolve();
    };
    if (next < all.length) setTimeout(go, 0);
    else resolve();
  });
}
