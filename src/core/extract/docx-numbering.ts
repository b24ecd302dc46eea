/**
 * Word's automatic list numbers as Word shows them ("1.", "1.2.", "a)", "II."), computed from the document's own
 * numbering definitions (word/numbering.xml: number format and level text per list level) in document order.
 * mammoth does not expose the number format; this reads the parts it reads, with JSZip and the XML parser saxes
 * (both pure JavaScript: Node and browser).
 */
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';

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

/** An XML element as the parser (saxes) reads it: entities decoded, attributes by qualified name. */
interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** Word's XML parts read into a small element tree. */
export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack = [root];
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    const el: XmlElement = { name: tag.name, attrs: tag.attributes as Record<string, string>, children: [], text: '' };
    stack[stack.length - 1].children.push(el);
    stack.push(el); // saxes reports a closing tag for a self-closing one too
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('text', (t) => void (stack[stack.length - 1].text += t));
  parser.write(xml).close();
  return root;
}

const child = (el: XmlElement | undefined, name: string) => el?.children.find((c) => c.name === name);
const childrenNamed = (el: XmlElement | undefined, name: string) => el?.children.filter((c) => c.name === name) ?? [];
/** The `w:val` of a child element (`<w:numFmt w:val="decimal"/>`), or null. */
const val = (el: XmlElement | undefined, name: string): string | null => child(el, name)?.attrs['w:val'] ?? null;

/** Every element named `name` under `el`, in document order, not looking inside one found. */
function descendants(el: XmlElement, name: string, out: XmlElement[] = []): XmlElement[] {
  for (const c of el.children) {
    if (c.name === name) out.push(c);
    else descendants(c, name, out);
  }
  return out;
}

const textOf = (el: XmlElement): string =>
  el.children.map((c) => (c.name === 'w:t' ? c.text : c.name === 'w:p' ? '' : textOf(c))).join('');

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

type Nums = Map<string, { abstractId: string; starts: Map<number, number> }>;

function readNumbering(xml: string): { abstracts: Map<string, LevelDef[]>; nums: Nums } {
  const numbering = child(parseXml(xml), 'w:numbering');
  const abstracts = new Map<string, LevelDef[]>();
  for (const a of childrenNamed(numbering, 'w:abstractNum')) {
    const levels: LevelDef[] = [];
    for (const l of childrenNamed(a, 'w:lvl')) {
      levels[Number(l.attrs['w:ilvl'] ?? '0')] = {
        start: Number(val(l, 'w:start') ?? '1'),
        numFmt: val(l, 'w:numFmt') ?? 'decimal',
        lvlText: val(l, 'w:lvlText') ?? '',
        pStyle: val(l, 'w:pStyle') ?? '',
      };
    }
    abstracts.set(a.attrs['w:abstractNumId'] ?? '', levels);
  }
  const nums: Nums = new Map();
  for (const n of childrenNamed(numbering, 'w:num')) {
    const abstractId = val(n, 'w:abstractNumId');
    if (abstractId === null) continue;
    const starts = new Map<number, number>();
    for (const o of childrenNamed(n, 'w:lvlOverride')) {
      const start = val(o, 'w:startOverride');
      if (start !== null) starts.set(Number(o.attrs['w:ilvl'] ?? '0'), Number(start));
    }
    nums.set(n.attrs['w:numId'] ?? '', { abstractId, starts });
  }
  return { abstracts, nums };
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
  const doc = parseXml(await documentFile.async('string'));
  for (const p of descendants(doc, 'w:p')) {
    const pPr = child(p, 'w:pPr');
    const numPr = child(pPr, 'w:numPr');
    let abstractId: string | null = null;
    let level = 0;
    let numId = '';
    if (numPr !== undefined) {
      numId = val(numPr, 'w:numId') ?? '';
      const num = nums.get(numId);
      if (!num) continue; // numId 0 (numbering removed) or unknown
      abstractId = num.abstractId;
      level = Number(val(numPr, 'w:ilvl') ?? '0');
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
      const style = val(pPr, 'w:pStyle');
      const viaStyle = style ? byStyle.get(style) : undefined;
      if (!viaStyle) continue;
      abstractId = viaStyle.abstractId;
      level = viaStyle.level;
    }
    const levels = abstracts.get(abstractId) ?? [];
    const def = levels[level] ?? { start: 1, numFmt: 'decimal', lvlText: `%${level + 1}.`, pStyle: '' };
    const text = textOf(p);
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
