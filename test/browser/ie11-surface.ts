/**
 * The Internet Explorer 11 API surface, taken from @mdn/browser-compat-data (not by hand): every Web API interface
 * and member, and every JavaScript built-in and member, that IE 11 lacks (no version, or only prefixed or behind a
 * flag). `removeScript` makes an init script that deletes them from a Chromium page before the page's own scripts
 * run, so the pane must bring its own polyfills for what it uses, as it must in IE11.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

interface Support {
  version_added?: string | boolean | null;
  prefix?: string;
  alternative_name?: string;
  flags?: unknown[];
}
interface Compat {
  __compat?: { support?: Record<string, Support | Support[] | undefined> };
  [k: string]: unknown;
}

/** Left in place although IE11 lacks them: V8 reads them inside built-ins that IE11 code cannot reach anyway. */
const KEEP = new Set(['RegExp.flags', 'RegExp.@@match', 'RegExp.@@replace', 'RegExp.@@search', 'RegExp.@@split']);

function inIe(c: Compat | undefined): boolean {
  const s = c?.__compat?.support?.ie;
  const list = Array.isArray(s) ? s : s ? [s] : [];
  return list.some((x) => typeof x.version_added === 'string' && !x.prefix && !x.alternative_name && !x.flags);
}

function members(c: Compat): [string, Compat][] {
  return Object.entries(c).filter(([k, v]) => !k.startsWith('__') && !k.includes('_') && typeof v === 'object') as [
    string,
    Compat,
  ][];
}

/** [owner, member] pairs: member null removes the global itself. */
export function ie11Missing(): [string, string | null][] {
  const bcd = JSON.parse(
    fs.readFileSync(
      path.join(__dirname, '..', '..', 'node_modules', '@mdn', 'browser-compat-data', 'data.json'),
      'utf8',
    ),
  ) as { api: Record<string, Compat>; javascript: { builtins: Record<string, Compat> } };
  const out: [string, string | null][] = [];
  for (const tree of [bcd.api, bcd.javascript.builtins]) {
    for (const [name, c] of Object.entries(tree)) {
      if (!c.__compat) continue;
      if (!inIe(c)) {
        out.push([name, null]);
        continue;
      }
      for (const [m, mc] of members(c)) {
        if (m === name || KEEP.has(`${name}.${m}`) || !mc.__compat || inIe(mc)) continue;
        out.push([name, m]);
      }
    }
  }
  return out;
}

/** An init script deleting `missing` from the page; what it removed is listed in window.__ie11Removed. */
export function removeScript(missing: [string, string | null][]): string {
  return `(() => {
  const missing = ${JSON.stringify(missing)};
  const removed = [];
  const drop = (obj, key, label) => {
    if (!obj) return;
    const k = key.startsWith('@@') ? Symbol[key.slice(2)] : key;
    if (k === undefined || !(k in obj)) return;
    try { if (delete obj[k] && !(Object.prototype.hasOwnProperty.call(obj, k))) removed.push(label); } catch (e) {}
  };
  for (const [owner, member] of missing) {
    if (member === null) { drop(window, owner, owner); continue; }
    const ctor = window[owner];
    if (owner === 'Window') { drop(window, member, member); drop(Window.prototype, member, 'Window.' + member); continue; }
    if (typeof ctor === 'function') { drop(ctor.prototype, member, owner + '.prototype.' + member); drop(ctor, member, owner + '.' + member); }
    else if (ctor && typeof ctor === 'object') drop(ctor, member, owner + '.' + member);
  }
  // Symbol goes last: the names above were looked up through it
  window.__ie11Removed = removed;
})();`;
}
