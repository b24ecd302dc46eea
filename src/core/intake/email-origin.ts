/**
 * What a saved e-mail says of a file attached to it, and what the intake makes of that: the attachment's name
 * (`thu.eml › BaoCao.xlsx`, so that every finding and intake row says where the file came from), the day it was
 * sent in Vietnam (its Date header, read here the same way in every engine), the sender's address matched
 * against the agency's e-mail in the plan (a mismatch is a warning, never a refusal).
 * Pure; email-read.ts reads the e-mails themselves.
 */
import { type IsoDate, VIETNAM_UTC_OFFSET_MS, vietnamDay } from '../basics/dates';
import { type Agency, type EmailOrigin, type Plan, type Submission, finding } from '../basics/model';

/** Between the e-mail's name and its attachment's: `thu.eml › BaoCao.xlsx` (never in a path the CLI lists). */
export const EMAIL_PART_SEPARATOR = ' › ';

/** Files that are saved e-mails, by their name: .eml (MIME, any mail program) and .msg (Outlook). */
export function isEmailFileName(name: string): boolean {
  return /\.(eml|msg)$/i.test(name);
}

/** The saved e-mail a name points into (`thu.eml › a.xlsx` → `thu.eml`), or null for a file of its own. */
export function emailFileOf(name: string): string | null {
  const at = name.indexOf(EMAIL_PART_SEPARATOR);
  return at > 0 ? name.slice(0, at) : null;
}

/** The attachment's own name (`thu.eml › a.xlsx` → `a.xlsx`); a plain name is itself. */
export function attachmentNameOf(name: string): string {
  const parts = name.split(EMAIL_PART_SEPARATOR);
  return parts[parts.length - 1];
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ZONES: Record<string, number> = { ut: 0, utc: 0, gmt: 0, z: 0, est: -5, edt: -4, cst: -6, cdt: -5 };
Object.assign(ZONES, { mst: -7, mdt: -6, pst: -8, pdt: -7 });

/** The zone of a Date header in minutes east of UTC; a header without one is taken as written in Vietnam. */
function zoneMinutes(zone: string | undefined): number | null {
  if (!zone) return VIETNAM_UTC_OFFSET_MS / 60_000;
  const m = /^([+-])(\d{2})(\d{2})$/.exec(zone);
  if (m) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  const named = ZONES[zone.toLowerCase()];
  return named === undefined ? null : named * 60;
}

/**
 * The moment of an e-mail Date header (RFC 5322: `Tue, 2 Jul 2024 09:15:00 +0700`, also `2 Jul 24 9:15 GMT` and
 * the obsolete zone names), or null when it cannot be read. Read by hand, not by `Date.parse`, whose reading of
 * these strings differs between engines (Internet Explorer 11's among them).
 */
export function parseMailDate(value: string): number | null {
  const m =
    /^\s*(?:[A-Za-z]{3,9},?\s*)?(\d{1,2})\s+([A-Za-z]{3})[A-Za-z]*\.?\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s+([+-]\d{4}|[A-Za-z]{1,5})\b)?/.exec(
      value,
    );
  if (!m) return null;
  const month = MONTHS.indexOf(m[2].toLowerCase());
  let year = Number(m[3]);
  if (m[3].length === 2) year += year < 50 ? 2000 : 1900;
  const [day, hour, minute, second] = [Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6] ?? '0')];
  const zone = zoneMinutes(m[7]);
  if (month < 0 || zone === null || hour > 23 || minute > 59 || second > 60 || year < 1970) return null;
  const utc = Date.UTC(year, month, day, hour, minute, Math.min(second, 59));
  // 31 Feb and the like are not dates
  if (new Date(utc).getUTCDate() !== day) return null;
  return utc - zone * 60_000;
}

/** The day an e-mail was sent, in Vietnam (UTC+7), or null when its Date cannot be read. */
export function sentDay(origin: EmailOrigin): IsoDate | null {
  return origin.sentAt ? vietnamDay(Date.parse(origin.sentAt)) : null;
}

/** Every address written in a text ("a@x.vn; B@y.vn", "Sở Y tế <syt@x.vn>"), lower-case. */
export function emailAddresses(text: string): string[] {
  const out: string[] = [];
  const re = /[^\s<>,;:"'()[\]]+@[^\s<>,;:"'()[\]]+\.[^\s<>,;:"'()[\]]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[0].toLowerCase());
  return out;
}

function agencyOfAddress(plan: Plan, address: string): Agency[] {
  return plan.agencies.filter((a) => emailAddresses(a.email).indexOf(address) >= 0);
}

/** The one agency of the plan whose e-mail is this sender's address, or null (none, or several). */
export function agencyBySender(plan: Plan, address: string): Agency | null {
  if (!address) return null;
  const found = agencyOfAddress(plan, address);
  return found.length === 1 ? found[0] : null;
}

/** The warning when the sender is not the agency's address in the plan (nothing when the plan gives none). */
function senderFinding(sub: Submission, origin: EmailOrigin, plan: Plan): Submission['findings'] {
  const agency = plan.agencies.find((a) => a.code === sub.agencyCode);
  const own = agency ? emailAddresses(agency.email) : [];
  if (!agency || own.length === 0 || own.indexOf(origin.from) >= 0) return [];
  const others = origin.from ? agencyOfAddress(plan, origin.from).filter((a) => a !== agency) : [];
  const whose = others.length ? ` (địa chỉ của ${others.map((a) => a.name).join(', ')} trong kế hoạch)` : '';
  const from = origin.from ? `gửi từ ${origin.from}${whose}` : 'không ghi địa chỉ người gửi';
  return [
    finding(
      'warning',
      'email.sender_mismatch',
      `Thư "${origin.file}" ${from}, không phải địa chỉ của ${agency.name} trong kế hoạch (${own.join(', ')}): kiểm tra báo cáo có đúng do đơn vị gửi không.`,
      { file: sub.file },
    ),
  ];
}

/**
 * A submission read from an e-mail's attachment, with where it came from and, when the sender is not the
 * agency's address in the plan, a warning. The submission is returned changed, not copied.
 */
export function withEmailOrigin(sub: Submission, origin: EmailOrigin, plan: Plan): Submission {
  sub.email = origin;
  sub.findings.push(...senderFinding(sub, origin, plan));
  return sub;
}
