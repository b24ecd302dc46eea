/**
 * A saved MIME e-mail (.eml) checked on its bytes before the parser decodes it. postal-mime, like every mail
 * reader, is lenient: a body cut off in the middle, base64 with stray characters or a multipart without its end
 * are decoded into something. Here they are refused, with a plain reason, before anything is read from them:
 * - the file must start with mail headers (From, Date, Subject …), else it is no e-mail;
 * - a multipart body needs its boundary, at least one part and its closing delimiter (a missing one means the
 *   file was cut short);
 * - a base64 part holds only the base64 alphabet and whole groups of four (a stray byte or a cut);
 * - parts and nesting are bounded (limits.ts): `maxEmailParts`, `maxMimeDepth`.
 * An attached e-mail (message/rfc822) is a leaf here: email-read.ts checks it as an e-mail of its own, one level
 * of `maxEmailNesting` deeper. Pure, on bytes, linear in the size (each nesting level rescans its part).
 */
import type { Limits } from './limits';
import { num, refuse } from './limit-messages';

const LF = 10;
const CR = 13;

interface Line {
  start: number;
  /** End of the line's text (before CR LF or LF). */
  end: number;
  /** Start of the next line. */
  next: number;
}

function lineAt(b: Uint8Array, pos: number, limit: number): Line {
  let i = pos;
  while (i < limit && b[i] !== LF) i++;
  const end = i > pos && b[i - 1] === CR ? i - 1 : i;
  return { start: pos, end, next: i < limit ? i + 1 : limit };
}

function text(b: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end && i - start < 4096; i++) s += String.fromCharCode(b[i]);
  return s;
}

interface Part {
  type: string;
  boundary: string | null;
  encoding: string;
  /** Header names seen (lower-case), for the top of the e-mail. */
  names: string[];
  bodyStart: number;
}

/** A header name: printable ASCII but the colon, then the colon. */
function headerNameEnd(b: Uint8Array, line: Line): number {
  for (let i = line.start; i < line.end; i++) {
    const c = b[i];
    if (c === 58) return i > line.start ? i : -1;
    if (c < 33 || c > 126) return -1;
  }
  return -1;
}

const MAX_HEADER_BYTES = 1024 * 1024;

function param(value: string, name: string): string | null {
  const re = new RegExp(`;\\s*${name}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]+))`, 'i');
  const m = re.exec(value);
  if (!m) return null;
  return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2];
}

/** The headers of a message or part from `pos`; `top`: the e-mail itself, whose first line must be a header. */
function readHeaders(b: Uint8Array, pos: number, limit: number, top: boolean): Part {
  const values: Record<string, string> = {};
  const names: string[] = [];
  let last = '';
  let line = lineAt(b, pos, limit);
  // an mbox "From " line before the headers (Thunderbird's saved messages)
  if (top && text(b, line.start, Math.min(line.end, line.start + 5)) === 'From ') line = lineAt(b, line.next, limit);
  for (let first = true; line.start < limit; first = false, line = lineAt(b, line.next, limit)) {
    if (line.end === line.start) return part(values, names, line.next);
    if (line.start - pos > MAX_HEADER_BYTES)
      refuse('email.bad_mime', 'Phần tiêu đề của thư dài quá 1 MB: thư hỏng hoặc không phải thư thường.');
    const c = b[line.start];
    if ((c === 32 || c === 9) && !first) {
      if (last && values[last].length < 65536) values[last] += text(b, line.start, line.end);
      continue;
    }
    const colon = headerNameEnd(b, line);
    if (colon < 0) {
      if (top && first) refuse('email.not_email', NOT_EMAIL);
      return part(values, names, line.start); // no blank line before the body: read leniently, as mail readers do
    }
    last = text(b, line.start, colon).toLowerCase();
    names.push(last);
    if (values[last] === undefined) values[last] = text(b, colon + 1, line.end);
  }
  if (top && names.length === 0) refuse('email.not_email', NOT_EMAIL);
  return part(values, names, limit);
}

function part(values: Record<string, string>, names: string[], bodyStart: number): Part {
  const contentType = values['content-type'] ?? 'text/plain';
  const type = contentType.split(';')[0].trim().toLowerCase();
  const encoding = (values['content-transfer-encoding'] ?? '7bit').trim().toLowerCase();
  return { type, boundary: param(contentType, 'boundary'), encoding, names, bodyStart };
}

export const NOT_EMAIL =
  'Tệp không phải thư điện tử đã lưu (không bắt đầu bằng phần tiêu đề thư From, Date, Subject …): có thể tệp bị đổi đuôi hoặc hỏng; đề nghị đơn vị gửi lại.';

const MAIL_HEADERS = ['from', 'date', 'subject', 'message-id', 'mime-version', 'received', 'to', 'return-path'];

function isBase64Byte(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
}

/** Only the base64 alphabet (whitespace aside), padding only at the end, whole groups of four. */
export function isCleanBase64(b: Uint8Array, start: number, end: number): boolean {
  let n = 0;
  let pad = 0;
  for (let i = start; i < end; i++) {
    const c = b[i];
    if (c === 32 || c === 9 || c === 10 || c === 13) continue;
    if (c === 61) pad++;
    else if (pad > 0 || !isBase64Byte(c)) return false;
    else n++;
  }
  return pad <= 2 && (n + pad) % 4 === 0;
}

interface Walk {
  b: Uint8Array;
  limits: Limits;
  parts: number;
}

function startsWith(b: Uint8Array, at: number, end: number, what: Uint8Array): boolean {
  if (end - at < what.length) return false;
  for (let i = 0; i < what.length; i++) if (b[at + i] !== what[i]) return false;
  return true;
}

function blankFrom(b: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (b[i] !== 32 && b[i] !== 9) return false;
  return true;
}

function asciiBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

/** The parts between the delimiters of a multipart body, each checked; the closing delimiter must be there. */
function walkMultipart(w: Walk, p: Part, end: number, depth: number): void {
  if (!p.boundary) refuse('email.bad_mime', `Thư hỏng: khối MIME "${p.type}" không có ranh giới (boundary).`);
  const delimiter = asciiBytes(`--${p.boundary}`);
  let partStart = -1;
  let seen = false;
  for (let line = lineAt(w.b, p.bodyStart, end); line.start < end; line = lineAt(w.b, line.next, end)) {
    if (!startsWith(w.b, line.start, line.end, delimiter)) continue;
    const after = line.start + delimiter.length;
    const closing = w.b[after] === 45 && w.b[after + 1] === 45;
    if (!closing && !blankFrom(w.b, after, line.end)) continue; // "--abcdef" is no delimiter of "abc"
    // the line break before a delimiter belongs to it
    const partEnd = line.start > 0 && w.b[line.start - 1] === LF ? line.start - 1 : line.start;
    if (partStart >= 0) walkPart(w, partStart, partEnd, depth + 1);
    seen = true;
    if (closing) return;
    partStart = line.next;
  }
  if (!seen) refuse('email.bad_mime', `Thư hỏng: khối MIME "${p.type}" không có phần nào (không thấy ranh giới).`);
  refuse(
    'email.truncated',
    'Thư bị cắt cụt: khối MIME không có dòng kết thúc (tệp có thể tải về hoặc chép chưa hết); đề nghị đơn vị gửi lại.',
  );
}

function walkPart(w: Walk, start: number, end: number, depth: number): void {
  if (++w.parts > w.limits.maxEmailParts)
    refuse(
      'limit.email_parts',
      `Thư có hơn ${num(w.limits.maxEmailParts)} phần MIME, vượt giới hạn: thư bất thường, không được đọc.`,
    );
  if (depth > w.limits.maxMimeDepth)
    refuse(
      'limit.mime_depth',
      `Thư lồng các khối MIME sâu hơn ${num(w.limits.maxMimeDepth)} tầng, vượt giới hạn: thư bất thường, không được đọc.`,
    );
  const p = readHeaders(w.b, start, end, false);
  checkBody(w, p, end, depth);
}

function checkBody(w: Walk, p: Part, end: number, depth: number): void {
  if (p.type.indexOf('multipart/') === 0) return walkMultipart(w, p, end, depth);
  if (p.encoding === 'base64' && !isCleanBase64(w.b, p.bodyStart, end))
    refuse(
      'email.bad_base64',
      `Thư hỏng: một phần của thư (${p.type}) mã hóa base64 không hợp lệ hoặc bị cắt cụt; đề nghị đơn vị gửi lại.`,
    );
}

/**
 * Throws `Refused` (limit-messages.ts) with the reason when the e-mail is no e-mail, is damaged or cut short, or
 * goes over a limit; returns when postal-mime may decode it.
 */
export function checkEmlStructure(bytes: Uint8Array, limits: Limits): void {
  if (bytes.length === 0) refuse('file.empty', 'Tệp thư rỗng (0 byte).');
  const w: Walk = { b: bytes, limits, parts: 1 };
  const top = readHeaders(bytes, 0, bytes.length, true);
  if (!top.names.some((n) => MAIL_HEADERS.indexOf(n) >= 0)) refuse('email.not_email', NOT_EMAIL);
  checkBody(w, top, bytes.length, 1);
}
