/**
 * The help buttons: a "?" on each step opens the user guide (help.html, built from docs/huong-dan and bundled with
 * the pane, so it works offline) at that step's anchor, inside the pane over the steps; closing it returns to where
 * the clerk was, with everything the pane holds untouched. The guide is a page of our own origin in an iframe:
 * plain HTML without script, the same in every webview (Internet Explorer 11 included).
 */
import { h } from './dom';
import { pane } from './state';
import type { Strings } from './strings';

/** Each step's card → its anchor in the guide (the officer's part, docs/huong-dan/can-bo-tong-hop.md). */
export const HELP_ANCHORS: Readonly<Record<string, string>> = {
  'step-plan': 'buoc-1',
  'step-templates': 'buoc-2',
  'step-intake': 'buoc-3',
  'step-consolidate': 'buoc-4',
  'step-export': 'buoc-5',
};

/** The guide's page in dist/ (also the manifest's help link). */
export const HELP_PAGE = 'help.html';

const STEP_TITLES: Readonly<Record<string, keyof Strings>> = {
  'step-plan': 'step1',
  'step-templates': 'step2',
  'step-intake': 'step3',
  'step-consolidate': 'step4',
  'step-export': 'step5',
};

let opener: HTMLElement | null = null;

function closeHelp(): void {
  const view = document.getElementById('help-view');
  if (view && view.parentNode) view.parentNode.removeChild(view);
  document.body.className = document.body.className.replace(/\s*\bhelp-open\b/g, '');
  if (opener) opener.focus();
  opener = null;
}

/** Shows the guide at `anchor` over the pane (a second click on another step moves the same view). */
export function openHelp(anchor: string, from: HTMLElement | null): void {
  const S = pane.S.help;
  const url = `${HELP_PAGE}#${anchor}`;
  closeHelp();
  opener = from;
  const close = h('button', { type: 'button', id: 'help-close', class: 'primary' }, S.close);
  close.addEventListener('click', closeHelp);
  // a window of its own only in a plain browser: Office's webviews do not open one reliably
  const own =
    pane.host && pane.host.kind === 'standalone'
      ? h('a', { id: 'help-window', href: url, target: '_blank', rel: 'noopener' }, S.newWindow)
      : null;
  const frame = h('iframe', { id: 'help-frame', title: S.title, src: url });
  const view = h(
    'div',
    { id: 'help-view', class: 'help-view', role: 'dialog', 'aria-label': S.title },
    h('div', { class: 'help-bar' }, close, own),
    frame,
  );
  document.body.appendChild(view);
  document.body.className += ' help-open';
  close.focus();
}

/** Titles of the help buttons in the pane's language (after the language is known). */
export function labelHelp(): void {
  const buttons = document.querySelectorAll('button.help-button');
  for (let i = 0; i < buttons.length; i++) {
    const b = buttons[i] as HTMLElement;
    const step = pane.S[STEP_TITLES[b.getAttribute('data-step') || ''] || 'step1'];
    const label = pane.S.help.step(typeof step === 'string' ? step : '');
    b.setAttribute('title', label);
    b.setAttribute('aria-label', label);
  }
}

/** A "?" before each step's heading (outside the heading, whose text the pane's language replaces). */
export function wireHelp(): void {
  for (const id of Object.keys(HELP_ANCHORS)) {
    const card = document.getElementById(id);
    const heading = card && card.querySelector('h2');
    if (!card || !heading) continue;
    const b = h(
      'button',
      { type: 'button', class: 'help-button', 'data-step': id, 'data-help': HELP_ANCHORS[id] },
      pane.S.help.open,
    );
    b.addEventListener('click', () => openHelp(HELP_ANCHORS[id], b));
    card.insertBefore(b, heading);
  }
  document.addEventListener('keydown', (ev) => {
    if ((ev.key === 'Escape' || ev.key === 'Esc') && document.getElementById('help-view')) closeHelp();
  });
  labelHelp();
}
