/**
 * The summary workbook's hidden, versioned, machine-readable sheet: the consolidation in plain rows, so that
 * `tonghop history` (and any other program) reads the periods back without parsing the visible sheets.
 *
 *   A1 "tonghop-summary", B1 version
 *   key/value lines (plan, planTitle, period, asOf, deadline, … and the overall counts)
 *   "#agencies", a header line, one line per agency
 *   "#groups", a header line, one line per group
 *
 * A new version may add keys and columns; a reader of version N reads any file of version ≤ N.
 */
import { z } from 'zod';
import { type CellValue, type SheetGrid, cellText, getCell } from '../basics/grid';
import { COUNT_KEYS } from '../basics/counts';
import { AGENCY_KINDS, AGENCY_STATUSES, countsShape, isoDateSchema } from '../basics/model';
import type { HiddenSheet } from '../basics/sheets';
import type { Consolidation } from './types';

export const SUMMARY_DATA_SHEET = '_tonghop_tonghop';
export const SUMMARY_DATA_MARKER = 'tonghop-summary';
export const SUMMARY_DATA_VERSION = 1;

const AGENCY_HEADER = [
  'code',
  'name',
  'kind',
  'group',
  'area',
  'status',
  'daysLate',
  'daysOverdue',
  'receivedOn',
  'file',
] as const;
const GROUP_HEADER = ['name', 'kind', ...COUNT_KEYS] as const;
const KEYS = ['plan', 'planTitle', 'issuer', 'consolidator', 'period', 'asOf', 'deadline'] as const;

const days = z.number().int().nonnegative().nullable();
const countsSchema = countsShape(COUNT_KEYS);
export const summaryDataSchema = z.object({
  version: z.number().int().positive(),
  plan: z.string().min(1),
  planTitle: z.string(),
  issuer: z.string(),
  consolidator: z.string(),
  period: z.string(),
  asOf: isoDateSchema,
  deadline: isoDateSchema,
  overall: z.object(countsSchema),
  agencies: z.array(
    z.object({
      code: z.string().min(1),
      name: z.string(),
      kind: z.enum(AGENCY_KINDS),
      group: z.string(),
      area: z.string(),
      status: z.enum(AGENCY_STATUSES),
      daysLate: days,
      daysOverdue: days,
      receivedOn: isoDateSchema.nullable(),
      file: z.string().nullable(),
    }),
  ),
  groups: z.array(z.object({ name: z.string(), kind: z.enum(AGENCY_KINDS), ...countsSchema })),
});
export type SummaryData = z.infer<typeof summaryDataSchema>;

type Cell = string | number | null;

/** The hidden sheet written beside the summary sheets. */
export function summaryDataSheet(c: Consolidation): HiddenSheet {
  const kv: Record<(typeof KEYS)[number], string> = {
    plan: c.plan.number,
    planTitle: c.plan.title,
    issuer: c.plan.issuer,
    consolidator: c.plan.consolidator,
    period: c.period,
    asOf: c.asOf,
    deadline: c.deadline,
  };
  const rows: Cell[][] = [[SUMMARY_DATA_MARKER, SUMMARY_DATA_VERSION]];
  for (const k of KEYS) rows.push([k, kv[k] === '' ? null : kv[k]]);
  for (const k of COUNT_KEYS) rows.push([k, c.overall[k]]);
  rows.push([], ['#agencies'], [...AGENCY_HEADER]);
  for (const a of c.agencies) rows.push(AGENCY_HEADER.map((k) => (a[k] === '' ? null : a[k])));
  rows.push([], ['#groups'], [...GROUP_HEADER]);
  for (const g of c.groups) rows.push(GROUP_HEADER.map((k) => g[k]));
  return { name: SUMMARY_DATA_SHEET, rows };
}

export function isSummaryDataSheet(sheet: SheetGrid): boolean {
  return cellText(getCell(sheet, 0, 0)) === SUMMARY_DATA_MARKER;
}

function plain(v: CellValue): Cell {
  if (v === null) return null;
  if (typeof v === 'number') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const t = cellText(v);
  return t === '' ? null : t;
}

const NUMERIC = new Set<string>([...COUNT_KEYS, 'daysLate', 'daysOverdue']);
const COUNT_KEY_SET = new Set<string>(COUNT_KEYS);
function typed(key: string, v: Cell): unknown {
  if (NUMERIC.has(key)) return typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
  if (v === null) return ['receivedOn', 'file'].includes(key) ? null : '';
  return String(v);
}

/** The raw object of the sheet: key/value lines, then sections. */
function rawOf(sheet: SheetGrid): Record<string, unknown> {
  const raw: Record<string, unknown> = { version: plain(getCell(sheet, 0, 1)) };
  const overall: Record<string, unknown> = {};
  const sections: Record<string, Record<string, unknown>[]> = {};
  let header: string[] | null = null;
  let current: string | null = null;
  for (let r = 1; r < sheet.rows.length; r++) {
    const row = (sheet.rows[r] ?? []).map(plain);
    if (row.every((v) => v === null)) continue;
    const first = row[0];
    if (typeof first === 'string' && first.startsWith('#')) {
      current = first.slice(1);
      sections[current] = [];
      header = null;
    } else if (current === null && typeof first === 'string') {
      if (COUNT_KEY_SET.has(first)) overall[first] = typed(first, row[1] ?? null);
      else raw[first] = typed(first, row[1] ?? null);
    } else if (current !== null && header === null) {
      header = row.map((v) => (v === null ? '' : String(v)));
    } else if (current !== null && header !== null) {
      const h = header;
      sections[current].push(Object.fromEntries(h.map((k, i) => [k, typed(k, row[i] ?? null)])));
    }
  }
  return { ...raw, overall, agencies: sections.agencies ?? [], groups: sections.groups ?? [] };
}

export type SummaryDataRead =
  { ok: true; data: SummaryData } | { ok: false; problem: 'newer' | 'invalid'; message: string };

/** Reads the hidden sheet back: the data, or why not (in Vietnamese, naming the sheet). */
export function readSummaryDataSheet(sheet: SheetGrid): SummaryDataRead {
  const raw = rawOf(sheet);
  const version = typeof raw.version === 'number' ? raw.version : Number(raw.version);
  if (Number.isInteger(version) && version > SUMMARY_DATA_VERSION)
    return {
      ok: false,
      problem: 'newer',
      message: `trang "${sheet.name}" có dữ liệu phiên bản ${version}, mới hơn phiên bản ${SUMMARY_DATA_VERSION} mà tonghop này đọc được: hãy cập nhật tonghop.`,
    };
  const parsed = summaryDataSchema.safeParse({ ...raw, version });
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return {
      ok: false,
      problem: 'invalid',
      message: `trang "${sheet.name}" bị sửa hoặc hỏng (${first.path.join('.')}: ${first.message}).`,
    };
  }
  return { ok: true, data: parsed.data };
}
