/**
 * The header of a plan (Nghị định 30/2020/NĐ-CP layout): number, place and date, title, `Kính gửi`, and the
 * issuing body with its superior body (the capitalised lines before the national motto).
 */
import { isoDate } from '../basics/dates';
import { foldKey } from '../basics/text';
import { bodyName, capitaliseFirst, splitAddressees } from './agencies';
import { sourceOf } from './deadlines';
import { isCaps, parseMarker, romanHeading } from './items';
import { LETTERS } from './letters';
import type { Paragraph } from './paragraphs';
import type { DraftField, DraftSource } from './types';

const NO_SOURCE: DraftSource = { paragraph: 0, text: '' };

export function field<T>(value: T, source: DraftSource = NO_SOURCE, reason = ''): DraftField<T> {
  return { value, source, needsReview: reason !== '', reason };
}
export const missing = <T>(reason: string): DraftField<T | null> => ({
  value: null,
  source: NO_SOURCE,
  needsReview: reason !== '',
  reason,
});

export function findIndex(
  paras: Paragraph[],
  test: (p: Paragraph, i: number) => boolean,
  from = 0,
  to = paras.length,
): number {
  for (let i = from; i < Math.min(to, paras.length); i++) if (test(paras[i], i)) return i;
  return -1;
}

function isMotto(text: string): boolean {
  const k = foldKey(text);
  return k.includes('cong hoa xa hoi chu nghia viet nam') || k.includes('doc lap tu do hanh phuc');
}

const INTRO_START = /^(Căn cứ|Thực hiện|Nhằm|Để|Ngày \d+|Triển khai|Theo|Trên cơ sở|Tiếp tục|Hưởng ứng)(?=[\s,:;]|$)/u;

/** A plan printed after its decision without a number of its own: "(Kèm theo Quyết định số 1422/QĐ-TTg …)". */
function attachedNumber(paras: Paragraph[], headLimit: number): DraftField<string | null> {
  for (const p of paras.slice(0, headLimit)) {
    const m = /^\((?:ban hành\s+)?kèm theo\s+(?:quyết định|nghị quyết)\s+số\s*:?\s*(\d+\/[\p{L}\d-]+)/iu.exec(p.text);
    if (m)
      return field<string | null>(
        m[1],
        sourceOf(p),
        'Kế hoạch không có số riêng: lấy số của văn bản ban hành kèm theo',
      );
  }
  return missing<string>('Không tìm thấy số văn bản');
}

export function readNumber(paras: Paragraph[], headLimit: number) {
  const idx = findIndex(paras, (p) => /^Số\s*:?\s*[\d.…]*\s*\/\s*[\p{L}\d]/u.test(p.text), 0, headLimit);
  if (idx < 0) return { idx, number: attachedNumber(paras, headLimit), suffix: '' };
  const p = paras[idx];
  const value = p.text.replace(/^Số\s*:?\s*/u, '').replace(/\s+/g, '');
  if (/^[.…]*\//u.test(value)) {
    const number: DraftField<string | null> = {
      value: null,
      source: sourceOf(p),
      needsReview: true,
      reason: 'Văn bản để trống số',
    };
    return { idx, number, suffix: value.replace(/^[.…]*/u, '') };
  }
  return { idx, number: field<string | null>(value, sourceOf(p)), suffix: '' };
}

function dateField(p: Paragraph, year: number, month?: string, day?: string): DraftField<string | null> {
  const date = day && month ? isoDate(year, Number(month), Number(day)) : null;
  return date
    ? field<string | null>(date, sourceOf(p))
    : { value: null, source: sourceOf(p), needsReview: true, reason: 'Văn bản để trống ngày ban hành' };
}

/** `<Địa danh>, ngày … tháng … năm …`, or `Ngày … tháng … năm …` without the place. */
export function readDate(paras: Paragraph[], headLimit: number) {
  let place = missing<string>('Không tìm thấy địa danh');
  let issuedOn = missing<string>('Không tìm thấy ngày ban hành');
  let year: number | null = null;
  let idx = findIndex(paras, (p) => /^[^,]{2,40},\s*ngày\b.*năm\s+\d{4}/iu.test(p.text), 0, headLimit);
  const bare =
    idx < 0
      ? findIndex(
          paras,
          (p) => /^ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s+\d{4}\.?$/iu.test(p.text),
          0,
          Math.min(headLimit, 25),
        )
      : -1;
  if (bare >= 0) {
    const m = /^ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s+(\d{4})/iu.exec(paras[bare].text)!;
    year = Number(m[3]);
    issuedOn = dateField(paras[bare], year, m[2], m[1]);
    idx = bare;
  } else if (idx >= 0) {
    const p = paras[idx];
    const m = /^([^,]{2,40}),\s*ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s+(\d{4})/iu.exec(p.text);
    place = field<string | null>(p.text.split(',')[0].trim(), sourceOf(p));
    if (m) {
      year = Number(m[4]);
      issuedOn = dateField(p, year, m[3], m[2]);
    }
  }
  return { idx, place, issuedOn, year };
}

function titleLines(paras: Paragraph[], khIdx: number): Paragraph[] {
  const lines: Paragraph[] = [];
  for (let i = khIdx + 1; i < paras.length && lines.length < 5; i++) {
    const t = paras[i].text;
    // "KẾ HOẠCH / Thực hiện Chương trình …" is a title; "Thực hiện Công văn số …, Sở … xây dựng Kế hoạch như sau:" is not
    // a title over several lines may be long; an introduction is a sentence (it ends with ":" or ".")
    const intro = INTRO_START.test(t) && (lines.length > 0 || t.length > 400 || /[:.;]$|như sau/u.test(t));
    if (intro || t.length > 250 || romanHeading(t) || parseMarker(t) || /^kính gửi/iu.test(t) || /^số\s*:?/iu.test(t))
      break;
    // a date line, or the note "(Kèm theo Quyết định số …)" of a plan printed after its decision
    if (/^[^,]{2,40},\s*ngày\b/iu.test(t) || /^\((?:ban hành\s+)?kèm theo\b/iu.test(t)) break;
    lines.push(paras[i]);
  }
  return lines;
}

const cleanHeadTitle = (t: string) => capitaliseFirst(t.replace(/^(?:về việc|v\/v)\s*/iu, '').replace(/[\s.]+$/u, ''));

const AUTHORITY_LINE = /^(ỦY BAN|UỶ BAN|CHỦ TỊCH|BỘ TRƯỞNG|THỦ TƯỚNG|GIÁM ĐỐC|TRƯỞNG BAN|HỘI ĐỒNG|CHÍNH PHỦ$)/u;

/** In a decision, the plan's title is what follows "BAN HÀNH": "QUYẾT ĐỊNH / V/V BAN HÀNH KẾ HOẠCH …" → "Kế hoạch …". */
function decisionTitle(paras: Paragraph[], headLimit: number) {
  let qd = findIndex(paras, (p) => foldKey(p.text) === 'quyet dinh', 0, headLimit);
  // a copy that lost the line "QUYẾT ĐỊNH": the title "BAN HÀNH KẾ HOẠCH …" right after the date
  if (qd < 0) {
    const issued = findIndex(paras, (p) => /^(?:(?:V\/V|VỀ VIỆC)\s+)?BAN HÀNH\s+\p{Lu}/u.test(p.text), 0, headLimit);
    if (issued < 1 || !/^[^,]{2,40},\s*ngày\b/iu.test(paras[issued - 1].text)) return null;
    qd = issued - 1;
  }
  const lines: Paragraph[] = [];
  for (let i = qd + 1; i < Math.min(paras.length, qd + 6); i++) {
    const t = paras[i].text;
    if (!isCaps(t.slice(0, 90)) || AUTHORITY_LINE.test(t) || INTRO_START.test(t) || t.length > 700) break;
    lines.push(paras[i]);
  }
  const joined = lines.map((l) => l.text).join(' ');
  const m = /(?:^|\s)BAN HÀNH\s+(?:KÈM THEO\s+)?(.+)$/u.exec(joined);
  if (!m) return null;
  const rest = m[1]
    .replace(/["“”]/gu, '')
    .replace(/\s+KÈM THEO QUYẾT ĐỊNH NÀY.*$/u, '')
    .replace(/[\s.]+$/u, '');
  const text = capitaliseFirst(rest.toLocaleLowerCase('vi'));
  return {
    khIdx: -1,
    khInline: -1,
    end: lines[lines.length - 1].n - 1,
    title: field<string | null>(text, sourceOf(lines[0])),
  };
}

/** The title: `KẾ HOẠCH` and the lines after it, `KẾ HOẠCH …` on one line, or `V/v …`; in a decision, what it issues. */
export function readTitle(paras: Paragraph[], headLimit: number) {
  const issued = decisionTitle(paras, headLimit);
  if (issued) return issued;
  // "KẾ HOẠCH", "CHƯƠNG TRÌNH HÀNH ĐỘNG", "KẾ HOẠCH QUỐC GIA" over a title in running case
  const khIdx = findIndex(
    paras,
    (p, i) =>
      /^(ke hoach|chuong trinh|phuong an)( hanh dong)?$/.test(foldKey(p.text)) ||
      (/^(KẾ HOẠCH|CHƯƠNG TRÌNH)( \p{Lu}+){1,2}$/u.test(p.text) && /^\p{Lu}\p{Ll}/u.test(paras[i + 1]?.text ?? '')),
    0,
    headLimit,
  );
  if (khIdx >= 0) {
    const lines = titleLines(paras, khIdx);
    if (lines.length === 0)
      return { khIdx, khInline: -1, end: -1, title: missing<string>('Không tìm thấy tên kế hoạch') };
    const text = cleanHeadTitle(lines.map((l) => l.text).join(' '));
    return { khIdx, khInline: -1, end: khIdx + lines.length, title: field<string | null>(text, sourceOf(lines[0])) };
  }
  const khInline = findIndex(paras, (p) => /^KẾ HOẠCH\s+\S/u.test(p.text) && p.text.length < 300, 0, headLimit);
  if (khInline >= 0) {
    const rest = paras[khInline].text.replace(/^KẾ HOẠCH\s+/u, '').replace(/[\s.]+$/u, '');
    const text = capitaliseFirst(isCaps(rest) ? rest.toLocaleLowerCase('vi') : rest);
    return { khIdx, khInline, end: khInline, title: field<string | null>(text, sourceOf(paras[khInline])) };
  }
  const vv = findIndex(paras, (p) => /^(?:V\/v|Về việc)\s+/iu.test(p.text), 0, headLimit);
  if (vv < 0) return { khIdx, khInline, end: -1, title: missing<string>('Không tìm thấy tên kế hoạch') };
  return { khIdx, khInline, end: vv, title: field<string | null>(cleanHeadTitle(paras[vv].text), sourceOf(paras[vv])) };
}

/** The `Kính gửi` addressees, inline or listed below. */
export function readKinhGui(paras: Paragraph[], headLimit: number) {
  const names: { name: string; para: Paragraph }[] = [];
  const kgIdx = findIndex(paras, (p) => /^kính gửi\b/iu.test(p.text), 0, headLimit);
  if (kgIdx < 0) return { names, end: -1 };
  let end = kgIdx;
  const inline = paras[kgIdx].text.replace(/^kính gửi\s*:?\s*/iu, '');
  if (inline !== '') for (const name of splitAddressees(inline)) names.push({ name, para: paras[kgIdx] });
  for (let i = kgIdx + 1; i < paras.length; i++) {
    const t = paras[i].text;
    const listed = /^[-+•–*]\s*/u.test(t) || (bodyName(t) !== null && t.length <= 200 && /[;,.]$/.test(t));
    if (!listed || t.length > 300) break;
    end = i;
    for (const name of splitAddressees(t)) names.push({ name, para: paras[i] });
    if (/\.$/.test(t)) break; // the last addressee ends with a full stop
  }
  return { names, end };
}

const ABBREVIATIONS = new Set(['ubnd', 'hdnd', 'mttq', 'ubmttq', 'tw', 'tp', 'vn']);

const escapeRe = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A header line whose letters a copy spaced apart ("ỦY B AN NHÂN D Â N T HÀNH P HỐ …"): the same letters as the
 * text writes them further on ("ỦY BAN NHÂN DÂN THÀNH PHỐ …"), else the line as it is. */
function respaced(caps: string, paras: Paragraph[], from: number): string {
  if (!/(?:^|\s)\p{Lu}(?=\s|$)/u.test(caps)) return caps;
  const letters = [...caps.replace(/\s+/g, '')].map(escapeRe).join('\\s*');
  // the letter before is captured, not looked behind (no lookbehind in Internet Explorer 11)
  const re = new RegExp(`(^|[^${LETTERS}])(${letters})(?![${LETTERS}])`, 'i');
  for (let i = from; i < paras.length; i++) {
    const m = re.exec(paras[i].text);
    if (m && !/(?:^|\s)\p{L}(?=\s|$)/u.test(m[2])) return m[2].replace(/\s+/g, ' ').toLocaleUpperCase('vi');
  }
  return caps;
}

/** The same words as a capitalised header line, as the document writes them in running text. */
function naturalCase(caps: string, paras: Paragraph[], from: number): { text: string; found: boolean } {
  const pattern = caps
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s+');
  // the letter before is captured, not looked behind (no lookbehind in Internet Explorer 11)
  const re = new RegExp(`(^|[^${LETTERS}])(${pattern})(?![${LETTERS}])`, 'gi');
  for (let i = from; i < paras.length; i++) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(paras[i].text))) if (!isCaps(m[2])) return { text: m[2].replace(/\s+/g, ' '), found: true };
  }
  // Not written in running text: lower case, keeping abbreviations (UBND, HĐND) and the place name after
  // "tỉnh", "huyện", "thành phố" … capitalised.
  let proper = false;
  const words = caps.split(/\s+/).map((w, i) => {
    const k = foldKey(w);
    if (ABBREVIATIONS.has(k)) return w;
    const out = proper || i === 0 ? capitaliseFirst(w.toLocaleLowerCase('vi')) : w.toLocaleLowerCase('vi');
    if (['tinh', 'huyen', 'xa', 'phuong', 'quan'].includes(k) || (k === 'pho' && i > 0)) proper = true;
    return out;
  });
  return { text: words.join(' '), found: false };
}

/** The capitalised header lines (not the motto); "ỦY BAN NHÂN DÂN" + "TỈNH LẠNG SƠN" joined. */
function capsHeaderLines(paras: Paragraph[], capsEnd: number): Paragraph[] {
  const lines: Paragraph[] = [];
  for (const raw of paras.slice(0, capsEnd + 1)) {
    // "ỦY BAN NHÂN DÂN TỈNH KON TUM -------": the rule under the name, as a crawl keeps it
    const p = { ...raw, text: raw.text.replace(/\s*[-–_]{3,}$/u, '') };
    if (!isCaps(p.text) || isMotto(p.text) || /^(ke hoach|cong van)( |$)/.test(foldKey(p.text))) continue;
    const prev = lines[lines.length - 1];
    if (
      prev &&
      /^(tinh|huyen|thanh pho|thi xa|quan|xa|phuong|thi tran)( |$)/.test(foldKey(p.text)) &&
      /(nhan dan|ubnd|uy ban|hdnd)$/.test(foldKey(prev.text))
    ) {
      lines[lines.length - 1] = { n: prev.n, text: `${prev.text} ${p.text}` };
      continue;
    }
    lines.push(p);
  }
  return lines;
}

const CASE_GUESSED = 'Tên viết lại từ chữ in hoa ở đầu văn bản: kiểm tra chữ hoa, chữ thường';

/** Where the issuing body's block ends: the number or the date line, whichever comes first (the national motto,
 * interleaved with the body's lines when the two header columns are read row by row, is skipped, not an end). */
function headerBlockEnd(paras: Paragraph[], capsEnd: number): number {
  const end = findIndex(
    paras,
    (p) => /^Số\s*:?\s*[\d.…]*\s*\//u.test(p.text) || /^[^,]{2,40},\s*ngày\b/iu.test(p.text),
    0,
    capsEnd + 1,
  );
  return end > 0 ? end - 1 : capsEnd;
}

/** The issuer: the last capitalised line of the header block (never the signature, never the decision's
 * authority line "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH"); the one before it is the superior body. */
export function readIssuer(paras: Paragraph[], capsEnd: number, bodyStart: number) {
  const block = capsHeaderLines(paras, headerBlockEnd(paras, capsEnd));
  const capsLines = block.length > 0 ? block : capsHeaderLines(paras, capsEnd);
  let issuer = missing<string>('Không tìm thấy cơ quan ban hành');
  let superiorBody = missing<string>('');
  if (capsLines.length > 0) {
    const last = capsLines[capsLines.length - 1];
    const iss = naturalCase(respaced(last.text, paras, bodyStart), paras, bodyStart);
    issuer = field<string | null>(iss.text, sourceOf(last), iss.found ? '' : CASE_GUESSED);
    if (capsLines.length > 1) {
      const sup = capsLines[capsLines.length - 2];
      const s2 = naturalCase(respaced(sup.text, paras, bodyStart), paras, bodyStart);
      superiorBody = field<string | null>(s2.text, sourceOf(sup), s2.found ? '' : CASE_GUESSED);
    }
    return { issuer, superiorBody };
  }
  for (let i = bodyStart; i < Math.min(paras.length, bodyStart + 6); i++) {
    const m =
      /(?:^|,\s*)([^,]{3,100}?)\s*(?:\([^)]*\)\s*)?(?:xây dựng|ban hành)\s+(?:Kế hoạch|Chương trình|Phương án)/u.exec(
        paras[i].text,
      );
    const name = m ? bodyName(m[1]) : null;
    if (name) {
      const reason = 'Văn bản không có phần tên cơ quan ở đầu: suy ra từ câu mở đầu';
      return { issuer: field<string | null>(name, sourceOf(paras[i]), reason), superiorBody };
    }
  }
  return { issuer, superiorBody };
}

/**
 * A document that is only an appendix ("PHỤ LỤC II / DANH MỤC CÁC NHIỆM VỤ … / (Kèm theo … của Chính phủ)"):
 * its title is the heading under "PHỤ LỤC", its issuer the body named after "của" in the "(Kèm theo …)" line.
 */
export function appendixHead(
  paras: Paragraph[],
): { title: DraftField<string | null>; issuer: DraftField<string | null> } | null {
  if (paras.length < 2 || !/^phu luc( |$)/.test(foldKey(paras[0].text))) return null;
  const heading = paras[1];
  if (!isCaps(heading.text.slice(0, 90))) return null;
  const reason = 'Văn bản chỉ có phụ lục: tên và cơ quan lấy từ đầu phụ lục';
  const title = field<string | null>(capitaliseFirst(heading.text.toLocaleLowerCase('vi')), sourceOf(heading), reason);
  const note = paras.slice(1, 4).find((p) => /^\((?:ban hành\s+)?kèm theo\b/iu.test(p.text));
  const by = note ? /\bcủa\s+(\p{Lu}[^()]*?)\s*\)\s*$/u.exec(note.text) : null;
  const issuer = by
    ? field<string | null>(by[1], sourceOf(note!), reason)
    : missing<string>('Không tìm thấy cơ quan ban hành');
  return { title, issuer };
}
