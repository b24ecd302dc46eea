/**
 * Reading one submitted workbook against the plan: find the report table wherever it is, recognise the agency,
 * read every task row with its source cell, and list every problem as a Finding. Never throws.
 * The parts: submission-table.ts (where the table is), submission-agency.ts (who sent it), submission-rows.ts
 * (the task rows); upward-read.ts reads a tonghop report workbook sent from one level down.
 */
import { parseDateCell } from '../basics/dates';
import { type SheetGrid, type WorkbookGrid, cellAddress, cellText, columnLetter, rowIsEmpty } from '../basics/grid';
import { type Fold, FoldMemo, type LabelValue, findLabelValues } from '../basics/labels';
import { convertLegacyGrid } from './legacy-fonts';
import { ignoredContentFindings } from './limit-check';
import { type Limits, fileSizeRefusal } from './limits';
import { UNREADABLE_REASON } from './formats';
import { type Agency, type Plan, type Submission, finding } from '../basics/model';
import { HEADER_FIELDS, META_SHEET, REPORT_SHEET, TABLE_LABELS } from '../plan/template-labels';
import { foldKey } from '../basics/text';
import { WorkbookError, gridRepairs, readWorkbookGrid } from './xlsx-read';
import { hasReportData, readUpwardReport } from './upward-read'; // one level up
import { type HeaderBlock, agencyByFileName, claimAgency, namesPlan, settleClaim } from './submission-agency';
import { readRows } from './submission-rows';
import { type TableFound, findTable, readMeta } from './submission-table';

export { agencyByCode, agencyByName, namesPlan } from './submission-agency';

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
  /** The SHA-256 of `bytes` (hex) when the door has computed it (a reading thread hashes synchronously, cheaper). */
  sha256?: string;
}

export const SUBMISSION_HEADER_LABELS = {
  agencyName: [HEADER_FIELDS.agencyName, 'Đơn vị báo cáo', 'Tên đơn vị', 'Cơ quan, đơn vị'],
  agencyCode: [HEADER_FIELDS.agencyCode, 'Mã cơ quan'],
  plan: [HEADER_FIELDS.plan, 'Số kế hoạch', 'Kế hoạch số'],
  period: [HEADER_FIELDS.period, 'Năm báo cáo'],
  reportDate: [HEADER_FIELDS.reportDate, 'Ngày lập báo cáo', 'Ngày lập'],
} as const;

/** The SHA-256 of bytes, in hex (Web Crypto: Node and every webview the pane runs in, IE11 through a polyfill). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
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

/** A file that cannot be read is still put down to the agency its file name points to. */
function recogniseByFileName(sub: Submission, plan: Plan): void {
  const byName = agencyByFileName(plan, sub.file);
  if (byName) {
    sub.agencyCode = byName.code;
    sub.recognisedBy = 'filename';
  }
}

/**
 * A file the reader could not finish (it crashed or ran out of its time budget in a reading thread or worker): rejected
 * with the reason, the agency recognised from the file name (readSubmission of no bytes, as for any unreadable
 * file), the size and SHA-256 those of the file (`input.sha256` when the door has it).
 */
export async function abandonedSubmission(
  input: FileInput,
  plan: Plan,
  code: string,
  message: string,
): Promise<Submission> {
  const sub = await readSubmission({ ...input, bytes: new Uint8Array(0), converted: undefined }, plan);
  return {
    ...sub,
    sha256: input.sha256 ?? (await sha256Hex(input.bytes)),
    size: input.bytes.byteLength,
    rejectReason: message,
    findings: [finding('error', code, message, { file: input.name })],
  };
}

/** Reads one file against the plan. Every failure becomes a rejectReason or a Finding; it never throws. */
export async function readSubmission(file: FileInput, plan: Plan, limits?: Limits): Promise<Submission> {
  const sub = emptySubmission(file, file.tooLarge?.sha256 ?? file.sha256 ?? (await sha256Hex(file.bytes)));
  const reject = (code: string, message: string, detail?: string): Submission => {
    sub.rejectReason = message;
    sub.findings.push({ ...finding('error', code, message, { file: file.name }), ...(detail ? { detail } : {}) });
    return sub;
  };
  if (file.tooLarge) {
    sub.size = file.tooLarge.size;
    recogniseByFileName(sub, plan);
    return reject('limit.file_size', fileSizeRefusal(file.tooLarge.size, limits));
  }
  let wb: WorkbookGrid;
  try {
    wb = await readWorkbookGrid(file.converted?.bytes ?? file.bytes, limits);
  } catch (e) {
    recogniseByFileName(sub, plan);
    if (e instanceof WorkbookError) return reject(e.code, e.message, e.detail);
    return reject('file.unreadable', UNREADABLE_REASON, e instanceof Error ? e.message : String(e));
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
  // macros, external links, connections, OLE objects, pictures: a warning that they were ignored (limits.ts)
  sub.findings.push(...ignoredContentFindings(file.bytes, file.name));
  try {
    return readGrid(sub, wb, plan);
  } catch (e) {
    return reject('file.unreadable', UNREADABLE_REASON, e instanceof Error ? e.message : String(e));
  }
}

/**
 * The folded texts of a plan's submissions: every file repeats the same labels, titles and statuses, so each is
 * folded once per plan. Kept with the plan object, and gone with it.
 */
const foldMemos = new WeakMap<Plan, FoldMemo>();
function foldFor(plan: Plan): Fold {
  let memo = foldMemos.get(plan);
  if (!memo) foldMemos.set(plan, (memo = new FoldMemo()));
  return memo.fold;
}

/** The part of readSubmission that works on grids (also used for workbooks already in memory). */
export function readGrid(sub: Submission, wb: WorkbookGrid, plan: Plan): Submission {
  sub.findings.push(...sheetsNotRead(sub.file, wb));
  const file = sub.file;
  const findings = sub.findings;
  const reject = (code: string, message: string): Submission => {
    sub.rejectReason = message;
    findings.push(finding('error', code, message, { file }));
    return sub;
  };
  // one level up: a tonghop report workbook from below is read from its hidden data sheet only
  if (hasReportData(wb)) return readUpwardReport(sub, wb, plan);
  if (wb.sheets.every((s) => s.rows.every(rowIsEmpty))) {
    return reject(
      'file.empty_workbook',
      `Bảng tính trống: không trang nào (${wb.sheets.map((s) => s.name).join(', ')}) có ô dữ liệu; có thể đơn vị gửi nhầm tệp.`,
    );
  }
  findings.push(...convertLegacyGrid(wb, file));
  const fold = foldFor(plan);
  const meta = readMeta(wb);
  const table = findTable(wb, plan, fold);
  const head = readHeaderBlock(wb, table, fold);

  // ---- which plan, which period
  sub.planNumber = meta?.plan || head.text('plan') || null;
  sub.period = meta?.period || head.text('period') || null;
  if (meta?.period && head.text('period') && /\d{4}/.test(head.text('period'))) sub.period = head.text('period');
  // ---- which agency
  const agency = identifySender(sub, plan, meta?.agency, head);
  if ('refuse' in agency) return reject(agency.refuse, agency.message);
  readReportDate(sub, head, wb.date1904);

  if (!table) {
    return reject('table.not_found', tableNotFound(wb));
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
  readRows(sub, table, plan, agency, fold);
  return sub;
}

/** Why a file is refused, before its rows are read. */
interface Refusal {
  refuse: string;
  message: string;
}

/**
 * Which agency sent the file, for which plan: sets `agencyCode` and `recognisedBy` (also on a refused file, when the
 * agency is known), or says why the file is refused (an agency not in the plan, two agencies in one file, another
 * plan).
 */
function identifySender(
  sub: Submission,
  plan: Plan,
  hiddenCode: string | undefined,
  head: ReadHeader,
): Agency | Refusal {
  const file = sub.file;
  const claim = claimAgency(plan, hiddenCode, head, file);
  const settled = settleClaim(plan, claim, head, sub.findings, file);
  if ('conflict' in settled) {
    sub.agencyCode = settled.agency.code;
    sub.recognisedBy = settled.by;
    return { refuse: 'agency.conflict', message: settled.conflict };
  }
  const { agency, by } = settled;
  const otherPlan: Refusal | null =
    sub.planNumber !== null && !namesPlan(plan, sub.planNumber)
      ? {
          refuse: 'file.other_plan',
          message: `Tệp thuộc kế hoạch khác ("${sub.planNumber}"), không phải Kế hoạch số ${plan.number}.`,
        }
      : null;
  if (!agency) {
    if (otherPlan) return otherPlan;
    return claim.claimed.length > 0
      ? {
          refuse: 'agency.not_in_plan',
          message: `Đơn vị "${claim.claimed.join(' / ')}" không có trong danh sách đơn vị của kế hoạch.`,
        }
      : {
          refuse: 'agency.unknown',
          message: 'Không nhận ra đơn vị gửi (không có mã đơn vị, tên đơn vị hay tên tệp khớp với danh sách).',
        };
  }
  sub.agencyCode = agency.code;
  sub.recognisedBy = by;
  if (otherPlan) return otherPlan;
  if (!sub.planNumber) {
    sub.findings.push(
      finding(
        'warning',
        'plan.not_stated',
        `Tệp không ghi số kế hoạch; coi là báo cáo của Kế hoạch số ${plan.number}.`,
        { file },
      ),
    );
  }
  return agency;
}

function tableNotFound(wb: WorkbookGrid): string {
  const sheets = wb.sheets.filter((s) => s.name !== META_SHEET).map((s) => s.name);
  return `Không tìm thấy bảng báo cáo (cần cột "${TABLE_LABELS.taskCode}" và cột "${TABLE_LABELS.status}" hoặc "${TABLE_LABELS.result}") trong các trang: ${sheets.join(', ')}.`;
}

/** Sheets with data past the reading limits: the part not read is named, never dropped silently. */
function sheetsNotRead(file: string, wb: WorkbookGrid) {
  return wb.sheets
    .filter((sheet) => sheet.notRead)
    .map((sheet) => {
      const parts = [
        sheet.notRead!.fromRow ? `từ dòng ${sheet.notRead!.fromRow}` : '',
        sheet.notRead!.fromCol ? `từ cột ${columnLetter(sheet.notRead!.fromCol)}` : '',
      ].filter(Boolean);
      return finding(
        'warning',
        'sheet.not_read',
        `Trang "${sheet.name}" có dữ liệu ${parts.join(' và ')} trở đi; phần đó không được đọc (bảng báo cáo không lớn như vậy).`,
        { file, sheet: sheet.name },
      );
    });
}

type HeaderKey = keyof typeof SUBMISSION_HEADER_LABELS;
interface ReadHeader extends HeaderBlock {
  found: Partial<Record<HeaderKey, LabelValue>>;
  text(key: HeaderKey): string;
  cell(key: HeaderKey): string;
}

/** The header block above the table (or on the first visible sheet when there is no table). */
function readHeaderBlock(wb: WorkbookGrid, table: TableFound | null, fold: Fold): ReadHeader {
  const sheet: SheetGrid =
    table?.sheet ?? wb.sheets.find((s) => s.name !== META_SHEET && s.state === 'visible') ?? wb.sheets[0];
  const found = findLabelValues(sheet, SUBMISSION_HEADER_LABELS, table ? table.header.row + 1 : 40, fold);
  return {
    sheet,
    found,
    text: (k) => (found[k] ? cellText(found[k]!.value) : ''),
    cell: (k) => (found[k] && found[k]!.valueCol >= 0 ? cellAddress(sheet, found[k]!.row, found[k]!.valueCol) : ''),
  };
}

/** "Ngày báo cáo": a date, or a warning at its cell. */
function readReportDate(sub: Submission, head: ReadHeader, date1904: boolean): void {
  const lv = head.found.reportDate;
  if (!lv) return;
  const where = { file: sub.file, sheet: head.sheet.name };
  if (lv.valueCol >= 0) {
    const d = parseDateCell(lv.value, date1904);
    if (d) sub.reportDate = d;
    else
      sub.findings.push(
        finding('warning', 'report_date.invalid', `"Ngày báo cáo" không phải ngày: "${head.text('reportDate')}".`, {
          ...where,
          cell: head.cell('reportDate'),
        }),
      );
  } else {
    sub.findings.push(
      finding('warning', 'report_date.empty', 'Chưa ghi "Ngày báo cáo".', {
        ...where,
        cell: cellAddress(head.sheet, lv.row, lv.labelCol + 1),
      }),
    );
  }
}
