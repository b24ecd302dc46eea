/** The history workbook (lich-su.xlsx) and its JSON: one definition per table, with `column()`. */
import { formatDateVi, withDatesVi } from '../basics/dates';
import { AGENCY_KIND_LABELS, AGENCY_STATUS_LABELS } from '../basics/model';
import { type Column, type OutChart, type OutSheet, type OutValue, column, tableOf } from '../basics/sheets';
import { COUNT_LABELS } from '../basics/counts';
import { writeOutSheets } from '../basics/xlsx-write';
import { repeatableZip } from '../basics/zip-repeatable';
import { countColumn } from '../consolidate/summary-tables';
import { type AgencyHistory, type AgencyPeriod, type GroupPeriod, type History, TREND_LABELS } from './history';

export const HISTORY_SHEETS = {
  agencies: 'Theo đơn vị',
  groups: 'Theo nhóm',
  districts: 'Theo huyện, khu vực',
  periods: 'Các kỳ',
} as const;

const d = (iso: string | null): OutValue => (iso ? { date: iso } : null);

/** "Đúng hạn", "Nộp muộn 3 ngày", "Chưa nộp", "Không hợp lệ". */
export function periodText(p: AgencyPeriod): string {
  return p.status === 'late' && p.daysLate ? `Nộp muộn ${p.daysLate} ngày` : AGENCY_STATUS_LABELS[p.status];
}

function agencyColumns(periodLabels: string[]): Column<AgencyHistory>[] {
  const c = column<AgencyHistory>;
  return [
    c('Kế hoạch', 'text', 16, (a) => a.plan),
    c('Mã', 'text', 12, (a) => a.code),
    c('Tên đơn vị', 'text', 36, (a) => a.name),
    c('Nhóm', 'text', 22, (a) => a.group),
    ...periodLabels.map((p) =>
      c(`Kỳ ${p}`, 'text', 16, (a) => {
        const x = a.periods.find((q) => q.period === p);
        return x ? periodText(x) : null;
      }),
    ),
    c('Số kỳ phải báo cáo', 'integer', 10, (a) => a.required),
    c('Đã nộp', 'integer', 9, (a) => a.submitted, { dataBar: true }),
    countColumn('onTime', 9),
    c('Tổng số ngày muộn', 'integer', 10, (a) => a.daysLate, { dataBar: true }),
    countColumn('completeness', 11),
    countColumn('onTimeRate', 11),
    c('Xu hướng', 'text', 14, (a) => TREND_LABELS[a.trend]),
    c('Muộn hoặc chưa nộp 2/3 kỳ gần nhất', 'text', 14, (a) => (a.flagged ? 'Có' : null)),
  ];
}

const GROUP_COLUMNS: Column<GroupPeriod>[] = [
  column('Kế hoạch', 'text', 16, (g) => g.plan),
  column('Nhóm', 'text', 30, (g) => g.name),
  column('Loại', 'text', 14, (g) => AGENCY_KIND_LABELS[g.kind]),
  column('Kỳ', 'text', 10, (g) => g.period),
  column('Số liệu đến ngày', 'date', 12, (g) => d(g.asOf)),
  countColumn('required', 10, false),
  column('Đã nộp', 'integer', 9, (g) => g.submitted),
  countColumn('onTime', 9),
  countColumn('late', 9),
  countColumn('missing', 9),
  countColumn('rejected', 10, false),
  column('Tổng số ngày muộn', 'integer', 10, (g) => g.daysLate),
  countColumn('completeness', 11),
  countColumn('onTimeRate', 11),
  column('Xu hướng', 'text', 14, (g) => TREND_LABELS[g.trend]),
];

/**
 * One group's periods together: the groups in the order they first appear (per plan: departments, districts or
 * areas, organisations), each with its periods in order.
 */
export function groupsTogether(groups: readonly GroupPeriod[]): GroupPeriod[] {
  const key = (g: GroupPeriod) => `${g.plan}\u0000${g.name}`;
  const first = new Map<string, number>();
  groups.forEach((g, i) => first.has(key(g)) || first.set(key(g), i));
  return groups
    .map((g, i) => ({ g, i }))
    .sort((a, b) => first.get(key(a.g))! - first.get(key(b.g))! || a.i - b.i)
    .map((x) => x.g);
}

/** The trend of each group: its on-time rate period by period, one line per group (its rows are consecutive). */
function trendChart(rows: readonly GroupPeriod[], plans: number): OutChart {
  const rowSeries: NonNullable<OutChart['rowSeries']> = [];
  rows.forEach((g, i) => {
    const name = plans > 1 ? `${g.name} (${g.plan})` : g.name;
    const last = rowSeries.at(-1);
    if (last && last.name === name && last.first + last.count === i) last.count++;
    else rowSeries.push({ name, first: i, count: 1 });
  });
  return {
    title: 'Tỉ lệ đúng hạn qua các kỳ, theo nhóm',
    kind: 'line',
    series: [GROUP_COLUMNS.findIndex((c) => c.header === COUNT_LABELS.onTimeRate)],
    category: GROUP_COLUMNS.findIndex((c) => c.header === 'Kỳ'),
    rowSeries,
    percent: true,
    colours: TREND_COLOURS,
    columns: [0, 8],
    rows: 20,
  };
}

/** Line colours, one per group, repeated past twelve. */
const TREND_COLOURS = [
  '4472C4',
  'ED7D31',
  'A5A5A5',
  'FFC000',
  '5B9BD5',
  '70AD47',
  '264478',
  '9E480E',
  '636363',
  '997300',
  'C00000',
  '7030A0',
];

interface FileRow {
  file: string;
  plan: string;
  period: string;
  deadline: string | null;
  asOf: string | null;
  used: boolean;
  reason: string | null;
}

const FILE_COLUMNS: Column<FileRow>[] = [
  column('Tệp', 'text', 36, (f) => f.file),
  column('Kế hoạch', 'text', 16, (f) => f.plan),
  column('Kỳ', 'text', 10, (f) => f.period),
  column('Hạn báo cáo', 'date', 12, (f) => d(f.deadline)),
  column('Số liệu đến ngày', 'date', 12, (f) => d(f.asOf)),
  column('Dùng', 'text', 8, (f) => (f.used ? 'Có' : 'Không')),
  column('Lý do', 'text', 60, (f) => f.reason),
];

function fileRows(h: History): FileRow[] {
  return [
    ...h.periods.map((p) => ({ ...p, used: true, reason: null })),
    ...h.skipped.map((s) => ({
      file: s.file,
      plan: '',
      period: '',
      deadline: null,
      asOf: null,
      used: false,
      reason: withDatesVi(s.reason),
    })),
  ];
}

export function historySheets(h: History): OutSheet[] {
  const labels = [...new Set(h.periods.map((p) => p.period))].sort();
  const plans = [...new Set(h.periods.map((p) => `${p.plan}${p.planTitle ? `: ${p.planTitle}` : ''}`))];
  const span = h.periods.length
    ? `Các kỳ: ${labels.join(', ')} — số liệu đến ngày ${formatDateVi(
        h.periods
          .map((p) => p.asOf)
          .sort()
          .at(-1)!,
      )}`
    : 'Chưa có kỳ nào';
  const title = (heading: string): OutValue[][] => [[heading], ...plans.map((p) => [`Kế hoạch số ${p}`]), [span]];
  const groups = groupsTogether(h.groups);
  return [
    {
      name: HISTORY_SHEETS.agencies,
      preamble: title('TÌNH HÌNH BÁO CÁO QUA CÁC KỲ, THEO ĐƠN VỊ'),
      table: tableOf('LichSuDonVi', agencyColumns(labels), h.agencies, (a) => (a.flagged ? 'late' : null)),
    },
    {
      name: HISTORY_SHEETS.groups,
      preamble: title('TÌNH HÌNH BÁO CÁO QUA CÁC KỲ, THEO NHÓM'),
      table: tableOf('LichSuNhom', GROUP_COLUMNS, groups),
      charts: groups.length > 0 ? [trendChart(groups, plans.length)] : [],
    },
    {
      name: HISTORY_SHEETS.districts,
      preamble: title('TÌNH HÌNH BÁO CÁO QUA CÁC KỲ, THEO HUYỆN, KHU VỰC'),
      table: tableOf(
        'LichSuHuyen',
        GROUP_COLUMNS,
        groups.filter((g) => g.kind === 'locality'),
      ),
    },
    {
      name: HISTORY_SHEETS.periods,
      preamble: [['CÁC SỔ TỔNG HỢP ĐÃ ĐỌC']],
      table: tableOf('CacKy', FILE_COLUMNS, fileRows(h), (f) => (f.used ? null : 'warning')),
    },
  ];
}

export async function writeHistoryWorkbook(h: History): Promise<Uint8Array> {
  const latest = h.periods.reduce((d, p) => (p.asOf > d ? p.asOf : d), '1980-01-01');
  return repeatableZip(await writeOutSheets(historySheets(h), { title: 'Tình hình báo cáo qua các kỳ' }), latest);
}

/** The JSON of `tonghop history --json`: stable key order, dates as YYYY-MM-DD. */
export function historyJson(h: History) {
  return {
    periods: h.periods,
    skipped: h.skipped,
    agencies: h.agencies.map((a) => ({
      plan: a.plan,
      code: a.code,
      name: a.name,
      kind: a.kind,
      group: a.group,
      periods: a.periods,
      required: a.required,
      submitted: a.submitted,
      onTime: a.onTime,
      daysLate: a.daysLate,
      completeness: a.completeness,
      onTimeRate: a.onTimeRate,
      trend: a.trend,
      flagged: a.flagged,
    })),
    groups: h.groups,
  };
}
