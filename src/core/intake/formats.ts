/**
 * Files written by programs other than Excel, recognised precisely: a password-protected .xls (BIFF with a
 * FILEPASS record), an Apple Numbers package, a zip whose entry names use backslashes (some Windows zip writers),
 * an Excel 2.x–4.0 file without its OLE2 container, a workbook whose parts are not under xl/.
 * And the plain reasons that replace a library's error text in a finding (the text itself goes to `detail`).
 */
import { strFromU8 } from 'fflate';

/** What the clerk reads when the library could not make sense of a workbook's structure. */
export const UNREADABLE_REASON =
  'Bảng tính có cấu trúc mà tonghop không đọc được (thường do chương trình khác Excel ghi ra): đề nghị đơn vị mở tệp bằng Excel hoặc LibreOffice, chọn Lưu thành… → Sổ làm việc Excel (.xlsx), rồi gửi lại.';

/** A zip that ends early or whose directory is damaged (a download cut short, a copy that failed). */
export const BAD_ZIP_REASON =
  'Tệp nén .xlsx bị hỏng hoặc không đầy đủ (thường do tải về hoặc chép chưa hết): đề nghị đơn vị gửi lại tệp.';

export const NUMBERS_REASON =
  'Tệp là bảng tính Apple Numbers, không phải Excel: đề nghị đơn vị mở bằng Numbers và xuất ra .xlsx (Tệp → Xuất ra → Excel), rồi gửi lại.';

export const ENCRYPTED_XLS_REASON =
  'Tệp .xls được đặt mật khẩu (mã hóa), không đọc được và không chuyển được: đề nghị đơn vị gỡ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu, xóa mật khẩu) rồi gửi lại.';

/**
 * A BIFF workbook (Excel 5/95 or 97-2003) protected by a password: the record right after the workbook globals' BOF
 * is FILEPASS (0x002F). Found on the raw compound file: the Workbook stream starts on a sector boundary.
 */
export function isEncryptedBiff(bytes: Uint8Array): boolean {
  for (let i = 512; i + 24 <= bytes.length; i += 64) {
    // BOF record (0x0809) of the workbook globals (dt = 0x0005), BIFF8 (length 16) or BIFF5 (length 8)
    if (bytes[i] !== 0x09 || bytes[i + 1] !== 0x08) continue;
    const len = bytes[i + 2] | (bytes[i + 3] << 8);
    if ((len !== 16 && len !== 8) || bytes[i + 6] !== 0x05 || bytes[i + 7] !== 0x00) continue;
    const next = i + 4 + len;
    return bytes[next] === 0x2f && bytes[next + 1] === 0x00;
  }
  return false;
}

/** An Apple Numbers document (a zip of .iwa archives), recognised from its entry names. */
export function isNumbersPackage(names: string[]): boolean {
  return names.some((n) => /(^|\/)Index\/[^/]+\.iwa$/.test(n) || n === 'Index.zip' || /\.iwa$/.test(n));
}

/** Zip entry names with `/` for `\` (the zip format asks for `/`; some Windows writers use `\`). */
export function normaliseZipName(name: string): string {
  return name.replace(/\\/g, '/');
}

/**
 * An Excel 2.x, 3.0 or 4.0 worksheet or workbook saved without the OLE2 container (BIFF2–4 records from the first
 * byte): a BOF record (0x0009, 0x0209, 0x0409; 0x0809 for a bare BIFF5 stream) of a plausible length whose type is a
 * worksheet, chart, macro sheet or workbook.
 */
export function isRawBiff(bytes: Uint8Array): boolean {
  if (bytes.length < 8 || bytes[0] !== 0x09 || ![0x00, 0x02, 0x04, 0x08].includes(bytes[1])) return false;
  const length = bytes[2] | (bytes[3] << 8);
  const type = bytes[6] | (bytes[7] << 8);
  return length >= 4 && length <= 20 && [0x0005, 0x0006, 0x0010, 0x0020, 0x0040, 0x0100].includes(type);
}

const OFFICE_DOCUMENT =
  /Type="[^"]*\/officeDocument"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Type="[^"]*\/officeDocument"/;

/** A workbook whose main part the package's relationships place outside xl/ ("wtf/workbook.xml"). */
export function movedWorkbook(
  bytes: Uint8Array,
  names: string[],
  readZipEntry: (bytes: Uint8Array, name: string) => Uint8Array | null,
): 'xlsb' | 'xlsx-moved' | null {
  if (!names.includes('_rels/.rels')) return null;
  const rels = readZipEntry(bytes, '_rels/.rels');
  const m = rels ? OFFICE_DOCUMENT.exec(strFromU8(rels, true)) : null;
  const target = (m?.[1] ?? m?.[2] ?? '').replace(/^\/+/, '');
  if (!names.includes(target)) return null;
  if (/(^|\/)workbook\.bin$/.test(target)) return 'xlsb';
  return /(^|\/)workbook\.xml$/.test(target) ? 'xlsx-moved' : null;
}
