/**
 * The labels a report template carries (its contract with the reader): sheet names, the header block's and the
 * table's labels. Apart from template.ts so that reading a submission does not load the workbook writer
 * (a reading thread's start-up).
 */
import { type Indicator } from '../basics/model';

export const REPORT_SHEET = 'Báo cáo';
export const META_SHEET = '_tonghop';
export const META_MARKER = 'tonghop-template';

/** Header block labels (the contract of the template). */
export const HEADER_FIELDS = {
  agencyName: 'Cơ quan báo cáo',
  agencyCode: 'Mã đơn vị',
  plan: 'Kế hoạch',
  period: 'Kỳ báo cáo',
  reportDate: 'Ngày báo cáo',
  preparedBy: 'Người lập',
  phone: 'Điện thoại',
} as const;

/** Table column labels (the contract of the template). */
export const TABLE_LABELS = {
  index: 'STT',
  taskCode: 'Mã nhiệm vụ',
  taskTitle: 'Nhiệm vụ',
  status: 'Tình trạng',
  result: 'Kết quả thực hiện',
  note: 'Ghi chú',
} as const;

export function indicatorHeader(ind: Indicator): string {
  return ind.unit ? `${ind.name} (${ind.unit})` : ind.name;
}
