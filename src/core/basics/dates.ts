/**
 * Calendar dates (no time zone): ISO strings "YYYY-MM-DD" everywhere in the model.
 * Reading dd/mm/yyyy, "ngày 10 tháng 7 năm 2024", Excel serials; deadline rules and periods.
 */
import { foldKey } from './text';

export type IsoDate = string;

export function isoDate(year: number, month: number, day: number): IsoDate | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return null;
  if (day > daysInMonth(year, month)) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

export function toDayNumber(date: IsoDate): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/** Calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round(toDayNumber(to) - toDayNumber(from));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const d = new Date((toDayNumber(date) + days) * 86_400_000);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()) as IsoDate;
}

/** A JS Date as ExcelJS gives it (midnight UTC of the cell's day, possibly with a rounding error). */
export function fromUtcDate(d: Date): IsoDate | null {
  if (Number.isNaN(d.getTime())) return null;
  const rounded = new Date(Math.round(d.getTime() / 86_400_000) * 86_400_000);
  return isoDate(rounded.getUTCFullYear(), rounded.getUTCMonth() + 1, rounded.getUTCDate());
}

/** A file's modification time, read as the clerk's local calendar day. */
export function fromLocalDate(d: Date): IsoDate | null {
  if (Number.isNaN(d.getTime())) return null;
  return isoDate(d.getFullYear(), d.getMonth() + 1, d.getDate());
}

/** Midnight UTC of the day, as ExcelJS writes a date cell. */
export function toUtcDate(date: IsoDate): Date {
  return new Date(toDayNumber(date) * 86_400_000);
}

/** Excel serial day number (1900 system unless date1904) → ISO date. */
export function fromExcelSerial(serial: number, date1904 = false): IsoDate | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 200_000) return null;
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return fromUtcDate(new Date(epoch + Math.floor(serial) * 86_400_000));
}

export function toExcelSerial(date: IsoDate): number {
  return toDayNumber(date) - Date.UTC(1899, 11, 30) / 86_400_000;
}

/** dd/mm/yyyy for people. */
export function formatDateVi(date: IsoDate): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/**
 * A message for people with its yyyy-mm-dd dates written dd/mm/yyyy ("(nhận 2024-06-21)" → "(nhận 21/06/2024)"),
 * except inside double quotes, where a file name is quoted as it is. The JSON keeps the message as written.
 */
export function withDatesVi(text: string): string {
  return text
    .split(/("[^"]*")/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, '$3/$2/$1')))
    .join('');
}

/** "ngày 22 tháng 5 năm 2024" (the form used in administrative documents). */
export function formatDateWords(date: IsoDate): string {
  const [y, m, d] = date.split('-').map(Number);
  return `ngày ${String(d).padStart(2, '0')} tháng ${String(m).padStart(2, '0')} năm ${y}`;
}

/**
 * Reads a date typed as text: "30/06/2024", "30/6/2024", "10-07-2024", "10.7.2024", "2024-07-10",
 * "ngày 10 tháng 7 năm 2024". Two-digit years are 20xx. Returns null for anything else.
 */
export function parseDateText(raw: string): IsoDate | null {
  const text = raw.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(text);
  if (m) return isoDate(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2}|\d{4})$/.exec(text);
  if (m) return isoDate(fullYear(+m[3]), +m[2], +m[1]);
  const folded = foldKey(text);
  m = /^(?:.*\s)?ngay (\d{1,2}) thang (\d{1,2}) nam (\d{4})$/.exec(folded);
  if (m) return isoDate(+m[3], +m[2], +m[1]);
  return null;
}

/**
 * A date typed on the command line: "2024-07-15" or "15/07/2024" (also 15/7/2024, 15-07-2024, 15.07.2024), four-digit
 * year; null for anything else and for a day that does not exist (2024-06-31, 29/02/2023).
 */
export function parseDateArgument(raw: string): IsoDate | null {
  const text = raw.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (m) return isoDate(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (m) return isoDate(+m[3], +m[2], +m[1]);
  return null;
}

function fullYear(y: number): number {
  return y < 100 ? 2000 + y : y;
}

/** A cell value (Date, serial number or text) → ISO date. */
export function parseDateCell(value: unknown, date1904 = false): IsoDate | null {
  if (value instanceof Date) return fromUtcDate(value);
  if (typeof value === 'number') return fromExcelSerial(value, date1904);
  if (typeof value === 'string') return parseDateText(value);
  return null;
}

// ---------------------------------------------------------------------------------------------
// Deadline rules

export type DeadlineRule = { kind: 'fixed'; date: IsoDate } | { kind: 'annual'; day: number; month: number };

/**
 * "30/06/2024", a date cell, "15/12 hằng năm", "15/12 hàng năm", "ngày 15 tháng 12 hằng năm", "trước ngày 15/12 hằng năm".
 */
export function parseDeadlineRule(value: unknown, date1904 = false): DeadlineRule | null {
  const fixed = parseDateCell(value, date1904);
  if (fixed) return { kind: 'fixed', date: fixed };
  if (typeof value !== 'string') return null;
  const folded = foldKey(value);
  if (/(^| )(hang|moi) nam( |$)/.test(folded)) {
    const m = /(?:^| )(\d{1,2}) (?:thang )?(\d{1,2})(?: |$)/.exec(folded);
    if (!m) return null;
    const day = +m[1];
    const month = +m[2];
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(2024, month)) return null;
    return { kind: 'annual', day, month };
  }
  const full = /(?:^| )(\d{1,2}) (?:thang )?(\d{1,2}) (?:nam )?(\d{4})(?: |$)/.exec(folded);
  if (full) {
    const d = isoDate(+full[3], +full[2], +full[1]);
    return d ? { kind: 'fixed', date: d } : null;
  }
  return null;
}

export function formatDeadlineRule(rule: DeadlineRule): string {
  if (rule.kind === 'fixed') return formatDateVi(rule.date);
  return `${String(rule.day).padStart(2, '0')}/${String(rule.month).padStart(2, '0')} hằng năm`;
}

/** The deadline of an annual rule in a year; 29/02 falls back to 28/02 in a common year. */
export function annualDeadline(rule: { day: number; month: number }, year: number): IsoDate {
  const day = Math.min(rule.day, daysInMonth(year, rule.month));
  return isoDate(year, rule.month, day) as IsoDate;
}

export interface PeriodChoice {
  period: string;
  deadline: IsoDate;
}

/**
 * The period being consolidated and its deadline.
 * - fixed rule: the plan's period (or the one asked for), the fixed date;
 * - annual rule: `--period 2025` → the deadline in 2025; default: the latest period whose deadline is on or
 *   before `asOf` (not before the plan's first year), else the next one.
 */
export function choosePeriod(
  rule: DeadlineRule,
  asOf: IsoDate,
  opts: { requested?: string | null; planPeriod?: string | null; firstYear?: number | null } = {},
): PeriodChoice {
  if (rule.kind === 'fixed') {
    return { period: opts.requested || opts.planPeriod || rule.date.slice(0, 4), deadline: rule.date };
  }
  if (opts.requested) {
    const year = Number(opts.requested);
    return { period: String(year), deadline: annualDeadline(rule, year) };
  }
  const asOfYear = Number(asOf.slice(0, 4));
  let year = annualDeadline(rule, asOfYear) <= asOf ? asOfYear : asOfYear - 1;
  const first = opts.firstYear ?? null;
  if (first !== null && year < first) year = first;
  return { period: String(year), deadline: annualDeadline(rule, year) };
}

/** Vietnam's offset from UTC (Asia/Ho_Chi_Minh has no daylight saving time). */
export const VIETNAM_UTC_OFFSET_MS = 7 * 3_600_000;

/**
 * The received-date rule, one for every door: a moment (a file's modification time, "now") is the calendar day it
 * falls on in Vietnam (UTC+7), whatever the machine's time zone.
 */
export function vietnamDay(epochMs: number): IsoDate | null {
  if (!Number.isFinite(epochMs)) return null;
  const d = new Date(epochMs + VIETNAM_UTC_OFFSET_MS);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Noon of a calendar day in Vietnam, as a moment (what a file's date is set to when "received that day"). */
export function vietnamNoon(date: IsoDate): number {
  return toDayNumber(date) * 86_400_000 + 12 * 3_600_000 - VIETNAM_UTC_OFFSET_MS;
}

/** Today in Vietnam. */
export function todayIso(now: Date = new Date()): IsoDate {
  return vietnamDay(now.getTime()) as IsoDate;
}
