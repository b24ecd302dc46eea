/**
 * The outcome of boot.js's loading of office.js (CDN, local copy, or neither), waited for before the pane asks
 * Office anything. A page without boot.js (a test loading the bundle alone) counts as loaded.
 */
export type OfficeJsOutcome = 'cdn' | 'local' | 'failed';

interface OfficeJsState {
  state: 'loading' | OfficeJsOutcome;
  done: (() => void)[];
}

export function officeJsLoaded(): Promise<OfficeJsOutcome> {
  const status = (window as unknown as { __tonghopOfficeJs?: OfficeJsState }).__tonghopOfficeJs;
  if (!status) return Promise.resolve('cdn');
  if (status.state !== 'loading') return Promise.resolve(status.state);
  return new Promise((resolve) => status.done.push(() => resolve(status.state as OfficeJsOutcome)));
}
