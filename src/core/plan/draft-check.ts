/**
 * What `check-plan` says of a plan workbook drafted by `extract-plan`: placeholders still in it (a number such as
 * "Chưa có số" or "…/KH-UBND", the stand-in task or agency written where the document was silent) make it not yet
 * usable; the notes in the "Cần kiểm tra" column still filled in are the review items left open.
 */
import { type WorkbookGrid, cellAddress, cellText, getCell } from '../basics/grid';
import { type Finding, type Plan, finding } from '../basics/model';
import { foldKey } from '../basics/text';

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

/** Placeholders left in the plan (errors: the plan cannot be used until they are replaced). */
export function planPlaceholders(plan: Plan): Finding[] {
  const out: Finding[] = [];
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
    let col = -1;
    let headerRow = -1;
    for (let r = 0; r < Math.min(sheet.rows.length, 30) && col < 0; r++) {
      const row = sheet.rows[r] ?? [];
      for (let c = 0; c < row.length; c++)
        if (foldKey(cellText(getCell(sheet, r, c))) === key) {
          col = c;
          headerRow = r;
          break;
        }
    }
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
