/**
 * The contract of the report's hidden sheet (written by report/, read one level up by intake/).
 * The machine-readable part of the report workbook: a hidden sheet with the consolidated figures per task and
 * indicator, the overall and per-group completeness, and who sends it. One level up (a ministry consolidating
 * provinces, a province consolidating districts) reads this sheet instead of the visible tables.
 */
import { z } from 'zod';
import { fromUtcDate } from './dates';
import { type CellValue, type SheetGrid, cellText, getCell } from './grid';
import { REPORT_COUNT_KEYS } from './counts';
import { AGENCY_KINDS, AGGREGATES, countsShape, isoDateSchema } from './model';

export const REPORT_DATA_SHEET = '_tonghop_baocao';
export const REPORT_DATA_MARKER = 'tonghop-report';
export const REPORT_DATA_VERSION = 1;

const SECTION = { tasks: '#tasks', indicators: '#indicators', groups: '#groups' } as const;

const TASK_HEADER = [
  'taskCode',
  'title',
  'required',
  'done',
  'inProgress',
  'notStarted',
  'notApplicable',
  'noAnswer',
] as const;
const INDICATOR_HEADER = ['taskCode', 'code', 'name', 'unit', 'aggregate', 'value', 'count'] as const;
const GROUP_HEADER = ['name', 'kind', ...REPORT_COUNT_KEYS] as const;

const count = z.number().int().nonnegative();
export const reportDataSchema = z.object({
  version: z.number().int().positive(),
  plan: z.string().min(1),
  planTitle: z.string().default(''),
  /** The superior's plan or letter this report answers (what one level up checks). */
  upwardPlan: z.string().default(''),
  period: z.string().default(''),
  asOf: isoDateSchema,
  deadline: isoDateSchema,
  issuer: z.string().default(''),
  superiorBody: z.string().default(''),
  /** The sender's code in the superior's plan, when known. */
  agencyCode: z.string().default(''),
  reportNumber: z.string().default(''),
  reportDate: isoDateSchema.nullable().default(null),
  overall: z.object(countsShape(REPORT_COUNT_KEYS)),
  tasks: z.array(
    z.object({
      taskCode: z.string().min(1),
      title: z.string().default(''),
      required: count,
      done: count,
      inProgress: count,
      notStarted: count,
      notApplicable: count,
      noAnswer: count,
    }),
  ),
  indicators: z.array(
    z.object({
      taskCode: z.string().min(1),
      code: z.string().min(1),
      name: z.string().default(''),
      unit: z.string().default(''),
      aggregate: z.enum(AGGREGATES),
      value: z.number().nullable(),
      count: count,
    }),
  ),
  groups: z.array(z.object({ name: z.string(), kind: z.enum(AGENCY_KINDS), ...countsShape(REPORT_COUNT_KEYS) })),
});
export type ReportData = z.infer<typeof reportDataSchema>;

type Cell = string | number | null;

/** The hidden sheet as rows: key/value lines, then one section per table with a header line. */
export function reportDataRows(d: ReportData): Cell[][] {
  const rows: Cell[][] = [[REPORT_DATA_MARKER, d.version]];
  const kv: [string, Cell][] = [
    ['plan', d.plan],
    ['planTitle', d.planTitle],
    ['upwardPlan', d.upwardPlan],
    ['period', d.period],
    ['asOf', d.asOf],
    ['deadline', d.deadline],
    ['issuer', d.issuer],
    ['superiorBody', d.superiorBody],
    ['agencyCode', d.agencyCode],
    ['reportNumber', d.reportNumber],
    ['reportDate', d.reportDate],
    ...REPORT_COUNT_KEYS.map((k): [string, Cell] => [k, d.overall[k]]),
  ];
  for (const [k, v] of kv) rows.push([k, v === '' ? null : v]);
  rows.push([]);
  rows.push([SECTION.tasks]);
  rows.push([...TASK_HEADER]);
  for (const t of d.tasks) rows.push(TASK_HEADER.map((k) => t[k]));
  rows.push([]);
  rows.push([SECTION.indicators]);
  rows.push([...INDICATOR_HEADER]);
  for (const i of d.indicators) rows.push(INDICATOR_HEADER.map((k) => i[k]));
  rows.push([]);
  rows.push([SECTION.groups]);
  rows.push([...GROUP_HEADER]);
  for (const g of d.groups) rows.push(GROUP_HEADER.map((k) => g[k]));
  return rows;
}

/** Is this sheet the report data sheet (by marker in A1, whatever its name or state)? */
export function isReportDataSheet(sheet: SheetGrid): boolean {
  return cellText(getCell(sheet, 0, 0)) === REPORT_DATA_MARKER;
}

function plain(v: CellValue): string | number | null {
  if (v === null) return null;
  if (typeof v === 'number') return v;
  if (v instanceof Date) return fromUtcDate(v); // the one date-cell rule (ExcelJS's rounding error included)
  const t = cellText(v);
  return t === '' ? null : t;
}

function numberOrText(v: string | number | null): number | string | null {
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return v;
}

/** Reads the sheet back into raw objects (zod checks them in the caller, with cell addresses for problems). */
export function parseReportDataSheet(sheet: SheetGrid): {
  data: ReportData | null;
  problems: { row: number; message: string }[];
  /** Grid row index of each task and indicator line (same order as data.tasks / data.indicators). */
  rowsOf: { tasks: number[]; indicators: number[] };
} {
  const problems: { row: number; message: string }[] = [];
  const kv: Record<string, string | number | null> = {};
  const sections: Record<string, { header: string[]; rows: { row: number; values: (string | number | null)[] }[] }> =
    {};
  let current: string | null = null;
  for (let r = 1; r < sheet.rows.length; r++) {
    const row = (sheet.rows[r] ?? []).map(plain);
    const first = row[0];
    if (row.every((v) => v === null)) continue;
    if (typeof first === 'string' && first.startsWith('#')) {
      current = first;
      sections[current] = { header: [], rows: [] };
      continue;
    }
    if (current === null) {
      if (typeof first === 'string') kv[first] = row[1] ?? null;
      continue;
    }
    const sec = sections[current];
    if (sec.header.length === 0) sec.header = row.map((v) => (v === null ? '' : String(v)));
    else sec.rows.push({ row: r, values: row });
  }
  const objects = (name: string, numeric: readonly string[]) =>
    (sections[name]?.rows ?? []).map(({ values }) => {
      const o: Record<string, unknown> = {};
      sections[name].header.forEach((h, i) => {
        const v = values[i] ?? null;
        o[h] = numeric.includes(h) ? numberOrText(v) : v === null ? '' : String(v);
      });
      if (numeric.includes('value') && o.value === '') o.value = null;
      return o;
    });
  const str = (k: string) => (kv[k] === null || kv[k] === undefined ? '' : String(kv[k]));
  const num = (k: string) => numberOrText(kv[k] ?? null);
  const raw = {
    version: numberOrText(plain(getCell(sheet, 0, 1))),
    plan: str('plan'),
    planTitle: str('planTitle'),
    upwardPlan: str('upwardPlan'),
    period: str('period'),
    asOf: str('asOf'),
    deadline: str('deadline'),
    issuer: str('issuer'),
    superiorBody: str('superiorBody'),
    agencyCode: str('agencyCode'),
    reportNumber: str('reportNumber'),
    reportDate: str('reportDate') || null,
    overall: Object.fromEntries(REPORT_COUNT_KEYS.map((k) => [k, num(k)])),
    tasks: objects(SECTION.tasks, ['required', 'done', 'inProgress', 'notStarted', 'notApplicable', 'noAnswer']),
    indicators: objects(SECTION.indicators, ['value', 'count']).map((o) => ({
      ...o,
      value: o.value === null || o.value === '' ? null : o.value,
    })),
    groups: objects(SECTION.groups, REPORT_COUNT_KEYS),
  };
  const rowsOf = {
    tasks: (sections[SECTION.tasks]?.rows ?? []).map((x) => x.row),
    indicators: (sections[SECTION.indicators]?.rows ?? []).map((x) => x.row),
  };
  const parsed = reportDataSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      problems.push({ row: 0, message: `${issue.path.join('.')}: ${issue.message}` });
    return { data: null, problems, rowsOf };
  }
  return { data: parsed.data, problems, rowsOf };
}
