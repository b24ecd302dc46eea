/**
 * Vietnamese text: normalisation, folding for comparison, and numbers typed as text.
 * Pure functions; used by every reader.
 */

/**
 * Text that cleanText leaves as it is: Latin letters (Vietnamese precomposed included), no combining marks, no
 * special or doubled spaces, no line breaks, no space at either end. Most cells are like this; testing is cheaper
 * than normalising.
 */
const ALREADY_CLEAN = /^(?! )(?:[\u0021-\u007e\u00a1-\u02ff\u1e00-\u1eff\u2010-\u2027\u2030-\u205e]| (?! |$))*$/;

/** NFC, no non-breaking or zero-width spaces, inner runs of white space collapsed, trimmed. */
export function cleanText(value: string): string {
  if (ALREADY_CLEAN.test(value)) return value;
  return value
    .normalize('NFC')
    .replace(/[\u00a0\u2007\u202f\u2000-\u200a\u3000]/g, ' ')
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/[ \t]+/g, ' ')
    .replace(/\s*\r?\n\s*/g, '\n')
    .trim();
}

/**
 * A key that folds case, diacritics, punctuation and spacing: "Sở Y tế" = "SỞ Y TẾ" = "So  Y te".
 * "Đ"/"đ" fold to "d". Punctuation becomes a space, so "Sở Lao động – Thương binh" = "So lao dong thuong binh".
 */
/**
 * A copy of `text` that shares no memory with the string it was cut from: a cell's text is a slice of its sheet's
 * XML, and V8 keeps a sliced string's parent alive, so anything kept across files (a memo, a string table) keeps
 * flat copies. Short strings are never slices in V8 and are returned as they are.
 */
export function flatCopy(text: string): string {
  return text.length > 12 ? (JSON.parse(JSON.stringify(text)) as string) : text;
}

export function foldKey(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[\u00a0\s]+/g, ' ')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/ +/g, ' ')
    .trim();
}

/** Folded key without spaces: for labels such as "Mã nhiệm vụ" = "MANHIEMVU". */
export function compactKey(value: string): string {
  return foldKey(value).replace(/ /g, '');
}

/** A value that a spreadsheet would take for a formula if written as typed. */
export function looksLikeFormula(value: string): boolean {
  return /^[=+\-@\t\r]/.test(value);
}

const NUMBER_WITH_UNIT = /^([+-]?[\d.,\s]*\d[\d.,]*)\s*([^\d\s].*)?$/u;

/**
 * Reads a number typed as text, vi-VN first: "1.234,5" → 1234.5, "1.234" → 1234, "12,5" → 12.5.
 * Also "1,234.5" (both separators, unambiguous) and a trailing unit ("12 ha", "1.200 người").
 * Returns null when the text is not a number (never guesses from words).
 */
export function parseNumberText(raw: string): { value: number; unit: string | null } | null {
  const text = cleanText(raw).replace(/\s+(?=\d{3}\b)/g, '');
  if (text === '') return null;
  const m = NUMBER_WITH_UNIT.exec(text);
  if (!m) return null;
  const numPart = m[1].replace(/\s/g, '');
  const unit = m[2] ? m[2].trim() : null;
  if (unit !== null && (/^[.,]/.test(unit) || /\d/.test(unit) || unit.length > 20)) return null;
  const value = parseNumberPart(numPart);
  if (value === null) return null;
  return { value, unit };
}

function parseNumberPart(s: string): number | null {
  let sign = 1;
  let body = s;
  if (body.startsWith('-')) {
    sign = -1;
    body = body.slice(1);
  } else if (body.startsWith('+')) body = body.slice(1);
  if (!/^[\d.,]+$/.test(body)) return null;
  const dots = (body.match(/\./g) ?? []).length;
  const commas = (body.match(/,/g) ?? []).length;
  let normal: string;
  if (dots > 0 && commas > 0) {
    const lastDot = body.lastIndexOf('.');
    const lastComma = body.lastIndexOf(',');
    if (lastComma > lastDot) {
      // vi-VN: 1.234,5
      if (commas > 1 || !/^\d{1,3}(\.\d{3})+,\d+$/.test(body)) return null;
      normal = body.replace(/\./g, '').replace(',', '.');
    } else {
      // en-US: 1,234.5
      if (dots > 1 || !/^\d{1,3}(,\d{3})+\.\d+$/.test(body)) return null;
      normal = body.replace(/,/g, '');
    }
  } else if (dots > 0) {
    // vi-VN thousands "1.234" / "1.234.567"; a single dot with other than 3 digits after it is a decimal point
    if (/^\d{1,3}(\.\d{3})+$/.test(body)) normal = body.replace(/\./g, '');
    else if (dots === 1 && /^\d*\.\d+$/.test(body)) normal = body;
    else return null;
  } else if (commas > 0) {
    // vi-VN decimal comma "12,5"; several commas are thousands groups "1,234,567"
    if (commas === 1 && /^\d*,\d+$/.test(body)) normal = body.replace(',', '.');
    else if (/^\d{1,3}(,\d{3}){2,}$/.test(body)) normal = body.replace(/,/g, '');
    else return null;
  } else normal = body;
  const value = Number(normal);
  return Number.isFinite(value) ? sign * value : null;
}

/** vi-VN number formatting for messages: 1234.5 → "1.234,5". */
export function formatNumberVi(value: number, maxFractionDigits = 2): string {
  const fixed = Math.abs(value)
    .toFixed(maxFractionDigits)
    .replace(/\.?0+$/, '');
  const [int, frac] = fixed.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return (value < 0 ? '-' : '') + grouped + (frac ? ',' + frac : '');
}

const PRINTABLE_ASCII = /^[\u0021-\u007e]*$/;

/** A plan or agency code as it is compared: trimmed, upper case, no spaces, NFC. */
export function normaliseCode(value: string): string {
  // most codes are printable ASCII without spaces ("1.2", "ST-SYT"): clean already, nothing to take out but a final dot
  if (PRINTABLE_ASCII.test(value)) return (value.endsWith('.') ? value.slice(0, -1) : value).toUpperCase();
  return cleanText(value).replace(/\s+/g, '').replace(/\.$/, '').toUpperCase();
}

/** A safe file-name stem for a code: "ST-SYT" stays, "II.3/a" → "II.3-a". */
export function fileStem(code: string): string {
  return cleanText(code).replace(/[\\/:*?"<>|\s]+/g, '-');
}
