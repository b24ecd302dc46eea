/// <reference types="office-js" />
/**
 * What the add-in asks of Office, in one place: which API versions the host offers (the manifest asks only
 * ExcelApi 1.1, everything above is optional), the host and its platform, and Excel.run with cell-edit mode
 * waited out. Errors leave as DoorError, whose `kind` the pane turns into a Vietnamese sentence: no raw English
 * Office error reaches the user.
 */

/** What the open Excel offers above ExcelApi 1.1 (each feature has a fallback in the door). */
export interface Capabilities {
  /** ExcelApi 1.2: column widths, making the register sheet hidden. */
  columnWidth: boolean;
  hideSheet: boolean;
  /** ExcelApi 1.6: conditional formats (else fixed fills), suspending calculation. */
  conditionalFormats: boolean;
  suspendCalculation: boolean;
  /** ExcelApi 1.7: frozen header rows. */
  freezePanes: boolean;
  /** ExcelApi 1.8: Excel.createWorkbook (opening an output where a download cannot work). */
  createWorkbook: boolean;
  /** ExcelApi 1.7: a chart's category names, series added one by one, the category axis reversed. */
  chartSeries: boolean;
  /** ExcelApi 1.8: a chart axis' number format. */
  chartAxisFormat: boolean;
}

type OfficeLike = {
  context?: { requirements?: { isSetSupported(name: string, version?: string): boolean }; platform?: unknown };
};
const officeGlobal = (): OfficeLike | undefined =>
  typeof Office === 'undefined' ? undefined : (Office as unknown as OfficeLike);

/** ExcelApi `version` or later; false outside Office or when Office cannot tell. */
export function supports(version: string): boolean {
  try {
    return officeGlobal()?.context?.requirements?.isSetSupported('ExcelApi', version) === true;
  } catch {
    return false;
  }
}

export function capabilities(): Capabilities {
  return {
    columnWidth: supports('1.2'),
    hideSheet: supports('1.2'),
    conditionalFormats: supports('1.6'),
    suspendCalculation: supports('1.6'),
    freezePanes: supports('1.7'),
    createWorkbook: supports('1.8'),
    chartSeries: supports('1.7'),
    chartAxisFormat: supports('1.8'),
  };
}

export type DoorErrorKind =
  | 'cell-edit'
  | 'too-big'
  | 'protected'
  | 'write-failed'
  | 'write-failed-dirty'
  | 'read-failed'
  | 'not-found'
  | 'office';

/** A failure of the Excel door, with the Office error code kept for the log (never shown as is). */
export class DoorError extends Error {
  constructor(
    readonly kind: DoorErrorKind,
    readonly code: string,
    readonly detail = '',
  ) {
    super(`${kind} (${code})${detail ? `: ${detail}` : ''}`);
    this.name = 'DoorError';
  }
}

export function officeCode(e: unknown): string {
  const c = (e as { code?: unknown } | null)?.code;
  return typeof c === 'string' ? c : e instanceof Error ? e.name : 'Unknown';
}

/** An Office error as a DoorError of the kind the user can act on. */
export function toDoorError(e: unknown, fallback: DoorErrorKind): DoorError {
  if (e instanceof DoorError) return e;
  const code = officeCode(e);
  const kind: DoorErrorKind =
    code === 'InvalidOperationInCellEditMode'
      ? 'cell-edit'
      : /PayloadSizeLimitExceeded/.test(code)
        ? 'too-big'
        : code === 'AccessDenied' || code === 'InvalidOperation'
          ? 'protected'
          : code === 'ItemNotFound'
            ? 'not-found'
            : fallback;
  return new DoorError(kind, code, e instanceof Error ? e.message : String(e));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface RunOptions {
  /** Called once when Excel is busy editing a cell and the run waits for it. */
  onCellEdit?: () => void;
  /** How long to wait for cell-edit mode to end before giving up (ms). */
  cellEditWaitMs?: number;
  /** The Excel.run to use (tests). */
  run?: <T>(fn: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
}

/**
 * Runs a batch against the open workbook. While the user is typing in a cell Excel refuses every request: the
 * run is retried (the batch has not started when it is refused at its first sync) until editing ends, and gives
 * up with a 'cell-edit' DoorError, whose message asks the user to finish editing the cell.
 */
export async function runInExcel<T>(
  fn: (context: Excel.RequestContext) => Promise<T>,
  options: RunOptions = {},
): Promise<T> {
  const run = options.run ?? ((f) => Excel.run(f));
  const deadline = Date.now() + (options.cellEditWaitMs ?? 15000);
  let told = false;
  for (let wait = 250; ; wait = Math.min(wait * 2, 2000)) {
    let started = false;
    try {
      return await run(async (context) => {
        // a probe that changes nothing: refused in cell-edit mode before any of fn's work is sent
        context.workbook.worksheets.load('items/name');
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one probe per attempt, attempts are spaced
        await context.sync();
        started = true;
        return fn(context);
      });
    } catch (e) {
      const err = toDoorError(e, 'office');
      if (err.kind !== 'cell-edit' || started || Date.now() >= deadline) throw err;
      if (!told) options.onCellEdit?.();
      told = true;
      await sleep(wait);
    }
  }
}

export type HostKind = 'excel' | 'other-office' | 'standalone';

/**
 * Where the pane runs. Office.onReady is awaited as long as it takes (a slow Excel stays Excel, `onSlow` lets the
 * pane say it is waiting); the page is standalone only when office.js is absent or says there is no Office host.
 */
export async function detectHost(onSlow?: () => void, slowMs = 4000): Promise<HostKind> {
  if (typeof Office === 'undefined' || typeof Office.onReady !== 'function') return 'standalone';
  const timer = setTimeout(() => onSlow?.(), slowMs);
  try {
    const info = await Office.onReady();
    if (info && String(info.host) === 'Excel' && typeof Excel !== 'undefined') return 'excel';
    return info && info.host ? 'other-office' : 'standalone';
  } catch {
    return 'standalone';
  } finally {
    clearTimeout(timer);
  }
}

/** Office's display language, e.g. "vi-VN" (null outside Office). */
export function officeLanguage(): string | null {
  try {
    return typeof Office !== 'undefined' ? (Office.context?.displayLanguage ?? null) : null;
  } catch {
    return null;
  }
}

/** True where the pane's webview ignores downloads (Excel for Mac and iPad). */
export function downloadsBlocked(): boolean {
  const p = String(officeGlobal()?.context?.platform ?? '');
  return p === 'Mac' || p === 'iOS';
}

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    s += String.fromCharCode.apply(null, Array.prototype.slice.call(bytes, i, i + 0x8000) as number[]);
  return btoa(s);
}

/** Opens an .xlsx as a new workbook in Excel (ExcelApi 1.8); false when this Excel cannot. */
export async function openAsNewWorkbook(bytes: Uint8Array): Promise<boolean> {
  if (!supports('1.8') || typeof Excel === 'undefined' || typeof Excel.createWorkbook !== 'function') return false;
  try {
    await Excel.createWorkbook(base64(bytes));
    return true;
  } catch {
    return false;
  }
}
