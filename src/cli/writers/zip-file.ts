/**
 * A zip written part by part straight into a file (the summary workbook of thousands of files): each part's text
 * is compressed as it is made, by zlib on a thread of its own, and its sizes and CRC written into its header once
 * known, so that no part is ever held whole. The zip is repeatable as zip-repeatable.ts makes the others: every
 * entry dated the given day, no extra fields, no data descriptors, the parts in the order given.
 */
import { once } from 'node:events';
import { promises as fs } from 'node:fs';
import * as zlib from 'node:zlib';
import { type IsoDate, type XmlPart, dosDateTime } from '../../core';

/** zlib's level: 6 (its default) compresses about as well as ExcelJS's writer does. */
const LEVEL = 6;
/** Text handed to zlib in pieces of about this many characters. */
const PIECE = 1 << 16;

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;

interface Written {
  name: Buffer;
  crc: number;
  size: number;
  compressed: number;
  offset: number;
}

function localHeader(name: Buffer, time: number, date: number, w?: Written): Buffer {
  const b = Buffer.alloc(30 + name.length);
  b.writeUInt32LE(LOCAL, 0);
  b.writeUInt16LE(20, 4); // version needed: deflate
  b.writeUInt16LE(0, 6); // flags
  b.writeUInt16LE(8, 8); // deflated
  b.writeUInt16LE(time, 10);
  b.writeUInt16LE(date, 12);
  b.writeUInt32LE(w?.crc ?? 0, 14);
  b.writeUInt32LE(w?.compressed ?? 0, 18);
  b.writeUInt32LE(w?.size ?? 0, 22);
  b.writeUInt16LE(name.length, 26);
  b.writeUInt16LE(0, 28);
  name.copy(b, 30);
  return b;
}

function centralEntry(w: Written, time: number, date: number): Buffer {
  const b = Buffer.alloc(46 + w.name.length);
  b.writeUInt32LE(CENTRAL, 0);
  b.writeUInt16LE(20, 4); // made by
  b.writeUInt16LE(20, 6);
  b.writeUInt16LE(0, 8);
  b.writeUInt16LE(8, 10);
  b.writeUInt16LE(time, 12);
  b.writeUInt16LE(date, 14);
  b.writeUInt32LE(w.crc, 16);
  b.writeUInt32LE(w.compressed, 20);
  b.writeUInt32LE(w.size, 24);
  b.writeUInt16LE(w.name.length, 28);
  // extra, comment, disk, internal and external attributes: 0
  b.writeUInt32LE(w.offset, 42);
  w.name.copy(b, 46);
  return b;
}

/** Writes `parts` as a zip into `file` (created; the caller makes the write atomic), every entry dated `day`. */
export async function writeZipFile(file: string, parts: Iterable<XmlPart>, day: IsoDate): Promise<void> {
  const { time, date } = dosDateTime(day);
  const handle = await fs.open(file, 'wx');
  let pos = 0;
  const put = async (b: Uint8Array) => {
    await handle.write(b, 0, b.length, pos);
    pos += b.length;
  };
  try {
    const written: Written[] = [];
    for (const part of parts) {
      const name = Buffer.from(part.name, 'utf8');
      const offset = pos;
      await put(localHeader(name, time, date));
      const sizes = await deflateInto(part, put);
      if (sizes.size > 0xfffffffe || pos > 0xfffffffe) throw new Error('zip-file: a part or the zip is over 4 GB');
      const w = { name, offset, ...sizes };
      await handle.write(localHeader(name, time, date, w), 0, 30, offset); // sizes and CRC, now known
      written.push(w);
    }
    const cdStart = pos;
    for (const w of written) await put(centralEntry(w, time, date));
    const end = Buffer.alloc(22);
    end.writeUInt32LE(END, 0);
    end.writeUInt16LE(written.length, 8);
    end.writeUInt16LE(written.length, 10);
    end.writeUInt32LE(pos - cdStart, 12);
    end.writeUInt32LE(cdStart, 16);
    await put(end);
  } finally {
    await handle.close();
  }
}

/** One part's text deflated into `put`, with its CRC and sizes; zlib's output waits for the file (backpressure). */
async function deflateInto(
  part: XmlPart,
  put: (b: Uint8Array) => Promise<void>,
): Promise<{ crc: number; size: number; compressed: number }> {
  const deflate = zlib.createDeflateRaw({ level: LEVEL });
  let compressed = 0;
  const drained = (async () => {
    for await (const out of deflate as AsyncIterable<Buffer>) {
      compressed += out.length;
      await put(out);
    }
  })();
  let crc = 0;
  let size = 0;
  let pending = '';
  const feed = async (text: string) => {
    const b = Buffer.from(text, 'utf8');
    crc = zlib.crc32(b, crc);
    size += b.length;
    if (!deflate.write(b)) await Promise.race([once(deflate, 'drain'), drained]);
  };
  try {
    for await (const chunk of part.chunks()) {
      pending += chunk;
      if (pending.length >= PIECE) {
        await feed(pending);
        pending = '';
      }
    }
    if (pending) await feed(pending);
    deflate.end();
    await drained;
  } catch (e) {
    deflate.destroy();
    await drained.catch(() => undefined);
    throw e;
  }
  return { crc, size, compressed };
}
