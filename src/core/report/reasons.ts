/**
 * Why an agency's report could not be used, in words a reader at the ministry understands (issue 14): the
 * consolidation keeps the technical reason ("nội dung không phải tệp nén Office Open XML") and the finding's code;
 * texts for people give the plain reason.
 *
 * TODO(issue 14, merge): core gains a code → plain-reason table (the `glance` branch); until it lands this small
 * local mapping by finding code stands in for it, and should then be replaced by that table.
 */
import type { AgencyResult, Consolidation } from '../consolidate/consolidate';

const PLAIN: Record<string, string | ((message: string) => string)> = {
  'file.empty': 'Tệp rỗng, không có nội dung',
  'file.empty_workbook': 'Bảng tính không có số liệu (có thể gửi nhầm tệp)',
  'file.no_sheets': 'Bảng tính không có số liệu (có thể gửi nhầm tệp)',
  'file.not_workbook': 'Tệp không phải là bảng tính Excel',
  'file.not_xlsx': 'Tệp không phải là bảng tính Excel',
  'file.xls': 'Tệp Excel đời cũ (.xls), cần lưu lại thành .xlsx',
  'file.xlsb': 'Tệp Excel dạng nhị phân (.xlsb), cần lưu lại thành .xlsx',
  'file.ods': 'Tệp bảng tính OpenDocument (.ods), cần lưu lại thành .xlsx',
  'file.encrypted': 'Tệp có đặt mật khẩu, không mở được',
  'file.bad_zip': 'Tệp bị hỏng hoặc gửi chưa hết',
  'file.unreadable': 'Tệp bị hỏng, không đọc được',
  'limit.file_size': 'Tệp quá lớn so với một báo cáo',
  'file.other_plan': (m) => `Tệp của kế hoạch khác${quoted(m) ? `: ${quoted(m)}` : ''}`,
  'file.other_period': (m) => `Báo cáo của kỳ khác${/kỳ (\S+),/.exec(m)?.[1] ? `: kỳ ${/kỳ (\S+),/.exec(m)![1]}` : ''}`,
  'plan.not_stated': 'Tệp không ghi số kế hoạch (không dùng đúng mẫu)',
  'table.not_found': 'Tệp không có bảng báo cáo theo mẫu',
  'report.data_invalid': 'Sổ báo cáo tổng hợp bị sửa hoặc hỏng, không đọc được số liệu',
  'agency.conflict': 'Không xác định được đơn vị gửi (tệp ghi tên của đơn vị khác)',
};

function quoted(message: string): string | null {
  return /"([^"]+)"/.exec(message)?.[1] ?? null;
}

/** The plain reason of a finding code, or null when the code has none. */
export function plainReasonOfCode(code: string, message = ''): string | null {
  const p = PLAIN[code];
  if (p === undefined) return null;
  return typeof p === 'string' ? p : p(message);
}

/**
 * The reason an agency's report was not used, in plain words: from the error finding of its last file that
 * carries the agency's reason; the technical reason when its code has no plain wording (those texts, such as
 * "Nhận ngày …, sau ngày tổng hợp …", are already plain).
 */
export function plainReason(c: Pick<Consolidation, 'findings'>, a: AgencyResult): string | null {
  if (!a.reason) return null;
  const files = new Set(a.files);
  const f =
    c.findings.find((x) => x.severity === 'error' && x.message === a.reason && files.has(x.file)) ??
    c.findings.find((x) => x.severity === 'error' && x.message === a.reason);
  const plain = f ? plainReasonOfCode(f.code, f.message) : null;
  return plain ?? a.reason.replace(/\.$/, '');
}
