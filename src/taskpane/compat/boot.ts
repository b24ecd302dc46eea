/**
 * Runs first, compiled to ES5 whatever the build (dist/boot.js). In order:
 * 1. checks what no polyfill can give (typed arrays, Blob and FileReader, JSON, DOM events); where it is missing
 *    the pane says, in Vietnamese, which Office is needed and that the command-line tool does the same work;
 * 2. loads office.js: from Microsoft's CDN, or from the copy shipped with the add-in (OFFICE_JS=local), or the
 *    CDN first and the copy when the CDN has not loaded within a few seconds (OFFICE_JS=fallback); the outcome
 *    is left in window.__tonghopOfficeJs for the pane (compat/office-js.ts);
 * 3. adds the entry script of one of the two builds: the modern one where the webview has what it needs without
 *    polyfills (WebView2, Chromium, Safari 14+), the ES5 one with polyfills elsewhere (Internet Explorer 11,
 *    EdgeHTML 18, older Safari). A feature test, not module/nomodule: EdgeHTML 16–18 and Safari 10.1 take
 *    modules yet lack what the modern build uses.
 * A script the webview cannot even parse ends in the same explanation as step 1.
 */
import { BOOT } from '../strings-boot';

interface OfficeJsState {
  state: 'loading' | 'cdn' | 'local' | 'failed';
  /** Called once office.js has loaded or could not be. */
  done: (() => void)[];
}

const w = window as unknown as Record<string, unknown>;
const needed = ['JSON', 'Uint8Array', 'ArrayBuffer', 'Blob', 'FileReader', 'DataView'];
/** How long the CDN may take before the local copy is tried (the browser tests shorten it). */
const OFFICE_WAIT_MS = typeof w.__tonghopOfficeWaitMs === 'number' ? (w.__tonghopOfficeWaitMs as number) : 6000;

function unsupported(): boolean {
  for (let i = 0; i < needed.length; i++) if (typeof w[needed[i]] === 'undefined') return true;
  return typeof document.addEventListener !== 'function' || typeof document.querySelector !== 'function';
}

function explain(): void {
  const app = document.getElementById('app');
  if (!app || app.getAttribute('data-state') === 'ready' || document.getElementById('unsupported')) return;
  while (app.firstChild) app.removeChild(app.firstChild);
  const box = document.createElement('section');
  box.id = 'unsupported';
  box.className = 'card';
  for (let i = 0; i < BOOT.length; i++) {
    const p = document.createElement('p');
    p.appendChild(document.createTextNode(BOOT[i]));
    box.appendChild(p);
  }
  app.appendChild(box);
  app.setAttribute('data-state', 'unsupported');
}

/** True where the modern build runs as it is: ES2020 and the APIs of Chrome 85, Safari 14.1, Firefox 79. */
function modernWebview(): boolean {
  const sp = String.prototype as unknown as Record<string, unknown>;
  const P = w.Promise as { any?: unknown; prototype: Record<string, unknown> } | undefined;
  const S = w.Symbol as { asyncIterator?: unknown } | undefined;
  const B = w.Blob as { prototype: Record<string, unknown> };
  return Boolean(
    P &&
    typeof P.any === 'function' &&
    typeof P.prototype['finally'] === 'function' &&
    S &&
    typeof S.asyncIterator === 'symbol' &&
    typeof sp.replaceAll === 'function' &&
    typeof sp.normalize === 'function' &&
    typeof (Object as unknown as Record<string, unknown>).fromEntries === 'function' &&
    typeof (Array.prototype as unknown as Record<string, unknown>).flat === 'function' &&
    typeof B.prototype.arrayBuffer === 'function' &&
    typeof w.TextDecoder === 'function' &&
    typeof w.queueMicrotask === 'function' &&
    typeof w.globalThis === 'object' &&
    typeof w.BigInt === 'function',
  );
}

function buildMeta(): Element | null {
  const metas = document.getElementsByTagName('meta');
  for (let i = 0; i < metas.length; i++) if (metas[i].getAttribute('name') === 'tonghop-build') return metas[i];
  return null;
}

/**
 * A script added to the page. `ordered`: executed in the order added, as the tags of a page are (the build's
 * entry files); office.js is not, so that a CDN holding its request never holds the pane's own scripts.
 */
function addScript(src: string, ordered: boolean, onload?: () => void, onerror?: () => void): HTMLScriptElement {
  const s = document.createElement('script');
  s.src = src;
  s.async = !ordered;
  if (onload) s.onload = onload;
  if (onerror) s.onerror = onerror;
  document.getElementsByTagName('head')[0].appendChild(s);
  return s;
}

/** office.js from the CDN and/or the local copy; the outcome in window.__tonghopOfficeJs. */
function loadOfficeJs(cdn: string, local: string): void {
  const status: OfficeJsState = { state: 'loading', done: [] };
  w.__tonghopOfficeJs = status;
  const settle = (state: OfficeJsState['state']) => {
    if (status.state !== 'loading') return;
    status.state = state;
    document.documentElement.setAttribute('data-office-js', state);
    for (let i = 0; i < status.done.length; i++) status.done[i]();
  };
  const tryLocal = () => {
    if (status.state !== 'loading') return;
    if (!local) return settle('failed');
    addScript(
      local,
      false,
      () => settle('local'),
      () => settle('failed'),
    );
  };
  if (!cdn) return tryLocal();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let cdnScript: HTMLScriptElement | null = null;
  const fallback = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    // office.js finds its own folder from its script tag: the CDN's, still pending, must not be the one it finds
    if (cdnScript && cdnScript.parentNode) cdnScript.parentNode.removeChild(cdnScript);
    if (local) tryLocal();
    else settle('failed');
  };
  // a filtering proxy may hold the request instead of refusing it: a few seconds, then the local copy or the message
  timer = setTimeout(fallback, OFFICE_WAIT_MS);
  cdnScript = addScript(
    cdn,
    false,
    () => {
      if (timer) clearTimeout(timer);
      if (typeof w.Office === 'undefined') fallback();
      else settle('cdn');
    },
    fallback,
  );
}

function start(): void {
  const meta = buildMeta();
  if (!meta) return;
  loadOfficeJs(meta.getAttribute('data-office-cdn') || '', meta.getAttribute('data-office-local') || '');
  const modern = modernWebview();
  document.documentElement.setAttribute('data-build', modern ? 'modern' : 'legacy');
  const files = (meta.getAttribute(modern ? 'data-modern' : 'data-legacy') || '').split(' ');
  for (let i = 0; i < files.length; i++) if (files[i]) addScript(files[i], true);
}

if (unsupported()) {
  w.__tonghopUnsupported = true;
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', explain);
  else explain();
} else {
  // a syntax or feature error while the pane starts: this webview cannot run it
  window.onerror = function (message) {
    if (/syntax|expected|unexpected|invalid character|not supported|is undefined|is not defined/i.test(String(message)))
      explain();
    return false;
  };
  start();
}
