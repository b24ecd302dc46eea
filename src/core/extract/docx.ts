/**
 * Word (.docx) → paragraphs, through mammoth (works in Node and in the browser; bytes in, no paths).
 * mammoth gives simple HTML: paragraphs, headings, lists, tables. Word's automatic list numbers are not
 * text in the file, so they are rebuilt from the list nesting ("1.", "1.1.", bullets "-").
 */
import mammoth from 'mammoth';
import { cleanParagraphs, type Paragraph, type RawParagraph } from './paragraphs';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : all;
    }
    return ENTITIES[e.toLowerCase()] ?? all;
  });
}

interface ListState {
  ordered: boolean;
  count: number;
}

/** The paragraphs of mammoth's HTML, in order; list items get their numbers back. */
export function htmlParagraphs(html: string): RawParagraph[] {
  const out: RawParagraph[] = [];
  const lists: ListState[] = [];
  let buf = '';
  let prefix = '';
  const flush = () => {
    const text = (prefix + buf).replace(/\s+/g, ' ').trim();
    if (buf.trim() !== '') out.push({ text, hardBreak: true });
    buf = '';
    prefix = '';
  };
  const re = /<(\/?)([a-zA-Z0-9]+)[^>]*?(\/?)>|([^<]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html))) {
    if (m[4] !== undefined) {
      buf += decodeEntities(m[4]);
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
        if (list.ordered) {
          const numbers = lists.filter((l) => l.ordered).map((l) => l.count);
          prefix = `${numbers.join('.')}. `;
        } else prefix = lists.length > 1 ? '+ ' : '- ';
      }
      continue;
    }
    if (/^(p|h[1-6]|td|th|tr|table|div|blockquote)$/.test(tag)) {
      if (closing || tag !== 'p' || buf.trim() !== '') flush();
    }
  }
  flush();
  return out;
}

/** A .docx file's paragraphs. Throws a Vietnamese message when the file is not a Word document. */
export async function docxParagraphs(bytes: Uint8Array): Promise<Paragraph[]> {
  const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  // Node's mammoth reads `buffer`, the browser build reads `arrayBuffer`: give both.
  const input = { arrayBuffer, buffer: bytes as unknown as Buffer };
  const result = await mammoth.convertToHtml(input, { ignoreEmptyParagraphs: true });
  return cleanParagraphs(htmlParagraphs(result.value));
}
