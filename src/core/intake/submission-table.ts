/**
 * Finding the report table in a submitted workbook, wherever the agency put it: the template's hidden sheet first,
 * then the table's header row (known labels and their variants), the indicator and status columns, and a second
 * header row of sub-columns.
 */
import { type SheetGrid, type WorkbookGrid, cellText, getCell, isEmptyCell } from '../basics/grid';
import { type ColumnSpec, type Fold, type HeaderMatch, SpecMatcher, findHeader } from '../basics/labels';
import { type Plan, type TaskStatus } from '../basics/model';
import { META_MARKER, META_SHEET, REPORT_SHEET, TABLE_LABELS, indicatorHeader } from '../plan/template-labels';
import { foldKey } from '../basics/text';
import { statusOfHeader } from '../basics/values';

export const BASE_COLUMNS = [
  { key: 'taskCode', labels: [TABLE_LABELS.taskCode, 'Mã NV', 'Mã số nhiệm vụ', 'Mã', 'Số hiệu nhiệm vụ'] },
  {
    key: 'taskTitle',
    labels: [TABLE_LABELS.taskTitle, 'Tên nhiệm vụ', 'Nội dung', 'Nội dung nhiệm vụ', 'Nhiệm vụ, hoạt động'],
  },
  {
    key: 'status',
    labels: [TABLE_LABELS.status, 'Tình trạng thực hiện', 'Trạng thái', 'Tiến độ', 'Mức độ hoàn thành'],
  },
  { key: 'result', labels: [TABLE_LABELS.result, 'Kết quả', 'Kết quả đạt được', 'Kết quả triển khai'] },
  { key: 'note', labels: [TABLE_LABELS.note, 'Ghi chú khác'] },
  { key: 'index', labels: [TABLE_LABELS.index, 'TT', 'Số TT'] },
] as const satisfies readonly ColumnSpec<string>[];

/** BASE_COLUMNS' labels, folded once (not once per file). */
const BASE_MATCHER = new SpecMatcher(BASE_COLUMNS);

export interface TableFound {
  sheet: SheetGrid;
  header: HeaderMatch<string>;
  indicatorCols: Map<string, number>;
  statusCols: Map<TaskStatus, number>;
  /** First row of data: below the header row, or below a second header row of sub-columns. */
  dataStart: number;
}

/** Reads the hidden sheet the template carries. */
export function readMeta(wb: WorkbookGrid): Record<string, string> | null {
  const sheet = wb.sheets.find((s) => s.name === META_SHEET || cellText(getCell(s, 0, 0)) === META_MARKER);
  if (!sheet || cellText(getCell(sheet, 0, 0)) !== META_MARKER) return null;
  const meta: Record<string, string> = {};
  for (const row of sheet.rows) {
    const k = cellText(row?.[0] ?? null);
    if (k) meta[k] = cellText(row?.[1] ?? null);
  }
  return meta;
}

/**
 * The report table: on `Báo cáo` first, then every other sheet, visible before hidden. `fold` may be a FoldMemo's
 * (labels.ts), shared by the files of one plan.
 */
export function findTable(wb: WorkbookGrid, plan: Plan, fold: Fold = foldKey): TableFound | null {
  const ordered = [...wb.sheets].filter((s) => s.name !== META_SHEET);
  const rank = (s: SheetGrid) => (foldKey(s.name) === foldKey(REPORT_SHEET) ? 0 : s.state === 'visible' ? 1 : 2);
  ordered.sort((a, b) => rank(a) - rank(b));
  const compact = (text: string) => fold(text).replace(/ /g, ''); // compactKey, remembered
  for (const sheet of ordered) {
    const header = findHeader<string>(sheet, BASE_COLUMNS, 60, fold, BASE_MATCHER);
    if (!header || (header.columns.taskCode === undefined && header.columns.taskTitle === undefined)) continue;
    const statusCols = new Map<TaskStatus, number>();
    const indicatorCols = new Map<string, number>();
    const remaining: { col: number; label: string }[] = [];
    for (const u of header.unknown) {
      const st = statusOfHeader(u.label, fold);
      if (st && !statusCols.has(st)) statusCols.set(st, u.col);
      else remaining.push(u);
    }
    const indicatorKeys = plan.indicators.map((ind) => [
      compact(indicatorHeader(ind)),
      compact(ind.name),
      compact(ind.code),
    ]);
    plan.indicators.forEach((ind, i) => {
      const hit = remaining.find(
        (u) => indicatorKeys[i].includes(compact(u.label)) && ![...indicatorCols.values()].includes(u.col),
      );
      if (hit) indicatorCols.set(ind.code, hit.col);
    });
    // a second header row of sub-columns under a merged group label ("Kết quả" over one column per indicator or
    // per status): those columns come from the row below, and the group label is no column of its own
    let dataStart = header.row + 1;
    const below = sheet.rows[header.row + 1] ?? [];
    let subColumns = 0;
    // only a row without a task code or title can be a header row (a data row may hold "Đã hoàn thành")
    const belowIsData = [header.columns.taskCode, header.columns.taskTitle].some(
      (c) => c !== undefined && !isEmptyCell(below[c] ?? null),
    );
    if (!belowIsData)
      below.forEach((v, c) => {
        if (typeof v !== 'string' || [...indicatorCols.values(), ...statusCols.values()].includes(c)) return;
        const key = compact(v);
        if (key === '') return;
        const i = plan.indicators.findIndex((ind, k) => !indicatorCols.has(ind.code) && indicatorKeys[k].includes(key));
        const st = statusOfHeader(v, fold);
        if (i >= 0) indicatorCols.set(plan.indicators[i].code, c);
        else if (st && !statusCols.has(st)) statusCols.set(st, c);
        else return;
        subColumns++;
      });
    if (subColumns > 0) {
      dataStart = header.row + 2;
      const taken = new Set([...indicatorCols.values(), ...statusCols.values()]);
      for (const key of Object.keys(header.columns)) if (taken.has(header.columns[key]!)) delete header.columns[key];
    }
    const hasAnswerColumn =
      header.columns.status !== undefined ||
      header.columns.result !== undefined ||
      statusCols.size > 0 ||
      indicatorCols.size > 0;
    if (!hasAnswerColumn) continue;
    return { sheet, header, indicatorCols, statusCols, dataStart };
  }
  return null;
}
