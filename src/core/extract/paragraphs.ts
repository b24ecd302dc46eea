/**
 * From the raw lines of a document (text file, Word paragraphs, PDF lines) to clean paragraphs: markdown and
 * emphasis marks removed, Word artefacts removed, lines that continue a sentence joined back.
 */
import { cleanText, foldKey } from '../basics/text';
import { repairCopiedLines } from './copied-text';
import { taskTableParagraphs } from './task-table';

export interface Paragraph {
  /** 1-based position among the clean paragraphs (what the clerk sees in `Nguồn`). */
  n: number;
  text: string;
  /** How far the paragraph starts right of the left margin, in font sizes (PDF only). */
  indent?: number;
}

/** A raw paragraph as a reader found it; `hardBreak` = the reader is sure a new paragraph starts here. */
export interface RawParagraph {
  text: string;
  hardBreak?: boolean;
  indent?: number;
}

/** Numbered or bulleted line starts: "1.", "1.1.", "a)", "II.", "- ", "+ ", "•". */
export const MARKER_START =
  /^(?:[IVXLC]+[./)]\s|\d+(?:\.\d+)*[./)]\s|\d+\.\d+(?:\.\d+)*\s|\d+(?:\.\d+)*\.[a-zđ][.)]\s|[a-zđ][)/]\s|[-+•–*]\s)/u;

/** Removes the marks a plain-text or markdown copy of a document carries: `##`, `**bold**`, `*italic*`, bookmarks. */
export function stripMarks(line: string): string {
  let s = line
    .replace(/\[bookmark:[^\]]*\]/gi, '')
    .replace(/<(https?:\/\/[^>\s]+)>/g, '$1')
    .replace(/\\([*_#[\]()\\.-])/g, '$1');
  s = s.replace(/^\s*#{1,6}\s+/, '');
  // emphasis: ***x***, **x**, *x* (not a bullet "* " at the start, not a lone "*")
  s = s.replace(/\*{1,3}([^*\n]*?[^*\s])\*{1,3}/g, '$1');
  s = s.replace(/(^|\s)\*{2,3}(?=\s|$)/g, '$1');
  s = s.replace(/^(\s*)\*{1,3}(?=\S)/, '$1').replace(/(\S)\*{1,3}(\s*)$/, '$1$2');
  s = s.replace(/^\s*#{1,6}\s+/, '');
  return cleanText(s.replace(/\t+/g, ' '));
}

function endsSentence(text: string): boolean {
  return /[.;:!?。…)\]"”]$/u.test(text) || /\.\/\.?$/.test(text);
}

function startsLower(text: string): boolean {
  const ch = text.charAt(0);
  return ch !== '' && ch === ch.toLowerCase() && ch !== ch.toUpperCase();
}

function startsDigitContinuation(text: string): boolean {
  // "2022 của Thủ tướng …" continues "… ngày 13 tháng 4 năm"; not a numbered item "2. …".
  return /^\d+(?![.)]\s)(?![.]\d)\s+\p{Ll}/u.test(text);
}

/** Words a paragraph cannot end with: the line was broken inside a phrase ("gửi về" / "Sở Y tế …"). */
const OPEN_END = /(?:^|\s)(?:về|của|và|với|cho|tại|theo|các|những|từ|đến|qua|giai đoạn|trong|thuộc|là|được)$/iu;

/** A line that only continues the previous one whatever its first letter: "2030 …" after "2021 -", "- 2023 …" after "2016". */
function continuesAcross(prev: string, text: string): boolean {
  if (/[-–]$/u.test(prev) && /^\d/u.test(text)) return true;
  if (/\d{4}$/u.test(prev) && /^[-–]\s*\d{4}\b/u.test(text)) return true;
  // "… Hội Cựu chiến binh," / "Đoàn Thanh niên …": a paragraph does not end with a comma or an open word
  if ((OPEN_END.test(prev) || /,$/u.test(prev)) && !MARKER_START.test(text) && !/^[^,]{2,40},\s*ngày\b/u.test(text))
    return true;
  return /(?:năm|ngày|tháng|số)$/iu.test(prev) && /^\d+(?:[./,;:)-]|\s|$)/u.test(text) && !MARKER_START.test(text);
}

/**
 * Clean paragraphs: marks stripped, empty ones dropped, and a paragraph that only continues the previous one
 * (the previous does not end a sentence and this one starts in lower case, or with a year that ends a date)
 * joined back. This repairs page breaks and hard line breaks inside a sentence, in every format.
 */
export function cleanParagraphs(raw: (string | RawParagraph)[]): Paragraph[] {
  const out: string[] = [];
  const indents: (number | undefined)[] = [];
  const expanded: RawParagraph[] = [];
  const rows: RawParagraph[] = [];
  const flushTable = () => {
    for (const text of markdownTable(rows.map((r) => r.text))) expanded.push({ ...rows[0], text, hardBreak: true });
    rows.length = 0;
  };
  for (const item of raw) {
    const r: RawParagraph = typeof item === 'string' ? { text: item } : item;
    // a markdown table row, in a text file or as printed in a Word file or a PDF made from one
    if (/^\|.*\|$/.test(r.text.trim())) rows.push(r);
    else {
      flushTable();
      expanded.push(r);
    }
  }
  flushTable();
  for (const r of repairCopiedLines(expanded)) {
    const text = stripMarks(r.text);
    // nothing but rules or ornaments: "-------", "***", "___"
    if (text === '' || /^[-–—_*=~•.·\s]+$/u.test(text)) continue;
    const prev = out[out.length - 1];
    const isMarker = MARKER_START.test(text);
    if (prev !== undefined && continuesAcross(prev, text)) {
      out[out.length - 1] = `${prev} ${text}`;
      continue;
    }
    if (
      prev !== undefined &&
      !isMarker &&
      !endsSentence(prev) &&
      (startsLower(text) || startsDigitContinuation(text)) &&
      !/^[-+•–]\s*$/.test(prev)
    ) {
      out[out.length - 1] = `${prev} ${text}`;
      continue;
    }
    out.push(text);
    indents.push(r.indent);
  }
  // emphasis marks that spanned two raw lines
  for (let i = 0; i < out.length; i++) out[i] = out[i].replace(/\*{1,3}([^*\n]*?[^*\s])\*{1,3}/g, '$1');
  return out.map((text, i) => (indents[i] === undefined ? { n: i + 1, text } : { n: i + 1, text, indent: indents[i] }));
}

/** The lines of a markdown table: a table of tasks (`TT | Nhiệm vụ | Cơ quan chủ trì | …`) as the task rows the
 * Word reader gives (task-table.ts), any other table row by row. */
function markdownTable(lines: string[]): string[] {
  const cells = lines
    .map((l) => l.trim())
    .filter((l) => !/^\|[\s:|-]+\|$/.test(l)) // |---|---|
    .map((l) =>
      l
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim()),
    );
  const tasks = cells.length > 1 ? taskTableParagraphs(cells.map((row) => row.map((text) => ({ text })))) : null;
  return tasks ?? cells.flatMap((row) => tableRowParagraphs(row.map((c) => [c])));
}

/**
 * A table row as one paragraph when it is a numbered row ("1 | Sở Y tế | …" → "1. Sở Y tế | …"), so that
 * numbered tables (lists of agencies or tasks) read like numbered lists; other rows give one paragraph per cell.
 */
export function tableRowParagraphs(cells: string[][]): string[] {
  const flat = cells.map((c) => c.map((t) => t.trim()).filter((t) => t !== ''));
  const first = flat[0] ?? [];
  // the header row of a numbered table ("STT | Nhiệm vụ | Cơ quan chủ trì") says nothing by itself
  if (first.length === 1 && /^(stt|tt|so tt|so thu tu)$/.test(foldKey(first[0]))) return [];
  const m = first.length === 1 ? /^(\d{1,3})\.?$/.exec(first[0]) : null;
  if (m && flat.length > 1 && flat.slice(1).every((c) => c.length <= 1)) {
    const rest = flat
      .slice(1)
      .map((c) => c[0] ?? '')
      .filter((t) => t !== '');
    if (rest.length > 0) return [`${m[1]}. ${rest.join(' | ')}`];
  }
  return flat.flat();
}

/** Lines of a plain-text or markdown document (markdown tables included). */
export function textParagraphs(text: string): Paragraph[] {
  return cleanParagraphs(text.replace(/\r\n?/g, '\n').split('\n'));
}
