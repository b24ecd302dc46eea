/**
 * Outputs that are the same bytes for the same inputs, arguments and version (zip-repeatable.ts in the core): a zip
 * output (.xlsx, .docx) is rebuilt with every date set to the run's day; a zip written as a stream (the large
 * summary) has its entries' dates changed in place, its document properties dated at the source.
 */
import { promises as fs } from 'node:fs';
import { type IsoDate, repeatableZip, zipTimePatches } from '../../core';

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** The output's bytes made repeatable: a zip dated `day`; anything else as it is. */
export function repeatable<T extends Uint8Array | string>(bytes: T, day: IsoDate): T | Uint8Array {
  return typeof bytes !== 'string' && isZip(bytes) ? repeatableZip(bytes, day) : bytes;
}

/** Sets the dates of every entry of the zip file `file` to `day`, in place (its size does not change). */
export async function dateZipFileEntries(file: string, day: IsoDate): Promise<void> {
  const handle = await fs.open(file, 'r+');
  try {
    const size = (await handle.stat()).size;
    // the central directory of a summary is small (a few dozen entries); read more when it is not in the tail
    for (let want = 64 * 1024; ; want *= 4) {
      const start = Math.max(0, size - want);
      const tail = Buffer.alloc(size - start);
      await handle.read(tail, 0, tail.length, start);
      const patches = zipTimePatches(tail, start, size, day);
      if (patches) {
        for (const p of patches) await handle.write(p.bytes, 0, p.bytes.length, p.offset);
        return;
      }
      if (start === 0) throw new Error(`not a zip this writer understands: ${file}`);
    }
  } finally {
    await handle.close();
  }
}
