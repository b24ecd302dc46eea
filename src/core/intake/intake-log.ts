/**
 * The intake log `Sổ tiếp nhận.xlsx` a clerk may keep in the submissions folder: file name → date received.
 * It overrides the files' own dates (which mail clients and copies change).
 */
import { formatDateVi, parseDateCell, type IsoDate } from '../basics/dates';
import { type SheetGrid, type WorkbookGrid, cellAddress, cellText, getCell, rowIsEmpty } from '../basics/grid';
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
  /** Each file name the register lists, where (for the rows naming no file of the folder). */
  rows?: { key: string; name: string; sheet: string; cell: string }[];
}

/** File names are compared folded (case, diacritics, NFC/NFD do not matter). */
export function intakeKey(fileName: string): string {
  return foldKey(fileName);
}

interface LogRow {
  key: string;
  name: string;
  date: IsoDate;
  sheet: string;
  cell: string;
}

/**
 * Rows naming one file with different dates are ambiguous: none of them is used (the file's own date is), and each
 * is listed. The same date twice is harmless.
 */
function settleDuplicates(rows: LogRow[], fileName: string, findings: Finding[]): Map<string, IsoDate> {
  const byKey = new Map<string, LogRow[]>();
  for (const r of rows) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
  const dates = new Map<string, IsoDate>();
  for (const [key, list] of byKey) {
    const distinct = new Set(list.map((r) => r.date));
    if (distinct.size === 1) {
      dates.set(key, list[0].date);
      continue;
    }
    const where = list.map((r) => `${r.sheet}!${r.cell} (${formatDateVi(r.date)})`).join(', ');
    for (const r of list)
      findings.push(
        finding(
          'warning',
          'intake.duplicate',
          `Sổ tiếp nhận ghi "${r.name}" ${list.length} lần với ngày nhận khác nhau: ${where}. Không dùng dòng nào (dùng ngày của tệp); hãy giữ một dòng đúng rồi chạy lại.`,
          { file: fileName, sheet: r.sheet, cell: r.cell },
        ),
      );
  }
  return dates;
}

function readLogRows(
  sheet: SheetGrid,
  at: { row: number; fc: number; dc: number; date1904: boolean },
  fileName: string,
  findings: Finding[],
): LogRow[] {
  const { fc, dc } = at;
  const rows: LogRow[] = [];
  for (let r = at.row + 1; r < sheet.rows.length; r++) {
    if (rowIsEmpty(sheet.rows[r])) continue;
    const name = cellText(getCell(sheet, r, fc));
    const raw = getCell(sheet, r, dc);
    const date = parseDateCell(raw, at.date1904);
    if (!name) continue;
    if (!date) {
      findings.push(
        finding(
          'warning',
          'intake.date_invalid',
          `Sổ tiếp nhận: ngày nhận của "${name}" không đọc được hoặc không có thật ("${cellText(raw)}"); dùng ngày của tệp.`,
          { file: fileName, sheet: sheet.name, cell: cellAddress(sheet, r, dc) },
        ),
      );
      continue;
    }
    rows.push({ key: intakeKey(name), name, date, sheet: sheet.name, cell: cellAddress(sheet, r, fc) });
  }
  return rows;
}

export function readIntakeLog(wb: WorkbookGrid, fileName = INTAKE_LOG_FILE): IntakeLog {
  const findings: Finding[] = [];
  for (const sheet of wb.sheets) {
    const header = findHeader(sheet, INTAKE_LOG_COLUMNS);
    if (!header) continue;
    const at = { row: header.row, fc: header.columns.file!, dc: header.columns.date!, date1904: wb.date1904 };
    const rows = readLogRows(sheet, at, fileName, findings);
    const dates = settleDuplicates(rows, fileName, findings);
    return { dates, findings, rows: rows.map(({ key, name, sheet: sh, cell }) => ({ key, name, sheet: sh, cell })) };
  }
  findings.push(
    finding('warning', 'intake.no_table', 'Sổ tiếp nhận không có bảng với cột "Tên tệp" và "Ngày nhận"; bỏ qua.', {
      file: fileName,
    }),
  );
  return { dates: new Map(), findings };
}

/** Register rows naming no file of the folder (compared folded, by path or by bare name), one warning each. */
export function absentFileFindings(log: IntakeLog, folderNames: string[], fileName = INTAKE_LOG_FILE): Finding[] {
  const known = new Set<string>();
  for (const n of folderNames) {
    known.add(intakeKey(n));
    known.add(intakeKey(n.split('/').pop() ?? n));
  }
  const seen = new Set<string>();
  return (log.rows ?? [])
    .filter((r) => !known.has(r.key) && !seen.has(r.key) && seen.add(r.key))
    .map((r) =>
      finding(
        'warning',
        'intake.file_absent',
        `Sổ tiếp nhận ghi tệp "${r.name}" nhưng thư mục không có tệp này: kiểm tra tên tệp (hoặc tệp bị thiếu).`,
        { file: fileName, sheet: r.sheet, cell: r.cell },
      ),
    );
}

export function intakeLogRows(entries: { file: string; date: IsoDate; note?: string }[]): OutValue[][] {
  return [['Tên tệp', 'Ngày nhận', 'Ghi chú'], ...entries.map((e) => [e.file, { date: e.date }, e.note ?? null])];
}
