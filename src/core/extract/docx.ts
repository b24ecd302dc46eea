/**
 * Word (.docx) → paragraphs, through mammoth (works in Node and in the browser; bytes in, no paths).
 * mammoth gives simple HTML: paragraphs, headings, lists, tables. Word's automatic list numbers are not
 * text in the file, so they are rebuilt from the list nesting ("1.", "1.1.", bullets "-").
 */
import mammoth from 'mammoth';
import { decodeXmlEntities } from '../basics/xml';
import { wordListLabels } from './docx-numbering';
import { taskTableParagraphs } from './task-table';
import { ExtractError } from './pdf';
import { cleanParagraphs, type Paragraph, type RawParagraph, tableRowParagraphs } from './paragraphs';

interface ListState {
  ordered: boolean;
  count: number;
}

interface DocNode {
  type?: string;
  value?: string;
  children?: DocNode[];
  numbering?: { level?: string; isOrdered?: boolean } | null;
}

function asNode(v: unknown): DocNode {
  return typeof v === 'object' && v !== null ? (v as DocNode) : {};
}

function nodeText(node: DocNode): string {
  if (node.type === 'text') return node.value ?? '';
  return (node.children ?? []).map((c) => nodeText(asNode(c))).join('');
}

/**
 * Word's automatic numbers, in document order, one per numbered paragraph that mammoth turns into a list item.
 * Counted per list level as Word does (a list continues across paragraphs in between): "1.", "2.", "2.1.", bullets.
 */
export function listPrefixes(root: unknown): string[] {
  // mammoth shares one numbering object per list level: it is the key of that level's counter. A list that
  // resumes after other paragraphs continues its count; going back up a level restarts the deeper levels.
  const remembered = new Map<object, number>();
  let stack: { key: object; count: number }[] = [];
  const out: string[] = [];
  const walk = (node: DocNode) => {
    if (node.type === 'paragraph' && node.numbering) {
      if (nodeText(node).trim() === '') return;
      const level = Math.max(0, Number(node.numbering.level ?? '0') || 0);
      if (!node.numbering.isOrdered) {
        out.push(level === 0 ? '- ' : '+ ');
        return;
      }
      const key = node.numbering as object;
      const count = (remembered.get(key) ?? 0) + 1;
      remembered.set(key, count);
      for (const dropped of stack.slice(level + 1)) remembered.set(dropped.key, 0);
      stack = stack.slice(0, level);
      while (stack.length < level) stack.push({ key: {}, count: 1 });
      stack.push({ key, count });
      out.push(`${stack.map((s) => s.count).join('.')}. `);
      return;
    }
    for (const c of node.children ?? []) walk(asNode(c));
  };
  walk(asNode(root));
  return out;
}

/** Every paragraph mammoth sees as numbered, in order: its level, ordered or bullet, empty or not. */
function numberedParagraphs(root: unknown): { level: number; ordered: boolean; empty: boolean }[] {
  const out: { level: number; ordered: boolean; empty: boolean }[] = [];
  const walk = (node: DocNode) => {
    if (node.type === 'paragraph' && node.numbering) {
      out.push({
        level: Math.max(0, Number(node.numbering.level ?? '0') || 0),
        ordered: node.numbering.isOrdered !== false,
        empty: nodeText(node).trim() === '',
      });
      return;
    }
    for (const c of node.children ?? []) walk(asNode(c));
  };
  walk(asNode(root));
  return out;
}

type Cell = { paras: string[]; colspan: number; rowspan: number };

/**
 * The tables of mammoth's HTML: each cell's paragraphs, row by row; at the end of a table its paragraphs — a
 * table of tasks as a whole (task-table.ts), any other table row by row.
 */
class TableReader {
  private table: Cell[][] | null = null;
  row: Cell[] | null = null;

  /** Where a paragraph's text goes: the current cell, or (outside a table) nowhere (false). */
  addText(text: string): boolean {
    const cell = this.row?.[this.row.length - 1];
    if (!cell) return false;
    cell.paras.push(text);
    return true;
  }

  /** A table tag; returns the paragraphs to emit. */
  tag(tag: string, closing: boolean, attrs: string): string[] {
    if (tag === 'table' && !closing) this.table = [];
    if (tag === 'table' && closing && this.table) {
      const rows = this.table;
      this.table = null;
      const tasks = taskTableParagraphs(rows.map((r) => r.map((c) => ({ ...c, text: c.paras.join(' ') }))));
      return tasks ?? rows.flatMap((r) => tableRowParagraphs(r.map((c) => c.paras)));
    }
    if (tag === 'tr' && !closing) this.row = [];
    if (tag === 'tr' && closing && this.row) {
      const row = this.row;
      this.row = null;
      if (this.table) this.table.push(row);
      else return tableRowParagraphs(row.map((c) => c.paras));
    }
    if ((tag === 'td' || tag === 'th') && !closing && this.row) {
      const span = (name: string) => Number(new RegExp(`${name}="(\\d+)"`).exec(attrs)?.[1] ?? '1');
      this.row.push({ paras: [], colspan: span('colspan'), rowspan: span('rowspan') });
    }
    return [];
  }
}

function listFallback(lists: ListState[]): string {
  if (lists[lists.length - 1].ordered)
    return `${lists
      .filter((l) => l.ordered)
      .map((l) => l.count)
      .join('.')}. `;
  return lists.length > 1 ? '+ ' : '- ';
}

/** The paragraphs of mammoth's HTML, in order; list items get their numbers back (`prefixes`, else by nesting). */
export function htmlParagraphs(html: string, prefixes: string[] = [], levels: number[] = []): RawParagraph[] {
  const out: RawParagraph[] = [];
  const lists: ListState[] = [];
  let liIndex = 0;
  let buf = '';
  let prefix = '';
  let indent: number | undefined;
  const tables = new TableReader();
  let pendingLi: { fallback: string; depth: number } | null = null;
  const flush = () => {
    if (pendingLi && buf.trim() !== '') {
      const known = prefixes[liIndex];
      // the list level stands for the indentation (it decides which open list a number continues)
      indent = (levels[liIndex] ?? pendingLi.depth) * 2;
      liIndex++;
      prefix = known ?? pendingLi.fallback;
    }
    pendingLi = null;
    const text = (prefix + buf).replace(/\s+/g, ' ').trim();
    if (buf.trim() !== '') {
      if (!tables.addText(text))
        out.push(indent === undefined ? { text, hardBreak: true } : { text, hardBreak: true, indent });
    }
    buf = '';
    prefix = '';
    indent = undefined;
  };
  const re = /<(\/?)([a-zA-Z0-9]+)([^>]*?)(\/?)>|([^<]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html))) {
    if (m[5] !== undefined) {
      buf += decodeXmlEntities(m[5]);
      continue;
    }
    const closing = m[1] === '/';
    const tag = m[2].toLowerCase();
    if (tag === 'br') {
      flush();
      continue;
    }
    if (tag === 'ol' || tag === 'ul') {
      flush();
      if (closing) lists.pop();
      else lists.push({ ordered: tag === 'ol', count: 0 });
      continue;
    }
    if (tag === 'li') {
      flush();
      if (!closing && lists.length > 0) {
        const list = lists[lists.length - 1];
        list.count++;
        // the number is taken when the item has text: mammoth wraps a skipped level in an empty <li>
        pendingLi = { fallback: listFallback(lists), depth: lists.length - 1 };
      }
      continue;
    }
    if (/^(p|h[1-6]|td|th|tr|table|div|blockquote)$/.test(tag)) {
      if (closing || tag !== 'p' || buf.trim() !== '') flush();
    }
    for (const text of tables.tag(tag, closing, m[3])) out.push({ text, hardBreak: true });
  }
  flush();
  return out;
}

/** Footnotes and endnotes are notes on the text, not part of the plan: mammoth lists them at the end as a numbered
 * list (which would read as tasks) and marks their place with "[1]"; both are left out. */
function withoutNotes(html: string): string {
  return html
    .replace(/<sup><a href="#(?:footnote|endnote)-\d+"[^>]*>[^<]*<\/a><\/sup>/g, '')
    .replace(/<li id="(?:footnote|endnote)-\d+">[\s\S]*?<\/li>/g, '')
    .replace(/<ol>\s*<\/ol>/g, '');
}

/** A .docx file's paragraphs. Throws when the file is not a Word document. */
export async function docxParagraphs(bytes: Uint8Array): Promise<Paragraph[]> {
  const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  // Node's mammoth reads `buffer`, the browser build reads `arrayBuffer`: give both.
  const input = { arrayBuffer, buffer: bytes as unknown as Buffer };
  let prefixes: string[] = [];
  let seen: { level: number; ordered: boolean; empty: boolean }[] = [];
  let images = 0;
  const result = await mammoth.convertToHtml(input, {
    ignoreEmptyParagraphs: true,
    // pictures are not read (and not inlined as data: URLs); only counted, for the message about scans
    convertImage: mammoth.images.imgElement(async () => {
      images++;
      return { src: '' };
    }),
    transformDocument: (doc: unknown) => {
      prefixes = listPrefixes(doc);
      seen = numberedParagraphs(doc);
      return doc;
    },
  });
  let levels = seen.filter((p) => !p.empty).map((p) => p.level);
  // Word's own numbers and formats ("a)", "II.") when the numbering part agrees with what mammoth saw
  const word = await wordListLabels(bytes).catch(() => null);
  if (
    word &&
    word.length === seen.length &&
    word.every((w, i) => w.level === seen[i].level && w.ordered === seen[i].ordered)
  ) {
    const kept = word.filter((_, i) => !seen[i].empty);
    prefixes = kept.map((w, i) => {
      if (w.ordered) return `${w.label} `;
      // a bullet under another bullet is a "+" item
      const before = kept
        .slice(0, i)
        .reverse()
        .find((o) => o.level < w.level);
      return before && !before.ordered ? '+ ' : '- ';
    });
    levels = kept.map((w) => w.level);
  }
  const paragraphs = cleanParagraphs(htmlParagraphs(withoutNotes(result.value), prefixes, levels));
  const chars = paragraphs.reduce((n, p) => n + p.text.replace(/\s/g, '').length, 0);
  if (chars < 20 && images > 0) {
    throw new ExtractError(
      `Văn bản Word chỉ có hình ảnh (${images} ảnh, có thể là bản scan dán vào Word), không có chữ để đọc. Cần nhận dạng chữ (OCR) trước rồi thử lại.`,
    );
  }
  return paragraphs;
}
