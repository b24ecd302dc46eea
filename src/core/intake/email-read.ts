/**
 * Reading a saved e-mail: an .eml (MIME, any mail program; postal-mime) or an Outlook .msg (msgreader), bytes in,
 * attachments and what the e-mail says of itself out. Both parsers are pure JavaScript and loaded on first use
 * (`import()`: a chunk of their own in the pane). Before either sees the bytes, the e-mail is checked:
 * email-mime.ts (a damaged or cut MIME structure, bad base64), email-cfb.ts (a compound file whose chains loop or
 * leave the file), and the limits of limits.ts (size, attachments, parts, nesting). An e-mail attached to the
 * e-mail (message/rfc822, an embedded .msg, an .msg attached to an .eml) is read the same way, one level deeper.
 *
 * Each attachment is named after the e-mail it came in (`thu.eml › BaoCao.xlsx`, `thu.eml › chuyen.eml › a.xlsx`).
 * It is received on the day the saved e-mail was sent (its Date; when it has none, the Date of the e-mail holding
 * the attachment); its sender is the author of the e-mail holding it. Never throws: a refusal is a result.
 */
import { detectFileFormat, sniffFileKind } from './xlsx-read';
import { sha256Hex } from './submission-read';
import { type Finding, type EmailOrigin, finding } from '../basics/model';
import { type Limits, DEFAULT_LIMITS } from './limits';
import { Refused, num, refuse, size } from './limit-messages';
import { checkEmlStructure } from './email-mime';
import { NOT_MSG, checkCompoundFile, isOutlookMessage } from './email-cfb';
import { EMAIL_PART_SEPARATOR, emailAddresses, parseMailDate } from './email-origin';

export interface EmailAttachment {
  /** Named after the e-mail: `thu.eml › BaoCao.xlsx`. */
  name: string;
  /** The attachment's own name. */
  fileName: string;
  /** Empty when over `maxFileBytes` (`tooLarge` then says what it was). */
  bytes: Uint8Array;
  size: number;
  /** A workbook (by its bytes, or its name): read as a submission; any other file is only listed. */
  workbook: boolean;
  origin: EmailOrigin;
  /** Over the file size limit: its size and SHA-256 (readSubmission refuses it with the usual reason). */
  tooLarge?: { size: number; sha256: string };
  /** Remarks on the e-mail that concern this file (no readable Date …). */
  findings: Finding[];
}

export type EmailReading =
  | { kind: 'email'; origin: EmailOrigin; attachments: EmailAttachment[]; findings: Finding[] }
  | { kind: 'refused'; code: string; reason: string; detail?: string }
  /** Under an e-mail's name, the bytes of a workbook: read it as the file it is. */
  | { kind: 'workbook' };

interface RawAttachment {
  fileName: string;
  bytes: Uint8Array;
  /** An e-mail attached to the e-mail, and its format. */
  message: 'eml' | 'msg' | null;
}

interface Message {
  from: string;
  sentAt: string | null;
  subject: string;
  attachments: RawAttachment[];
}

interface Walk {
  limits: Limits;
  count: number;
  out: EmailAttachment[];
  top: EmailOrigin | null;
}

const WORKBOOK_NAME = /\.(xlsx|xlsm|xls|xlsb|ods)$/i;
const WORKBOOK_FORMATS = ['xlsx', 'xls', 'xlsb', 'xlsx-moved', 'ods', 'encrypted', 'xls-encrypted', 'numbers'];

class IsWorkbook extends Error {}

function messageFormat(fileName: string, mimeType: string, bytes: Uint8Array): 'eml' | 'msg' | null {
  if (mimeType === 'message/rfc822' || mimeType === 'message/global' || /\.eml$/i.test(fileName)) return 'eml';
  if (/\.msg$/i.test(fileName) || mimeType === 'application/vnd.ms-outlook') {
    const f = detectFileFormat(bytes);
    return f === 'ole2-other' ? 'msg' : null;
  }
  return null;
}

function asBytes(content: ArrayBuffer | Uint8Array | string): Uint8Array {
  if (typeof content === 'string') return new TextEncoder().encode(content);
  return content instanceof Uint8Array ? content : new Uint8Array(content);
}

function isoOf(moment: number | null): string | null {
  return moment === null ? null : new Date(moment).toISOString();
}

async function emlMessage(bytes: Uint8Array, limits: Limits): Promise<Message> {
  checkEmlStructure(bytes, limits);
  const PostalMime = (await import(/* webpackChunkName: "email" */ 'postal-mime')).default;
  let email;
  try {
    email = await PostalMime.parse(bytes, {
      forceRfc822Attachments: true,
      attachmentEncoding: 'arraybuffer',
      maxNestingDepth: limits.maxMimeDepth + 4,
      maxPartCount: limits.maxEmailParts + 10,
    });
  } catch (e) {
    throw new Refused({
      ...finding('error', 'email.bad_mime', 'Thư hỏng: không đọc được cấu trúc MIME của thư; đề nghị đơn vị gửi lại.'),
      detail: e instanceof Error ? e.message : String(e),
    });
  }
  const mailbox = email.from ?? email.sender;
  const from = mailbox ? (mailbox.address ?? mailbox.group?.[0]?.address ?? '') : '';
  const date = email.headers.find((h) => h.key === 'date')?.value ?? '';
  return {
    from: from.toLowerCase(),
    sentAt: isoOf(parseMailDate(date)),
    subject: email.subject ?? '',
    attachments: email.attachments
      .filter((a) => !a.related) // pictures shown inside the text (a signature), not files sent
      .map((a, i) => {
        const content = asBytes(a.content);
        const fileName = a.filename || (a.mimeType === 'message/rfc822' ? 'thư đính kèm.eml' : `tệp đính kèm ${i + 1}`);
        return { fileName, bytes: content, message: messageFormat(fileName, a.mimeType, content) };
      }),
  };
}

/** The header `name` of an .msg's saved Internet headers (a message received over SMTP has them). */
function headerOf(headers: string, name: string): string {
  const m = new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(headers);
  return m ? m[1].replace(/\r?\n[ \t]+/g, ' ').trim() : '';
}

function msgSender(data: { headers?: string; senderSmtpAddress?: string; senderEmail?: string }): string {
  const fromHeader = emailAddresses(headerOf(data.headers ?? '', 'From'))[0];
  return fromHeader ?? emailAddresses(`${data.senderSmtpAddress ?? ''} ${data.senderEmail ?? ''}`)[0] ?? '';
}

async function msgMessage(bytes: Uint8Array): Promise<Message> {
  const reached = checkCompoundFile(bytes);
  if (!isOutlookMessage(reached)) {
    if (WORKBOOK_FORMATS.indexOf(detectFileFormat(bytes)) >= 0) throw new IsWorkbook();
    refuse('email.not_msg', 'Tệp .msg là một tài liệu Office khác, không phải thư Outlook: không đọc.');
  }
  const MsgReader = (await import(/* webpackChunkName: "email" */ '@kenjiuno/msgreader')).default;
  const copy = new Uint8Array(bytes).buffer; // a copy: a Buffer of Node may share its ArrayBuffer
  const reader = new MsgReader(copy);
  const data = reader.getFileData();
  if (data.error) refuse('email.not_msg', 'Tệp .msg không phải thư Outlook: không đọc.');
  const sent = parseMailDate(headerOf(data.headers ?? '', 'Date'));
  const times = [data.clientSubmitTime, data.messageDeliveryTime].map((t) => (t ? parseMailDate(t) : null));
  const attachments: RawAttachment[] = [];
  for (const a of data.attachments ?? []) {
    if (a.attachmentHidden) continue; // a picture inside the text
    const got = reader.getAttachment(a);
    const inner = a.innerMsgContent === true;
    const fileName = inner ? `${a.name || a.innerMsgContentFields?.subject || 'thư đính kèm'}.msg` : got.fileName;
    const content = asBytes(got.content);
    const name = fileName || `tệp đính kèm ${attachments.length + 1}`;
    attachments.push({ fileName: name, bytes: content, message: inner ? 'msg' : messageFormat(name, '', content) });
  }
  return {
    from: msgSender(data),
    sentAt: isoOf(sent ?? times[0] ?? times[1] ?? null),
    subject: data.subject ?? '',
    attachments,
  };
}

/** Names unique within one e-mail: a second `a.xlsx` is `a (2).xlsx`. */
function uniqueName(taken: Set<string>, name: string): string {
  let out = name;
  for (let n = 2; taken.has(out.toLowerCase()); n++) out = name.replace(/(\.[^.]*)?$/, (ext) => ` (${n})${ext}`);
  taken.add(out.toLowerCase());
  return out;
}

async function readMessage(w: Walk, bytes: Uint8Array, format: 'eml' | 'msg', path: string, depth: number) {
  if (depth > w.limits.maxEmailNesting)
    refuse(
      'limit.email_nesting',
      `Thư đính kèm thư lồng nhau quá ${num(w.limits.maxEmailNesting)} tầng, vượt giới hạn: thư bất thường, không được đọc.`,
    );
  const m = format === 'eml' ? await emlMessage(bytes, w.limits) : await msgMessage(bytes);
  const top = w.top ?? { file: path, from: m.from, sentAt: m.sentAt, subject: m.subject };
  w.top = top;
  const origin: EmailOrigin = { file: top.file, from: m.from, sentAt: top.sentAt ?? m.sentAt, subject: top.subject };
  const taken = new Set<string>();
  for (const a of m.attachments) {
    const name = `${path}${EMAIL_PART_SEPARATOR}${uniqueName(taken, a.fileName)}`;
    if (a.message) {
      await readMessage(w, a.bytes, a.message, name, depth + 1);
      continue;
    }
    if (++w.count > w.limits.maxAttachments)
      refuse(
        'limit.attachments',
        `Thư có hơn ${num(w.limits.maxAttachments)} tệp đính kèm, vượt giới hạn: thư bất thường, không được đọc.`,
      );
    w.out.push(await attachment(w.limits, a, name, origin));
  }
}

async function attachment(limits: Limits, a: RawAttachment, name: string, origin: EmailOrigin) {
  const workbook = WORKBOOK_NAME.test(a.fileName) || WORKBOOK_FORMATS.indexOf(detectFileFormat(a.bytes)) >= 0;
  const base = { name, fileName: a.fileName, size: a.bytes.length, workbook, origin, findings: [] as Finding[] };
  if (a.bytes.length <= limits.maxFileBytes) return { ...base, bytes: a.bytes };
  return { ...base, bytes: new Uint8Array(0), tooLarge: { size: a.bytes.length, sha256: await sha256Hex(a.bytes) } };
}

function noDate(file: string): Finding {
  return finding(
    'warning',
    'email.no_date',
    `Thư "${file}" không có ngày gửi (Date) đọc được: ngày nhận lấy theo ngày của tệp thư.`,
    { file },
  );
}

/**
 * Reads the saved e-mail `name` (.eml or .msg, by its name; the bytes must agree). Every refusal is a result with
 * a plain Vietnamese reason (`email.*`, `limit.*`); an e-mail that is really a workbook says so.
 */
export async function readEmail(
  name: string,
  bytes: Uint8Array,
  limits: Limits = DEFAULT_LIMITS,
): Promise<EmailReading> {
  if (bytes.length > limits.maxEmailBytes) return emailTooLarge(bytes.length, limits);
  // the bytes decide: an Outlook message saved as .eml is read as one, and so is an e-mail saved as .msg
  const format = sniffFileKind(bytes) === 'ole2' ? 'msg' : 'eml';
  if (format === 'eml' && WORKBOOK_FORMATS.indexOf(detectFileFormat(bytes)) >= 0) return { kind: 'workbook' };
  const reading = await readAs(name, bytes, format, limits);
  if (reading.kind === 'refused' && reading.code === 'email.not_email' && /\.msg$/i.test(name))
    return { kind: 'refused', code: 'email.not_msg', reason: NOT_MSG };
  return reading;
}

/** The refusal of an e-mail over `maxEmailBytes` (the CLI says it without loading the file). */
export function emailTooLarge(bytes: number, limits: Limits = DEFAULT_LIMITS): EmailReading {
  return {
    kind: 'refused',
    code: 'limit.email_size',
    reason: `Thư nặng ${size(bytes)}, vượt giới hạn ${size(limits.maxEmailBytes)} của một thư (kể cả tệp đính kèm); thư không được đọc.`,
  };
}

async function readAs(name: string, bytes: Uint8Array, format: 'eml' | 'msg', limits: Limits): Promise<EmailReading> {
  const w: Walk = { limits, count: 0, out: [], top: null };
  try {
    await readMessage(w, bytes, format, name, 1);
  } catch (e) {
    if (e instanceof IsWorkbook) return { kind: 'workbook' };
    if (e instanceof Refused)
      return { kind: 'refused', code: e.finding.code, reason: e.finding.message, detail: e.finding.detail };
    const detail = e instanceof Error ? e.message : String(e);
    const msg = format === 'msg';
    const reason = `${msg ? 'Tệp thư Outlook (.msg) bị hỏng' : 'Thư hỏng'}: không đọc được; đề nghị đơn vị gửi lại.`;
    return { kind: 'refused', code: msg ? 'email.bad_msg' : 'email.bad_mime', reason, detail };
  }
  const origin = w.top as EmailOrigin;
  for (const a of w.out) if (!a.origin.sentAt) a.findings.push(noDate(a.name));
  return { kind: 'email', origin, attachments: w.out, findings: origin.sentAt ? [] : [noDate(name)] };
}
