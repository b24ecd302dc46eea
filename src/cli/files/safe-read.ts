/**
 * Reading an input file without surprises: opened non-blocking (a FIFO given as the plan never hangs), checked to be
 * a regular file on the open handle (a device such as /dev/zero is refused, never read), read up to a size bound.
 * Every failure becomes a plain Vietnamese reason (ReadRefusal), never a stack trace.
 */
import { constants, promises as fs } from 'node:fs';
import { DEFAULT_LIMITS } from '../../core';

export class ReadRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** Node's error code, kept for the JSON (never printed as the reason). */
    readonly detail?: string,
  ) {
    super(message);
  }
}

/** What a non-regular entry is, in words a clerk knows. */
export function kindOf(st: {
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
  isDirectory(): boolean;
}): string {
  if (st.isDirectory()) return 'một thư mục';
  if (st.isFIFO()) return 'một ống dẫn (FIFO), không phải tệp';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'một thiết bị, không phải tệp';
  if (st.isSocket()) return 'một socket, không phải tệp';
  return 'không phải tệp thường';
}

/** A Node error from reading, as a plain reason. */
export function readErrorReason(e: unknown): ReadRefusal {
  if (e instanceof ReadRefusal) return e;
  const code = (e as NodeJS.ErrnoException).code ?? '';
  switch (code) {
    case 'ENOENT':
      return new ReadRefusal(
        'file.vanished',
        'Tệp không còn ở đó (đã bị xóa, đổi tên hoặc di chuyển trong lúc đọc).',
        code,
      );
    case 'EACCES':
    case 'EPERM':
      return new ReadRefusal(
        'file.no_permission',
        'Không có quyền đọc tệp: cấp quyền đọc (hoặc chép tệp sang thư mục khác) rồi chạy lại.',
        code,
      );
    case 'ELOOP':
      return new ReadRefusal('file.link_loop', 'Liên kết tượng trưng (symlink) trỏ vòng, không dẫn tới tệp nào.', code);
    case 'EISDIR':
      return new ReadRefusal('file.not_regular', 'Đây là một thư mục, không phải tệp.', code);
    case 'EIO':
      return new ReadRefusal(
        'file.io',
        'Lỗi đọc ổ đĩa (tệp hỏng hoặc ổ đĩa có vấn đề): chép lại tệp rồi chạy lại.',
        code,
      );
    default:
      return new ReadRefusal(
        'file.unreadable',
        'Không đọc được tệp từ ổ đĩa: kiểm tra tệp rồi chạy lại.',
        code || String(e),
      );
  }
}

/**
 * The bytes of a regular file, at most `maxBytes` (default: the size limit of a submission); throws ReadRefusal.
 * `tooLarge` is returned instead of the bytes when the file is over the bound (the caller decides).
 */
export async function readBounded(
  file: string,
  maxBytes: number = DEFAULT_LIMITS.maxFileBytes,
): Promise<{ bytes: Uint8Array; size: number } | { tooLarge: true; size: number }> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw readErrorReason(e);
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new ReadRefusal('file.not_regular', `Đây là ${kindOf(st)}: không đọc.`);
    if (st.size > maxBytes) return { tooLarge: true, size: st.size };
    const buf = Buffer.alloc(st.size);
    let off = 0;
    while (off < st.size) {
      const { bytesRead } = await handle.read(buf, off, st.size - off, off);
      if (bytesRead === 0) break; // the file shrank while being read: what is there
      off += bytesRead;
    }
    return { bytes: new Uint8Array(buf.buffer, buf.byteOffset, off), size: off };
  } catch (e) {
    throw readErrorReason(e);
  } finally {
    await handle.close().catch(() => undefined);
  }
}
