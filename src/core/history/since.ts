/**
 * What changed since an earlier summary (`tonghop consolidate --since <summary.xlsx>`): the earlier run read back
 * from its hidden data sheet (consolidate/summary-data.ts) and its `Sổ tiếp nhận` sheet, compared with this run's
 * consolidation. Files: new since, content changed under the same name, no longer in the folder. Agencies: a report
 * received since (were missing or rejected), their counted file replaced, still missing, another status.
 */
import { type IsoDate, formatDateVi } from '../basics/dates';
import { type WorkbookGrid, cellText, getCell, rowIsEmpty } from '../basics/grid';
import { findHeader, findSheet } from '../basics/labels';
import {
  type AgencyStatus,
  type IntakeVerdict,
  AGENCY_STATUS_LABELS,
  INTAKE_VERDICT_LABELS,
  INTAKE_VERDICTS,
} from '../basics/model';
import { type OutSheet, type Tone, column, tableOf } from '../basics/sheets';
import { SUMMARY_SHEETS } from '../consolidate/summary-names';
import type { SummaryData } from '../consolidate/summary-data';
import type { Consolidation } from '../consolidate/types';
import { readSummaryFile } from './history';

/** One file of the earlier run's `Sổ tiếp nhận`. */
export interface EarlierFile {
  file: string;
  sha256: string;
  verdict: IntakeVerdict | null;
}

export interface EarlierSummary {
  file: string;
  data: SummaryData;
  /** Null when its `Sổ tiếp nhận` could not be read (files are then compared through the agencies only). */
  intake: EarlierFile[] | null;
}

export const SINCE_FILE_CHANGES = ['new', 'changed', 'gone'] as const;
export type SinceFileChange = (typeof SINCE_FILE_CHANGES)[number];
export const SINCE_FILE_LABELS: Record<SinceFileChange, string> = {
  new: 'Tệp mới',
  changed: 'Tệp đã thay nội dung',
  gone: 'Tệp không còn trong thư mục',
};

export const SINCE_AGENCY_CHANGES = ['submitted', 'replaced', 'still_missing', 'status'] as const;
export type SinceAgencyChange = (typeof SINCE_AGENCY_CHANGES)[number];
export const SINCE_AGENCY_LABELS: Record<SinceAgencyChange, string> = {
  submitted: 'Mới nộp',
  replaced: 'Gửi bản thay thế',
  still_missing: 'Vẫn chưa nộp',
  status: 'Đổi tình trạng',
};

export interface FileChange {
  change: SinceFileChange;
  file: string;
  agencyCode: string | null;
  agencyName: string | null;
  /** What became of it in this run (null: gone). */
  verdict: IntakeVerdict | null;
  receivedOn: IsoDate | null;
}

export interface AgencyChange {
  change: SinceAgencyChange;
  code: string;
  name: string;
  /** Null: the agency was not in the earlier summary (added to the plan since). */
  before: AgencyStatus | null;
  after: AgencyStatus;
  fileBefore: string | null;
  file: string | null;
  receivedOn: IsoDate | null;
}

export interface SinceChanges {
  since: { file: string; asOf: IsoDate; period: string };
  files: FileChange[];
  agencies: AgencyChange[];
}

export type EarlierRead = { ok: true; summary: EarlierSummary } | { ok: false; reason: string };

const INTAKE_SPECS = [
  { key: 'file', labels: ['Tên tệp'], required: true },
  { key: 'verdict', labels: ['Kết quả'] },
  { key: 'sha256', labels: ['SHA-256'], required: true },
] as const;

const VERDICT_OF = new Map<string, IntakeVerdict>(INTAKE_VERDICTS.map((v) => [INTAKE_VERDICT_LABELS[v], v]));

/** The files of the earlier summary's `Sổ tiếp nhận` table; null when that sheet or its header is missing. */
function earlierIntake(grid: WorkbookGrid): EarlierFile[] | null {
  const sheet = findSheet(grid.sheets, [SUMMARY_SHEETS.intake]);
  const head = sheet && findHeader(sheet, INTAKE_SPECS);
  if (!sheet || !head) return null;
  const at = (r: number, key: 'file' | 'verdict' | 'sha256') => {
    const c = head.columns[key];
    return c === undefined ? '' : cellText(getCell(sheet, r, c));
  };
  const out: EarlierFile[] = [];
  for (let r = head.row + 1; r < sheet.rows.length && !rowIsEmpty(sheet.rows[r]); r++)
    if (at(r, 'file') !== '')
      out.push({ file: at(r, 'file'), sha256: at(r, 'sha256'), verdict: VERDICT_OF.get(at(r, 'verdict')) ?? null });
  return out;
}

/** An earlier summary workbook, or why it cannot be compared with (a plain Vietnamese reason naming the file). */
export function readEarlierSummary(grid: WorkbookGrid, file: string): EarlierRead {
  const read = readSummaryFile(grid, file);
  if (!read.ok) return read;
  return { ok: true, summary: { file, data: read.data, intake: earlierIntake(grid) } };
}

/** Why the earlier summary cannot be compared with this plan's run; null when it can. */
export function sinceRefusal(earlier: EarlierSummary, plan: { number: string }, period?: string): string | null {
  const d = earlier.data;
  if (d.plan !== plan.number)
    return `Tệp "${earlier.file}" là sổ tổng hợp của kế hoạch số ${d.plan}, không phải kế hoạch số ${plan.number} đang tổng hợp: không so sánh được. Hãy chọn sổ tổng hợp lần trước của chính kế hoạch này.`;
  if (period !== undefined && d.period !== period)
    return `Tệp "${earlier.file}" là sổ tổng hợp kỳ ${d.period}, còn lần này tổng hợp kỳ ${period}: không so sánh được. Để so các kỳ với nhau, dùng "tonghop history".`;
  return null;
}

function fileChanges(earlier: EarlierFile[], c: Consolidation): FileChange[] {
  const before = new Map(earlier.map((f) => [f.file, f]));
  const now = new Set(c.intake.map((e) => e.file));
  const out: FileChange[] = [];
  for (const e of c.intake) {
    const old = before.get(e.file);
    const change: SinceFileChange | null = !old ? 'new' : old.sha256 !== e.sha256 ? 'changed' : null;
    if (change)
      out.push({
        change,
        file: e.file,
        agencyCode: e.agencyCode,
        agencyName: e.agencyName,
        verdict: e.verdict,
        receivedOn: e.receivedOn,
      });
  }
  for (const f of earlier)
    if (!now.has(f.file))
      out.push({ change: 'gone', file: f.file, agencyCode: null, agencyName: null, verdict: null, receivedOn: null });
  return out;
}

const counts = (s: AgencyStatus | null) => s === 'on_time' || s === 'late';

function agencyChanges(earlier: EarlierSummary, c: Consolidation, changed: Set<string>): AgencyChange[] {
  const before = new Map(earlier.data.agencies.map((a) => [a.code, a]));
  const out: AgencyChange[] = [];
  for (const a of c.agencies) {
    const old = before.get(a.code);
    const was = old ? old.status : null;
    let change: SinceAgencyChange | null = null;
    if (counts(a.status) && !counts(was)) change = 'submitted';
    else if (counts(a.status) && (old?.file !== a.file || (a.file !== null && changed.has(a.file))))
      change = 'replaced';
    else if (a.status === 'missing' && (was === 'missing' || was === null)) change = 'still_missing';
    else if (a.status !== was) change = 'status';
    if (change)
      out.push({
        change,
        code: a.code,
        name: a.name,
        before: was,
        after: a.status,
        fileBefore: old?.file ?? null,
        file: a.file,
        receivedOn: a.receivedOn,
      });
  }
  return out;
}

/** What changed in this run since the earlier summary. */
export function compareSince(earlier: EarlierSummary, c: Consolidation): SinceChanges {
  const files = earlier.intake ? fileChanges(earlier.intake, c) : [];
  const changed = new Set(files.filter((f) => f.change === 'changed').map((f) => f.file));
  return {
    since: { file: earlier.file, asOf: earlier.data.asOf, period: earlier.data.period },
    files,
    agencies: agencyChanges(earlier, c, changed),
  };
}

interface SinceRow {
  label: string;
  code: string | null;
  name: string | null;
  file: string | null;
  before: string | null;
  after: string | null;
  receivedOn: IsoDate | null;
  tone: Tone;
}

const statusLabel = (s: AgencyStatus | null) => (s ? AGENCY_STATUS_LABELS[s] : null);
const verdictLabel = (v: IntakeVerdict | null) => (v ? INTAKE_VERDICT_LABELS[v] : null);

function rowsOf(s: SinceChanges): SinceRow[] {
  return [
    ...s.agencies.map((a) => ({
      label: SINCE_AGENCY_LABELS[a.change],
      code: a.code,
      name: a.name,
      file: a.file ?? a.fileBefore,
      before: statusLabel(a.before),
      after: statusLabel(a.after),
      receivedOn: a.receivedOn,
      tone: a.change === 'still_missing' ? ('missing' as const) : a.change === 'status' ? ('warning' as const) : null,
    })),
    ...s.files.map((f) => ({
      label: SINCE_FILE_LABELS[f.change],
      code: f.agencyCode,
      name: f.agencyName,
      file: f.file,
      before: null,
      after: verdictLabel(f.verdict),
      receivedOn: f.receivedOn,
      tone: f.change === 'gone' ? ('warning' as const) : null,
    })),
  ];
}

/** The counts of each change, in the order of the print-out and the sheet. */
function tally(s: SinceChanges): { label: string; n: number; items: string[] }[] {
  const agency = (k: SinceAgencyChange) => s.agencies.filter((a) => a.change === k);
  const file = (k: SinceFileChange) => s.files.filter((f) => f.change === k);
  return [
    ...SINCE_FILE_CHANGES.map((k) => ({
      label: SINCE_FILE_LABELS[k],
      n: file(k).length,
      items: file(k).map((f) => f.file),
    })),
    ...SINCE_AGENCY_CHANGES.map((k) => ({
      label: SINCE_AGENCY_LABELS[k],
      n: agency(k).length,
      items: agency(k).map((a) =>
        k === 'status' ? `${a.name} (${statusLabel(a.before) ?? '…'} → ${statusLabel(a.after)})` : a.name,
      ),
    })),
  ];
}

const heading = (s: SinceChanges) =>
  `So với sổ tổng hợp "${s.since.file}" (số liệu đến ngày ${formatDateVi(s.since.asOf)})`;

/** The sheet `Thay đổi từ lần trước` of the new summary. */
export function sinceSheet(s: SinceChanges): OutSheet {
  const c = column<SinceRow>;
  const columns = [
    c('Thay đổi', 'text', 22, (r) => r.label),
    c('Mã đơn vị', 'text', 12, (r) => r.code),
    c('Tên đơn vị', 'text', 32, (r) => r.name),
    c('Tệp', 'text', 30, (r) => r.file),
    c('Trước', 'text', 14, (r) => r.before),
    c('Nay', 'text', 20, (r) => r.after),
    c('Ngày nhận', 'date', 12, (r) => (r.receivedOn ? { date: r.receivedOn } : null)),
  ];
  const rows = rowsOf(s);
  return {
    name: SUMMARY_SHEETS.since,
    preamble: [
      ['THAY ĐỔI TỪ LẦN TỔNG HỢP TRƯỚC'],
      [heading(s)],
      [
        tally(s)
          .map((t) => `${t.label}: ${t.n}`)
          .join(' — '),
      ],
    ],
    table: tableOf('ThayDoi', columns, rows, (r) => r.tone),
  };
}

/** The print-out's part: what changed since, one line per kind of change that happened. */
export function sinceText(s: SinceChanges): string {
  const lines = [`Thay đổi: ${heading(s).charAt(0).toLowerCase()}${heading(s).slice(1)}:`];
  for (const t of tally(s)) if (t.n > 0) lines.push(`  ${t.label} (${t.n}): ${t.items.join('; ')}`);
  if (lines.length === 1) lines.push('  Không có gì thay đổi.');
  return lines.join('\n');
}

/** The JSON's `since` field (additive). */
export function sinceJson(s: SinceChanges) {
  return { file: s.since.file, asOf: s.since.asOf, period: s.since.period, files: s.files, agencies: s.agencies };
}
