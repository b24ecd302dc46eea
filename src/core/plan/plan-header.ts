/**
 * The `Kế hoạch` sheet: label/value rows (number, title, deadline …), each label in one column and its value in the
 * cell to its right.
 */
import { parseDateCell, parseDeadlineRule, type DeadlineRule } from '../basics/dates';
import { type CellValue, type SheetGrid, cellText } from '../basics/grid';
import { type LabelValue, findLabelValues } from '../basics/labels';
import { PLAN_FIELDS, type PlanField } from './plan-columns';
import { type PlanCheck } from './plan-check';

export interface PlanHeader {
  fields: Partial<Record<PlanField, string>>;
  deadline: DeadlineRule | null;
  upwardDeadline: DeadlineRule | null;
  issuedOn: string | null;
}

type Found = Partial<Record<PlanField, LabelValue>>;

/** Reads the label/value rows; a missing sheet gives an empty header (its absence is reported by readPlan). */
export function readPlanHeader(check: PlanCheck, sheet: SheetGrid | undefined, date1904: boolean): PlanHeader {
  const header: PlanHeader = { fields: {}, deadline: null, upwardDeadline: null, issuedOn: null };
  if (!sheet) return header;
  const found: Found = findLabelValues(sheet, PLAN_FIELDS);
  for (const key of Object.keys(PLAN_FIELDS) as PlanField[]) {
    const lv = found[key];
    if (lv) header.fields[key] = cellText(lv.value);
  }
  for (const key of ['number', 'title', 'deadline'] as const) {
    const lv = found[key];
    if (!lv)
      check.err('plan.field_missing', `Thiếu dòng "${PLAN_FIELDS[key][0]}" (nhãn ở một cột, giá trị ở ô bên phải).`, {
        sheet: sheet.name,
      });
    else if (lv.valueCol < 0)
      check.err(
        'plan.field_empty',
        `"${PLAN_FIELDS[key][0]}" chưa có giá trị (ô bên phải nhãn).`,
        check.at(sheet, lv.row, lv.labelCol + 1),
      );
  }
  readDates(check, sheet, found, date1904, header);
  for (const key of ['issuer', 'consolidator', 'period'] as const) {
    if (!found[key]) check.warn('plan.field_missing', `Không có dòng "${PLAN_FIELDS[key][0]}".`, { sheet: sheet.name });
  }
  return header;
}

/** The deadline, the upward deadline and the issue date, each checked in its cell. */
function readDates(check: PlanCheck, sheet: SheetGrid, found: Found, date1904: boolean, header: PlanHeader): void {
  const rule = (v: CellValue) => parseDeadlineRule(v, date1904);
  header.deadline = readValue(
    check,
    sheet,
    found.deadline,
    rule,
    'plan.deadline_invalid',
    (text) =>
      `"Hạn báo cáo" không đọc được: "${text}". Ghi một ngày (30/06/2024) hoặc một hạn hằng năm (15/12 hằng năm).`,
  );
  header.upwardDeadline = readValue(
    check,
    sheet,
    found.upwardDeadline,
    rule,
    'plan.deadline_invalid',
    (text) => `"Hạn báo cáo cấp trên" không đọc được: "${text}".`,
  );
  header.issuedOn = readValue(
    check,
    sheet,
    found.issuedOn,
    (v) => parseDateCell(v, date1904),
    'plan.date_invalid',
    (text) => `"Ngày ban hành" không phải ngày: "${text}" (ghi dạng dd/mm/yyyy).`,
  );
}

/** The value of a label row read by `parse`; a value it cannot read is reported at its cell. Null when empty. */
function readValue<T>(
  check: PlanCheck,
  sheet: SheetGrid,
  lv: LabelValue | undefined,
  parse: (v: CellValue) => T | null,
  code: string,
  message: (text: string) => string,
): T | null {
  if (!lv || lv.valueCol < 0) return null;
  const value = parse(lv.value);
  if (value === null) check.err(code, message(cellText(lv.value)), check.at(sheet, lv.row, lv.valueCol));
  return value;
}
