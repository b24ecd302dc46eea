/**
 * The numbered items of a plan's body as a tree: parts (Roman headings), numbers ("1.", "1.2.", "a)") and
 * bullets ("-", "+", "•"). The one rule of the hierarchy: a bullet belongs to the numbered item above it (it is
 * that item's sub-task, coded under it: "1.1" → "1.1.1"), never to the part or section above; a paragraph
 * without a marker (a continuation, a page header left in the text, a note) closes the bullets, not the
 * numbered items, so the bullets after it still belong to the same numbered item.
 */
import { foldKey } from '../basics/text';
import { attributeLine, hasAttributes, type ItemAttributes, mergeAttributes } from './item-attributes';
import { MARKER_START, type Paragraph } from './paragraphs';

export type MarkerKind = 'arabic' | 'decimal' | 'letter' | 'dash' | 'plus';

export interface Part {
  roman: string;
  heading: string;
  kind: 'purpose' | 'tasks' | 'organisation';
}

export interface Item {
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
  /** Who does it and by when, from its own lines ("- Cơ quan thực hiện: …") or the block's. */
  attrs: ItemAttributes;
}

export function isCaps(text: string): boolean {
  return /\p{L}/u.test(text) && text === text.toLocaleUpperCase('vi') && text.length <= 90;
}

const CLOSING =
  /^(Với nội dung trên|Trên đây là|Trong quá trình|Quá trình (?:tổ chức )?(?:triển khai|thực hiện)|Kết thúc|Sau khi hoàn thành|Rất mong|Đề nghị (?:các|Quý)|Yêu cầu các|Nhận được (?:công văn|văn bản|kế hoạch))/iu;

/** The closing words of a plan ("Trong quá trình thực hiện, nếu có vướng mắc …"), whatever their ending; "Yêu cầu
 * các đơn vị lắp đặt …" is a task, "Yêu cầu các sở nghiêm túc thực hiện Kế hoạch này" closes the plan. */
export const isClosingPhrase = (text: string): boolean =>
  CLOSING.test(text) &&
  (!/^(Yêu cầu|Đề nghị) (các|Quý)/iu.test(text) ||
    /(kế hoạch|chương trình|công văn|văn bản) này|vướng mắc|nghiêm túc/iu.test(text));

export function isClosing(text: string): boolean {
  return CLOSING.test(text) || /\.\s*\/\s*\.?$/.test(text) || /trân trọng/iu.test(text);
}

export function parseMarker(text: string): { kind: MarkerKind; rank: number; label: string; rest: string } | null {
  // "2.1.a. Thành lập …": a letter under "2.1."
  let m = /^\d+(?:\.\d+)*\.([a-zđ])[.)]\s+(.+)$/u.exec(text);
  if (m) return { kind: 'letter', rank: 4, label: m[1], rest: m[2] };
  m = /^(\d+(?:\.\d+)+)\.?\s+(.+)$/u.exec(text);
  if (m) return { kind: 'decimal', rank: m[1].split('.').length, label: m[1], rest: m[2] };
  m = /^(\d{1,3})[.)/]\s+(.+)$/u.exec(text);
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

export function romanHeading(text: string): { roman: string; heading: string } | null {
  const m = /^([IVX]{1,5})[.)/]\s+(.+)$/u.exec(text);
  if (m) return { roman: m[1], heading: text };
  // "A. NHIỆM VỤ CHUNG", "B. NHIỆM VỤ CỤ THỂ": capital letters with a capitalised heading
  const letter = /^([A-H])[.)/]\s+(.+)$/u.exec(text);
  if (letter && isCaps(letter[2])) return { roman: letter[1], heading: text };
  const part = /^phần\s+([IVX]{1,5}|thứ\s+\p{L}+)(?=[\s.:\-–]|$)[.:\-–]?\s*(.*)$/iu.exec(text);
  if (part && text.length < 200) return { roman: part[1].toUpperCase().replace(/\s+/g, ''), heading: text };
  return null;
}

export function partKind(heading: string): Part['kind'] {
  const k = foldKey(heading);
  if (
    /(muc dich|yeu cau|muc tieu|quan diem|can cu xay dung|su can thiet)/.test(k) &&
    !/nhiem vu|noi dung|hoat dong|giai phap/.test(k)
  )
    return 'purpose';
  // phases and vision restate the tasks as targets; monitoring and evaluation is the reporting regime
  if (
    /^(phan )?([ivx]+ |thu [a-z]+ )?(kinh phi|nguon kinh phi|du toan|che do bao cao|thoi gian thuc hien|dieu khoan thi hanh|hieu luc|thanh phan|doi tuong|pham vi|cac giai doan thuc hien|tam nhin|giam sat va danh gia|giam sat danh gia)( |$)/.test(
      k,
    )
  )
    return 'purpose';
  if (/(to chuc thuc hien|trach nhiem|phan cong)/.test(k)) return 'organisation';
  return 'tasks';
}

const isBullet = (item: Item): boolean => item.kind === 'dash' || item.kind === 'plus';

function acceptsBody(item: Item): boolean {
  if (isBullet(item)) return false;
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

type Marker = NonNullable<ReturnType<typeof parseMarker>>;

/**
 * Where a new item goes: the stack cut to its parent, and its rank. A number continues the open list whose
 * last number is one less ("3." after "2."); when two open lists could continue (a nested list numbered like
 * its parent), the one at the same indentation wins; "1." right after "2. …:" starts a nested list.
 */
function place(stack: Item[], mk: Marker, p: Paragraph): { stack: Item[]; rank: number } {
  const n = ordinal(mk.kind, mk.label);
  const continues = n > 1 ? stack.filter((s) => s.kind === mk.kind && follows(s.kind, s.label, mk.label)) : [];
  const top = stack[stack.length - 1];
  if (continues.length > 0) {
    const pick =
      p.indent !== undefined && continues.every((c) => c.para.indent !== undefined)
        ? continues.reduce((a, b) =>
            Math.abs((b.para.indent ?? 0) - p.indent!) < Math.abs((a.para.indent ?? 0) - p.indent!) ? b : a,
          )
        : continues[continues.length - 1];
    return { stack: stack.slice(0, stack.indexOf(pick)), rank: pick.rank };
  }
  if (
    n === 1 &&
    top &&
    top.kind === mk.kind &&
    top.children.length === 0 &&
    (/:$/.test(top.text) ||
      (p.indent !== undefined && top.para.indent !== undefined && p.indent > top.para.indent + 0.5))
  )
    return { stack, rank: top.rank + 0.5 };
  const kept = [...stack];
  while (kept.length > 0 && kept[kept.length - 1].rank >= mk.rank) kept.pop();
  return { stack: kept, rank: mk.rank };
}

/** Items without lead or time lines before one that has them ("1.1.", "1.2.", "- Cơ quan …") share its lines. */
function shareAttributes(items: Item[]): void {
  let pending: Item[] = [];
  for (const it of items) {
    if (hasAttributes(it.attrs)) {
      for (const q of pending) mergeAttributes(q.attrs, it.attrs);
      pending = [];
    } else if (!isBullet(it) && it.children.length === 0) pending.push(it);
    else pending = [];
    shareAttributes(it.children);
  }
}

/** The item tree of a part's paragraphs. */
export function buildItems(paras: Paragraph[], part: Part): Item[] {
  const roots: Item[] = [];
  let stack: Item[] = [];
  let lastAttr: { owner: Item; key: keyof ItemAttributes } | null = null;
  for (const p of paras) {
    const attr = attributeLine(p.text);
    const owner = [...stack].reverse().find((s) => !isBullet(s));
    if (attr && owner) {
      mergeAttributes(owner.attrs, attr);
      const key = (['due', 'partners', 'lead'] as const).find((k) => attr[k]);
      lastAttr = key ? { owner, key } : null;
      continue;
    }
    // "- Đơn vị phối hợp: Văn phòng Bộ, Vụ Tổ chức" / "- cán bộ, Vụ …": a crawl broke the line
    if (lastAttr && /^[-–]\s*\p{Ll}/u.test(p.text)) {
      const a = lastAttr.owner.attrs;
      a[lastAttr.key] = `${a[lastAttr.key] ?? ''} ${p.text.replace(/^[-–]\s*/u, '')}`.replace(/[\s.;]+$/u, '');
      continue;
    }
    lastAttr = null;
    const mk = parseMarker(p.text);
    if (!mk) {
      const top = stack[stack.length - 1];
      const owner = top && acceptsBody(top) && top.children.length === 0 ? top : undefined;
      if (owner && !isClosing(p.text)) owner.body.push(p);
      // a plain paragraph ends the bullets above it, not the numbered item they belong to
      else if (isClosing(p.text)) stack = [];
      else while (stack.length > 0 && isBullet(stack[stack.length - 1])) stack.pop();
      continue;
    }
    const placed = place(stack, mk, p);
    stack = placed.stack;
    const parent = stack[stack.length - 1] ?? null;
    const item: Item = {
      kind: mk.kind,
      rank: placed.rank,
      label: mk.label,
      full: p.text,
      text: mk.rest,
      para: p,
      body: [],
      children: [],
      parent,
      part,
      attrs: {},
    };
    if (parent) parent.children.push(item);
    else roots.push(item);
    stack.push(item);
  }
  shareAttributes(roots);
  return roots;
}
