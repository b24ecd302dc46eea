/**
 * The reason of a finding in plain Vietnamese, from its stable code: what a clerk reads in `Lỗi dữ liệu`, the
 * report and the reminders, while the code stays in its own column and in the JSON. One table for every writer.
 */

/** Code → a short reason a clerk understands. Codes not listed fall back on their family (see plainReason). */
export const FINDING_LABELS: Readonly<Record<string, string>> = {
  'file.not_workbook': 'Tệp không phải là bảng tính Excel',
  'file.not_xlsx': 'Tệp không phải là bảng tính Excel',
  'file.bad_zip': 'Tệp Excel bị hỏng hoặc chưa tải về đủ',
  'file.unreadable': 'Không đọc được tệp',
  'file.encrypted': 'Tệp có đặt mật khẩu, không mở được',
  'file.empty': 'Tệp rỗng',
  'file.empty_workbook': 'Bảng tính không có dữ liệu',
  'file.no_sheets': 'Bảng tính không có trang nào',
  'file.xls': 'Tệp Excel đời cũ (.xls) cần lưu lại thành .xlsx',
  'file.xlsb': 'Tệp Excel nhị phân (.xlsb) cần lưu lại thành .xlsx',
  'file.ods': 'Tệp OpenDocument (.ods) cần lưu lại thành .xlsx',
  'file.xlsx_moved': 'Tệp .xlsx có cấu trúc lạ cần lưu lại thành .xlsx',
  'file.repaired': 'Tệp bị lỗi nhẹ, đã đọc được',
  'file.converted': 'Tệp đã được chuyển sang .xlsx để đọc',
  'file.other_plan': 'Tệp của kế hoạch khác',
  'file.other_period': 'Báo cáo của kỳ khác',
  'agency.unknown': 'Không nhận ra đơn vị gửi',
  'agency.not_in_plan': 'Đơn vị không có trong kế hoạch',
  'agency.conflict': 'Tên và mã đơn vị không khớp nhau',
  'agency.code_mismatch': 'Mã đơn vị không khớp',
  'agency.template_reused': 'Dùng lại mẫu của đơn vị khác',
  'task.unknown': 'Nhiệm vụ không có trong kế hoạch',
  'task.not_assigned': 'Nhiệm vụ không giao cho đơn vị này',
  'task.missing': 'Thiếu nhiệm vụ',
  'task.duplicate': 'Nhiệm vụ ghi hai lần',
  'task.code_empty': 'Dòng không có mã nhiệm vụ',
  'task.matched_by_title': 'Nhận ra nhiệm vụ theo tên',
  'status.empty': 'Chưa ghi tình trạng thực hiện',
  'status.invalid': 'Tình trạng thực hiện không hợp lệ',
  'status.several': 'Ghi nhiều tình trạng cùng lúc',
  'indicator.not_number': 'Chỉ tiêu không phải là số',
  'indicator.unknown': 'Chỉ tiêu không có trong kế hoạch',
  'indicator.wrong_task': 'Chỉ tiêu ghi sai nhiệm vụ',
  'indicator.unit': 'Đơn vị tính khác kế hoạch',
  'indicator.column_missing': 'Thiếu cột chỉ tiêu',
  'indicator.aggregate_differs': 'Cách cộng chỉ tiêu khác kế hoạch',
  'report_date.empty': 'Chưa ghi ngày báo cáo',
  'report_date.invalid': 'Ngày báo cáo không hợp lệ',
  'sheet.renamed': 'Trang báo cáo bị đổi tên',
  'sheet.not_read': 'Có trang không được đọc',
  'row.total_skipped': 'Bỏ qua dòng tổng cộng',
  'cell.unknown_column': 'Cột lạ, không đọc',
  'plan.not_stated': 'Tệp không ghi số kế hoạch',
  'table.not_found': 'Tệp không có bảng báo cáo theo mẫu',
  'limit.file_size': 'Tệp quá lớn so với một báo cáo',
  'report.data_invalid': 'Sổ báo cáo tổng hợp bị sửa hoặc hỏng, không đọc được số liệu',
  'file.numbers': 'Tệp Apple Numbers cần xuất ra .xlsx',
  'intake.no_table': 'Sổ tiếp nhận không có bảng',
  'intake.unreadable': 'Không đọc được sổ tiếp nhận',
  'intake.date_invalid': 'Ngày nhận trong sổ tiếp nhận không hợp lệ',
  'email.no_workbook': 'Thư không kèm bảng tính báo cáo',
  'email.not_email': 'Tệp không phải thư điện tử',
  'email.not_msg': 'Tệp không phải thư Outlook',
  'email.bad_mime': 'Thư điện tử bị hỏng',
  'email.bad_base64': 'Tệp đính kèm của thư bị hỏng',
  'email.truncated': 'Thư điện tử bị cắt cụt, chưa tải về đủ',
  'email.bad_msg': 'Thư Outlook bị hỏng',
  'email.sender_mismatch': 'Thư gửi từ địa chỉ khác với kế hoạch',
  'email.no_date': 'Thư không ghi ngày gửi',
  'limit.email_size': 'Thư quá lớn',
  'limit.attachments': 'Thư có quá nhiều tệp đính kèm',
  'limit.email_parts': 'Thư có cấu trúc bất thường',
  'limit.mime_depth': 'Thư có cấu trúc bất thường',
  'limit.email_nesting': 'Thư lồng nhau quá nhiều tầng',
};

const FAMILY_LABELS: Readonly<Record<string, string>> = {
  file: 'Tệp không đọc được',
  agency: 'Không rõ đơn vị gửi',
  task: 'Lỗi ở dòng nhiệm vụ',
  status: 'Lỗi ở tình trạng thực hiện',
  indicator: 'Lỗi ở chỉ tiêu',
  plan: 'Lỗi ở sổ kế hoạch',
  intake: 'Lỗi ở sổ tiếp nhận',
  email: 'Thư điện tử không đọc được',
};

/** The detail worth repeating after the reason (the other plan's number, the other period). */
function detailOf(code: string, message: string): string | null {
  if (code === 'file.other_plan') return /"([^"]+)"/.exec(message)?.[1] ?? null;
  if (code === 'file.other_period') return /kỳ (\S+?),/.exec(message)?.[1] ?? null;
  return null;
}

/** "Tệp không phải là bảng tính Excel", "Tệp của kế hoạch khác: 12/KH-UBND" … never a technical code. */
export function plainReason(code: string, message = ''): string {
  const label = FINDING_LABELS[code] ?? FAMILY_LABELS[code.split('.')[0]] ?? 'Dữ liệu cần xem lại';
  const detail = detailOf(code, message);
  return detail ? `${label}: ${detail}` : label;
}
