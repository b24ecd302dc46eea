/**
 * The tables of the summary sheets, each column defined once (header, type, width, value) with `column()` from
 * basics/sheets. The sheets around them (titles, order) are in summary.ts.
 */
import { type CountKey, COUNT_FIELDS, COUNT_KEYS, fraction } from '../basics/counts';
import { emailFileOf } from '../intake/email-origin';
import { type IsoDate, withDatesVi } from '../basics/dates';
import { plainReason } from '../basics/finding-labels';
import {
  type AgencyStatus,
  type Finding,
  type Indicator,
  AGENCY_KIND_LABELS,
  AGENCY_STATUS_LABELS,
  INTAKE_VERDICT_LABELS,
  RECOGNISED_BY_LABELS,
  TASK_STATUS_LABELS,
} from '../basics/model';
import { type Column, type OutValue, type Tone, column } from '../basics/sheets';
import type { AgencyResult, DetailRow, GroupCounts, IntakeEntry } from './types';

export const d = (iso: IsoDate | null): OutValue => (iso ? { date: iso } : null);

export const STATUS_TONE: Record<AgencyStatus, Tone> = {
  on_time: 'ok',
  late: 'late',
  missing: 'missing',
  rejected: 'rejected',
};

/** Where a received date came from, as `Sổ tiếp nhận` says it (the user guide names these). */
export const RECEIVED_FROM_LABELS = {
  'intake-log': 'Sổ tiếp nhận',
  'file-date': 'Ngày của tệp',
  entered: 'Nhập tay',
  unknown: 'Không rõ',
  email: 'Ngày gửi thư',
} as const;

/** Where the submissions are, relative to the summary workbook ('' = beside it); absent: no links. */
export type SourceFolder = string | undefined;

/** A path segment as a link target: '%' and '#' would be read as an escape and as the start of the cell. */
function linkPath(folder: string, file: string): string {
  const p = folder ? `${folder.replace(/\/+$/, '')}/${file}` : file;
  return p.replace(/%/g, '%25').replace(/#/g, '%23');
}

/**
 * A relative hyperlink to the agency's file, opened at the sheet and cell when given:
 * `submissions/ST-SYT.xlsx#'Báo cáo'!$D$12` (absolute cell: the address stays the same wherever Excel resolves it).
 */
export function sourceLink(folder: SourceFolder, file: string | null, sheet?: string, cell?: string): string | null {
  if (folder === undefined || !file) return null;
  // a file attached to a saved e-mail: the link opens the e-mail (its attachment is no file of the folder)
  const email = emailFileOf(file);
  if (email) return linkPath(folder, email);
  const target = linkPath(folder, file);
  if (!sheet) return target;
  const m = /^([A-Z]+)(\d+)$/.exec(cell ?? '');
  const address = m ? `$${m[1]}$${m[2]}` : '$A$1';
  return `${target}#'${sheet.replace(/'/g, "''")}'!${address}`;
}

export type GroupRow = GroupCounts & { name: string };

/**
 * The column of one count field (COUNT_FIELDS): its label, a whole number or a percent, a data bar unless told
 * otherwise.
 */
export function countColumn<R extends Pick<GroupCounts, K>, K extends CountKey>(
  key: K,
  width: number,
  dataBar = true,
): Column<R> {
  const f = COUNT_FIELDS.find((x) => x.key === key)!;
  const value = f.kind === 'rate' ? (r: R) => fraction(r[key]) : (r: R) => r[key];
  return column<R>(f.vi, f.kind === 'rate' ? 'percent' : 'integer', width, value, { dataBar });
}

/** The summary's width of each count column. */
const GROUP_WIDTHS: Record<CountKey, number> = {
  required: 12,
  onTime: 11,
  late: 11,
  missing: 11,
  rejected: 12,
  completeness: 12,
  onTimeRate: 12,
};

export function groupColumns(first: string): Column<GroupRow>[] {
  return [
    column<GroupRow>(first, 'text', 34, (g) => g.name),
    ...COUNT_KEYS.map((k) => countColumn<GroupRow, CountKey>(k, GROUP_WIDTHS[k], k !== 'required')),
  ];
}

function ownAgenciesText(a: AgencyResult): OutValue {
  const o = a.ownAgencies;
  if (!o) return null;
  return `${o.required} / ${o.onTime} / ${o.late} / ${o.missing} (${o.completeness.toLocaleString('vi-VN')}%)`;
}

/** A rejected file's reason in plain Vietnamese (from its error finding's code); the technical text stays in
 * `Lỗi dữ liệu` and the JSON. */
export type PlainReasonOf = (file: string | null | undefined) => string | null;

export function plainReasonOf(findings: Finding[]): PlainReasonOf {
  const byFile = new Map<string, string>();
  for (const f of findings)
    if (f.severity === 'error' && !f.sheet && f.file && !byFile.has(f.file))
      byFile.set(f.file, plainReason(f.code, f.message));
  return (file) => (file ? (byFile.get(file) ?? null) : null);
}

/** A reason as people read it: plain words for a rejected file, dates as dd/mm/yyyy. */
const readable = (reason: string | null) => (reason === null ? null : withDatesVi(reason));

const agencyReason = (plain: PlainReasonOf) => (a: AgencyResult) =>
  a.status === 'rejected' ? (plain(a.files.at(-1)) ?? readable(a.reason)) : readable(a.reason);

export function agencyColumns(carried: boolean, plain: PlainReasonOf): Column<AgencyResult>[] {
  const c = column<AgencyResult>;
  return [
    c('Mã', 'text', 12, (a) => a.code),
    c('Tên đơn vị', 'text', 40, (a) => a.name),
    c('Loại', 'text', 16, (a) => AGENCY_KIND_LABELS[a.kind]),
    c('Nhóm', 'text', 22, (a) => a.group),
    c('Tình trạng', 'text', 14, (a) => AGENCY_STATUS_LABELS[a.status]),
    c('Ngày nhận', 'date', 12, (a) => d(a.receivedOn)),
    c('Số ngày muộn', 'integer', 10, (a) => a.daysLate),
    c('Tệp được dùng', 'text', 28, (a) => a.file),
    c('Số lỗi', 'integer', 8, (a) => (a.file ? a.errors : null)),
    c('Số cảnh báo', 'integer', 10, (a) => (a.file ? a.warnings : null)),
    c('Nhiệm vụ chưa báo cáo', 'text', 22, (a) => a.missingTasks.join(', ')),
    c('Lý do', 'text', 40, agencyReason(plain)),
    ...(carried
      ? [c('Đơn vị cấp dưới: phải BC / đúng hạn / muộn / chưa nộp (tỉ lệ)', 'text', 30, ownAgenciesText)]
      : []),
  ];
}

export const lateMissingColumns = (plain: PlainReasonOf): Column<AgencyResult>[] => [
  column('Mã', 'text', 12, (a) => a.code),
  column('Tên đơn vị', 'text', 40, (a) => a.name),
  column('Nhóm', 'text', 22, (a) => a.group),
  column('Tình trạng', 'text', 14, (a) => AGENCY_STATUS_LABELS[a.status]),
  column('Ngày nhận', 'date', 12, (a) => d(a.receivedOn)),
  column('Số ngày muộn / quá hạn', 'integer', 14, (a) => a.daysLate ?? a.daysOverdue),
  column('Email', 'text', 26, (a) => a.email),
  column('Lý do', 'text', 40, agencyReason(plain)),
];

export function findingColumns(folder: SourceFolder): Column<Finding>[] {
  return [
    column('Mức', 'text', 10, (f) => (f.severity === 'error' ? 'Lỗi' : 'Cảnh báo')),
    column('Mã lỗi', 'text', 22, (f) => f.code),
    column('Tệp', 'text', 28, (f) => f.file, {
      link: (f) => sourceLink(folder, f.file, f.sheet || undefined, f.cell || undefined),
    }),
    column('Trang', 'text', 16, (f) => f.sheet),
    column('Ô', 'text', 8, (f) => f.cell),
    column('Nội dung', 'text', 70, (f) => f.message),
    column('Lý do', 'text', 34, (f) => plainReason(f.code, f.message)),
  ];
}

const unitOf = (i: Indicator) => (i.unit ? ` (${i.unit})` : '');

export function detailColumns(indicators: Indicator[], folder: SourceFolder): Column<DetailRow>[] {
  const c = column<DetailRow>;
  return [
    c('Mã đơn vị', 'text', 12, (r) => r.agencyCode),
    c('Tên đơn vị', 'text', 32, (r) => r.agencyName),
    c('Mã nhiệm vụ', 'text', 10, (r) => r.taskCode),
    c('Tình trạng', 'text', 18, (r) => (r.status ? TASK_STATUS_LABELS[r.status] : null)),
    c('Kết quả thực hiện', 'text', 50, (r) => r.result),
    ...indicators.map((i) => c(`${i.name}${unitOf(i)}`, 'number', 16, (r) => r.indicators[i.code] ?? null)),
    c('Ghi chú', 'text', 24, (r) => r.note),
    c('Nguồn', 'text', 36, (r) => `${r.file}!${r.sheet}!${r.cell}`, {
      link: (r) => sourceLink(folder, r.file, r.sheet, r.cell),
    }),
    c(
      'Ô chỉ tiêu',
      'text',
      24,
      (r) =>
        indicators
          .filter((i) => r.indicatorCells[i.code])
          .map((i) => `${i.code}: ${r.indicatorCells[i.code]}`)
          .join('; ') || null,
    ),
  ];
}

export function intakeColumns(folder: SourceFolder, plain: PlainReasonOf): Column<IntakeEntry>[] {
  const c = column<IntakeEntry>;
  return [
    c('Tên tệp', 'text', 30, (e) => e.file, { link: (e) => sourceLink(folder, e.file) }),
    c('Mã đơn vị', 'text', 12, (e) => e.agencyCode),
    c('Tên đơn vị', 'text', 32, (e) => e.agencyName),
    c('Nhận ra theo', 'text', 16, (e) => (e.recognisedBy ? RECOGNISED_BY_LABELS[e.recognisedBy] : null)),
    c('Ngày nhận', 'date', 12, (e) => d(e.receivedOn)),
    c('Nguồn ngày nhận', 'text', 14, (e) => RECEIVED_FROM_LABELS[e.receivedFrom]),
    c('Kết quả', 'text', 20, (e) => INTAKE_VERDICT_LABELS[e.verdict]),
    c('Lý do', 'text', 40, (e) =>
      e.verdict === 'rejected' ? (plain(e.file) ?? readable(e.reason)) : readable(e.reason),
    ),
    c('Số dòng đọc được', 'integer', 10, (e) => e.rows),
    c('Số lỗi, cảnh báo', 'integer', 10, (e) => e.findings),
    c('Dung lượng (byte)', 'integer', 12, (e) => e.size),
    c('SHA-256', 'text', 10, (e) => e.sha256),
  ];
}
