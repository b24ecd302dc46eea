/**
 * Test helper: every cell of a written .xlsx as its XML says it (type attribute, text, formula), read with JSZip and
 * regular expressions so that nothing is interpreted on the way (the injection tests).
 */
import JSZip from 'jszip';

export interface XmlCell {
  part: string;
  /** The sheet's name, as the workbook lists it (xl/workbook.xml through its relationships). */
  sheet: string;
  ref: string;
  /** The t attribute: s (shared string), inlineStr, str (formula text result), n, b, e, d or '' */
  t: string;
  text: string;
  formula: string | null;
}

export function decodeXml(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/_x([0-9A-F]{4})_/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function texts(xml: string): string {
  return [...xml.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g)].map((m) => decodeXml(m[1])).join('');
}

/** Worksheet part → sheet name. */
async function sheetNames(zip: JSZip): Promise<Map<string, string>> {
  const wb = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
  const rels = (await zip.file('xl/_rels/workbook.xml.rels')?.async('string')) ?? '';
  const target = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
    const t = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
    if (id && t) target.set(id, t.replace(/^\/?(xl\/)?/, 'xl/'));
  }
  const out = new Map<string, string>();
  for (const m of wb.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const id = /\br:id="([^"]+)"/.exec(m[0])?.[1];
    const part = id ? target.get(id) : undefined;
    if (name !== undefined && part) out.set(part, decodeXml(name));
  }
  return out;
}

export async function xlsxCells(bytes: Uint8Array): Promise<XmlCell[]> {
  const zip = await JSZip.loadAsync(bytes);
  const sstXml = (await zip.file('xl/sharedStrings.xml')?.async('string')) ?? '';
  const sst = [...sstXml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => texts(m[1]));
  const names = await sheetNames(zip);
  const cells: XmlCell[] = [];
  for (const part of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n))) {
    const xml = await zip.file(part)!.async('string');
    for (const m of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = m[1];
      const body = m[2] ?? '';
      const ref = /\br="([^"]+)"/.exec(attrs)?.[1] ?? '';
      const t = /\bt="([^"]+)"/.exec(attrs)?.[1] ?? '';
      const f = /<f[^>]*>([\s\S]*?)<\/f>|<f[^>]*\/>/.exec(body);
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let text = '';
      if (t === 's' && v !== undefined) text = sst[Number(v)] ?? '';
      else if (t === 'inlineStr') text = texts(body);
      else if (v !== undefined) text = decodeXml(v);
      cells.push({ part, sheet: names.get(part) ?? '', ref, t, text, formula: f ? decodeXml(f[1] ?? '') : null });
    }
  }
  return cells;
}
