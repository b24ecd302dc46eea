/**
 * DOM helpers of the pane: elements built from text only (never HTML), the status line, and the pane's own
 * confirmation dialog (Office webviews block window.confirm).
 */
import { pane } from './state';

type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const k of Object.keys(attrs)) {
    const v = attrs[k];
    if (v === undefined || v === false) continue;
    if (k === 'class') el.className = String(v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
  return el;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing`);
  return el as T;
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

export const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** How long work cut in slices may hold the page's thread before it gives it back (ms). */
export const SLICE_MS = 8;

/** A clock for slices (ms): performance.now where the webview has it. */
export const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export function setStatus(text: string, kind: 'info' | 'error' = 'info'): void {
  const el = byId('status');
  el.textContent = text;
  el.setAttribute('data-kind', kind);
}

/** Asks before something that replaces the user's work; resolves true on "yes". */
export function ask(question: string, yes: string): Promise<boolean> {
  const S = pane.S;
  document.getElementById('confirm')?.parentNode?.removeChild(document.getElementById('confirm') as Node);
  return new Promise((resolve) => {
    const ok = h('button', { type: 'button', id: 'confirm-yes', class: 'primary' }, yes);
    const no = h('button', { type: 'button', id: 'confirm-no' }, S.cancel);
    const box = h(
      'div',
      { id: 'confirm', class: 'confirm', role: 'alertdialog', 'aria-labelledby': 'confirm-text' },
      h('p', { id: 'confirm-text' }, question),
      h('div', { class: 'buttons' }, ok, no),
    );
    const done = (answer: boolean) => {
      box.parentNode?.removeChild(box);
      resolve(answer);
    };
    ok.addEventListener('click', () => done(true));
    no.addEventListener('click', () => done(false));
    const status = byId('status');
    status.parentNode!.insertBefore(box, status.nextSibling);
    ok.focus();
  });
}
