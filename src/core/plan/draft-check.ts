/**
 * What `check-plan` says of a plan workbook drafted by `extract-plan`: placeholders still in it (a number such as
 * "Chưa có số" or "…/KH-UBND", the stand-in task or agency written where the document was silent, a report
 * deadline the document did not give) make it not yet usable; the notes in the "Cần kiểm tra" column still filled
 * in are the review items left open.
 */
import { parseDeadlineRule } from '../basics/dates';
import { type SheetGrid, type WorkbookGrid, cellAddress, cellText, getCell } from '../basics/grid';
import { type Finding, type Plan, finding } from '../basics/model';
import { foldKey } from '../basics/text';
import { PLAN_FIELDS, PLAN_SHEETS } from './plan-columns';

export const REVIEW_COLUMN = 'Cần kiểm tra';
/** The stand-ins extract-plan writes (src/core/extract/build.ts) when the document does not say. */
export const DRAFT_PLACEHOLDERS = {
  number: 'Chưa có số',
  task: 'Nhiệm vụ chưa đọc được từ văn bản',
  agency: 'Các cơ quan, đơn vị được giao (chưa xác định)',
} as const;

const DOTS = /^(?:…|\.\.\.)|(?:……|\.{4,})/;

function placeholder(message: string, sheet: string, cell = ''): Finding {
  return finding('error', 'plan.placeholder', message, { sheet, cell });
}

/** The note extract-plan writes beside a report deadline the document does not give, before the stand-in date
 * ("… đã ghi tạm 31/12/2024", "… đã ghi tạm ngày kết thúc thực hiện 30/06/2024"). */
export const DEADLINE_STAND_IN = 'Văn bản không ghi hạn báo cáo: đã ghi tạm';

/** The column headed `header` in the first rows of a sheet, and its row. */
function headedColumn(sheet: SheetGrid, header: string): { col: number; row: number } {
  const key = foldKey(header);
  for (let r = 0; r < Math.min(sheet.rows.length, 30); r++) {
    const row = sheet.rows[r] ?? [];
    for (let c = 0; c < row.length; c++) if (foldKey(cellText(getCell(sheet, r, c))) === key) return { col: c, row: r };
  }
  return { col: -1, row: -1 };
}

/** The report deadline still the stand-in extract-plan wrote: its note says so and the date is the one noted. */
function deadlineStandIn(plan: Plan, wb: WorkbookGrid): Finding[] {
  const sheet = wb.sheets.find((s) => foldKey(s.name) === foldKey(PLAN_SHEETS.plan));
  if (!sheet) return [];
  const review = headedColumn(sheet, REVIEW_COLUMN);
  const labels = new Set(PLAN_FIELDS.deadline.map(foldKey));
  for (let r = review.row + 1; review.col >= 0 && r < sheet.rows.length; r++) {
    if (!labels.has(foldKey(cellText(getCell(sheet, r, 0))))) continue;
    const note = cellText(getCell(sheet, r, review.col));
    const at = note.indexOf(DEADLINE_STAND_IN);
    const noted = at < 0 ? null : /\d{1,2}\/\d{1,2}(?:\/\d{4}|\s+hằng năm)/u.exec(note.slice(at));
    const standIn = noted ? parseDeadlineRule(noted[0]) : null;
    if (standIn && JSON.stringify(standIn) === JSON.stringify(plan.deadline))
      return [
        placeholder(
          `Hạn báo cáo còn là ngày ghi tạm ${noted![0]} (văn bản không ghi hạn): ghi hạn báo cáo thật, hoặc xóa ghi chú "${REVIEW_COLUMN}" nếu đúng là hạn này.`,
          sheet.name,
          cellAddress(sheet, r, 1),
        ),
      ];
  }
  return [];
}

/** Placeholders left in the plan (errors: the plan cannot be used until they are replaced); with the workbook,
 * also a report deadline still the stand-in of the draft. */
export function planPlaceholders(plan: Plan, wb?: WorkbookGrid): Finding[] {
  const out: Finding[] = wb ? deadlineStandIn(plan, wb) : [];
  if (plan.number === DRAFT_PLACEHOLDERS.number || DOTS.test(plan.number))
    out.push(placeholder(`Số kế hoạch còn ghi tạm "${plan.number}": điền số của văn bản.`, 'Kế hoạch'));
  for (const t of plan.tasks) {
    if (foldKey(t.title) === foldKey(DRAFT_PLACEHOLDERS.task) || DOTS.test(t.code) || DOTS.test(t.title))
      out.push(placeholder(`Nhiệm vụ ${t.code} là dòng tạm ("${t.title}"): nhập các nhiệm vụ thật.`, 'Nhiệm vụ'));
  }
  for (const a of plan.agencies) {
    if (foldKey(a.name) === foldKey(DRAFT_PLACEHOLDERS.agency) || DOTS.test(a.code) || DOTS.test(a.name))
      out.push(placeholder(`Đơn vị ${a.code} là dòng tạm ("${a.name}"): nhập danh sách đơn vị thật.`, 'Đơn vị'));
  }
  return out;
}

/** The review notes still filled in: every non-empty cell under a "Cần kiểm tra" header, and "Cần kiểm tra" rows. */
export function openReviewItems(wb: WorkbookGrid): Finding[] {
  const out: Finding[] = [];
  const key = foldKey(REVIEW_COLUMN);
  for (const sheet of wb.sheets) {
    const { col, row: headerRow } = headedColumn(sheet, REVIEW_COLUMN);
    for (let r = 0; r < sheet.rows.length; r++) {
      const first = cellText(getCell(sheet, r, 0));
      const inColumn = col >= 0 && r > headerRow ? cellText(getCell(sheet, r, col)) : '';
      const asRow = foldKey(first) === key && r !== headerRow ? cellText(getCell(sheet, r, 1)) : '';
      const text = inColumn || asRow;
      if (!text) continue;
      const c = inColumn ? col : 1;
      out.push(finding('warning', 'plan.review_open', text, { sheet: sheet.name, cell: cellAddress(sheet, r, c) }));
    }
  }
  return out;
}
