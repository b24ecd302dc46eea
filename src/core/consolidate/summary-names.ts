/** The summary sheets' names (a contract: README), in the order they are written. No import: the pane loads it early. */
export const SUMMARY_SHEETS = {
  overview: 'Tổng hợp',
  byTask: 'Theo nhiệm vụ',
  byAgency: 'Theo đơn vị',
  byArea: 'Theo huyện, khu vực',
  lateMissing: 'Chưa nộp, nộp muộn',
  findings: 'Lỗi dữ liệu',
  details: 'Chi tiết',
  intake: 'Sổ tiếp nhận',
} as const;

export const SUMMARY_SHEET_NAMES: readonly string[] = Object.keys(SUMMARY_SHEETS).map(
  (k) => SUMMARY_SHEETS[k as keyof typeof SUMMARY_SHEETS],
);
