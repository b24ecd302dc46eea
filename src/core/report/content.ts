/**
 * What the report to the ministry says, once, for both writers: the workbook (workbook.ts) and
 * the Word document (report-docx.ts) render the same letterhead, subject, body blocks, tables and appendices.
 * Tables are `Column<R>` definitions (basics/sheets.ts) so that a header and its value never drift apart.
 */
import type { AgencyResult, Consolidation, GroupCounts, TaskResult } from '../consolidate/consolidate';
import { type CountKey, COUNT_KEYS, fraction } from '../basics/counts';
import { formatDateVi } from '../basics/dates';
import { countColumn } from '../consolidate/summary-tables';
import { AGENCY_STATUS_LABELS, AGGREGATE_LABELS, type Plan, TASK_STATUS_LABELS } from '../basics/model';
import {
  type Column,
  type ColumnType,
  type OutTable,
  type OutValue,
  column,
  isOutDate,
  tableOf,
} from '../basics/sheets';
import { cleanText, formatNumberVi } from '../basics/text';
import { DECREE_30, DOTS, type Letterhead, planCitation, recipientLines } from './letterhead';
import { type TextFont, longestWord, textWidth, unitsForText } from '../basics/measure';
import { plainReason } from './reasons';

/** A report column: a `Column<R>` (width: grid columns in `Báo cáo`, Excel width units in an appendix). */
export interface ReportColumn<R> extends Column<R> {
  /** Centred (codes, numbers in order, statuses, dates); otherwise text left and numbers right. */
  center: boolean;
}

function col<R>(
  header: string,
  type: ColumnType,
  width: number,
  value: (row: R) => OutValue,
  center = false,
): ReportColumn<R> {
  return { ...column(header, type, width, value), center };
}

export interface ReportTable {
  table: OutTable;
  center: boolean[];
  /** The last row is a total (bold). */
  boldLast: boolean;
}

function reportTable<R>(name: string, columns: ReportColumn<R>[], rows: readonly R[], boldLast = false): ReportTable {
  return { table: tableOf(name, columns, rows), center: columns.map((c) => c.center), boldLast };
}

/** A value as the report's vi-VN formats show it: 1.234; 12,5; 81,6%; 15/07/2024. */
export function shownText(v: OutValue, type: ColumnType): string {
  if (v === null) return '';
  if (isOutDate(v)) return formatDateVi(v.date);
  if (typeof v === 'string') return v;
  if (type === 'percent') return `${(v * 100).toFixed(1).replace('.', ',')}%`;
  return formatNumberVi(v, 3);
}

/** How much wider than designed a text column may grow to hold its longest value on one line. */
const TEXT_GROWTH = 1.4;
/** The widths (Excel units) an A4 page of the decree holds across, fit to width: portrait, landscape. */
const PAGE_UNITS = { portrait: 110, landscape: 135 } as const;

/**
 * The widths (Excel units) of an appendix's columns: as designed, widened so that no header word breaks and so that
 * a value of a centred column (status, code), a number or a date holds on one line; then, while the page's width
 * allows, a text column holds its longest value on one line when that takes at most 1.4 times its width (else its
 * text wraps between words).
 */
export function appendixWidths(t: ReportTable): number[] {
  const cell = tnr(DECREE_30.size.table);
  const head = tnr(DECREE_30.size.table, true);
  const cols = t.table.columns.map((c, i) => {
    const values = t.table.rows.map((r) => shownText(r[i], c.type));
    const widest = unitsForText(Math.max(0, ...values.map((v) => textWidth(v, cell))));
    const whole = t.center[i] || c.type !== 'text';
    const words = Math.max(longestWord(c.header, head), ...values.map((v) => (whole ? 0 : longestWord(v, cell))));
    const base = Math.max(c.width, unitsForText(words), whole ? widest : 0);
    return { base, grown: !whole && widest <= c.width * TEXT_GROWTH ? Math.max(base, widest) : base };
  });
  const widths = cols.map((c) => c.base);
  const room = PAGE_UNITS[orientationOf(widths)];
  cols.forEach((c, i) => {
    const total = widths.reduce((s, w) => s + w, 0);
    if (total - widths[i] + c.grown <= room) widths[i] = c.grown;
  });
  return widths;
}

const orientationOf = (widths: number[]) =>
  widths.reduce((s, w) => s + w, 0) > PAGE_UNITS.portrait ? ('landscape' as const) : ('portrait' as const);

/** Landscape when the appendix's table is wider than a portrait page holds (the decree allows it for tables). */
export function appendixOrientation(a: Appendix): 'portrait' | 'landscape' {
  return orientationOf(appendixWidths(a.table));
}

const tnr = (size: number, bold = false): TextFont => ({ family: 'Times New Roman', size, bold });

export type Block =
  | { kind: 'para'; text: string; bold?: boolean; italic?: boolean }
  | { kind: 'table'; table: ReportTable }
  | { kind: 'gap' };

export interface Appendix {
  name: string;
  heading: string;
  attachedTo: string;
  table: ReportTable;
  emptyText: string;
}

export interface ReportContent {
  letterhead: Letterhead;
  title: string;
  subject: string;
  body: Block[];
  /** "Nơi nhận:" lines, "- X;" … "- Lưu: VT.". */
  recipients: string[];
  appendices: Appendix[];
}

export const REPORT_TITLE = 'BÁO CÁO';
export const RECIPIENTS_LABEL = 'Nơi nhận:';

/** The count fields as report columns (COUNT_FIELDS: label, whole number or percent), each `width` wide. */
const countCols = <R extends GroupCounts>(width: number): ReportColumn<R>[] =>
  COUNT_KEYS.map((k) => ({ ...countColumn<R, CountKey>(k, width, false), center: false }));

function planReference(plan: Plan): string {
  const date = plan.issuedOn ? ` ngày ${formatDateVi(plan.issuedOn)}` : '';
  const issuer = plan.issuer ? ` của ${plan.issuer}` : '';
  return `Kế hoạch số ${plan.number}${date}${issuer}`;
}

export function subjectOf(plan: Plan, c: Consolidation): string {
  const period = /\d{4}/.test(c.period) ? ` năm ${c.period}` : c.period ? ` kỳ ${c.period}` : '';
  return `Kết quả thực hiện Kế hoạch số ${plan.number}${period}`;
}

export function overviewSentence(c: Consolidation): string {
  const o = c.overall;
  const parts = [
    `Tổng số cơ quan, đơn vị, địa phương phải báo cáo: ${o.required}`,
    `đã báo cáo đúng hạn (đến ngày ${formatDateVi(c.deadline)}): ${o.onTime}`,
    `báo cáo muộn: ${o.late}`,
    `chưa báo cáo: ${o.missing}`,
  ];
  if (o.rejected > 0) parts.push(`báo cáo không hợp lệ (phải gửi lại): ${o.rejected}`);
  return `${parts.join('; ')}. Tỉ lệ đã báo cáo: ${formatNumberVi(o.completeness, 1)}%; tỉ lệ báo cáo đúng hạn: ${formatNumberVi(o.onTimeRate, 1)}%.`;
}

function ownAgenciesSentence(agencies: AgencyResult[]): string | null {
  const withOwn = agencies.filter((a) => a.ownAgencies);
  if (withOwn.length === 0) return null;
  const t = { required: 0, onTime: 0, late: 0, missing: 0, rejected: 0 };
  for (const a of withOwn) {
    const o = a.ownAgencies!;
    t.required += o.required;
    t.onTime += o.onTime;
    t.late += o.late;
    t.missing += o.missing;
    t.rejected += o.rejected;
  }
  const rate = t.required === 0 ? 0 : Math.round(((t.onTime + t.late) / t.required) * 1000) / 10;
  return `Các báo cáo đã nhận tổng hợp từ ${t.required} cơ quan, đơn vị cấp dưới của ${withOwn.length} đơn vị báo cáo: đúng hạn ${t.onTime}, muộn ${t.late}, chưa báo cáo ${t.missing}${t.rejected ? `, không hợp lệ ${t.rejected}` : ''} (tỉ lệ ${formatNumberVi(rate, 1)}%).`;
}

type Named = GroupCounts & { name: string };

/** The body's overview per group, with the total row: both rates. */
function groupTable(c: Consolidation): ReportTable {
  const rows: Named[] = [...c.groups, { ...c.overall, name: 'Tổng cộng' }];
  return reportTable('NhomBaoCao', [col<Named>('Nhóm', 'text', 4, (g) => g.name), ...countCols<Named>(2)], rows, true);
}

function taskTable(c: Consolidation): ReportTable {
  const n = (key: keyof TaskResult['statusCounts']) => (t: TaskResult) => t.statusCounts[key];
  return reportTable(
    'NhiemVu',
    [
      col<TaskResult>('Mã', 'text', 1, (t) => t.code, true),
      col<TaskResult>('Nhiệm vụ', 'text', 5, (t) => t.title),
      col<TaskResult>('Phải báo cáo', 'integer', 2, (t) => t.required),
      col<TaskResult>(TASK_STATUS_LABELS.done, 'integer', 2, n('done')),
      col<TaskResult>(TASK_STATUS_LABELS.inProgress, 'integer', 2, n('inProgress')),
      col<TaskResult>(TASK_STATUS_LABELS.notStarted, 'integer', 2, n('notStarted')),
      col<TaskResult>(TASK_STATUS_LABELS.notApplicable, 'integer', 2, n('notApplicable')),
      col<TaskResult>('Chưa trả lời', 'integer', 2, n('noAnswer')),
    ],
    c.tasks,
  );
}

type IndicatorRow = TaskResult['indicatorTotals'][number] & { taskCode: string };

function indicatorTable(c: Consolidation): ReportTable | null {
  const rows: IndicatorRow[] = c.tasks.flatMap((t) => t.indicatorTotals.map((i) => ({ ...i, taskCode: t.code })));
  if (rows.length === 0) return null;
  return reportTable(
    'ChiTieu',
    [
      col<IndicatorRow>('Nhiệm vụ', 'text', 2, (i) => i.taskCode, true),
      col<IndicatorRow>('Chỉ tiêu', 'text', 8, (i) => i.name),
      col<IndicatorRow>('Đơn vị tính', 'text', 2, (i) => i.unit, true),
      col<IndicatorRow>('Cách tổng hợp', 'text', 2, (i) => AGGREGATE_LABELS[i.aggregate], true),
      col<IndicatorRow>('Kết quả', 'number', 2, (i) => i.value),
      col<IndicatorRow>('Số đơn vị báo cáo', 'integer', 2, (i) => i.count),
    ],
    rows,
  );
}

function bodyBlocks(c: Consolidation, plan: Plan, lh: Letterhead): Block[] {
  const para = (text: string, style: { bold?: boolean; italic?: boolean } = {}): Block => ({
    kind: 'para',
    text,
    ...style,
  });
  const consolidator = plan.consolidator || 'cơ quan tổng hợp';
  const own = ownAgenciesSentence(c.agencies);
  const indicators = indicatorTable(c);
  const dotted = '…'.repeat(70);
  return [
    para(
      `Thực hiện ${planCitation(plan)}, ${consolidator} báo cáo kết quả thực hiện kỳ ${c.period} (số liệu tổng hợp đến ngày ${formatDateVi(c.asOf)}) như sau:`,
    ),
    para('I. TÌNH HÌNH BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ', { bold: true }),
    para(overviewSentence(c)),
    ...(own ? [para(own)] : []),
    { kind: 'table', table: groupTable(c) },
    para(
      `(Chi tiết từng cơ quan, đơn vị tại Phụ lục 1; theo huyện, khu vực tại Phụ lục 2; danh sách chưa báo cáo tại Phụ lục 3.)`,
      { italic: true },
    ),
    { kind: 'gap' },
    para('II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ', { bold: true }),
    para('1. Tình hình thực hiện theo nhiệm vụ (số cơ quan, đơn vị theo từng tình trạng):'),
    { kind: 'table', table: taskTable(c) },
    { kind: 'gap' },
    ...(indicators
      ? ([
          para('2. Kết quả các chỉ tiêu chủ yếu (tổng hợp từ các báo cáo đã nhận):'),
          { kind: 'table', table: indicators },
          { kind: 'gap' },
        ] satisfies Block[])
      : []),
    para('III. KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ, ĐỀ XUẤT', { bold: true }),
    para(dotted),
    para(dotted),
    para(
      `Trên đây là báo cáo kết quả thực hiện ${planReference(plan)}, ${consolidator} kính báo cáo${lh.recipients.length > 0 ? ` ${lh.recipients[0]}` : ''} xem xét, chỉ đạo./.`,
    ),
    { kind: 'gap' },
  ];
}

/** Builds what the report says. */
export function reportContent(
  c: Consolidation,
  plan: Plan,
  lh: Letterhead,
  options: { issuer?: string; documentDate?: string | null },
): ReportContent {
  const numberText = lh.number.replace(/^Số:\s*/, '');
  const date = options.documentDate ? `ngày ${formatDateVi(options.documentDate)}` : `ngày ${DOTS}`;
  const attachedTo = `(Kèm theo Báo cáo số ${numberText} ${date} của ${cleanText(options.issuer ?? '') || plan.consolidator || DOTS})`;
  return {
    letterhead: lh,
    title: REPORT_TITLE,
    subject: subjectOf(plan, c),
    body: bodyBlocks(c, plan, lh),
    recipients: recipientLines(lh.recipients),
    appendices: appendices(c, attachedTo),
  };
}

function statusNote(c: Consolidation, a: AgencyResult): string {
  const parts: string[] = [];
  if (a.status === 'rejected') {
    const reason = plainReason(c, a);
    if (reason) parts.push(reason);
  }
  if ((a.status === 'on_time' || a.status === 'late') && a.missingTasks.length > 0)
    parts.push(`Chưa báo cáo nhiệm vụ ${a.missingTasks.join(', ')}`);
  return parts.join('; ');
}

type Numbered<R> = R & { no: number };
const numbered = <R>(rows: R[]): Numbered<R>[] => rows.map((r, i) => ({ ...r, no: i + 1 }));

function agencyAppendix(c: Consolidation, attachedTo: string): Appendix {
  type A = Numbered<AgencyResult>;
  const hasOwn = c.agencies.some((a) => a.ownAgencies);
  const own = (v: (o: NonNullable<AgencyResult['ownAgencies']>) => number) => (a: A) =>
    a.ownAgencies ? v(a.ownAgencies) : null;
  const ownCols: ReportColumn<A>[] = hasOwn
    ? [
        col<A>(
          'Đơn vị cấp dưới phải báo cáo',
          'integer',
          11,
          own((o) => o.required),
        ),
        col<A>(
          'Đúng hạn',
          'integer',
          9,
          own((o) => o.onTime),
        ),
        col<A>(
          'Muộn',
          'integer',
          8,
          own((o) => o.late),
        ),
        col<A>(
          'Chưa nộp, không hợp lệ',
          'integer',
          9,
          own((o) => o.missing + o.rejected),
        ),
        col<A>(
          'Tỉ lệ',
          'percent',
          9,
          own((o) => fraction(o.completeness)),
        ),
      ]
    : [];
  const columns: ReportColumn<A>[] = [
    col<A>('STT', 'integer', 5, (a) => a.no, true),
    col<A>('Tên cơ quan, đơn vị', 'text', 36, (a) => a.name),
    col<A>('Nhóm', 'text', 15, (a) => a.group),
    col<A>('Tình trạng', 'text', 11, (a) => AGENCY_STATUS_LABELS[a.status], true),
    col<A>('Ngày nhận', 'date', 11, (a) => (a.receivedOn ? { date: a.receivedOn } : null), true),
    col<A>('Số ngày muộn, quá hạn', 'integer', 9, (a) => a.daysLate ?? a.daysOverdue ?? null),
    ...ownCols,
    col<A>('Ghi chú', 'text', hasOwn ? 24 : 22, (a) => statusNote(c, a) || null),
  ];
  return {
    name: 'Phụ lục 1',
    heading: 'TÌNH HÌNH BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ',
    attachedTo,
    table: reportTable('PhuLuc1', columns, numbered(c.agencies)),
    emptyText: 'Không có cơ quan, đơn vị nào.',
  };
}

function areaAppendix(c: Consolidation, attachedTo: string): Appendix {
  type G = Numbered<Named>;
  const areas = numbered(c.groups.filter((g) => g.kind === 'locality'));
  return {
    name: 'Phụ lục 2',
    heading: 'TÌNH HÌNH BÁO CÁO THEO HUYỆN, KHU VỰC',
    attachedTo,
    table: reportTable(
      'PhuLuc2',
      [
        col<G>('STT', 'integer', 5, (g) => g.no, true),
        col<G>('Huyện, khu vực', 'text', 30, (g) => g.name),
        ...countCols<G>(10),
      ],
      areas,
    ),
    emptyText: 'Kế hoạch không có địa phương (huyện, khu vực) phải báo cáo.',
  };
}

function notReportingAppendix(c: Consolidation, attachedTo: string): Appendix {
  type A = Numbered<AgencyResult>;
  const rows = numbered(c.agencies.filter((a) => a.status === 'missing' || a.status === 'rejected'));
  return {
    name: 'Phụ lục 3',
    heading: `DANH SÁCH CƠ QUAN, ĐƠN VỊ CHƯA BÁO CÁO (ĐẾN NGÀY ${formatDateVi(c.asOf)})`,
    attachedTo,
    table: reportTable(
      'PhuLuc3',
      [
        col<A>('STT', 'integer', 5, (a) => a.no, true),
        col<A>('Tên cơ quan, đơn vị', 'text', 32, (a) => a.name),
        col<A>('Nhóm', 'text', 18, (a) => a.group),
        col<A>('Tình trạng', 'text', 12, (a) => AGENCY_STATUS_LABELS[a.status], true),
        col<A>('Số ngày quá hạn', 'integer', 9, (a) => a.daysOverdue),
        col<A>('Ghi chú', 'text', 24, (a) => plainReason(c, a)),
      ],
      rows,
    ),
    emptyText: 'Tất cả cơ quan, đơn vị đã báo cáo.',
  };
}

function appendices(c: Consolidation, attachedTo: string): Appendix[] {
  return [agencyAppendix(c, attachedTo), areaAppendix(c, attachedTo), notReportingAppendix(c, attachedTo)];
}
