/**
 * The plan workbook's contract (README "Sổ kế hoạch"): sheet names, the label rows of `Kế hoạch`, the columns of
 * `Nhiệm vụ`, `Chỉ tiêu` and `Đơn vị` (the first label of each is the one written), and the readers of one cell.
 * Shared by the plan reader, the plan writer and the plan extractor.
 */
import { type CellValue, cellText } from '../basics/grid';
import { type ColumnSpec } from '../basics/labels';
import { type AgencyKind, type Aggregate, AGGREGATE_LABELS } from '../basics/model';
import { cleanText, foldKey, normaliseCode } from '../basics/text';

export const PLAN_SHEETS = {
  plan: 'Kế hoạch',
  tasks: 'Nhiệm vụ',
  indicators: 'Chỉ tiêu',
  agencies: 'Đơn vị',
} as const;

/** Label/value rows of the `Kế hoạch` sheet, with the labels accepted for each. The first label is the one written. */
export const PLAN_FIELDS = {
  number: ['Số hiệu', 'Số hiệu kế hoạch', 'Số kế hoạch', 'Số văn bản', 'Số'],
  title: ['Tên kế hoạch', 'Trích yếu', 'Tên văn bản'],
  issuer: ['Cơ quan ban hành'],
  issuedOn: ['Ngày ban hành'],
  consolidator: ['Cơ quan tổng hợp', 'Đơn vị tổng hợp'],
  deadline: ['Hạn báo cáo', 'Thời hạn báo cáo'],
  period: ['Kỳ báo cáo'],
  upwardDeadline: ['Hạn báo cáo cấp trên', 'Hạn báo cáo lên cấp trên'],
  recipients: ['Nơi nhận tổng hợp', 'Nơi nhận báo cáo tổng hợp'],
  superiorBody: ['Cơ quan cấp trên', 'Cơ quan chủ quản'],
  reportNumber: ['Số báo cáo'],
  place: ['Địa danh'],
  signerTitle: ['Chức vụ người ký', 'Chức danh người ký'],
  signerName: ['Người ký', 'Họ tên người ký'],
} as const;
export type PlanField = keyof typeof PLAN_FIELDS;

export const TASK_COLUMNS = [
  { key: 'code', labels: ['Mã', 'Mã nhiệm vụ', 'Số TT', 'STT'], required: true },
  { key: 'title', labels: ['Nhiệm vụ', 'Tên nhiệm vụ', 'Nội dung', 'Nội dung nhiệm vụ'], required: true },
  { key: 'section', labels: ['Mục', 'Phần', 'Nhóm nhiệm vụ'] },
  { key: 'lead', labels: ['Cơ quan chủ trì', 'Chủ trì', 'Đơn vị chủ trì'] },
] as const satisfies readonly ColumnSpec<string>[];

export const INDICATOR_COLUMNS = [
  { key: 'code', labels: ['Mã chỉ tiêu', 'Mã'], required: true },
  { key: 'name', labels: ['Tên chỉ tiêu', 'Chỉ tiêu'], required: true },
  { key: 'unit', labels: ['Đơn vị tính', 'ĐVT'] },
  { key: 'taskCode', labels: ['Mã nhiệm vụ', 'Nhiệm vụ'], required: true },
  { key: 'aggregate', labels: ['Cách tổng hợp', 'Phép tổng hợp'] },
] as const satisfies readonly ColumnSpec<string>[];

export const AGENCY_COLUMNS = [
  { key: 'code', labels: ['Mã', 'Mã đơn vị'], required: true },
  { key: 'name', labels: ['Tên đơn vị', 'Đơn vị', 'Tên cơ quan', 'Cơ quan, đơn vị'], required: true },
  { key: 'kind', labels: ['Loại', 'Loại đơn vị', 'Khối'], required: true },
  { key: 'area', labels: ['Huyện/Khu vực', 'Huyện', 'Khu vực', 'Địa bàn', 'Huyện/Xã'] },
  { key: 'tasks', labels: ['Nhiệm vụ phải báo cáo', 'Nhiệm vụ báo cáo'] },
  { key: 'email', labels: ['Email', 'Thư điện tử', 'E-mail'] },
] as const satisfies readonly ColumnSpec<string>[];

const KIND_WORDS: [AgencyKind, string[]][] = [
  ['department', ['so ban nganh', 'so', 'ban', 'nganh', 'so nganh', 'co quan', 'department']],
  ['locality', ['dia phuong', 'ubnd', 'huyen', 'xa', 'phuong', 'locality']],
  ['organisation', ['to chuc', 'doan the', 'hoi', 'to chuc chinh tri xa hoi', 'organisation', 'organization']],
];

export function parseAgencyKind(text: string): AgencyKind | null {
  const k = foldKey(text);
  for (const [kind, words] of KIND_WORDS) if (words.includes(k)) return kind;
  return null;
}

export function parseAggregate(text: string): Aggregate | null {
  const k = foldKey(text);
  if (k === '') return 'sum';
  for (const [agg, label] of Object.entries(AGGREGATE_LABELS) as [Aggregate, string][]) {
    if (foldKey(label) === k || agg === k) return agg;
  }
  if (['cong', 'tong cong', 'sum', 'cong don'].includes(k)) return 'sum';
  if (['max', 'cao nhat'].includes(k)) return 'max';
  if (['min', 'thap nhat'].includes(k)) return 'min';
  if (['binh quan', 'average', 'tb'].includes(k)) return 'avg';
  return null;
}

/** Task codes in a cell: "1, 2; 3", "1.1 2.3", "II.3". */
export function parseCodeList(text: string): string[] {
  return cleanText(text)
    .split(/[,;\n]+|\s+/)
    .map((s) => normaliseCode(s))
    .filter((s) => s !== '');
}

export function codeText(v: CellValue): string {
  return normaliseCode(cellText(v));
}
