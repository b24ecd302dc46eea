/**
 * The limits' check and the safe unzip: a workbook's bytes are checked against the limits
 * (limits.ts) while every entry is inflated once, in bounded slices, and scanned; when the zip is one that JSZip would
 * read exactly as this module did, the inflated parts are handed to the loader, which then inflates nothing again.
 */
import { joinBytes } from '../basics/bytes';
import { type Finding, finding } from '../basics/model';
import { DEFAULT_LIMITS, type LimitReport, type LimitStats, type Limits, fileSizeRefusal } from './limits';
import { NOT_READ, Refused, num, refuse, size } from './limit-messages';
import { entryKind } from './xml-facts';
import { type Census, XmlScanner } from './xml-scan';
import { type ZipEntry, centralDirectory, compressedData, crc32, inflateChunks } from './zip-directory';

/** One inflated entry of the zip, as the loader will see it. */
export interface InflatedPart {
  name: string;
  data: Uint8Array;
}

export interface CheckedWorkbook extends LimitReport {
  /**
   * Every file entry inflated, in the zip's order, when each was read unambiguously (one name whatever reader reads
   * it, a local header where the directory says, stored or deflated, inflated to exactly its declared size and CRC-32,
   * no duplicate name): what JSZip would give ExcelJS. Null when there was a refusal, the bytes are no zip, or any entry
   * is not so plain (the loader then reads the original bytes, as before).
   */
  parts: InflatedPart[] | null;
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

function ignoredOf(entries: ZipEntry[]): Finding[] {
  return IGNORED.filter((rule) => entries.some((e) => e.names.some((n) => rule.test.test(n.replace(/^\//, ''))))).map(
    (rule) => finding('warning', rule.code, rule.message),
  );
}

/** Declared sizes and ratios, from the directory alone (nothing inflated yet). */
function checkDeclaredSizes(entries: ZipEntry[], limits: Limits, stats: LimitStats): void {
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
}

function checkSheetCount(entries: ZipEntry[], limits: Limits, census: Census): void {
  census.sheetParts = entries.filter((e) => entryKind(e) === 'sheet').length;
  if (census.sheetParts > limits.maxSheets) {
    refuse(
      'limit.sheets',
      `Bảng tính có ${num(census.sheetParts)} trang tính, vượt giới hạn ${num(limits.maxSheets)} trang; ${NOT_READ}.`,
    );
  }
}

/** An entry JSZip reads under the one name this module read it by, and whose bytes it finds where this module did. */
function plainEntry(e: ZipEntry): boolean {
  // one name under every reading (a backslash separator aside: the part is handed over under its `/` name)
  const same = e.names.every((n) => n.replace(/\\/g, '/') === e.name);
  return same && (e.flags & 1) === 0 && (e.method === 0 || e.method === 8);
}

/**
 * Checks a workbook's bytes against the limits. Never throws; a refusal is in `refusal`. Bytes that are not a zip are
 * let through (the loader says what they are). With `keepParts`, the inflated parts come back for the loader.
 */
export function inspectWorkbook(bytes: Uint8Array, limits: Limits, keepParts: boolean): CheckedWorkbook {
  const stats: LimitStats = {
    entries: 0,
    declaredBytes: 0,
    inflatedBytes: 0,
    sheets: 0,
    rows: 0,
    cells: 0,
    maxDepth: 0,
  };
  let ignored: Finding[] = [];
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
  let parts: InflatedPart[] | null = null;
  try {
    if (bytes.length > limits.maxFileBytes) refuse('limit.file_size', fileSizeRefusal(bytes.length, limits));
    const entries = centralDirectory(bytes, limits);
    if (!entries) return { refusal, ignored, stats, parts };
    checkDeclaredSizes(entries, limits, stats);
    ignored = ignoredOf(entries);
    checkSheetCount(entries, limits, census);
    const kept = keepParts ? new Map<ZipEntry, Uint8Array>() : null;
    let plain = keepParts && entries.length > 0 && new Set(entries.map((e) => e.name)).size === entries.length;
    // workbook.xml and its relationships first, so that a refusal in a worksheet can name the sheet
    const order = [...entries].sort((a, b) => rank(a) - rank(b));
    for (const e of order) {
      current = e;
      const keep = plain && plainEntry(e) && !e.dir;
      const out = inflateEntry(bytes, e, limits, census, stats.inflatedBytes, keep);
      stats.inflatedBytes += out.inflated;
      if (out.data) kept?.set(e, out.data);
      else if (!e.dir) plain = false;
    }
    if (plain && kept) parts = entries.filter((e) => !e.dir).map((e) => ({ name: e.name, data: kept.get(e)! }));
  } catch (err) {
    if (!(err instanceof Refused)) throw err;
    refusal = withSheetName(err.finding, current, census);
    parts = null;
  }
  Object.assign(stats, {
    sheets: census.sheetParts,
    rows: census.rows,
    cells: census.cells,
    maxDepth: census.maxDepth,
  });
  return { refusal, ignored, stats, parts };
}

/** Checks a workbook's bytes against the limits (for tests, the fuzz run and the doors): see inspectWorkbook. */
export function checkWorkbookBytes(bytes: Uint8Array, limits: Limits = DEFAULT_LIMITS): LimitReport {
  const { refusal, ignored, stats } = inspectWorkbook(bytes, limits, false);
  return { refusal, ignored, stats };
}

/** The refusal for these bytes under these limits, or null. */
export function limitRefusal(bytes: Uint8Array, limits: Limits = DEFAULT_LIMITS): Finding | null {
  return inspectWorkbook(bytes, limits, false).refusal;
}

/**
 * Warnings for the content of a file that is ignored (macros, external links, connections, OLE objects, pictures),
 * from the zip's directory alone. For a file that was loaded (so within every limit), the same as the check's.
 */
export function ignoredContentFindings(bytes: Uint8Array, fileName: string): Finding[] {
  let entries: ZipEntry[] | null;
  try {
    entries = centralDirectory(bytes, DEFAULT_LIMITS);
  } catch {
    return [];
  }
  return entries ? ignoredOf(entries).map((f) => ({ ...f, file: fileName })) : [];
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

/**
 * Inflates one entry as a stream (scanning it when it is XML); returns the bytes it inflated to and, with `keep`, its
 * data when it inflated cleanly to exactly its declared size.
 */
function inflateEntry(
  bytes: Uint8Array,
  e: ZipEntry,
  limits: Limits,
  census: Census,
  before: number,
  keep: boolean,
): { inflated: number; data: Uint8Array | null } {
  const data = compressedData(bytes, e);
  if (!data) return { inflated: 0, data: null };
  const kind = entryKind(e);
  const scanner = kind ? new XmlScanner(e.name, kind, limits, census) : null;
  const chunks: Uint8Array[] | null = keep ? [] : null;
  let inflated = 0;
  const clean = inflateChunks(e, data, (chunk) => {
    if (inflated + chunk.length > e.size) {
      refuse(
        'limit.zip_mismatch',
        `Mục "${e.name}" trong tệp nén giải nén ra nhiều hơn ${num(e.size)} byte đã khai báo (tệp nén bị hỏng hoặc bị sửa đổi, có thể là bom nén); ${NOT_READ}.`,
      );
    }
    chunks?.push(chunk);
    inflated += chunk.length;
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
  if (!chunks || !clean || inflated !== e.size) return { inflated, data: null };
  // the data the writer compressed, as any inflater gives it (a damaged entry leaves the file to the loader, as before)
  const whole = joinBytes(chunks, inflated);
  return { inflated, data: crc32(whole) === e.crc ? whole : null };
}
