/**
 * Files written by programs other than Excel, recognised precisely: a password-protected .xls (BIFF with a
 * FILEPASS record), an Apple Numbers package, a zip whose entry names use backslashes (some Windows zip writers).
 * And the plain reasons that replace a library's error text in a finding (the text itself goes to `detail`).
 */

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
