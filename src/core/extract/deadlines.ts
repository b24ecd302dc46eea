/**
 * Reporting deadlines in a plan's sentences: "chậm nhất đến ngày 30/6/2024", "trước ngày 10 tháng 7 năm 2024",
 * "trước ngày 15 tháng 12 hàng năm". Who reports to whom decides the role: the agencies' deadline (sent to the
 * consolidator) or the consolidator's own deadline upward (reported to the province, the ministry).
 * Dates are read with src/core/dates (parseDeadlineRule); an implausible date is kept as written and flagged.
 */
import { type DeadlineRule, formatDateVi, type IsoDate, parseDeadlineRule } from '../basics/dates';
import type { Paragraph } from './paragraphs';
import type { DraftDeadline, DraftSource } from './types';

const DATE = String.raw`(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}|\d{2}))?|(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s*(?:,\s*)?năm\s+(\d{4}))?`;
const TRIGGER = String.raw`(?:trước|chậm nhất(?:\s+(?:là|vào|đến|trước))*|hạn chót(?:\s+là)?|không muộn hơn|không quá|hạn cuối(?:\s+là)?)`;
const DEADLINE_RE = new RegExp(
  String.raw`${TRIGGER}\s+(?:\d{1,2}\s*(?:giờ|h)(?:\s*\d{1,2}(?:\s*phút)?)?,?\s+)?(?:ngày\s+)?(?:${DATE})(\s*(?:,\s*)?(?:hàng|hằng|mỗi)\s+năm)?`,
  'giu',
);

const SUPERIOR = String.raw`(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Bộ|Chính phủ|Thủ tướng|Tỉnh ủy|Tỉnh uỷ|HĐND|Hội đồng nhân dân|Văn phòng Chính phủ|Ban Chỉ đạo|Trung ương)`;
const SENT_TO_RE =
  /(?:gửi|nộp|chuyển|báo cáo)(?:[^.;]*?)\svề\s+((?:Sở|Phòng|Văn phòng|Ban|UBND|Ủy ban|Uỷ ban|Trung tâm|Chi cục|Cục|Bộ)[^,(.;]*?)(?=\s+(?:trước|chậm nhất|hạn|không muộn|không quá|để|theo|qua|bằng)(?=[\s,.;:]|$)|\s*[,(.;]|$)/iu;
/** "tổng hợp báo cáo … gửi Bộ X, UBND tỉnh trước ngày …": the consolidator sends its report up, to those bodies. */
const SENT_UP_RE = new RegExp(String.raw`tổng hợp[^.;]*?\sgửi\s+(${SUPERIOR}[^.;()]*?)\s*$`, 'iu');
const REPORT_UP_RE = new RegExp(String.raw`báo cáo\s+(?:cho\s+|lên\s+)?(${SUPERIOR}[^.;]*?)\s*$`, 'iu');
const DEADLINE_RE_NEXT = new RegExp(DEADLINE_RE.source, 'giu');
const SUPERIOR_AFTER_RE = new RegExp(String.raw`báo cáo\s+(?:cho\s+|lên\s+)?(${SUPERIOR}[^.;()]*)`, 'iu');
const ONWARD_RE = new RegExp(
  String.raw`để\s+tổng hợp[,\s]*(?:và\s+)?báo cáo\s+(${SUPERIOR}[^.;()]*?)(?:\s+(?:trước|chậm nhất)|\s*\(|\.\/|\.?\s*$|[.;])`,
  'iu',
);

function sentenceBounds(text: string, index: number): [number, number] {
  let start = 0;
  for (let i = index - 1; i >= 0; i--) {
    if (text[i] === '.' && /\s/.test(text[i + 1] ?? ' ') && !/\d/.test(text[i - 1] ?? '')) {
      start = i + 1;
      break;
    }
  }
  let end = text.length;
  const m = /\.(\s|$)/g;
  m.lastIndex = index;
  const hit = m.exec(text);
  if (hit) end = hit.index;
  return [start, end];
}

export function sourceOf(p: Paragraph): DraftSource {
  return { paragraph: p.n, text: p.text };
}

export interface DeadlineContext {
  /** Plan year (from the date line, even when day and month are blank). */
  year: number | null;
  issuedOn: IsoDate | null;
}

function ruleFrom(
  m: RegExpExecArray,
  ctx: DeadlineContext,
  annualHint: boolean,
  yearlyWords = false,
): { rule: DeadlineRule | null; guessedYear: boolean } {
  const day = m[1] ?? m[4];
  const month = m[2] ?? m[5];
  const year = m[3] ?? m[6];
  const annual = Boolean(m[7]);
  if (annual) return { rule: parseDeadlineRule(`${day}/${month} hằng năm`), guessedYear: false };
  if (year) return { rule: parseDeadlineRule(`${day}/${month}/${year}`), guessedYear: false };
  if (annualHint) return { rule: parseDeadlineRule(`${day}/${month} hằng năm`), guessedYear: !yearlyWords };
  if (ctx.year) return { rule: parseDeadlineRule(`${day}/${month}/${ctx.year}`), guessedYear: true };
  return { rule: parseDeadlineRule(`${day}/${month} hằng năm`), guessedYear: true };
}

interface Role {
  role: DraftDeadline['role'];
  to: string;
  reasons: string[];
}

/** Who reports to whom, from the words before the date (else after it); null when it is not a reporting deadline. */
function roleOf(prefix: string, suffix: string): Role | null {
  let sentTo = SENT_TO_RE.exec(prefix);
  let up = REPORT_UP_RE.exec(prefix) ?? SENT_UP_RE.exec(prefix);
  // both before the date: the nearer one tells ("… về UBND tỉnh để tổng hợp, báo cáo Bộ … trước ngày …" is upward)
  if (sentTo && up) {
    if (up.index > sentTo.index) sentTo = null;
    else up = null;
  }
  const cuePrefix = sentTo || up;
  if (!cuePrefix) sentTo = SENT_TO_RE.exec(suffix);
  const upAfter = !cuePrefix && !sentTo ? SUPERIOR_AFTER_RE.exec(suffix) : null;
  if (sentTo) {
    let to = sentTo[1].trim();
    // "về UBND tỉnh (qua Sở Tài nguyên và Môi trường)": the body in between consolidates
    const via = /^\s*\(qua\s+([^)]+)\)/iu.exec((sentTo.input ?? '').slice((sentTo.index ?? 0) + sentTo[0].length));
    if (via && new RegExp(`^${SUPERIOR}`, 'iu').test(to)) to = via[1].trim();
    return { role: 'agencies', to, reasons: [] };
  }
  if (up) return { role: 'upward', to: up[1].replace(/[,\s]+$/u, '').trim(), reasons: [] };
  if (upAfter) {
    // "… báo cáo Ủy ban nhân dân tỉnh (qua Sở X) …": the agencies report through the body that consolidates
    const via = /^\s*\(qua\s+([^)]+)\)/iu.exec(suffix.slice((upAfter.index ?? 0) + upAfter[0].length));
    if (via) return { role: 'agencies', to: via[1].trim(), reasons: [] };
    return { role: 'upward', to: upAfter[1].replace(/[,\s]+$/u, '').trim(), reasons: [] };
  }
  if (/báo cáo|gửi|nộp/iu.test(prefix + ' ' + suffix))
    return { role: 'agencies', to: '', reasons: ['Không rõ báo cáo gửi về đâu'] };
  return null;
}

/** A fixed date before the plan's date, or far from its year, is kept as written and flagged. */
function implausible(rule: DeadlineRule | null, ctx: DeadlineContext): string[] {
  if (rule?.kind !== 'fixed') return [];
  const y = Number(rule.date.slice(0, 4));
  if (ctx.issuedOn && rule.date < ctx.issuedOn)
    return [
      `Ngày ${formatDateVi(rule.date)} trước ngày ban hành ${formatDateVi(ctx.issuedOn)}: giữ nguyên như văn bản, cần kiểm tra`,
    ];
  if (ctx.year && (y < ctx.year || y > ctx.year + 10))
    return [
      `Ngày ${formatDateVi(rule.date)} không hợp với năm ${ctx.year} của kế hoạch: giữ nguyên như văn bản, cần kiểm tra`,
    ];
  return [];
}

/** An upward deadline earlier than the agencies' own deadline cannot be right: flagged. */
function flagEarlyUpward(out: DraftDeadline[]): void {
  const agencies = out.find((d) => d.role === 'agencies' && d.rule?.kind === 'fixed');
  for (const d of out) {
    if (d.role !== 'upward' || d.rule?.kind !== 'fixed' || agencies?.rule?.kind !== 'fixed') continue;
    if (d.rule.date < agencies.rule.date && !d.reason.includes('giữ nguyên')) {
      d.needsReview = true;
      d.reason = [
        d.reason,
        `Hạn báo cáo cấp trên ${formatDateVi(d.rule.date)} sớm hơn hạn của các đơn vị ${formatDateVi(agencies.rule.date)}: giữ nguyên như văn bản, cần kiểm tra`,
      ]
        .filter(Boolean)
        .join('; ');
    }
  }
}

/** The deadlines of one paragraph, after those already found (`out`, for the annual rule). */
function paragraphDeadlines(p: Paragraph, ctx: DeadlineContext, out: DraftDeadline[]): DraftDeadline[] {
  const found: DraftDeadline[] = [];
  const text = p.text;
  const re = new RegExp(DEADLINE_RE.source, 'giu');
  let m: RegExpExecArray | null;
  let prevEnd = -1;
  let prevSentence = -1;
  while ((m = re.exec(text))) {
    const [sStart, sEnd] = sentenceBounds(text, m.index);
    const sameSentence = sStart === prevSentence && prevEnd > sStart;
    const prefix = text.slice(sameSentence ? prevEnd : sStart, m.index);
    prevEnd = m.index + m[0].length;
    prevSentence = sStart;
    // "Trước ngày 15/12 hằng năm, các sở báo cáo kết quả về Sở …": the words after the date tell when the words before do not
    DEADLINE_RE_NEXT.lastIndex = prevEnd;
    const next = DEADLINE_RE_NEXT.exec(text);
    const suffix = text.slice(prevEnd, Math.min(sEnd, next ? next.index : sEnd));
    const last = found[found.length - 1];
    // "trước ngày 15/6 và trước ngày 15/12": a second date joined by "và" shares the first one's role
    const role =
      sameSentence && last && /^\s*(?:và|hoặc|,)\s*$/u.test(prefix)
        ? { role: last.role, to: last.to, reasons: [] }
        : roleOf(prefix, suffix);
    if (!role) continue;
    const agenciesAnnual = [...out, ...found].some((d) => d.role === 'agencies' && d.rule?.kind === 'annual');
    // "định kỳ hằng năm, trước ngày 15/12": the yearly words may come just before the date
    const yearlyBefore = /(hằng|hàng|mỗi)\s+năm[^.;]{0,40}$/iu.test(prefix);
    const annualHint = (role.role === 'upward' && agenciesAnnual) || yearlyBefore;
    const { rule, guessedYear } = ruleFrom(m, ctx, annualHint, yearlyBefore);
    const reasons = [...role.reasons];
    if (!rule) reasons.push('Ngày không đọc được');
    if (guessedYear)
      reasons.push(
        rule?.kind === 'annual'
          ? 'Văn bản không ghi năm: hiểu là hằng năm'
          : `Văn bản không ghi năm: tạm lấy năm ${ctx.year}`,
      );
    reasons.push(...implausible(rule, ctx));
    const onward = role.role === 'agencies' ? ONWARD_RE.exec(text.slice(prevEnd)) : null;
    const recipients = role.role === 'agencies' ? (onward ? onward[1].replace(/[,\s]+$/u, '') : '') : role.to;
    found.push({
      ...{ role: role.role, rule, text: m[0].trim(), to: role.to, recipients, source: sourceOf(p) },
      ...{ needsReview: reasons.length > 0, reason: reasons.join('; ') },
    });
  }
  return found;
}

/** Every reporting deadline in the paragraphs, in order, with its role and the body reports go to. */
export function findDeadlines(paragraphs: Paragraph[], ctx: DeadlineContext): DraftDeadline[] {
  const out: DraftDeadline[] = [];
  for (const p of paragraphs) out.push(...paragraphDeadlines(p, ctx, out));
  flagEarlyUpward(out);
  return out;
}

/** "Từ ngày 05/6/2024 đến ngày 30/6/2024" → the end of the implementation period. */
export function findPeriodEnd(paragraphs: Paragraph[]): IsoDate | null {
  for (const p of paragraphs) {
    const m =
      /(?:từ|thời gian)[^.;]{0,60}?đến\s+(?:hết\s+)?ngày\s+(\d{1,2}\s*\/\s*\d{1,2}\s*\/\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})/iu.exec(
        p.text,
      );
    if (m) {
      const rule = parseDeadlineRule(m[1].replace(/\s+/g, ' '));
      if (rule?.kind === 'fixed') return rule.date;
    }
  }
  return null;
}
