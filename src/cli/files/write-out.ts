/**
 * Writing outputs so that nothing is lost: each output is written to a short temp name beside it and renamed over
 * the old one only when complete; several outputs of one run are renamed together at the end (commitAll), in one
 * synchronous step, so that neither a reader nor an interrupt ever sees a new summary beside an old JSON. A fault
 * (disk full, permission, name too long, interrupt) removes the temp files and leaves the previous outputs as they
 * were, with a Vietnamese message and exit code 4.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs, renameSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { escapeControl } from '../commands/args';
import { CliError, EXIT } from '../errors';
import { assertWritableTarget } from './output-safety';
import { noteReplaced, trackTemp, untrackTemp } from './cleanup';
import { tempFileName } from './leftovers';

/** A Node error while writing `file`, as a message that says what to do. */
export function writeErrorMessage(file: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code ?? '';
  const f = `"${escapeControl(file)}"`;
  const kept = 'Tệp cũ (nếu có) vẫn nguyên, tệp tạm đã xóa.';
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return `Ổ đĩa đầy: không ghi được ${f}. ${kept} Hãy giải phóng dung lượng hoặc ghi ra ổ khác rồi chạy lại.`;
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `Không có quyền ghi ${f}. ${kept} Hãy chọn thư mục khác, hoặc cấp quyền ghi vào thư mục đó.`;
    case 'ENAMETOOLONG':
      return `Tên tệp hoặc đường dẫn quá dài: ${f}. Hãy đặt tên ngắn hơn (tối đa 255 byte mỗi phần).`;
    case 'ENOTDIR':
      return `Đường dẫn ${f} đi qua một tệp như thể đó là thư mục. Hãy chọn một thư mục có thật.`;
    case 'EISDIR':
      return `${f} là một thư mục: hãy ghi tên tệp, ví dụ ${escapeControl(path.join(file, 'tong-hop.xlsx'))}.`;
    case 'EIO':
      return `Lỗi ổ đĩa khi ghi ${f}. ${kept} Hãy kiểm tra ổ đĩa rồi chạy lại.`;
    default:
      return `Không ghi được ${f} (${code || 'lỗi không rõ'}). ${kept} Hãy kiểm tra ổ đĩa và thư mục rồi chạy lại.`;
  }
}

export interface StagedOutput {
  file: string;
  tmp: string;
  /** The real path the temp file is renamed to. */
  target: string;
  abort(): Promise<void>;
}

/** Writes `file`'s new content to a temp file beside it; nothing visible changes until commit(). */
export async function stageOutput(
  file: string,
  write: (tmp: string) => Promise<void>,
  protectedInputs: string[] = [],
): Promise<StagedOutput> {
  const target = await assertWritableTarget(file, protectedInputs);
  try {
    await fs.mkdir(path.dirname(target), { recursive: true });
  } catch (e) {
    throw new CliError(writeErrorMessage(file, e), EXIT.writeFailed);
  }
  const tmp = tempFileName(path.dirname(target), randomBytes(4).toString('hex'));
  trackTemp(tmp);
  const abort = async () => {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    untrackTemp(tmp);
  };
  try {
    await write(tmp);
  } catch (e) {
    await abort();
    throw new CliError(writeErrorMessage(file, e), EXIT.writeFailed);
  }
  return { file, tmp, target, abort };
}

/**
 * Renames staged outputs over their targets together, synchronously (no interrupt can fall between two renames);
 * if one was not written, none is renamed. Should a rename fail, the temp files left are removed and the message
 * says which outputs were already replaced.
 */
export function commitAll(staged: StagedOutput[]): void {
  const done: string[] = [];
  for (const s of staged) {
    try {
      renameSync(s.tmp, s.target);
      untrackTemp(s.tmp);
      done.push(escapeControl(s.file));
    } catch (e) {
      for (const rest of staged.slice(done.length)) {
        rmSync(rest.tmp, { force: true });
        untrackTemp(rest.tmp);
      }
      noteReplaced(done);
      const already = done.length ? ` (đã thay: ${done.join(', ')})` : '';
      throw new CliError(writeErrorMessage(s.file, e) + already, EXIT.writeFailed);
    }
  }
  noteReplaced(done);
}

/**
 * Writes via a temporary file and a rename, so an interrupted run never leaves half a file; never over an input.
 * `write` fills the temporary file (bytes at once, or a stream).
 */
export async function writeAtomically(
  file: string,
  write: (tmp: string) => Promise<void>,
  protectedInputs: string[] = [],
): Promise<void> {
  commitAll([await stageOutput(file, write, protectedInputs)]);
}

export async function writeFileAtomic(
  file: string,
  bytes: Uint8Array | string,
  protectedInputs: string[] = [],
): Promise<void> {
  await writeAtomically(file, (tmp) => fs.writeFile(tmp, bytes, { flag: 'wx' }), protectedInputs);
}
