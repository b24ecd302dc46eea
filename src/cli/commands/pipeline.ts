/**
 * The consolidation job as the CLI runs it: plan file + submissions folder → Consolidation.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import {
  type Consolidation,
  type FileInput,
  type IntakeLog,
  type Limits,
  type Plan,
  type Submission,
  type WorkbookGrid,
  readSubmission,
  consolidate,
  plainReasonOf,
  finding,
  formatDateVi,
  isIntakeLogName,
  readPlan,
  readWorkbookGrid,
  WorkbookError,
  DEFAULT_LIMITS,
  PLAN_CUT,
  COUNT_FIELDS,
  type GroupCounts,
} from '../../core';
import { escapeControl, periodOption } from './args';
import {
  cleanUpConversions,
  conversionFailed,
  requestConversions,
  withConversion,
  withConversionFailure,
} from '../tools/libreoffice';
import {
  type FolderEntry,
  CliError,
  fileInput,
  isTooLarge,
  listFolder,
  loadIntakeLog,
  readBytes,
} from '../files/inputs';
import { outputReason, tonghopOutputKind } from '../files/known-outputs';
import {
  type AttachedFile,
  attachmentNames,
  emailsToRead,
  finishAttached,
  isEmailEntry,
  readFolderEmails,
} from '../files/emails';
import { readBounded, readErrorReason } from '../files/safe-read';
import { readSubmissions } from '../reading/pool';
import type { RowKeeper } from '../reading/spill';

export interface Progress {
  (done: number, total: number, file: string): void;
}

export async function loadPlan(planPath: string): Promise<{ plan: Plan; warnings: string[]; grid: WorkbookGrid }> {
  const bytes = await readBytes(planPath);
  const shown = escapeControl(planPath);
  let grid;
  try {
    grid = await readWorkbookGrid(bytes, DEFAULT_LIMITS, PLAN_CUT); // a plan may list more agencies than a report has rows
  } catch (e) {
    const why = e instanceof WorkbookError ? e.message : 'tệp không đọc được như một bảng tính.';
    throw new CliError(`Sổ kế hoạch ${shown} không đọc được: ${why}`);
  }
  const res = readPlan(grid, path.basename(planPath));
  const fmt = (f: { sheet: string; cell: string; message: string }) =>
    `  - ${escapeControl([f.sheet, f.cell].filter(Boolean).join('!') || '(tệp)')}: ${escapeControl(f.message)}`;
  if (!res.ok) {
    throw new CliError(
      `Sổ kế hoạch ${shown} chưa đúng mẫu (${res.problems.length} lỗi):\n${res.problems.map(fmt).join('\n')}\nHãy sửa các ô trên rồi chạy lại (tonghop check-plan để kiểm tra).`,
    );
  }
  return { plan: res.plan, warnings: res.warnings.map(fmt), grid };
}

export interface RunOptions {
  asOf: string;
  period?: string | null;
  /** Output files (and their locks) to leave out of the folder scan: the command claimed them (files/claim.ts). */
  exclude?: string[];
  progress?: Progress;
  /** Reading threads (pool.ts); 1 reads in this thread. Default: one per core. */
  workers?: number;
  /** The reading limits (--max-file-size …); default DEFAULT_LIMITS. */
  limits?: Limits;
  /** Where the files' rows are kept until the outputs are written (reading/spill.ts); default in memory. */
  keepRows?: RowKeeper;
}

const QUIET_CODES = new Set(['file.tonghop_output', 'intake.register', 'file.plan']);

/** An entry that is not read as a submission (refused by the folder scan, unreadable, a tonghop output). */
function notRead(name: string, reason: string, code: string, extra: Partial<Submission> = {}): Submission {
  return {
    file: name,
    sha256: '',
    size: 0,
    agencyCode: null,
    recognisedBy: null,
    planNumber: null,
    period: null,
    reportDate: null,
    receivedOn: null,
    receivedFrom: 'unknown',
    readable: false,
    rejectReason: reason,
    rows: [],
    // what the folder holds besides the reports (tonghop's outputs, the register, the plan) is no problem to report
    findings: QUIET_CODES.has(code) ? [] : [finding('warning', code, reason, { file: name })],
    ...extra,
  };
}

/** A file to read: an entry of the folder, or a workbook attached to one of its e-mails (in memory). */
type ToRead = FolderEntry | AttachedFile;

/** Loads entry i; a file that cannot be read or is a tonghop output is noted in `instead` and handed over empty. */
function loaderFor(
  files: ToRead[],
  log: IntakeLog | null,
  instead: Map<number, Submission>,
  failed: Set<number>,
  limits?: Limits,
) {
  return async (i: number): Promise<FileInput> => {
    const f = files[i];
    try {
      // an attachment is handed over as a copy: the reading thread takes the bytes it is given
      const input = 'input' in f ? { ...f.input, bytes: f.input.bytes.slice() } : await fileInput(f, log, limits);
      const kind = input.bytes.length ? tonghopOutputKind(input.bytes, f.name) : null;
      if (!kind) {
        const converted = await withConversion(input, { limits });
        if (conversionFailed(input, converted)) failed.add(i);
        return converted;
      }
      instead.set(
        i,
        notRead(f.name, outputReason(kind), 'file.tonghop_output', {
          size: input.bytes.length,
          sha256: createHash('sha256').update(input.bytes).digest('hex'),
        }),
      );
    } catch (e) {
      const r = readErrorReason(e);
      instead.set(i, notRead(f.name, r.message, r.code));
    }
    return { name: f.name, bytes: new Uint8Array(0), receivedOn: null, receivedFrom: 'unknown' };
  };
}

/** Why the plan of this run, found in the folder (or a link to it), is listed but not read as a report. */
const PLAN_IN_FOLDER = 'Sổ kế hoạch của lần tổng hợp này (không phải báo cáo của đơn vị): không đọc như báo cáo.';

/** Why the register at the top of the folder is listed but not read as a report. */
const REGISTER_REASON = 'Sổ tiếp nhận: dùng để lấy ngày nhận của các tệp, không phải báo cáo của đơn vị.';

/**
 * Reads the loadable files into submissions (in their order). The files LibreOffice must convert are asked for
 * first, all together (tools/libreoffice.ts), and read last, while the others are read during the conversions.
 */
async function readLoadable(
  plan: Plan,
  loadable: ToRead[],
  log: IntakeLog | null,
  opts: { progress?: Progress; workers?: number; limits?: Limits; keepRows?: RowKeeper },
): Promise<Submission[]> {
  const { limits } = opts;
  const head = (i: number) => {
    const f = loadable[i];
    if ('input' in f) return Promise.resolve({ bytes: f.input.bytes, name: f.name });
    return readBounded(f.fullPath, limits?.maxFileBytes).then(
      (got) => ('bytes' in got ? { bytes: got.bytes, name: f.name } : null),
      () => null,
    );
  };
  const instead = new Map<number, Submission>();
  const failed = new Set<number>();
  let read: Submission[];
  let order: number[];
  try {
    const legacy = await requestConversions(loadable.length, head, limits);
    order = [...loadable.keys()].sort((a, b) => Number(legacy.has(a)) - Number(legacy.has(b)) || a - b);
    const ordered = order.map((i) => loadable[i]);
    read = await readSubmissions(plan, ordered.length, loaderFor(ordered, log, instead, failed, limits), {
      workers: opts.workers,
      progress: opts.progress,
      limits,
      keepRows: opts.keepRows,
    });
  } finally {
    await cleanUpConversions(); // LibreOffice's conversions and profile (tools/libreoffice.ts)
  }
  const inOrder = new Array<Submission>(loadable.length);
  read.forEach((s, k) => (inOrder[order[k]] = instead.get(k) ?? (failed.has(k) ? withConversionFailure(s) : s)));
  return inOrder;
}

export async function readFolder(
  plan: Plan,
  dir: string,
  opts: Omit<RunOptions, 'asOf' | 'period'> & { planPath?: string } = {},
): Promise<{ submissions: Submission[]; extra: Consolidation['findings'] }> {
  const labelled = opts.planPath ? [{ path: opts.planPath, code: 'file.plan', reason: PLAN_IN_FOLDER }] : [];
  const listing = await listFolder(dir, opts.exclude, labelled);
  const { limits } = opts;
  // saved e-mails (.eml, .msg): their workbooks are read with the folder's files (files/emails.ts)
  const emails = await readFolderEmails(listing.entries, limits);
  const log = await loadIntakeLog(listing, attachmentNames(emails));
  const mail = await emailsToRead(emails, plan, log);
  const files: ToRead[] = [
    ...listing.entries.filter((e) => !isIntakeLogName(path.basename(e.name)) && !isEmailEntry(e)),
    ...mail.asFiles,
  ];
  files.push(...mail.attached);
  // in the files' order whatever the number of threads, so the consolidation does not depend on it
  // files over the size limit are never loaded: refused here from their size on disk
  const big = (f: ToRead) => ('input' in f ? !!f.input.tooLarge : isTooLarge(f, limits));
  const read = await readLoadable(
    plan,
    files.filter((f) => !big(f)),
    log,
    opts,
  );
  const submissions: Submission[] = [];
  for (const f of files) {
    const input = big(f) ? ('input' in f ? f.input : await fileInput(f, log, limits)) : null;
    const sub = input ? await readSubmission(input, plan, limits) : read.shift()!;
    submissions.push(finishAttached(sub, mail.origins, plan));
  }
  submissions.push(...mail.listed);
  for (const e of listing.entries.filter((x) => isIntakeLogName(path.basename(x.name))))
    submissions.push(
      e.name.includes('/')
        ? // nested registers are not submissions: they are listed with the reason they are not used
          notRead(e.name, 'Sổ tiếp nhận trong thư mục con: không dùng (chỉ sổ ở thư mục gốc).', 'intake.not_top')
        : notRead(e.name, REGISTER_REASON, 'intake.register', { size: e.size }),
    );
  for (const r of listing.refused) submissions.push(notRead(r.name, r.reason, r.code));
  return {
    submissions,
    extra: [...(log?.findings.filter((f) => f.code !== 'intake.not_top') ?? []), ...listing.notes],
  };
}

/** `--period` once the plan is known: a year, and for a plan with one fixed deadline, that deadline's period. */
export function checkPeriod(plan: Plan, period: string | null | undefined): void {
  if (period == null) return;
  if (plan.deadline.kind === 'annual') return;
  const own = plan.period || plan.deadline.date.slice(0, 4);
  const year = /\b(\d{4})\b/.exec(own)?.[1] ?? plan.deadline.date.slice(0, 4);
  if (period !== own && period !== year)
    throw new CliError(
      `Kế hoạch ${escapeControl(plan.number)} có một hạn cố định ${formatDateVi(plan.deadline.date)} (kỳ ${escapeControl(own)}): --period ${escapeControl(period)} không khớp. Bỏ --period, hoặc dùng kế hoạch của kỳ đó.`,
    );
}

export async function runConsolidation(
  planPath: string,
  dir: string,
  opts: RunOptions,
): Promise<{ plan: Plan; consolidation: Consolidation; planWarnings: string[] }> {
  const period = periodOption(opts.period);
  // the outputs were claimed before (files/claim.ts): never an input, a device, a folder …, locked
  const { plan, warnings } = await loadPlan(planPath);
  checkPeriod(plan, period);
  const { submissions, extra } = await readFolder(plan, dir, {
    exclude: opts.exclude,
    planPath,
    progress: opts.progress,
    workers: opts.workers,
    limits: opts.limits,
    keepRows: opts.keepRows,
  });
  const consolidation = consolidate(plan, submissions, {
    asOf: opts.asOf,
    period,
    extraFindings: extra,
  });
  return { plan, consolidation, planWarnings: warnings };
}

export function overviewText(c: Consolidation): string {
  const lines: string[] = [];
  lines.push(`Kế hoạch số ${c.plan.number}: ${c.plan.title}`);
  lines.push(`Kỳ báo cáo ${c.period} — hạn ${formatDateVi(c.deadline)} — số liệu đến ngày ${formatDateVi(c.asOf)}`);
  lines.push('');
  const head = ['Nhóm', ...COUNT_FIELDS.map((f) => f.viShort)];
  const line = (name: string, g: GroupCounts) => [
    name,
    ...COUNT_FIELDS.map((f) => (f.kind === 'rate' ? `${g[f.key].toLocaleString('vi-VN')}%` : String(g[f.key]))),
  ];
  const rows = [...c.groups.map((g) => line(g.name, g)), line('Toàn bộ', c.overall)];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]) => r.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ');
  lines.push(fmt(head));
  lines.push(widths.map((w) => '-'.repeat(w)).join('  '));
  rows.forEach((r, i) => {
    if (i === rows.length - 1) lines.push(widths.map((w) => '-'.repeat(w)).join('  '));
    lines.push(fmt(r));
  });
  const late = c.agencies.filter((a) => a.status === 'late');
  const missing = c.agencies.filter((a) => a.status === 'missing');
  const plain = plainReasonOf(c.findings);
  const rejected = c.agencies.filter((a) => a.status === 'rejected');
  lines.push('');
  if (late.length)
    lines.push(`Nộp muộn (${late.length}): ${late.map((a) => `${a.name} (${a.daysLate} ngày)`).join('; ')}`);
  if (missing.length) lines.push(`Chưa nộp (${missing.length}): ${missing.map((a) => a.name).join('; ')}`);
  if (rejected.length)
    // the reason in plain words, as in the summary: the technical text stays in the JSON
    lines.push(
      `Không hợp lệ (${rejected.length}): ${rejected.map((a) => `${a.name} — ${plain(a.files.at(-1)) ?? a.reason ?? ''}`).join('; ')}`,
    );
  const errors = c.findings.filter((f) => f.severity === 'error').length;
  const warnings = c.findings.length - errors;
  lines.push(`Tệp đã đọc: ${c.intake.length}; lỗi dữ liệu: ${errors}; cảnh báo: ${warnings}.`);
  return lines.join('\n');
}
