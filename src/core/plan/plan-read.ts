/**
 * Reading the plan workbook (the contract in README "Sổ kế hoạch"): sheets `Kế hoạch`, `Nhiệm vụ`,
 * `Chỉ tiêu` (optional) and `Đơn vị`. Every problem is collected, with sheet and cell, before refusing.
 */
import { parseDateCell, parseDeadlineRule, type DeadlineRule } from '../basics/dates';
import {
  type CellValue,
  type SheetGrid,
  type WorkbookGrid,
  cellAddress,
  cellText,
  getCell,
  rowIsEmpty,
} from '../basics/grid';
import { findHeader, findLabelValues, findSheet, type ColumnSpec } from '../basics/labels';
import {
  type Agency,
  type AgencyKind,
  type Aggregate,
  type Finding,
  type Indicator,
  type Plan,
  type Task,
  AGENCY_KIND_LABELS,
  AGGREGATE_LABELS,
  finding,
  planSchema,
} from '../basics/model';
import { cleanText, foldKey, normaliseCode } from '../basics/text';

export const PLAN_SHEETS = {
  plan: 'Kế hoạch',
  tasks: 'Nhiệm vụ',
  indicators: 'Chỉ tiêu',
  agencies: 'Đơn vị',
} as const;

/** Label/value rows of the `Kế hoạch` sheet, with the labels accepted for each. The first label is the one written. */
export const PLAN_FIELDS = {
  number: ['Số hiệu', 'Số hiệu kế hoạch', 'Số kế hoạch', 'Số văn bản', 'Số'],
  title: ['Tên kế hoạch', 'Trích yếu', 'Tên văn bản'],
  issuer: ['Cơ quan ban hành'],
  issuedOn: ['Ngày ban hành'],
  consolidator: ['Cơ quan tổng hợp', 'Đơn vị tổng hợp'],
  deadline: ['Hạn báo cáo', 'Thời hạn báo cáo'],
  period: ['Kỳ báo cáo'],
  upwardDeadline: ['Hạn báo cáo cấp trên', 'Hạn báo cáo lên cấp trên'],
  recipients: ['Nơi nhận tổng hợp', 'Nơi nhận báo cáo tổng hợp'],
  superiorBody: ['Cơ quan cấp trên', 'Cơ quan chủ quản'],
  reportNumber: ['Số báo cáo'],
  place: ['Địa danh'],
  signerTitle: ['Chức vụ người ký', 'Chức danh người ký'],
  signerName: ['Người ký', 'Họ tên người ký'],
} as const;
export type PlanField = keyof typeof PLAN_FIELDS;

export const TASK_COLUMNS = [
  { key: 'code', labels: ['Mã', 'Mã nhiệm vụ', 'Số TT', 'STT'], required: true },
  { key: 'title', labels: ['Nhiệm vụ', 'Tên nhiệm vụ', 'Nội dung', 'Nội dung nhiệm vụ'], required: true },
  { key: 'section', labels: ['Mục', 'Phần', 'Nhóm nhiệm vụ'] },
  { key: 'lead', labels: ['Cơ quan chủ trì', 'Chủ trì', 'Đơn vị chủ trì'] },
] as const satisfies readonly ColumnSpec<string>[];

export const INDICATOR_COLUMNS = [
  { key: 'code', labels: ['Mã chỉ tiêu', 'Mã'], required: true },
  { key: 'name', labels: ['Tên chỉ tiêu', 'Chỉ tiêu'], required: true },
  { key: 'unit', labels: ['Đơn vị tính', 'ĐVT'] },
  { key: 'taskCode', labels: ['Mã nhiệm vụ', 'Nhiệm vụ'], required: true },
  { key: 'aggregate', labels: ['Cách tổng hợp', 'Phép tổng hợp'] },
] as const satisfies readonly ColumnSpec<string>[];

export const AGENCY_COLUMNS = [
  { key: 'code', labels: ['Mã', 'Mã đơn vị'], required: true },
  { key: 'name', labels: ['Tên đơn vị', 'Đơn vị', 'Tên cơ quan', 'Cơ quan, đơn vị'], required: true },
  { key: 'kind', labels: ['Loại', 'Loại đơn vị', 'Khối'], required: true },
  { key: 'area', labels: ['Huyện/Khu vực', 'Huyện', 'Khu vực', 'Địa bàn', 'Huyện/Xã'] },
  { key: 'tasks', labels: ['Nhiệm vụ phải báo cáo', 'Nhiệm vụ báo cáo'] },
  { key: 'email', labels: ['Email', 'Thư điện tử', 'E-mail'] },
] as const satisfies readonly ColumnSpec<string>[];

export type PlanReadResult =
  { ok: true; plan: Plan; warnings: Finding[] } | { ok: false; problems: Finding[]; warnings: Finding[] };

const KIND_WORDS: [AgencyKind, string[]][] = [
  ['department', ['so ban nganh', 'so', 'ban', 'nganh', 'so nganh', 'co quan', 'department']],
  ['locality', ['dia phuong', 'ubnd', 'huyen', 'xa', 'phuong', 'locality']],
  ['organisation', ['to chuc', 'doan the', 'hoi', 'to chuc chinh tri xa hoi', 'organisation', 'organization']],
];

export function parseAgencyKind(text: string): AgencyKind | null {
  const k = foldKey(text);
  for (const [kind, words] of KIND_WORDS) if (words.includes(k)) return kind;
  return null;
}

export function parseAggregate(text: string): Aggregate | null {
  const k = foldKey(text);
  if (k === '') return 'sum';
  for (const [agg, label] of Object.entries(AGGREGATE_LABELS) as [Aggregate, string][]) {
    if (foldKey(label) === k || agg === k) return agg;
  }
  if (['cong', 'tong cong', 'sum', 'cong don'].includes(k)) return 'sum';
  if (['max', 'cao nhat'].includes(k)) return 'max';
  if (['min', 'thap nhat'].includes(k)) return 'min';
  if (['binh quan', 'average', 'tb'].includes(k)) return 'avg';
  return null;
}

/** Task codes in a cell: "1, 2; 3", "1.1 2.3", "II.3". */
export function parseCodeList(text: string): string[] {
  return cleanText(text)
    .split(/[,;\n]+|\s+/)
    .map((s) => normaliseCode(s))
    .filter((s) => s !== '');
}

export function codeText(v: CellValue): string {
  return normaliseCode(cellText(v));
}

/** Reads and checks a plan from a workbook's grids (a file, or the open workbook in Excel). */
export function readPlan(wb: WorkbookGrid, fileName = ''): PlanReadResult {
  const problems: Finding[] = [];
  const warnings: Finding[] = [];
  const at = (sheet: SheetGrid, r: number, c: number) => ({
    file: fileName,
    sheet: sheet.name,
    cell: cellAddress(sheet, r, c),
  });
  const err = (code: string, msg: string, where: { file?: string; sheet?: string; cell?: string }) =>
    problems.push(finding('error', code, msg, { file: fileName, ...where }));
  const warn = (code: string, msg: string, where: { file?: string; sheet?: string; cell?: string }) =>
    warnings.push(finding('warning', code, msg, { file: fileName, ...where }));

  const planSheet = findSheet(wb.sheets, [PLAN_SHEETS.plan]);
  const taskSheet = findSheet(wb.sheets, [PLAN_SHEETS.tasks]);
  const indicatorSheet = findSheet(wb.sheets, [PLAN_SHEETS.indicators]);
  const agencySheet = findSheet(wb.sheets, [PLAN_SHEETS.agencies]);
  for (const [sheet, name] of [
    [planSheet, PLAN_SHEETS.plan],
    [taskSheet, PLAN_SHEETS.tasks],
    [agencySheet, PLAN_SHEETS.agencies],
  ] as const) {
    if (!sheet)
      err(
        'plan.sheet_missing',
        `Thiếu trang tính "${name}" (các trang hiện có: ${wb.sheets.map((s) => s.name).join(', ') || 'không có'}).`,
        {},
      );
  }

  // ---- Kế hoạch
  const fields: Partial<Record<PlanField, string>> = {};
  let deadline: DeadlineRule | null = null;
  let upwardDeadline: DeadlineRule | null = null;
  let issuedOn: string | null = null;
  if (planSheet) {
    const found = findLabelValues(planSheet, PLAN_FIELDS);
    for (const key of Object.keys(PLAN_FIELDS) as PlanField[]) {
      const lv = found[key];
      if (lv) fields[key] = cellText(lv.value);
    }
    for (const key of ['number', 'title', 'deadline'] as const) {
      const lv = found[key];
      if (!lv)
        err('plan.field_missing', `Thiếu dòng "${PLAN_FIELDS[key][0]}" (nhãn ở một cột, giá trị ở ô bên phải).`, {
          sheet: planSheet.name,
        });
      else if (lv.valueCol < 0)
        err(
          'plan.field_empty',
          `"${PLAN_FIELDS[key][0]}" chưa có giá trị (ô bên phải nhãn).`,
          at(planSheet, lv.row, lv.labelCol + 1),
        );
    }
    const dl = found.deadline;
    if (dl && dl.valueCol >= 0) {
      deadline = parseDeadlineRule(dl.value, wb.date1904);
      if (!deadline) {
        err(
          'plan.deadline_invalid',
          `"Hạn báo cáo" không đọc được: "${cellText(dl.value)}". Ghi một ngày (30/06/2024) hoặc một hạn hằng năm (15/12 hằng năm).`,
          at(planSheet, dl.row, dl.valueCol),
        );
      }
    }
    const up = found.upwardDeadline;
    if (up && up.valueCol >= 0) {
      upwardDeadline = parseDeadlineRule(up.value, wb.date1904);
      if (!upwardDeadline)
        err(
          'plan.deadline_invalid',
          `"Hạn báo cáo cấp trên" không đọc được: "${cellText(up.value)}".`,
          at(planSheet, up.row, up.valueCol),
        );
    }
    const iss = found.issuedOn;
    if (iss && iss.valueCol >= 0) {
      issuedOn = parseDateCell(iss.value, wb.date1904);
      if (!issuedOn)
        err(
          'plan.date_invalid',
          `"Ngày ban hành" không phải ngày: "${cellText(iss.value)}" (ghi dạng dd/mm/yyyy).`,
          at(planSheet, iss.row, iss.valueCol),
        );
    }
    for (const key of ['issuer', 'consolidator', 'period'] as const) {
      if (!found[key]) warn('plan.field_missing', `Không có dòng "${PLAN_FIELDS[key][0]}".`, { sheet: planSheet.name });
    }
  }

  // ---- Nhiệm vụ
  const tasks: Task[] = [];
  if (taskSheet) {
    const header = findHeader(taskSheet, TASK_COLUMNS);
    if (!header) {
      err('plan.header_missing', 'Không tìm thấy dòng tiêu đề của bảng nhiệm vụ (cần các cột "Mã" và "Nhiệm vụ").', {
        sheet: taskSheet.name,
      });
    } else {
      const col = header.columns;
      const seen = new Map<string, string>();
      for (let r = header.row + 1; r < taskSheet.rows.length; r++) {
        if (rowIsEmpty(taskSheet.rows[r])) continue;
        const code = codeText(getCell(taskSheet, r, col.code!));
        const title = cellText(getCell(taskSheet, r, col.title!));
        if (code === '') {
          err('plan.task_code_empty', `Nhiệm vụ "${title.slice(0, 60)}" chưa có mã.`, at(taskSheet, r, col.code!));
          continue;
        }
        if (title === '') err('plan.task_title_empty', `Nhiệm vụ ${code} chưa có tên.`, at(taskSheet, r, col.title!));
        const prev = seen.get(code);
        if (prev) {
          err(
            'plan.task_code_duplicate',
            `Mã nhiệm vụ ${code} bị trùng (đã có ở ô ${prev}).`,
            at(taskSheet, r, col.code!),
          );
          continue;
        }
        seen.set(code, cellAddress(taskSheet, r, col.code!));
        tasks.push({
          code,
          title: title || code,
          section: col.section !== undefined ? cellText(getCell(taskSheet, r, col.section)) : '',
          lead: col.lead !== undefined ? cellText(getCell(taskSheet, r, col.lead)) : '',
        });
      }
      if (tasks.length === 0 && problems.every((p) => p.sheet !== taskSheet.name)) {
        err('plan.no_tasks', 'Bảng nhiệm vụ chưa có dòng nào.', { sheet: taskSheet.name });
      }
    }
  }
  const taskCodes = new Set(tasks.map((t) => t.code));

  // ---- Chỉ tiêu (optional)
  const indicators: Indicator[] = [];
  if (indicatorSheet) {
    const header = findHeader(indicatorSheet, INDICATOR_COLUMNS);
    if (!header) {
      if (!rowIsEmpty(indicatorSheet.rows.find((row) => !rowIsEmpty(row)))) {
        err(
          'plan.header_missing',
          'Không tìm thấy dòng tiêu đề của bảng chỉ tiêu (cần "Mã chỉ tiêu", "Tên chỉ tiêu", "Mã nhiệm vụ").',
          {
            sheet: indicatorSheet.name,
          },
        );
      }
    } else {
      const col = header.columns;
      const seen = new Set<string>();
      for (let r = header.row + 1; r < indicatorSheet.rows.length; r++) {
        if (rowIsEmpty(indicatorSheet.rows[r])) continue;
        const code = codeText(getCell(indicatorSheet, r, col.code!));
        const name = cellText(getCell(indicatorSheet, r, col.name!));
        const taskCode = codeText(getCell(indicatorSheet, r, col.taskCode!));
        const aggText = col.aggregate !== undefined ? cellText(getCell(indicatorSheet, r, col.aggregate)) : '';
        const aggregate = parseAggregate(aggText);
        let bad = false;
        if (code === '') {
          err('plan.indicator_code_empty', `Chỉ tiêu "${name}" chưa có mã.`, at(indicatorSheet, r, col.code!));
          bad = true;
        } else if (seen.has(code)) {
          err('plan.indicator_code_duplicate', `Mã chỉ tiêu ${code} bị trùng.`, at(indicatorSheet, r, col.code!));
          bad = true;
        }
        if (name === '') {
          err('plan.indicator_name_empty', `Chỉ tiêu ${code} chưa có tên.`, at(indicatorSheet, r, col.name!));
          bad = true;
        }
        if (!taskCodes.has(taskCode)) {
          err(
            'plan.indicator_task_unknown',
            taskCode === ''
              ? `Chỉ tiêu ${code} chưa ghi mã nhiệm vụ.`
              : `Chỉ tiêu ${code} gắn với nhiệm vụ ${taskCode} không có trong trang "Nhiệm vụ".`,
            at(indicatorSheet, r, col.taskCode!),
          );
          bad = true;
        }
        if (!aggregate) {
          err(
            'plan.aggregate_invalid',
            `Cách tổng hợp "${aggText}" không hợp lệ; chọn một trong: ${Object.values(AGGREGATE_LABELS).join(', ')}.`,
            at(indicatorSheet, r, col.aggregate!),
          );
          bad = true;
        }
        if (code) seen.add(code);
        if (!bad && aggregate) {
          indicators.push({
            code,
            name,
            unit: col.unit !== undefined ? cellText(getCell(indicatorSheet, r, col.unit)) : '',
            taskCode,
            aggregate,
          });
        }
      }
    }
  }

  // ---- Đơn vị
  const agencies: Agency[] = [];
  if (agencySheet) {
    const header = findHeader(agencySheet, AGENCY_COLUMNS);
    if (!header) {
      err(
        'plan.header_missing',
        'Không tìm thấy dòng tiêu đề của bảng đơn vị (cần các cột "Mã", "Tên đơn vị", "Loại").',
        { sheet: agencySheet.name },
      );
    } else {
      const col = header.columns;
      const seenCode = new Map<string, string>();
      const seenName = new Map<string, string>();
      for (let r = header.row + 1; r < agencySheet.rows.length; r++) {
        if (rowIsEmpty(agencySheet.rows[r])) continue;
        const code = codeText(getCell(agencySheet, r, col.code!));
        const name = cellText(getCell(agencySheet, r, col.name!));
        const kindText = cellText(getCell(agencySheet, r, col.kind!));
        const kind = parseAgencyKind(kindText);
        let area = col.area !== undefined ? cellText(getCell(agencySheet, r, col.area)) : '';
        const taskText = col.tasks !== undefined ? cellText(getCell(agencySheet, r, col.tasks)) : '';
        const email = col.email !== undefined ? cellText(getCell(agencySheet, r, col.email)) : '';
        let bad = false;
        if (code === '') {
          err('plan.agency_code_empty', `Đơn vị "${name}" chưa có mã.`, at(agencySheet, r, col.code!));
          bad = true;
        } else if (seenCode.has(code)) {
          err(
            'plan.agency_code_duplicate',
            `Mã đơn vị ${code} bị trùng (đã có ở ô ${seenCode.get(code)}).`,
            at(agencySheet, r, col.code!),
          );
          bad = true;
        }
        if (name === '') {
          err('plan.agency_name_empty', `Đơn vị ${code} chưa có tên.`, at(agencySheet, r, col.name!));
          bad = true;
        } else if (seenName.has(foldKey(name))) {
          err(
            'plan.agency_name_duplicate',
            `Tên đơn vị "${name}" bị trùng (đã có ở ô ${seenName.get(foldKey(name))}).`,
            at(agencySheet, r, col.name!),
          );
          bad = true;
        }
        if (!kind) {
          err(
            'plan.agency_kind_invalid',
            `Loại đơn vị "${kindText}" không hợp lệ; chọn một trong: ${Object.values(AGENCY_KIND_LABELS).join(' | ')}.`,
            at(agencySheet, r, col.kind!),
          );
          bad = true;
        }
        const agencyTasks = parseCodeList(taskText);
        const unknown = agencyTasks.filter((t) => !taskCodes.has(t));
        if (unknown.length > 0 && tasks.length > 0) {
          err(
            'plan.agency_task_unknown',
            `Đơn vị ${code}: nhiệm vụ ${unknown.join(', ')} không có trong trang "Nhiệm vụ".`,
            at(agencySheet, r, col.tasks!),
          );
          bad = true;
        }
        if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
          warn(
            'plan.agency_email_invalid',
            `Email của đơn vị ${code} không hợp lệ: "${email}".`,
            at(agencySheet, r, col.email!),
          );
        }
        if (kind === 'locality' && area === '') {
          area = name;
          warn(
            'plan.agency_area_empty',
            `Đơn vị ${code} là địa phương nhưng chưa ghi "Huyện/Khu vực"; tạm dùng tên đơn vị.`,
            at(agencySheet, r, col.area ?? col.name!),
          );
        }
        if (code) seenCode.set(code, cellAddress(agencySheet, r, col.code!));
        if (name) seenName.set(foldKey(name), cellAddress(agencySheet, r, col.name!));
        if (!bad && kind)
          agencies.push({ code, name, kind, area: kind === 'locality' ? area : area, tasks: agencyTasks, email });
      }
      if (agencies.length === 0 && problems.every((p) => p.sheet !== agencySheet.name)) {
        err('plan.no_agencies', 'Bảng đơn vị chưa có đơn vị nào.', { sheet: agencySheet.name });
      }
    }
  }

  if (problems.length > 0 || !deadline) return { ok: false, problems, warnings };
  const parsed = planSchema.safeParse({
    number: fields.number,
    title: fields.title,
    issuer: fields.issuer ?? '',
    issuedOn,
    consolidator: fields.consolidator ?? '',
    deadline,
    period: fields.period ?? '',
    upwardDeadline,
    recipients: fields.recipients ?? '',
    superiorBody: fields.superiorBody ?? '',
    signerTitle: fields.signerTitle ?? '',
    signerName: fields.signerName ?? '',
    place: fields.place ?? '',
    reportNumber: fields.reportNumber ?? '',
    tasks,
    indicators,
    agencies,
  });
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) =>
        finding('error', 'plan.invalid', `Kế hoạch không hợp lệ: ${i.path.join('.')}: ${i.message}`, {
          file: fileName,
        }),
      ),
      warnings,
    };
  }
  return { ok: true, plan: parsed.data, warnings };
}

/** The tasks an agency must report on. */
export function tasksOf(plan: Plan, agency: Agency): Task[] {
  if (agency.tasks.length === 0) return plan.tasks;
  const wanted = new Set(agency.tasks);
  return plan.tasks.filter((t) => wanted.has(t.code));
}

export function indicatorsOf(plan: Plan, tasks: Task[]): Indicator[] {
  const codes = new Set(tasks.map((t) => t.code));
  return plan.indicators.filter((i) => codes.has(i.taskCode));
}
