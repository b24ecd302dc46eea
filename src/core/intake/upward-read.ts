/**
 * One level up: a report workbook made by tonghop (buildReportWorkbook) read as the submission of the
 * body that sent it. Only the hidden data sheet is read, never the visible tables, so a figure counts once. The
 * sender is recognised by its code in the superior's plan, its names (issuing body, superior body, province), or
 * the file name; each task becomes one row whose status sums up the sender's own agencies, with the sender's
 * indicator totals; the completeness of its own agencies is carried up as `ownAgencies`.
 */
import { type WorkbookGrid, cellAddress } from '../basics/grid';
import { type Agency, type Plan, type ReportedRow, type Submission, type TaskStatus, finding } from '../basics/model';
import { tasksOf } from '../plan/plan-read';
import { compactKey, foldKey, formatNumberVi, normaliseCode } from '../basics/text';
import { type ReportData, isReportDataSheet, parseReportDataSheet } from '../basics/report-data';

/** Does the workbook carry a tonghop report data sheet? */
export function hasReportData(wb: WorkbookGrid): boolean {
  return wb.sheets.some(isReportDataSheet);
}

type TaskCounts = ReportData['tasks'][number];

/** The status of a task for a body, from its own agencies' answers. */
export function statusOfCounts(t: TaskCounts): TaskStatus | null {
  const answered = t.done + t.inProgress + t.notStarted;
  if (answered + t.notApplicable === 0) return null;
  if (answered === 0) return 'notApplicable';
  if (t.done === answered && t.noAnswer === 0) return 'done';
  if (t.done + t.inProgress === 0) return 'notStarted';
  return 'inProgress';
}

function resultText(t: TaskCounts): string {
  const parts = [`hoàn thành ${t.done}`, `đang thực hiện ${t.inProgress}`, `chưa thực hiện ${t.notStarted}`];
  if (t.notApplicable) parts.push(`không thuộc phạm vi ${t.notApplicable}`);
  if (t.noAnswer) parts.push(`chưa trả lời ${t.noAnswer}`);
  return `Tổng hợp ${t.required} đơn vị: ${parts.join(', ')}.`;
}

function names(plan: Plan, d: ReportData): string[] {
  return [d.upwardPlan, d.plan].filter(
    (n) => n !== '' && compactKey(n).includes(compactKey(plan.number)) && compactKey(plan.number) !== '',
  );
}

/** The place part of a superior body: "UBND tỉnh Sóc Trăng" → "tỉnh Sóc Trăng". */
function placeOf(body: string): string {
  return foldKey(body)
    .replace(/^(ubnd|uy ban nhan dan)\s+/, '')
    .trim();
}

function findSender(
  plan: Plan,
  d: ReportData,
  fileName: string,
): { agency: Agency; by: Submission['recognisedBy'] } | null {
  if (d.agencyCode) {
    const k = normaliseCode(d.agencyCode);
    const a = plan.agencies.find((x) => normaliseCode(x.code) === k);
    if (a) return { agency: a, by: 'code' };
  }
  const candidates = [d.issuer, d.superiorBody, `${d.issuer} ${placeOf(d.superiorBody)}`]
    .filter((x) => x.trim() !== '')
    .map(compactKey);
  const exact = plan.agencies.filter((a) => candidates.includes(compactKey(a.name)));
  if (exact.length === 1) return { agency: exact[0], by: 'name' };
  const place = placeOf(d.superiorBody);
  if (place) {
    const key = compactKey(place);
    const bare = compactKey(place.replace(/^(tinh|thanh pho|huyen|thi xa|quan|xa|phuong)\s+/, ''));
    const byPlace = plan.agencies.filter((a) => compactKey(a.name).endsWith(key) || compactKey(a.area).endsWith(key));
    if (byPlace.length === 1) return { agency: byPlace[0], by: 'name' };
    const byBare = plan.agencies.filter(
      (a) => bare.length >= 4 && (compactKey(a.name).endsWith(bare) || compactKey(a.area) === bare),
    );
    if (byBare.length === 1) return { agency: byBare[0], by: 'name' };
  }
  const stem = ` ${foldKey(fileName.replace(/\.[^.]+$/, ''))} `;
  const byFile = [...plan.agencies]
    .sort((a, b) => b.code.length - a.code.length)
    .find((a) => stem.includes(` ${foldKey(a.code)} `));
  return byFile ? { agency: byFile, by: 'filename' } : null;
}

/** Reads the sender's consolidated figures into `sub` (which readGrid has started). Never throws. */
export function readUpwardReport(sub: Submission, wb: WorkbookGrid, plan: Plan): Submission {
  const file = sub.file;
  const sheet = wb.sheets.find(isReportDataSheet)!;
  const reject = (code: string, message: string): Submission => {
    sub.rejectReason = message;
    sub.findings.push(finding('error', code, message, { file, sheet: sheet.name }));
    return sub;
  };
  const { data, problems, rowsOf } = parseReportDataSheet(sheet);
  if (!data) {
    return reject(
      'report.data_invalid',
      `Trang ẩn "${sheet.name}" của sổ báo cáo tổng hợp không đọc được (${problems
        .slice(0, 3)
        .map((p) => p.message)
        .join('; ')}).`,
    );
  }
  sub.period = data.period || null;
  sub.reportDate = data.reportDate ?? data.asOf;
  const planNames = names(plan, data);
  sub.planNumber = planNames[0] ?? (data.upwardPlan || data.plan);
  const sender = findSender(plan, data, file);
  if (sender) {
    sub.agencyCode = sender.agency.code;
    sub.recognisedBy = sender.by;
  }
  if (planNames.length === 0) {
    return reject(
      'file.other_plan',
      `Sổ báo cáo tổng hợp của "${data.issuer}" trả lời ${data.upwardPlan ? `văn bản "${data.upwardPlan}"` : `Kế hoạch số ${data.plan}`}, không phải Kế hoạch số ${plan.number}.`,
    );
  }
  if (!sender) {
    return reject(
      'agency.not_in_plan',
      `Sổ báo cáo tổng hợp của "${[data.issuer, data.superiorBody].filter(Boolean).join(' - ')}"${data.agencyCode ? ` (mã ${data.agencyCode})` : ''} không khớp đơn vị nào trong danh sách đơn vị của kế hoạch.`,
    );
  }
  sub.ownAgencies = { asOf: data.asOf, ...data.overall };

  const where = (r: number, c: number) => ({ file, sheet: sheet.name, cell: cellAddress(sheet, r, c) });
  const rows = taskRows(sub, plan, sender.agency, data, (i) => where(rowsOf.tasks[i], 0));
  addIndicators(sub, plan, rows, data, (i) => where(rowsOf.indicators[i], 5));
  sub.rows = [...rows.values()];
  return sub;
}

type Where = { file: string; sheet: string; cell: string };

/** One row per task of the plan the sender must report on, with the status its own agencies sum up to. */
function taskRows(
  sub: Submission,
  plan: Plan,
  agency: Agency,
  data: ReportData,
  whereOf: (i: number) => Where,
): Map<string, ReportedRow> {
  const planTask = new Map(plan.tasks.map((t) => [normaliseCode(t.code), t]));
  const required = new Set(tasksOf(plan, agency).map((t) => t.code));
  const rows = new Map<string, ReportedRow>();
  data.tasks.forEach((t, i) => {
    const where = whereOf(i);
    const task = planTask.get(normaliseCode(t.taskCode));
    if (!task) {
      sub.findings.push(
        finding(
          'warning',
          'task.unknown',
          `Nhiệm vụ ${t.taskCode} trong sổ báo cáo tổng hợp không có trong Kế hoạch số ${plan.number}; bỏ qua.`,
          where,
        ),
      );
      return;
    }
    if (!required.has(task.code)) return;
    rows.set(task.code, {
      taskCode: task.code,
      status: statusOfCounts(t),
      result: resultText(t),
      note: '',
      indicators: {},
      source: where,
    });
  });
  return rows;
}

/** The sender's indicator totals, each on the row of its task. */
function addIndicators(
  sub: Submission,
  plan: Plan,
  rows: Map<string, ReportedRow>,
  data: ReportData,
  whereOf: (i: number) => Where,
): void {
  const planIndicator = new Map(plan.indicators.map((i) => [normaliseCode(i.code), i]));
  data.indicators.forEach((ind, i) => {
    const where = whereOf(i);
    const def = planIndicator.get(normaliseCode(ind.code));
    if (!def) {
      sub.findings.push(
        finding(
          'warning',
          'indicator.unknown',
          `Chỉ tiêu ${ind.code} (${ind.name}) không có trong kế hoạch; bỏ qua.`,
          where,
        ),
      );
      return;
    }
    if (ind.value === null) return;
    if (def.aggregate !== ind.aggregate) {
      sub.findings.push(
        finding(
          'warning',
          'indicator.aggregate_differs',
          `Chỉ tiêu ${def.code} được tổng hợp ở cấp dưới theo "${ind.aggregate}", kế hoạch dùng "${def.aggregate}"; vẫn dùng giá trị ${formatNumberVi(ind.value)}.`,
          where,
        ),
      );
    }
    const row = rows.get(def.taskCode);
    if (!row) return;
    // an average stands for the agencies it averaged, so the next level weights it (sums, max, min need no weight)
    row.indicators[def.code] =
      def.aggregate === 'avg' && ind.count > 0
        ? { value: ind.value, source: where, weight: ind.count }
        : { value: ind.value, source: where };
  });
}
