/** Running a user action: one at a time, the pane marked busy, any error said in Vietnamese; the engine on demand. */
import { byId, setStatus } from './dom';
import { errorText } from './errors';
import { pane, state } from './state';

export type Engine = typeof import('./engine');

let enginePromise: Promise<Engine> | null = null;

/**
 * The engine chunk, loaded on first use. A load that fails (a script the webview cannot run, the network) is
 * forgotten, and webpack forgets the modules that threw as they loaded (strictModuleExceptionHandling): the next
 * call loads and evaluates them again from the start, never a half-evaluated module.
 */
export function engine(): Promise<Engine> {
  if (!enginePromise) {
    const loading = import(/* webpackChunkName: "engine" */ './engine').catch((e: unknown) => {
      throw new EngineLoadError(e);
    });
    enginePromise = loading;
    loading.catch(() => {
      if (enginePromise === loading) enginePromise = null;
    });
  }
  return enginePromise;
}

/** The engine chunk could not be loaded or evaluated; `reason` as the webview gave it. */
class EngineLoadError extends Error {
  constructor(readonly reason: unknown) {
    super(reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason));
    this.name = 'EngineLoadError';
  }
}

/** The engine could not load: the engine-failed message and, after it, the cause as the webview gave it. */
export function showEngineFailure(e: unknown): void {
  const cause = e instanceof EngineLoadError ? e.message : e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  setStatus(`${pane.S.engineFailed} (${cause})`, 'error');
  appData('engine', 'failed');
  console.error(e);
}

export function showError(e: unknown): void {
  if (e instanceof EngineLoadError) return showEngineFailure(e);
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
