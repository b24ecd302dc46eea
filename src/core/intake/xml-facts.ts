/**
 * What the limits' XML scan (xml-scan.ts) knows of parts and ranges: the kind of a part as ExcelJS would parse it,
 * the cells a range covers, the attributes of a tag.
 */
import { decodeXmlEntities } from '../basics/xml';
import { type ZipEntry, utf8 } from './zip-directory';

export type PartKind = 'sheet' | 'strings' | 'workbook' | 'workbookRels' | 'other';

/**
 * What ExcelJS would parse a part as. Its own tests are unanchored (`/xl\/worksheets\/sheet(\d+)[.]xml/` matches
 * "a/xl/worksheets/sheet1.xml.png" too) and it drops a leading "/", so these are as loose: any name with ".xml",
 * ".rels" or ".vml" in it is scanned as XML.
 */
export function partKind(name: string): PartKind | null {
  if (!/\.(xml|rels|vml)/i.test(name)) return null;
  if (/xl\/worksheets\/(?!_rels\/)[^/]*\.xml/i.test(name)) return 'sheet';
  if (/xl\/sharedStrings\.xml/i.test(name)) return 'strings';
  if (/^\/?xl\/workbook\.xml$/i.test(name)) return 'workbook';
  if (/^\/?xl\/_rels\/workbook\.xml\.rels$/i.test(name)) return 'workbookRels';
  return 'other';
}

export const KIND_RANK: Record<PartKind, number> = { sheet: 0, strings: 1, workbook: 2, workbookRels: 3, other: 4 };

/** The kind of an entry by the most dangerous of its names. */
export function entryKind(e: ZipEntry): PartKind | null {
  let best: PartKind | null = null;
  for (const n of e.names) {
    const k = partKind(n);
    if (k && (best === null || KIND_RANK[k] < KIND_RANK[best])) best = k;
  }
  return best;
}

export const MAX_COL = 16_384;
const MAX_ROW = 1_048_576;

/** Cells covered by a space-separated list of refs ("B2:D10 F1", "A:A", "3:5"); what ExcelJS visits one by one. */
export function rangeArea(ref: string): number {
  let total = 0;
  for (const part of ref.trim().split(/\s+/)) {
    const [a, b, extra] = part.split(':');
    const left = refSide(a ?? '');
    if (!left || extra !== undefined) continue;
    if (b === undefined) {
      total += 1;
      continue;
    }
    const right = refSide(b) ?? left;
    const cols = Math.abs((right.col ?? MAX_COL) - (left.col ?? 1)) + 1;
    const rows = Math.abs((right.row ?? MAX_ROW) - (left.row ?? 1)) + 1;
    total += cols * rows;
  }
  return total;
}

function refSide(s: string): { col: number | null; row: number | null } | null {
  const m = /^\$?([A-Za-z]{0,7})\$?(\d{0,12})$/.exec(s);
  if (!m || (!m[1] && !m[2])) return null;
  return { col: m[1] ? colNumber(m[1]) : null, row: m[2] ? Number(m[2]) : null };
}

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function attributes(raw: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  const text = utf8.decode(raw);
  const re = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const value = decodeXmlEntities(m[2] ?? m[3] ?? '');
    out.set(m[1], value);
    const local = m[1].slice(m[1].indexOf(':') + 1);
    if (!out.has(local)) out.set(local, value);
  }
  return out;
}
