/**
 * Limits on what a submitted file may cost, checked on its bytes before anything inflates them (issue 9).
 *
 * A workbook is a zip of XML parts. Before the format detection and ExcelJS (JSZip + a SAX parser) open it, this
 * module, reading the zip exactly as JSZip does:
 * - refuses a file over the size limit;
 * - reads the zip's central directory and refuses too many entries, a declared uncompressed size over the limit, or a
 *   compression ratio no spreadsheet has (a zip bomb), without inflating anything;
 * - inflates every entry as a stream, counting bytes and stopping as soon as an entry inflates past what it declared
 *   or the total passes the limit (a central directory that lies), keeping nothing but counters;
 * - scans every XML part as it inflates: DOCTYPE / ENTITY declarations (XXE, entity-expansion bombs) and UTF-16 parts
 *   are refused, as are nesting deeper than the limit; in worksheets and shared strings it counts sheets, rows, cells
 *   per row and in all, string length, and the area of merged ranges, data validations and column ranges (ExcelJS
 *   expands those cell by cell, so `sqref="A1:XFD1048576"` would cost billions of steps);
 * - notes macros, external links, data connections, OLE objects and pictures: they are never run, opened, fetched or
 *   refreshed, and the clerk gets a warning saying they were ignored.
 *
 * Pure: no fs, no DOM. Every refusal is a Finding (Vietnamese) naming the limit; the caller adds the file name.
 */
import { Inflate } from 'fflate';
import { z } from 'zod';
import { type Finding, finding } from '../basics/model';
import { decodeXmlEntities } from '../basics/xml';

const MB = 1024 * 1024;

export const limitsSchema = z.object({
  /** Size of the file itself (`--max-file-size`, in MB on the command line). */
  maxFileBytes: z
    .number()
    .int()
    .positive()
    .default(20 * MB),
  /** Entries in the zip. A workbook has a few dozen. */
  maxEntries: z.number().int().positive().default(2000),
  /** Sum of the uncompressed sizes, declared and actual. */
  maxUncompressedBytes: z
    .number()
    .int()
    .positive()
    .default(200 * MB),
  /**
   * Uncompressed / compressed size of one entry, checked once the entry is bigger than ratioGraceBytes. Real sheets stay
   * under 100:1 (very repetitive XML reaches about 350:1 only for megabytes of identical rows); a deflate bomb is ~1000:1.
   */
  maxRatio: z.number().positive().default(200),
  ratioGraceBytes: z
    .number()
    .int()
    .nonnegative()
    .default(1 * MB),
  /** Nesting of XML elements. Worksheets nest 6 deep, drawings about 15. */
  maxXmlDepth: z.number().int().positive().default(100),
  maxSheets: z.number().int().positive().default(255),
  /** Rows (`<row>` elements) in one worksheet. */
  maxRows: z.number().int().positive().default(100_000),
  /** Cells in one row, and the highest column of a `<col>` range (Excel has 16 384 columns). */
  maxColumns: z.number().int().positive().default(16_384),
  /** Cells in the whole workbook. */
  maxCells: z.number().int().positive().default(2_000_000),
  /** Characters in one cell text or shared string (Excel itself stops at 32 767). */
  maxStringChars: z.number().int().positive().default(32_767),
  /** Cells covered by merged ranges and data validations of one worksheet (ExcelJS visits each one). */
  maxRangeCells: z.number().int().positive().default(2_000_000),
});
export type Limits = z.infer<typeof limitsSchema>;
export type LimitsInput = z.input<typeof limitsSchema>;

export const DEFAULT_LIMITS: Limits = Object.freeze(limitsSchema.parse({}));

let activeLimits: Limits = DEFAULT_LIMITS;

/** Limits used by the workbook loader (the CLI sets them from its flags). Returns the limits in force before. */
export function configureLimits(input: LimitsInput | Limits): Limits {
  const before = activeLimits;
  activeLimits = Object.freeze(limitsSchema.parse(input));
  return before;
}

export function currentLimits(): Limits {
  return activeLimits;
}

/** What was found in the zip, for tests and the fuzz report. */
export interface LimitStats {
  entries: number;
  declaredBytes: number;
  inflatedBytes: number;
  sheets: number;
  rows: number;
  cells: number;
  maxDepth: number;
}

export interface LimitReport {
  /** Why the file must not be loaded (severity error, code `limit.*`); null when it may be. */
  refusal: Finding | null;
  /** Content that is ignored (macros, external links …): warnings, code `ignored.*`. */
  ignored: Finding[];
  stats: LimitStats;
}

// ---------------------------------------------------------------------------------------------
// Messages

/** "21 MB", "12,3 MB", "800 KB". */
function size(n: number): string {
  if (n >= MB) return `${(n / MB).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
  return `${Math.ceil(n / 1024).toLocaleString('vi-VN')} KB`;
}
function num(n: number): string {
  return n.toLocaleString('vi-VN');
}
const NOT_READ = 'tệp không được đọc';

/** The message for a file over `--max-file-size` (also used by the CLI for files it does not even load). */
export function fileSizeRefusal(bytes: number, limits: Limits = activeLimits): string {
  return `Tệp nặng ${size(bytes)}, vượt giới hạn ${size(limits.maxFileBytes)} (đổi bằng --max-file-size); ${NOT_READ}.`;
}

class Refused extends Error {
  constructor(readonly finding: Finding) {
    super(finding.message);
  }
}
function refuse(code: string, message: string): never {
  throw new Refused(finding('error', code, message));
}

const IGNORED: { code: string; test: RegExp; message: string }[] = [
  {
    code: 'ignored.macros',
    test: /(^|\/)vbaProject\.bin$|^xl\/vbaData\.xml$/i,
    message: 'Tệp có macro (VBA): macro bị bỏ qua, không bao giờ được chạy; chỉ đọc giá trị trong ô.',
  },
  {
    code: 'ignored.external_links',
    test: /^xl\/externalLinks\//i,
    message:
      'Tệp có liên kết tới sổ tính khác: liên kết bị bỏ qua, không được mở hay cập nhật; chỉ dùng giá trị đã lưu trong ô.',
  },
  {
    code: 'ignored.data_connections',
    test: /^xl\/connections\.xml$|^xl\/queryTables\/|^xl\/model\//i,
    message:
      'Tệp có kết nối dữ liệu (truy vấn, nguồn ngoài): kết nối bị bỏ qua, không được làm mới; chỉ dùng giá trị đã lưu trong ô.',
  },
  {
    code: 'ignored.ole_objects',
    test: /^xl\/embeddings\/|^xl\/activeX\//i,
    message: 'Tệp có đối tượng nhúng (OLE, ActiveX): các đối tượng này bị bỏ qua, không được mở.',
  },
  {
    code: 'ignored.pictures',
    test: /^xl\/media\//i,
    message: 'Tệp có hình ảnh: hình ảnh bị bỏ qua, chỉ đọc giá trị trong ô.',
  },
];

// ---------------------------------------------------------------------------------------------
// Zip central directory

interface ZipEntry {
  /** The name shown in messages: the local header's, which is the one JSZip uses. */
  name: string;
  /** Every name the entry goes by (central directory, local header, Unicode-path extra field): a part is judged by
   * the most dangerous of them, so that a name JSZip or ExcelJS would read differently cannot hide an XML part. */
  names: string[];
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000;
const u64 = (b: Uint8Array, o: number) => u32(b, o) + u32(b, o + 4) * 0x100000000;

const utf8 = new TextDecoder('utf-8', { fatal: false });

/**
 * The central directory, read as JSZip (ExcelJS's unzipper) reads it: the last end-of-directory record anywhere in
 * the file, offsets shifted by any bytes prepended to the zip. Null when there is none (not a zip, truncated):
 * ExcelJS then says why it cannot load it.
 */
function centralDirectory(bytes: Uint8Array, limits: Limits): ZipEntry[] | null {
  let eocd = -1;
  for (let i = bytes.length - 22; i >= 0; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const declaredCount = u16(bytes, eocd + 10);
  const cdSize = u32(bytes, eocd + 12);
  const cdOffset0 = u32(bytes, eocd + 16);
  if (declaredCount === 0xffff || cdOffset0 === 0xffffffff) {
    refuse('limit.zip64', `Tệp nén dạng ZIP64 (dành cho tệp trên 4 GB), không phải bảng tính báo cáo; ${NOT_READ}.`);
  }
  if (declaredCount > limits.maxEntries) {
    refuse(
      'limit.zip_entries',
      `Tệp nén khai báo ${num(declaredCount)} mục, vượt giới hạn ${num(limits.maxEntries)} mục; ${NOT_READ}.`,
    );
  }
  // bytes before the zip (JSZip's "zero"): every offset is shifted by them
  const zero = Math.max(0, eocd - (cdOffset0 + cdSize));
  const entries: ZipEntry[] = [];
  let p = cdOffset0 + zero;
  while (p + 46 <= bytes.length && u32(bytes, p) === 0x02014b50) {
    if (entries.length >= limits.maxEntries) {
      refuse('limit.zip_entries', `Tệp nén chứa hơn ${num(limits.maxEntries)} mục, vượt giới hạn; ${NOT_READ}.`);
    }
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    const central = bytes.subarray(p + 46, p + 46 + nameLen);
    const e: ZipEntry = {
      flags: u16(bytes, p + 8),
      method: u16(bytes, p + 10),
      compressedSize: u32(bytes, p + 20),
      size: u32(bytes, p + 24),
      localOffset: u32(bytes, p + 42),
      name: utf8.decode(central),
      names: [utf8.decode(central), latin1(central)],
    };
    const extra = bytes.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen);
    if (e.size === 0xffffffff || e.compressedSize === 0xffffffff || e.localOffset === 0xffffffff)
      readZip64Extra(extra, e);
    e.localOffset += zero;
    const unicodePath = extraField(extra, 0x7075);
    if (unicodePath && unicodePath.length > 5) e.names.push(utf8.decode(unicodePath.subarray(5)));
    const lo = e.localOffset;
    if (lo + 30 <= bytes.length && u32(bytes, lo) === 0x04034b50) {
      const local = bytes.subarray(lo + 30, Math.min(bytes.length, lo + 30 + u16(bytes, lo + 26)));
      e.name = utf8.decode(local);
      e.names.push(e.name, latin1(local));
    }
    entries.push(e);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
  return s;
}

/** The data of one extra field (by id) of a zip entry, or null. */
function extraField(extra: Uint8Array, id: number): Uint8Array | null {
  let q = 0;
  while (q + 4 <= extra.length) {
    const size = u16(extra, q + 2);
    if (u16(extra, q) === id) return extra.subarray(q + 4, Math.min(extra.length, q + 4 + size));
    q += 4 + size;
  }
  return null;
}

function readZip64Extra(extra: Uint8Array, e: ZipEntry): void {
  const f = extraField(extra, 0x0001);
  if (!f) return;
  let r = 0;
  if (e.size === 0xffffffff && r + 8 <= f.length) {
    e.size = u64(f, r);
    r += 8;
  }
  if (e.compressedSize === 0xffffffff && r + 8 <= f.length) {
    e.compressedSize = u64(f, r);
    r += 8;
  }
  if (e.localOffset === 0xffffffff && r + 8 <= f.length) e.localOffset = u64(f, r);
}

// ---------------------------------------------------------------------------------------------
// XML scanning, a byte at a time, across inflated chunks

type PartKind = 'sheet' | 'strings' | 'workbook' | 'workbookRels' | 'other';

/**
 * What ExcelJS would parse a part as. Its own tests are unanchored (`/xl\/worksheets\/sheet(\d+)[.]xml/` matches
 * "a/xl/worksheets/sheet1.xml.png" too) and it drops a leading "/", so these are as loose: any name with ".xml",
 * ".rels" or ".vml" in it is scanned as XML.
 */
function partKind(name: string): PartKind | null {
  if (!/\.(xml|rels|vml)/i.test(name)) return null;
  if (/xl\/worksheets\/(?!_rels\/)[^/]*\.xml/i.test(name)) return 'sheet';
  if (/xl\/sharedStrings\.xml/i.test(name)) return 'strings';
  if (/^\/?xl\/workbook\.xml$/i.test(name)) return 'workbook';
  if (/^\/?xl\/_rels\/workbook\.xml\.rels$/i.test(name)) return 'workbookRels';
  return 'other';
}

const KIND_RANK: Record<PartKind, number> = { sheet: 0, strings: 1, workbook: 2, workbookRels: 3, other: 4 };

/** The kind of an entry by the most dangerous of its names. */
function entryKind(e: ZipEntry): PartKind | null {
  let best: PartKind | null = null;
  for (const n of e.names) {
    const k = partKind(n);
    if (k && (best === null || KIND_RANK[k] < KIND_RANK[best])) best = k;
  }
  return best;
}

/** Elements whose attributes are read. */
const WATCHED = new Set(['sheet', 'Relationship', 'mergeCell', 'dataValidation', 'col']);

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

const MAX_COL = 16_384;
const MAX_ROW = 1_048_576;

/** Cells covered by a space-separated list of refs ("B2:D10 F1", "A:A", "3:5"); what ExcelJS visits one by one. */
export function rangeArea(ref: string): number {
  let total = 0;
  for (const part of ref.trim().split(/\s+/)) {
    const [a, b, extra] = part.split(':');
    const left = refSide(a ?? '');
    if (!left || extra !== undefined) continue;
    if (b === undefined) {
      total += 1;
      continue;
    }
    const right = refSide(b) ?? left;
    const cols = Math.abs((right.col ?? MAX_COL) - (left.col ?? 1)) + 1;
    const rows = Math.abs((right.row ?? MAX_ROW) - (left.row ?? 1)) + 1;
    total += cols * rows;
  }
  return total;
}

function refSide(s: string): { col: number | null; row: number | null } | null {
  const m = /^\$?([A-Za-z]{0,7})\$?(\d{0,12})$/.exec(s);
  if (!m || (!m[1] && !m[2])) return null;
  return { col: m[1] ? colNumber(m[1]) : null, row: m[2] ? Number(m[2]) : null };
}

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function attributes(raw: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  const text = utf8.decode(raw);
  const re = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const value = decodeXmlEntities(m[2] ?? m[3] ?? '');
    out.set(m[1], value);
    const local = m[1].slice(m[1].indexOf(':') + 1);
    if (!out.has(local)) out.set(local, value);
  }
  return out;
}

/** Facts collected over the whole workbook. */
interface Census {
  sheetNames: Map<string, string>; // relationship id → sheet name
  sheetTargets: Map<string, string>; // relationship id → part name
  sheetsDeclared: number;
  sheetParts: number;
  rows: number;
  cells: number;
  maxDepth: number;
}

class XmlScanner {
  private state = S.Text;
  private depth = 0;
  private name: number[] = [];
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

  constructor(
    private readonly part: string,
    private readonly kind: PartKind,
    private readonly limits: Limits,
    private readonly census: Census,
  ) {}

  /** "Trang tính "xl/worksheets/sheet1.xml"", the part name being replaced by the sheet's name at the end. */
  private where(): string {
    return this.kind === 'sheet' ? `Trang tính "${this.part}"` : `Phần "${this.part}"`;
  }

  push(chunk: Uint8Array): void {
    const L = this.limits;
    const countText = this.kind === 'sheet' || this.kind === 'strings';
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (this.first) {
        this.first = false;
        if (b === 0xfe || b === 0xff || b === 0) {
          refuse('limit.xml_encoding', `${this.where()} của tệp không mã hóa UTF-8 như mọi tệp Excel; ${NOT_READ}.`);
        }
      }
      switch (this.state) {
        case S.Text:
          if (b === 0x3c) {
            this.state = S.Lt;
            this.textChars = 0;
            this.inEntity = false;
          } else if (countText) {
            if (this.inEntity) {
              if (b === 0x3b) this.inEntity = false;
            } else if ((b & 0xc0) !== 0x80) {
              if (b === 0x26) this.inEntity = true;
              if (++this.textChars > L.maxStringChars) {
                refuse(
                  'limit.string_length',
                  `${this.where()} có một chuỗi dài hơn ${num(L.maxStringChars)} ký tự (giới hạn của một ô Excel); ${NOT_READ}.`,
                );
              }
            }
          }
          break;
        case S.Lt:
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
            this.name = [b];
            this.raw = null;
          }
          break;
        case S.Name:
          if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x2f || b === 0x3e) {
            this.openTag();
            this.state = S.Tag;
            i--; // let Tag see this byte
          } else if (this.name.length < 64) {
            this.name.push(b);
          }
          break;
        case S.Tag:
          if (this.raw && this.raw.length < 4096) this.raw.push(b);
          if (b === 0x22 || b === 0x27) {
            this.quote = b;
            this.state = S.Quote;
          } else if (b === 0x3e) {
            this.closeStartTag(this.prev1 === 0x2f);
            this.state = S.Text;
          }
          this.prev1 = b;
          break;
        case S.Quote:
          if (this.raw && this.raw.length < 4096) this.raw.push(b);
          if (b === this.quote) this.state = S.Tag;
          this.prev1 = b;
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
          break;
        case S.Comment:
          if (b === 0x3e && this.prev1 === 0x2d && this.prev2 === 0x2d) this.state = S.Text;
          this.prev2 = this.prev1;
          this.prev1 = b;
          break;
        case S.Cdata:
          if (b === 0x3e && this.prev1 === 0x5d && this.prev2 === 0x5d) this.state = S.Text;
          else if (countText && (b & 0xc0) !== 0x80 && ++this.textChars > L.maxStringChars) {
            refuse(
              'limit.string_length',
              `${this.where()} có một chuỗi dài hơn ${num(L.maxStringChars)} ký tự (giới hạn của một ô Excel); ${NOT_READ}.`,
            );
          }
          this.prev2 = this.prev1;
          this.prev1 = b;
          break;
      }
    }
  }

  private localName(): string {
    const n = String.fromCharCode(...this.name);
    const colon = n.indexOf(':');
    return colon >= 0 ? n.slice(colon + 1) : n;
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
    const name = this.localName();
    if (this.kind === 'sheet') {
      if (name === 'row') {
        this.rowCells = 0;
        this.census.rows++;
        if (++this.rows > L.maxRows)
          refuse('limit.rows', `${this.where()} có hơn ${num(L.maxRows)} dòng, vượt giới hạn; ${NOT_READ}.`);
      } else if (name === 'c') {
        if (++this.rowCells > L.maxColumns)
          refuse(
            'limit.columns',
            `${this.where()} có một dòng hơn ${num(L.maxColumns)} ô, vượt giới hạn; ${NOT_READ}.`,
          );
        if (++this.census.cells > L.maxCells)
          refuse('limit.cells', `Bảng tính có hơn ${num(L.maxCells)} ô, vượt giới hạn; ${NOT_READ}.`);
      }
    } else if (this.kind === 'workbook' && name === 'sheet') {
      if (++this.census.sheetsDeclared > L.maxSheets)
        refuse('limit.sheets', `Bảng tính có hơn ${num(L.maxSheets)} trang tính, vượt giới hạn; ${NOT_READ}.`);
    }
    if (WATCHED.has(name)) this.raw = [];
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

// ---------------------------------------------------------------------------------------------
// The check

const CHUNK = 8 * 1024;

/**
 * Checks a workbook's bytes against the limits. Never throws; a refusal is in `refusal`.
 * Bytes that are not a zip are let through (the loader says what they are).
 */
export function checkWorkbookBytes(bytes: Uint8Array, limits: Limits = activeLimits): LimitReport {
  const stats: LimitStats = {
    entries: 0,
    declaredBytes: 0,
    inflatedBytes: 0,
    sheets: 0,
    rows: 0,
    cells: 0,
    maxDepth: 0,
  };
  const ignored: Finding[] = [];
  const census: Census = {
    sheetNames: new Map(),
    sheetTargets: new Map(),
    sheetsDeclared: 0,
    sheetParts: 0,
    rows: 0,
    cells: 0,
    maxDepth: 0,
  };
  let current: ZipEntry | null = null;
  let refusal: Finding | null = null;
  try {
    if (bytes.length > limits.maxFileBytes) {
      refuse('limit.file_size', fileSizeRefusal(bytes.length, limits));
    }
    const entries = centralDirectory(bytes, limits);
    if (!entries) return { refusal, ignored, stats };
    stats.entries = entries.length;
    for (const e of entries) {
      stats.declaredBytes += e.size;
      if (e.size > limits.ratioGraceBytes && e.size / Math.max(1, e.compressedSize) > limits.maxRatio) {
        refuse(
          'limit.zip_ratio',
          `Mục "${e.name}" trong tệp nén khai báo ${size(e.size)} giải nén từ ${num(e.compressedSize)} byte (tỉ lệ ${num(Math.round(e.size / Math.max(1, e.compressedSize)))}:1, giới hạn ${num(limits.maxRatio)}:1): nghi là bom nén; ${NOT_READ}.`,
        );
      }
    }
    if (stats.declaredBytes > limits.maxUncompressedBytes) {
      refuse(
        'limit.zip_size',
        `Tệp nén khai báo ${size(stats.declaredBytes)} khi giải nén, vượt giới hạn ${size(limits.maxUncompressedBytes)}: nghi là bom nén; ${NOT_READ}.`,
      );
    }
    for (const rule of IGNORED) {
      if (entries.some((e) => e.names.some((n) => rule.test.test(n.replace(/^\//, '')))))
        ignored.push(finding('warning', rule.code, rule.message));
    }
    census.sheetParts = entries.filter((e) => entryKind(e) === 'sheet').length;
    if (census.sheetParts > limits.maxSheets) {
      refuse(
        'limit.sheets',
        `Bảng tính có ${num(census.sheetParts)} trang tính, vượt giới hạn ${num(limits.maxSheets)} trang; ${NOT_READ}.`,
      );
    }
    // workbook.xml and its relationships first, so that a refusal in a worksheet can name the sheet
    const order = [...entries].sort((a, b) => rank(a) - rank(b));
    for (const e of order) {
      current = e;
      stats.inflatedBytes += inflateEntry(bytes, e, limits, census, stats.inflatedBytes);
    }
  } catch (err) {
    if (!(err instanceof Refused)) throw err;
    refusal = withSheetName(err.finding, current, census);
  }
  Object.assign(stats, {
    sheets: census.sheetParts,
    rows: census.rows,
    cells: census.cells,
    maxDepth: census.maxDepth,
  });
  return { refusal, ignored, stats };
}

function rank(e: ZipEntry): number {
  const k = entryKind(e);
  return k === 'workbook' ? 0 : k === 'workbookRels' ? 1 : 2;
}

/** A refusal inside a worksheet part names the sheet as the clerk sees it. */
function withSheetName(f: Finding, part: ZipEntry | null, census: Census): Finding {
  if (!part || entryKind(part) !== 'sheet') return f;
  for (const [id, target] of census.sheetTargets) {
    if (part.names.some((n) => n.replace(/^\//, '').toLowerCase() === target.toLowerCase())) {
      const name = census.sheetNames.get(id);
      if (name) return { ...f, sheet: name, message: f.message.replace(`"${part.name}"`, `"${name}"`) };
    }
  }
  return f;
}

/** Inflates one entry as a stream (scanning it when it is XML); returns the bytes it inflated to. */
function inflateEntry(bytes: Uint8Array, e: ZipEntry, limits: Limits, census: Census, before: number): number {
  const data = compressedData(bytes, e);
  if (!data) return 0;
  const kind = entryKind(e);
  const scanner = kind ? new XmlScanner(e.name, kind, limits, census) : null;
  let inflated = 0;
  inflateChunks(e, data, (chunk) => {
    inflated += chunk.length;
    if (inflated > e.size) {
      refuse(
        'limit.zip_mismatch',
        `Mục "${e.name}" trong tệp nén giải nén ra nhiều hơn ${num(e.size)} byte đã khai báo (tệp nén bị hỏng hoặc bị sửa đổi, có thể là bom nén); ${NOT_READ}.`,
      );
    }
    if (before + inflated > limits.maxUncompressedBytes) {
      refuse(
        'limit.zip_size',
        `Tệp nén giải nén ra hơn ${size(limits.maxUncompressedBytes)}, vượt giới hạn: nghi là bom nén; ${NOT_READ}.`,
      );
    }
    if (inflated > limits.ratioGraceBytes && inflated / Math.max(1, data.length) > limits.maxRatio) {
      refuse(
        'limit.zip_ratio',
        `Mục "${e.name}" trong tệp nén giải nén với tỉ lệ hơn ${num(limits.maxRatio)}:1: nghi là bom nén; ${NOT_READ}.`,
      );
    }
    scanner?.push(chunk);
  });
  return inflated;
}

/** The compressed bytes of an entry, found as JSZip finds them; null when JSZip could not read it either. */
function compressedData(bytes: Uint8Array, e: ZipEntry): Uint8Array | null {
  if (e.flags & 1) return null; // encrypted: the loader refuses it
  const lo = e.localOffset;
  if (lo + 30 > bytes.length || u32(bytes, lo) !== 0x04034b50) return null; // the loader says the zip is broken
  if (e.method !== 0 && e.method !== 8) return null; // JSZip knows only stored and deflated entries
  const start = lo + 30 + u16(bytes, lo + 26) + u16(bytes, lo + 28);
  return bytes.subarray(Math.min(start, bytes.length), Math.min(start + e.compressedSize, bytes.length));
}

/** Inflates in 8 KB slices, so that `take` can stop it (by throwing Refused) after a few megabytes at most. */
function inflateChunks(e: ZipEntry, data: Uint8Array, take: (chunk: Uint8Array) => void): void {
  if (e.method === 0) {
    for (let i = 0; i < data.length; i += CHUNK) take(data.subarray(i, i + CHUNK));
    return;
  }
  const inflater = new Inflate((chunk) => take(chunk));
  try {
    for (let i = 0; i < data.length; i += CHUNK) inflater.push(data.subarray(i, i + CHUNK), i + CHUNK >= data.length);
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (err) {
    if (err instanceof Refused) throw err;
    // a broken deflate stream: the loader fails on it and says so
  }
}

/**
 * One entry of a zip (by name), inflated only while it stays within what it declares and within maxBytes: for
 * looking inside a file before the limits are checked (is it an .ods? a WPS workbook?). Null when the entry is
 * missing, bigger, lying about its size, or the zip is broken.
 */
export function readZipEntryBounded(bytes: Uint8Array, name: string, maxBytes: number): Uint8Array | null {
  try {
    const entry = centralDirectory(bytes, { ...DEFAULT_LIMITS, maxEntries: 0xfffe })?.find((x) =>
      x.names.includes(name),
    );
    if (!entry || entry.size > maxBytes) return null;
    const data = compressedData(bytes, entry);
    if (!data) return null;
    const out = new Uint8Array(entry.size);
    let n = 0;
    inflateChunks(entry, data, (chunk) => {
      if (n + chunk.length > out.length) refuse('limit.zip_mismatch', '');
      out.set(chunk, n);
      n += chunk.length;
    });
    return n === out.length ? out : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// What the doors call

/**
 * The loader's hook: the refusal for these bytes, or null. The report is remembered for the same bytes, so that
 * `ignoredContentFindings` costs nothing after a load.
 */
export function limitRefusal(bytes: Uint8Array): Finding | null {
  return inspect(bytes).refusal;
}

const reports = new WeakMap<Uint8Array, { limits: Limits; report: LimitReport }>();

function inspect(bytes: Uint8Array): LimitReport {
  const hit = reports.get(bytes);
  if (hit && hit.limits === activeLimits) return hit.report;
  const report = checkWorkbookBytes(bytes, activeLimits);
  reports.set(bytes, { limits: activeLimits, report });
  return report;
}

/** Warnings for the content of a file that is ignored (macros, external links, connections, OLE objects, pictures). */
export function ignoredContentFindings(bytes: Uint8Array, fileName: string): Finding[] {
  return inspect(bytes).ignored.map((f) => ({ ...f, file: fileName }));
}
