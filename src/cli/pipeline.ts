/**
 * The consolidation job as the CLI runs it: plan file + submissions folder → Consolidation.
 */
import * as path from 'node:path';
import {
  type Consolidation,
  type Limits,
  type Plan,
  type Submission,
  readSubmission,
  consolidate,
  formatDateVi,
  isIntakeLogName,
  readPlan,
  readWorkbookGrid,
  WorkbookError,
} from '../core';
import { cleanUpConversions, withConversion } from './convert';
import { CliError, fileInput, isTooLarge, listFolder, loadIntakeLog, readBytes } from './files';
import { readSubmissions } from './pool';

export interface Progress {
  (done: number, total: number, file: string): void;
}

export async function loadPlan(planPath: string): Promise<{ plan: Plan; warnings: string[] }> {
  const bytes = await readBytes(planPath);
  let grid;
  try {
    grid = await readWorkbookGrid(bytes);
  } catch (e) {
    throw new CliError(
      `Sổ kế hoạch ${planPath} không đọc được: ${e instanceof WorkbookError ? e.message : (e as Error).message}`,
    );
  }
  const res = readPlan(grid, path.basename(planPath));
  const fmt = (f: { sheet: string; cell: string; message: string }) =>
    `  - ${[f.sheet, f.cell].filter(Boolean).join('!') || '(tệp)'}: ${f.message}`;
  if (!res.ok) {
    throw new CliError(
      `Sổ kế hoạch ${planPath} chưa đúng mẫu (${res.problems.length} lỗi):\n${res.problems.map(fmt).join('\n')}`,
    );
  }
  return { plan: res.plan, warnings: res.warnings.map(fmt) };
}

export interface RunOptions {
  asOf: string;
  period?: string | null;
  /** Output files to leave out of the folder scan. */
  exclude?: string[];
  progress?: Progress;
  /** Reading threads (pool.ts); 1 reads in this thread. Default: one per core. */
  workers?: number;
  /** The reading limits (--max-file-size …); default DEFAULT_LIMITS. */
  limits?: Limits;
}

export async function readFolder(
  plan: Plan,
  dir: string,
  opts: { exclude?: string[]; progress?: Progress; workers?: number; limits?: Limits } = {},
): Promise<{ submissions: Submission[]; extra: Consolidation['findings'] }> {
  const entries = await listFolder(dir, opts.exclude);
  const log = await loadIntakeLog(entries);
  const files = entries.filter((e) => !isIntakeLogName(path.basename(e.name)));
  // in the files' order whatever the number of threads, so the consolidation does not depend on it
  // files over the size limit are never loaded: refused here from their size on disk (issue 9)
  const { limits } = opts;
  const loadable = files.filter((f) => !isTooLarge(f, limits));
  const read = await readSubmissions(
    plan,
    loadable.length,
    (i) => fileInput(loadable[i], log, limits).then((f) => withConversion(f, { limits })),
    { workers: opts.workers, progress: opts.progress, limits },
  );
  const submissions: Submission[] = [];
  for (const f of files)
    submissions.push(
      isTooLarge(f, limits) ? await readSubmission(await fileInput(f, log, limits), plan, limits) : read.shift()!,
    );
  await cleanUpConversions(); // issue 7: .xls/.ods converted by LibreOffice (convert.ts)
  return { submissions, extra: log?.findings ?? [] };
}

export async function runConsolidation(
  planPath: string,
  dir: string,
  opts: RunOptions,
): Promise<{ plan: Plan; consolidation: Consolidation; planWarnings: string[] }> {
  const { plan, warnings } = await loadPlan(planPath);
  const { submissions, extra } = await readFolder(plan, dir, {
    exclude: [planPath, ...(opts.exclude ?? [])],
    progress: opts.progress,
    workers: opts.workers,
    limits: opts.limits,
  });
  const consolidation = consolidate(plan, submissions, {
    asOf: opts.asOf,
    period: opts.period ?? null,
    extraFindings: extra,
  });
  return { plan, consolidation, planWarnings: warnings };
}

export function overviewText(c: Consolidation): string {
  const lines: string[] = [];
  lines.push(`Kế hoạch số ${c.plan.number}: ${c.plan.title}`);
  lines.push(`Kỳ báo cáo ${c.period} — hạn ${formatDateVi(c.deadline)} — số liệu đến ngày ${formatDateVi(c.asOf)}`);
  lines.push('');
  const head = ['Nhóm', 'Phải BC', 'Đúng hạn', 'Muộn', 'Chưa nộp', 'K.hợp lệ', 'Đã nộp'];
  const rows = [
    ...c.groups.map((g) => [
      g.name,
      g.required,
      g.onTime,
      g.late,
      g.missing,
      g.rejected,
      `${g.completeness.toLocaleString('vi-VN')}%`,
    ]),
    [
      'Toàn bộ',
      c.overall.required,
      c.overall.onTime,
      c.overall.late,
      c.overall.missing,
      c.overall.rejected,
      `${c.overall.completeness.toLocaleString('vi-VN')}%`,
    ],
  ].map((r) => r.map(String));
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
  const rejected = c.agencies.filter((a) => a.status === 'rejected');
  lines.push('');
  if (late.length)
    lines.push(`Nộp muộn (${late.length}): ${late.map((a) => `${a.name} (${a.daysLate} ngày)`).join('; ')}`);
  if (missing.length) lines.push(`Chưa nộp (${missing.length}): ${missing.map((a) => a.name).join('; ')}`);
  if (rejected.length)
    lines.push(`Không hợp lệ (${rejected.length}): ${rejected.map((a) => `${a.name} — ${a.reason ?? ''}`).join('; ')}`);
  const errors = c.findings.filter((f) => f.severity === 'error').length;
  const warnings = c.findings.length - errors;
  lines.push(`Tệp đã đọc: ${c.intake.length}; lỗi dữ liệu: ${errors}; cảnh báo: ${warnings}.`);
  return lines.join('\n');
}
