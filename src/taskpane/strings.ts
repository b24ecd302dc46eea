/**
 * Every string the task pane shows, in Vietnamese and in English (used when Office's display language is not
 * Vietnamese). Messages about files come from the engine (src/core) and stay Vietnamese. The count fields' labels
 * (Phải báo cáo … Tỉ lệ đúng hạn) come from their one list, COUNT_FIELDS.
 */
import { type CountKey, COUNT_FIELDS } from '../core/basics/counts';
import { helpEn, helpVi } from './strings-help';
import { ocrEn, ocrVi } from './strings-ocr';
import { storeEn, storeVi } from './strings-store';

type Labels = { vi: string; viShort: string; en: string; enShort: string };
const COUNT = Object.fromEntries(COUNT_FIELDS.map((f): [CountKey, Labels] => [f.key, f])) as {
  [K in CountKey]: Labels;
};
const vi = {
  appTitle: 'Tổng hợp báo cáo',
  modeExcel: 'Trong Excel',
  modeStandalone: 'Chạy độc lập (không có Excel): kết quả được tải về máy',
  engineFailed:
    'Không tải được phần xử lý của ngăn. Hãy bấm lại nút vừa bấm: ngăn tải lại từ đầu; nếu vẫn lỗi, kiểm tra kết nối mạng hoặc đóng ngăn rồi mở lại.',
  waitingForExcel: 'Đang chờ Excel sẵn sàng…',
  cancel: 'Thôi',
  replace: 'Thay',

  step1: '1. Kế hoạch',
  readPlanFromWorkbook: 'Đọc kế hoạch từ sổ đang mở',
  insertSample: 'Chèn kế hoạch mẫu',
  openPlanFile: 'Mở tệp kế hoạch…',
  planFromDocument: 'Tạo kế hoạch từ văn bản…',
  downloadPlan: 'Tải sổ kế hoạch (.xlsx)',
  downloadDraft: 'Tải sổ kế hoạch nháp (.xlsx)',
  noPlan: 'Chưa có kế hoạch. Đọc từ sổ đang mở, chèn kế hoạch mẫu hoặc mở tệp kế hoạch.',
  planNumber: 'Số hiệu',
  planTitle: 'Tên kế hoạch',
  planDeadline: 'Hạn báo cáo',
  planAgencies: 'Đơn vị phải báo cáo',
  planTasks: 'Nhiệm vụ',
  planIndicators: 'Chỉ tiêu',
  planProblems: (n: number) => `Kế hoạch có ${n} lỗi cần sửa:`,
  planWarnings: (n: number) => `${n} cảnh báo:`,
  showCell: 'Chọn ô',
  planInserted: 'Đã chèn kế hoạch mẫu vào sổ.',
  planRead: (n: string) => `Đã đọc kế hoạch số ${n}.`,
  planFromDocumentDone: (n: number) =>
    `Đã tạo kế hoạch từ văn bản (${n} nhiệm vụ). Hãy kiểm tra các dòng được đánh dấu trước khi dùng.`,
  wholeFile: '(cả tệp)',

  step2: '2. Mẫu báo cáo',
  templatesZip: 'Tải mẫu cho mọi đơn vị (.zip)',
  templatesOne: 'Tải từng mẫu',
  templatesMaking: (done: number, total: number) => `Đang tạo mẫu ${done}/${total}…`,

  step3: '3. Nhận báo cáo',
  dropHere: 'Kéo thả các tệp báo cáo vào đây, hoặc',
  pickFiles: 'Chọn tệp…',
  clearFiles: 'Xoá danh sách',
  reading: (done: number, total: number) => `Đang đọc ${done}/${total} tệp`,
  readDone: (n: number) => `Đã đọc ${n} tệp.`,
  receivedOn: 'Ngày nhận',
  noProblems: 'không có lỗi',
  errorsCount: (n: number) => `${n} lỗi`,
  warningsCount: (n: number) => `${n} cảnh báo`,
  unknownAgency: 'Chưa nhận ra đơn vị',
  intakeLogFile: 'Sổ tiếp nhận: ngày nhận được lấy từ sổ',
  needPlanFirst: 'Cần có kế hoạch trước (bước 1).',

  step4: '4. Tổng hợp',
  asOf: 'Số liệu đến ngày',
  period: 'Kỳ báo cáo',
  periodAuto: 'tự động',
  consolidate: 'Tổng hợp',
  writeIntoWorkbook: 'Tổng hợp và ghi vào sổ',
  written: (n: number) => `Đã ghi ${n} trang tổng hợp vào sổ.`,
  keptUserSheets: (renamed: { wanted: string; written: string }[]) => {
    const quote = (list: string[]) => list.map((n) => `“${n}”`).join(', ');
    const one = renamed.length === 1;
    return `Sổ đã có ${one ? 'trang' : 'các trang'} ${quote(renamed.map((r) => r.wanted))} không do tonghop ghi: ${one ? 'trang' : 'các trang'} đó được giữ nguyên; tonghop ghi vào ${quote(renamed.map((r) => r.written))}.`;
  },
  confirmReplaceOwnSheets: (names: string[]) =>
    `Sổ có ${names.length} trang tổng hợp do tonghop ghi lần trước: ${names
      .map((n) => `“${n}”`)
      .join(', ')}. Thay các trang đó bằng kết quả mới? Các trang khác của sổ không bị động tới.`,
  confirmReplacePlan: (n: string | null) =>
    n ? `Đang dùng kế hoạch số ${n}. Thay bằng kế hoạch mới?` : 'Sổ đã có trang kế hoạch. Thay bằng kế hoạch mới?',
  confirmClearFiles: (n: number) => `Xoá ${n} tệp khỏi danh sách? Các tệp trên máy không bị xoá.`,
  removeFile: 'Bỏ',
  confirmRemoveFile: (name: string, kept: boolean) =>
    kept
      ? `Bỏ tệp “${name}” khỏi danh sách? Tệp này nhận từ trước và chỉ còn trong sổ: muốn có lại phải thả lại chính tệp đó.`
      : `Bỏ tệp “${name}” khỏi danh sách? Tệp trên máy không bị xoá.`,
  confirmDropStoredFiles: (n: number, current: string, next: string) =>
    `Danh sách có ${n} tệp nhận từ trước, đã đọc theo kế hoạch số ${current}. Kế hoạch số ${next} là kế hoạch khác: các tệp đó sẽ được bỏ khỏi danh sách (muốn có lại phải thả lại các tệp). Dùng kế hoạch số ${next}?`,
  store: storeVi,
  ocr: ocrVi,
  finishEditing: 'Excel đang sửa một ô: hãy nhấn Enter hoặc Esc để xong ô đó, ngăn sẽ tự làm tiếp.',
  doorErrors: {
    'cell-edit': 'Excel đang sửa một ô nên chưa ghi được. Hãy nhấn Enter hoặc Esc để xong ô đó rồi bấm lại.',
    'too-big': 'Dữ liệu quá lớn cho một lần gửi tới Excel. Sổ chưa bị thay đổi; hãy thử lại.',
    protected: 'Sổ hoặc trang đang được khoá (bảo vệ) nên không ghi được. Sổ chưa bị thay đổi.',
    'write-failed': 'Excel không ghi được kết quả. Sổ vẫn như trước khi bấm; hãy bấm lại.',
    'write-failed-dirty':
      'Excel không ghi được kết quả và chưa dọn xong các trang tạm (tên bắt đầu bằng “tonghop~”). Bấm lại sẽ dọn chúng; các trang của bạn không bị động tới.',
    'read-failed': 'Không đọc được sổ đang mở. Sổ không bị thay đổi; hãy thử lại.',
    'not-found': 'Không thấy trang hoặc ô cần dùng trong sổ (có thể đã bị đổi tên hoặc xoá).',
    office: 'Excel báo lỗi. Sổ không bị thay đổi; hãy thử lại.',
  },
  unexpectedError: 'Có lỗi không mong đợi. Hãy thử lại; nếu vẫn lỗi, hãy dùng công cụ dòng lệnh tonghop.',
  openedInExcel: (name: string) => `Đã mở ${name} thành một sổ mới trong Excel: hãy lưu sổ đó.`,
  cannotDownloadHere: (name: string) =>
    `Excel trên máy này không cho ngăn tải tệp ${name} về. Hãy mở ngăn trong Excel trên web (Office.com) để tải, hoặc dùng công cụ dòng lệnh tonghop.`,
  datePlaceholder: 'dd/mm/yyyy',
  badDate: (t: string) => `“${t}” không phải ngày: hãy gõ theo dạng ngày/tháng/năm, ví dụ 25/06/2024.`,
  consolidated: 'Đã tổng hợp. Tải sổ tổng hợp ở bước 5.',
  overall: 'Toàn bộ',
  group: 'Nhóm',
  required: COUNT.required.viShort,
  onTime: COUNT.onTime.viShort,
  late: COUNT.late.viShort,
  missing: COUNT.missing.viShort,
  rejected: COUNT.rejected.viShort,
  completeness: COUNT.completeness.viShort,
  lateList: (n: number) => `Nộp muộn (${n})`,
  missingList: (n: number) => `Chưa nộp (${n})`,
  rejectedList: (n: number) => `Không hợp lệ (${n})`,
  daysLate: (n: number) => `${n} ngày`,
  findingsSummary: (e: number, w: number) => `Lỗi dữ liệu: ${e}; cảnh báo: ${w}.`,

  step5: '5. Xuất',
  downloadSummary: 'Tải sổ tổng hợp (.xlsx)',
  /** The report's button names the body the plan reports up to (its superior body, else its first recipient). */
  upwardReport: (body: string, format: string) => `Xuất báo cáo gửi ${body || 'cấp trên'} (${format})`,
  reminders: 'Soạn văn bản đôn đốc',
  needConsolidation: 'Cần tổng hợp trước (bước 4).',
  downloaded: (name: string) => `Đã tải ${name}.`,
  stopReading: 'Dừng đọc',
  readingStopped: (n: number) => `Đã dừng đọc: ${n} tệp chưa đọc được bỏ khỏi danh sách.`,
  filterLabel: 'Hiện',
  filterAll: 'mọi tệp',
  filterRejected: 'tệp bị loại',
  filterProblems: 'tệp có lỗi hoặc cảnh báo',
  intakeLogUnreadable: (m: string) => `Không đọc được sổ tiếp nhận: ${m}`,
  /** A file that stopped the pane's reading worker (messages about files stay Vietnamese, as the CLI's pool says). */
  fileStoppedReader: (why: string) =>
    `Tệp làm dừng trình đọc (${why}); tệp có thể hỏng hoặc quá lớn. Hãy mở bằng Excel, lưu lại rồi gửi lại.`,
  readerCrashed: 'trình đọc gặp lỗi',
  readerTimeout: (seconds: number) => `đọc quá ${seconds} giây`,
  fileUnreadable: (m: string) => `Không đọc được tệp (${m}).`,
  planUnreadable: (name: string, m: string) => `Tệp ${name} không đọc được: ${m}`,
  pdfNeedsNewerOffice:
    'Đọc kế hoạch từ tệp PDF cần Excel 2021, Microsoft 365 hoặc Excel trên web. Ở đây hãy dùng tệp .docx hoặc .txt, hoặc công cụ dòng lệnh tonghop.',
  /** File names (no diacritics: they travel by e-mail and USB sticks). */
  files: {
    plan: (stem: string) => `Ke hoach ${stem}.xlsx`,
    templates: (stem: string) => `Mau bao cao ${stem}.zip`,
    summary: (stem: string, asOf: string) => `Tong hop ${stem} den ${asOf}.xlsx`,
    report: (stem: string, asOf: string) => `Bao cao ${stem} den ${asOf}.xlsx`,
    reportDocx: (stem: string, asOf: string) => `Bao cao ${stem} den ${asOf}.docx`,
    reminders: (stem: string, asOf: string) => `Don doc ${stem} ${asOf}.zip`,
    reminderLetter: 'Van ban don doc.docx',
    reminderSheet: 'Don doc.xlsx',
    reminderMail: (name: string) => `thu-nhap/${name}`,
    draft: (stem: string) => `${stem}-ke-hoach.xlsx`,
  },
  /** Periods compared in the pane (steps/history.ts). */
  historyPick: 'So sánh với các kỳ trước: chọn các sổ tổng hợp (.xlsx) của kỳ trước.',
  historyPickButton: 'Chọn sổ tổng hợp kỳ trước…',
  history: {
    current: 'Kỳ đang tổng hợp',
    plan: (number: string, title: string) => `Kế hoạch số ${number}: ${title}`,
    unreadable: 'không đọc được tệp',
    skipped: (file: string, why: string) => `Không dùng ${file}: ${why}`,
    none: 'Chưa có sổ tổng hợp nào dùng được để so sánh.',
    periods: (list: string[]) => `Các kỳ so sánh: ${list.join(', ')}`,
    otherPlans: (n: number) => `Các sổ thuộc ${n} kế hoạch khác nhau: mỗi kế hoạch được so sánh riêng.`,
    flagged: (n: number) => `Muộn hoặc chưa nộp ở ít nhất 2 trong 3 kỳ gần nhất: ${n} đơn vị`,
    group: 'Nhóm',
    period: 'Kỳ',
    rate: COUNT.completeness.vi,
    onTimeRate: COUNT.onTimeRate.vi,
    trend: 'Xu hướng',
    trends: { better: 'Tốt lên', worse: 'Kém đi', same: 'Như kỳ trước', single: 'Mới có một kỳ' },
  },
  /** The overview drawn in the pane (rates-chart.ts). */
  chart: {
    title: 'Tình hình báo cáo theo nhóm',
    onTime: COUNT.onTime.vi,
    late: COUNT.late.vi,
    missing: COUNT.missing.vi,
    rejected: COUNT.rejected.vi,
    rate: COUNT.completeness.vi,
    onTimeRate: COUNT.onTimeRate.vi,
    required: (n: number) => `${n} đơn vị`,
    percent: (p: number) => `${p.toFixed(1).replace('.', ',')}%`,
  },
  /** Loading the pane: office.js that could not be loaded (boot.ts, compat/office-js.ts). */
  officeJsFailed:
    'Không tải được office.js, thư viện của Microsoft để ngăn làm việc với Excel (mạng không tới được appsforoffice.microsoft.com). Ngăn đang chạy độc lập: kết quả được tải về máy. Bộ phận CNTT có thể dựng ngăn kèm sẵn office.js (OFFICE_JS=local npm run build, xem hướng dẫn cài đặt), mở cho máy tới appsforoffice.microsoft.com, hoặc dùng công cụ dòng lệnh tonghop.',
  /** Verdicts of the intake list: null = the engine's own Vietnamese labels (INTAKE_VERDICT_LABELS). */
  verdicts: null as Record<string, string> | null,
  /** The help buttons and the user guide shown over the pane (help.ts); the guide itself is Vietnamese. */
  help: helpVi,
};

export type Strings = typeof vi;

const en: Strings = {
  appTitle: 'Report consolidation',
  modeExcel: 'In Excel',
  modeStandalone: 'Standalone (no Excel): results are downloaded',
  engineFailed:
    'The pane could not load its processing part. Click the button again: the pane loads it afresh; if it fails again, check the network or close and reopen the pane.',
  waitingForExcel: 'Waiting for Excel to be ready…',
  cancel: 'Cancel',
  replace: 'Replace',

  step1: '1. Plan',
  readPlanFromWorkbook: 'Read the plan from this workbook',
  insertSample: 'Insert the sample plan',
  openPlanFile: 'Open a plan file…',
  planFromDocument: 'Plan from a document…',
  downloadPlan: 'Download the plan workbook (.xlsx)',
  downloadDraft: 'Download the draft plan (.xlsx)',
  noPlan: 'No plan yet. Read it from this workbook, insert the sample plan or open a plan file.',
  planNumber: 'Number',
  planTitle: 'Title',
  planDeadline: 'Deadline',
  planAgencies: 'Agencies that report',
  planTasks: 'Tasks',
  planIndicators: 'Indicators',
  planProblems: (n: number) => `The plan has ${n} problem(s) to fix:`,
  planWarnings: (n: number) => `${n} warning(s):`,
  showCell: 'Select',
  planInserted: 'The sample plan was inserted into the workbook.',
  planRead: (n: string) => `Plan ${n} read.`,
  planFromDocumentDone: (n: number) =>
    `Plan drafted from the document (${n} tasks). Check the flagged rows before using it.`,
  wholeFile: '(whole file)',

  step2: '2. Templates',
  templatesZip: 'Download all templates (.zip)',
  templatesOne: 'Download one by one',
  templatesMaking: (done: number, total: number) => `Making template ${done}/${total}…`,

  step3: '3. Receive reports',
  dropHere: 'Drop the report files here, or',
  pickFiles: 'Choose files…',
  clearFiles: 'Clear the list',
  reading: (done: number, total: number) => `Reading ${done}/${total} files`,
  readDone: (n: number) => `${n} files read.`,
  receivedOn: 'Received',
  noProblems: 'no problems',
  errorsCount: (n: number) => `${n} error(s)`,
  warningsCount: (n: number) => `${n} warning(s)`,
  unknownAgency: 'Agency not recognised',
  intakeLogFile: 'Intake log: received dates are taken from it',
  needPlanFirst: 'A plan is needed first (step 1).',

  step4: '4. Consolidate',
  asOf: 'As of',
  period: 'Period',
  periodAuto: 'automatic',
  consolidate: 'Consolidate',
  writeIntoWorkbook: 'Consolidate into the workbook',
  written: (n: number) => `${n} summary sheets written into the workbook.`,
  keptUserSheets: (renamed: { wanted: string; written: string }[]) =>
    `The workbook already had ${renamed.map((r) => `“${r.wanted}”`).join(', ')}, not written by tonghop: kept as they are; tonghop wrote ${renamed
      .map((r) => `“${r.written}”`)
      .join(', ')}.`,
  confirmReplaceOwnSheets: (names: string[]) =>
    `The workbook has ${names.length} summary sheets tonghop wrote before: ${names
      .map((n) => `“${n}”`)
      .join(', ')}. Replace them with the new results? No other sheet is touched.`,
  confirmReplacePlan: (n: string | null) =>
    n ? `Plan ${n} is in use. Replace it with the new plan?` : 'The workbook has plan sheets. Replace them?',
  confirmClearFiles: (n: number) => `Remove ${n} files from the list? The files on disk are not deleted.`,
  removeFile: 'Remove',
  confirmRemoveFile: (name: string, kept: boolean) =>
    kept
      ? `Remove “${name}” from the list? It was received earlier and is only kept in the workbook: to have it back, drop the file again.`
      : `Remove “${name}” from the list? The file on disk is not deleted.`,
  confirmDropStoredFiles: (n: number, current: string, next: string) =>
    `The list holds ${n} files received earlier, read against plan ${current}. Plan ${next} is another plan: those files will be removed from the list (drop them again to have them back). Use plan ${next}?`,
  store: storeEn,
  ocr: ocrEn,
  finishEditing: 'Excel is editing a cell: press Enter or Esc to finish it, the pane then goes on.',
  doorErrors: {
    'cell-edit': 'Excel is editing a cell, so nothing was written. Press Enter or Esc to finish it, then click again.',
    'too-big': 'Too much data for one request to Excel. The workbook is unchanged; try again.',
    protected: 'The workbook or a sheet is protected, so nothing was written. The workbook is unchanged.',
    'write-failed': 'Excel could not write the results. The workbook is as it was; click again.',
    'write-failed-dirty':
      'Excel could not write the results nor remove its temporary sheets (named “tonghop~…”). Clicking again removes them; your sheets are untouched.',
    'read-failed': 'The open workbook could not be read. It is unchanged; try again.',
    'not-found': 'A sheet or cell needed is not in the workbook (renamed or deleted?).',
    office: 'Excel reported an error. The workbook is unchanged; try again.',
  },
  unexpectedError: 'Something unexpected went wrong. Try again; if it persists, use the tonghop command-line tool.',
  openedInExcel: (name: string) => `${name} was opened as a new workbook in Excel: save it there.`,
  cannotDownloadHere: (name: string) =>
    `This Excel does not let the pane download ${name}. Open the pane in Excel on the web (Office.com) to download it, or use the tonghop command-line tool.`,
  datePlaceholder: 'dd/mm/yyyy',
  badDate: (t: string) => `“${t}” is not a date: type day/month/year, e.g. 25/06/2024.`,
  consolidated: 'Consolidated. Download the summary in step 5.',
  overall: 'All',
  group: 'Group',
  required: COUNT.required.enShort,
  onTime: COUNT.onTime.enShort,
  late: COUNT.late.enShort,
  missing: COUNT.missing.enShort,
  rejected: COUNT.rejected.enShort,
  completeness: COUNT.completeness.enShort,
  lateList: (n: number) => `Late (${n})`,
  missingList: (n: number) => `Missing (${n})`,
  rejectedList: (n: number) => `Invalid (${n})`,
  daysLate: (n: number) => `${n} days`,
  findingsSummary: (e: number, w: number) => `Data errors: ${e}; warnings: ${w}.`,

  step5: '5. Export',
  downloadSummary: 'Download the summary (.xlsx)',
  upwardReport: (body: string, format: string) => `Report to ${body || 'the superior body'} (${format})`,
  reminders: 'Draft reminder letters',
  needConsolidation: 'Consolidate first (step 4).',
  downloaded: (name: string) => `${name} downloaded.`,
  stopReading: 'Stop reading',
  readingStopped: (n: number) => `Reading stopped: ${n} unread files were removed from the list.`,
  filterLabel: 'Show',
  filterAll: 'all files',
  filterRejected: 'rejected files',
  filterProblems: 'files with problems',
  intakeLogUnreadable: (m: string) => `Không đọc được sổ tiếp nhận: ${m}`,
  fileStoppedReader: vi.fileStoppedReader,
  readerCrashed: vi.readerCrashed,
  readerTimeout: vi.readerTimeout,
  fileUnreadable: vi.fileUnreadable,
  planUnreadable: (name: string, m: string) => `Tệp ${name} không đọc được: ${m}`,
  pdfNeedsNewerOffice:
    'Reading a PDF plan needs Excel 2021, Microsoft 365 or Excel on the web. Here, use a .docx or .txt file, or the tonghop command-line tool.',
  files: vi.files,
  historyPick: 'Compare with earlier periods: choose their summary workbooks (.xlsx).',
  historyPickButton: 'Choose earlier summaries…',
  history: {
    current: 'Period being consolidated',
    plan: (number: string, title: string) => `Plan ${number}: ${title}`,
    unreadable: 'the file cannot be read',
    skipped: (file: string, why: string) => `Not used ${file}: ${why}`,
    none: 'No summary workbook that can be compared yet.',
    periods: (list: string[]) => `Periods compared: ${list.join(', ')}`,
    otherPlans: (n: number) => `The workbooks belong to ${n} different plans: each plan is compared on its own.`,
    flagged: (n: number) => `Late or missing in at least 2 of the last 3 periods: ${n} agencies`,
    group: 'Group',
    period: 'Period',
    rate: COUNT.completeness.en,
    onTimeRate: COUNT.onTimeRate.en,
    trend: 'Trend',
    trends: { better: 'Better', worse: 'Worse', same: 'Unchanged', single: 'One period only' },
  },
  chart: {
    title: 'Reporting by group',
    onTime: COUNT.onTime.en,
    late: COUNT.late.en,
    missing: COUNT.missing.en,
    rejected: COUNT.rejected.en,
    rate: COUNT.completeness.en,
    onTimeRate: COUNT.onTimeRate.en,
    required: (n: number) => `${n} agencies`,
    percent: (p: number) => `${p.toFixed(1)}%`,
  },
  verdicts: {
    accepted: 'Used',
    superseded: 'Replaced by a newer file',
    duplicate: 'Duplicate',
    rejected: 'Rejected',
    after_as_of: 'Received after the as-of date',
  },
  help: helpEn,
  /** Loading the pane: office.js that could not be loaded (boot.ts, compat/office-js.ts). */
  officeJsFailed:
    "office.js, Microsoft's library that lets the pane work with Excel, could not be loaded (appsforoffice.microsoft.com cannot be reached). The pane runs standalone: results are downloaded. IT staff can build the pane with office.js included (OFFICE_JS=local npm run build, see the install guide), open the way to appsforoffice.microsoft.com, or use the tonghop command-line tool.",
};

/** Vietnamese unless the language is known and is not Vietnamese. */
export function stringsFor(language: string | null | undefined): Strings {
  if (!language) return vi;
  return /^vi\b/i.test(language) ? vi : en;
}

export const STRINGS = { vi, en };
