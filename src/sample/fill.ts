/**
 * Filling a template the way a clerk at an agency would: a deterministic PRNG picks statuses, result phrases and
 * figures; options make the messy variants agencies really send.
 */
import ExcelJS from 'exceljs';
import { type IsoDate, toUtcDate } from '../core/basics/dates';
import { type Agency, type Plan, type TaskStatus, TASK_STATUS_LABELS } from '../core/basics/model';
import { indicatorsOf, tasksOf } from '../core/plan/plan-read';
import { buildTemplateWorkbook, META_SHEET } from '../core/plan/template';

/** A small deterministic PRNG (mulberry32), so the sample is the same on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RESULT_PHRASES: Record<TaskStatus, string[]> = {
  done: [
    'Đã tổ chức {n} hoạt động theo kế hoạch',
    'Đã triển khai đầy đủ; {n} lượt cán bộ tham gia',
    'Hoàn thành, có báo cáo kèm theo',
    'Đã thực hiện {n} đợt',
  ],
  inProgress: [
    'Đang triển khai, dự kiến xong quý III',
    'Đã thực hiện một phần ({n}%)',
    'Đang phối hợp với các đơn vị liên quan',
  ],
  notStarted: ['Chưa bố trí được kinh phí', 'Sẽ triển khai trong quý IV'],
  notApplicable: ['Không thuộc chức năng, nhiệm vụ của đơn vị'],
};

export interface FillOptions {
  seed: number;
  reportDate: IsoDate;
  /** Messy variants (what agencies really do). */
  renameSheet?: string;
  statusWithoutDiacritics?: boolean;
  textNumbers?: boolean;
  dropMeta?: boolean;
  badValues?: boolean;
  periodText?: string;
}

function stripDiacritics(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

/** Fills an agency's template the way a clerk at the agency would, and returns the workbook. */
export function fillTemplate(plan: Plan, agency: Agency, opts: FillOptions): ExcelJS.Workbook {
  const { workbook, layout } = buildTemplateWorkbook(plan, agency);
  const rnd = prng(opts.seed);
  const ws = workbook.worksheets[0];
  ws.getCell(layout.headerRows.reportDate, layout.valueCol).value = toUtcDate(opts.reportDate);
  ws.getCell(layout.headerRows.preparedBy, layout.valueCol).value =
    'Nguyễn Văn ' + ['An', 'Bình', 'Cường', 'Dũng', 'Hà', 'Lan'][Math.floor(rnd() * 6)];
  ws.getCell(layout.headerRows.phone, layout.valueCol).value = `0299 3${String(Math.floor(rnd() * 900000) + 100000)}`;
  if (opts.periodText) ws.getCell(layout.headerRows.period, layout.valueCol).value = opts.periodText;
  const tasks = tasksOf(plan, agency);
  const indicators = indicatorsOf(plan, tasks);
  let textNumberDone = false;
  tasks.forEach((task, i) => {
    const row = layout.rowOfTask[task.code];
    const roll = rnd();
    const status: TaskStatus =
      roll < 0.6 ? 'done' : roll < 0.85 ? 'inProgress' : roll < 0.95 ? 'notStarted' : 'notApplicable';
    let label: string = TASK_STATUS_LABELS[status];
    if (opts.statusWithoutDiacritics)
      label = i % 2 === 0 ? stripDiacritics(label) : stripDiacritics(label).toUpperCase();
    if (opts.badValues && i === 0) label = 'Tốt';
    ws.getCell(row, layout.col.status).value = label;
    const phrases = RESULT_PHRASES[status];
    ws.getCell(row, layout.col.result).value = phrases[Math.floor(rnd() * phrases.length)].replace(
      '{n}',
      String(1 + Math.floor(rnd() * 9)),
    );
    for (const ind of indicators.filter((x) => x.taskCode === task.code)) {
      if (status === 'notApplicable' || status === 'notStarted') continue;
      const cell = ws.getCell(row, layout.col.indicators[ind.code]);
      const value =
        ind.unit === '%'
          ? 50 + Math.floor(rnd() * 50)
          : ind.unit === 'ha'
            ? Math.round(rnd() * 5000) / 10
            : ind.unit.includes('người')
              ? 100 + Math.floor(rnd() * 2000)
              : 1 + Math.floor(rnd() * 12);
      if (opts.textNumbers && !textNumberDone && value >= 100) {
        cell.value = '1.234';
        textNumberDone = true;
      } else if (opts.badValues && ind.code === indicators[indicators.length - 1].code) {
        cell.value = `khoảng ${value}`;
      } else cell.value = value;
    }
  });
  if (opts.textNumbers && !textNumberDone && indicators.length > 0) {
    const ind = indicators[0];
    ws.getCell(layout.rowOfTask[ind.taskCode], layout.col.indicators[ind.code]).value = '1.234';
    ws.getCell(layout.rowOfTask[ind.taskCode], layout.col.status).value = TASK_STATUS_LABELS.done;
  }
  if (opts.renameSheet) ws.name = opts.renameSheet;
  if (opts.dropMeta) {
    const meta = workbook.getWorksheet(META_SHEET);
    if (meta) workbook.removeWorksheet(meta.id);
  }
  return workbook;
}
