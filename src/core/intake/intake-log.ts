/**
 * The intake log `Sổ tiếp nhận.xlsx` a clerk may keep in the submissions folder: file name → date received.
 * It overrides the files' own dates (which mail clients and copies change).
 */
import { parseDateCell, type IsoDate } from '../basics/dates';
import { type WorkbookGrid, cellAddress, cellText, getCell, rowIsEmpty } from '../basics/grid';
import { findHeader } from '../basics/labels';
import { type Finding, finding } from '../basics/model';
import { foldKey } from '../basics/text';
import type { OutValue } from '../basics/sheets';

export const INTAKE_LOG_FILE = 'Sổ tiếp nhận.xlsx';
export const INTAKE_LOG_COLUMNS = [
  { key: 'file', labels: ['Tên tệp', 'Tệp', 'File'], required: true },
  { key: 'date', labels: ['Ngày nhận', 'Ngày tiếp nhận'], required: true },
  { key: 'note', labels: ['Ghi chú'] },
] as const;

export function isIntakeLogName(fileName: string): boolean {
  return foldKey(fileName.replace(/\.xlsx$/i, '')) === foldKey(INTAKE_LOG_FILE.replace(/\.xlsx$/i, ''));
}

/** Office lock files and the intake log are not submissions; .xls/.xlsb/.ods are (the CLI converts them with LibreOffice). */
export function isSubmissionFileName(fileName: string): boolean {
  if (fileName.startsWith('~$') || fileName.startsWith('.~lock')) return false;
  if (isIntakeLogName(fileName)) return false;
  return /\.(xlsx|xlsm|xls|xlsb|ods)$/i.test(fileName);
}

export interface IntakeLog {
  dates: Map<string, IsoDate>;
  findings: Finding[];
}

/** File names are compared folded (case, diacritics, NFC/NFD do not matter). */
export function intakeKey(fileName: string): string {
  return foldKey(fileName);
}

export function readIntakeLog(wb: WorkbookGrid, fileName = INTAKE_LOG_FILE): IntakeLog {
  const dates = new Map<string, IsoDate>();
  const findings: Finding[] = [];
  for (const sheet of wb.sheets) {
    const header = findHeader(sheet, INTAKE_LOG_COLUMNS);
    if (!header) continue;
    const fc = header.columns.file!;
    const dc = header.columns.date!;
    for (let r = header.row + 1; r < sheet.rows.length; r++) {
      if (rowIsEmpty(sheet.rows[r])) continue;
      const name = cellText(getCell(sheet, r, fc));
      const raw = getCell(sheet, r, dc);
      const date = parseDateCell(raw, wb.date1904);
      if (!name) continue;
      if (!date) {
        findings.push(
          finding(
            'warning',
            'intake.date_invalid',
            `Sổ tiếp nhận: ngày nhận của "${name}" không đọc được ("${cellText(raw)}"); dùng ngày của tệp.`,
            {
              file: fileName,
              sheet: sheet.name,
              cell: cellAddress(sheet, r, dc),
            },
          ),
        );
        continue;
      }
      dates.set(intakeKey(name), date);
    }
    return { dates, findings };
  }
  findings.push(
    finding('warning', 'intake.no_table', 'Sổ tiếp nhận không có bảng với cột "Tên tệp" và "Ngày nhận"; bỏ qua.', {
      file: fileName,
    }),
  );
  return { dates, findings };
}

export function intakeLogRows(entries: { file: string; date: IsoDate; note?: string }[]): OutValue[][] {
  return [['Tên tệp', 'Ngày nhận', 'Ghi chú'], ...entries.map((e) => [e.file, { date: e.date }, e.note ?? null])];
}
