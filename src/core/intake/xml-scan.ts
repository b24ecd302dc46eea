/**
 * The limits' XML scan (limits.ts): every XML part, a byte at a time across inflated chunks, checked for DOCTYPE /
 * ENTITY declarations, UTF-16, nesting depth, and in worksheets and shared strings for sheets, rows, cells, string
 * length and the area of merged ranges, data validations and column ranges.
 */
import type { Limits } from './limits';
import { NOT_READ, num, refuse } from './limit-messages';
import { type PartKind, MAX_COL, attributes, rangeArea } from './xml-facts';

const ascii = (w: string) => Uint8Array.from(w, (ch) => ch.charCodeAt(0));
/** Elements whose attributes are read. */
const WATCHED = ['sheet', 'Relationship', 'mergeCell', 'dataValidation', 'col'].map(ascii);
const ROW = ascii('row');
const CELL = ascii('c');
const SHEET = ascii('sheet');

const enum S {
  Text,
  Lt,
  Name,
  Tag,
  Quote,
  EndTag,
  Pi,
  Bang,
  Comment,
  Cdata,
}

/** Facts collected over the whole workbook. */
export interface Census {
  sheetNames: Map<string, string>; // relationship id → sheet name
  sheetTargets: Map<string, string>; // relationship id → part name
  sheetsDeclared: number;
  sheetParts: number;
  rows: number;
  cells: number;
  maxDepth: number;
}

export class XmlScanner {
  private state = S.Text;
  private depth = 0;
  /** The tag's name (its first 64 bytes), and where its local part starts (after the first ':'). */
  private name = new Uint8Array(64);
  private nameLen = 0;
  private localStart = 0;
  private raw: number[] | null = null;
  private quote = 0;
  private prev1 = 0;
  private prev2 = 0;
  private bang: number[] = [];
  private textChars = 0;
  private inEntity = false;
  private first = true;
  private rowCells = 0;
  private rows = 0;
  private rangeCells = 0;
  private readonly countText: boolean;

  constructor(
    private readonly part: string,
    private readonly kind: PartKind,
    private readonly limits: Limits,
    private readonly census: Census,
  ) {
    this.countText = kind === 'sheet' || kind === 'strings';
  }

  /** "Trang tính "xl/worksheets/sheet1.xml"", the part name being replaced by the sheet's name at the end. */
  private where(): string {
    return this.kind === 'sheet' ? `Trang tính "${this.part}"` : `Phần "${this.part}"`;
  }

  push(chunk: Uint8Array): void {
    if (this.first && chunk.length > 0) {
      this.first = false;
      const b = chunk[0];
      if (b === 0xfe || b === 0xff || b === 0) {
        refuse('limit.xml_encoding', `${this.where()} của tệp không mã hóa UTF-8 như mọi tệp Excel; ${NOT_READ}.`);
      }
    }
    for (let i = 0; i < chunk.length; i++) {
      // runs of text and of attribute values, the bulk of the bytes, are skipped or counted in tight loops
      if (this.state === S.Text) {
        i = this.countText ? this.textRun(chunk, i) : chunk.indexOf(0x3c, i);
        if (i < 0 || i >= chunk.length) break;
      } else if (this.state === S.Quote) {
        i = this.quoteRun(chunk, i);
        if (i >= chunk.length) break;
      } else if (this.state === S.Tag) {
        i = this.tagRun(chunk, i);
        if (i >= chunk.length) break;
      } else if (this.state === S.EndTag) {
        i = chunk.indexOf(0x3e, i);
        if (i < 0) break;
      }
      const b = chunk[i];
      switch (this.state) {
        case S.Text:
          this.text(b);
          break;
        case S.Lt:
          this.lt(b);
          break;
        case S.Name:
          if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x2f || b === 0x3e) {
            this.openTag();
            this.state = S.Tag;
            i--; // let Tag see this byte
          } else if (this.nameLen < 64) {
            this.name[this.nameLen++] = b;
          }
          break;
        case S.Tag:
        case S.Quote:
          this.tag(b);
          break;
        case S.EndTag:
          if (b === 0x3e) {
            this.depth--;
            this.state = S.Text;
          }
          break;
        case S.Pi:
          if (b === 0x3e && this.prev1 === 0x3f) this.state = S.Text;
          this.prev1 = b;
          break;
        case S.Bang:
          this.bangByte(b);
          break;
        default:
          this.commentOrCdata(b);
      }
    }
  }

  private tooLong(): never {
    const L = this.limits;
    refuse(
      'limit.string_length',
      `${this.where()} có một chuỗi dài hơn ${num(L.maxStringChars)} ký tự (giới hạn của một ô Excel); ${NOT_READ}.`,
    );
  }

  /** From i, counts the characters of a text up to its '<' (returned; chunk.length when the text goes on). */
  private textRun(chunk: Uint8Array, from: number): number {
    const max = this.limits.maxStringChars;
    let chars = this.textChars;
    let inEntity = this.inEntity;
    let i = from;
    for (; i < chunk.length; i++) {
      const b = chunk[i];
      if (b === 0x3c) break;
      if (inEntity) {
        if (b === 0x3b) inEntity = false;
      } else if ((b & 0xc0) !== 0x80) {
        if (b === 0x26) inEntity = true;
        if (++chars > max) this.tooLong();
      }
    }
    this.textChars = chars;
    this.inEntity = inEntity;
    return i;
  }

  /** From i, an attribute value up to its closing quote (returned; chunk.length when the value goes on). */
  private quoteRun(chunk: Uint8Array, from: number): number {
    const j = chunk.indexOf(this.quote, from);
    const end = j < 0 ? chunk.length : j;
    if (end === from) return end;
    if (this.raw) for (let k = from; k < end && this.raw.length < 4096; k++) this.raw.push(chunk[k]);
    this.prev1 = chunk[end - 1];
    return end;
  }

  /** From i, a start tag's bytes up to a quote or its '>' (returned; chunk.length when the tag goes on). */
  private tagRun(chunk: Uint8Array, from: number): number {
    const raw = this.raw;
    let i = from;
    for (; i < chunk.length; i++) {
      const b = chunk[i];
      if (b === 0x22 || b === 0x27 || b === 0x3e) break;
      if (raw && raw.length < 4096) raw.push(b);
    }
    if (i > from) this.prev1 = chunk[i - 1];
    return i;
  }

  private text(b: number): void {
    if (b === 0x3c) {
      this.state = S.Lt;
      this.textChars = 0;
      this.inEntity = false;
    } else if (this.countText) {
      if (this.inEntity) {
        if (b === 0x3b) this.inEntity = false;
      } else if ((b & 0xc0) !== 0x80) {
        if (b === 0x26) this.inEntity = true;
        if (++this.textChars > this.limits.maxStringChars) this.tooLong();
      }
    }
  }

  private lt(b: number): void {
    if (b === 0x2f) {
      this.state = S.EndTag;
    } else if (b === 0x3f) {
      this.state = S.Pi;
      this.prev1 = 0;
    } else if (b === 0x21) {
      this.state = S.Bang;
      this.bang = [];
    } else {
      this.state = S.Name;
      this.name[0] = b;
      this.nameLen = 1;
      this.raw = null;
    }
  }

  /** Inside a start tag (S.Tag) or one of its quoted attribute values (S.Quote). */
  private tag(b: number): void {
    if (this.raw && this.raw.length < 4096) this.raw.push(b);
    if (this.state === S.Quote) {
      if (b === this.quote) this.state = S.Tag;
    } else if (b === 0x22 || b === 0x27) {
      this.quote = b;
      this.state = S.Quote;
    } else if (b === 0x3e) {
      this.closeStartTag(this.prev1 === 0x2f);
      this.state = S.Text;
    }
    this.prev1 = b;
  }

  private bangByte(b: number): void {
    this.bang.push(b);
    if (this.bang.length === 2 && this.bang[0] === 0x2d && this.bang[1] === 0x2d) {
      this.state = S.Comment;
      this.prev1 = this.prev2 = 0;
    } else if (this.bang.length === 7) {
      const word = String.fromCharCode(...this.bang);
      if (word === '[CDATA[') {
        this.state = S.Cdata;
        this.prev1 = this.prev2 = 0;
      } else {
        refuse(
          'limit.xml_doctype',
          `${this.where()} chứa khai báo <!${word.replace(/[^\x20-\x7e]/g, '?')}… (DOCTYPE/ENTITY, không có trong tệp Excel thật: có thể là tấn công XXE hoặc bom thực thể XML); ${NOT_READ}.`,
        );
      }
    } else if (b === 0x3e) {
      refuse(
        'limit.xml_doctype',
        `${this.where()} chứa một khai báo <!…> lạ (DOCTYPE/ENTITY không được phép); ${NOT_READ}.`,
      );
    }
  }

  private commentOrCdata(b: number): void {
    if (this.state === S.Comment) {
      if (b === 0x3e && this.prev1 === 0x2d && this.prev2 === 0x2d) this.state = S.Text;
    } else if (b === 0x3e && this.prev1 === 0x5d && this.prev2 === 0x5d) {
      this.state = S.Text;
    } else if (this.countText && (b & 0xc0) !== 0x80 && ++this.textChars > this.limits.maxStringChars) {
      this.tooLong();
    }
    this.prev2 = this.prev1;
    this.prev1 = b;
  }

  private localName(): string {
    return String.fromCharCode(...this.name.subarray(this.localStart, this.nameLen));
  }

  /** Whether the tag's local name is `word` (compared byte by byte: no string made for every tag). */
  private nameIs(word: Uint8Array): boolean {
    const start = this.localStart;
    if (this.nameLen - start !== word.length) return false;
    for (let k = 0; k < word.length; k++) if (this.name[start + k] !== word[k]) return false;
    return true;
  }

  private openTag(): void {
    this.prev1 = 0;
    const L = this.limits;
    this.depth++;
    if (this.depth > this.census.maxDepth) this.census.maxDepth = this.depth;
    if (this.depth > L.maxXmlDepth) {
      refuse(
        'limit.xml_depth',
        `${this.where()} lồng thẻ XML sâu hơn ${num(L.maxXmlDepth)} cấp, vượt giới hạn; ${NOT_READ}.`,
      );
    }
    this.localStart = 0;
    for (let k = 0; k < this.nameLen; k++) {
      if (this.name[k] === 0x3a) {
        this.localStart = k + 1;
        break;
      }
    }
    if (this.kind === 'sheet') {
      if (this.nameIs(ROW)) {
        this.rowCells = 0;
        this.census.rows++;
        if (++this.rows > L.maxRows)
          refuse('limit.rows', `${this.where()} có hơn ${num(L.maxRows)} dòng, vượt giới hạn; ${NOT_READ}.`);
      } else if (this.nameIs(CELL)) {
        if (++this.rowCells > L.maxColumns)
          refuse(
            'limit.columns',
            `${this.where()} có một dòng hơn ${num(L.maxColumns)} ô, vượt giới hạn; ${NOT_READ}.`,
          );
        if (++this.census.cells > L.maxCells)
          refuse('limit.cells', `Bảng tính có hơn ${num(L.maxCells)} ô, vượt giới hạn; ${NOT_READ}.`);
      }
    } else if (this.kind === 'workbook' && this.nameIs(SHEET)) {
      if (++this.census.sheetsDeclared > L.maxSheets)
        refuse('limit.sheets', `Bảng tính có hơn ${num(L.maxSheets)} trang tính, vượt giới hạn; ${NOT_READ}.`);
    }
    if (WATCHED.some((w) => this.nameIs(w))) this.raw = [];
  }

  private closeStartTag(selfClosing: boolean): void {
    if (selfClosing) this.depth--;
    if (!this.raw) return;
    const attrs = attributes(Uint8Array.from(this.raw));
    this.raw = null;
    const name = this.localName();
    const L = this.limits;
    if (this.kind === 'workbook' && name === 'sheet') {
      const id = attrs.get('id');
      if (id) this.census.sheetNames.set(id, attrs.get('name') ?? '');
    } else if (this.kind === 'workbookRels' && name === 'Relationship') {
      const id = attrs.get('Id');
      const target = attrs.get('Target');
      if (id && target) this.census.sheetTargets.set(id, target.replace(/^\/?(xl\/)?/, 'xl/'));
    } else if (this.kind === 'sheet' && name === 'col') {
      const max = Number(attrs.get('max') ?? '0');
      const min = Number(attrs.get('min') ?? '0');
      if (!(max <= MAX_COL && min <= MAX_COL)) {
        refuse(
          'limit.columns',
          `${this.where()} khai báo cột thứ ${num(Math.max(min, max))}, quá số cột tối đa của Excel (${num(MAX_COL)}); ${NOT_READ}.`,
        );
      }
    } else if (this.kind === 'sheet' && (name === 'mergeCell' || name === 'dataValidation')) {
      this.rangeCells += rangeArea(attrs.get(name === 'mergeCell' ? 'ref' : 'sqref') ?? '');
      if (this.rangeCells > L.maxRangeCells) {
        refuse(
          'limit.range',
          `${this.where()} có ô gộp hoặc kiểm tra dữ liệu phủ hơn ${num(L.maxRangeCells)} ô (ví dụ cả một cột đến dòng 1.048.576), vượt giới hạn; ${NOT_READ}.`,
        );
      }
    }
  }
}
