/**
 * Reminders: for every agency that has not reported, whose file could not be used, or whose report
 * still misses tasks, as of the date: the sheet `Đôn đốc`, a draft official letter (.docx, Decree 30/2020/NĐ-CP
 * layout) listing them under "Kính gửi:", and one .eml draft per agency with an email address.
 */
import { Packer } from 'docx';
import type { Consolidation } from '../consolidate/consolidate';
import { type IsoDate, addDays, daysBetween, formatDateVi } from '../basics/dates';
import { AGENCY_STATUS_LABELS, type Plan } from '../basics/model';
import { type Column, type OutSheet, column, tableOf } from '../basics/sheets';
import { cleanText, fileStem } from '../basics/text';
import { writeOutSheets } from '../basics/xlsx-write';
import { repeatableZip } from '../basics/zip-repeatable';
import { type Letterhead, type LetterheadOptions, resolveLetterhead } from './letterhead';
import { type ReminderTarget, letterDocument, reminderSubject } from './letter';
import { plainReason } from './reasons';

export { reminderSubject, type ReminderTarget } from './letter';

export interface ReminderOptions extends LetterheadOptions {
  /** The new date by which the agencies must report (default: 7 days after the as-of date). */
  newDeadline?: IsoDate;
}

export interface ReminderEmail {
  agencyCode: string;
  to: string;
  fileName: string;
  eml: string;
}

export const REMINDER_SHEET = 'Đôn đốc';

const EMAIL = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;

/** Who must be reminded, and of what. */
export function reminderTargets(c: Consolidation, plan: Plan): ReminderTarget[] {
  const overdue = Math.max(0, daysBetween(c.deadline, c.asOf));
  const title = new Map(plan.tasks.map((t) => [t.code, t.title]));
  const out: ReminderTarget[] = [];
  for (const a of c.agencies) {
    let missing: string | null = null;
    if (a.status === 'missing') missing = 'Chưa gửi báo cáo';
    else if (a.status === 'rejected')
      missing = `Báo cáo đã gửi không sử dụng được${a.reason ? ` (${plainReason(c, a)})` : ''}; đề nghị gửi lại`;
    else if (a.missingTasks.length > 0) {
      // the report came (on time or late): what is overdue are these tasks, said here, not as the agency's days
      const tasks = a.missingTasks.map(
        (code) => `${code}${title.get(code) ? ` (${shorten(title.get(code)!, 60)})` : ''}`,
      );
      missing = `Còn thiếu ${a.missingTasks.length === 1 ? 'nhiệm vụ' : 'các nhiệm vụ'}: ${tasks.join('; ')}${overdue > 0 ? `, quá hạn ${overdue} ngày` : ''}`;
    }
    if (!missing) continue;
    out.push({
      code: a.code,
      name: a.name.replace(/\s+/g, ' ').trim(),
      email: cleanText(a.email),
      status: a.status,
      daysOverdue: a.status === 'missing' || a.status === 'rejected' ? (a.daysOverdue ?? overdue) : null,
      missing,
    });
  }
  return out;
}

/**
 * Agencies that reported late but owe nothing more: listed in the `Đôn đốc` sheet (the clerk's record of who was
 * late as of the date), not addressed in the letter.
 */
export function lateNotices(c: Consolidation, plan: Plan): ReminderTarget[] {
  const owing = new Set(reminderTargets(c, plan).map((t) => t.code));
  return c.agencies
    .filter((a) => a.status === 'late' && !owing.has(a.code))
    .map((a) => ({
      code: a.code,
      name: a.name.replace(/\s+/g, ' ').trim(),
      email: cleanText(a.email),
      status: a.status,
      daysOverdue: a.daysLate ?? 0,
      missing: `Đã nộp muộn ${a.daysLate ?? 0} ngày${a.receivedOn ? ` (nhận ngày ${formatDateVi(a.receivedOn)})` : ''}; không còn thiếu`,
    }));
}

function shorten(text: string, max: number): string {
  const t = cleanText(text);
  return t.length <= max ? t : `${t.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
}

function planReference(plan: Plan): string {
  const date = plan.issuedOn ? ` ngày ${formatDateVi(plan.issuedOn)}` : '';
  const issuer = plan.issuer ? ` của ${plan.issuer}` : '';
  return `Kế hoạch số ${plan.number}${date}${issuer}`;
}

// ---------------------------------------------------------------------------------------------
// The sheet and the emails

type Numbered = ReminderTarget & { no: number };

function reminderColumns(c: Consolidation, newDeadline: IsoDate): Column<Numbered>[] {
  return [
    column<Numbered>('STT', 'integer', 6, (t) => t.no),
    column<Numbered>('Mã đơn vị', 'text', 12, (t) => t.code),
    column<Numbered>('Cơ quan, đơn vị', 'text', 40, (t) => t.name),
    column<Numbered>('Email', 'text', 28, (t) => t.email || null),
    column<Numbered>('Hạn báo cáo', 'date', 12, () => ({ date: c.deadline })),
    column<Numbered>('Số ngày quá hạn', 'integer', 10, (t) => t.daysOverdue),
    column<Numbered>('Tình trạng', 'text', 14, (t) => AGENCY_STATUS_LABELS[t.status]),
    column<Numbered>('Nội dung còn thiếu', 'text', 60, (t) => t.missing),
    column<Numbered>('Hạn mới', 'date', 12, () => ({ date: newDeadline })),
  ];
}

function reminderSheet(c: Consolidation, targets: ReminderTarget[], newDeadline: IsoDate): OutSheet {
  return {
    name: REMINDER_SHEET,
    preamble: [
      ['DANH SÁCH CƠ QUAN, ĐƠN VỊ CẦN ĐÔN ĐỐC'],
      [`Kế hoạch số ${c.plan.number}: ${c.plan.title}`],
      [
        `Hạn báo cáo: ${formatDateVi(c.deadline)} — Số liệu đến ngày: ${formatDateVi(c.asOf)} — Hạn mới đề nghị: ${formatDateVi(newDeadline)}`,
      ],
    ],
    table: tableOf(
      'DonDoc',
      reminderColumns(c, newDeadline),
      targets.map((t, i) => ({ ...t, no: i + 1 })),
      (t) => (t.status === 'missing' ? 'missing' : t.status === 'rejected' ? 'rejected' : 'late'),
    ),
  };
}

function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** RFC 2047 encoded-word for a header with non-ASCII text. */
function encodeHeader(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  return /^[\x20-\x7e]*$/.test(flat) ? flat : `=?UTF-8?B?${base64Utf8(flat)}?=`;
}

function wrap(line: string, width = 76): string[] {
  if (line.length <= width) return [line];
  const out: string[] = [];
  let cur = '';
  for (const word of line.split(' ')) {
    if (cur && cur.length + 1 + word.length > width) {
      out.push(cur);
      cur = word;
    } else cur = cur ? `${cur} ${word}` : word;
  }
  if (cur) out.push(cur);
  return out;
}

export function reminderEmail(
  c: Consolidation,
  plan: Plan,
  t: ReminderTarget,
  newDeadline: IsoDate,
  lh: Letterhead,
): ReminderEmail {
  const consolidator = plan.consolidator || 'Cơ quan tổng hợp';
  const to = t.email.replace(/[\r\n<>]/g, '');
  const lines = [
    `Kính gửi: ${t.name}`,
    '',
    `Thực hiện ${planReference(plan)}, ${consolidator} đã đề nghị các cơ quan, đơn vị gửi báo cáo kết quả thực hiện kỳ ${c.period} trước ngày ${formatDateVi(c.deadline)}.`,
    `Đến ngày ${formatDateVi(c.asOf)}, tình trạng báo cáo của Quý cơ quan, đơn vị: ${t.missing}.`,
    '',
    `Đề nghị Quý cơ quan, đơn vị gửi báo cáo (tệp Excel theo mẫu) về ${consolidator} trước ngày ${formatDateVi(newDeadline)}.`,
    '',
    'Trân trọng./.',
    '',
    `${lh.issuer}`,
  ];
  const body = lines.flatMap((l) => wrap(l)).join('\r\n');
  const headers = [
    `To: ${to}`,
    `Subject: ${encodeHeader(`Đôn đốc báo cáo kết quả thực hiện Kế hoạch số ${plan.number}`)}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: 8bit',
    'X-Unsent: 1',
  ];
  return {
    agencyCode: t.code,
    to,
    fileName: `${fileStem(t.code)}.eml`,
    eml: `${headers.join('\r\n')}\r\n\r\n${body}\r\n`,
  };
}

/** The letter (.docx), the sheet `Đôn đốc` (.xlsx) and the .eml drafts. */
export async function buildReminders(
  c: Consolidation,
  plan: Plan,
  options: ReminderOptions = {},
): Promise<{ docx: Uint8Array; sheet: Uint8Array; emails: ReminderEmail[] }> {
  const lh = resolveLetterhead(plan, options, 'CV', c.asOf.slice(0, 4));
  const newDeadline = options.newDeadline ?? addDays(c.asOf, 7);
  const targets = reminderTargets(c, plan);
  const doc = letterDocument(c, plan, lh, targets, newDeadline);
  const docx = repeatableZip(new Uint8Array(await Packer.toArrayBuffer(doc)), c.asOf);
  const sheet = repeatableZip(
    await writeOutSheets([reminderSheet(c, [...targets, ...lateNotices(c, plan)], newDeadline)], {
      title: reminderSubject(plan),
    }),
    c.asOf,
  );
  const emails = targets.filter((t) => EMAIL.test(t.email)).map((t) => reminderEmail(c, plan, t, newDeadline, lh));
  return { docx, sheet, emails };
}
