/**
 * An old webview's API surface, taken from @mdn/browser-compat-data (not by hand): every Web API interface and
 * member, and every JavaScript built-in and member, that Internet Explorer 11 (or EdgeHTML 18) lacks — no
 * version, a later one, or only prefixed or behind a flag. `removeScript` makes an init script that deletes them
 * from a Chromium page before the page's own scripts run, and makes RegExp refuse the flags that webview refuses
 * (IE11: all but g, i and m), so the pane must bring its own polyfills and ES5 patterns, as it must there.
 *
 * Left in place, and only these: the RegExp symbol methods and `flags`, which V8's own String.prototype.replace,
 * match, search and split read on every call (IE11 has those String methods, implemented without them; removed,
 * `'a,b'.split(/,/)` gives ['a,b'] in Chromium, as the IE11 test shows). Nothing is kept for the test driver: the
 * tests read the page through the DOM and Playwright's own isolated world.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

interface Support {
  version_added?: string | boolean | null;
  version_removed?: string | boolean | null;
  prefix?: string;
  alternative_name?: string;
  flags?: unknown[];
}
interface Compat {
  __compat?: { support?: Record<string, Support | Support[] | undefined> };
  [k: string]: unknown;
}

/** A webview to imitate: IE 11, or EdgeHTML 18 (`edge` 12–18 in the data). */
export interface Webview {
  browser: 'ie' | 'edge';
  version: number;
  /** The RegExp flags it accepts. */
  regExpFlags: string;
}
export const IE11: Webview = { browser: 'ie', version: 11, regExpFlags: 'gim' };
export const EDGE18: Webview = { browser: 'edge', version: 18, regExpFlags: 'gimuy' };

/** What V8's own String methods read (see above): never removed. */
const ENGINE_INTERNALS = new Set([
  'RegExp.flags',
  'RegExp.@@match',
  'RegExp.@@replace',
  'RegExp.@@search',
  'RegExp.@@split',
]);

const num = (v: string) => Number(v.replace(/^≤/, ''));

function supported(c: Compat | undefined, w: Webview): boolean {
  const s = c?.__compat?.support?.[w.browser];
  const list = Array.isArray(s) ? s : s ? [s] : [];
  return list.some(
    (x) =>
      typeof x.version_added === 'string' &&
      num(x.version_added) <= w.version &&
      !(typeof x.version_removed === 'string' && num(x.version_removed) <= w.version) &&
      !x.prefix &&
      !x.alternative_name &&
      !x.flags,
  );
}

function members(c: Compat): [string, Compat][] {
  return Object.entries(c).filter(([k, v]) => !k.startsWith('__') && !k.includes('_') && typeof v === 'object') as [
    string,
    Compat,
  ][];
}

/** [owner, member] pairs that `w` lacks: member null removes the global itself. */
export function missingIn(w: Webview): [string, string | null][] {
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
      if (!supported(c, w)) {
        out.push([name, null]);
        continue;
      }
      for (const [m, mc] of members(c)) {
        if (m === name || ENGINE_INTERNALS.has(`${name}.${m}`) || !mc.__compat || supported(mc, w)) continue;
        out.push([name, m]);
      }
    }
  }
  return out;
}

export const ie11Missing = (): [string, string | null][] => missingIn(IE11);

/**
 * An init script deleting `missing` from the page and making RegExp refuse flags outside `flags`; what it
 * removed is listed in window.__ie11Removed.
 */
export function removeScript(missing: [string, string | null][], flags = IE11.regExpFlags): string {
  // plain ES5 with the natives it needs taken first: what it deletes includes what it would otherwise use
  return `(function () {
  var missing = ${JSON.stringify(missing)};
  var Sym = Symbol, has = Object.prototype.hasOwnProperty, removed = [], W = window, WindowProto = Window.prototype;
  var NativeRegExp = RegExp, allowed = /^[${flags}]*$/, setProto = Object.setPrototypeOf, define = Object.defineProperty;
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
  // RegExp refuses the flags this webview refuses, as a SyntaxError (regex literals are es-check's business)
  var OldRegExp = function RegExp(pattern, flags) {
    if (flags !== undefined && !allowed.test(String(flags))) throw new SyntaxError('Invalid regular expression flags: ' + flags);
    return new NativeRegExp(pattern, flags);
  };
  OldRegExp.prototype = NativeRegExp.prototype;
  setProto(OldRegExp, NativeRegExp);
  define(W, 'RegExp', { value: OldRegExp, writable: true, configurable: true });
  if (ms) W.msCrypto = ms;
  W.__ie11Removed = removed;
  // what the page has once the pane's scripts ran, for a test that cannot use page.evaluate here
  W.addEventListener('load', function () {
    var html = document.documentElement;
    var u = 'refused';
    try { new W.RegExp('a', 'u'); u = 'accepted'; } catch (e) {}
    html.setAttribute('data-ie11-removed', String(removed.length));
    html.setAttribute('data-ie11-check', JSON.stringify({
      append: typeof Element.prototype.append,
      normalize: typeof ''.normalize,
      promise: typeof W.Promise,
      textDecoder: typeof W.TextDecoder,
      fetch: typeof W.fetch,
      bigint: typeof W.BigInt,
      regExpU: u,
    }));
  });
})();`;
}

/**
 * The same removal for a worker's global scope (the pane's reading worker runs in the webview's worker, which
 * lacks what its page lacks): a script put before the worker's own code as it is served. Lists in self.__ie11Removed.
 */
export function removeScriptInWorker(missing: [string, string | null][], flags = IE11.regExpFlags): string {
  return removeScript(missing, flags)
    .replace('W = window, WindowProto = Window.prototype', 'W = self, WindowProto = WorkerGlobalScope.prototype')
    .replace(/\n {2}\/\/ what the page has once[\s\S]*?\n {2}\}\);\n/, '\n');
}
