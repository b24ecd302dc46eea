/**
 * Loaded before the pane's bundle, and compiled to ES5 like it: checks what the bundle needs that no polyfill can
 * give (typed arrays, Blob and FileReader, JSON, DOM events), and catches a script the webview cannot even parse.
 * Either way the pane shows, in Vietnamese, which Office is needed and that the command-line tool does the same
 * work: never a pane of buttons that do nothing.
 */
import { BOOT } from '../strings';

const w = window as unknown as Record<string, unknown>;
const needed = ['JSON', 'Uint8Array', 'ArrayBuffer', 'Blob', 'FileReader', 'DataView'];

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
}
