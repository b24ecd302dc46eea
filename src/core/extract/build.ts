/**
 * From the draft to the plan workbook: a Plan that readPlan accepts (placeholders where the document is
 * silent, each marked), the plan sheets with the `Nguồn` and `Cần kiểm tra` columns, and a short review list.
 */
import { type DeadlineRule, formatDateVi, formatDeadlineRule } from '../basics/dates';
import { type Plan, deadlineRuleSchema, planSchema } from '../basics/model';
import { DEADLINE_STAND_IN } from '../plan/draft-check';
import { PLAN_FIELDS, PLAN_SHEETS, type PlanField } from '../plan/plan-read';
import { type PlainSheet, planSheets } from '../plan/plan-write';
import type { OutValue } from '../basics/sheets';
import { cleanText, normaliseCode } from '../basics/text';
import type { DraftAgency, DraftDeadline, DraftField, DraftSource, DraftTask, PlanDraft } from './types';

export const SOURCE_HEADER = 'Nguồn';
export const REVIEW_HEADER = 'Cần kiểm tra';

/** Per field of the `Kế hoạch` sheet: where it came from and why it needs review. */
export interface FieldNote {
  source: DraftSource;
  reason: string;
}

export interface BuiltPlan {
  plan: Plan;
  notes: Partial<Record<PlanField, FieldNote>>;
  tasks: DraftTask[];
  agencies: DraftAgency[];
}

function sourceText(s: DraftSource): string | null {
  if (s.paragraph === 0) return null;
  const t = cleanText(s.text).replace(/\s+/g, ' ');
  return `Đoạn ${s.paragraph}: ${t.length > 300 ? t.slice(0, 297) + '…' : t}`;
}

function stemOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base.replace(/\.[^.]+$/, '') || 'Kế hoạch';
}

function note<T>(f: DraftField<T>, extra = ''): FieldNote {
  return { source: f.source, reason: [f.needsReview ? f.reason : '', extra].filter(Boolean).join('; ') };
}

function deadlineNote(d: DraftDeadline | null, placeholderReason: string): FieldNote {
  if (!d) return { source: { paragraph: 0, text: '' }, reason: placeholderReason };
  return { source: d.source, reason: d.needsReview ? d.reason : '' };
}

/** The agencies' deadline, or a placeholder (end of the implementation period, 31/12 of the year) with why. */
function deadlineOf(draft: PlanDraft): { deadline: DeadlineRule; note: FieldNote } {
  let deadline: DeadlineRule;
  let reason = '';
  // a date that does not exist (31/6, often an OCR misreading) is not a deadline: the placeholder below, flagged
  const stated = draft.deadline?.rule && deadlineRuleSchema.safeParse(draft.deadline.rule).success;
  const periodEnd = draft.periodEnd && deadlineRuleSchema.safeParse({ kind: 'fixed', date: draft.periodEnd }).success;
  if (draft.deadline?.rule && !stated)
    draft = {
      ...draft,
      deadline: { ...draft.deadline, rule: null, reason: 'Ngày hạn báo cáo đọc được không có thật' },
    };
  if (draft.deadline?.rule) deadline = draft.deadline.rule;
  else if (draft.periodEnd && periodEnd) {
    deadline = { kind: 'fixed', date: draft.periodEnd };
    reason = `${DEADLINE_STAND_IN} ngày kết thúc thực hiện ${formatDateVi(draft.periodEnd)}`;
  } else if (draft.year && deadlineRuleSchema.safeParse({ kind: 'fixed', date: `${draft.year}-12-31` }).success) {
    deadline = { kind: 'fixed', date: `${draft.year}-12-31` };
    reason = `${DEADLINE_STAND_IN} 31/12/${draft.year}`;
  } else {
    deadline = { kind: 'annual', day: 31, month: 12 };
    reason = `${DEADLINE_STAND_IN} 31/12 hằng năm`;
  }
  if (draft.deadline && !draft.deadline.rule)
    return {
      deadline,
      note: { source: draft.deadline.source, reason: [draft.deadline.reason, reason].filter(Boolean).join('; ') },
    };
  return { deadline, note: deadlineNote(draft.deadline?.rule ? draft.deadline : null, reason) };
}

const NOWHERE: DraftSource = { paragraph: 0, text: '' };

const PLACEHOLDER_TASK: DraftTask = {
  ...{
    code: '1',
    parent: '',
    title: 'Nhiệm vụ chưa đọc được từ văn bản',
    section: '',
    lead: '',
    partners: '',
    due: '',
  },
  ...{ level: 0, source: NOWHERE, needsReview: true },
  reason: 'Không tìm thấy danh sách nhiệm vụ đánh số: nhập các nhiệm vụ thay cho dòng tạm này',
};

const PLACEHOLDER_AGENCY: DraftAgency = {
  ...{ code: 'DV1', name: 'Các cơ quan, đơn vị được giao (chưa xác định)', kind: 'department', area: '' },
  ...{ group: true, from: 'kinh-gui', expandedFrom: '', source: NOWHERE, needsReview: true },
  reason: 'Không tìm thấy đơn vị phải báo cáo: nhập danh sách đơn vị thay cho dòng tạm này',
};

/** Where each field of the `Kế hoạch` sheet came from and why it needs review. */
function fieldNotes(draft: PlanDraft, number: string, title: string): Partial<Record<PlanField, FieldNote>> {
  const suffixNote = draft.number.value ? '' : `đã ghi tạm "${number}": điền số khi văn bản có số`;
  return {
    number: note(draft.number, suffixNote),
    title: note(draft.title, draft.title.value ? '' : `đã ghi tạm tên tệp "${title}"`),
    ...(draft.upwardDeadline ? { upwardDeadline: deadlineNote(draft.upwardDeadline, '') } : {}),
    issuer: note(draft.issuer),
    issuedOn: note(draft.issuedOn),
    consolidator: note(draft.consolidator),
    recipients: note(draft.recipients),
    superiorBody: note(draft.superiorBody),
    place: note(draft.place),
    signerTitle: note(draft.signerTitle),
    signerName: note(draft.signerName),
    period: { source: NOWHERE, reason: '' },
  };
}

export function buildPlan(draft: PlanDraft, fileName: string): BuiltPlan {
  const suffix = draft.numberSuffix;
  const number = draft.number.value ?? (suffix ? `…${suffix}` : 'Chưa có số');
  const title = draft.title.value ?? stemOf(fileName);
  const { deadline, note: deadlineN } = deadlineOf(draft);
  const notes = { ...fieldNotes(draft, number, title), deadline: deadlineN };
  const tasks = draft.tasks.length > 0 ? draft.tasks : [PLACEHOLDER_TASK];
  const agencies = draft.agencies.length > 0 ? draft.agencies : [{ ...PLACEHOLDER_AGENCY }];
  const plan = planSchema.parse({
    number,
    title,
    issuer: draft.issuer.value ?? '',
    issuedOn: draft.issuedOn.value,
    consolidator: draft.consolidator.value ?? '',
    deadline,
    period: deadline.kind === 'fixed' ? deadline.date.slice(0, 4) : 'Năm',
    upwardDeadline: deadlineRuleSchema.safeParse(draft.upwardDeadline?.rule).success
      ? (draft.upwardDeadline?.rule ?? null)
      : null,
    recipients: draft.recipients.value ?? '',
    superiorBody: draft.superiorBody.value ?? '',
    signerTitle: draft.signerTitle.value ?? '',
    signerName: draft.signerName.value ?? '',
    place: draft.place.value ?? '',
    // codes as the plan contract compares them (readPlan upper-cases them: "III.1.a" → "III.1.A")
    tasks: tasks.map((t) => ({ code: normaliseCode(t.code), title: t.title, section: t.section, lead: t.lead })),
    agencies: agencies.map((a) => ({
      ...{ code: normaliseCode(a.code), name: a.name, kind: a.kind, area: a.area, tasks: [], email: '' },
    })),
  });
  return { plan, notes, tasks, agencies };
}

/** The plan sheets (planSheets) with `Nguồn` and `Cần kiểm tra` appended. */
export function draftSheets(built: BuiltPlan): PlainSheet[] {
  const sheets = planSheets(built.plan);
  const labelToField = new Map<string, PlanField>(
    (Object.keys(PLAN_FIELDS) as PlanField[]).map((k) => [PLAN_FIELDS[k][0], k]),
  );
  return sheets.map((sheet) => {
    if (sheet.name === PLAN_SHEETS.plan) {
      const rows: OutValue[][] = [[null, null, SOURCE_HEADER, REVIEW_HEADER]];
      const emptyNotes: OutValue[][] = [];
      for (const row of sheet.rows) {
        const key = labelToField.get(String(row[0]));
        const n = key ? built.notes[key] : undefined;
        const hasValue = row[1] !== null && row[1] !== '';
        if (hasValue) rows.push([row[0], row[1], n ? sourceText(n.source) : null, n?.reason || null]);
        else {
          rows.push([row[0], null]);
          // A cell right of an empty value would be read as the value: the note goes below the table.
          if (n?.reason) emptyNotes.push([REVIEW_HEADER, `${row[0]}: ${n.reason}`, n ? sourceText(n.source) : null]);
        }
      }
      if (emptyNotes.length > 0) rows.push([], ...emptyNotes);
      return { ...sheet, rows, widths: [26, 70, 60, 50] };
    }
    if (sheet.name === PLAN_SHEETS.tasks) {
      const [header, ...body] = sheet.rows;
      return {
        ...sheet,
        rows: [
          [...header, SOURCE_HEADER, REVIEW_HEADER],
          ...body.map((r, i) => [...r, sourceText(built.tasks[i].source), built.tasks[i].reason || null]),
        ],
        widths: [...sheet.widths, 60, 40],
      };
    }
    if (sheet.name === PLAN_SHEETS.agencies) {
      const [header, ...body] = sheet.rows;
      return {
        ...sheet,
        rows: [
          [...header, SOURCE_HEADER, REVIEW_HEADER],
          ...body.map((r, i) => [...r, sourceText(built.agencies[i].source), built.agencies[i].reason || null]),
        ],
        widths: [...sheet.widths, 60, 50],
      };
    }
    return sheet;
  });
}

const FIELD_NAMES: Partial<Record<PlanField, string>> = {
  number: 'Số văn bản',
  title: 'Tên kế hoạch',
  issuer: 'Cơ quan ban hành',
  issuedOn: 'Ngày ban hành',
  consolidator: 'Cơ quan tổng hợp',
  deadline: 'Hạn báo cáo',
  upwardDeadline: 'Hạn báo cáo cấp trên',
  recipients: 'Nơi nhận tổng hợp',
  place: 'Địa danh',
};

/** The short review list: what was read, then what the clerk must check. */
export function reviewList(built: BuiltPlan, draft: PlanDraft): string[] {
  const { plan } = built;
  const groups = built.agencies.filter((a) => a.group);
  const lines: string[] = [];
  lines.push(
    `Đã đọc: kế hoạch số ${plan.number}, ${plan.tasks.length} nhiệm vụ, ${plan.agencies.length} đơn vị` +
      (groups.length > 0 ? ` (trong đó ${groups.length} nhóm)` : '') +
      `, hạn báo cáo ${formatDeadlineRule(plan.deadline)}` +
      (plan.upwardDeadline ? `, hạn báo cáo cấp trên ${formatDeadlineRule(plan.upwardDeadline)}` : '') +
      '.',
  );
  for (const key of Object.keys(FIELD_NAMES) as PlanField[]) {
    const n = built.notes[key];
    if (n?.reason)
      lines.push(`${FIELD_NAMES[key]}${n.source.paragraph ? ` (đoạn ${n.source.paragraph})` : ''}: ${n.reason}.`);
  }
  const extraDeadlines = draft.deadlines.filter(
    (d) => d !== draft.deadline && d !== draft.upwardDeadline && d.needsReview,
  );
  for (const d of extraDeadlines) lines.push(`Hạn "${d.text}" (đoạn ${d.source.paragraph}): ${d.reason}.`);
  if (groups.length > 0) {
    lines.push(
      `${groups.length} nhóm đơn vị cần thay bằng danh sách đơn vị cụ thể (hoặc chạy lại với --agencies): ${groups.map((g) => `"${g.name}"`).join(', ')}.`,
    );
  }
  const otherAgencies = built.agencies.filter((a) => !a.group && a.needsReview);
  if (otherAgencies.length > 0)
    lines.push(
      `${otherAgencies.length} đơn vị cần xem lại: ${otherAgencies.map((a) => `${a.name} (${a.reason})`).join('; ')}.`,
    );
  const tasks = built.tasks.filter((t) => t.needsReview);
  if (tasks.length > 0)
    lines.push(`${tasks.length} nhiệm vụ cần xem lại: ${tasks.map((t) => `${t.code} (${t.reason})`).join('; ')}.`);
  lines.push(
    `Xem cột "${REVIEW_HEADER}" trong các trang "${PLAN_SHEETS.plan}", "${PLAN_SHEETS.tasks}", "${PLAN_SHEETS.agencies}".`,
  );
  return lines;
}
