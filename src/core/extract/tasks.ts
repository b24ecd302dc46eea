/**
 * From the item tree to tasks: codes as written (bullets numbered under their item), titles, sections (the path
 * of headings) and the lead body (named by the item or an enclosing one, or the subject of the sentence in the
 * organisation part). Leaves are tasks; so are an item with its own paragraph and a numbered item that is a
 * whole sentence ("1.1. Trồng mới 1.250 ha rừng.") with bullets under it.
 */
import { foldKey } from '../basics/text';
import { bodyName } from './agencies';
import { sourceOf } from './deadlines';
import { isClosingPhrase, type Item } from './items';
import type { DraftTask } from './types';

const EXCLUDED_LABELS =
  /^(luu y|ghi chu|thoi gian|kinh phi|dia diem|thanh phan|che do bao cao|hinh thuc|nguon kinh phi|thoi gian thuc hien|kinh phi thuc hien|du toan)( |$)/;

/** "Đề nghị UBND các huyện:" → lead "UBND các huyện", rest "". "Chi đoàn cơ sở: Cử lực lượng …" → lead + rest. */
export function splitLead(text: string): { lead: string; rest: string } | null {
  if (/:$/.test(text)) {
    // "1. Cục Biến đổi khí hậu có trách nhiệm:"
    const lead = bodyName(text.slice(0, -1).replace(/\s+(?:có|chịu) trách nhiệm$/u, ''));
    return lead ? { lead, rest: '' } : null;
  }
  const m = /^(.{3,200}?):\s+(.+)$/u.exec(text);
  if (m) {
    // "Thủ trưởng các sở …; Chủ tịch UBND các huyện có trách nhiệm: Lãnh đạo …"; not "Các sở chủ động xử lý các hành vi: …"
    const name = m[1].replace(/\s+(?:có|chịu) trách nhiệm$/u, '');
    const lead = verbIndex(name, ALL_VERBS) >= 0 ? null : bodyName(name);
    if (lead) return { lead, rest: m[2] };
  }
  if (text.length <= 300 && !/[.;!?…]$/u.test(text)) {
    const lead = bodyName(text);
    if (lead) return { lead, rest: '' };
  }
  return null;
}

/** Verbs, in lower case, that end the subject of a sentence ("Các sở, ngành chủ động …", "UBND các huyện tổng hợp,
 * báo cáo …"); the first ones say it most surely, "tổ chức" may also be a noun inside a name. */
const STRONG_VERBS = 'có trách nhiệm|chịu trách nhiệm|chủ trì|căn cứ';
const OTHER_VERBS =
  'triển khai|thực hiện|phối hợp|tham mưu|chủ động|tổng hợp|báo cáo|nêu cao|phát động|chỉ đạo|hướng dẫn|đôn đốc|tăng cường|rà soát|theo dõi|tiếp tục|nghiên cứu|đề xuất|thẩm định|thành lập';
/** Where a verb of the list starts in `text` (its space before), not the noun in "các cơ quan, tổ chức", "các tổ
 * chức chính trị", "Ban chỉ đạo"; -1 when none. The words before are checked here, not looked behind (the pane
 * runs in Internet Explorer 11, which has no lookbehind). */
function verbIndex(text: string, verbs: string, from = 0): number {
  const re = new RegExp(String.raw`\s+(?:${verbs})(?=[\s,;.:]|$)`, 'gu');
  re.lastIndex = from;
  for (let m = re.exec(text); m; m = re.exec(text))
    if (!/(?:,|\s(?:và|các|Ban|ban|Tổ|tổ))$/u.test(text.slice(0, m.index))) return m.index;
  return -1;
}
const ALL_VERBS = `${STRONG_VERBS}|${OTHER_VERBS}`;

/** "Căn cứ Kế hoạch này, các Phòng … tổ chức …" → "Các Phòng …"; "Phòng X có trách nhiệm …" → "Phòng X": the words
 * before the verb, when they name a body (not a clause: "Các hộ gia đình sau khi nhận … thì tự tổ chức"). */
export function sentenceLead(text: string): string | null {
  const body = text.replace(/^(?:Căn cứ|Trên cơ sở) [^,]{0,200},\s*/u, '').replace(/^Đề nghị\s+/iu, '');
  const subject = (verbs: string) => {
    const at = verbIndex(body.slice(0, 200), verbs, 3);
    const words = at >= 0 && at <= 160 ? body.slice(0, at) : null;
    return words && !/\n|\s(?:sau khi|khi|nếu|thì|trước khi|để)\s/u.test(words) ? words : null;
  };
  const strong = subject(STRONG_VERBS);
  if (strong && verbIndex(strong, OTHER_VERBS) < 0) return bodyName(strong);
  const any = subject(`${STRONG_VERBS}|tổ chức|${OTHER_VERBS}`);
  return any ? bodyName(any) : null;
}

export function cleanTitle(text: string): string {
  return text.replace(/[\s.;,:/]+$/u, '').trim();
}

export interface TaskCandidate extends DraftTask {
  roman: string;
  inOrganisation: boolean;
  underIssuer: boolean;
}

/** A table row written as "content | Chủ trì: X | Phối hợp: Y | Thời gian: Z" (see tables.ts). */
function tableCells(text: string): { title: string; lead: string; partners: string; due: string } | null {
  const cells = text.split(' | ');
  if (cells.length < 2) return null;
  const named = (label: string) => cells.find((c) => c.startsWith(`${label}: `))?.slice(label.length + 2) ?? '';
  if (cells.slice(1).some((c) => /^(Chủ trì|Phối hợp|Thời gian|Sản phẩm): /u.test(c)))
    return { title: cells[0], lead: named('Chủ trì'), partners: named('Phối hợp'), due: named('Thời gian') };
  const lead =
    cells
      .slice(1)
      .map((c) => bodyName(c))
      .find((c) => c !== null) ?? '';
  return { title: cells[0], lead, partners: '', due: '' };
}

function codeOf(item: Item, siblings: Item[], prefix: string): string {
  if (item.kind === 'dash' || item.kind === 'plus') {
    const bullets = siblings.filter((s) => s.kind === item.kind);
    return `${prefix}${bullets.indexOf(item) + 1}`;
  }
  if (item.kind === 'letter' || (item.kind === 'arabic' && item.parent)) return `${prefix}${item.label}`;
  return item.label;
}

/** A numbered item that states a task by itself (a whole sentence), even with bullets under it. */
function isStatement(item: Item, split: { lead: string; rest: string } | null): boolean {
  if (item.kind === 'dash' || item.kind === 'plus' || split) return false;
  return /\.$/u.test(item.text) && item.text.length > 30;
}

/** What the enclosing items give their sub-tasks: a lead they name, the lead, partner and time lines under them. */
interface Visit {
  path: Item[];
  prefix: string;
  lead: string;
  partners: string;
  due: string;
  underIssuer: boolean;
}

function taskOf(item: Item, code: string, v: Visit, issuerKey: string): { task: TaskCandidate | null; lead: string } {
  const table = tableCells(item.text);
  const split = table ? { lead: table.lead, rest: table.title } : splitLead(item.text);
  const ownLead = split?.lead ?? '';
  const organisation = item.part.kind === 'organisation';
  // "… (Giao Công an tỉnh chủ trì, phối hợp với …)": the lead named in brackets at the end of the item
  const bracket =
    /\((?:giao|đề nghị)\s+([^()]{3,160}?)\s+(?:chủ trì|tham mưu|thực hiện)(?=[\s,;.)])[^()]*\)\.?$/iu.exec(item.text);
  let lead = item.attrs.lead || ownLead || (bracket ? (bodyName(bracket[1]) ?? '') : '') || v.lead;
  const hasBody = item.body.length > 0;
  // the subject of the item's sentence, else of the paragraph under a heading ("3. Đối với các tổ chức khác" /
  // "Đề nghị Ủy ban MTTQ … phát động …"; "2.1.a. Thành lập Ban Chỉ đạo:" / "Ủy ban nhân dân xã … thành lập …")
  const guess = lead ? null : (sentenceLead(item.text) ?? (hasBody ? sentenceLead(item.body[0].text) : null));
  if (guess) lead = guess;
  const under = v.underIssuer || (issuerKey !== '' && ownLead !== '' && foldKey(ownLead) === issuerKey);
  if (!(item.children.length === 0 || hasBody || isStatement(item, split))) return { task: null, lead: ownLead };
  const bodyText = item.body.map((p) => p.text).join(' ');
  let title: string;
  if (split && split.rest === '') title = hasBody ? bodyText : item.text;
  else if (split) title = hasBody ? `${split.rest} ${bodyText}` : split.rest;
  else title = hasBody ? `${cleanTitle(item.text)}: ${bodyText}` : item.text;
  const reasons: string[] = [];
  if (cleanTitle(title) === '') {
    title = cleanTitle(item.full) || `Mục ${code}`;
    reasons.push('Mục không có nội dung');
  }
  if (guess) reasons.push('Cơ quan chủ trì suy ra từ câu văn');
  if (split && split.rest === '' && !hasBody) reasons.push('Mục chỉ có tên cơ quan, chưa có nội dung nhiệm vụ');
  const section = [item.part.heading, ...v.path.map((p) => cleanTitle(p.full))].filter(Boolean).join(' › ');
  const task: TaskCandidate = {
    code,
    parent: v.prefix.replace(/\.$/, ''),
    title: cleanTitle(title),
    section,
    lead,
    partners: table?.partners || item.attrs.partners || v.partners,
    due: table?.due || item.attrs.due || v.due,
    level: v.path.length,
    source: sourceOf(item.para),
    needsReview: reasons.length > 0,
    reason: reasons.join('; '),
    roman: item.part.roman,
    inOrganisation: organisation,
    underIssuer: under,
  };
  return { task, lead: ownLead };
}

export function collectTasks(roots: Item[], issuerKey: string): TaskCandidate[] {
  const out: TaskCandidate[] = [];
  const visit = (item: Item, v: Visit) => {
    if (EXCLUDED_LABELS.test(foldKey(item.text))) return;
    // "5. Trong quá trình tổ chức thực hiện, nếu có vướng mắc …": the closing words of the plan, not a task
    if (item.part.kind === 'organisation' && item.children.length === 0 && isClosingPhrase(item.text)) return;
    const code = codeOf(item, item.parent ? item.parent.children : roots, v.prefix);
    const { task, lead } = taskOf(item, code, v, issuerKey);
    if (task) out.push(task);
    // "1. Tái cơ cấu …" / "- …" / "- …" / "Đơn vị chủ trì: X; Đơn vị phối hợp: Y": the bullets are the item's tasks
    const next: Visit = {
      path: [...v.path, item],
      prefix: `${code}.`,
      lead: lead || item.attrs.lead || v.lead,
      partners: item.attrs.partners || v.partners,
      due: item.attrs.due || v.due,
      underIssuer: task?.underIssuer ?? v.underIssuer,
    };
    for (const child of item.children) visit(child, next);
  };
  for (const r of roots) visit(r, { path: [], prefix: '', lead: '', partners: '', due: '', underIssuer: false });
  return out;
}

/** Codes prefixed with the Roman part when tasks come from several parts; a repeated code gets "-2". */
export function numberTasks(candidates: TaskCandidate[]): DraftTask[] {
  const prefix = new Set(candidates.map((t) => t.roman)).size > 1;
  const withPart = (code: string, roman: string) => (prefix && roman && code ? `${roman}.${code}` : code);
  const seen = new Set<string>();
  return candidates.map((c) => {
    let code = withPart(c.code, c.roman);
    const reasons = c.reason ? [c.reason] : [];
    if (seen.has(code)) {
      let i = 2;
      while (seen.has(`${code}-${i}`)) i++;
      code = `${code}-${i}`;
      reasons.push('Mã trùng trong văn bản: đã đánh số lại');
    }
    seen.add(code);
    const parent = c.parent ? withPart(c.parent, c.roman) : prefix && c.roman ? c.roman : '';
    return {
      code,
      parent,
      title: c.title,
      section: c.section,
      lead: c.lead,
      partners: c.partners,
      due: c.due,
      level: c.level,
      source: c.source,
      needsReview: reasons.length > 0,
      reason: reasons.join('; '),
    };
  });
}
