/**
 * Writing a plan as the plan workbook (the same contract readPlan reads). The sheets are defined once as
 * rows of values, so the CLI (ExcelJS) and the task pane (Office.js) write the same thing.
 */
import ExcelJS from 'exceljs';
import { type IsoDate, formatDeadlineRule } from '../basics/dates';
import { AGENCY_KIND_LABELS, AGGREGATE_LABELS, type Plan } from '../basics/model';
import { AGENCY_COLUMNS, INDICATOR_COLUMNS, PLAN_FIELDS, PLAN_SHEETS, TASK_COLUMNS, type PlanField } from './plan-read';
import { DATE_FORMAT } from '../basics/number-formats';
import type { OutValue } from '../basics/sheets';
import { excelValue, workbookBytes, workbookFont } from '../basics/xlsx-write';
import { repeatableZip } from '../basics/zip-repeatable';

export interface PlainSheet {
  name: string;
  rows: OutValue[][];
  widths: number[];
  /** Row index (0-based) of a table header, bold and frozen; -1 for the label/value sheet. */
  headerRow: number;
}

const labelOf = (cols: readonly { key: string; labels: readonly string[] }[], key: string) =>
  cols.find((c) => c.key === key)!.labels[0];

/** The plan as four sheets of plain rows. Extra columns (e.g. `Nguồn`, `Cần kiểm tra`) may be appended by callers. */
export function planSheets(plan: Plan): PlainSheet[] {
  const planRows: [PlanField, OutValue][] = [
    ['number', plan.number],
    ['title', plan.title],
    ['issuer', plan.issuer],
    ['issuedOn', plan.issuedOn ? { date: plan.issuedOn } : null],
    ['consolidator', plan.consolidator],
    ['deadline', plan.deadline.kind === 'fixed' ? { date: plan.deadline.date } : formatDeadlineRule(plan.deadline)],
    ['period', plan.period],
    [
      'upwardDeadline',
      plan.upwardDeadline
        ? plan.upwardDeadline.kind === 'fixed'
          ? { date: plan.upwardDeadline.date }
          : formatDeadlineRule(plan.upwardDeadline)
        : null,
    ],
    ['recipients', plan.recipients],
    ['superiorBody', plan.superiorBody],
    ['reportNumber', plan.reportNumber],
    ['place', plan.place],
    ['signerTitle', plan.signerTitle],
    ['signerName', plan.signerName],
  ];
  const sheets: PlainSheet[] = [
    {
      name: PLAN_SHEETS.plan,
      rows: planRows.map(([k, v]) => [PLAN_FIELDS[k][0], v === '' ? null : v]),
      widths: [26, 80],
      headerRow: -1,
    },
    {
      name: PLAN_SHEETS.tasks,
      rows: [
        TASK_COLUMNS.map((c) => c.labels[0]),
        ...plan.tasks.map((t) => [t.code, t.title, t.section || null, t.lead || null]),
      ],
      widths: [8, 80, 30, 30],
      headerRow: 0,
    },
    {
      name: PLAN_SHEETS.indicators,
      rows: [
        INDICATOR_COLUMNS.map((c) => c.labels[0]),
        ...plan.indicators.map((i) => [i.code, i.name, i.unit || null, i.taskCode, AGGREGATE_LABELS[i.aggregate]]),
      ],
      widths: [12, 50, 14, 14, 16],
      headerRow: 0,
    },
    {
      name: PLAN_SHEETS.agencies,
      rows: [
        [
          labelOf(AGENCY_COLUMNS, 'code'),
          labelOf(AGENCY_COLUMNS, 'name'),
          labelOf(AGENCY_COLUMNS, 'kind'),
          labelOf(AGENCY_COLUMNS, 'area'),
          labelOf(AGENCY_COLUMNS, 'tasks'),
          labelOf(AGENCY_COLUMNS, 'email'),
        ],
        ...plan.agencies.map((a) => [
          a.code,
          a.name,
          AGENCY_KIND_LABELS[a.kind],
          a.area || null,
          a.tasks.join(', ') || null,
          a.email || null,
        ]),
      ],
      widths: [14, 50, 16, 24, 22, 30],
      headerRow: 0,
    },
  ];
  return sheets;
}

/** The fill of a table's header row (the plan workbook and the template). */
export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

export function addPlainSheet(wb: ExcelJS.Workbook, sheet: PlainSheet): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(
    sheet.name,
    sheet.headerRow >= 0 ? { views: [{ state: 'frozen', ySplit: sheet.headerRow + 1 }] } : {},
  );
  sheet.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  sheet.rows.forEach((values, r) => {
    const row = ws.getRow(r + 1);
    values.forEach((v, c) => {
      const cell = row.getCell(c + 1);
      cell.value = excelValue(v);
      if (v !== null && typeof v === 'object') cell.numFmt = DATE_FORMAT;
      if (typeof v === 'string' && v.length > 60) cell.alignment = { wrapText: true, vertical: 'top' };
    });
    if (r === sheet.headerRow) {
      row.font = workbookFont({ bold: true });
      values.forEach((_, c) => (row.getCell(c + 1).fill = HEADER_FILL));
    }
    if (sheet.headerRow < 0) row.getCell(1).font = workbookFont({ bold: true });
  });
  return ws;
}

/** The day a plan's files (the plan workbook, its templates) are dated: its own date, else a fixed day. */
export function planDay(plan: Plan): IsoDate {
  return plan.issuedOn ?? '1980-01-01';
}

export async function writePlanWorkbook(plan: Plan, sheets: PlainSheet[] = planSheets(plan)): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'tonghop';
  wb.title = `Kế hoạch ${plan.number}`;
  for (const s of sheets) addPlainSheet(wb, s);
  return repeatableZip(await workbookBytes(wb), planDay(plan)); // the same bytes for the same plan
}
