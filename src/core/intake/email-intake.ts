/**
 * What the intake makes of one saved e-mail, the same in the CLI's folder and on the pane: each workbook attached
 * is a file to read as a submission, received on the day the register gives, else the day the e-mail was sent
 * (its Date, in Vietnam), else the day of the e-mail's file; every other attachment is listed, not read; an
 * e-mail without a workbook, or refused, is listed with its reason (and put down to the agency its sender's
 * address or its name points to). Nothing of an e-mail is dropped without a line in the intake.
 */
import type { IsoDate } from '../basics/dates';
import { type EmailOrigin, type Finding, type Plan, type Submission, finding } from '../basics/model';
import { type FileInput, sha256Hex } from './submission-read';
import { agencyByFileName } from './submission-agency';
import type { EmailAttachment, EmailReading } from './email-read';
import { agencyBySender, attachmentNameOf, sentDay } from './email-origin';

export interface ReceivedDay {
  receivedOn: IsoDate | null;
  receivedFrom: Submission['receivedFrom'];
}

/** The door's knowledge of when a file came: the register's day for any of these names, the file's own day. */
export interface DayKnown {
  /** The register's day for the first of `names` it lists, or null. */
  registered(names: string[]): IsoDate | null;
  /** The day of the e-mail's file (its modification time, in Vietnam), or null. */
  fileDay: IsoDate | null;
}

export interface EmailWorkbook {
  input: FileInput;
  origin: EmailOrigin;
  /** To add to the submission once read (a Date that could not be read …). */
  findings: Finding[];
}

export interface EmailIntake {
  workbooks: EmailWorkbook[];
  /** Listed, not read: the e-mail itself (refused, or without a workbook) and its other attachments. */
  listed: Submission[];
}

/** The received day, in order of trust: the register, the e-mail's Date, the e-mail file's own date. */
export function emailReceived(names: string[], origin: EmailOrigin | null, known: DayKnown): ReceivedDay {
  const logged = known.registered(names);
  if (logged) return { receivedOn: logged, receivedFrom: 'intake-log' };
  const sent = origin ? sentDay(origin) : null;
  if (sent) return { receivedOn: sent, receivedFrom: 'email' };
  return { receivedOn: known.fileDay, receivedFrom: known.fileDay ? 'file-date' : 'unknown' };
}

/** The names a register row may give for an attachment: its full name, its own name, the e-mail's. */
export function registerNames(name: string, emailFile: string): string[] {
  const own = attachmentNameOf(name);
  const base = emailFile.split('/').pop() ?? emailFile;
  return [name, own, emailFile, base].filter((n, i, all) => all.indexOf(n) === i);
}

function listed(
  name: string,
  facts: { sha256: string; size: number; reason: string; received: ReceivedDay; email?: EmailOrigin },
  agency: { code: string; by: 'sender' | 'filename' } | null,
  problem: Finding | null,
): Submission {
  return {
    file: name,
    sha256: facts.sha256,
    size: facts.size,
    agencyCode: agency?.code ?? null,
    recognisedBy: agency?.by ?? null,
    planNumber: null,
    period: null,
    reportDate: null,
    receivedOn: facts.received.receivedOn,
    receivedFrom: facts.received.receivedFrom,
    readable: false,
    rejectReason: facts.reason,
    rows: [],
    findings: problem ? [problem] : [],
    ...(facts.email ? { email: facts.email } : {}),
  };
}

/** The agency an e-mail that brings no report points to: its sender's address, else its file name. */
function agencyOfEmail(plan: Plan, name: string, from: string): { code: string; by: 'sender' | 'filename' } | null {
  const bySender = agencyBySender(plan, from);
  if (bySender) return { code: bySender.code, by: 'sender' };
  const byName = agencyByFileName(plan, name);
  return byName ? { code: byName.code, by: 'filename' } : null;
}

function otherAttachment(a: EmailAttachment, known: DayKnown, sha256: string): Submission {
  const reason = `Tệp đính kèm của thư không phải bảng tính (${a.fileName}): không đọc như báo cáo.`;
  const received = emailReceived(registerNames(a.name, a.origin.file), a.origin, known);
  return listed(a.name, { sha256, size: a.size, reason, received, email: a.origin }, null, null);
}

function noWorkbookReason(attachments: EmailAttachment[]): string {
  const names = attachments.map((a) => a.fileName);
  const what = names.length ? `chỉ đính kèm: ${names.join(', ')}` : 'không có tệp đính kèm';
  return `Thư không có bảng tính báo cáo đính kèm (${what}): đề nghị đơn vị gửi lại kèm tệp Excel.`;
}

/**
 * The intake of the saved e-mail `file` read as `reading` (not a 'workbook' reading: the door reads that one as a
 * file). `known` gives the register's days and the file's own day.
 */
export async function emailIntake(
  file: { name: string; bytes: Uint8Array; tooLarge?: { size: number; sha256: string } },
  reading: Exclude<EmailReading, { kind: 'workbook' }>,
  plan: Plan,
  known: DayKnown,
): Promise<EmailIntake> {
  const facts = file.tooLarge ?? { sha256: await sha256Hex(file.bytes), size: file.bytes.length };
  if (reading.kind === 'refused') {
    const problem = { ...finding('error', reading.code, reading.reason, { file: file.name }) };
    if (reading.detail) problem.detail = reading.detail;
    const received = emailReceived([file.name], null, known);
    const agency = agencyOfEmail(plan, file.name, '');
    return {
      workbooks: [],
      listed: [listed(file.name, { ...facts, reason: reading.reason, received }, agency, problem)],
    };
  }
  const workbooks: EmailWorkbook[] = [];
  const others: Submission[] = [];
  for (const a of reading.attachments) {
    if (!a.workbook) {
      others.push(otherAttachment(a, known, a.tooLarge?.sha256 ?? (await sha256Hex(a.bytes))));
      continue;
    }
    const received = emailReceived(registerNames(a.name, a.origin.file), a.origin, known);
    const input: FileInput = {
      name: a.name,
      bytes: a.bytes,
      ...received,
      ...(a.tooLarge ? { tooLarge: a.tooLarge } : {}),
    };
    workbooks.push({ input, origin: a.origin, findings: a.findings });
  }
  if (workbooks.length) return { workbooks, listed: others };
  const reason = noWorkbookReason(reading.attachments);
  const received = emailReceived([file.name], reading.origin, known);
  const agency = agencyOfEmail(plan, file.name, reading.origin.from);
  const problem = finding('error', 'email.no_workbook', reason, { file: file.name });
  const self = listed(file.name, { ...facts, reason, received, email: reading.origin }, agency, problem);
  self.findings.push(...reading.findings);
  return { workbooks, listed: [self, ...others] };
}
