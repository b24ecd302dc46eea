/** XML text as a parser gives it: the one entity decoder of the engine (the five named entities, &#…; and &#x…;). */
export function decodeXmlEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (m, e: string) => {
    const k = e.toLowerCase();
    if (k === 'lt') return '<';
    if (k === 'gt') return '>';
    if (k === 'amp') return '&';
    if (k === 'quot') return '"';
    if (k === 'apos') return "'";
    const code = k.startsWith('#x') ? parseInt(k.slice(2), 16) : Number(k.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

/** Characters XML 1.0 cannot hold (and DEL): left out of a written text, as ExcelJS leaves them out. */
const NOT_XML = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F\uFFFE\uFFFF]/g;
const TO_ESCAPE = /[&<>"'\x00-\x08\x0B\x0C\x0E-\x1F\x7F\uFFFE\uFFFF]/;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * A text as XML element content or attribute value, escaped as ExcelJS escapes it (the five named entities), the
 * characters XML cannot hold left out; a text with nothing to escape is returned as it is.
 */
export function xmlText(s: string): string {
  if (!TO_ESCAPE.test(s)) return s;
  return s.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ENTITY[c]);
}
