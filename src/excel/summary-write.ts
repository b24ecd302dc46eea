/// <reference types="office-js" />
/**
 * The summary written into the open workbook, with the native charts of `Tổng hợp`: the sheets through
 * the staged, recoverable door (door.ts), then the two charts beside the group table (charts.ts). The charts come
 * after the sheets are safely in place: a chart Excel refuses never undoes the summary, it is reported as skipped.
 */
import { tableHeaderRow, type OutSheet } from '../core/basics/sheets';
import { columnLetter } from '../core/basics/grid';
import { addSummaryCharts, type ChartsResult } from './charts';
import { type WriteReport, writeOutSheets } from './door';

/** The overview table's name (summary.ts writes `Tổng hợp` as table `TongHop`). */
const OVERVIEW_TABLE = 'TongHop';

export interface SummaryWriteReport extends WriteReport {
  charts: ChartsResult;
}

/** The group table of the overview, header row included, total row excluded (A7:H21). */
export function overviewTableAddress(sheet: OutSheet): string {
  const top = tableHeaderRow(sheet);
  const rows = Math.max(1, sheet.table.rows.length);
  return `A${top}:${columnLetter(sheet.table.columns.length)}${top + rows}`;
}

export async function writeSummaryWithCharts(
  context: Excel.RequestContext,
  sheets: OutSheet[],
): Promise<SummaryWriteReport> {
  const report = await writeOutSheets(context, sheets);
  const i = sheets.findIndex((s) => s.table.name === OVERVIEW_TABLE);
  if (i < 0 || !report.sheets[i]) return { ...report, charts: { added: [], skipped: [] } };
  try {
    const charts = await addSummaryCharts(context, report.sheets[i], overviewTableAddress(sheets[i]));
    return { ...report, charts };
  } catch (e) {
    // the summary is written; the charts are a picture of it: say which could not be drawn, keep the rest
    const reason = e instanceof Error ? e.message : String(e);
    return { ...report, charts: { added: [], skipped: [{ chart: '*', reason }] } };
  }
}
