/**
 * What the loader (xlsx-read.ts) does to a workbook's parts before ExcelJS sees them: namespace prefixes made default
 * (WPS Office, the OpenXML SDK), data validations left out (never read; ExcelJS expands each one cell by cell), and,
 * when ExcelJS fails on the whole file, the parts that hold no cell value left aside. The parts are the ones the
 * limits' safe unzip inflated (limit-check.ts); `storedZip` packs them for ExcelJS without compressing them again.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import type { InflatedPart } from './limit-check';
import { readZipEntryBounded } from './zip-directory';

/**
 * A zip of the parts, stored (not compressed), for ExcelJS's JSZip, which reads it without inflating anything. The
 * CRC fields are left at 0: JSZip checks them only when asked (`checkCRC32`), which ExcelJS never does, and the parts
 * were inflated and checked by the limits' own unzip. Names are written as given (UTF-8 flag set).
 */
export function storedZip(parts: InflatedPart[]): Uint8Array {
  const enc = new TextEncoder();
  const names = parts.map((p) => enc.encode(p.name));
  let total = 22;
  parts.forEach((p, i) => (total += 30 + 46 + 2 * names[i].length + p.data.length));
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  const offsets: number[] = [];
  let o = 0;
  parts.forEach((p, i) => {
    offsets.push(o);
    header(view, o, 0x04034b50, names[i].length, p.data.length, false);
    out.set(names[i], o + 30);
    out.set(p.data, o + 30 + names[i].length);
    o += 30 + names[i].length + p.data.length;
  });
  const cd = o;
  parts.forEach((p, i) => {
    header(view, o, 0x02014b50, names[i].length, p.data.length, true);
    view.setUint32(o + 42, offsets[i], true);
    out.set(names[i], o + 46);
    o += 46 + names[i].length;
  });
  view.setUint32(o, 0x06054b50, true);
  view.setUint16(o + 8, parts.length, true);
  view.setUint16(o + 10, parts.length, true);
  view.setUint32(o + 12, o - cd, true);
  view.setUint32(o + 16, cd, true);
  return out;
}

/** A local (30 bytes) or central (46 bytes) header of a stored entry; the rest of it stays 0. */
function header(
  view: DataView,
  o: number,
  signature: number,
  nameLength: number,
  size: number,
  central: boolean,
): void {
  const c = central ? 2 : 0; // the central header has "version made by" before the fields both share
  view.setUint32(o, signature, true);
  view.setUint16(o + 4 + c, 20, true); // version needed
  view.setUint16(o + 6 + c, 0x0800, true); // UTF-8 names
  view.setUint32(o + 18 + c, size, true); // compressed size (method 0: stored)
  view.setUint32(o + 22 + c, size, true);
  view.setUint16(o + 26 + c, nameLength, true);
}

const SPREADSHEETML = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const PREFIXED_ROOT = /<([A-Za-z_][\w.-]*):(?:workbook|worksheet|sst|styleSheet)[\s>]/;
const PREFIX_DECLARATION = new RegExp(
  `xmlns:([A-Za-z_][\\w.-]*)="${SPREADSHEETML.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}"`,
);

/**
 * WPS Office and programs built on the OpenXML SDK may write every element with a namespace prefix
 * (`<x:worksheet xmlns:x="…spreadsheetml…"><x:sheetData>`), which is valid XML but ExcelJS only reads unprefixed
 * names. Rewrites the spreadsheetml parts with the namespace as default; returns null when nothing needs it (decided
 * on the head of xl/workbook.xml, so ordinary files cost nothing).
 */
export function unprefixParts(parts: InflatedPart[]): InflatedPart[] | null {
  const wb = parts.find((p) => p.name === 'xl/workbook.xml');
  if (!wb || !PREFIXED_ROOT.test(strFromU8(wb.data.subarray(0, 2048)))) return null;
  return parts.map(({ name, data }) => {
    if (!/\.xml$/i.test(name) || !name.startsWith('xl/')) return { name, data };
    const xml = strFromU8(data);
    const m = PREFIX_DECLARATION.exec(xml);
    if (!m) return { name, data };
    const p = m[1].replace(/[.]/g, '\\.');
    const fixed = xml.replace(new RegExp(`<(/?)${p}:`, 'g'), '<$1').replace(new RegExp(`xmlns:${p}="`), 'xmlns="');
    return { name, data: strToU8(fixed) };
  });
}

/**
 * The same, on a whole file's bytes: only xl/workbook.xml is inflated (bounded) to decide; null when nothing needs it.
 */
export function unprefixSpreadsheetXml(bytes: Uint8Array): Uint8Array | null {
  const wb = readZipEntryBounded(bytes, 'xl/workbook.xml', 16 * 1024 * 1024);
  if (!wb || !PREFIXED_ROOT.test(strFromU8(wb.subarray(0, 2048)))) return null;
  const parts = unzipParts(bytes);
  const fixed = parts && unprefixParts(parts);
  return fixed ? zipParts(fixed) : null;
}

const DATA_VALIDATIONS = strToU8('dataValidations');
const VALIDATIONS_ELEMENT = /<dataValidations\b[^>]*?(?:\/>|>[\s\S]*?<\/dataValidations>)/g;

/**
 * The worksheets without their `<dataValidations>`: tonghop reads values, never validations, and
 * ExcelJS expands every validation range cell by cell (one whole column costs it 1.5–9 s). The limits still count
 * their area first (maxRangeCells), so a file that the check refuses stays refused.
 */
export function withoutDataValidations(parts: InflatedPart[]): InflatedPart[] {
  return parts.map((part) => {
    if (!/^xl\/worksheets\/[^/]+\.xml$/i.test(part.name) || !includes(part.data, DATA_VALIDATIONS)) return part;
    const xml = strFromU8(part.data);
    const fixed = xml.replace(VALIDATIONS_ELEMENT, '');
    return fixed === xml ? part : { name: part.name, data: strToU8(fixed) };
  });
}

const EMPTY_DEFINED_NAME = /<(?:\w+:)?definedName\b[^>]*?(?:\/>|>\s*<\/(?:\w+:)?definedName>)/g;

/**
 * The workbook without its empty defined names: a name with no range covers no cell, and ExcelJS fails on one
 * ("Cannot read properties of undefined (reading 'match')"). LibreOffice writes an empty print area when it converts
 * some .xlsb files.
 */
export function withoutEmptyDefinedNames(parts: InflatedPart[]): InflatedPart[] {
  return parts.map((part) => {
    if (part.name !== 'xl/workbook.xml') return part;
    const xml = strFromU8(part.data);
    const fixed = xml.replace(EMPTY_DEFINED_NAME, '');
    return fixed === xml ? part : { name: part.name, data: strToU8(fixed) };
  });
}

function includes(hay: Uint8Array, needle: Uint8Array): boolean {
  const first = needle[0];
  const last = hay.length - needle.length;
  outer: for (let i = hay.indexOf(first); i >= 0 && i <= last; i = hay.indexOf(first, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Parts that hold no cell value, by folder, with the Vietnamese name a clerk knows them by. */
const NON_VALUE_PARTS: [RegExp, string][] = [
  [/^xl\/tables\//, 'bảng định dạng (Format as Table)'],
  [/^xl\/(comments\d*\.xml|comments\/|threadedComments\/|persons\/)/, 'chú thích (comment)'],
  [/^xl\/(drawings|media|charts|embeddings|activeX|ctrlProps)\//, 'hình, biểu đồ, đối tượng nhúng'],
  [/^xl\/(pivotTables|pivotCache)\//, 'bảng tổng hợp (PivotTable)'],
  [/^xl\/(slicers|slicerCaches|timelines|timelineCaches|queryTables)\//, 'bộ lọc, truy vấn'],
  [/^xl\/externalLinks\//, 'liên kết ngoài'],
];
const SHEET_NON_VALUE_ELEMENTS = ['tableParts', 'extLst', 'conditionalFormatting', 'controls', 'oleObjects', 'picture'];
const SHEET_NON_VALUE_EMPTY = ['drawing', 'legacyDrawing', 'legacyDrawingHF', 'tablePart'];

/**
 * The workbook with only what holds cell values: worksheets, shared strings, styles, the workbook part and their
 * relationships. Used when ExcelJS fails on the whole file; returns what was left aside, or null when nothing was.
 */
export function valuesOnlyParts(parts: InflatedPart[]): { parts: InflatedPart[]; dropped: string[] } | null {
  const dropped = new Set<string>();
  const removed = new Set<string>();
  for (const { name } of parts) {
    const hit = NON_VALUE_PARTS.find(([re]) => re.test(name));
    if (hit) {
      removed.add(name);
      dropped.add(hit[1]);
    }
  }
  let changed = removed.size > 0;
  const out: InflatedPart[] = [];
  for (const { name, data } of parts) {
    if (removed.has(name)) continue;
    const fixed = name.endsWith('.rels')
      ? valuesOnlyRels(name, strFromU8(data), removed)
      : /^xl\/worksheets\/[^/]+\.xml$/.test(name) || name === 'xl/workbook.xml'
        ? valuesOnlySheet(name, strFromU8(data))
        : null;
    if (fixed !== null && fixed.changed) changed = true;
    out.push({ name, data: fixed === null ? data : strToU8(fixed.xml) });
  }
  return changed ? { parts: out, dropped: [...dropped].sort() } : null;
}

function valuesOnlyRels(name: string, xml: string, removed: Set<string>): { xml: string; changed: boolean } {
  const base = name.replace(/_rels\/[^/]+\.rels$/, '');
  const fixed = xml.replace(/<Relationship\b[^>]*?\/>/g, (rel) => {
    const target = /Target="([^"]*)"/.exec(rel)?.[1] ?? '';
    if (/TargetMode="External"/.test(rel)) return /hyperlink/.test(rel) ? rel : '';
    const resolved = resolvePart(base, target);
    return removed.has(resolved) || NON_VALUE_PARTS.some(([re]) => re.test(resolved)) ? '' : rel;
  });
  return { xml: fixed, changed: fixed !== xml };
}

function valuesOnlySheet(name: string, before: string): { xml: string; changed: boolean } {
  let xml = before;
  for (const el of SHEET_NON_VALUE_ELEMENTS)
    xml = xml.replace(new RegExp(`<${el}\\b[^>]*?(?:/>|>[\\s\\S]*?</${el}>)`, 'g'), '');
  for (const el of SHEET_NON_VALUE_EMPTY) xml = xml.replace(new RegExp(`<${el}\\b[^>]*?/>`, 'g'), '');
  if (name === 'xl/workbook.xml') xml = xml.replace(/<(pivotCaches|externalReferences)\b[\s\S]*?<\/\1>/g, '');
  return { xml, changed: xml !== before };
}

/** The same, on a whole file's bytes (unzipped here). */
export function valuesOnlyWorkbook(bytes: Uint8Array): { bytes: Uint8Array; dropped: string[] } | null {
  const parts = unzipParts(bytes);
  const kept = parts && valuesOnlyParts(parts);
  return kept ? { bytes: zipParts(kept.parts), dropped: kept.dropped } : null;
}

/** A relationship target as a part name: "/xl/tables/table1.xml" or "../tables/table1.xml" from "xl/worksheets/". */
function resolvePart(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = (base + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

function unzipParts(bytes: Uint8Array): InflatedPart[] | null {
  try {
    return Object.entries(unzipSync(bytes)).map(([name, data]) => ({ name, data }));
  } catch {
    return null;
  }
}

function zipParts(parts: InflatedPart[]): Uint8Array {
  const z: Zippable = {};
  for (const p of parts) z[p.name] = p.data;
  return zipSync(z, { level: 1 });
}
