/**
 * Every part of every file read is checked against the CRC-32 its zip declares: a wrong CRC makes a good file look
 * damaged (read the slow way or refused). Checked against Node's own zlib.crc32 on texts of every length around
 * the eight-byte steps and on random bytes.
 */
import { randomBytes } from 'node:crypto';
import * as zlib from 'node:zlib';
import { crc32 } from '../../src/core/basics/zip-repeatable';

const native = (zlib as unknown as { crc32?: (b: Uint8Array) => number }).crc32;

describe('crc32', () => {
  it('gives the checksums zip tools write', () => {
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.from('Báo cáo kết quả thực hiện kế hoạch'))).toBe(0x019fe58a);
  });

  (native ? it : it.skip)('agrees with zlib.crc32 on every length around the steps and on random bytes', () => {
    const bytes = randomBytes(4096);
    for (let n = 0; n <= 40; n++) expect(crc32(bytes.subarray(0, n))).toBe(native!(bytes.subarray(0, n)));
    for (let n = 1; n < 4096; n += 97) expect(crc32(bytes.subarray(3, 3 + n))).toBe(native!(bytes.subarray(3, 3 + n)));
  });
});
