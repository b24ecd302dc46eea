/**
 * Vietnamese typed with the legacy 8-bit fonts that many offices still use: TCVN3 (ABC, fonts `.VnTime`,
 * `.VnArial`) and VNI-Windows (fonts `VNI-Times` …). Excel stores each legacy byte as the Windows-1252 / Latin-1
 * character of the same code, so "Sở Y tế" typed in TCVN3 is stored as "Së Y tÕ" and in VNI as "Sôû Y teá".
 *
 * The two code charts are transcribed here once, with tests (test/reader/legacy-fonts.test.ts) and an independent
 * encoder in scripts/fixtures/legacy_encodings.py that made the fixtures. iconv-lite's `tcvn` code page is TCVN 5712
 * VN1: it agrees with the TCVN3 chart on all 74 codes (the test checks it code by code) but also maps Latin-1 signs a
 * TCVN3 text holds (°, ±, ², À …) to capitals and combining marks, and needs a Buffer in the pane; so it is the
 * check, not the decoder. No package decodes VNI (the only candidate listed, vietnamese-unicode-toolkit, is a 0.0.1
 * release).
 *
 * Detection is deliberately narrow: a text is converted only when it holds no character beyond Latin-1 (real
 * Unicode Vietnamese has ơ ư đ ạ ế …) and has legacy codes inside words that Unicode Vietnamese never uses.
 */

import { type WorkbookGrid, cellAddress } from '../basics/grid';
import { type Finding, finding } from '../basics/model';

// ---------------------------------------------------------------------------------------------
// TCVN3 (TCVN 5712:1993, VN3)

const TCVN3_UNICODE = 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ';
const TCVN3_CODES = 'µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉËÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\u00adõøö÷ùúýûüþ®';
/** Only these capitals have codes of their own; toned capitals use the lower-case codes in a capitals font (.VnTimeH). */
const TCVN3_CAPITALS: Record<string, string> = { '¡': 'Ă', '¢': 'Â', '£': 'Ê', '¤': 'Ô', '¥': 'Ơ', '¦': 'Ư', '§': 'Đ' };

const TCVN3_MAP = new Map<string, string>();
for (let i = 0; i < TCVN3_CODES.length; i++) TCVN3_MAP.set(TCVN3_CODES[i], TCVN3_UNICODE[i]);
for (const [k, v] of Object.entries(TCVN3_CAPITALS)) TCVN3_MAP.set(k, v);

// ---------------------------------------------------------------------------------------------
// VNI-Windows: a base letter followed by a mark character, a few letters of one character

const VNI_TONES = ['ø', 'ù', 'û', 'õ', 'ï'] as const; // huyền, sắc, hỏi, ngã, nặng
const VNI_BREVE = ['ê', 'è', 'é', 'ú', 'ü', 'ë']; // ă ằ ắ ẳ ẵ ặ
const VNI_CIRCUMFLEX = ['â', 'à', 'á', 'å', 'ã', 'ä']; // â ầ ấ ẩ ẫ ậ
const COMBINING_TONES = ['\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];

const VNI_MAP = new Map<string, string>();
function addVni(code: string, unicode: string): void {
  VNI_MAP.set(code, unicode.normalize('NFC'));
  VNI_MAP.set(code.toUpperCase(), unicode.toUpperCase().normalize('NFC'));
}
for (const base of ['a', 'e', 'o', 'u', 'y']) {
  VNI_TONES.forEach((mark, i) => addVni(base + mark, base + COMBINING_TONES[i]));
}
for (const base of ['a', 'e', 'o']) {
  VNI_CIRCUMFLEX.forEach((mark, i) => addVni(base + mark, base + '\u0302' + (i === 0 ? '' : COMBINING_TONES[i - 1])));
}
VNI_BREVE.forEach((mark, i) => addVni('a' + mark, 'a\u0306' + (i === 0 ? '' : COMBINING_TONES[i - 1])));
// ơ = ô, ư = ö, each followed by a tone mark or not
for (const [code, base] of [
  ['ô', 'o\u031b'],
  ['ö', 'u\u031b'],
] as const) {
  addVni(code, base);
  VNI_TONES.forEach((mark, i) => addVni(code + mark, base + COMBINING_TONES[i]));
}
// single characters: ì í (as in Unicode), ỉ ĩ ị, ỵ, đ
addVni('æ', 'ỉ');
addVni('ó', 'ĩ');
addVni('ò', 'ị');
addVni('î', 'ỵ');
addVni('ñ', 'đ');

// ---------------------------------------------------------------------------------------------
// Detection

export type LegacyEncoding = 'tcvn3' | 'vni';

export const LEGACY_ENCODING_LABELS: Record<LegacyEncoding, string> = {
  tcvn3: 'TCVN3 (ABC, phông .VnTime)',
  vni: 'VNI (phông VNI-Times)',
};

/** Latin-1 letters that Unicode Vietnamese uses itself (so they prove nothing on their own). */
const VIETNAMESE_LATIN1 = new Set('ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý');
const LETTER = /[A-Za-z\u00c0-\u00ff]/;
/** Typographic signs that sit next to words in ordinary text (« », ©, ·, ×): only count between two letters. */
const TYPOGRAPHIC = new Set('«»©×÷');
const HAS_HIGH_LATIN1 = /[\u00a1-\u00ff]/;
const BEYOND_LATIN1 = /[^\u0000-\u00ff]/;
const VNI_PAIR = /[aeouyAEOUYôöÔÖ][øùûõïêèéúüëâàáåãäØÙÛÕÏÊÈÉÚÜËÂÀÁÅÃÄ]/;
/** VNI marks and letters that are no Vietnamese letter in Unicode ("HOÀN" is Unicode, "hoaøn" is VNI). */
const VNI_PROOF = /[øûïüëåäæöîñØÛÏÜËÅÄÆÖÎÑ]/;

/** Every Latin-1 character VNI uses; a TCVN3 code outside this set proves TCVN3. */
const VNI_CHARS = new Set('øùûõïêèéúüëâàáåãäæóòôöîñìíØÙÛÕÏÊÈÉÚÜËÂÀÁÅÃÄÆÓÒÔÖÎÑÌÍ');

/** How sure a text is in a legacy encoding: 'sure' on its own, 'possible' when its sheet says so. */
export interface LegacyGuess {
  encoding: LegacyEncoding;
  sure: boolean;
}

/**
 * Which legacy encoding a text may be typed in, or null for ordinary text. Cheap for ordinary text: one regex test.
 * - VNI for sure: vowel + mark pairs ("teá", "Sôû"), a character Unicode Vietnamese never uses, no TCVN3-only code;
 * - TCVN3 for sure: a TCVN3 code that VNI never uses, inside a word ("tÕ", "nh©n");
 * - possible: Latin-1 letters only, all of them legacy codes ("quèc" is quốc in TCVN3, "ñi" is đi in VNI).
 */
export function guessLegacyEncoding(text: string): LegacyGuess | null {
  if (!HAS_HIGH_LATIN1.test(text) || BEYOND_LATIN1.test(text)) return null;
  let strong = 0;
  let tcvnOnly = 0;
  let unmapped = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch < '\u00a1') continue;
    if (!TCVN3_MAP.has(ch)) {
      unmapped++;
      continue;
    }
    if (!VNI_CHARS.has(ch)) tcvnOnly++;
    if (VIETNAMESE_LATIN1.has(ch)) continue;
    const before = i > 0 && LETTER.test(text[i - 1]);
    const after = i + 1 < text.length && LETTER.test(text[i + 1]);
    if (TYPOGRAPHIC.has(ch) ? before && after : before || after) strong++;
  }
  const vniClean = tcvnOnly === 0 && !LEFTOVER.test(convertLegacyText(text, 'vni'));
  const vniPair = VNI_PAIR.test(text);
  const vniProof = VNI_PROOF.test(text);
  if (vniClean && vniPair && vniProof) return { encoding: 'vni', sure: true };
  if (strong > 0 && (tcvnOnly > 0 || !vniClean) && unmapped === 0) return { encoding: 'tcvn3', sure: true };
  if (strong > 0 && unmapped === 0) return { encoding: 'tcvn3', sure: false };
  if (vniClean && (vniPair || vniProof)) return { encoding: 'vni', sure: false };
  if (unmapped === 0 && tcvnOnly === 0) return { encoding: 'tcvn3', sure: false };
  return null;
}

/** The encoding of a text on its own (sure guesses, and TCVN3 codes inside words), or null. */
export function detectLegacyEncoding(text: string): LegacyEncoding | null {
  const g = guessLegacyEncoding(text);
  if (!g) return null;
  if (g.sure) return g.encoding;
  return g.encoding === 'tcvn3' && TCVN3_STRONG_WORD.test(text) ? 'tcvn3' : null;
}
const TCVN3_STRONG_WORD =
  /[A-Za-z][µ¸¶·¹¨»¾¼½ÆÇËÎÏÑÖ×ØÜÞßäåæçëîïñö÷ûüþ®]|[µ¸¶·¹¨»¾¼½ÆÇËÎÏÑÖ×ØÜÞßäåæçëîïñö÷ûüþ®][A-Za-z]/;

/**
 * Decides the encoding of a set of texts (one sheet): the sure guesses vote; texts that are only possibly legacy
 * follow the vote. Returns, for each text, its converted form or null when it stays as it is.
 */
export function convertLegacyTexts(texts: readonly string[]): {
  encoding: LegacyEncoding | null;
  converted: (string | null)[];
} {
  const guesses = texts.map(guessLegacyEncoding);
  let tcvn3 = 0;
  let vni = 0;
  for (const g of guesses) {
    if (g?.sure) {
      if (g.encoding === 'tcvn3') tcvn3++;
      else vni++;
    }
  }
  const sheetEncoding: LegacyEncoding | null = tcvn3 === 0 && vni === 0 ? null : vni > tcvn3 ? 'vni' : 'tcvn3';
  const converted = texts.map((t, i) => {
    const g = guesses[i];
    if (!g) return null;
    let enc: LegacyEncoding | null = null;
    if (g.sure) enc = g.encoding;
    else if (sheetEncoding) enc = sheetEncoding;
    else enc = detectLegacyEncoding(t);
    if (enc === 'vni' && LEFTOVER.test(convertLegacyText(t, 'vni'))) enc = null;
    return enc ? convertLegacyText(t, enc) : null;
  });
  return { encoding: sheetEncoding, converted };
}

/** Converts a text when it is typed in a legacy encoding; returns null when it is not. */
export function fromLegacyText(text: string): { text: string; encoding: LegacyEncoding } | null {
  const encoding = detectLegacyEncoding(text);
  return encoding ? { text: convertLegacyText(text, encoding), encoding } : null;
}

/** Latin-1 characters that no Vietnamese text holds once converted. */
const LEFTOVER =
  /[\u00a1-\u00bf\u00c4-\u00c7\u00cb\u00ce-\u00d1\u00d6-\u00d8\u00db\u00dc\u00de\u00df\u00e4-\u00e7\u00eb\u00ee-\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe\u00ff]/;

export function convertLegacyText(text: string, encoding: LegacyEncoding): string {
  let out = '';
  if (encoding === 'tcvn3') {
    for (const ch of text) out += TCVN3_MAP.get(ch) ?? ch;
    // typed with Caps Lock in a capitals font (.VnTimeH): the toned letters carry lower-case codes
    return ALL_CAPS.test(text) ? out.toUpperCase() : out;
  }
  for (let i = 0; i < text.length; i++) {
    const pair = i + 1 < text.length ? VNI_MAP.get(text.slice(i, i + 2)) : undefined;
    if (pair !== undefined) {
      out += pair;
      i++;
      continue;
    }
    out += VNI_MAP.get(text[i]) ?? text[i];
  }
  return out;
}

/** At least two ASCII letters, none lower case. */
const ALL_CAPS = /^(?=(?:[^A-Za-z]*[A-Z]){2})[^a-z]*$/;

/** Latin-1 only, with at least one character past ASCII: stops at the first Unicode-only character (cheap for Vietnamese). */
function isLegacyCandidate(text: string): boolean {
  let high = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff) return false;
    if (code >= 0xa1) high = true;
  }
  return high;
}

/**
 * Converts, in place, every text of a workbook typed in TCVN3 or VNI (each sheet decides on its own), before the
 * labels are looked for. One warning per sheet names how many cells were converted and the first one.
 */
export function convertLegacyGrid(wb: WorkbookGrid, file: string): Finding[] {
  const findings: Finding[] = [];
  for (const sheet of wb.sheets) {
    const at: [number, number][] = [];
    const texts: string[] = [];
    for (let r = 0; r < sheet.rows.length; r++) {
      const row = sheet.rows[r];
      if (!row) continue;
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        if (typeof v === 'string' && isLegacyCandidate(v)) {
          at.push([r, c]);
          texts.push(v);
        }
      }
    }
    if (texts.length === 0) continue;
    const { encoding, converted } = convertLegacyTexts(texts);
    let count = 0;
    let first = -1;
    converted.forEach((t, i) => {
      if (t === null) return;
      const [r, c] = at[i];
      sheet.rows[r][c] = t;
      count++;
      if (first < 0) first = i;
    });
    if (count === 0) continue;
    const [r, c] = at[first];
    const enc = encoding ?? detectLegacyEncoding(texts[first]) ?? 'tcvn3';
    findings.push(
      finding(
        'warning',
        'text.legacy_font',
        `Trang "${sheet.name}" gõ bằng bảng mã ${LEGACY_ENCODING_LABELS[enc]}: ${count} ô đã được chuyển sang Unicode (ví dụ "${texts[first].slice(0, 40)}" → "${converted[first]!.slice(0, 40)}"); nên kiểm tra lại.`,
        { file, sheet: sheet.name, cell: cellAddress(sheet, r, c) },
      ),
    );
  }
  return findings;
}
