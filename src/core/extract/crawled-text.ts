/**
 * Lines of a plan as a public crawl stores it, put back where the published document breaks them. A crawl
 * loses line breaks around numbers and headings: an item's number ends the previous line ("… tiến bộ 1.1." /
 * "Tổ chức …"), a heading runs into its first sub-item ("3. Giải quyết … 3.1. Rà soát …"), a Roman heading into
 * its first item ("III. TỔ CHỨC THỰC HIỆN 1."), an item's time line into its agency line ("… địa phương
 * -Thời gian thực hiện: …"), the header cells into one line ("Kon Tum, ngày … QUYẾT ĐỊNH V/V BAN HÀNH … ỦY BAN
 * NHÂN DÂN TỈNH KON TUM"), and the signature into the title of the attached plan ("… Nguyễn Văn A CHƯƠNG
 * TRÌNH HÀNH ĐỘNG … (Ban hành kèm theo …)"). Every line is split at those places; no word is changed.
 */

import { isUpperLetter } from './letters';

interface Line {
  text: string;
  hardBreak?: boolean;
}

/** Words after which a number is part of the sentence, not an item's number ("năm 2020.", "Điều 3."). */
const NUMBERED_WORD = /(?:năm|ngày|tháng|số|điều|khoản|điểm|mục|phần|chương|lần|thứ|quý|giai đoạn|[\d/.,-])$/iu;
const TRAILING_NUMBER = /^(.*\S)\s+((?:\d{1,2}\.){1,3})$/u;
const LINE_MARKER = /^(?:[IVX]{1,5}\.|\d{1,2}(?:\.\d{1,2}){0,2}\.?|[a-zđ]\))\s/u;
/** "- Thời gian thực hiện: …" run into the line before it. */
const INLINE_ATTRIBUTE = /\s[-–*]\s?(?=(?:Thời gian|Thời hạn|Cơ quan|Đơn vị)(?:\s+[\p{L}]+){0,3}\s*:)/u;
const DOCUMENT_KIND = /\s(?=(?:QUYẾT ĐỊNH|KẾ HOẠCH|CHỈ THỊ|CÔNG VĂN)(?:\s|$))/u;
// No lookbehind anywhere (the pane's ES5 build runs in Internet Explorer 11, which has none): where a regular
// expression must see the letter before its match, group 1 captures it and the split starts after it.
const AUTHORITY =
  /(^|[^\p{L}])((?:ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|CHỦ TỊCH|BỘ TRƯỞNG|THỦ TƯỚNG|GIÁM ĐỐC|TRƯỞNG BAN)(?:\s+\p{Lu}[\p{Lu}\d-]*)*)$/u;
const ATTACHED_TITLE = /(\p{Ll})\s(?=(?:KẾ HOẠCH|CHƯƠNG TRÌNH|ĐỀ ÁN|PHƯƠNG ÁN|QUY CHẾ|DANH MỤC)\s+\p{Lu})/u;
const ATTACHED_NOTE = /\s(?=\((?:Ban hành\s+)?kèm theo\b)/iu;

/** `text` split where `re` matches (after its group 1, when it has one: the character it must follow). */
function splitAt(text: string, re: RegExp): string[] {
  const m = re.exec(text);
  const at = m ? m.index + (m[1]?.length ?? 0) : 0;
  if (!m || at === 0) return [text];
  return [text.slice(0, at).trim(), text.slice(at).trim()];
}

/** "3. Giải quyết … đình công 3.1. Rà soát …": the line's own number followed by its first sub-number. */
function splitSubItem(text: string): string[] {
  const own = /^(\d{1,2}(?:\.\d{1,2})*)\.?\s/u.exec(text);
  if (!own) return [text];
  const label = own[1].replace(/\./g, '\\.');
  // the sub-number followed by a capital letter (tested by its case: a \p{Lu} built at run time has no ES5 form)
  const re = new RegExp(String.raw`\s(?=${label}\.\d{1,2}\.?\s+(\S))`, 'g');
  const rest = text.slice(own[0].length);
  let m: RegExpExecArray | null;
  while ((m = re.exec(rest)) && !isUpperLetter(m[1]));
  if (!m) return [text];
  const at = own[0].length + m.index;
  return [text.slice(0, at).trim(), text.slice(at).trim()];
}

/** The head of a crawled document: "…, ngày … năm 2020 QUYẾT ĐỊNH V/V BAN HÀNH … ỦY BAN NHÂN DÂN TỈNH X". */
function splitHead(text: string): string[] {
  // "Độc lập - Tự do - Hạnh phúc --------------- Số: 173/QĐ-BTP"
  const motto = /^(.*(?:Hạnh phúc|[-–_]{3,}))\s+(Số\s*:.*)$/u.exec(text);
  if (motto) return [motto[1], ...splitHead(motto[2])];
  const parts = /năm\s+\d{4}\s/u.test(text) ? splitAt(text, DOCUMENT_KIND) : [text];
  const out: string[] = [];
  for (const part of parts) {
    const kind = /^(QUYẾT ĐỊNH|CHỈ THỊ)\s+(\p{Lu}.*)$/u.exec(part);
    const pieces = kind ? [kind[1], kind[2]] : [part];
    for (const piece of pieces) {
      const auth = AUTHORITY.exec(piece);
      const before = auth ? piece.slice(0, auth.index + auth[1].length).trim() : '';
      if (auth && before.length > 20 && !/(?:CỦA|VÀ|GIỮA|VỚI|CHO)$/u.test(before) && before === before.toUpperCase())
        out.push(before, auth[2]);
      else out.push(piece);
    }
  }
  return out;
}

function splitLine(text: string, head: boolean): string[] {
  const pieces = head ? splitHead(text) : [text];
  return pieces
    .flatMap((p) => splitAt(p, ATTACHED_TITLE))
    .flatMap((p) => splitAt(p, ATTACHED_NOTE))
    .flatMap((p) => splitAt(p, INLINE_ATTRIBUTE))
    .flatMap(splitSubItem);
}

/** Crawled lines split where the published document breaks them (see the module comment). */
export function resplitCrawledLines<T extends Line>(lines: T[], headLines = 15): T[] {
  const out: T[] = [];
  lines.forEach((l, i) => {
    for (const text of splitLine(l.text.trim(), i < headLines)) out.push({ ...l, text });
  });
  // an item's number alone on its line ("1.4." / "Xây dựng …"), or left at the end of the line before its text
  for (let i = 0; i + 1 < out.length; i++) {
    if (/^(?:\d{1,2}\.){1,3}$/u.test(out[i].text) && !LINE_MARKER.test(out[i + 1].text.trim())) {
      out[i + 1] = { ...out[i + 1], text: `${out[i].text} ${out[i + 1].text.trim()}` };
      out.splice(i, 1);
      i--;
      continue;
    }
    const m = TRAILING_NUMBER.exec(out[i].text);
    const next = out[i + 1].text.trim();
    if (!m || NUMBERED_WORD.test(m[1]) || LINE_MARKER.test(next) || next === '') continue;
    out[i] = { ...out[i], text: m[1] };
    out[i + 1] = { ...out[i + 1], text: `${m[2]} ${next}` };
  }
  return out;
}
