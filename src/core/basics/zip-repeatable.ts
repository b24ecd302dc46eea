/**
 * Repeatable zips: the same content gives the same bytes, whenever it is written. ExcelJS, JSZip, archiver and the
 * docx library stamp every zip entry with the time of writing and write that moment into the document properties
 * (`docProps/core.xml`: created, modified), so the same consolidation written twice differed. `repeatableZip`
 * rebuilds a zip around its entries' compressed data (never inflated again, except the small core properties part):
 * every entry dated the given day, no extra fields (where zip tools keep more times), no data descriptors, the
 * properties' dates set to that day, the random ids ExcelJS gives data bars replaced by ids in order. Entry order,
 * names and the compressed bytes of every other part stay as the writer made them.
 * `zipTimePatches` gives the few bytes to change in a zip too large to hold (the streamed summary): the entries'
 * dates only, in place.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import type { IsoDate } from './dates';

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const CORE_PROPERTIES = 'docProps/core.xml';

/** Eight tables of 256 entries: table k gives the CRC of a byte followed by k zero bytes (slicing by 8). */
let crcTables: Uint32Array | null = null;

function tables(): Uint32Array {
  if (crcTables) return crcTables;
  const t = new Uint32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  for (let n = 0; n < 256; n++)
    for (let k = 1; k < 8; k++) t[k * 256 + n] = (t[(k - 1) * 256 + n] >>> 8) ^ t[t[(k - 1) * 256 + n] & 0xff];
  crcTables = t;
  return t;
}

/**
 * CRC-32 as zip uses it. Eight bytes a step through eight tables (every part of every file read is checked, so this
 * is on the reading's path); the bytes left over one at a time.
 */
export function crc32(data: Uint8Array): number {
  const t = tables();
  let crc = 0xffffffff;
  let i = 0;
  const whole = data.length - (data.length % 8);
  for (; i < whole; i += 8) {
    const a = (crc ^ (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24))) >>> 0;
    crc =
      t[1792 + (a & 0xff)] ^
      t[1536 + ((a >>> 8) & 0xff)] ^
      t[1280 + ((a >>> 16) & 0xff)] ^
      t[1024 + (a >>> 24)] ^
      t[768 + data[i + 4]] ^
      t[512 + data[i + 5]] ^
      t[256 + data[i + 6]] ^
      t[data[i + 7]];
  }
  for (; i < data.length; i++) crc = t[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A day as zip's MS-DOS time and date (midnight; DOS dates start in 1980). */
export function dosDateTime(day: IsoDate): { time: number; date: number } {
  const [y, m, d] = day.split('-').map(Number);
  const year = Math.min(2107, Math.max(1980, y));
  return { time: 0, date: ((year - 1980) << 9) | (m << 5) | d };
}

interface End {
  at: number;
  entries: number;
  cdSize: number;
  cdOffset: number;
  commentLength: number;
}

/** The end-of-central-directory record, or null (not a zip, or a zip64 this module leaves alone). */
function findEnd(bytes: Uint8Array, base = 0, total = bytes.length + base): End | null {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (v.getUint32(i, true) !== END) continue;
    const commentLength = v.getUint16(i + 20, true);
    if (i + 22 + commentLength !== bytes.length) continue; // a signature inside the comment
    const entries = v.getUint16(i + 10, true);
    const cdSize = v.getUint32(i + 12, true);
    const cdOffset = v.getUint32(i + 16, true);
    if (entries === 0xffff || cdOffset === 0xffffffff || cdOffset + cdSize > total) return null;
    return { at: i + base, entries, cdSize, cdOffset, commentLength };
  }
  return null;
}

interface Entry {
  name: Uint8Array;
  nameText: string;
  versionMadeBy: number;
  versionNeeded: number;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  internalAttrs: number;
  externalAttrs: number;
  data: Uint8Array;
}

function readEntries(bytes: Uint8Array, end: End): Entry[] | null {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Entry[] = [];
  let p = end.cdOffset;
  for (let i = 0; i < end.entries; i++) {
    if (p + 46 > bytes.length || v.getUint32(p, true) !== CENTRAL) return null;
    const nameLength = v.getUint16(p + 28, true);
    const extraLength = v.getUint16(p + 30, true);
    const commentLength = v.getUint16(p + 32, true);
    const local = v.getUint32(p + 42, true);
    const compressedSize = v.getUint32(p + 20, true);
    if (local + 30 > bytes.length || v.getUint32(local, true) !== LOCAL) return null;
    const start = local + 30 + v.getUint16(local + 26, true) + v.getUint16(local + 28, true);
    if (start + compressedSize > bytes.length || compressedSize === 0xffffffff) return null;
    const name = bytes.subarray(p + 46, p + 46 + nameLength);
    out.push({
      name,
      nameText: strFromU8(name),
      versionMadeBy: v.getUint16(p + 4, true),
      versionNeeded: v.getUint16(p + 6, true),
      flags: v.getUint16(p + 8, true) & ~0x0008, // sizes and CRC go into the local header: no data descriptor
      method: v.getUint16(p + 10, true),
      crc: v.getUint32(p + 16, true),
      compressedSize,
      size: v.getUint32(p + 24, true),
      internalAttrs: v.getUint16(p + 36, true),
      externalAttrs: v.getUint32(p + 38, true),
      data: bytes.subarray(start, start + compressedSize),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}

/** The entry with its text changed by `change` (inflated and deflated again only when the text changes). */
function rewritten(e: Entry, change: (xml: string) => string): Entry {
  if ((e.method !== 0 && e.method !== 8) || e.size > MAX_REWRITTEN) return e;
  const xml = strFromU8(e.method === 8 ? inflateSync(e.data, { out: new Uint8Array(e.size) }) : e.data);
  const changed = change(xml);
  if (changed === xml) return e;
  const raw = strToU8(changed);
  const data = deflateSync(raw, { level: 6 });
  return { ...e, method: 8, crc: crc32(raw), size: raw.length, compressedSize: data.length, data };
}

/** Parts larger than this are never rewritten (a streamed summary's sheets: written without random ids). */
const MAX_REWRITTEN = 64 * 1024 * 1024;

/** The core properties with their dates (created, modified, last printed) set to the day. */
function datedCoreProperties(xml: string, day: IsoDate): string {
  const stamp = `${day}T00:00:00Z`;
  return xml.replace(
    /(<(dcterms:created|dcterms:modified|cp:lastPrinted)\b[^>]*>)[^<]*(<\/\2>)/g,
    (_m, open: string, _tag: string, close: string) => `${open}${stamp}${close}`,
  );
}

/** A data bar's id: the text of `<x14:id>` and the `id` attribute of its `x14:cfRule` (not an extension's uri). */
const DATA_BAR_ID =
  /(<x14:id>|<x14:cfRule [^>]*\bid=")(\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\})/g;

/**
 * A worksheet's data bars with ids in order instead of random ones (ExcelJS draws a new GUID for each data bar's
 * extension every time it writes): each id, wherever it appears, becomes the next of a counter kept for the zip.
 * The extensions' uris, which name what Excel reads there, stay as they are.
 */
function orderedDataBarIds(xml: string, next: () => number): string {
  if (!xml.includes('x14:cfRule')) return xml;
  const ids = new Map<string, string>();
  return xml.replace(DATA_BAR_ID, (_m, before: string, g: string) => {
    let id = ids.get(g.toUpperCase());
    if (!id) {
      id = `{00000000-0000-4000-8000-${next().toString(16).toUpperCase().padStart(12, '0')}}`;
      ids.set(g.toUpperCase(), id);
    }
    return before + id;
  });
}

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;

/**
 * The zip rebuilt so that its bytes depend on its content only (see the module's comment); a comment is set when
 * given. Bytes that are no zip this module understands (zip64, damaged) are returned as they are.
 */
export function repeatableZip(bytes: Uint8Array, day: IsoDate, comment = ''): Uint8Array {
  const end = findEnd(bytes);
  const entries = end && readEntries(bytes, end);
  if (!end || !entries) return bytes;
  const { time, date } = dosDateTime(day);
  let count = 0;
  const next = () => ++count;
  const dated = entries.map((e) => {
    if (e.nameText === CORE_PROPERTIES) return rewritten(e, (xml) => datedCoreProperties(xml, day));
    if (WORKSHEET.test(e.nameText)) return rewritten(e, (xml) => orderedDataBarIds(xml, next));
    return e;
  });
  const commentBytes = strToU8(comment);
  const localSize = dated.reduce((n, e) => n + 30 + e.name.length + e.data.length, 0);
  const centralSize = dated.reduce((n, e) => n + 46 + e.name.length, 0);
  const out = new Uint8Array(localSize + centralSize + 22 + commentBytes.length);
  const v = new DataView(out.buffer);
  let p = 0;
  const offsets: number[] = [];
  for (const e of dated) {
    offsets.push(p);
    v.setUint32(p, LOCAL, true);
    v.setUint16(p + 4, e.versionNeeded, true);
    v.setUint16(p + 6, e.flags, true);
    v.setUint16(p + 8, e.method, true);
    v.setUint16(p + 10, time, true);
    v.setUint16(p + 12, date, true);
    v.setUint32(p + 14, e.crc, true);
    v.setUint32(p + 18, e.compressedSize, true);
    v.setUint32(p + 22, e.size, true);
    v.setUint16(p + 26, e.name.length, true);
    out.set(e.name, p + 30);
    out.set(e.data, p + 30 + e.name.length);
    p += 30 + e.name.length + e.data.length;
  }
  dated.forEach((e, i) => {
    v.setUint32(p, CENTRAL, true);
    v.setUint16(p + 4, e.versionMadeBy, true);
    v.setUint16(p + 6, e.versionNeeded, true);
    v.setUint16(p + 8, e.flags, true);
    v.setUint16(p + 10, e.method, true);
    v.setUint16(p + 12, time, true);
    v.setUint16(p + 14, date, true);
    v.setUint32(p + 16, e.crc, true);
    v.setUint32(p + 20, e.compressedSize, true);
    v.setUint32(p + 24, e.size, true);
    v.setUint16(p + 28, e.name.length, true);
    v.setUint16(p + 36, e.internalAttrs, true);
    v.setUint32(p + 38, e.externalAttrs, true);
    v.setUint32(p + 42, offsets[i], true);
    out.set(e.name, p + 46);
    p += 46 + e.name.length;
  });
  v.setUint32(p, END, true);
  v.setUint16(p + 8, dated.length, true);
  v.setUint16(p + 10, dated.length, true);
  v.setUint32(p + 12, centralSize, true);
  v.setUint32(p + 16, localSize, true);
  v.setUint16(p + 20, commentBytes.length, true);
  out.set(commentBytes, p + 22);
  return out;
}

/** The zip's comment (the text after its directory), or null when the bytes are no zip. */
export function zipComment(bytes: Uint8Array): string | null {
  const end = findEnd(bytes);
  return end ? strFromU8(bytes.subarray(end.at + 22)) : null;
}

/** The same zip with another comment (nothing else changes); null when the bytes are no zip. */
export function withZipComment(bytes: Uint8Array, comment: string): Uint8Array | null {
  const end = findEnd(bytes);
  if (!end) return null;
  const text = strToU8(comment);
  const out = new Uint8Array(end.at + 22 + text.length);
  out.set(bytes.subarray(0, end.at + 22));
  new DataView(out.buffer).setUint16(end.at + 20, text.length, true);
  out.set(text, end.at + 22);
  return out;
}

/**
 * For a zip too large to rebuild in memory: given its last bytes (`tail`, which must hold the whole central
 * directory and the end record; `tailStart` is where they begin in the file of `fileSize` bytes), the places where the entries' dates are written and the bytes to put there (both in the
 * central directory and in each local header). Null when the zip is not one this module understands.
 */
export function zipTimePatches(
  tail: Uint8Array,
  tailStart: number,
  fileSize: number,
  day: IsoDate,
): { offset: number; bytes: Uint8Array }[] | null {
  const end = findEnd(tail, tailStart, fileSize);
  if (!end || end.cdOffset < tailStart) return null;
  const v = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  const { time, date } = dosDateTime(day);
  const stamp = new Uint8Array([time & 0xff, time >> 8, date & 0xff, date >> 8]);
  const out: { offset: number; bytes: Uint8Array }[] = [];
  let p = end.cdOffset - tailStart;
  for (let i = 0; i < end.entries; i++) {
    if (p + 46 > tail.length || v.getUint32(p, true) !== CENTRAL) return null;
    out.push({ offset: tailStart + p + 12, bytes: stamp });
    out.push({ offset: v.getUint32(p + 42, true) + 10, bytes: stamp });
    p += 46 + v.getUint16(p + 28, true) + v.getUint16(p + 30, true) + v.getUint16(p + 32, true);
  }
  return out;
}
