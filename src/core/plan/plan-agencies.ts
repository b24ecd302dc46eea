/**
 * The `Đơn vị` sheet: one row per agency that must report (code, name, kind, area, the tasks it reports on, email).
 */
import { type SheetGrid, cellAddress, cellText, getCell, rowIsEmpty } from '../basics/grid';
import { findHeader } from '../basics/labels';
import { type Agency, AGENCY_KIND_LABELS } from '../basics/model';
import { foldKey } from '../basics/text';
import { AGENCY_COLUMNS, codeText, parseAgencyKind, parseCodeList } from './plan-columns';
import { type PlanCheck } from './plan-check';

type AgencyColumns = Partial<Record<(typeof AGENCY_COLUMNS)[number]['key'], number>>;

interface Known {
  /** Codes and folded names seen so far, with the cell they were first seen in. */
  seenCode: Map<string, string>;
  seenName: Map<string, string>;
  taskCodes: Set<string>;
  /** Whether the plan has tasks at all (without them, an agency's task list cannot be checked). */
  hasTasks: boolean;
}

/** The agencies of the plan; an empty list when the sheet is missing (reported by readPlan) or unreadable. */
export function readAgencies(
  check: PlanCheck,
  sheet: SheetGrid | undefined,
  taskCodes: Set<string>,
  hasTasks: boolean,
): Agency[] {
  const agencies: Agency[] = [];
  if (!sheet) return agencies;
  const header = findHeader(sheet, AGENCY_COLUMNS);
  if (!header) {
    check.err(
      'plan.header_missing',
      'Không tìm thấy dòng tiêu đề của bảng đơn vị (cần các cột "Mã", "Tên đơn vị", "Loại").',
      { sheet: sheet.name },
    );
    return agencies;
  }
  const known: Known = { seenCode: new Map(), seenName: new Map(), taskCodes, hasTasks };
  for (let r = header.row + 1; r < sheet.rows.length; r++) {
    if (rowIsEmpty(sheet.rows[r])) continue;
    const agency = readAgencyRow(check, sheet, r, header.columns, known);
    if (agency) agencies.push(agency);
  }
  if (agencies.length === 0 && check.sheetIsClean(sheet)) {
    check.err('plan.no_agencies', 'Bảng đơn vị chưa có đơn vị nào.', { sheet: sheet.name });
  }
  return agencies;
}

/** One agency row, or null when it has a problem (each problem is reported at its cell). */
function readAgencyRow(check: PlanCheck, sheet: SheetGrid, r: number, col: AgencyColumns, known: Known): Agency | null {
  const text = (c: number | undefined) => (c !== undefined ? cellText(getCell(sheet, r, c)) : '');
  const code = codeText(getCell(sheet, r, col.code!));
  const name = cellText(getCell(sheet, r, col.name!));
  const kindText = cellText(getCell(sheet, r, col.kind!));
  const kind = parseAgencyKind(kindText);
  let area = text(col.area);
  const taskText = text(col.tasks);
  const email = text(col.email);
  let bad = false;
  const err = (code: string, msg: string, c: number) => {
    check.err(code, msg, check.at(sheet, r, c));
    bad = true;
  };
  if (code === '') err('plan.agency_code_empty', `Đơn vị "${name}" chưa có mã.`, col.code!);
  else if (known.seenCode.has(code))
    err('plan.agency_code_duplicate', `Mã đơn vị ${code} bị trùng (đã có ở ô ${known.seenCode.get(code)}).`, col.code!);
  if (name === '') err('plan.agency_name_empty', `Đơn vị ${code} chưa có tên.`, col.name!);
  else if (known.seenName.has(foldKey(name)))
    err(
      'plan.agency_name_duplicate',
      `Tên đơn vị "${name}" bị trùng (đã có ở ô ${known.seenName.get(foldKey(name))}).`,
      col.name!,
    );
  if (!kind)
    err(
      'plan.agency_kind_invalid',
      `Loại đơn vị "${kindText}" không hợp lệ; chọn một trong: ${Object.values(AGENCY_KIND_LABELS).join(' | ')}.`,
      col.kind!,
    );
  const agencyTasks = parseCodeList(taskText);
  const unknown = agencyTasks.filter((t) => !known.taskCodes.has(t));
  if (unknown.length > 0 && known.hasTasks)
    err(
      'plan.agency_task_unknown',
      `Đơn vị ${code}: nhiệm vụ ${unknown.join(', ')} không có trong trang "Nhiệm vụ".`,
      col.tasks!,
    );
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    check.warn(
      'plan.agency_email_invalid',
      `Email của đơn vị ${code} không hợp lệ: "${email}".`,
      check.at(sheet, r, col.email!),
    );
  if (kind === 'locality' && area === '') {
    area = name;
    check.warn(
      'plan.agency_area_empty',
      `Đơn vị ${code} là địa phương nhưng chưa ghi "Huyện/Khu vực"; tạm dùng tên đơn vị.`,
      check.at(sheet, r, col.area ?? col.name!),
    );
  }
  if (code) known.seenCode.set(code, cellAddress(sheet, r, col.code!));
  if (name) known.seenName.set(foldKey(name), cellAddress(sheet, r, col.name!));
  if (bad || !kind) return null;
  return { code, name, kind, area, tasks: agencyTasks, email };
}
