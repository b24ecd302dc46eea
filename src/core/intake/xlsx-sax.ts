/**
 * A small, strict pull parser for the XML parts of a workbook (the direct reader). It accepts a subset of
 * XML that it understands completely and that saxes (ExcelJS's parser) reads without error, and it gives the same
 * text and attribute values saxes gives (entities decoded, CR/LF and lone CR made LF in text). Anything outside that
 * subset (a DOCTYPE, comments, CDATA, processing instructions, a byte-order mark, undecodable bytes, non-ASCII
 * element or attribute names, a raw tab or line break in an attribute value, an unknown entity …) throws `Declined`:
 * the caller then lets ExcelJS read the file as before. See docs/reader.md.
 */

/** The direct reader does not read this file: ExcelJS does. */
export class Declined extends Error {
  constructor(why: string) {
    super(why);
    this.name = 'Declined';
  }
}

export function decline(why: string): never {
  throw new Declined(why);
}

export const END = 0;
export const OPEN = 1;
export const CLOSE = 2;
export const TEXT = 3;

/** Characters XML forbids anywhere (saxes reports them), a replacement character (bytes that were not UTF-8), "]]>". */
const FORBIDDEN = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFD\uFFFE\uFFFF]|\]\]>/;
const PROLOG =
  /^<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.0\1(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])(?:UTF-8|utf-8)\2)?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(["'])(?:yes|no)\3)?[ \t\r\n]*\?>/;
const WHITESPACE = /^[ \t\r\n]*$/;

/** Where an element or attribute name starting at `start` ends (ASCII names only: others decline). */
function nameEnd(xml: string, start: number): number {
  let c = xml.charCodeAt(start);
  if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95)) decline('name');
  let i = start;
  do c = xml.charCodeAt(++i);
  while (
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    (c >= 48 && c <= 58) || // digits and ':'
    c === 95 ||
    c === 46 ||
    c === 45
  );
  return i;
}

function xmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** Entity and character references decoded; anything but the five predefined entities and valid references declines. */
export function decodeEntities(s: string): string {
  let out = '';
  let from = 0;
  for (let amp = s.indexOf('&'); amp >= 0; amp = s.indexOf('&', from)) {
    const semi = s.indexOf(';', amp);
    if (semi < 0 || semi - amp > 10) decline('entity');
    const ent = s.slice(amp + 1, semi);
    out += s.slice(from, amp) + entity(ent);
    from = semi + 1;
  }
  return out + s.slice(from);
}

function entity(ent: string): string {
  switch (ent) {
    case 'amp':
      return '&';
    case 'lt':
      return '<';
    case 'gt':
      return '>';
    case 'quot':
      return '"';
    case 'apos':
      return "'";
    default: {
      const m = /^#(?:([0-9]{1,7})|x([0-9a-fA-F]{1,6}))$/.exec(ent);
      if (!m) decline('entity');
      const cp = m[1] !== undefined ? parseInt(m[1], 10) : parseInt(m[2], 16);
      if (!xmlChar(cp)) decline('character reference');
      return String.fromCodePoint(cp);
    }
  }
}

function textValue(raw: string): string {
  const lf = raw.indexOf('\r') >= 0 ? raw.replace(/\r\n?/g, '\n') : raw;
  return lf.indexOf('&') >= 0 ? decodeEntities(lf) : lf;
}

/**
 * Pull parser: `next()` gives OPEN (name, attrs), TEXT (text), CLOSE (name) or END. A self-closing element gives
 * OPEN then CLOSE. The document must be complete: one root element, closed, nothing but whitespace around it.
 */
export class XmlCursor {
  name = '';
  text = '';
  attrs: Record<string, string> = {};
  private pos = 0;
  private readonly stack: string[] = [];
  private pendingClose = false;
  private rootDone = false;

  constructor(private readonly xml: string) {
    if (FORBIDDEN.test(xml)) decline('forbidden character');
    const m = PROLOG.exec(xml);
    if (m) this.pos = m[0].length;
  }

  /** Whether the element just read (OPEN or CLOSE) has this name. */
  is(name: string): boolean {
    return this.name === name;
  }

  next(): number {
    if (this.pendingClose) {
      this.pendingClose = false;
      this.name = this.stack.pop()!;
      if (this.stack.length === 0) this.rootDone = true;
      return CLOSE;
    }
    const xml = this.xml;
    if (this.pos >= xml.length) {
      if (this.stack.length > 0 || !this.rootDone) decline('unfinished document');
      return END;
    }
    const lt = xml.indexOf('<', this.pos);
    if (lt !== this.pos) {
      const end = lt < 0 ? xml.length : lt;
      const raw = xml.slice(this.pos, end);
      this.pos = end;
      if (this.stack.length === 0) {
        if (!WHITESPACE.test(raw)) decline('text outside the root');
        return this.next();
      }
      this.text = textValue(raw);
      return TEXT;
    }
    const c = xml.charCodeAt(lt + 1);
    if (c === 47) return this.closeTag(lt);
    if (this.rootDone) decline('second root');
    return this.openTag(lt);
  }

  private closeTag(lt: number): number {
    const xml = this.xml;
    const end = nameEnd(xml, lt + 2);
    const name = xml.slice(lt + 2, end);
    let i = end;
    let c = xml.charCodeAt(i);
    while (c === 32 || c === 10 || c === 9 || c === 13) c = xml.charCodeAt(++i);
    if (c !== 62 || this.stack.pop() !== name) decline('close tag');
    this.name = name;
    this.pos = i + 1;
    if (this.stack.length === 0) this.rootDone = true;
    return CLOSE;
  }

  private openTag(lt: number): number {
    const xml = this.xml;
    let i = nameEnd(xml, lt + 1);
    const name = xml.slice(lt + 1, i);
    const attrs: Record<string, string> = {};
    for (;;) {
      const ws = i;
      let c = xml.charCodeAt(i);
      while (c === 32 || c === 10 || c === 9 || c === 13) c = xml.charCodeAt(++i);
      if (c === 62) {
        i++;
        break;
      }
      if (c === 47) {
        if (xml.charCodeAt(i + 1) !== 62) decline('tag');
        i += 2;
        this.pendingClose = true;
        break;
      }
      if (i === ws) decline('attribute without whitespace before it');
      i = this.attribute(attrs, i);
    }
    this.pos = i;
    this.name = name;
    this.attrs = attrs;
    this.stack.push(name);
    return OPEN;
  }

  /** One `name="value"` from `i`; returns where it ends. */
  private attribute(attrs: Record<string, string>, start: number): number {
    const xml = this.xml;
    let i = nameEnd(xml, start);
    const key = xml.slice(start, i);
    let c = xml.charCodeAt(i);
    while (c === 32 || c === 10 || c === 9 || c === 13) c = xml.charCodeAt(++i);
    if (c !== 61) decline('attribute');
    c = xml.charCodeAt(++i);
    while (c === 32 || c === 10 || c === 9 || c === 13) c = xml.charCodeAt(++i);
    if (c !== 34 && c !== 39) decline('attribute value');
    const end = xml.indexOf(c === 34 ? '"' : "'", i + 1);
    if (end < 0) decline('attribute value');
    let amp = false;
    for (let k = i + 1; k < end; k++) {
      const ch = xml.charCodeAt(k);
      // a raw tab or line break is normalised to a space by saxes: not read here; '<' is an error
      if (ch === 60 || ch === 9 || ch === 10 || ch === 13) decline('attribute value');
      if (ch === 38) amp = true;
    }
    if (key === '__proto__' || Object.prototype.hasOwnProperty.call(attrs, key)) decline('attribute name');
    const raw = xml.slice(i + 1, end);
    attrs[key] = amp ? decodeEntities(raw) : raw;
    return end + 1;
  }

  /** After OPEN: reads on to the element's CLOSE (its content still checked). */
  skip(): void {
    const depth = this.stack.length;
    while (this.stack.length >= depth) {
      if (this.next() === END) decline('unfinished element');
    }
  }

  /** After OPEN: the element's text; any child element declines. */
  textContent(): string {
    let out = '';
    for (;;) {
      const ev = this.next();
      if (ev === TEXT) out += this.text;
      else if (ev === CLOSE) return out;
      else decline('element inside text');
    }
  }

  /** Reads to the end of the document (for parts only checked for well-formedness). */
  finish(): void {
    while (this.next() !== END) {
      /* checking only */
    }
  }
}
