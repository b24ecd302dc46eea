/**
 * The clerk's agency list (--agencies): a workbook with a table of agencies, e.g. the `Đơn vị` sheet of a
 * previous plan, or any sheet with a "Tên đơn vị" column. Codes and kinds are optional: missing codes are
 * made from the names' initials, missing kinds are guessed from the names.
 */
import { type SheetGrid, type WorkbookGrid, cellAddress, cellText, getCell, rowIsEmpty } from '../basics/grid';
import { findHeader, type ColumnSpec } from '../basics/labels';
import { type Agency, type Finding, finding } from '../basics/model';
import { AGENCY_COLUMNS, codeText, parseAgencyKind, PLAN_SHEETS } from '../plan/plan-read';
import { foldKey } from '../basics/text';
import { agencyKind, areaOf, initials } from './agencies';

const LIST_COLUMNS = AGENCY_COLUMNS.map((c) => ({ ...c, required: c.key === 'name' })) satisfies ColumnSpec<string>[];

export interface AgencyListResult {
  agencies: Agency[];
  findings: Finding[];
}

function readSheet(sheet: SheetGrid, fileName: string): AgencyListResult | null {
  const header = findHeader(sheet, LIST_COLUMNS);
  if (!header) return null;
  const col = header.columns;
  const agencies: Agency[] = [];
  const findings: Finding[] = [];
  const codes = new Set<string>();
  const names = new Set<string>();
  for (let r = header.row + 1; r < sheet.rows.length; r++) {
    if (rowIsEmpty(sheet.rows[r])) continue;
    const name = cellText(getCell(sheet, r, col.name!));
    if (name === '') continue;
    const where = { file: fileName, sheet: sheet.name, cell: cellAddress(sheet, r, col.name!) };
    if (names.has(foldKey(name))) {
      findings.push(
        finding(
          'warning',
          'agencies.duplicate',
          `Đơn vị "${name}" có hai lần trong danh sách; chỉ lấy lần đầu.`,
          where,
        ),
      );
      continue;
    }
    names.add(foldKey(name));
    const kindText = col.kind !== undefined ? cellText(getCell(sheet, r, col.kind)) : '';
    const kind = parseAgencyKind(kindText) ?? agencyKind(name).kind;
    let code = col.code !== undefined ? codeText(getCell(sheet, r, col.code)) : '';
    if (code === '' || codes.has(code)) {
      const base = initials(name);
      code = base;
      for (let i = 2; codes.has(code); i++) code = `${base}${i}`;
    }
    codes.add(code);
    const area = col.area !== undefined ? cellText(getCell(sheet, r, col.area)) : '';
    agencies.push({
      code,
      name,
      kind,
      area: area || (kind === 'locality' ? areaOf(name) : ''),
      tasks: [],
      email: col.email !== undefined ? cellText(getCell(sheet, r, col.email)) : '',
    });
  }
  return { agencies, findings };
}

/** Agencies from a workbook: the `Đơn vị` sheet if there is one, else the first sheet with an agency table. */
export function readAgencyList(wb: WorkbookGrid, fileName = ''): AgencyListResult {
  const ordered = [...wb.sheets].sort(
    (a, b) =>
      Number(foldKey(b.name) === foldKey(PLAN_SHEETS.agencies)) -
      Number(foldKey(a.name) === foldKey(PLAN_SHEETS.agencies)),
  );
  for (const sheet of ordered) {
    const res = readSheet(sheet, fileName);
    if (res && res.agencies.length > 0) return res;
  }
  return {
    agencies: [],
    findings: [
      finding(
        'error',
        'agencies.not_found',
        'Không tìm thấy bảng đơn vị (cần một cột "Tên đơn vị"; có thể thêm "Mã", "Loại", "Huyện/Khu vực").',
        { file: fileName },
      ),
    ],
  };
}
