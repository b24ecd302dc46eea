/**
 * Native charts on `Tổng hợp`, written by the pane into the open workbook: per group, on time / late /
 * missing / rejected as stacked bars, and the two rates (submitted ÷ required, on time ÷ required) as bars. The
 * charts take Excel's theme (no colour is set), carry fixed names so that a re-written sheet gets them replaced,
 * not duplicated, and use only ExcelApi 1.1 unless the host says it supports more:
 *   1.1  charts.add, name, title, legend, setPosition, valueAxis.maximum, delete, series.getItemAt
 *   1.7  series.setXAxisValues (the group names under the bars), series.add/setValues (columns that are not side
 *        by side), categoryAxis.reversePlotOrder (first group at the top)
 *   1.8  valueAxis.numberFormat (0 % … 100 %)
 * Without 1.7 the bars are numbered in the table's order; a chart whose columns are not side by side is skipped.
 * What the host supports comes from the one capability table (office.ts).
 *
 * Labels: the titles are parameters, with defaults in CHART_TEXT; the group table's headers are the count fields'
 * labels (COUNT_LABELS), as the summary writes them.
 */

import { COUNT_LABELS } from '../core/basics/counts';
import { columnLetter } from '../core/basics/grid';
import { type Capabilities, capabilities } from './office';

export const CHART_NAMES = { statuses: 'TongHop_TinhTrang', rates: 'TongHop_TiLe' } as const;

export const CHART_TEXT = {
  statusesTitle: 'Tình hình báo cáo theo nhóm',
  ratesTitle: 'Tỉ lệ đã nộp và tỉ lệ đúng hạn theo nhóm',
  /** The group table's headers (summary.ts). */
  headers: {
    group: 'Nhóm',
    onTime: COUNT_LABELS.onTime,
    late: COUNT_LABELS.late,
    missing: COUNT_LABELS.missing,
    rejected: COUNT_LABELS.rejected,
    rate: COUNT_LABELS.completeness,
    onTimeRate: COUNT_LABELS.onTimeRate,
  },
  /** A row with this first cell is the total, not a group: left out of the charts. */
  total: 'Toàn bộ',
  /** Why a chart was not added. */
  noGroups: 'bảng không có nhóm nào',
  missingColumns: 'bảng thiếu cột',
  notSideBySide: 'các cột không liền nhau và Excel này chưa hỗ trợ ExcelApi 1.7',
};
export type ChartText = typeof CHART_TEXT;

export interface ChartsResult {
  added: string[];
  skipped: { chart: string; reason: string }[];
}

/** Rows of each chart's height on the sheet (the rates chart sits below the statuses chart). */
const CHART_ROWS = 18;
const CHART_COLS = 8;

const columnLetters = (index0: number): string => columnLetter(index0 + 1);

/** A1 address of rows r1..r2, columns c1..c2 (0-based). */
function a1(r1: number, c1: number, r2 = r1, c2 = c1): string {
  const one = (r: number, c: number) => `${columnLetters(c)}${r + 1}`;
  return r1 === r2 && c1 === c2 ? one(r1, c1) : `${one(r1, c1)}:${one(r2, c2)}`;
}

interface Layout {
  /** 0-based sheet row of the header, sheet column of the table's first column. */
  top: number;
  left: number;
  /** Number of group rows (after the header, before a total row). */
  groups: number;
  /** Index in the table of each header. */
  col: (header: string) => number;
  right: number;
}

interface ChartSpec {
  name: string;
  title: string;
  type: 'BarStacked' | 'BarClustered';
  columns: number[];
  percent: boolean;
  slot: number;
}

interface ChartContext {
  text: ChartText;
  caps: Pick<Capabilities, 'chartSeries' | 'chartAxisFormat'>;
}

function addChart(
  ws: Excel.Worksheet,
  l: Layout,
  spec: ChartSpec,
  nameColumn: number,
  cx: ChartContext,
): string | null {
  const { text, caps } = cx;
  const cols = spec.columns.map((c) => l.left + c);
  const sideBySide = cols.every((c, i) => i === 0 || c === cols[i - 1] + 1);
  const v17 = caps.chartSeries;
  if (!sideBySide && !v17) return text.notSideBySide;
  const first = l.top + 1;
  const last = l.top + l.groups;
  const source = sideBySide ? a1(l.top, cols[0], last, cols[cols.length - 1]) : a1(l.top, cols[0], last, cols[0]);
  const chart = ws.charts.add(spec.type, ws.getRange(source), 'Columns');
  chart.name = spec.name;
  chart.title.text = spec.title;
  chart.legend.position = 'Bottom';
  if (!sideBySide) {
    cols.slice(1).forEach((c) => {
      const s = chart.series.add();
      s.setValues(ws.getRange(a1(first, c, last, c)));
    });
  }
  if (v17) {
    const names = ws.getRange(a1(first, l.left + nameColumn, last, l.left + nameColumn));
    cols.forEach((_, i) => chart.series.getItemAt(i).setXAxisValues(names));
    chart.axes.categoryAxis.reversePlotOrder = true; // the first group at the top, as in the table
  }
  if (spec.percent) {
    chart.axes.valueAxis.maximum = 1;
    if (caps.chartAxisFormat) chart.axes.valueAxis.numberFormat = '0%';
  }
  const at = l.right + 2;
  const row = l.top + spec.slot * (CHART_ROWS + 1);
  chart.setPosition(a1(row, at), a1(row + CHART_ROWS - 1, at + CHART_COLS - 1));
  return null;
}

/**
 * Adds (or replaces) the two charts beside the group table at `tableAddress` (header row included, e.g.
 * "A7:H21", a total row "Toàn bộ" at the end is left out). Syncs; returns what was added and what was skipped.
 */
export async function addSummaryCharts(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet | string,
  tableAddress: string,
  text: ChartText = CHART_TEXT,
  caps: ChartContext['caps'] = capabilities(),
): Promise<ChartsResult> {
  const ws = typeof sheet === 'string' ? context.workbook.worksheets.getItem(sheet) : sheet;
  const table = ws.getRange(tableAddress);
  table.load('values, rowIndex, columnIndex, columnCount');
  ws.charts.load('items');
  await context.sync();
  const names: string[] = Object.values(CHART_NAMES);
  for (const c of ws.charts.items) if (names.includes(c.name)) c.delete();

  const values = table.values as unknown[][];
  const headers = (values[0] ?? []).map((h) => String(h ?? '').trim());
  let groups = 0;
  while (groups + 1 < values.length && String(values[groups + 1][0] ?? '').trim() !== text.total) groups++;
  const l: Layout = {
    top: table.rowIndex,
    left: table.columnIndex,
    groups,
    col: (h) => headers.indexOf(h),
    right: table.columnIndex + table.columnCount - 1,
  };
  const h = text.headers;
  const specs: ChartSpec[] = [
    {
      name: CHART_NAMES.statuses,
      title: text.statusesTitle,
      type: 'BarStacked',
      columns: [h.onTime, h.late, h.missing, h.rejected].map(l.col),
      percent: false,
      slot: 0,
    },
    {
      name: CHART_NAMES.rates,
      title: text.ratesTitle,
      type: 'BarClustered',
      columns: [h.rate, h.onTimeRate].map(l.col),
      percent: true,
      slot: 1,
    },
  ];
  const result: ChartsResult = { added: [], skipped: [] };
  for (const spec of specs) {
    const missing = spec.columns.some((c) => c < 0);
    const reason =
      groups === 0
        ? text.noGroups
        : missing
          ? text.missingColumns
          : addChart(ws, l, spec, Math.max(0, l.col(h.group)), { text, caps });
    if (reason) result.skipped.push({ chart: spec.name, reason });
    else result.added.push(spec.name);
  }
  await context.sync();
  return result;
}
