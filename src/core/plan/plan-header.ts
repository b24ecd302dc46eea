/**
 * The `Kế hoạch` sheet: label/value rows (number, title, deadline …), each label in one column and its value in the
 * cell to its right.
 */
import { parseDateCell, parseDeadlineRule, type DeadlineRule } from '../basics/dates';
import { type SheetGrid, cellText } from '../basics/grid';
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
  const dl = found.deadline;
  if (dl && dl.valueCol >= 0) {
    header.deadline = parseDeadlineRule(dl.value, date1904);
    if (!header.deadline) {
      check.err(
        'plan.deadline_invalid',
        `"Hạn báo cáo" không đọc được: "${cellText(dl.value)}". Ghi một ngày (30/06/2024) hoặc một hạn hằng năm (15/12 hằng năm).`,
        check.at(sheet, dl.row, dl.valueCol),
      );
    }
  }
  const up = found.upwardDeadline;
  if (up && up.valueCol >= 0) {
    header.upwardDeadline = parseDeadlineRule(up.value, date1904);
    if (!header.upwardDeadline)
      check.err(
        'plan.deadline_invalid',
        `"Hạn báo cáo cấp trên" không đọc được: "${cellText(up.value)}".`,
        check.at(sheet, up.row, up.valueCol),
      );
  }
  const iss = found.issuedOn;
  if (iss && iss.valueCol >= 0) {
    header.issuedOn = parseDateCell(iss.value, date1904);
    if (!header.issuedOn)
      check.err(
        'plan.date_invalid',
        `"Ngày ban hành" không phải ngày: "${cellText(iss.value)}" (ghi dạng dd/mm/yyyy).`,
        check.at(sheet, iss.row, iss.valueCol),
      );
  }
}
