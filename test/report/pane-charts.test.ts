/**
 * The native charts the pane adds on `Tổng hợp` (src/excel/charts.ts), against office-addin-mock objects:
 * which charts.add calls are made on which ranges, the group names under the bars, the rates' axis, where the
 * charts sit, that a re-run replaces our charts (and leaves the user's alone), and what happens on an Excel that
 * supports only ExcelApi 1.1.
 */
/// <reference types="office-js" />
import { OfficeMockObject } from 'office-addin-mock';
import { CHART_NAMES, addSummaryCharts } from '../../src/excel/charts';

// office-addin-mock needs only the OfficeApp enum of office-addin-manifest, whose ESM dependencies jest cannot load
jest.mock('office-addin-manifest', () => ({ OfficeApp: { Excel: 'excel', Outlook: 'outlook' } }));

const HEADERS = [
  'Nhóm',
  'Phải báo cáo',
  'Đúng hạn',
  'Nộp muộn',
  'Chưa nộp',
  'Không hợp lệ',
  'Tỉ lệ đã nộp',
  'Tỉ lệ đúng hạn',
];
const TABLE = [
  HEADERS,
  ['Sở, ban, ngành', 20, 15, 3, 2, 0, 0.9, 0.75],
  ['Thị xã Ngã Năm', 1, 0, 1, 0, 0, 1, 0],
  ['Tổ chức', 7, 3, 1, 2, 1, 0.571, 0.429],
  ['Toàn bộ', 28, 18, 5, 4, 1, 0.821, 0.643],
];

interface ChartRecord {
  add: [string, string, string];
  chart: Record<string, unknown> & {
    title: { text: string };
    legend: { position: string };
    axes: { valueAxis: Record<string, unknown>; categoryAxis: Record<string, unknown> };
  };
  xValues: [number, string][];
  extraSeries: string[];
  position: [string, string] | null;
}

function fakeExcel(values: unknown[][], options: { apiVersion: number; existing?: string[]; at?: [number, number] }) {
  (globalThis as Record<string, unknown>).Office = {
    context: {
      requirements: {
        isSetSupported: (set: string, v: string) => set === 'ExcelApi' && Number(v) <= options.apiVersion,
      },
    },
  };
  const created: OfficeMockObject[] = [];
  const charts: ChartRecord[] = [];
  const deleted: string[] = [];
  const [rowIndex, columnIndex] = options.at ?? [6, 0];
  const range = (address: string) => ({ address });
  const addChart = (type: string, source: { address: string }, by: string) => {
    const rec: ChartRecord = {
      add: [type, source.address, by],
      chart: undefined as never,
      xValues: [],
      extraSeries: [],
      position: null,
    };
    const chart = new OfficeMockObject({
      name: '',
      title: { text: '' },
      legend: { position: '' },
      axes: { valueAxis: {}, categoryAxis: {} },
      series: {
        getItemAt: (i: number) => ({ setXAxisValues: (r: { address: string }) => rec.xValues.push([i, r.address]) }),
        add: () => ({ setValues: (r: { address: string }) => rec.extraSeries.push(r.address) }),
      },
      setPosition: (a: string, b: string) => (rec.position = [a, b]),
    });
    created.push(chart);
    rec.chart = chart as unknown as ChartRecord['chart'];
    charts.push(rec);
    return chart;
  };
  const table = new OfficeMockObject({ values, rowIndex, columnIndex, columnCount: values[0].length });
  const ws = new OfficeMockObject({
    getRange: (address: string) => (address === 'A7:H11' || address === 'C3:J7' ? table : range(address)),
    charts: {
      items: (options.existing ?? []).map((name) => ({ name, delete: () => deleted.push(name) })),
      add: addChart,
    },
  });
  created.push(table, ws);
  const context = {
    workbook: { worksheets: { getItem: (name: string) => (name === 'Tổng hợp' ? ws : null) } },
    sync: async () => {
      for (const o of created) await o.sync();
    },
  } as unknown as Excel.RequestContext;
  return { context, charts, deleted };
}

test('stacked bars of the four statuses and bars of the two rates, per group, beside the table', async () => {
  const x = fakeExcel(TABLE, { apiVersion: 1.8 });
  const result = await addSummaryCharts(x.context, 'Tổng hợp', 'A7:H11');
  expect(result).toEqual({ added: [CHART_NAMES.statuses, CHART_NAMES.rates], skipped: [] });
  const [statuses, rates] = x.charts;
  // the groups only: the total row "Toàn bộ" (row 11) is not a bar
  expect(statuses.add).toEqual(['BarStacked', 'C7:F10', 'Columns']);
  expect(rates.add).toEqual(['BarClustered', 'G7:H10', 'Columns']);
  expect(statuses.xValues).toEqual([0, 1, 2, 3].map((i) => [i, 'A8:A10']));
  expect(rates.xValues).toEqual([
    [0, 'A8:A10'],
    [1, 'A8:A10'],
  ]);
  expect([statuses.chart.name, statuses.chart.title.text]).toEqual([
    'TongHop_TinhTrang',
    'Tình hình báo cáo theo nhóm',
  ]);
  expect([rates.chart.name, rates.chart.title.text]).toEqual([
    'TongHop_TiLe',
    'Tỉ lệ đã nộp và tỉ lệ đúng hạn theo nhóm',
  ]);
  expect(rates.chart.axes.valueAxis).toMatchObject({ maximum: 1, numberFormat: '0%' });
  expect(statuses.chart.axes.categoryAxis).toMatchObject({ reversePlotOrder: true });
  expect(statuses.chart.axes.valueAxis.maximum).toBeUndefined();
  expect([statuses.position, rates.position]).toEqual([
    ['J7', 'Q24'],
    ['J26', 'Q43'],
  ]);
  // the theme's colours: no fill, line or font colour is set on a chart
  expect(JSON.stringify(x.charts.map((c) => c.chart))).not.toMatch(/color|fill/i);
});

test('a re-written sheet gets our charts replaced; a chart of the user stays', async () => {
  const x = fakeExcel(TABLE, { apiVersion: 1.8, existing: ['TongHop_TinhTrang', 'Biểu đồ của tôi', 'TongHop_TiLe'] });
  await addSummaryCharts(x.context, 'Tổng hợp', 'A7:H11');
  expect(x.deleted).toEqual(['TongHop_TinhTrang', 'TongHop_TiLe']);
  expect(x.charts).toHaveLength(2);
});

test('ExcelApi 1.1 only: the same charts, without the calls of later sets', async () => {
  const x = fakeExcel(TABLE, { apiVersion: 1.1, at: [2, 2] });
  const result = await addSummaryCharts(x.context, 'Tổng hợp', 'C3:J7');
  expect(result.added).toHaveLength(2);
  expect(x.charts.map((c) => c.add)).toEqual([
    ['BarStacked', 'E3:H6', 'Columns'],
    ['BarClustered', 'I3:J6', 'Columns'],
  ]);
  expect(x.charts.flatMap((c) => c.xValues)).toEqual([]);
  expect(x.charts[1].chart.axes.valueAxis).toEqual(expect.objectContaining({ maximum: 1 }));
  expect(x.charts[1].chart.axes.valueAxis.numberFormat).toBeUndefined();
  expect(x.charts[0].chart.axes.categoryAxis.reversePlotOrder).toBeUndefined();
  expect(x.charts[0].position).toEqual(['L3', 'S20']);
});

test('rates not side by side: added series on 1.7, skipped with a reason on 1.1; a table without groups adds nothing', async () => {
  // "Tỉ lệ đã nộp" in G, "Tỉ lệ đúng hạn" moved to C (before the counts): not side by side
  const shuffled = TABLE.map((r) => [r[0], r[7], r[1], r[2], r[3], r[4], r[5], r[6]]);
  const v17 = fakeExcel(shuffled, { apiVersion: 1.7 });
  await addSummaryCharts(v17.context, 'Tổng hợp', 'A7:H11');
  expect(v17.charts[1].add).toEqual(['BarClustered', 'H7:H10', 'Columns']);
  expect(v17.charts[1].extraSeries).toEqual(['B8:B10']);

  const v11 = fakeExcel(shuffled, { apiVersion: 1.1 });
  const r = await addSummaryCharts(v11.context, 'Tổng hợp', 'A7:H11');
  expect(r.added).toEqual([CHART_NAMES.statuses]);
  expect(r.skipped).toEqual([
    { chart: CHART_NAMES.rates, reason: 'các cột không liền nhau và Excel này chưa hỗ trợ ExcelApi 1.7' },
  ]);

  const empty = fakeExcel([HEADERS, TABLE[4]], { apiVersion: 1.8 });
  const e = await addSummaryCharts(empty.context, 'Tổng hợp', 'A7:H11');
  expect(e.added).toEqual([]);
  expect(empty.charts).toEqual([]);
});
