/**
 * The report template sent to each agency: sheet `Báo cáo` (header block + task table with dropdowns,
 * number-only indicator cells, locked codes and titles) and a hidden sheet that lets an import recognise it.
 */
import ExcelJS from 'exceljs';
import { formatDeadlineRule, toUtcDate } from '../basics/dates';
import { type Agency, type Indicator, type Plan, type Task, TASK_STATUS_LABELS, TASK_STATUSES } from '../basics/model';
import { indicatorsOf, tasksOf } from './plan-read';
import { HEADER_FILL, planDay } from './plan-write';
import { DATE_FORMAT, GENERAL_FORMAT } from '../basics/number-formats';
import { fileStem } from '../basics/text';
import { workbookBytes, workbookFont } from '../basics/xlsx-write';
import { repeatableZip } from '../basics/zip-repeatable';
import { CALIBRI_11, columnTextWidth, rowHeight } from '../basics/measure';
import { HEADER_FIELDS, META_MARKER, META_SHEET, REPORT_SHEET, TABLE_LABELS, indicatorHeader } from './template-labels';

export const TEMPLATE_VERSION = 1;
// the template's labels, in their own module: the submission reader needs them, not the workbook writer
export { HEADER_FIELDS, META_MARKER, META_SHEET, REPORT_SHEET, TABLE_LABELS, indicatorHeader } from './template-labels';

export function templateFileName(agency: Agency): string {
  return `${fileStem(agency.code)}.xlsx`;
}

export interface TemplateLayout {
  headerRow: number;
  firstTaskRow: number;
  /** 1-based columns */
  col: {
    index: number;
    taskCode: number;
    taskTitle: number;
    status: number;
    result: number;
    note: number;
    indicators: Record<string, number>;
  };
  rowOfTask: Record<string, number>;
  valueCol: number;
  headerRows: Record<keyof typeof HEADER_FIELDS, number>;
}

const THIN = { style: 'thin' as const, color: { argb: 'FF8C8C8C' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFDE7' } };
const GREY_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEEEEE' } };

export function statusListFormula(): string {
  return `"${TASK_STATUSES.map((s) => TASK_STATUS_LABELS[s]).join(',')}"`;
}

/** Builds the template workbook in memory (the sample generator fills it before saving). */
export function buildTemplateWorkbook(
  plan: Plan,
  agency: Agency,
): { workbook: ExcelJS.Workbook; layout: TemplateLayout } {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'tonghop';
  wb.title = `Mẫu báo cáo ${plan.number} - ${agency.name}`;
  const ws = wb.addWorksheet(REPORT_SHEET, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'frozen', ySplit: 13, xSplit: 0 }],
  });
  const tasks = tasksOf(plan, agency);
  const indicators = indicatorsOf(plan, tasks);
  const col = {
    index: 1,
    taskCode: 2,
    taskTitle: 3,
    status: 4,
    result: 5,
    indicators: {} as Record<string, number>,
    note: 6 + indicators.length,
  };
  indicators.forEach((ind, i) => (col.indicators[ind.code] = 6 + i));
  const widths = [6, 12, 48, 20, 48, ...indicators.map(() => 16), 24];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));

  writeTitle(ws, plan, col.note);
  const headerRows = writeHeaderBlock(ws, plan, agency);
  const headerRow = 13;
  writeTableHeader(ws, headerRow, indicators, widths);
  const rowOfTask: Record<string, number> = {};
  const statusList = statusListFormula();
  tasks.forEach((task, i) => {
    rowOfTask[task.code] = headerRow + 1 + i;
    writeTaskRow(ws.getRow(headerRow + 1 + i), { task, index: i, col, widths, indicators, statusList });
  });

  void ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    formatCells: true,
  });
  addMetaSheet(wb, plan, agency, tasks, indicators);
  const layout: TemplateLayout = { headerRow, firstTaskRow: headerRow + 1, col, rowOfTask, valueCol: 3, headerRows };
  return { workbook: wb, layout };
}

// ---------------------------------------------------------------------------------------------
// The parts of the sheet, top to bottom

/** Title and subtitle (the plan), merged across the table. */
function writeTitle(ws: ExcelJS.Worksheet, plan: Plan, lastCol: number): void {
  ws.mergeCells(1, 1, 1, lastCol);
  const title = ws.getCell(1, 1);
  title.value = 'BÁO CÁO KẾT QUẢ THỰC HIỆN';
  title.font = workbookFont({ bold: true, size: 14 });
  title.alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, lastCol);
  const sub = ws.getCell(2, 1);
  sub.value = `Kế hoạch số ${plan.number}: ${plan.title}`;
  sub.font = workbookFont({ italic: true });
  sub.alignment = { horizontal: 'center', wrapText: true };
  ws.getRow(2).height = 32;
}

/** The header block (agency, plan, period, report date, who prepared it) and the instruction line below it. */
function writeHeaderBlock(ws: ExcelJS.Worksheet, plan: Plan, agency: Agency): TemplateLayout['headerRows'] {
  const headerRows = {} as TemplateLayout['headerRows'];
  const headerValues: Record<keyof typeof HEADER_FIELDS, string | null> = {
    agencyName: agency.name,
    agencyCode: agency.code,
    plan: plan.number,
    period: plan.period || (plan.deadline.kind === 'annual' ? 'Năm ....' : ''),
    reportDate: null,
    preparedBy: null,
    phone: null,
  };
  let r = 4;
  for (const key of Object.keys(HEADER_FIELDS) as (keyof typeof HEADER_FIELDS)[]) {
    headerRows[key] = r;
    ws.mergeCells(r, 1, r, 2);
    const label = ws.getCell(r, 1);
    label.value = HEADER_FIELDS[key];
    label.font = workbookFont({ bold: true });
    const value = ws.getCell(r, 3);
    const v = headerValues[key];
    if (v !== null) value.value = v;
    const editable =
      key === 'reportDate' ||
      key === 'preparedBy' ||
      key === 'phone' ||
      (key === 'period' && plan.deadline.kind === 'annual');
    if (editable) {
      value.protection = { locked: false };
      value.fill = INPUT_FILL;
      value.border = BORDER;
    }
    if (key === 'reportDate') {
      value.numFmt = DATE_FORMAT;
      value.dataValidation = {
        type: 'date',
        operator: 'greaterThan',
        allowBlank: true,
        showErrorMessage: true,
        errorTitle: 'Ngày báo cáo',
        error: 'Nhập ngày dạng dd/mm/yyyy.',
        formulae: [toUtcDate('2000-01-01')],
      };
    }
    r++;
  }
  ws.getCell(r, 1).value =
    `Hạn gửi báo cáo: ${formatDeadlineRule(plan.deadline)}${plan.consolidator ? ` — gửi về ${plan.consolidator}` : ''}. Chọn "Tình trạng" trong danh sách; cột chỉ tiêu chỉ nhập số.`;
  ws.getCell(r, 1).font = workbookFont({ italic: true, size: 10, color: { argb: 'FF555555' } });
  return headerRows;
}

function writeTableHeader(ws: ExcelJS.Worksheet, headerRow: number, indicators: Indicator[], widths: number[]): void {
  const labels = [
    TABLE_LABELS.index,
    TABLE_LABELS.taskCode,
    TABLE_LABELS.taskTitle,
    TABLE_LABELS.status,
    TABLE_LABELS.result,
    ...indicators.map(indicatorHeader),
    TABLE_LABELS.note,
  ];
  const hr = ws.getRow(headerRow);
  labels.forEach((l, i) => {
    const c = hr.getCell(i + 1);
    c.value = l;
    c.font = workbookFont({ bold: true });
    c.fill = HEADER_FILL;
    c.border = BORDER;
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  // every header line shown (an indicator's name and unit can take four), at least three lines high
  const bold = { ...CALIBRI_11, bold: true };
  hr.height = Math.max(
    48,
    rowHeight(labels.map((l, i) => ({ text: l, width: columnTextWidth(widths[i]), font: bold }))),
  );
}

interface TaskRowInput {
  task: Task;
  index: number;
  col: TemplateLayout['col'];
  widths: number[];
  indicators: Indicator[];
  statusList: string;
}

/** One task row: code and title locked, status from a list, result and note free, the task's indicators numeric. */
function writeTaskRow(row: ExcelJS.Row, { task, index, col, widths, indicators, statusList }: TaskRowInput): void {
  row.getCell(col.index).value = index + 1;
  row.getCell(col.taskCode).value = task.code;
  row.getCell(col.taskTitle).value = task.title;
  // the title shown whole (measured in Calibri 11, the workbook's font), at least two lines' room to write in
  const title = [{ text: task.title, width: columnTextWidth(widths[col.taskTitle - 1]), font: CALIBRI_11 }];
  row.height = Math.max(rowHeight(title), 30);
  for (let c = 1; c <= col.note; c++) {
    const cell = row.getCell(c);
    cell.border = BORDER;
    cell.alignment = { vertical: 'top', wrapText: c === col.taskTitle || c === col.result || c === col.note };
  }
  const status = row.getCell(col.status);
  status.protection = { locked: false };
  status.fill = INPUT_FILL;
  status.dataValidation = {
    type: 'list',
    allowBlank: true,
    formulae: [statusList],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: 'Tình trạng',
    error: 'Chọn một giá trị trong danh sách.',
    showInputMessage: true,
    promptTitle: 'Tình trạng',
    prompt: 'Chọn trong danh sách',
  };
  for (const c of [col.result, col.note]) {
    row.getCell(c).protection = { locked: false };
    row.getCell(c).fill = INPUT_FILL;
  }
  for (const ind of indicators) {
    const cell = row.getCell(col.indicators[ind.code]);
    if (ind.taskCode !== task.code) {
      cell.fill = GREY_FILL;
      continue;
    }
    cell.protection = { locked: false };
    cell.fill = INPUT_FILL;
    // General shows what was typed: 30707 as 30707, 12,5 as 12,5 (#,##0.## would show a whole number as "30.707,")
    cell.numFmt = GENERAL_FORMAT;
    cell.dataValidation = {
      type: 'decimal',
      operator: 'between',
      allowBlank: true,
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: indicatorHeader(ind),
      error: 'Chỉ nhập số.',
      formulae: [-1e12, 1e12],
    };
  }
}

/** The hidden sheet that lets an import recognise the template: plan, agency, period, task and indicator codes. */
function addMetaSheet(wb: ExcelJS.Workbook, plan: Plan, agency: Agency, tasks: Task[], indicators: Indicator[]): void {
  const meta = wb.addWorksheet(META_SHEET, { state: 'hidden' });
  meta.addRows([
    [META_MARKER, TEMPLATE_VERSION],
    ['plan', plan.number],
    ['agency', agency.code],
    ['period', plan.period],
    ['tasks', tasks.map((t) => t.code).join(' ')],
    ['indicators', indicators.map((i) => i.code).join(' ')],
  ]);
}

export async function buildTemplate(plan: Plan, agency: Agency): Promise<Uint8Array> {
  // the same bytes for the same plan: dated the plan's day (or a fixed one), never the clock
  return repeatableZip(await workbookBytes(buildTemplateWorkbook(plan, agency).workbook), planDay(plan));
}

/** Agencies that get a template: all agencies of the plan, one file each. */
export async function* buildTemplates(
  plan: Plan,
): AsyncGenerator<{ agency: Agency; fileName: string; bytes: Uint8Array }> {
  for (const agency of plan.agencies) {
    yield { agency, fileName: templateFileName(agency), bytes: await buildTemplate(plan, agency) };
  }
}
