/**
 * Word's automatic list numbers as Word shows them ("1.", "1.2.", "a)", "II."), computed from the document's own
 * numbering definitions (word/numbering.xml: number format and level text per list level) in document order.
 * mammoth does not expose the number format; this reads the parts it reads, with JSZip (Node and browser).
 */
import JSZip from 'jszip';

export interface WordListLabel {
  /** The number as shown, without the trailing space: "1.", "a)", "1.2."; "-" for a bullet. */
  label: string;
  level: number;
  ordered: boolean;
}

interface LevelDef {
  start: number;
  numFmt: string;
  lvlText: string;
  pStyle: string;
}

const attr = (xml: string, tag: string, name = 'w:val'): string | null => {
  const m = new RegExp(`<${tag}\\b[^>]*?\\s${name}="([^"]*)"`).exec(xml);
  return m ? m[1] : null;
};

function toRoman(n: number): string {
  const table: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  let rest = n;
  for (const [v, s] of table) {
    while (rest >= v) {
      out += s;
      rest -= v;
    }
  }
  return out;
}

function toLetters(n: number): string {
  // Word: a … z, then aa, bb …
  const letter = String.fromCharCode(97 + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

export function formatNumber(n: number, numFmt: string): string {
  switch (numFmt) {
    case 'lowerLetter':
      return toLetters(n);
    case 'upperLetter':
      return toLetters(n).toUpperCase();
    case 'lowerRoman':
      return toRoman(n).toLowerCase();
    case 'upperRoman':
      return toRoman(n);
    case 'decimalZero':
      return String(n).padStart(2, '0');
    case 'none':
      return '';
    default:
      return String(n);
  }
}

function readNumbering(xml: string): {
  abstracts: Map<string, LevelDef[]>;
  nums: Map<string, { abstractId: string; starts: Map<number, number> }>;
} {
  const abstracts = new Map<string, LevelDef[]>();
  for (const m of xml.matchAll(/<w:abstractNum\b[^>]*w:abstractNumId="([^"]+)"[^>]*>([\s\S]*?)<\/w:abstractNum>/g)) {
    const levels: LevelDef[] = [];
    for (const l of m[2].matchAll(/<w:lvl\b[^>]*w:ilvl="(\d+)"[^>]*>([\s\S]*?)<\/w:lvl>/g)) {
      levels[Number(l[1])] = {
        start: Number(attr(l[2], 'w:start') ?? '1'),
        numFmt: attr(l[2], 'w:numFmt') ?? 'decimal',
        lvlText: attr(l[2], 'w:lvlText') ?? '',
        pStyle: attr(l[2], 'w:pStyle') ?? '',
      };
    }
    abstracts.set(m[1], levels);
  }
  const nums = new Map<string, { abstractId: string; starts: Map<number, number> }>();
  for (const m of xml.matchAll(/<w:num\b[^>]*w:numId="([^"]+)"[^>]*>([\s\S]*?)<\/w:num>/g)) {
    const abstractId = attr(m[2], 'w:abstractNumId');
    if (abstractId === null) continue;
    const starts = new Map<number, number>();
    for (const o of m[2].matchAll(/<w:lvlOverride\b[^>]*w:ilvl="(\d+)"[^>]*>([\s\S]*?)<\/w:lvlOverride>/g)) {
      const start = attr(o[2], 'w:startOverride');
      if (start !== null) starts.set(Number(o[1]), Number(start));
    }
    nums.set(m[1], { abstractId, starts });
  }
  return { abstracts, nums };
}

function decodeXmlText(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * The label of every numbered paragraph of the document body, in order (empty paragraphs included, with
 * `empty: true`), or null when the file has no numbering part.
 */
export async function wordListLabels(bytes: Uint8Array): Promise<(WordListLabel & { empty: boolean })[] | null> {
  const zip = await JSZip.loadAsync(bytes);
  const numberingFile = zip.file('word/numbering.xml');
  const documentFile = zip.file('word/document.xml');
  if (!numberingFile || !documentFile) return null;
  const { abstracts, nums } = readNumbering(await numberingFile.async('string'));
  const byStyle = new Map<string, { abstractId: string; level: number }>();
  for (const [abstractId, levels] of abstracts)
    levels.forEach((l, i) => l?.pStyle && byStyle.set(l.pStyle, { abstractId, level: i }));

  const counters = new Map<string, number[]>();
  const startedNums = new Set<string>();
  const out: (WordListLabel & { empty: boolean })[] = [];
  const doc = await documentFile.async('string');
  for (const p of doc.matchAll(/<w:p(?=[\s>])[^>]*>([\s\S]*?)<\/w:p>/g)) {
    const body = p[1];
    const pPr = /<w:pPr>([\s\S]*?)<\/w:pPr>/.exec(body)?.[1] ?? '';
    const numPr = /<w:numPr>([\s\S]*?)<\/w:numPr>/.exec(pPr)?.[1];
    let abstractId: string | null = null;
    let level = 0;
    let numId = '';
    if (numPr !== undefined) {
      numId = attr(numPr, 'w:numId') ?? '';
      const num = nums.get(numId);
      if (!num) continue; // numId 0 (numbering removed) or unknown
      abstractId = num.abstractId;
      level = Number(attr(numPr, 'w:ilvl') ?? '0');
      if (!startedNums.has(numId)) {
        startedNums.add(numId);
        // a list instance that restarts its numbering
        for (const [lvl, start] of num.starts) {
          const c = counters.get(abstractId) ?? [];
          c[lvl] = start - 1;
          counters.set(abstractId, c);
        }
      }
    } else {
      const style = attr(pPr, 'w:pStyle');
      const viaStyle = style ? byStyle.get(style) : undefined;
      if (!viaStyle) continue;
      abstractId = viaStyle.abstractId;
      level = viaStyle.level;
    }
    const levels = abstracts.get(abstractId) ?? [];
    const def = levels[level] ?? { start: 1, numFmt: 'decimal', lvlText: `%${level + 1}.`, pStyle: '' };
    const text = [...body.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => decodeXmlText(t[1])).join('');
    const empty = text.trim() === '';
    if (def.numFmt === 'bullet') {
      out.push({ label: '-', level, ordered: false, empty });
      continue;
    }
    const c = counters.get(abstractId) ?? [];
    for (let i = 0; i < level; i++) if (c[i] === undefined) c[i] = (levels[i]?.start ?? 1) - 1 + 1;
    c[level] = c[level] === undefined ? (def.start ?? 1) : c[level] + 1;
    c.length = level + 1;
    counters.set(abstractId, c);
    const label = def.lvlText.replace(/%(\d)/g, (_, d: string) => {
      const i = Number(d) - 1;
      return formatNumber(c[i] ?? levels[i]?.start ?? 1, levels[i]?.numFmt ?? 'decimal');
    });
    out.push({ label: label.trim(), level, ordered: true, empty });
  }
  return out;
}
