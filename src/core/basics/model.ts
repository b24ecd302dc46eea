/**
 * The domain model. Every type is derived from a zod schema: one source of truth, checked at the edges
 * (plan workbook, submissions, CLI flags, worker messages, JSON output).
 */
import { z } from 'zod';
import { type CountKey, COUNT_FIELDS, REPORT_COUNT_KEYS } from './counts';
import { parseDateArgument } from './dates';

export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày phải có dạng YYYY-MM-DD')
  .refine((s) => parseDateArgument(s) === s, 'ngày không tồn tại'); // 2024-06-31 is refused

export const deadlineRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), date: isoDateSchema }),
  z.object({ kind: z.literal('annual'), day: z.number().int().min(1).max(31), month: z.number().int().min(1).max(12) }),
]);

export const AGENCY_KINDS = ['department', 'locality', 'organisation'] as const;
export const agencyKindSchema = z.enum(AGENCY_KINDS);
export type AgencyKind = z.infer<typeof agencyKindSchema>;

/** The labels of the plan contract (column `Loại`). */
export const AGENCY_KIND_LABELS: Record<AgencyKind, string> = {
  department: 'Sở, ban, ngành',
  locality: 'Địa phương',
  organisation: 'Tổ chức',
};

export const AGGREGATES = ['sum', 'max', 'min', 'avg'] as const;
export const aggregateSchema = z.enum(AGGREGATES);
export type Aggregate = z.infer<typeof aggregateSchema>;
export const AGGREGATE_LABELS: Record<Aggregate, string> = {
  sum: 'Tổng',
  max: 'Lớn nhất',
  min: 'Nhỏ nhất',
  avg: 'Trung bình',
};

export const taskSchema = z.object({
  code: z.string().min(1),
  title: z.string().min(1),
  section: z.string().default(''),
  lead: z.string().default(''),
});
export type Task = z.infer<typeof taskSchema>;

export const indicatorSchema = z.object({
  code: z.string().min(1),
  name: z.string().min(1),
  unit: z.string().default(''),
  taskCode: z.string().min(1),
  aggregate: aggregateSchema.default('sum'),
});
export type Indicator = z.infer<typeof indicatorSchema>;

export const agencySchema = z.object({
  code: z.string().min(1),
  name: z.string().min(1),
  kind: agencyKindSchema,
  /** For a locality: its district, or the area it belongs to under the two-level local government. */
  area: z.string().default(''),
  /** Task codes this agency must report on; empty = all tasks. */
  tasks: z.array(z.string()).default([]),
  email: z.string().default(''),
});
export type Agency = z.infer<typeof agencySchema>;

export const planSchema = z.object({
  number: z.string().min(1),
  title: z.string().min(1),
  issuer: z.string().default(''),
  issuedOn: isoDateSchema.nullable().default(null),
  consolidator: z.string().default(''),
  deadline: deadlineRuleSchema,
  /** `Kỳ báo cáo`: "2024", or "Năm" for an annual report. */
  period: z.string().default(''),
  upwardDeadline: deadlineRuleSchema.nullable().default(null),
  recipients: z.string().default(''),
  /** Optional rows for the report sent upward: superior body, signer, place. */
  superiorBody: z.string().default(''),
  signerTitle: z.string().default(''),
  signerName: z.string().default(''),
  place: z.string().default(''),
  reportNumber: z.string().default(''),
  tasks: z.array(taskSchema).min(1),
  indicators: z.array(indicatorSchema).default([]),
  agencies: z.array(agencySchema).min(1),
});
export type Plan = z.infer<typeof planSchema>;
export type PlanInput = z.input<typeof planSchema>;

// ---------------------------------------------------------------------------------------------
// Findings

export const severitySchema = z.enum(['error', 'warning']);
export const findingSchema = z.object({
  severity: severitySchema,
  /** A stable code, e.g. `task.unknown`, `status.invalid`, `file.not_xlsx`. */
  code: z.string(),
  file: z.string().default(''),
  sheet: z.string().default(''),
  cell: z.string().default(''),
  message: z.string(),
  /** Technical detail (a library's error text), for the JSON only: never part of the message. */
  detail: z.string().optional(),
});
export type Finding = z.infer<typeof findingSchema>;

export function finding(
  severity: Finding['severity'],
  code: string,
  message: string,
  where: { file?: string; sheet?: string; cell?: string } = {},
): Finding {
  return { severity, code, file: where.file ?? '', sheet: where.sheet ?? '', cell: where.cell ?? '', message };
}

// ---------------------------------------------------------------------------------------------
// Submissions

export const TASK_STATUSES = ['done', 'inProgress', 'notStarted', 'notApplicable'] as const;
export const taskStatusSchema = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof taskStatusSchema>;
export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  done: 'Đã hoàn thành',
  inProgress: 'Đang thực hiện',
  notStarted: 'Chưa thực hiện',
  notApplicable: 'Không thuộc phạm vi',
};

export const sourceSchema = z.object({ file: z.string(), sheet: z.string(), cell: z.string() });
export type Source = z.infer<typeof sourceSchema>;

export const reportedRowSchema = z.object({
  taskCode: z.string(),
  status: taskStatusSchema.nullable(),
  result: z.string(),
  note: z.string(),
  indicators: z.record(
    z.string(),
    // weight: how many agencies' values an average reported from below stands for (default 1)
    z.object({ value: z.number(), source: sourceSchema, weight: z.number().positive().optional() }),
  ),
  source: sourceSchema,
});
export type ReportedRow = z.infer<typeof reportedRowSchema>;

export const RECOGNISED_BY = ['hidden', 'code', 'name', 'filename', 'sender'] as const;
export const recognisedBySchema = z.enum(RECOGNISED_BY);
export type RecognisedBy = z.infer<typeof recognisedBySchema>;
export const RECOGNISED_BY_LABELS: Record<RecognisedBy, string> = {
  hidden: 'Trang ẩn của mẫu',
  code: 'Mã đơn vị',
  name: 'Tên đơn vị',
  filename: 'Tên tệp',
  sender: 'Địa chỉ người gửi thư',
};

/**
 * The saved e-mail (.eml, .msg) a file came from: what the e-mail says of itself. `sentAt` is the moment of its
 * Date header (ISO, UTC), null when it has none that can be read.
 */
export const emailOriginSchema = z.object({
  /** The e-mail's file, as named in the folder or dropped on the pane. */
  file: z.string(),
  /** The sender's address, lower-case; '' when the e-mail names none. */
  from: z.string(),
  sentAt: z.string().nullable(),
  subject: z.string(),
});
export type EmailOrigin = z.infer<typeof emailOriginSchema>;

/** What one file brought, before consolidation decides whether it counts. */
export const submissionSchema = z.object({
  file: z.string(),
  sha256: z.string(),
  size: z.number().int().nonnegative(),
  agencyCode: z.string().nullable(),
  recognisedBy: recognisedBySchema.nullable(),
  planNumber: z.string().nullable(),
  period: z.string().nullable(),
  reportDate: isoDateSchema.nullable(),
  /** When the department received the file (intake log, else the e-mail's Date, else the file's date). */
  receivedOn: isoDateSchema.nullable(),
  receivedFrom: z.enum(['intake-log', 'file-date', 'entered', 'unknown', 'email']),
  readable: z.boolean(),
  /** Why the file cannot count at all (another plan, not a workbook …); null when usable. */
  rejectReason: z.string().nullable(),
  rows: z.array(reportedRowSchema),
  findings: z.array(findingSchema),
  /** One level up: a consolidated report from below carries the completeness of its own agencies. */
  ownAgencies: z.lazy(() => ownAgenciesSchema).optional(),
  /** The file came attached to a saved e-mail. */
  email: emailOriginSchema.optional(),
});
export type Submission = z.infer<typeof submissionSchema>;

/**
 * The zod shape of the count fields `keys` (COUNT_FIELDS): a count is a whole number of agencies, a rate any number
 * (a percent with one decimal).
 */
export function countsShape<K extends CountKey>(keys: readonly K[]): { [P in K]: z.ZodNumber } {
  const count = z.number().int().nonnegative();
  const kindOf = new Map<CountKey, string>(COUNT_FIELDS.map((f) => [f.key, f.kind]));
  return Object.fromEntries(keys.map((k) => [k, kindOf.get(k) === 'rate' ? z.number() : count])) as {
    [P in K]: z.ZodNumber;
  };
}

/** Required / on time / late / missing of a reporting body's own agencies, as of its own date. */
export const ownAgenciesSchema = z.object({ asOf: isoDateSchema, ...countsShape(REPORT_COUNT_KEYS) });
export type OwnAgencies = z.infer<typeof ownAgenciesSchema>;

// ---------------------------------------------------------------------------------------------
// Consolidation

export const AGENCY_STATUSES = ['on_time', 'late', 'missing', 'rejected'] as const;
export type AgencyStatus = (typeof AGENCY_STATUSES)[number];
export const AGENCY_STATUS_LABELS: Record<AgencyStatus, string> = {
  on_time: 'Đúng hạn',
  late: 'Nộp muộn',
  missing: 'Chưa nộp',
  rejected: 'Không hợp lệ',
};

export const INTAKE_VERDICTS = ['accepted', 'superseded', 'duplicate', 'rejected', 'after_as_of'] as const;
export type IntakeVerdict = (typeof INTAKE_VERDICTS)[number];
export const INTAKE_VERDICT_LABELS: Record<IntakeVerdict, string> = {
  accepted: 'Được dùng',
  superseded: 'Bị thay bằng bản mới hơn',
  duplicate: 'Trùng tệp đã nhận',
  rejected: 'Bị loại',
  after_as_of: 'Nhận sau ngày tổng hợp',
};
