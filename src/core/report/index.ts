/**
 * What goes up and what goes out. Loaded by dynamic import from the task pane (it pulls in `docx`),
 * so it is not re-exported from src/core/index.ts.
 */
export { buildReportWorkbook, reportContentOf, REPORT_SHEETS, NUMBER_FORMATS, type ReportOptions } from './workbook';
export { buildReportDocx, reportDocument } from './report-docx';
export { type ReportContent, type Block, type Appendix, type ReportTable } from './content';
export { plainReason, plainReasonOfCode } from './reasons';
export {
  DECREE_30,
  NATIONAL_TITLE,
  MOTTO,
  resolveLetterhead,
  documentDateWords,
  type LetterheadOptions,
  type Letterhead,
} from './letterhead';
export {
  REPORT_DATA_SHEET,
  REPORT_DATA_MARKER,
  reportData,
  parseReportDataSheet,
  isReportDataSheet,
  type ReportData,
} from './hidden';
export {
  buildReminders,
  lateNotices,
  reminderTargets,
  reminderEmail,
  reminderSubject,
  REMINDER_SHEET,
  type ReminderOptions,
  type ReminderTarget,
  type ReminderEmail,
} from './reminders';
export { hasReportData, readUpwardReport, statusOfCounts } from '../intake/upward-read';
