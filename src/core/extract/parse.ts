/**
 * Reading a plan document's paragraphs into a plan draft: header (number, place and date, issuer, title),
 * addressees (Kính gửi, appendix list, organisation part, Nơi nhận), the tasks with their numbering and
 * sections, and the reporting deadlines. Built on the conventions of Vietnamese administrative documents
 * (Nghị định 30/2020/NĐ-CP layout), not on any one plan.
 */
import { isoDate } from '../basics/dates';
import { foldKey } from '../basics/text';
import { assignCodes, bodyName, capitaliseFirst, draftAgency, splitAddressees } from './agencies';
import { findDeadlines, findPeriodEnd, sourceOf } from './deadlines';
import { MARKER_START, type Paragraph } from './paragraphs';
import type { DraftAgency, DraftField, DraftSource, DraftTask, PlanDraft } from './types';

const NO_SOURCE: DraftSource = { paragraph: 0, text: '' };

function field<T>(value: T, source: DraftSource = NO_SOURCE, reason = ''): DraftField<T> {
  return { value, source, needsReview: reason !== '', reason };
}
const missing = <T>(reason: string): DraftField<T | null> => ({
  value: null,
  source: NO_SOURCE,
  needsReview: true,
  reason,
});

function isMotto(text: string): boolean {
  const k = foldKey(text);
  return k.includes('cong hoa xa hoi chu nghia viet nam') || k.includes('doc lap tu do hanh phuc');
}

function isCaps(text: string): boolean {
  return /\p{L}/u.test(text) && text === text.toLocaleUpperCase('vi') && text.length <= 90;
}

const INTRO_START = /^(Căn cứ|Thực hiện|Nhằm|Để|Ngày \d+|Triển khai|Theo|Trên cơ sở|Tiếp tục|Hưởng ứng)(?=[\s,:;]|$)/u;
const CLOSING =
  /^(Với nội dung trên|Trên đây là|Trong quá trình|Kết thúc|Sau khi hoàn thành|Rất mong|Đề nghị (?:các|Quý)|Yêu cầu các|Nhận được (?:công văn|văn bản|kế hoạch))/iu;
const EXCLUDED_LABELS =
  /^(thoi gian|kinh phi|dia diem|thanh phan|che do bao cao|hinh thuc|nguon kinh phi|thoi gian thuc hien|kinh phi thuc hien|du toan)( |$)/;

function isClosing(text: string): boolean {
  return CLOSING.test(text) || /\.\s*\/\s*\.?$/.test(text) || /trân trọng/iu.test(text);
}

// ---------------------------------------------------------------------------------------------
// Numbered items

type MarkerKind = 'arabic' | 'decimal' | 'letter' | 'dash' | 'plus';

interface Part {
  roman: string;
  heading: string;
  kind: 'purpose' | 'tasks' | 'organisation';
}

interface Item {
  kind: MarkerKind;
  rank: number;
  /** The number as written ("1", "1.2", "a"); "" for a bullet. */
  label: string;
  /** The whole paragraph, marker included. */
  full: string;
  /** The text after the marker. */
  text: string;
  para: Paragraph;
  body: Paragraph[];
  children: Item[];
  parent: Item | null;
  part: Part;
}

function parseMarker(text: string): { kind: MarkerKind; rank: number; label: string; rest: string } | null {
  let m = /^(\d+(?:\.\d+)+)\.?\s+(.+)$/u.exec(text);
  if (m) return { kind: 'decimal', rank: m[1].split('.').length, label: m[1], rest: m[2] };
  m = /^(\d{1,2})[.)/]\s+(.+)$/u.exec(text);
  if (m) return { kind: 'arabic', rank: 1, label: m[1], rest: m[2] };
  m = /^([a-zđ])[)./]\s+(.+)$/u.exec(text);
  if (m) return { kind: 'letter', rank: 4, label: m[1], rest: m[2] };
  m = /^[-–•*]\s*(.+)$/u.exec(text);
  if (m && MARKER_START.test(text.replace(/^[–•*]/u, '-').replace(/^-(?!\s)/, '- ')))
    return { kind: 'dash', rank: 5, label: '', rest: m[1] };
  m = /^\+\s*(.+)$/u.exec(text);
  if (m) return { kind: 'plus', rank: 6, label: '', rest: m[1] };
  return null;
}

function romanHeading(text: string): { roman: string; heading: string } | null {
  const m = /^([IVX]{1,5})[.)/]\s+(.+)$/u.exec(text);
  if (m) return { roman: m[1], heading: text };
  // "A. NHIỆM VỤ CHUNG", "B. NHIỆM VỤ CỤ THỂ": capital letters with a capitalised heading
  const letter = /^([A-H])[.)/]\s+(.+)$/u.exec(text);
  if (letter && isCaps(letter[2])) return { roman: letter[1], heading: text };
  const part = /^phần\s+([IVX]{1,5}|thứ\s+\p{L}+)(?=[\s.:\-–]|$)[.:\-–]?\s*(.*)$/iu.exec(text);
  if (part && text.length < 200) return { roman: part[1].toUpperCase().replace(/\s+/g, ''), heading: text };
  return null;
}

function partKind(heading: string): Part['kind'] {
  const k = foldKey(heading);
  if (
    /(muc dich|yeu cau|muc tieu|quan diem|can cu xay dung|su can thiet)/.test(k) &&
    !/nhiem vu|noi dung|hoat dong|giai phap/.test(k)
  )
    return 'purpose';
  if (
    /^(phan )?([ivx]+ |thu [a-z]+ )?(kinh phi|nguon kinh phi|du toan|che do bao cao|thoi gian thuc hien|dieu khoan thi hanh|hieu luc|thanh phan|doi tuong|pham vi)( |$)/.test(
      k,
    )
  )
    return 'purpose';
  if (/(to chuc thuc hien|trach nhiem|phan cong)/.test(k)) return 'organisation';
  return 'tasks';
}

function acceptsBody(item: Item): boolean {
  if (item.kind === 'dash' || item.kind === 'plus') return false;
  return /:$/.test(item.text) || (item.text.length <= 300 && !/[.;!?…]$/u.test(item.text));
}

const LETTERS = 'abcdđeghiklmnopqrstuvxy';

/** The position of a number in its list: "3" → 3, "c" → 3 (Vietnamese letter order), 0 for bullets and "1.2". */
function ordinal(kind: MarkerKind, label: string): number {
  if (kind === 'arabic') return Number(label);
  if (kind === 'letter') return LETTERS.indexOf(label) + 1;
  return 0;
}

const LATIN = 'abcdefghijklmnopqrstuvwxyz';

/** "3" follows "2"; "e" follows "d" (Word's a…z) and "đ" (Vietnamese a, b, c, d, đ, e, g …). */
function follows(kind: MarkerKind, prev: string, next: string): boolean {
  if (kind === 'arabic') return Number(next) === Number(prev) + 1;
  if (kind !== 'letter') return false;
  return (
    LETTERS.indexOf(next) === LETTERS.indexOf(prev) + 1 ||
    (LATIN.includes(prev) && LATIN.indexOf(next) === LATIN.indexOf(prev) + 1)
  );
}

function buildItems(paras: Paragraph[], part: Part): Item[] {
  const roots: Item[] = [];
  let stack: Item[] = [];
  for (const p of paras) {
    const mk = parseMarker(p.text);
    if (!mk) {
      const top = stack[stack.length - 1];
      const owner = top && acceptsBody(top) && top.children.length === 0 ? top : undefined;
      if (owner && !isClosing(p.text)) owner.body.push(p);
      else stack = [];
      continue;
    }
    let rank = mk.rank;
    const n = ordinal(mk.kind, mk.label);
    // A number continues the open list whose last number is one less ("3." after "2."); when two open lists
    // could continue (a nested list numbered like its parent), the one at the same indentation wins.
    const continues = n > 1 ? stack.filter((s) => s.kind === mk.kind && follows(s.kind, s.label, mk.label)) : [];
    const top = stack[stack.length - 1];
    if (continues.length > 0) {
      const pick =
        p.indent !== undefined && continues.every((c) => c.para.indent !== undefined)
          ? continues.reduce((a, b) =>
              Math.abs((b.para.indent ?? 0) - p.indent!) < Math.abs((a.para.indent ?? 0) - p.indent!) ? b : a,
            )
          : continues[continues.length - 1];
      stack = stack.slice(0, stack.indexOf(pick));
      rank = pick.rank;
    } else if (
      n === 1 &&
      top &&
      top.kind === mk.kind &&
      top.children.length === 0 &&
      (/:$/.test(top.text) ||
        (p.indent !== undefined && top.para.indent !== undefined && p.indent > top.para.indent + 0.5))
    ) {
      // "2. Kiểm kê …:" followed by "1. …": a nested list numbered like its parent
      rank = top.rank + 0.5;
    } else {
      while (stack.length > 0 && stack[stack.length - 1].rank >= rank) stack.pop();
    }
    const parent = stack[stack.length - 1] ?? null;
    const item: Item = {
      kind: mk.kind,
      rank,
      label: mk.label,
      full: p.text,
      text: mk.rest,
      para: p,
      body: [],
      children: [],
      parent,
      part,
    };
    if (parent) parent.children.push(item);
    else roots.push(item);
    stack.push(item);
  }
  return roots;
}

/** "Đề nghị UBND các huyện:" → lead "UBND các huyện", rest "". "Chi đoàn cơ sở: Cử lực lượng …" → lead + rest. */
function splitLead(text: string): { lead: string; rest: string } | null {
  if (/:$/.test(text)) {
    const lead = bodyName(text.slice(0, -1));
    return lead ? { lead, rest: '' } : null;
  }
  const m = /^(.{3,200}?):\s+(.+)$/u.exec(text);
  if (m) {
    const lead = bodyName(m[1]);
    if (lead) return { lead, rest: m[2] };
  }
  if (text.length <= 300 && !/[.;!?…]$/u.test(text)) {
    const lead = bodyName(text);
    if (lead) return { lead, rest: '' };
  }
  return null;
}

/** "Căn cứ Kế hoạch này, các Phòng … tổ chức …" → "Các Phòng …"; "Phòng X có trách nhiệm …" → "Phòng X". */
function sentenceLead(text: string): string | null {
  const body = text.replace(/^Căn cứ [^,]{0,200},\s*/u, '').replace(/^Đề nghị\s+/iu, '');
  for (const verbs of ['có trách nhiệm|chịu trách nhiệm|chủ trì', 'tổ chức|triển khai|thực hiện|phối hợp|tham mưu']) {
    const m = new RegExp(String.raw`^(.{3,160}?)\s+(?:${verbs})(?:\s|,|$)`, 'iu').exec(body);
    if (m) {
      const lead = bodyName(m[1]);
      if (lead) return lead;
    }
  }
  return null;
}

function cleanTitle(text: string): string {
  return text.replace(/[\s.;,:/]+$/u, '').trim();
}

function headingText(item: Item): string {
  return cleanTitle(item.full);
}

interface TaskCandidate extends DraftTask {
  roman: string;
  /** The lead named the item or an ancestor (not guessed from a sentence). */
  inOrganisation: boolean;
  underIssuer: boolean;
}

function collectTasks(roots: Item[], issuerKey: string): TaskCandidate[] {
  const out: TaskCandidate[] = [];
  const visit = (item: Item, path: Item[], codePrefix: string, inheritedLead: string, underIssuer: boolean) => {
    const k = foldKey(item.text);
    if (EXCLUDED_LABELS.test(k)) return;
    const siblings = item.parent ? item.parent.children : roots;
    let code: string;
    if (item.kind === 'dash' || item.kind === 'plus') {
      const bullets = siblings.filter((s) => s.kind === item.kind);
      code = `${codePrefix}${bullets.indexOf(item) + 1}`;
    } else if (item.kind === 'letter') code = `${codePrefix}${item.label}`;
    else if (item.kind === 'arabic' && item.parent) code = `${codePrefix}${item.label}`;
    else code = item.label;
    const cells = item.text.split(' | ');
    const cellLead =
      cells
        .slice(1)
        .map((c) => bodyName(c))
        .find((c) => c !== null) ?? '';
    const split = cells.length > 1 ? { lead: cellLead, rest: cells[0] } : splitLead(item.text);
    const ownLead = split?.lead ?? '';
    const organisation = item.part.kind === 'organisation';
    let lead = ownLead || inheritedLead;
    let leadGuessed = false;
    if (!lead && organisation) {
      const guess = sentenceLead(item.text);
      if (guess) {
        lead = guess;
        leadGuessed = true;
      }
    }
    const isIssuer = issuerKey !== '' && ownLead !== '' && foldKey(ownLead) === issuerKey;
    const under = underIssuer || isIssuer;
    const hasBody = item.body.length > 0;
    const bodyText = item.body.map((p) => p.text).join(' ');
    if (item.children.length === 0 || hasBody) {
      let title: string;
      if (split && split.rest === '') title = hasBody ? bodyText : item.text;
      else if (split) title = hasBody ? `${split.rest} ${bodyText}` : split.rest;
      else title = hasBody ? `${cleanTitle(item.text)}: ${bodyText}` : item.text;
      const reasons: string[] = [];
      if (cleanTitle(title) === '') {
        title = cleanTitle(item.full) || `Mục ${code}`;
        reasons.push('Mục không có nội dung');
      }
      if (leadGuessed) reasons.push('Cơ quan chủ trì suy ra từ câu văn');
      if (split && split.rest === '' && !hasBody) reasons.push('Mục chỉ có tên cơ quan, chưa có nội dung nhiệm vụ');
      const section = [item.part.heading, ...path.map(headingText)].filter(Boolean).join(' › ');
      out.push({
        code,
        title: cleanTitle(title),
        section,
        lead,
        level: path.length,
        source: sourceOf(item.para),
        needsReview: reasons.length > 0,
        reason: reasons.join('; '),
        roman: item.part.roman,
        inOrganisation: organisation,
        underIssuer: under,
      });
    }
    for (const child of item.children) visit(child, [...path, item], `${code}.`, ownLead || inheritedLead, under);
  };
  for (const r of roots) visit(r, [], '', '', false);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The document

function findIndex(
  paras: Paragraph[],
  test: (p: Paragraph, i: number) => boolean,
  from = 0,
  to = paras.length,
): number {
  for (let i = from; i < Math.min(to, paras.length); i++) if (test(paras[i], i)) return i;
  return -1;
}

const ABBREVIATIONS = new Set(['ubnd', 'hdnd', 'mttq', 'ubmttq', 'tw', 'tp', 'vn']);

/** The same words as a capitalised header line, as the document writes them in running text. */
function naturalCase(caps: string, paras: Paragraph[], from: number): { text: string; found: boolean } {
  const pattern = caps
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s+');
  const re = new RegExp(`(?<![\\p{L}])${pattern}(?![\\p{L}])`, 'giu');
  for (let i = from; i < paras.length; i++) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(paras[i].text))) if (!isCaps(m[0])) return { text: m[0].replace(/\s+/g, ' '), found: true };
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

export function parsePlanParagraphs(paras: Paragraph[]): PlanDraft {
  const limit = Math.min(paras.length, 60);
  const firstRoman = findIndex(paras, (p) => romanHeading(p.text) !== null);
  const headLimit = firstRoman >= 0 ? Math.min(firstRoman, limit) : limit;

  // ---- Số
  let number = missing<string>('Không tìm thấy số văn bản');
  let numberSuffix = '';
  const numberIdx = findIndex(paras, (p) => /^Số\s*:?\s*[\d.…]*\s*\/\s*[\p{L}\d]/u.test(p.text), 0, headLimit);
  if (numberIdx >= 0) {
    const p = paras[numberIdx];
    const value = p.text.replace(/^Số\s*:?\s*/u, '').replace(/\s+/g, '');
    if (/^[.…]*\//u.test(value)) {
      numberSuffix = value.replace(/^[.…]*/u, '');
      number = { value: null, source: sourceOf(p), needsReview: true, reason: 'Văn bản để trống số' };
    } else number = field(value, sourceOf(p));
  }

  // ---- Địa danh, ngày tháng
  let place = missing<string>('Không tìm thấy địa danh');
  let issuedOn = missing<string>('Không tìm thấy ngày ban hành');
  let year: number | null = null;
  let dateIdx = findIndex(paras, (p) => /^[^,]{2,40},\s*ngày\b.*năm\s+\d{4}/iu.test(p.text), 0, headLimit);
  const bareDate =
    dateIdx < 0
      ? findIndex(
          paras,
          (p) => /^ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s+\d{4}\.?$/iu.test(p.text),
          0,
          Math.min(headLimit, 25),
        )
      : -1;
  if (bareDate >= 0) {
    // "Ngày 22 tháng 5 năm 2024" without the place
    const p = paras[bareDate];
    const m = /^ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s+(\d{4})/iu.exec(p.text)!;
    year = Number(m[3]);
    const date = m[1] && m[2] ? isoDate(year, Number(m[2]), Number(m[1])) : null;
    issuedOn = date
      ? field<string | null>(date, sourceOf(p))
      : { value: null, source: sourceOf(p), needsReview: true, reason: 'Văn bản để trống ngày ban hành' };
    dateIdx = bareDate;
  } else if (dateIdx >= 0) {
    const p = paras[dateIdx];
    const m = /^([^,]{2,40}),\s*ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s+(\d{4})/iu.exec(p.text);
    place = field(p.text.split(',')[0].trim(), sourceOf(p));
    if (m) {
      year = Number(m[4]);
      const date = m[2] && m[3] ? isoDate(year, Number(m[3]), Number(m[2])) : null;
      issuedOn = date
        ? field<string | null>(date, sourceOf(p))
        : { value: null, source: sourceOf(p), needsReview: true, reason: 'Văn bản để trống ngày ban hành' };
    }
  }

  // ---- Tiêu đề: "KẾ HOẠCH" and the lines after it, or "V/v …"
  let title = missing<string>('Không tìm thấy tên kế hoạch');
  let titleEnd = -1;
  const khIdx = findIndex(
    paras,
    (p) => /^(ke hoach|chuong trinh|phuong an)( hanh dong)?$/.test(foldKey(p.text)),
    0,
    headLimit,
  );
  if (khIdx >= 0) {
    const lines: Paragraph[] = [];
    for (let i = khIdx + 1; i < paras.length && lines.length < 5; i++) {
      const t = paras[i].text;
      // "KẾ HOẠCH / Thực hiện Chương trình …" is a title; "Thực hiện Công văn số …, Sở … xây dựng Kế hoạch như sau:" is not
      const intro = INTRO_START.test(t) && (lines.length > 0 || t.length > 160 || /:$|như sau/u.test(t));
      if (intro || t.length > 250 || romanHeading(t) || parseMarker(t) || /^kính gửi/iu.test(t) || /^số\s*:?/iu.test(t))
        break;
      if (/^[^,]{2,40},\s*ngày\b/iu.test(t)) break;
      lines.push(paras[i]);
      titleEnd = i;
    }
    if (lines.length > 0) {
      const text = capitaliseFirst(
        lines
          .map((l) => l.text)
          .join(' ')
          .replace(/^(?:về việc|v\/v)\s*/iu, '')
          .replace(/[\s.]+$/u, ''),
      );
      title = field<string | null>(text, sourceOf(lines[0]));
    }
  }
  const khInline =
    khIdx < 0 ? findIndex(paras, (p) => /^KẾ HOẠCH\s+\S/u.test(p.text) && p.text.length < 300, 0, headLimit) : -1;
  if (khInline >= 0) {
    // "KẾ HOẠCH THỰC HIỆN …" on one line
    titleEnd = khInline;
    const rest = paras[khInline].text.replace(/^KẾ HOẠCH\s+/u, '').replace(/[\s.]+$/u, '');
    title = field<string | null>(
      capitaliseFirst(isCaps(rest) ? rest.toLocaleLowerCase('vi') : rest),
      sourceOf(paras[khInline]),
    );
  } else if (khIdx < 0) {
    const vvIdx = findIndex(paras, (p) => /^(?:V\/v|Về việc)\s+/iu.test(p.text), 0, headLimit);
    if (vvIdx >= 0) {
      titleEnd = vvIdx;
      title = field<string | null>(
        capitaliseFirst(paras[vvIdx].text.replace(/^(?:V\/v|Về việc)\s+/iu, '').replace(/[\s.]+$/u, '')),
        sourceOf(paras[vvIdx]),
      );
    }
  }

  // ---- Kính gửi
  const kinhGui: { name: string; para: Paragraph }[] = [];
  let kinhGuiEnd = -1;
  const kgIdx = findIndex(paras, (p) => /^kính gửi\b/iu.test(p.text), 0, headLimit);
  if (kgIdx >= 0) {
    kinhGuiEnd = kgIdx;
    const inline = paras[kgIdx].text.replace(/^kính gửi\s*:?\s*/iu, '');
    if (inline !== '') for (const name of splitAddressees(inline)) kinhGui.push({ name, para: paras[kgIdx] });
    for (let i = kgIdx + 1; i < paras.length; i++) {
      const t = paras[i].text;
      const listed = /^[-+•–*]\s*/u.test(t) || (bodyName(t) !== null && t.length <= 200 && /[;,.]$/.test(t));
      if (!listed || t.length > 300) break;
      kinhGuiEnd = i;
      for (const name of splitAddressees(t)) kinhGui.push({ name, para: paras[i] });
      if (/\.$/.test(t)) break; // the last addressee ends with a full stop
    }
  }

  // ---- Issuer: the last capitalised header line before the number (not the national motto)
  const headerStop = [numberIdx, dateIdx, khIdx, khInline].filter((i) => i >= 0);
  const capsEnd = headerStop.length > 0 ? Math.max(...headerStop) : -1;
  const capsLines: Paragraph[] = [];
  for (const p of paras.slice(0, capsEnd + 1)) {
    if (!isCaps(p.text) || isMotto(p.text) || /^(ke hoach|cong van)( |$)/.test(foldKey(p.text))) continue;
    const prev = capsLines[capsLines.length - 1];
    // "ỦY BAN NHÂN DÂN" followed by "TỈNH LẠNG SƠN": one body written on two lines
    if (
      prev &&
      /^(tinh|huyen|thanh pho|thi xa|quan|xa|phuong|thi tran)( |$)/.test(foldKey(p.text)) &&
      /(nhan dan|ubnd|uy ban|hdnd)$/.test(foldKey(prev.text))
    ) {
      capsLines[capsLines.length - 1] = { n: prev.n, text: `${prev.text} ${p.text}` };
      continue;
    }
    capsLines.push(p);
  }
  const bodyStart = Math.max(numberIdx, dateIdx, titleEnd, kinhGuiEnd, khIdx, khInline) + 1;
  let issuer = missing<string>('Không tìm thấy cơ quan ban hành');
  let superiorBody = missing<string>('');
  superiorBody.needsReview = false;
  if (capsLines.length > 0) {
    const last = capsLines[capsLines.length - 1];
    const CASE_GUESSED = 'Tên viết lại từ chữ in hoa ở đầu văn bản: kiểm tra chữ hoa, chữ thường';
    const iss = naturalCase(last.text, paras, bodyStart);
    issuer = field<string | null>(iss.text, sourceOf(last), iss.found ? '' : CASE_GUESSED);
    if (capsLines.length > 1) {
      const sup = capsLines[capsLines.length - 2];
      const s2 = naturalCase(sup.text, paras, bodyStart);
      superiorBody = field<string | null>(s2.text, sourceOf(sup), s2.found ? '' : CASE_GUESSED);
    }
  } else {
    for (let i = bodyStart; i < Math.min(paras.length, bodyStart + 6); i++) {
      const m =
        /(?:^|,\s*)([^,]{3,100}?)\s*(?:\([^)]*\)\s*)?(?:xây dựng|ban hành)\s+(?:Kế hoạch|Chương trình|Phương án)/u.exec(
          paras[i].text,
        );
      const name = m ? bodyName(m[1]) : null;
      if (name) {
        issuer = field<string | null>(
          name,
          sourceOf(paras[i]),
          'Văn bản không có phần tên cơ quan ở đầu: suy ra từ câu mở đầu',
        );
        break;
      }
    }
  }
  const issuerKey = issuer.value ? foldKey(issuer.value) : '';

  // ---- Zones: closing (Nơi nhận), appendix
  const closingIdx = findIndex(paras, (p) => /^nơi nhận\b/iu.test(p.text), bodyStart);
  const appendixIdx = findIndex(
    paras,
    (p) => /^phu luc( |$)/.test(foldKey(p.text)) && p.text.length < 200 && !/[.;]$/.test(p.text),
    closingIdx >= 0 ? closingIdx : bodyStart,
  );
  const bodyEnd = [closingIdx, appendixIdx].filter((i) => i >= 0).reduce((a, b) => Math.min(a, b), paras.length);

  // ---- Appendices: a list of agencies ("DANH SÁCH CÁC CƠ QUAN …"), or numbered rows of tasks
  const appendixStarts: number[] = [];
  if (appendixIdx >= 0) {
    for (let i = appendixIdx; i < paras.length; i++) {
      if (/^phu luc( |$)/.test(foldKey(paras[i].text)) && paras[i].text.length < 200 && !/[.;]$/.test(paras[i].text))
        appendixStarts.push(i);
    }
  }
  const appendices = appendixStarts.map((start, k) => {
    const end = appendixStarts[k + 1] ?? paras.length;
    const headingLines = [paras[start]];
    for (let i = start + 1; i < end && isCaps(paras[i].text) && !parseMarker(paras[i].text); i++)
      headingLines.push(paras[i]);
    const items: Paragraph[] = [];
    const content: Paragraph[] = [];
    for (let i = start + headingLines.length; i < end; i++) {
      const t = paras[i].text;
      if (parseMarker(t)) items.push(paras[i]);
      else if (items.length > 0 && !/^[a-zđ]/u.test(t)) break;
      else if (items.length === 0 && !isCaps(t) && t.length > 120) break;
      content.push(paras[i]);
    }
    const names = items.map((p) => ({ p, name: splitAddressees(p.text)[0] ?? '' })).filter((x) => x.name !== '');
    const bodies = names.filter((x) => bodyName(x.name) !== null);
    const agencyList = names.length > 0 && bodies.length * 2 >= names.length;
    return { heading: headingLines.map((p) => p.text).join(' '), items, content, names, agencyList };
  });
  const body = paras.slice(bodyStart, bodyEnd);

  // ---- Parts and items
  const parts: { part: Part; paras: Paragraph[] }[] = [];
  let current: { part: Part; paras: Paragraph[] } = { part: { roman: '', heading: '', kind: 'tasks' }, paras: [] };
  parts.push(current);
  for (const p of body) {
    const rh = romanHeading(p.text);
    if (rh) {
      current = { part: { roman: rh.roman, heading: rh.heading, kind: partKind(rh.heading) }, paras: [] };
      parts.push(current);
    } else current.paras.push(p);
  }
  const hasRoman = parts.length > 1;
  const candidates: TaskCandidate[] = [];
  const orgRoots: Item[] = [];
  for (const { part, paras: ps } of parts) {
    if (part.kind === 'purpose') continue;
    if (hasRoman && part.roman === '') continue;
    const roots = buildItems(ps, part);
    if (part.kind === 'organisation') orgRoots.push(...roots);
    candidates.push(...collectTasks(roots, issuerKey));
  }
  if (candidates.length === 0) {
    // no numbered tasks in the body: a numbered table of tasks in an appendix
    const taskAppendix = appendices.find((a) => !a.agencyList && a.items.length > 0);
    if (taskAppendix)
      candidates.push(
        ...collectTasks(
          buildItems(taskAppendix.content, { roman: '', heading: taskAppendix.heading, kind: 'tasks' }),
          issuerKey,
        ),
      );
  }
  const romans = new Set(candidates.map((t) => t.roman));
  const prefix = romans.size > 1;
  const tasks: DraftTask[] = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    let code = prefix && c.roman ? `${c.roman}.${c.code}` : c.code;
    const reasons = c.reason ? [c.reason] : [];
    if (seen.has(code)) {
      let i = 2;
      while (seen.has(`${code}-${i}`)) i++;
      code = `${code}-${i}`;
      reasons.push('Mã trùng trong văn bản: đã đánh số lại');
    }
    seen.add(code);
    tasks.push({
      code,
      title: c.title,
      section: c.section,
      lead: c.lead,
      level: c.level,
      source: c.source,
      needsReview: reasons.length > 0,
      reason: reasons.join('; '),
    });
  }
  const sections: string[] = [];
  for (const t of tasks) if (t.section && !sections.includes(t.section)) sections.push(t.section);

  // ---- Deadlines
  const deadlines = findDeadlines(paras.slice(bodyStart, closingIdx >= 0 ? closingIdx : paras.length), {
    year,
    issuedOn: issuedOn.value,
  });
  const agencyDeadlines = deadlines.filter((d) => d.role === 'agencies');
  const deadline = agencyDeadlines[0] ?? null;
  if (deadline && agencyDeadlines.some((d) => JSON.stringify(d.rule) !== JSON.stringify(deadline.rule))) {
    deadline.needsReview = true;
    deadline.reason = [
      deadline.reason,
      `Văn bản có ${agencyDeadlines.length} hạn báo cáo khác nhau: đã lấy hạn đầu tiên`,
    ]
      .filter(Boolean)
      .join('; ');
  }
  const upwardDeadline = deadlines.find((d) => d.role === 'upward') ?? null;
  const consolidator = deadline?.to
    ? field<string | null>(deadline.to, deadline.source)
    : issuer.value
      ? field<string | null>(
          issuer.value,
          issuer.source,
          'Văn bản không nói rõ báo cáo gửi về đâu: tạm lấy cơ quan ban hành',
        )
      : missing<string>('Không tìm thấy cơ quan tổng hợp');
  const onward = deadlines.find((d) => d.recipients !== '');
  const recipients = onward ? field<string | null>(onward.recipients, onward.source) : missing<string>('');
  if (!onward) recipients.needsReview = false;

  // ---- Signer: capitalised title lines after Nơi nhận, then the name
  let signerTitle = missing<string>('');
  signerTitle.needsReview = false;
  let signerName = missing<string>('');
  signerName.needsReview = false;
  if (closingIdx >= 0) {
    const end = appendixIdx > closingIdx ? appendixIdx : paras.length;
    const t = findIndex(
      paras,
      (p) => isCaps(p.text) && /\p{L}{2}/u.test(p.text) && !/^[-+•–]/u.test(p.text),
      closingIdx + 1,
      end,
    );
    if (t >= 0) {
      const lines = [paras[t]];
      let i = t + 1;
      while (i < end && isCaps(paras[i].text)) lines.push(paras[i++]);
      signerTitle = field<string | null>(lines.map((l) => l.text).join('\n'), sourceOf(paras[t]));
      if (i < end && /^(\p{Lu}\p{Ll}*\s+){1,5}\p{Lu}\p{Ll}*$/u.test(paras[i].text))
        signerName = field<string | null>(paras[i].text, sourceOf(paras[i]));
    }
  }

  // ---- Agencies that report
  let agencies: DraftAgency[] = [];
  const add = (names: string[], from: DraftAgency['from'], p: Paragraph) => {
    for (const name of names) {
      if (agencies.some((a) => foldKey(a.name) === foldKey(name))) continue;
      if (issuerKey && foldKey(name) === issuerKey) continue;
      // the body that consolidates does not report to itself (named in the organisation part or Nơi nhận)
      if (
        (from === 'organisation' || from === 'noi-nhan') &&
        consolidator.value &&
        foldKey(name) === foldKey(consolidator.value)
      )
        continue;
      agencies.push(draftAgency(name, from, sourceOf(p)));
    }
  };
  const agencyAppendix = appendices.find((a) => a.agencyList);
  if (agencyAppendix) for (const x of agencyAppendix.names) add([x.name], 'appendix', x.p);

  if (agencies.length === 0) for (const k of kinhGui) add([k.name], 'kinh-gui', k.para);
  if (agencies.length === 0) {
    for (const root of orgRoots) {
      const split = splitLead(root.text);
      const lead = split?.lead ?? sentenceLead(root.text);
      if (!lead || foldKey(lead) === issuerKey) continue;
      add(splitAddressees(lead), 'organisation', root.para);
    }
  }
  if (agencies.length === 0 && closingIdx >= 0) {
    for (let i = closingIdx + 1; i < paras.length && i !== appendixIdx; i++) {
      const t = paras[i].text;
      if (!/^[-+•–]/u.test(t)) {
        if (/:$/.test(t)) continue;
        break;
      }
      const k = foldKey(t);
      if (
        /^(nhu tren|luu|ld|lanh dao|gd|pgd|giam doc|chu tich|pct|ct |can bo|bch|website|cong thong tin|trang thong tin)/.test(
          k.replace(/^cac /, ''),
        )
      )
        continue;
      if (/( |^)(b c|de biet|bao cao|de bao cao|de b c|de chi dao|thay b c)( |$)/.test(k)) continue;
      add(splitAddressees(t), 'noi-nhan', paras[i]);
    }
  }
  assignCodes(agencies, place.value);
  agencies = agencies.filter((a) => a.name.length > 1);

  return {
    number,
    numberSuffix,
    title,
    issuer,
    superiorBody,
    issuedOn,
    year,
    place,
    signerTitle,
    signerName,
    consolidator,
    recipients,
    deadline,
    upwardDeadline,
    deadlines,
    sections,
    tasks,
    agencies,
    periodEnd: findPeriodEnd(body),
  };
}
