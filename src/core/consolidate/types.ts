/** The consolidation's shape: what consolidate() returns (the JSON contract is consolidationJson in summary.ts). */
import type { GroupCounts } from '../basics/counts';
import type { IsoDate } from '../basics/dates';
import type {
  AgencyKind,
  AgencyStatus,
  EmailOrigin,
  Aggregate,
  Finding,
  IntakeVerdict,
  OwnAgencies,
  Plan,
  RecognisedBy,
  Submission,
  TaskStatus,
} from '../basics/model';

export interface ConsolidateOptions {
  asOf: IsoDate;
  /** `--period`: a year for an annual rule; default chosen from asOf. */
  period?: string | null;
  /** Findings from outside the files (e.g. the intake log), listed with the others. */
  extraFindings?: Finding[];
}

export interface StatusCounts {
  done: number;
  inProgress: number;
  notStarted: number;
  notApplicable: number;
  noAnswer: number;
}

export interface AgencyResult {
  code: string;
  name: string;
  kind: AgencyKind;
  group: string;
  area: string;
  email: string;
  status: AgencyStatus;
  /** Calendar days after the deadline the (first usable) report arrived; null unless late. */
  daysLate: number | null;
  /** For a missing or rejected agency: days past the deadline as of the date (0 when not yet due). */
  daysOverdue: number | null;
  /** The file whose figures are used (the newest usable one). */
  file: string | null;
  receivedOn: IsoDate | null;
  files: string[];
  errors: number;
  warnings: number;
  /** Tasks the agency had to report on and did not answer (no row, or no status). */
  missingTasks: string[];
  reason: string | null;
  /** For a body that sent its own consolidated report, the completeness of its own agencies. */
  ownAgencies?: OwnAgencies;
}

export interface IndicatorTotal {
  code: string;
  name: string;
  unit: string;
  aggregate: Aggregate;
  value: number | null;
  /** How many agencies gave a value. */
  count: number;
}

export interface TaskResult {
  code: string;
  title: string;
  section: string;
  required: number;
  statusCounts: StatusCounts;
  indicators: Record<string, number | null>;
  indicatorTotals: IndicatorTotal[];
}

/** The count fields and the two rates, in the order of COUNT_FIELDS (basics/counts.ts). */
export type { GroupCounts };

export interface GroupResult extends GroupCounts {
  name: string;
  kind: AgencyKind;
}

export interface IntakeEntry {
  file: string;
  sha256: string;
  size: number;
  agencyCode: string | null;
  agencyName: string | null;
  recognisedBy: RecognisedBy | null;
  receivedOn: IsoDate | null;
  receivedFrom: Submission['receivedFrom'];
  verdict: IntakeVerdict;
  reason: string | null;
  rows: number;
  findings: number;
  /** The saved e-mail the file came attached to. */
  email?: EmailOrigin;
}

export interface DetailRow {
  agencyCode: string;
  agencyName: string;
  taskCode: string;
  status: TaskStatus | null;
  result: string;
  note: string;
  indicators: Record<string, number>;
  /** Where each indicator value was read: indicator code → cell on the same sheet, e.g. "G15". */
  indicatorCells: Record<string, string>;
  file: string;
  sheet: string;
  cell: string;
}

export interface Consolidation {
  plan: {
    number: string;
    title: string;
    issuer: string;
    consolidator: string;
    deadlineRule: Plan['deadline'];
  };
  asOf: IsoDate;
  period: string;
  deadline: IsoDate;
  overall: GroupCounts;
  agencies: AgencyResult[];
  tasks: TaskResult[];
  groups: GroupResult[];
  findings: Finding[];
  intake: IntakeEntry[];
  details: DetailRow[];
}
