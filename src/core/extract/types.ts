/**
 * The plan draft read from a document: every item keeps the paragraph it came from and a review flag.
 */
import type { DeadlineRule, IsoDate } from '../basics/dates';
import type { AgencyKind } from '../basics/model';

export interface DraftSource {
  /** 1-based paragraph number in the document, 0 when the value was not read from the document. */
  paragraph: number;
  /** The paragraph's text (shortened for the workbook). */
  text: string;
}

export interface DraftField<T> {
  value: T;
  source: DraftSource;
  needsReview: boolean;
  /** Why it needs review, in Vietnamese (empty when it does not). */
  reason: string;
}

export interface DraftTask {
  code: string;
  /** The code of the enclosing item or part ("II.1" for "II.1.2", "II" for "II.3"); "" at the top. */
  parent: string;
  title: string;
  section: string;
  lead: string;
  /** Coordinating bodies (`Cơ quan phối hợp` of a task table), as written; "" when not given. */
  partners: string;
  /** The task's own time limit as written (`Thời gian hoàn thành` of a task table: "30/9/2025", "Quý III/2025"). */
  due: string;
  /** Depth in the document's numbering (0 = a top-level item). */
  level: number;
  source: DraftSource;
  needsReview: boolean;
  reason: string;
}

export interface DraftAgency {
  code: string;
  name: string;
  kind: AgencyKind;
  area: string;
  /** A phrase such as "UBND các huyện, thị xã, thành phố": stands for several agencies. */
  group: boolean;
  /** Where the name was found: Kính gửi list, appendix list, organisation part, Nơi nhận, the clerk's list. */
  from: 'kinh-gui' | 'appendix' | 'organisation' | 'noi-nhan' | 'list';
  /** For an agency expanded from a group: the group's name. */
  expandedFrom: string;
  source: DraftSource;
  needsReview: boolean;
  reason: string;
}

export type DeadlineRole = 'agencies' | 'upward';

export interface DraftDeadline {
  role: DeadlineRole;
  /** The rule read; null when the words could not be read as a date. */
  rule: DeadlineRule | null;
  /** The deadline words as written, e.g. "chậm nhất đến ngày 30/6/2024". */
  text: string;
  /** Who sends the report to whom, when the sentence says it (e.g. "Sở Tài nguyên và Môi trường"). */
  to: string;
  /** Whom the consolidated report goes to, when the sentence says it ("UBND tỉnh, Bộ Tài nguyên và Môi trường"). */
  recipients: string;
  source: DraftSource;
  needsReview: boolean;
  reason: string;
}

export interface PlanDraft {
  /** Null when the document leaves the number blank ("Số: /KH-VP"). */
  number: DraftField<string | null>;
  /** What follows the blank number ("/KH-VP"), to build a placeholder. */
  numberSuffix: string;
  title: DraftField<string | null>;
  issuer: DraftField<string | null>;
  superiorBody: DraftField<string | null>;
  issuedOn: DraftField<IsoDate | null>;
  /** The year of the date line even when the day is blank ("ngày tháng 5 năm 2024"). */
  year: number | null;
  place: DraftField<string | null>;
  signerTitle: DraftField<string | null>;
  signerName: DraftField<string | null>;
  consolidator: DraftField<string | null>;
  /** Whom the consolidated report goes to ("UBND tỉnh, Bộ Tài nguyên và Môi trường"). */
  recipients: DraftField<string | null>;
  deadline: DraftDeadline | null;
  upwardDeadline: DraftDeadline | null;
  /** Every deadline sentence found, in document order. */
  deadlines: DraftDeadline[];
  /** Section headings of the tasks, in order. */
  sections: string[];
  tasks: DraftTask[];
  agencies: DraftAgency[];
  /** The implementation period, e.g. "Từ ngày 05/6/2024 đến ngày 30/6/2024" → end date. */
  periodEnd: IsoDate | null;
}
