/**
 * The `Nhiệm vụ` sheet (one row per task) and the optional `Chỉ tiêu` sheet (one row per indicator, tied to a task).
 */
import { type SheetGrid, cellAddress, cellText, getCell, rowIsEmpty } from '../basics/grid';
import { findHeader } from '../basics/labels';
import { type Indicator, type Task, AGGREGATE_LABELS } from '../basics/model';
import { INDICATOR_COLUMNS, TASK_COLUMNS, codeText, parseAggregate } from './plan-columns';
import { type PlanCheck } from './plan-check';

/** The tasks of the plan; an empty list when the sheet is missing (reported by readPlan) or unreadable. */
export function readTasks(check: PlanCheck, sheet: SheetGrid | undefined): Task[] {
  const tasks: Task[] = [];
  if (!sheet) return tasks;
  const header = findHeader(sheet, TASK_COLUMNS);
  if (!header) {
    check.err(
      'plan.header_missing',
      'Không tìm thấy dòng tiêu đề của bảng nhiệm vụ (cần các cột "Mã" và "Nhiệm vụ").',
      {
        sheet: sheet.name,
      },
    );
    return tasks;
  }
  const col = header.columns;
  const seen = new Map<string, string>();
  for (let r = header.row + 1; r < sheet.rows.length; r++) {
    if (rowIsEmpty(sheet.rows[r])) continue;
    const code = codeText(getCell(sheet, r, col.code!));
    const title = cellText(getCell(sheet, r, col.title!));
    if (code === '') {
      check.err('plan.task_code_empty', `Nhiệm vụ "${title.slice(0, 60)}" chưa có mã.`, check.at(sheet, r, col.code!));
      continue;
    }
    if (title === '')
      check.err('plan.task_title_empty', `Nhiệm vụ ${code} chưa có tên.`, check.at(sheet, r, col.title!));
    const prev = seen.get(code);
    if (prev) {
      check.err(
        'plan.task_code_duplicate',
        `Mã nhiệm vụ ${code} bị trùng (đã có ở ô ${prev}).`,
        check.at(sheet, r, col.code!),
      );
      continue;
    }
    seen.set(code, cellAddress(sheet, r, col.code!));
    tasks.push({
      code,
      title: title || code,
      section: col.section !== undefined ? cellText(getCell(sheet, r, col.section)) : '',
      lead: col.lead !== undefined ? cellText(getCell(sheet, r, col.lead)) : '',
    });
  }
  if (tasks.length === 0 && check.sheetIsClean(sheet)) {
    check.err('plan.no_tasks', 'Bảng nhiệm vụ chưa có dòng nào.', { sheet: sheet.name });
  }
  return tasks;
}

/** The indicators of the plan (the sheet is optional: a missing or empty sheet means none). */
export function readIndicators(check: PlanCheck, sheet: SheetGrid | undefined, taskCodes: Set<string>): Indicator[] {
  const indicators: Indicator[] = [];
  if (!sheet) return indicators;
  const header = findHeader(sheet, INDICATOR_COLUMNS);
  if (!header) {
    if (!rowIsEmpty(sheet.rows.find((row) => !rowIsEmpty(row)))) {
      check.err(
        'plan.header_missing',
        'Không tìm thấy dòng tiêu đề của bảng chỉ tiêu (cần "Mã chỉ tiêu", "Tên chỉ tiêu", "Mã nhiệm vụ").',
        {
          sheet: sheet.name,
        },
      );
    }
    return indicators;
  }
  const seen = new Set<string>();
  for (let r = header.row + 1; r < sheet.rows.length; r++) {
    if (rowIsEmpty(sheet.rows[r])) continue;
    const indicator = readIndicatorRow(check, sheet, r, header.columns, { seen, taskCodes });
    if (indicator) indicators.push(indicator);
  }
  return indicators;
}

type IndicatorColumns = Partial<Record<(typeof INDICATOR_COLUMNS)[number]['key'], number>>;

/** One indicator row, or null when it has a problem (each problem is reported at its cell). */
function readIndicatorRow(
  check: PlanCheck,
  sheet: SheetGrid,
  r: number,
  col: IndicatorColumns,
  known: { seen: Set<string>; taskCodes: Set<string> },
): Indicator | null {
  const code = codeText(getCell(sheet, r, col.code!));
  const name = cellText(getCell(sheet, r, col.name!));
  const taskCode = codeText(getCell(sheet, r, col.taskCode!));
  const aggText = col.aggregate !== undefined ? cellText(getCell(sheet, r, col.aggregate)) : '';
  const aggregate = parseAggregate(aggText);
  let bad = false;
  const err = (code: string, msg: string, c: number) => {
    check.err(code, msg, check.at(sheet, r, c));
    bad = true;
  };
  if (code === '') err('plan.indicator_code_empty', `Chỉ tiêu "${name}" chưa có mã.`, col.code!);
  else if (known.seen.has(code)) err('plan.indicator_code_duplicate', `Mã chỉ tiêu ${code} bị trùng.`, col.code!);
  if (name === '') err('plan.indicator_name_empty', `Chỉ tiêu ${code} chưa có tên.`, col.name!);
  if (!known.taskCodes.has(taskCode)) {
    err(
      'plan.indicator_task_unknown',
      taskCode === ''
        ? `Chỉ tiêu ${code} chưa ghi mã nhiệm vụ.`
        : `Chỉ tiêu ${code} gắn với nhiệm vụ ${taskCode} không có trong trang "Nhiệm vụ".`,
      col.taskCode!,
    );
  }
  if (!aggregate) {
    err(
      'plan.aggregate_invalid',
      `Cách tổng hợp "${aggText}" không hợp lệ; chọn một trong: ${Object.values(AGGREGATE_LABELS).join(', ')}.`,
      col.aggregate!,
    );
  }
  if (code) known.seen.add(code);
  if (bad || !aggregate) return null;
  return { code, name, unit: col.unit !== undefined ? cellText(getCell(sheet, r, col.unit)) : '', taskCode, aggregate };
}
