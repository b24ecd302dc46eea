/**
 * The counts of a group, of the whole, or of a body's own agencies one level up: how many must report, how many
 * did on time, late, not at all, or sent a file that could not be used, and the two rates (DHIS2's reporting rate
 * and reporting rate on time). This is the one list of those fields, in the order every table, chart, JSON list and
 * print-out shows them, with their labels. A new count is added here, and everything that lists counts follows.
 *
 * Plain data (no import), so that the pane's first bundle can take the labels without the engine.
 */
export const COUNT_FIELDS = [
  {
    key: 'required',
    kind: 'count',
    vi: 'Phải báo cáo',
    viShort: 'Phải BC',
    en: 'Required',
    enShort: 'Due',
  },
  { key: 'onTime', kind: 'count', vi: 'Đúng hạn', viShort: 'Đúng hạn', en: 'On time', enShort: 'On time' },
  { key: 'late', kind: 'count', vi: 'Nộp muộn', viShort: 'Muộn', en: 'Late', enShort: 'Late' },
  { key: 'missing', kind: 'count', vi: 'Chưa nộp', viShort: 'Chưa nộp', en: 'Missing', enShort: 'Missing' },
  {
    key: 'rejected',
    kind: 'count',
    vi: 'Không hợp lệ',
    viShort: 'K.hợp lệ',
    en: 'Rejected',
    enShort: 'Invalid',
  },
  /** (on time + late) ÷ required, in percent with one decimal. */
  {
    key: 'completeness',
    kind: 'rate',
    vi: 'Tỉ lệ đã nộp',
    viShort: 'Đã nộp',
    en: 'Submitted (rate)',
    enShort: 'Sent',
  },
  /** On time ÷ required, in percent with one decimal (DHIS2's "reporting rate on time"). */
  {
    key: 'onTimeRate',
    kind: 'rate',
    vi: 'Tỉ lệ đúng hạn',
    viShort: 'Đúng hạn %',
    en: 'On time (rate)',
    enShort: 'On time %',
  },
] as const;

export type CountField = (typeof COUNT_FIELDS)[number];
export type CountKey = CountField['key'];
/** A count field's value: a whole number of agencies, or a rate in percent (81.6). */
export type GroupCounts = { [K in CountKey]: number };

export const COUNT_KEYS: readonly CountKey[] = COUNT_FIELDS.map((f) => f.key);

/** Each count field's Vietnamese label, as the summary, the report and the history write it. */
export const COUNT_LABELS = Object.fromEntries(COUNT_FIELDS.map((f) => [f.key, f.vi])) as { [K in CountKey]: string };

/**
 * The count fields the report's hidden data sheet carries (its version 1 ends at `completeness`; a later version
 * may add `onTimeRate` as a new column, never move one).
 */
export const REPORT_COUNT_KEYS = ['required', 'onTime', 'late', 'missing', 'rejected', 'completeness'] as const;

/**
 * A rate (a percent with one decimal, 81.6) as the fraction a cell with a percent format holds (0.816), without a
 * binary tail. The two rates are DHIS2's per org unit: `completeness` (submitted ÷ required) and `onTimeRate`.
 */
export const fraction = (percent: number): number => Math.round(percent * 10) / 1000;

/** Just the count fields of `x`, in the list's order (JSON key order is part of a byte-repeatable output). */
export function countsOf(x: GroupCounts): GroupCounts {
  return Object.fromEntries(COUNT_KEYS.map((k) => [k, x[k]])) as GroupCounts;
}

/** The fields `keys` of `x`, in the order of `keys`. */
export function pickCounts<K extends CountKey>(x: GroupCounts, keys: readonly K[]): { [P in K]: number } {
  return Object.fromEntries(keys.map((k) => [k, x[k]])) as { [P in K]: number };
}
