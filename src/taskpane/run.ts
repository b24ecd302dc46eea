/** Running a user action: one at a time, the pane marked busy, any error said in Vietnamese; the engine on demand. */
import { byId, setStatus } from './dom';
import { errorText } from './errors';
import { pane, state } from './state';

export type Engine = typeof import('./engine');

let enginePromise: Promise<Engine> | null = null;
export function engine(): Promise<Engine> {
  if (!enginePromise) {
    enginePromise = import(/* webpackChunkName: "engine" */ './engine');
    enginePromise.catch(() => (enginePromise = null));
  }
  return enginePromise;
}

export function showError(e: unknown): void {
  setStatus(errorText(e, pane.S), 'error');
  console.error(e);
}

export async function guarded(button: HTMLElement | null, fn: () => Promise<void>): Promise<void> {
  if (state.busy) return;
  state.busy = true;
  button?.setAttribute('aria-busy', 'true');
  document.body.classList.add('busy');
  try {
    await fn();
  } catch (e) {
    showError(e);
  } finally {
    state.busy = false;
    button?.removeAttribute('aria-busy');
    document.body.classList.remove('busy');
  }
}

export function appData(key: string, value: string): void {
  byId('app').setAttribute(`data-${key}`, value);
}
