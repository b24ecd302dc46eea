/**
 * The consolidation as output: the summary sheets (one definition for the file and for Excel) and the JSON.
 */
import { type IsoDate, formatDateVi, formatDeadlineRule } from '../basics/dates';
import {
  type AgencyStatus,
  type Plan,
  AGENCY_KIND_LABELS,
  AGENCY_STATUS_LABELS,
  AGGREGATE_LABELS,
  INTAKE_VERDICT_LABELS,
  RECOGNISED_BY_LABELS,
  TASK_STATUS_LABELS,
} from '../basics/model';
import type { Consolidation } from './consolidate';
import type { OutColumn, OutSheet, OutValue, Tone } from '../basics/sheets';
import { writeOutSheets } from '../basics/xlsx-write';

export const SUMMARY_SHEETS = {
  overview: 'Tổng hợp',
  byTask: 'Theo nhiệm vụ',
  byAgency: 'Theo đơn vị',
  byArea: 'Theo huyện, khu vực',
  lateMissing: 'Chưa nộp, nộp muộn',
  findings: 'Lỗi dữ liệu',
  details: 'Chi tiết',
  intake: 'Sổ tiếp nhận',
} as const;

const d = (iso: IsoDate | null): OutValue => (iso ? { date: iso } : null);
const col = (header: string, type: OutColumn['type'], width: number): OutColumn => ({ header, type, width });

const STATUS_TONE: Record<AgencyStatus, Tone> = {
  on_time: 'ok',
  late: 'late',
  missing: 'missing',
  rejected: 'rejected',
};

const RECEIVED_FROM_LABELS = {
  'intake-log': 'Sổ tiếp nhận',
  'file-date': 'Ngày của tệp',
  entered: 'Nhập tay',
  unknown: 'Không rõ',
} as const;

function groupColumns(first: string): OutColumn[] {
  return [
    col(first, 'text', 34),
    col('Phải báo cáo', 'integer', 12),
    col('Đúng hạn', 'integer', 11),
    col('Nộp muộn', 'integer', 11),
    col('Chưa nộp', 'integer', 11),
    col('Không hợp lệ', 'integer', 12),
    col('Tỉ lệ đã nộp', 'percent', 12),
  ];
}

function title(c: Consolidation, heading: string): OutValue[][] {
  return [
    [heading],
    [`Kế hoạch số ${c.plan.number}: ${c.plan.title}`],
    [`Kỳ báo cáo: ${c.period} — Hạn báo cáo: ${formatDateVi(c.deadline)} — Số liệu đến ngày: ${formatDateVi(c.asOf)}`],
  ];
}

export function summarySheets(c: Consolidation, plan: Plan): OutSheet[] {
  const o = c.overall;
  const overview: OutSheet = {
    name: SUMMARY_SHEETS.overview,
    preamble: [
      ...title(c, 'TỔNG HỢP TÌNH HÌNH BÁO CÁO'),
      [`Cơ quan tổng hợp: ${plan.consolidator || '…'}; hạn báo cáo: ${formatDeadlineRule(plan.deadline)}`],
      [
        `Phải báo cáo: ${o.required} — Đúng hạn: ${o.onTime} — Nộp muộn: ${o.late} — Chưa nộp: ${o.missing} — Không hợp lệ: ${o.rejected} — Tỉ lệ đã nộp: ${o.completeness.toLocaleString('vi-VN')}%`,
      ],
    ],
    table: {
      name: 'TongHop',
      columns: groupColumns('Nhóm'),
      rows: [
        ...c.groups.map((g) => [g.name, g.required, g.onTime, g.late, g.missing, g.rejected, g.completeness / 100]),
        ['Toàn bộ', o.required, o.onTime, o.late, o.missing, o.rejected, o.completeness / 100],
      ],
    },
  };

  const indicatorCols = plan.indicators.map((i) =>
    col(`${i.name}${i.unit ? ` (${i.unit})` : ''} — ${AGGREGATE_LABELS[i.aggregate]}`, 'number', 18),
  );
  const byTask: OutSheet = {
    name: SUMMARY_SHEETS.byTask,
    preamble: title(c, 'KẾT QUẢ THEO NHIỆM VỤ'),
    table: {
      name: 'TheoNhiemVu',
      columns: [
        col('Mã', 'text', 8),
        col('Nhiệm vụ', 'text', 50),
        col('Mục', 'text', 20),
        col('Số đơn vị phải báo cáo', 'integer', 12),
        col(TASK_STATUS_LABELS.done, 'integer', 12),
        col(TASK_STATUS_LABELS.inProgress, 'integer', 12),
        col(TASK_STATUS_LABELS.notStarted, 'integer', 12),
        col(TASK_STATUS_LABELS.notApplicable, 'integer', 12),
        col('Chưa trả lời', 'integer', 12),
        ...indicatorCols,
      ],
      rows: c.tasks.map((t) => [
        t.code,
        t.title,
        t.section,
        t.required,
        t.statusCounts.done,
        t.statusCounts.inProgress,
        t.statusCounts.notStarted,
        t.statusCounts.notApplicable,
        t.statusCounts.noAnswer,
        ...plan.indicators.map((i) => (i.taskCode === t.code ? (t.indicators[i.code] ?? null) : null)),
      ]),
    },
  };

  const carried = c.agencies.some((a) => a.ownAgencies);
  const byAgency: OutSheet = {
    name: SUMMARY_SHEETS.byAgency,
    preamble: title(c, 'TÌNH HÌNH BÁO CÁO THEO ĐƠN VỊ'),
    table: {
      name: 'TheoDonVi',
      columns: [
        col('Mã', 'text', 12),
        col('Tên đơn vị', 'text', 40),
        col('Loại', 'text', 16),
        col('Nhóm', 'text', 22),
        col('Tình trạng', 'text', 14),
        col('Ngày nhận', 'date', 12),
        col('Số ngày muộn', 'integer', 10),
        col('Tệp được dùng', 'text', 28),
        col('Số lỗi', 'integer', 8),
        col('Số cảnh báo', 'integer', 10),
        col('Nhiệm vụ chưa báo cáo', 'text', 22),
        col('Lý do', 'text', 40),
        ...(carried ? [col('Đơn vị cấp dưới: phải BC / đúng hạn / muộn / chưa nộp (tỉ lệ)', 'text', 30)] : []),
      ],
      rows: c.agencies.map((a) => [
        a.code,
        a.name,
        AGENCY_KIND_LABELS[a.kind],
        a.group,
        AGENCY_STATUS_LABELS[a.status],
        d(a.receivedOn),
        a.daysLate,
        a.file,
        a.file ? a.errors : null,
        a.file ? a.warnings : null,
        a.missingTasks.join(', '),
        a.reason,
        ...(carried
          ? [
              a.ownAgencies
                ? `${a.ownAgencies.required} / ${a.ownAgencies.onTime} / ${a.ownAgencies.late} / ${a.ownAgencies.missing} (${a.ownAgencies.completeness.toLocaleString('vi-VN')}%)`
                : null,
            ]
          : []),
      ]),
      tones: c.agencies.map((a) => STATUS_TONE[a.status]),
    },
  };

  const localityGroups = c.groups.filter((g) => g.kind === 'locality');
  const byArea: OutSheet = {
    name: SUMMARY_SHEETS.byArea,
    preamble: title(c, 'TÌNH HÌNH BÁO CÁO THEO HUYỆN, KHU VỰC'),
    table: {
      name: 'TheoHuyenKhuVuc',
      columns: groupColumns('Huyện, khu vực'),
      rows: localityGroups.map((g) => [
        g.name,
        g.required,
        g.onTime,
        g.late,
        g.missing,
        g.rejected,
        g.completeness / 100,
      ]),
    },
  };

  const behind = c.agencies.filter((a) => a.status !== 'on_time');
  const lateMissing: OutSheet = {
    name: SUMMARY_SHEETS.lateMissing,
    preamble: title(c, 'ĐƠN VỊ CHƯA NỘP, NỘP MUỘN, KHÔNG HỢP LỆ'),
    table: {
      name: 'ChuaNopNopMuon',
      columns: [
        col('Mã', 'text', 12),
        col('Tên đơn vị', 'text', 40),
        col('Nhóm', 'text', 22),
        col('Tình trạng', 'text', 14),
        col('Ngày nhận', 'date', 12),
        col('Số ngày muộn / quá hạn', 'integer', 14),
        col('Email', 'text', 26),
        col('Lý do', 'text', 40),
      ],
      rows: behind.map((a) => [
        a.code,
        a.name,
        a.group,
        AGENCY_STATUS_LABELS[a.status],
        d(a.receivedOn),
        a.daysLate ?? a.daysOverdue,
        a.email,
        a.reason,
      ]),
      tones: behind.map((a) => STATUS_TONE[a.status]),
    },
  };

  const findings: OutSheet = {
    name: SUMMARY_SHEETS.findings,
    preamble: title(c, 'LỖI VÀ CẢNH BÁO KHI ĐỌC BÁO CÁO'),
    table: {
      name: 'LoiDuLieu',
      columns: [
        col('Mức', 'text', 10),
        col('Mã lỗi', 'text', 22),
        col('Tệp', 'text', 28),
        col('Trang', 'text', 16),
        col('Ô', 'text', 8),
        col('Nội dung', 'text', 70),
      ],
      rows: c.findings.map((f) => [
        f.severity === 'error' ? 'Lỗi' : 'Cảnh báo',
        f.code,
        f.file,
        f.sheet,
        f.cell,
        f.message,
      ]),
      tones: c.findings.map((f) => (f.severity === 'error' ? 'error' : 'warning')),
    },
  };

  const details: OutSheet = {
    name: SUMMARY_SHEETS.details,
    preamble: title(c, 'CHI TIẾT SỐ LIỆU ĐÃ TỔNG HỢP'),
    table: {
      name: 'ChiTiet',
      columns: [
        col('Mã đơn vị', 'text', 12),
        col('Tên đơn vị', 'text', 32),
        col('Mã nhiệm vụ', 'text', 10),
        col('Tình trạng', 'text', 18),
        col('Kết quả thực hiện', 'text', 50),
        ...plan.indicators.map((i) => col(`${i.name}${i.unit ? ` (${i.unit})` : ''}`, 'number', 16)),
        col('Ghi chú', 'text', 24),
        col('Nguồn', 'text', 36),
        col('Ô chỉ tiêu', 'text', 24),
      ],
      rows: c.details.map((r) => [
        r.agencyCode,
        r.agencyName,
        r.taskCode,
        r.status ? TASK_STATUS_LABELS[r.status] : null,
        r.result,
        ...plan.indicators.map((i) => r.indicators[i.code] ?? null),
        r.note,
        `${r.file}!${r.sheet}!${r.cell}`,
        plan.indicators
          .filter((i) => r.indicatorCells[i.code])
          .map((i) => `${i.code}: ${r.indicatorCells[i.code]}`)
          .join('; ') || null,
      ]),
    },
  };

  const intake: OutSheet = {
    name: SUMMARY_SHEETS.intake,
    preamble: title(c, 'SỔ TIẾP NHẬN BÁO CÁO'),
    table: {
      name: 'SoTiepNhan',
      columns: [
        col('Tên tệp', 'text', 30),
        col('Mã đơn vị', 'text', 12),
        col('Tên đơn vị', 'text', 32),
        col('Nhận ra theo', 'text', 16),
        col('Ngày nhận', 'date', 12),
        col('Nguồn ngày nhận', 'text', 14),
        col('Kết quả', 'text', 20),
        col('Lý do', 'text', 40),
        col('Số dòng đọc được', 'integer', 10),
        col('Số lỗi, cảnh báo', 'integer', 10),
        col('Dung lượng (byte)', 'integer', 12),
        col('SHA-256', 'text', 20),
      ],
      rows: c.intake.map((e) => [
        e.file,
        e.agencyCode,
        e.agencyName,
        e.recognisedBy ? RECOGNISED_BY_LABELS[e.recognisedBy] : null,
        d(e.receivedOn),
        RECEIVED_FROM_LABELS[e.receivedFrom],
        INTAKE_VERDICT_LABELS[e.verdict],
        e.reason,
        e.rows,
        e.findings,
        e.size,
        e.sha256,
      ]),
      tones: c.intake.map((e) => (e.verdict === 'rejected' ? 'rejected' : e.verdict === 'accepted' ? null : 'warning')),
    },
  };

  return [overview, byTask, byAgency, byArea, lateMissing, findings, details, intake];
}

export async function writeSummaryWorkbook(c: Consolidation, plan: Plan): Promise<Uint8Array> {
  return writeOutSheets(summarySheets(c, plan), { title: `Tổng hợp báo cáo Kế hoạch ${plan.number}` });
}

/** The JSON output (contract in README): stable key order, dates as YYYY-MM-DD, no run timestamps. */
export function consolidationJson(c: Consolidation) {
  return {
    asOf: c.asOf,
    period: c.period,
    deadline: c.deadline,
    plan: { number: c.plan.number, title: c.plan.title, issuer: c.plan.issuer, consolidator: c.plan.consolidator },
    overall: c.overall,
    agencies: c.agencies.map((a) => ({
      code: a.code,
      name: a.name,
      kind: a.kind,
      group: a.group,
      status: a.status,
      daysLate: a.daysLate,
      daysOverdue: a.daysOverdue,
      file: a.file,
      receivedOn: a.receivedOn,
      files: a.files,
      errors: a.errors,
      warnings: a.warnings,
      missingTasks: a.missingTasks,
      email: a.email,
      reason: a.reason,
      // one level up (a province's report): its own agencies' completeness, carried up
      ...(a.ownAgencies ? { ownAgencies: a.ownAgencies } : {}),
    })),
    tasks: c.tasks.map((t) => ({
      code: t.code,
      title: t.title,
      section: t.section,
      required: t.required,
      statusCounts: t.statusCounts,
      indicators: t.indicators,
    })),
    groups: c.groups.map((g) => ({
      name: g.name,
      kind: g.kind,
      required: g.required,
      onTime: g.onTime,
      late: g.late,
      missing: g.missing,
      rejected: g.rejected,
      completeness: g.completeness,
    })),
    findings: c.findings.map((f) => ({
      severity: f.severity,
      code: f.code,
      file: f.file,
      sheet: f.sheet,
      cell: f.cell,
      message: f.message,
      ...(f.detail ? { detail: f.detail } : {}),
    })),
    intake: c.intake,
    details: c.details,
  };
}
export type ConsolidationJson = ReturnType<typeof consolidationJson>;
