/**
 * Reading the task rows of a submission's report table: which task each row answers, its status (a cell, or a mark
 * in one column per status), its indicator figures, and any cell outside the template's columns. Every row keeps
 * the cell it came from; every problem is a Finding at its cell.
 */
import {
  type CellValue,
  cellAddress,
  cellText,
  getCell,
  isEmptyCell,
  isFormulaWithoutResult,
  rowIsEmpty,
} from '../basics/grid';
import {
  type Agency,
  type Finding,
  type Plan,
  type ReportedRow,
  type Submission,
  type Task,
  type TaskStatus,
  TASK_STATUSES,
  finding,
} from '../basics/model';
import { indicatorsOf, tasksOf } from '../plan/plan-read';
import { indicatorHeader } from '../plan/template-labels';
import { cleanText, compactKey, foldKey, formatNumberVi, normaliseCode } from '../basics/text';
import { isMark, parseStatus, readNumber } from '../basics/values';
import { type TableFound } from './submission-table';

/** What every row of one table is read against (built once per table). */
interface RowContext {
  table: TableFound;
  plan: Plan;
  findings: Finding[];
  where: (r: number, c: number) => { file: string; sheet: string; cell: string };
  required: Task[];
  requiredCodes: Set<string>;
  planCodes: Map<string, Task>;
  /** Task code → the cell of the first row that answered it. */
  seen: Map<string, string>;
  /** Columns the template knows; content elsewhere is reported. */
  reservedCols: Set<number>;
  /** Built only when a row has no task code (folding every title for every file cost more than the rows). */
  titleIndex: Map<string, string> | null;
  /** foldKey, remembered across the files of the plan (labels.ts FoldMemo). */
  fold: (text: string) => string;
}

export function readRows(
  sub: Submission,
  table: TableFound,
  plan: Plan,
  agency: Agency,
  fold: (text: string) => string = foldKey,
): void {
  const { sheet, header, indicatorCols, statusCols } = table;
  const file = sub.file;
  const col = header.columns;
  const required = tasksOf(plan, agency);
  const ctx: RowContext = {
    table,
    plan,
    findings: sub.findings,
    where: (r, c) => ({ file, sheet: sheet.name, cell: cellAddress(sheet, r, c) }),
    required,
    requiredCodes: new Set(required.map((t) => t.code)),
    planCodes: new Map(plan.tasks.map((t) => [t.code, t])),
    seen: new Map(),
    reservedCols: new Set<number>(
      [...Object.values(col), ...indicatorCols.values(), ...statusCols.values()].filter(
        (c): c is number => c !== undefined,
      ),
    ),
    titleIndex: null,
    fold,
  };
  for (const ind of indicatorsOf(plan, required)) {
    if (!indicatorCols.has(ind.code)) {
      sub.findings.push(
        finding(
          'warning',
          'indicator.column_missing',
          `Không có cột chỉ tiêu "${indicatorHeader(ind)}"; chỉ tiêu này coi như chưa báo cáo.`,
          { file, sheet: sheet.name, cell: cellAddress(sheet, header.row, 0) },
        ),
      );
    }
  }
  for (let r = table.dataStart; r < sheet.rows.length; r++) {
    const row = readRow(ctx, r);
    if (row) sub.rows.push(row);
  }
  const missing = required.filter((t) => !ctx.seen.has(t.code)).map((t) => t.code);
  if (missing.length > 0) {
    sub.findings.push(
      finding('warning', 'task.missing', `Thiếu dòng báo cáo cho nhiệm vụ: ${missing.join(', ')}.`, {
        file,
        sheet: sheet.name,
      }),
    );
  }
}

/** One row of the table: a task's answer, or null (empty, total, heading, unknown or repeated task). */
function readRow(ctx: RowContext, r: number): ReportedRow | null {
  const { sheet, header, indicatorCols, statusCols } = ctx.table;
  const col = header.columns;
  const row = sheet.rows[r];
  if (rowIsEmpty(row)) return null;
  const text = (c: number | undefined) => (c !== undefined ? cellText(getCell(sheet, r, c)) : '');
  if (isTotalRow(ctx, row)) {
    ctx.findings.push(
      finding('warning', 'row.total_skipped', 'Dòng tổng cộng được bỏ qua (tonghop tự cộng).', ctx.where(r, 0)),
    );
    return null;
  }
  const answerCells = [col.status, col.result, ...indicatorCols.values(), ...statusCols.values()].filter(
    (c): c is number => c !== undefined,
  );
  const hasAnswer = answerCells.some((c) => !isEmptyCell(getCell(sheet, r, c)));
  const code = taskOfRow(ctx, r, normaliseCode(text(col.taskCode)), () => text(col.taskTitle), hasAnswer);
  if (code === null) return null;
  const codeCell = col.taskCode ?? col.taskTitle ?? 0;
  const status = readStatus(ctx, r, code, text(col.status));
  const indicators = readIndicators(ctx, r, code);
  unknownCells(ctx, r, row ?? []);
  return {
    taskCode: code,
    status,
    result: text(col.result),
    note: text(col.note),
    indicators,
    source: ctx.where(r, codeCell),
  };
}

const TOTAL_WORDS = ['tong', 'tong cong', 'cong', 'tong so', 'total'];

/** A total row ("Tổng cộng"): its first cell with text is one of the total words. */
function isTotalRow(ctx: RowContext, row: CellValue[] | undefined): boolean {
  for (const v of row ?? []) {
    const t = cellText(v);
    if (t === '') continue;
    // a number, a truth value or a date never reads as a total word: no folding for them
    if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return false;
    return TOTAL_WORDS.includes(ctx.fold(t));
  }
  return false;
}

/**
 * The plan task a row answers (by its code, or by its title when the code cell is empty), or null when the row
 * does not count: no task (a heading or a note line), a task not in the plan or not assigned, a repeated task.
 */
function taskOfRow(
  ctx: RowContext,
  r: number,
  written: string,
  titleOf: () => string, // read only when the code cell is empty
  hasAnswer: boolean,
): string | null {
  const col = ctx.table.header.columns;
  const push = (severity: 'error' | 'warning', code: string, msg: string, c: number) =>
    ctx.findings.push(finding(severity, code, msg, ctx.where(r, c)));
  let code = written;
  const titleCol = col.taskTitle;
  const title = code === '' && titleCol !== undefined ? titleOf() : '';
  if (titleCol !== undefined && title !== '') {
    ctx.titleIndex ??= new Map(ctx.plan.tasks.map((t) => [compactKey(t.title), t.code]));
    const byTitle = ctx.titleIndex.get(compactKey(title));
    if (byTitle) {
      code = byTitle;
      push(
        'warning',
        'task.matched_by_title',
        `Dòng không ghi mã nhiệm vụ; nhận là nhiệm vụ ${byTitle} theo tên.`,
        col.taskCode ?? titleCol,
      );
    }
  }
  if (code === '') {
    if (hasAnswer)
      push(
        'error',
        'task.code_empty',
        'Dòng có nội dung nhưng không có mã nhiệm vụ; không tính được.',
        col.taskCode ?? 0,
      );
    return null; // a section heading or a note line
  }
  const codeCell = col.taskCode ?? col.taskTitle ?? 0;
  if (!ctx.planCodes.has(code)) {
    push('error', 'task.unknown', `Mã nhiệm vụ "${code}" không có trong kế hoạch; dòng này không được tính.`, codeCell);
    return null;
  }
  if (!ctx.requiredCodes.has(code)) {
    push(
      'warning',
      'task.not_assigned',
      `Nhiệm vụ ${code} không thuộc danh sách đơn vị phải báo cáo; dòng này không được tính.`,
      codeCell,
    );
    return null;
  }
  if (ctx.seen.has(code)) {
    push(
      'error',
      'task.duplicate',
      `Nhiệm vụ ${code} xuất hiện hai lần (lần đầu ở ô ${ctx.seen.get(code)}); chỉ tính dòng đầu.`,
      codeCell,
    );
    return null;
  }
  ctx.seen.set(code, cellAddress(ctx.table.sheet, r, codeCell));
  return code;
}

/** The status of a row: the status cell, or the one status column marked. */
function readStatus(ctx: RowContext, r: number, code: string, statusText: string): TaskStatus | null {
  const { sheet, header, statusCols } = ctx.table;
  const col = header.columns;
  let status: TaskStatus | null = null;
  if (col.status !== undefined && statusText !== '') {
    status = parseStatus(statusText, ctx.fold);
    if (!status) {
      const raw = getCell(sheet, r, col.status);
      ctx.findings.push(
        finding(
          'error',
          isFormulaWithoutResult(raw) ? 'formula.no_result' : 'status.invalid',
          isFormulaWithoutResult(raw)
            ? `Ô tình trạng là công thức chưa có kết quả lưu trong tệp.`
            : `Tình trạng "${statusText}" không hợp lệ (chọn: Đã hoàn thành, Đang thực hiện, Chưa thực hiện, Không thuộc phạm vi).`,
          ctx.where(r, col.status),
        ),
      );
    }
  } else if (statusCols.size > 0) {
    const marked = TASK_STATUSES.filter((s) => statusCols.has(s) && isMark(getCell(sheet, r, statusCols.get(s)!)));
    if (marked.length === 1) status = marked[0];
    else if (marked.length > 1) {
      ctx.findings.push(
        finding(
          'error',
          'status.several',
          `Đánh dấu nhiều tình trạng cho nhiệm vụ ${code}.`,
          ctx.where(r, statusCols.get(marked[0])!),
        ),
      );
    }
  }
  if (status === null && col.status !== undefined && statusText === '') {
    ctx.findings.push(
      finding('warning', 'status.empty', `Nhiệm vụ ${code} chưa chọn tình trạng.`, ctx.where(r, col.status)),
    );
  }
  return status;
}

/** The indicator figures of a row, each a number with its cell; text, errors and other tasks' figures are reported. */
function readIndicators(ctx: RowContext, r: number, code: string): ReportedRow['indicators'] {
  const indicators: ReportedRow['indicators'] = {};
  for (const [indCode, c] of ctx.table.indicatorCols) {
    const ind = ctx.plan.indicators.find((i) => i.code === indCode)!;
    const reading = readNumber(getCell(ctx.table.sheet, r, c));
    const push = (severity: 'error' | 'warning', code: string, msg: string) =>
      ctx.findings.push(finding(severity, code, msg, ctx.where(r, c)));
    if (!reading.ok) {
      if (reading.reason === 'empty') continue;
      const msg =
        reading.reason === 'formula_no_result'
          ? `Chỉ tiêu "${ind.name}" là công thức chưa có kết quả lưu trong tệp (${reading.text}); mở tệp bằng Excel, tính lại và lưu.`
          : reading.reason === 'error_value'
            ? `Chỉ tiêu "${ind.name}" có giá trị lỗi ${reading.text}.`
            : `Chỉ tiêu "${ind.name}" không phải số: "${reading.text}".`;
      push('error', reading.reason === 'formula_no_result' ? 'formula.no_result' : 'indicator.not_number', msg);
      continue;
    }
    if (ind.taskCode !== code) {
      push(
        'warning',
        'indicator.wrong_task',
        `Chỉ tiêu "${ind.name}" thuộc nhiệm vụ ${ind.taskCode}, không tính ở dòng nhiệm vụ ${code} (giá trị ${formatNumberVi(reading.value)}).`,
      );
      continue;
    }
    if (reading.unit && ind.unit && compactKey(reading.unit) !== compactKey(ind.unit)) {
      push(
        'warning',
        'indicator.unit',
        `Đơn vị "${reading.unit}" khác đơn vị tính của chỉ tiêu (${ind.unit}); vẫn lấy số ${formatNumberVi(reading.value)}.`,
      );
    }
    indicators[indCode] = { value: reading.value, source: ctx.where(r, c) };
  }
  return indicators;
}

/** Cells outside known columns with content: kept visible as a finding, never dropped silently. */
function unknownCells(ctx: RowContext, r: number, row: CellValue[]): void {
  row.forEach((v, c) => {
    if (!ctx.reservedCols.has(c) && !isEmptyCell(v)) {
      ctx.findings.push(
        finding(
          'warning',
          'cell.unknown_column',
          `Ô có nội dung ("${cleanText(cellText(v)).slice(0, 40)}") ở cột không thuộc mẫu; không được tổng hợp.`,
          ctx.where(r, c),
        ),
      );
    }
  });
}
