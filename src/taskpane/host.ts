/// <reference types="office-js" />
/**
 * The workbook the pane works on: the open Excel workbook through the Excel door (src/excel), or, without Office,
 * none (standalone mode: results are downloaded).
 */
import { ownSheetNames, readSheets, selectCell, writePlainSheets } from '../excel/door';
import { type HostKind, detectHost, runInExcel } from '../excel/office';
import { writeSummaryWithCharts } from '../excel/summary-write';
import { readIntakeSheet, writeIntakeSheet } from '../excel/intake-sheet';
import { sheetNames } from '../excel/read';
import { SUMMARY_SHEET_NAMES } from '../core/consolidate/summary-names';
import { setStatus } from './dom';
import { type WorkbookHost, pane } from './state';

export { SUMMARY_SHEET_NAMES };

/** The last run queued: runs go one after another (a save of the intake never meets a summary write halfway). */
let queue: Promise<unknown> = Promise.resolve();
function run<T>(fn: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  const next = queue.then(() => runInExcel(fn, { onCellEdit: () => setStatus(pane.S.finishEditing) }));
  queue = next.catch(() => undefined);
  return next;
}

const excelHost: WorkbookHost = {
  kind: 'excel',
  readSheets: () =>
    run(async (ctx) => (await readSheets(ctx, { skip: (n) => SUMMARY_SHEET_NAMES.indexOf(n) >= 0 })).sheets),
  sheetNames: () => run((ctx) => sheetNames(ctx)),
  ownSheets: (keys) => run((ctx) => ownSheetNames(ctx, keys)),
  insertPlan: (sheets) => run((ctx) => writePlainSheets(ctx, sheets)),
  writeSummary: (sheets) => run((ctx) => writeSummaryWithCharts(ctx, sheets)), // with its charts
  selectCell: (sheet, cell) => run((ctx) => selectCell(ctx, sheet, cell)),
  loadIntake: () => run(async (ctx) => (await readIntakeSheet(ctx))?.rows ?? null),
  saveIntake: (rows) => run(async (ctx) => ({ hidden: (await writeIntakeSheet(ctx, rows)).hidden })),
};

const standaloneHost: WorkbookHost = {
  kind: 'standalone',
  readSheets: async () => [],
  sheetNames: async () => [],
  ownSheets: async () => [],
  insertPlan: async () => null,
  writeSummary: async () => null,
  selectCell: async () => undefined,
  loadIntake: async () => null,
  saveIntake: async () => null,
};

/** Excel, or standalone (a plain browser, or an Office application other than Excel). */
export async function workbookHost(): Promise<WorkbookHost> {
  const kind: HostKind = await detectHost(() => setStatus(pane.S.waitingForExcel));
  return kind === 'excel' ? excelHost : standaloneHost;
}
