/**
 * Letters, for patterns built at run time. A pattern literal may say \p{L} (the legacy build rewrites literals for
 * Internet Explorer 11), but one built with `new RegExp` from the document's own words cannot: IE11 refuses the u
 * flag, and \p{…} means nothing without it. The letters of Vietnamese and Latin text, precomposed or with combining
 * marks, are these.
 */
export const LETTERS =
  'A-Za-z\\u00AA\\u00B5\\u00BA\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F\\u0300-\\u036F\\u1E00-\\u1EFF';

/** Whether `ch` is an upper-case letter (Ủ, Đ, A), by its case mapping rather than a Unicode property. */
export function isUpperLetter(ch: string): boolean {
  return ch !== ch.toLocaleLowerCase('vi') && ch === ch.toLocaleUpperCase('vi');
}
