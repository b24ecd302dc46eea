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
  /** Only with `consolidate --since`: what changed since an earlier summary (history/since.ts). */
  since: 'Thay đổi từ lần trước',
} as const;

/** The sheets every summary has, in order (`since` comes after them when asked for). */
export const SUMMARY_SHEET_NAMES: readonly string[] = Object.keys(SUMMARY_SHEETS)
  .filter((k) => k !== 'since')
  .map((k) => SUMMARY_SHEETS[k as keyof typeof SUMMARY_SHEETS]);
