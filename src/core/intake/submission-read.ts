/**
 * Reading one submitted workbook against the plan: find the report table wherever it is, recognise the agency,
 * read every task row with its source cell, and list every problem as a Finding. Never throws.
 */
import { parseDateCell } from '../basics/dates';
import {
  type SheetGrid,
  type WorkbookGrid,
  cellAddress,
  cellText,
  columnLetter,
  getCell,
  isEmptyCell,
  isFormulaWithoutResult,
  rowIsEmpty,
} from '../basics/grid';
import { type ColumnSpec, type HeaderMatch, findHeader, findLabelValues } from '../basics/labels';
import { convertLegacyGrid } from './legacy-fonts';
import { ignoredContentFindings } from './limit-check';
import { type Limits, fileSizeRefusal } from './limits';
import {
  type Agency,
  type Plan,
  type RecognisedBy,
  type ReportedRow,
  type Submission,
  type TaskStatus,
  TASK_STATUSES,
  finding,
} from '../basics/model';
import { indicatorsOf, tasksOf } from '../plan/plan-read';
import { HEADER_FIELDS, META_MARKER, META_SHEET, REPORT_SHEET, TABLE_LABELS, indicatorHeader } from '../plan/template';
import { cleanText, compactKey, foldKey, formatNumberVi, normaliseCode } from '../basics/text';
import { isMark, parseStatus, readNumber, statusOfHeader } from '../basics/values';
import { WorkbookError, gridRepairs, readWorkbookGrid } from './xlsx-read';
import { hasReportData, readUpwardReport } from './upward-read'; // issue 5: one level up

export interface FileInput {
  name: string;
  /** The file as received: its SHA-256 and size go to the intake log. */
  bytes: Uint8Array;
  /** When the file is .xls or .ods: the .xlsx a converter (LibreOffice, in the CLI) made of it, which is read instead. */
  converted?: { bytes: Uint8Array; from: string; tool: string };
  receivedOn: string | null;
  receivedFrom: Submission['receivedFrom'];
  /** A file too large to load (over the size limit): its size and SHA-256 measured on disk; `bytes` is empty. */
  tooLarge?: { size: number; sha256: string };
}

const BASE_COLUMNS = [
  { key: 'taskCode', labels: [TABLE_LABELS.taskCode, 'Mã NV', 'Mã số nhiệm vụ', 'Mã', 'Số hiệu nhiệm vụ'] },
  {
    key: 'taskTitle',
    labels: [TABLE_LABELS.taskTitle, 'Tên nhiệm vụ', 'Nội dung', 'Nội dung nhiệm vụ', 'Nhiệm vụ, hoạt động'],
  },
  {
    key: 'status',
    labels: [TABLE_LABELS.status, 'Tình trạng thực hiện', 'Trạng thái', 'Tiến độ', 'Mức độ hoàn thành'],
  },
  { key: 'result', labels: [TABLE_LABELS.result, 'Kết quả', 'Kết quả đạt được', 'Kết quả triển khai'] },
  { key: 'note', labels: [TABLE_LABELS.note, 'Ghi chú khác'] },
  { key: 'index', labels: [TABLE_LABELS.index, 'TT', 'Số TT'] },
] as const satisfies readonly ColumnSpec<string>[];

export const SUBMISSION_HEADER_LABELS = {
  agencyName: [HEADER_FIELDS.agencyName, 'Đơn vị báo cáo', 'Tên đơn vị', 'Cơ quan, đơn vị'],
  agencyCode: [HEADER_FIELDS.agencyCode, 'Mã cơ quan'],
  plan: [HEADER_FIELDS.plan, 'Số kế hoạch', 'Kế hoạch số'],
  period: [HEADER_FIELDS.period, 'Năm báo cáo'],
  reportDate: [HEADER_FIELDS.reportDate, 'Ngày lập báo cáo', 'Ngày lập'],
} as const;

interface TableFound {
  sheet: SheetGrid;
  header: HeaderMatch<string>;
  indicatorCols: Map<string, number>;
  statusCols: Map<TaskStatus, number>;
  /** First row of data: below the header row, or below a second header row of sub-columns. */
  dataStart: number;
}

/** Reads the hidden sheet the template carries. */
function readMeta(wb: WorkbookGrid): Record<string, string> | null {
  const sheet = wb.sheets.find((s) => s.name === META_SHEET || cellText(getCell(s, 0, 0)) === META_MARKER);
  if (!sheet || cellText(getCell(sheet, 0, 0)) !== META_MARKER) return null;
  const meta: Record<string, string> = {};
  for (const row of sheet.rows) {
    const k = cellText(row?.[0] ?? null);
    if (k) meta[k] = cellText(row?.[1] ?? null);
  }
  return meta;
}

/** The report table: on `Báo cáo` first, then every other sheet, visible before hidden. */
function findTable(wb: WorkbookGrid, plan: Plan): TableFound | null {
  const ordered = [...wb.sheets].filter((s) => s.name !== META_SHEET);
  const rank = (s: SheetGrid) => (foldKey(s.name) === foldKey(REPORT_SHEET) ? 0 : s.state === 'visible' ? 1 : 2);
  ordered.sort((a, b) => rank(a) - rank(b));
  for (const sheet of ordered) {
    const header = findHeader<string>(sheet, BASE_COLUMNS, 60);
    if (!header || (header.columns.taskCode === undefined && header.columns.taskTitle === undefined)) continue;
    const statusCols = new Map<TaskStatus, number>();
    const indicatorCols = new Map<string, number>();
    const remaining: { col: number; label: string }[] = [];
    for (const u of header.unknown) {
      const st = statusOfHeader(u.label);
      if (st && !statusCols.has(st)) statusCols.set(st, u.col);
      else remaining.push(u);
    }
    const indicatorKeys = plan.indicators.map((ind) => [
      compactKey(indicatorHeader(ind)),
      compactKey(ind.name),
      compactKey(ind.code),
    ]);
    plan.indicators.forEach((ind, i) => {
      const hit = remaining.find(
        (u) => indicatorKeys[i].includes(compactKey(u.label)) && ![...indicatorCols.values()].includes(u.col),
      );
      if (hit) indicatorCols.set(ind.code, hit.col);
    });
    // a second header row of sub-columns under a merged group label ("Kết quả" over one column per indicator or
    // per status): those columns come from the row below, and the group label is no column of its own
    let dataStart = header.row + 1;
    const below = sheet.rows[header.row + 1] ?? [];
    let subColumns = 0;
    // only a row without a task code or title can be a header row (a data row may hold "Đã hoàn thành")
    const belowIsData = [header.columns.taskCode, header.columns.taskTitle].some(
      (c) => c !== undefined && !isEmptyCell(below[c] ?? null),
    );
    if (!belowIsData)
      below.forEach((v, c) => {
        if (typeof v !== 'string' || [...indicatorCols.values(), ...statusCols.values()].includes(c)) return;
        const key = compactKey(v);
        if (key === '') return;
        const i = plan.indicators.findIndex((ind, k) => !indicatorCols.has(ind.code) && indicatorKeys[k].includes(key));
        const st = statusOfHeader(v);
        if (i >= 0) indicatorCols.set(plan.indicators[i].code, c);
        else if (st && !statusCols.has(st)) statusCols.set(st, c);
        else return;
        subColumns++;
      });
    if (subColumns > 0) {
      dataStart = header.row + 2;
      const taken = new Set([...indicatorCols.values(), ...statusCols.values()]);
      for (const key of Object.keys(header.columns)) if (taken.has(header.columns[key]!)) delete header.columns[key];
    }
    const hasAnswerColumn =
      header.columns.status !== undefined ||
      header.columns.result !== undefined ||
      statusCols.size > 0 ||
      indicatorCols.size > 0;
    if (!hasAnswerColumn) continue;
    return { sheet, header, indicatorCols, statusCols, dataStart };
  }
  return null;
}

/**
 * The keys of a plan's agencies, folded once per plan rather than once per file and lookup (issue 6: with
 * thousands of agencies, folding every agency for every file made reading quadratic). Rebuilt if the list changes.
 */
interface AgencyKeys {
  agencies: Agency[];
  count: number;
  byCode: Map<string, Agency>;
  byName: Map<string, Agency>;
  /** Longest codes first, so that "ST-SYT2" is not taken for "ST-SYT". */
  longestCodes: { agency: Agency; compact: string; folded: string }[];
  longestNames: { agency: Agency; compact: string }[];
}
const agencyKeysCache = new WeakMap<Plan, AgencyKeys>();

function agencyKeys(plan: Plan): AgencyKeys {
  const cached = agencyKeysCache.get(plan);
  if (cached && cached.agencies === plan.agencies && cached.count === plan.agencies.length) return cached;
  const keys: AgencyKeys = {
    agencies: plan.agencies,
    count: plan.agencies.length,
    byCode: new Map(),
    byName: new Map(),
    longestCodes: [],
    longestNames: [],
  };
  for (const a of plan.agencies) {
    const code = normaliseCode(a.code);
    if (code && !keys.byCode.has(code)) keys.byCode.set(code, a);
    const name = compactKey(a.name);
    if (name && !keys.byName.has(name)) keys.byName.set(name, a);
  }
  keys.longestCodes = [...plan.agencies]
    .sort((a, b) => b.code.length - a.code.length)
    .map((a) => ({ agency: a, compact: compactKey(a.code), folded: foldKey(a.code) }));
  keys.longestNames = [...plan.agencies]
    .sort((a, b) => b.name.length - a.name.length)
    .map((a) => ({ agency: a, compact: compactKey(a.name) }));
  agencyKeysCache.set(plan, keys);
  return keys;
}

function agencyByFileName(plan: Plan, fileName: string): Agency | null {
  const stem = fileName.replace(/\.[^.]+$/, '');
  const codeKey = compactKey(stem);
  const { longestCodes, longestNames } = agencyKeys(plan);
  for (const a of longestCodes) if (codeKey === a.compact) return a.agency;
  const tokens = ` ${foldKey(stem)} `;
  for (const a of longestCodes) if (tokens.includes(` ${a.folded} `)) return a.agency;
  for (const a of longestNames) if (codeKey.includes(a.compact)) return a.agency;
  return null;
}

export function agencyByName(plan: Plan, name: string): Agency | null {
  const k = compactKey(name);
  if (!k) return null;
  return agencyKeys(plan).byName.get(k) ?? null;
}

export function agencyByCode(plan: Plan, code: string): Agency | null {
  const k = normaliseCode(code);
  if (!k) return null;
  return agencyKeys(plan).byCode.get(k) ?? null;
}

/** Does the text ("1350/STNMT-MT", "Kế hoạch số 1350/STNMT-MT ngày …") name this plan? */
export function namesPlan(plan: Plan, text: string): boolean {
  const want = compactKey(plan.number);
  const got = compactKey(text);
  return want !== '' && got.includes(want);
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as unknown as ArrayBuffer);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

function emptySubmission(file: FileInput, sha256: string): Submission {
  return {
    file: file.name,
    sha256,
    size: file.bytes.byteLength,
    agencyCode: null,
    recognisedBy: null,
    planNumber: null,
    period: null,
    reportDate: null,
    receivedOn: file.receivedOn,
    receivedFrom: file.receivedFrom,
    readable: false,
    rejectReason: null,
    rows: [],
    findings: [],
  };
}

/** Reads one file against the plan. Every failure becomes a rejectReason or a Finding; it never throws. */
export async function readSubmission(file: FileInput, plan: Plan, limits?: Limits): Promise<Submission> {
  const sub = emptySubmission(file, file.tooLarge?.sha256 ?? (await sha256Hex(file.bytes)));
  const reject = (code: string, message: string): Submission => {
    sub.rejectReason = message;
    sub.findings.push(finding('error', code, message, { file: file.name }));
    return sub;
  };
  if (file.tooLarge) {
    sub.size = file.tooLarge.size;
    const byName = agencyByFileName(plan, file.name);
    if (byName) {
      sub.agencyCode = byName.code;
      sub.recognisedBy = 'filename';
    }
    return reject('limit.file_size', fileSizeRefusal(file.tooLarge.size, limits));
  }
  let wb: WorkbookGrid;
  try {
    wb = await readWorkbookGrid(file.converted?.bytes ?? file.bytes, limits);
  } catch (e) {
    const byName = agencyByFileName(plan, file.name);
    if (byName) {
      sub.agencyCode = byName.code;
      sub.recognisedBy = 'filename';
    }
    if (e instanceof WorkbookError) return reject(e.code, e.message);
    return reject('file.unreadable', `Không đọc được tệp (${e instanceof Error ? e.message : String(e)}).`);
  }
  sub.readable = true;
  const repairs = gridRepairs(wb);
  if (repairs) {
    sub.findings.push(
      finding(
        'warning',
        'file.repaired',
        `Thư viện đọc Excel không đọc được nguyên tệp; đã đọc giá trị các ô sau khi bỏ qua: ${repairs.join(', ')} (các phần này không chứa số liệu báo cáo).`,
        {
          file: file.name,
        },
      ),
    );
  }
  if (file.converted) {
    sub.findings.push(
      finding(
        'warning',
        'file.converted',
        `Tệp ${file.converted.from} được chuyển sang .xlsx bằng ${file.converted.tool} để đọc (trang và ô giữ nguyên địa chỉ); nên đề nghị đơn vị gửi .xlsx.`,
        {
          file: file.name,
        },
      ),
    );
  }
  // issue 9: macros, external links, connections, OLE objects, pictures: a warning that they were ignored (limits.ts)
  sub.findings.push(...ignoredContentFindings(file.bytes, file.name));
  try {
    return readGrid(sub, wb, plan);
  } catch (e) {
    return reject('file.unreadable', `Lỗi khi đọc nội dung tệp (${e instanceof Error ? e.message : String(e)}).`);
  }
}

/** The part of readSubmission that works on grids (also used for workbooks already in memory). */
export function readGrid(sub: Submission, wb: WorkbookGrid, plan: Plan): Submission {
  for (const sheet of wb.sheets) {
    if (!sheet.notRead) continue;
    const parts = [
      sheet.notRead.fromRow ? `từ dòng ${sheet.notRead.fromRow}` : '',
      sheet.notRead.fromCol ? `từ cột ${columnLetter(sheet.notRead.fromCol)}` : '',
    ].filter(Boolean);
    sub.findings.push(
      finding(
        'warning',
        'sheet.not_read',
        `Trang "${sheet.name}" có dữ liệu ${parts.join(' và ')} trở đi; phần đó không được đọc (bảng báo cáo không lớn như vậy).`,
        {
          file: sub.file,
          sheet: sheet.name,
        },
      ),
    );
  }
  const file = sub.file;
  const findings = sub.findings;
  const reject = (code: string, message: string): Submission => {
    sub.rejectReason = message;
    findings.push(finding('error', code, message, { file }));
    return sub;
  };
  // issue 5 (one level up): a tonghop report workbook from below is read from its hidden data sheet only
  if (hasReportData(wb)) return readUpwardReport(sub, wb, plan);
  if (wb.sheets.every((s) => s.rows.every(rowIsEmpty))) {
    return reject(
      'file.empty_workbook',
      `Bảng tính trống: không trang nào (${wb.sheets.map((s) => s.name).join(', ')}) có ô dữ liệu; có thể đơn vị gửi nhầm tệp.`,
    );
  }
  findings.push(...convertLegacyGrid(wb, file));
  const meta = readMeta(wb);
  const table = findTable(wb, plan);
  const headerSheet =
    table?.sheet ?? wb.sheets.find((s) => s.name !== META_SHEET && s.state === 'visible') ?? wb.sheets[0];
  const head = findLabelValues(headerSheet, SUBMISSION_HEADER_LABELS, table ? table.header.row + 1 : 40);
  const headText = (k: keyof typeof SUBMISSION_HEADER_LABELS) => (head[k] ? cellText(head[k]!.value) : '');
  const headCell = (k: keyof typeof SUBMISSION_HEADER_LABELS) =>
    head[k] && head[k]!.valueCol >= 0 ? cellAddress(headerSheet, head[k]!.row, head[k]!.valueCol) : '';

  // ---- which plan, which period
  sub.planNumber = meta?.plan || headText('plan') || null;
  sub.period = meta?.period || headText('period') || null;
  if (meta?.period && headText('period') && /\d{4}/.test(headText('period'))) sub.period = headText('period');
  // ---- which agency
  let agency: Agency | null = null;
  let by: RecognisedBy | null = null;
  const claimed: string[] = [];
  if (meta?.agency) {
    claimed.push(meta.agency);
    agency = agencyByCode(plan, meta.agency);
    if (agency) by = 'hidden';
  }
  const codeText = headText('agencyCode');
  const nameText = headText('agencyName');
  if (!agency && codeText) {
    claimed.push(codeText);
    agency = agencyByCode(plan, codeText);
    if (agency) by = 'code';
  }
  if (!agency && nameText) {
    claimed.push(nameText);
    agency = agencyByName(plan, nameText);
    if (agency) by = 'name';
  }
  if (!agency) {
    agency = agencyByFileName(plan, file);
    if (agency) by = 'filename';
  }
  if (
    agency &&
    by === 'hidden' &&
    codeText &&
    agencyByCode(plan, codeText) &&
    agencyByCode(plan, codeText) !== agency
  ) {
    findings.push(
      finding(
        'warning',
        'agency.code_mismatch',
        `Ô "Mã đơn vị" ghi ${codeText} nhưng mẫu được phát cho ${agency.code}; tính cho ${agency.code}.`,
        {
          file,
          sheet: headerSheet.name,
          cell: headCell('agencyCode'),
        },
      ),
    );
  }
  // ---- two agencies claiming one code: the name written in the file is another agency of the plan
  const named = nameText ? agencyByName(plan, nameText) : null;
  if (agency && named && named !== agency && by !== 'name') {
    const coded = codeText ? agencyByCode(plan, codeText) : null;
    if (by === 'hidden' && coded === named) {
      // the template of one agency filled in by another, which wrote its own code and name: counted for the writer
      findings.push(
        finding(
          'warning',
          'agency.template_reused',
          `Mẫu được phát cho ${agency.code} (${agency.name}) nhưng ô "Mã đơn vị" và "Cơ quan báo cáo" ghi ${named.code} (${named.name}); tính cho ${named.code}.`,
          {
            file,
            sheet: headerSheet.name,
            cell: headCell('agencyName'),
          },
        ),
      );
      agency = named;
      by = 'code';
    } else {
      sub.agencyCode = agency.code;
      sub.recognisedBy = by;
      return reject(
        'agency.conflict',
        `Tệp mang mã đơn vị ${agency.code} (${agency.name}) nhưng ghi tên đơn vị "${nameText}" (${named.code}): hai đơn vị cùng nhận một mã, không biết tính cho đơn vị nào; đề nghị đơn vị gửi lại đúng mẫu của mình.`,
      );
    }
  }
  const otherPlan = sub.planNumber !== null && !namesPlan(plan, sub.planNumber);
  const rejectOtherPlan = () =>
    reject('file.other_plan', `Tệp thuộc kế hoạch khác ("${sub.planNumber}"), không phải Kế hoạch số ${plan.number}.`);
  if (!agency) {
    if (otherPlan) return rejectOtherPlan();
    return reject(
      claimed.length > 0 ? 'agency.not_in_plan' : 'agency.unknown',
      claimed.length > 0
        ? `Đơn vị "${claimed.join(' / ')}" không có trong danh sách đơn vị của kế hoạch.`
        : 'Không nhận ra đơn vị gửi (không có mã đơn vị, tên đơn vị hay tên tệp khớp với danh sách).',
    );
  }
  sub.agencyCode = agency.code;
  sub.recognisedBy = by;
  if (otherPlan) return rejectOtherPlan();

  if (!sub.planNumber) {
    findings.push(
      finding(
        'warning',
        'plan.not_stated',
        `Tệp không ghi số kế hoạch; coi là báo cáo của Kế hoạch số ${plan.number}.`,
        { file },
      ),
    );
  }

  // ---- report date
  if (head.reportDate && head.reportDate.valueCol >= 0) {
    const d = parseDateCell(head.reportDate.value, wb.date1904);
    if (d) sub.reportDate = d;
    else {
      findings.push(
        finding('warning', 'report_date.invalid', `"Ngày báo cáo" không phải ngày: "${headText('reportDate')}".`, {
          file,
          sheet: headerSheet.name,
          cell: headCell('reportDate'),
        }),
      );
    }
  } else if (head.reportDate) {
    findings.push(
      finding('warning', 'report_date.empty', 'Chưa ghi "Ngày báo cáo".', {
        file,
        sheet: headerSheet.name,
        cell: cellAddress(headerSheet, head.reportDate.row, head.reportDate.labelCol + 1),
      }),
    );
  }

  if (!table) {
    return reject(
      'table.not_found',
      `Không tìm thấy bảng báo cáo (cần cột "${TABLE_LABELS.taskCode}" và cột "${TABLE_LABELS.status}" hoặc "${TABLE_LABELS.result}") trong các trang: ${wb.sheets
        .filter((s) => s.name !== META_SHEET)
        .map((s) => s.name)
        .join(', ')}.`,
    );
  }
  if (foldKey(table.sheet.name) !== foldKey(REPORT_SHEET)) {
    findings.push(
      finding(
        'warning',
        'sheet.renamed',
        `Bảng báo cáo nằm ở trang "${table.sheet.name}" (mẫu đặt tên "${REPORT_SHEET}").`,
        { file, sheet: table.sheet.name },
      ),
    );
  }
  readRows(sub, table, plan, agency);
  return sub;
}

function readRows(sub: Submission, table: TableFound, plan: Plan, agency: Agency): void {
  const { sheet, header, indicatorCols, statusCols } = table;
  const file = sub.file;
  const col = header.columns;
  const where = (r: number, c: number) => ({ file, sheet: sheet.name, cell: cellAddress(sheet, r, c) });
  const src = (r: number, c: number) => ({ file, sheet: sheet.name, cell: cellAddress(sheet, r, c) });
  const required = tasksOf(plan, agency);
  const requiredCodes = new Set(required.map((t) => t.code));
  const planCodes = new Map(plan.tasks.map((t) => [t.code, t]));
  // built only when a row has no task code (issue 6: folding every title for every file cost more than the rows)
  let titleIndex: Map<string, string> | null = null;
  const expectedIndicators = indicatorsOf(plan, required);
  for (const ind of expectedIndicators) {
    if (!indicatorCols.has(ind.code)) {
      sub.findings.push(
        finding(
          'warning',
          'indicator.column_missing',
          `Không có cột chỉ tiêu "${indicatorHeader(ind)}"; chỉ tiêu này coi như chưa báo cáo.`,
          {
            file,
            sheet: sheet.name,
            cell: cellAddress(sheet, header.row, 0),
          },
        ),
      );
    }
  }
  const seen = new Map<string, string>();
  const reservedCols = new Set<number>(
    [...Object.values(col), ...indicatorCols.values(), ...statusCols.values()].filter(
      (c): c is number => c !== undefined,
    ),
  );

  for (let r = table.dataStart; r < sheet.rows.length; r++) {
    const row = sheet.rows[r];
    if (rowIsEmpty(row)) continue;
    let code = col.taskCode !== undefined ? normaliseCode(cellText(getCell(sheet, r, col.taskCode))) : '';
    const title = col.taskTitle !== undefined ? cellText(getCell(sheet, r, col.taskTitle)) : '';
    const statusText = col.status !== undefined ? cellText(getCell(sheet, r, col.status)) : '';
    const result = col.result !== undefined ? cellText(getCell(sheet, r, col.result)) : '';
    const note = col.note !== undefined ? cellText(getCell(sheet, r, col.note)) : '';
    const firstText = foldKey((row ?? []).map((v) => cellText(v)).find((t) => t !== '') ?? '');
    if (['tong', 'tong cong', 'cong', 'tong so', 'total'].includes(firstText)) {
      sub.findings.push(
        finding('warning', 'row.total_skipped', 'Dòng tổng cộng được bỏ qua (tonghop tự cộng).', where(r, 0)),
      );
      continue;
    }
    const answerCells = [col.status, col.result, ...indicatorCols.values(), ...statusCols.values()].filter(
      (c): c is number => c !== undefined,
    );
    const hasAnswer = answerCells.some((c) => !isEmptyCell(getCell(sheet, r, c)));
    if (code === '' && col.taskTitle !== undefined && title !== '') {
      titleIndex ??= new Map(plan.tasks.map((t) => [compactKey(t.title), t.code]));
      const byTitle = titleIndex.get(compactKey(title));
      if (byTitle) {
        code = byTitle;
        sub.findings.push(
          finding(
            'warning',
            'task.matched_by_title',
            `Dòng không ghi mã nhiệm vụ; nhận là nhiệm vụ ${byTitle} theo tên.`,
            where(r, col.taskCode ?? col.taskTitle),
          ),
        );
      }
    }
    if (code === '') {
      if (hasAnswer) {
        sub.findings.push(
          finding(
            'error',
            'task.code_empty',
            'Dòng có nội dung nhưng không có mã nhiệm vụ; không tính được.',
            where(r, col.taskCode ?? 0),
          ),
        );
      }
      continue; // a section heading or a note line
    }
    const codeCell = col.taskCode ?? col.taskTitle ?? 0;
    if (!planCodes.has(code)) {
      sub.findings.push(
        finding(
          'error',
          'task.unknown',
          `Mã nhiệm vụ "${code}" không có trong kế hoạch; dòng này không được tính.`,
          where(r, codeCell),
        ),
      );
      continue;
    }
    if (!requiredCodes.has(code)) {
      sub.findings.push(
        finding(
          'warning',
          'task.not_assigned',
          `Nhiệm vụ ${code} không thuộc danh sách đơn vị phải báo cáo; dòng này không được tính.`,
          where(r, codeCell),
        ),
      );
      continue;
    }
    if (seen.has(code)) {
      sub.findings.push(
        finding(
          'error',
          'task.duplicate',
          `Nhiệm vụ ${code} xuất hiện hai lần (lần đầu ở ô ${seen.get(code)}); chỉ tính dòng đầu.`,
          where(r, codeCell),
        ),
      );
      continue;
    }
    seen.set(code, cellAddress(sheet, r, codeCell));

    // status
    let status: TaskStatus | null = null;
    if (col.status !== undefined && statusText !== '') {
      status = parseStatus(statusText);
      if (!status) {
        const raw = getCell(sheet, r, col.status);
        sub.findings.push(
          finding(
            'error',
            isFormulaWithoutResult(raw) ? 'formula.no_result' : 'status.invalid',
            isFormulaWithoutResult(raw)
              ? `Ô tình trạng là công thức chưa có kết quả lưu trong tệp.`
              : `Tình trạng "${statusText}" không hợp lệ (chọn: Đã hoàn thành, Đang thực hiện, Chưa thực hiện, Không thuộc phạm vi).`,
            where(r, col.status),
          ),
        );
      }
    } else if (statusCols.size > 0) {
      const marked = TASK_STATUSES.filter((s) => statusCols.has(s) && isMark(getCell(sheet, r, statusCols.get(s)!)));
      if (marked.length === 1) status = marked[0];
      else if (marked.length > 1) {
        sub.findings.push(
          finding(
            'error',
            'status.several',
            `Đánh dấu nhiều tình trạng cho nhiệm vụ ${code}.`,
            where(r, statusCols.get(marked[0])!),
          ),
        );
      }
    }
    if (status === null && col.status !== undefined && statusText === '') {
      sub.findings.push(
        finding('warning', 'status.empty', `Nhiệm vụ ${code} chưa chọn tình trạng.`, where(r, col.status)),
      );
    }

    // indicators
    const indicators: ReportedRow['indicators'] = {};
    for (const [indCode, c] of indicatorCols) {
      const ind = plan.indicators.find((i) => i.code === indCode)!;
      const raw = getCell(sheet, r, c);
      const reading = readNumber(raw);
      if (!reading.ok) {
        if (reading.reason === 'empty') continue;
        const msg =
          reading.reason === 'formula_no_result'
            ? `Chỉ tiêu "${ind.name}" là công thức chưa có kết quả lưu trong tệp (${reading.text}); mở tệp bằng Excel, tính lại và lưu.`
            : reading.reason === 'error_value'
              ? `Chỉ tiêu "${ind.name}" có giá trị lỗi ${reading.text}.`
              : `Chỉ tiêu "${ind.name}" không phải số: "${reading.text}".`;
        sub.findings.push(
          finding(
            'error',
            reading.reason === 'formula_no_result' ? 'formula.no_result' : 'indicator.not_number',
            msg,
            where(r, c),
          ),
        );
        continue;
      }
      if (ind.taskCode !== code) {
        sub.findings.push(
          finding(
            'warning',
            'indicator.wrong_task',
            `Chỉ tiêu "${ind.name}" thuộc nhiệm vụ ${ind.taskCode}, không tính ở dòng nhiệm vụ ${code} (giá trị ${formatNumberVi(reading.value)}).`,
            where(r, c),
          ),
        );
        continue;
      }
      if (reading.unit && ind.unit && compactKey(reading.unit) !== compactKey(ind.unit)) {
        sub.findings.push(
          finding(
            'warning',
            'indicator.unit',
            `Đơn vị "${reading.unit}" khác đơn vị tính của chỉ tiêu (${ind.unit}); vẫn lấy số ${formatNumberVi(reading.value)}.`,
            where(r, c),
          ),
        );
      }
      indicators[indCode] = { value: reading.value, source: src(r, c) };
    }

    // cells outside known columns with content: kept visible as a finding, never dropped silently
    (row ?? []).forEach((v, c) => {
      if (!reservedCols.has(c) && !isEmptyCell(v)) {
        sub.findings.push(
          finding(
            'warning',
            'cell.unknown_column',
            `Ô có nội dung ("${cleanText(cellText(v)).slice(0, 40)}") ở cột không thuộc mẫu; không được tổng hợp.`,
            where(r, c),
          ),
        );
      }
    });

    sub.rows.push({ taskCode: code, status, result, note, indicators, source: src(r, codeCell) });
  }

  const missing = required.filter((t) => !seen.has(t.code)).map((t) => t.code);
  if (missing.length > 0) {
    sub.findings.push(
      finding('warning', 'task.missing', `Thiếu dòng báo cáo cho nhiệm vụ: ${missing.join(', ')}.`, {
        file,
        sheet: sheet.name,
      }),
    );
  }
}
