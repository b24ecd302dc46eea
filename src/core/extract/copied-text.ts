/**
 * Repairs for text copied out of a PDF (or read by OCR), before lines are joined into paragraphs:
 * page numbers and running headers left in the middle of the text are dropped; the two columns of the header
 * block, which come out interleaved on one line ("UBND TỈNH X CỘNG HÒA XÃ HỘI …", "Số: 12/KH-UBND X, ngày …"),
 * are split; the signature block printed beside `Nơi nhận` ("- UBND tỉnh (b/c); KT. CHỦ TỊCH", "- Lưu: VT.
 * Nguyễn Văn A") is taken out of the list and put after it.
 */
import { foldKey } from '../basics/text';
import { resplitCrawledLines } from './crawled-text';
import { attributeLine } from './item-attributes';

interface Line {
  text: string;
  hardBreak?: boolean;
}

/** Numbered or bulleted line starts (as MARKER_START in paragraphs.ts, which imports this module). */
const MARKER = /^(?:[IVXLC]+[./)]\s|\d+(?:\.\d+)*[./)]\s|\d+\.\d+(?:\.\d+)*\s|[a-zđ][)/]\s|[-+•–*]\s)/u;

const PAGE_NUMBER = /^(?:trang\s+)?[-–]?\s*\d{1,3}\s*[-–]?(?:\s*\/\s*\d{1,3})?$/iu;
const MOTTO = [
  // "HÒA" or, in the older spelling, "HOÀ"
  /C[ỘO]NG\s+H(?:[ÒOÓ]A|OÀ)\s+X[ÃA]\s+H[ỘO]I\s+CH[ỦU]\s+NGH[ĨI]A\s+VI[ỆE]T\s+NAM/u,
  /Độc\s+lập\s*[-–]\s*Tự\s+do\s*[-–]\s*Hạnh\s+phúc/iu,
];
const HEADER_LINES = 15;

function isCapsText(t: string): boolean {
  return /\p{L}{2}/u.test(t) && t === t.toLocaleUpperCase('vi');
}

/** "UBND TỈNH X CỘNG HÒA …" → two lines; "CỘNG HÒA … VIỆT NAM SỞ Y Độc lập …" → three; "Số: 12/KH-UBND X, ngày …"
 * → two lines. */
function splitHeaderLine(text: string): string[] {
  for (const motto of MOTTO) {
    const m = motto.exec(text);
    if (!m) continue;
    const before = text.slice(0, m.index).trim();
    const after = text.slice(m.index + m[0].length).trim();
    // the motto and what follows it stay one line when nothing of the other column comes after
    if (!before && (!after || MOTTO.some((o) => o.exec(after)?.index === 0) || /^[-–_\s]*$/u.test(after)))
      return [text];
    if (!before) return [m[0], ...splitHeaderLine(after)];
    return [before, ...splitHeaderLine(text.slice(m.index))];
  }
  const num = /^(Số\s*:?\s*\S+)\s+(\p{Lu}[^,]{1,39},\s*ngày\b.*)$/u.exec(text);
  if (num) return [num[1], num[2]];
  return [text];
}

/** A line of the `Nơi nhận` block: the list item, and what was printed beside it (signer's title or name). */
function splitClosingLine(text: string): [string, string] {
  const title = /^(.*?[;:.,)])\s+((?:(?:TM|KT|TL|TUQ|Q)\.\s*)?\p{Lu}[\p{Lu}\s.]{3,})$/u.exec(text);
  if (title && isCapsText(title[2]) && /\p{Ll}|:$|^nơi/iu.test(title[1])) return [title[1], title[2].trim()];
  const name = /^([-+•–].*?[;.])\s+((?:\p{Lu}\p{Ll}+\s+){1,4}\p{Lu}\p{Ll}+)$/u.exec(text);
  if (name) return [name[1], name[2]];
  return [text, ''];
}

function dropPageFurniture<T extends Line>(lines: T[]): T[] {
  const counts = new Map<string, number>();
  for (const l of lines) {
    const k = foldKey(l.text);
    // "QUYẾT ĐỊNH" and "QUYẾT ĐỊNH:" are the decision's title and its operative words, not a running header; nor
    // is a lead or time line said again for the next item ("Đơn vị chủ trì: Phòng X; Đơn vị phối hợp: Phòng Y.")
    const furniture = k.length >= 10 && l.text.length <= 150 && !MARKER.test(l.text.trim());
    if (furniture && !/^quyet dinh$/.test(k) && attributeLine(l.text.trim()) === null)
      counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return lines.filter((l) => !PAGE_NUMBER.test(l.text.trim()) && (counts.get(foldKey(l.text)) ?? 0) < 2);
}

function repairClosing<T extends Line>(lines: T[]): T[] {
  const start = lines.findIndex((l) => /^nơi nhận\b/iu.test(l.text.trim()));
  if (start < 0) return lines;
  const out = lines.slice(0, start);
  const beside: T[] = [];
  let i = start;
  for (; i < lines.length; i++) {
    const t = lines[i].text.trim();
    if (i > start && !/^[-+•–]/u.test(t)) break;
    const [item, side] = splitClosingLine(t);
    out.push({ ...lines[i], text: item });
    if (side) beside.push({ ...lines[i], text: side, hardBreak: true });
  }
  return [...out, ...beside, ...lines.slice(i)];
}

export function repairCopiedLines<T extends Line>(lines: T[]): T[] {
  const kept = resplitCrawledLines(dropPageFurniture(lines.filter((l) => l.text.trim() !== '')));
  const header = kept.flatMap((l, i) =>
    i < HEADER_LINES ? splitHeaderLine(l.text.trim()).map((text) => ({ ...l, text })) : [l],
  );
  return repairClosing(header);
}
