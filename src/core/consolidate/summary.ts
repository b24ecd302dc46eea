/**
 * The consolidation as output: the summary sheets (one definition for the file and for Excel) and the JSON.
 */
import { COUNT_FIELDS, countsOf } from '../basics/counts';
import { formatDateVi, formatDeadlineRule } from '../basics/dates';
import { type Plan, AGGREGATE_LABELS, TASK_STATUS_LABELS } from '../basics/model';
import { type Column, type OutChart, type OutSheet, type OutValue, column, tableOf } from '../basics/sheets';
import { writeOutSheets } from '../basics/xlsx-write';
import { repeatableZip } from '../basics/zip-repeatable';
import type { AgencyResult, Consolidation, DetailRow, TaskResult } from './types';
import { detailCount, eachDetail } from './consolidate';
import type { DirectSheet, StreamTable } from '../basics/sheet-xml';
import type { RenderedRows, TableRow } from '../basics/sheet-xml-rows';
import { streamTableOf, tableRowsOf } from './summary-rows';
import { summaryDataSheet } from './summary-data';
import {
  STATUS_TONE,
  agencyColumns,
  detailColumns,
  findingColumns,
  groupColumns,
  intakeColumns,
  lateMissingColumns,
  plainReasonOf,
} from './summary-tables';

export { plainReasonOf, sourceLink } from './summary-tables';
export * from './summary-data';
export * from './summary-rows';

import { SUMMARY_SHEETS } from './summary-names';

export { SUMMARY_SHEETS, SUMMARY_SHEET_NAMES } from './summary-names';

function title(c: Consolidation, heading: string): OutValue[][] {
  return [
    [heading],
    [`Kế hoạch số ${c.plan.number}: ${c.plan.title}`],
    [`Kỳ báo cáo: ${c.period} — Hạn báo cáo: ${formatDateVi(c.deadline)} — Số liệu đến ngày: ${formatDateVi(c.asOf)}`],
  ];
}

const pct = (n: number) => `${n.toLocaleString('vi-VN')}%`;

function overviewSheet(c: Consolidation, plan: Plan): OutSheet {
  const o = c.overall;
  const table = tableOf('TongHop', groupColumns('Nhóm'), c.groups);
  // the whole is a total row, outside the sortable data
  table.totals = tableOf('TongHop', groupColumns('Nhóm'), [{ ...o, name: 'Toàn bộ' }]).rows[0];
  return {
    name: SUMMARY_SHEETS.overview,
    preamble: [
      ...title(c, 'TỔNG HỢP TÌNH HÌNH BÁO CÁO'),
      [`Cơ quan tổng hợp: ${plan.consolidator || '…'}; hạn báo cáo: ${formatDeadlineRule(plan.deadline)}`],
      [COUNT_FIELDS.map((f) => `${f.vi}: ${f.kind === 'rate' ? pct(o[f.key]) : o[f.key]}`).join(' — ')],
    ],
    table,
    charts: OVERVIEW_CHARTS,
  };
}

/** The overview at a glance (the columns of groupColumns): who sent on time, late, nothing; both rates. */
const OVERVIEW_CHARTS: OutChart[] = [
  {
    title: 'Tình hình nộp báo cáo theo nhóm',
    kind: 'stacked',
    series: [2, 3, 4, 5],
    colours: ['70AD47', 'ED7D31', 'C00000', 'A5A5A5'],
    columns: [0, 4],
    rows: 16,
  },
  {
    title: 'Tỉ lệ đã nộp và tỉ lệ đúng hạn',
    kind: 'clustered',
    series: [6, 7],
    colours: ['5B9BD5', '70AD47'],
    percent: true,
    columns: [4, 8],
    rows: 16,
  },
];

function byTaskSheet(c: Consolidation, plan: Plan): OutSheet {
  const t = column<TaskResult>;
  const columns = [
    t('Mã', 'text', 8, (x) => x.code),
    t('Nhiệm vụ', 'text', 50, (x) => x.title),
    t('Mục', 'text', 20, (x) => x.section),
    t('Số đơn vị phải báo cáo', 'integer', 12, (x) => x.required),
    t(TASK_STATUS_LABELS.done, 'integer', 12, (x) => x.statusCounts.done),
    t(TASK_STATUS_LABELS.inProgress, 'integer', 12, (x) => x.statusCounts.inProgress),
    t(TASK_STATUS_LABELS.notStarted, 'integer', 12, (x) => x.statusCounts.notStarted),
    t(TASK_STATUS_LABELS.notApplicable, 'integer', 12, (x) => x.statusCounts.notApplicable),
    t('Chưa trả lời', 'integer', 12, (x) => x.statusCounts.noAnswer),
    ...plan.indicators.map((i) =>
      t(`${i.name}${i.unit ? ` (${i.unit})` : ''} — ${AGGREGATE_LABELS[i.aggregate]}`, 'number', 18, (x) =>
        i.taskCode === x.code ? (x.indicators[i.code] ?? null) : null,
      ),
    ),
  ];
  return {
    name: SUMMARY_SHEETS.byTask,
    preamble: title(c, 'KẾT QUẢ THEO NHIỆM VỤ'),
    table: tableOf('TheoNhiemVu', columns, c.tasks),
  };
}

export interface SummaryOptions {
  /**
   * Where the submissions folder is, relative to the summary workbook ('' = beside it, 'submissions' = a folder
   * beside it): rows of `Chi tiết`, `Lỗi dữ liệu` and `Sổ tiếp nhận` then link to the agency's file and cell.
   * Absent: no links (the pane, which has no folder).
   */
  sourceFolder?: string;
}

export function summarySheets(c: Consolidation, plan: Plan, opts: SummaryOptions = {}): OutSheet[] {
  return sheetsOf(c, plan, opts, (columns) => tableOf('ChiTiet', columns, c.details)) as OutSheet[];
}

/** What the direct writer is given for `Chi tiết` instead of the consolidation's own rows (rows made before). */
export type DetailBody = () => AsyncIterable<TableRow | RenderedRows> | Iterable<TableRow | RenderedRows>;

/**
 * The same sheets for the writer that streams (sheet-xml.ts): `Chi tiết` given row by row, made one at a time
 * from the consolidation (eachDetail), or from `details` when given (rows made as the files arrived), never held.
 */
export function summarySheetsDirect(
  c: Consolidation,
  plan: Plan,
  opts: SummaryOptions = {},
  details?: DetailBody,
): DirectSheet[] {
  const count = detailCount(c);
  // every detail row links back to its file when the folder is known (summary-tables.ts, detailColumns)
  const size = { count, links: opts.sourceFolder === undefined ? 0 : count };
  return sheetsOf(c, plan, opts, (columns) =>
    streamTableOf('ChiTiet', columns, size, details ?? (() => tableRowsOf(columns, eachDetail(c)))),
  ) as DirectSheet[];
}

function sheetsOf<T extends OutSheet['table'] | StreamTable>(
  c: Consolidation,
  plan: Plan,
  opts: SummaryOptions,
  detailTable: (columns: Column<DetailRow>[]) => T,
): (OutSheet | (Omit<OutSheet, 'table'> & { table: T }))[] {
  const folder = opts.sourceFolder;
  const plain = plainReasonOf(c.findings);
  const carried = c.agencies.some((a) => a.ownAgencies);
  const behind = c.agencies.filter((a) => a.status !== 'on_time');
  const tone = (a: AgencyResult) => STATUS_TONE[a.status];
  const sheet = <U>(name: keyof typeof SUMMARY_SHEETS, heading: string, table: U) => ({
    name: SUMMARY_SHEETS[name],
    preamble: title(c, heading),
    table,
  });
  return [
    overviewSheet(c, plan),
    byTaskSheet(c, plan),
    sheet(
      'byAgency',
      'TÌNH HÌNH BÁO CÁO THEO ĐƠN VỊ',
      tableOf('TheoDonVi', agencyColumns(carried, plain), c.agencies, tone),
    ),
    sheet(
      'byArea',
      'TÌNH HÌNH BÁO CÁO THEO HUYỆN, KHU VỰC',
      tableOf(
        'TheoHuyenKhuVuc',
        groupColumns('Huyện, khu vực'),
        c.groups.filter((g) => g.kind === 'locality'),
      ),
    ),
    sheet(
      'lateMissing',
      'ĐƠN VỊ CHƯA NỘP, NỘP MUỘN, KHÔNG HỢP LỆ',
      tableOf('ChuaNopNopMuon', lateMissingColumns(plain), behind, tone),
    ),
    sheet(
      'findings',
      'LỖI VÀ CẢNH BÁO KHI ĐỌC BÁO CÁO',
      tableOf('LoiDuLieu', findingColumns(folder), c.findings, (f) => (f.severity === 'error' ? 'error' : 'warning')),
    ),
    sheet('details', 'CHI TIẾT SỐ LIỆU ĐÃ TỔNG HỢP', detailTable(detailColumns(plan.indicators, folder))),
    sheet(
      'intake',
      'SỔ TIẾP NHẬN BÁO CÁO',
      tableOf('SoTiepNhan', intakeColumns(folder, plain), c.intake, (e) =>
        e.verdict === 'rejected' ? 'rejected' : e.verdict === 'accepted' ? null : 'warning',
      ),
    ),
  ];
}

/** The summary workbook: the sheets above and the hidden data sheet that `tonghop history` reads. */
export async function writeSummaryWorkbook(
  c: Consolidation,
  plan: Plan,
  opts: SummaryOptions = {},
): Promise<Uint8Array> {
  const bytes = await writeOutSheets(summarySheets(c, plan, opts), {
    title: `Tổng hợp báo cáo Kế hoạch ${plan.number}`,
    hidden: [summaryDataSheet(c)],
  });
  return repeatableZip(bytes, c.asOf); // the same bytes for the same consolidation
}

/** The JSON output (contract in README): stable key order, dates as YYYY-MM-DD, no run timestamps. */
export function consolidationJson(c: Consolidation) {
  return { ...consolidationJsonHead(c), details: c.details };
}

/** The JSON output up to its last key, `details` (a writer that streams writes those from eachDetail). */
export function consolidationJsonHead(c: Consolidation) {
  return {
    asOf: c.asOf,
    period: c.period,
    deadline: c.deadline,
    plan: { number: c.plan.number, title: c.plan.title, issuer: c.plan.issuer, consolidator: c.plan.consolidator },
    overall: c.overall,
    agencies: c.agencies.map((a) => ({
      code: a.code,
      name: a.name,
      kind: a.kind,
      group: a.group,
      status: a.status,
      daysLate: a.daysLate,
      daysOverdue: a.daysOverdue,
      file: a.file,
      receivedOn: a.receivedOn,
      files: a.files,
      errors: a.errors,
      warnings: a.warnings,
      missingTasks: a.missingTasks,
      email: a.email,
      reason: a.reason,
      // one level up (a province's report): its own agencies' completeness, carried up
      ...(a.ownAgencies ? { ownAgencies: a.ownAgencies } : {}),
    })),
    tasks: c.tasks.map((t) => ({
      code: t.code,
      title: t.title,
      section: t.section,
      required: t.required,
      statusCounts: t.statusCounts,
      indicators: t.indicators,
    })),
    groups: c.groups.map((g) => ({ name: g.name, kind: g.kind, ...countsOf(g) })),
    findings: c.findings.map((f) => ({
      severity: f.severity,
      code: f.code,
      file: f.file,
      sheet: f.sheet,
      cell: f.cell,
      message: f.message,
      ...(f.detail ? { detail: f.detail } : {}),
    })),
    intake: c.intake,
  };
}
export type ConsolidationJson = ReturnType<typeof consolidationJson>;
