/**
 * The rows of the files read, kept on disk until the outputs are written: `tonghop consolidate` of 10,000 files
 * holds 600,000 rows, which packed in memory are still some 6 KB per file. Each file's packed rows (core's
 * PackedRows) are written as one JSON text to a temporary file in the run's temporary folder as the file arrives,
 * and read back, by offset, each time the consolidation or a writer reads that submission's rows (the system's
 * file cache keeps them near). The file is removed by close(), which the command calls whatever happens, and on
 * Ctrl-C / kill with the run's other temps (cleanup.ts); a run killed outright leaves it in its temporary folder,
 * which the next run removes (leftovers.ts).
 *
 * A file whose rows cannot be written (a full disk) keeps them packed in memory instead: the outputs are the same.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import { type RowsAside, PackedRows } from '../../core';
import { trackTemp, untrackTemp } from '../files/cleanup';
import { runTempDir } from '../files/leftovers';

/** Where a submission's packed rows are kept: given them, returns what gives them back. */
export interface RowKeeper {
  keep(rows: PackedRows): RowsAside;
}

export class RowSpill implements RowKeeper {
  private fd: number | null;
  private end = 0;

  private constructor(readonly file: string) {
    // created with only the owner's rights, never over an existing file
    this.fd = openSync(file, 'wx+', 0o600);
  }

  /** A new spill file in the run's temporary folder, registered for removal on Ctrl-C / kill. */
  static open(): RowSpill {
    const file = path.join(runTempDir(), `rows-${randomBytes(6).toString('hex')}.tmp`);
    trackTemp(file);
    try {
      return new RowSpill(file);
    } catch (e) {
      untrackTemp(file);
      throw e;
    }
  }

  keep(rows: PackedRows): RowsAside {
    // JSON has no infinities (a NaN, "no weight", comes back from null)
    if (this.fd === null || rows.numbers.some((x) => x === Infinity || x === -Infinity)) return rows;
    const at = this.end;
    const length = this.write(Buffer.from(JSON.stringify([rows.texts, rows.numbers]), 'utf8'), at);
    if (length === null) return rows; // kept in memory (the next file writes over what was cut)
    this.end += length;
    const { count, file } = rows;
    // only numbers and the file name are held per file (not the bytes written)
    return { count, rows: () => this.read(at, length, count, file).rows() };
  }

  /** Writes `bytes` at `at`; their length, or null when they could not all be written. */
  private write(bytes: Buffer, at: number): number | null {
    try {
      for (let done = 0; done < bytes.length;) done += writeSync(this.fd!, bytes, done, bytes.length - done, at + done);
      return bytes.length;
    } catch {
      return null;
    }
  }

  private read(at: number, length: number, count: number, file: string): PackedRows {
    if (this.fd === null) throw new Error('Các dòng đã đọc không còn (tệp tạm đã đóng).');
    const buf = Buffer.allocUnsafe(length);
    for (let got = 0; got < length;) {
      const n = readSync(this.fd, buf, got, length - got, at + got);
      if (n === 0) throw new Error('Tệp tạm giữ các dòng đã đọc bị cắt ngắn.');
      got += n;
    }
    const [texts, numbers] = JSON.parse(buf.toString('utf8')) as [(string | null)[], (number | null)[]];
    return new PackedRows(
      count,
      file,
      texts,
      numbers.map((x) => x ?? NaN),
    );
  }

  /** Closes and removes the file (safe to call twice). */
  close(): void {
    if (this.fd !== null) {
      try {
        closeSync(this.fd);
      } catch {
        // removed below all the same
      }
      this.fd = null;
    }
    rmSync(this.file, { force: true, maxRetries: 2 });
    untrackTemp(this.file);
  }
}

/** A spill for this run, or null where no temporary file can be made (the rows are then kept in memory). */
export function openRowSpill(): RowSpill | null {
  try {
    return RowSpill.open();
  } catch {
    return null;
  }
}
