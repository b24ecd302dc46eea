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

/**
 * Left in place although IE11 lacks them: V8 reads the RegExp ones inside built-ins that IE11 code cannot reach
 * anyway, and Playwright's page.evaluate needs the others to pass values back (the pane uses none of them).
 */
const KEEP = new Set([
  'RegExp.flags',
  'RegExp.@@match',
  'RegExp.@@replace',
  'RegExp.@@search',
  'RegExp.@@split',
  'BigInt',
  'BigInt64Array',
  'BigUint64Array',
  'globalThis',
]);

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
      if (!c.__compat || KEEP.has(name)) continue;
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
  // plain ES5 with the natives it needs taken first: what it deletes includes what it would otherwise use
  return `(function () {
  var missing = ${JSON.stringify(missing)};
  var Sym = Symbol, has = Object.prototype.hasOwnProperty, removed = [], W = window, WindowProto = Window.prototype;
  // IE11 has Web Crypto's random numbers under its prefixed name (MDN: msCrypto); what IE11 has is kept
  var ms = W.crypto && W.crypto.getRandomValues ? { getRandomValues: W.crypto.getRandomValues.bind(W.crypto) } : null;
  function drop(obj, key, label) {
    if (!obj) return;
    var k = key.slice(0, 2) === '@@' ? Sym[key.slice(2)] : key;
    if (k === undefined || !(k in obj)) return;
    try { if (delete obj[k] && !has.call(obj, k)) removed.push(label); } catch (e) {}
  }
  var owners = [];
  for (var i = 0; i < missing.length; i++) owners.push(missing[i][1] === null ? null : W[missing[i][0]]);
  for (var j = 0; j < missing.length; j++) {
    var owner = missing[j][0], member = missing[j][1], ctor = owners[j];
    if (member === null) { drop(W, owner, owner); continue; }
    if (owner === 'Window') { drop(W, member, member); drop(WindowProto, member, 'Window.' + member); continue; }
    if (typeof ctor === 'function') { drop(ctor.prototype, member, owner + '.prototype.' + member); drop(ctor, member, owner + '.' + member); }
    else if (ctor && typeof ctor === 'object') drop(ctor, member, owner + '.' + member);
  }
  if (ms) W.msCrypto = ms;
  W.__ie11Removed = removed;
  // what the page has once the pane's scripts ran, for a test that cannot use page.evaluate here
  W.addEventListener('load', function () {
    var html = document.documentElement;
    html.setAttribute('data-ie11-removed', String(removed.length));
    html.setAttribute('data-ie11-check', JSON.stringify({
      append: typeof Element.prototype.append,
      normalize: typeof ''.normalize,
      promise: typeof W.Promise,
      textDecoder: typeof W.TextDecoder,
      fetch: typeof W.fetch,
    }));
  });
})();`;
}

/**
 * The same removal for a worker's global scope (the pane's reading worker runs in IE11's worker, which lacks what
 * IE11's page lacks): a script put before the worker's own code as it is served. Lists in self.__ie11Removed.
 */
export function removeScriptInWorker(missing: [string, string | null][]): string {
  return removeScript(missing)
    .replace('W = window, WindowProto = Window.prototype', 'W = self, WindowProto = WorkerGlobalScope.prototype')
    .replace(/\n {2}\/\/ what the page has once[\s\S]*?\n {2}\}\);\n/, '\n');
}
