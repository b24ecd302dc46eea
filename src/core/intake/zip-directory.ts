/**
 * A zip read as JSZip (ExcelJS's unzipper) reads it, without trusting it: the central directory (every name an entry
 * goes by), the compressed data of an entry, and inflation in small slices that the caller can stop (limits.ts).
 */
import { Inflate, inflateSync } from 'fflate';
import { DEFAULT_LIMITS, type Limits } from './limits';
import { NOT_READ, Refused, num, refuse } from './limit-messages';
import { crc32 } from '../basics/zip-repeatable';

const CHUNK = 8 * 1024;

export interface ZipEntry {
  /** The name shown in messages: the local header's, which is the one JSZip uses. */
  name: string;
  /** Every name the entry goes by (central directory, local header, Unicode-path extra field): a part is judged by
   * the most dangerous of them, so that a name JSZip or ExcelJS would read differently cannot hide an XML part. */
  names: string[];
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  /** A folder, as JSZip tells one (its attributes, or a name ending in "/"): ExcelJS skips it. */
  dir: boolean;
  /** The CRC-32 the directory declares for the inflated data. */
  crc: number;
}

export const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
export const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000;
const u64 = (b: Uint8Array, o: number) => u32(b, o) + u32(b, o + 4) * 0x100000000;

export const utf8 = new TextDecoder('utf-8', { fatal: false });

/**
 * The central directory, read as JSZip (ExcelJS's unzipper) reads it: the last end-of-directory record anywhere in
 * the file, offsets shifted by any bytes prepended to the zip. Null when there is none (not a zip, truncated):
 * ExcelJS then says why it cannot load it.
 */
export function centralDirectory(bytes: Uint8Array, limits: Limits): ZipEntry[] | null {
  let eocd = -1;
  for (let i = bytes.length - 22; i >= 0; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const declaredCount = u16(bytes, eocd + 10);
  const cdSize = u32(bytes, eocd + 12);
  const cdOffset0 = u32(bytes, eocd + 16);
  if (declaredCount === 0xffff || cdOffset0 === 0xffffffff) {
    refuse('limit.zip64', `Tệp nén dạng ZIP64 (dành cho tệp trên 4 GB), không phải bảng tính báo cáo; ${NOT_READ}.`);
  }
  if (declaredCount > limits.maxEntries) {
    refuse(
      'limit.zip_entries',
      `Tệp nén khai báo ${num(declaredCount)} mục, vượt giới hạn ${num(limits.maxEntries)} mục; ${NOT_READ}.`,
    );
  }
  // bytes before the zip (JSZip's "zero"): every offset is shifted by them
  const zero = Math.max(0, eocd - (cdOffset0 + cdSize));
  const entries: ZipEntry[] = [];
  let p = cdOffset0 + zero;
  while (p + 46 <= bytes.length && u32(bytes, p) === 0x02014b50) {
    if (entries.length >= limits.maxEntries) {
      refuse('limit.zip_entries', `Tệp nén chứa hơn ${num(limits.maxEntries)} mục, vượt giới hạn; ${NOT_READ}.`);
    }
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    const central = bytes.subarray(p + 46, p + 46 + nameLen);
    const e: ZipEntry = {
      flags: u16(bytes, p + 8),
      method: u16(bytes, p + 10),
      compressedSize: u32(bytes, p + 20),
      size: u32(bytes, p + 24),
      localOffset: u32(bytes, p + 42),
      name: utf8.decode(central),
      names: [utf8.decode(central), latin1(central)],
      dir: (u32(bytes, p + 38) & 0x10) !== 0,
      crc: u32(bytes, p + 16),
    };
    const extra = bytes.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen);
    if (e.size === 0xffffffff || e.compressedSize === 0xffffffff || e.localOffset === 0xffffffff)
      readZip64Extra(extra, e);
    e.localOffset += zero;
    const unicodePath = extraField(extra, 0x7075);
    if (unicodePath && unicodePath.length > 5) e.names.push(utf8.decode(unicodePath.subarray(5)));
    const lo = e.localOffset;
    if (lo + 30 <= bytes.length && u32(bytes, lo) === 0x04034b50) {
      const local = bytes.subarray(lo + 30, Math.min(bytes.length, lo + 30 + u16(bytes, lo + 26)));
      e.name = utf8.decode(local);
      e.names.push(e.name, latin1(local));
    }
    if (e.name.includes('\\')) {
      // `xl\workbook.xml` (some zip tools): the part ExcelJS knows as `xl/workbook.xml`, judged under both names
      e.names.push(...e.names.map((n) => n.replace(/\\/g, '/')));
      e.name = e.name.replace(/\\/g, '/');
    }
    if (e.name.endsWith('/')) e.dir = true;
    entries.push(e);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
  return s;
}

/** The data of one extra field (by id) of a zip entry, or null. */
function extraField(extra: Uint8Array, id: number): Uint8Array | null {
  let q = 0;
  while (q + 4 <= extra.length) {
    const size = u16(extra, q + 2);
    if (u16(extra, q) === id) return extra.subarray(q + 4, Math.min(extra.length, q + 4 + size));
    q += 4 + size;
  }
  return null;
}

function readZip64Extra(extra: Uint8Array, e: ZipEntry): void {
  const f = extraField(extra, 0x0001);
  if (!f) return;
  let r = 0;
  if (e.size === 0xffffffff && r + 8 <= f.length) {
    e.size = u64(f, r);
    r += 8;
  }
  if (e.compressedSize === 0xffffffff && r + 8 <= f.length) {
    e.compressedSize = u64(f, r);
    r += 8;
  }
  if (e.localOffset === 0xffffffff && r + 8 <= f.length) e.localOffset = u64(f, r);
}

/** The compressed bytes of an entry, found as JSZip finds them; null when JSZip could not read it either. */
export function compressedData(bytes: Uint8Array, e: ZipEntry): Uint8Array | null {
  if (e.flags & 1) return null; // encrypted: the loader refuses it
  const lo = e.localOffset;
  if (lo + 30 > bytes.length || u32(bytes, lo) !== 0x04034b50) return null; // the loader says the zip is broken
  if (e.method !== 0 && e.method !== 8) return null; // JSZip knows only stored and deflated entries
  const start = lo + 30 + u16(bytes, lo + 26) + u16(bytes, lo + 28);
  return bytes.subarray(Math.min(start, bytes.length), Math.min(start + e.compressedSize, bytes.length));
}

/**
 * Inflates in 8 KB slices, so that `take` can stop it (by throwing Refused) after a few megabytes at most. False when
 * the deflate stream is broken (the loader then fails on it and says so).
 */
export function inflateChunks(e: ZipEntry, data: Uint8Array, take: (chunk: Uint8Array) => void): boolean {
  if (e.method === 0) {
    for (let i = 0; i < data.length; i += CHUNK) take(data.subarray(i, i + CHUNK));
    return true;
  }
  if (data.length > 0 && data.length <= CHUNK) {
    // one slice: inflated at once into a buffer one byte longer than declared (the bound on work is the one of a
    // single slice of the stream below: CHUNK × the deflate ratio); only an entry that fits is taken so, anything
    // else (a lie, a broken stream) goes through the stream below, which judges it exactly as before
    const out = inflateAtOnce(data, e.size);
    if (out) {
      take(out);
      return true;
    }
  }
  const inflater = new Inflate((chunk) => take(chunk));
  try {
    for (let i = 0; i < data.length; i += CHUNK) inflater.push(data.subarray(i, i + CHUNK), i + CHUNK >= data.length);
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
    return true;
  } catch (err) {
    if (err instanceof Refused) throw err;
    return false;
  }
}

function inflateAtOnce(data: Uint8Array, size: number): Uint8Array | null {
  try {
    const out = inflateSync(data, { out: new Uint8Array(size + 1) });
    return out.length <= size ? out : null;
  } catch {
    return null;
  }
}

export { crc32 };

/**
 * One entry of a zip (by name), inflated only while it stays within what it declares and within maxBytes: for
 * looking inside a file before the limits are checked (is it an .ods? a WPS workbook?). Null when the entry is
 * missing, bigger, lying about its size, or the zip is broken.
 */
export function readZipEntryBounded(bytes: Uint8Array, name: string, maxBytes: number): Uint8Array | null {
  try {
    const entry = centralDirectory(bytes, { ...DEFAULT_LIMITS, maxEntries: 0xfffe })?.find((x) =>
      x.names.includes(name),
    );
    if (!entry || entry.size > maxBytes) return null;
    const data = compressedData(bytes, entry);
    if (!data) return null;
    const out = new Uint8Array(entry.size);
    let n = 0;
    inflateChunks(entry, data, (chunk) => {
      if (n + chunk.length > out.length) refuse('limit.zip_mismatch', '');
      out.set(chunk, n);
      n += chunk.length;
    });
    return n === out.length ? out : null;
  } catch {
    return null;
  }
}
