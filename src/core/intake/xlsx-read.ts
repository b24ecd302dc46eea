/**
 * Loading a workbook file (bytes) into grids with ExcelJS. Recognises what is not an .xlsx before ExcelJS
 * sees it (.xls, .ods, password-protected, a Word file, a PDF …), repairs what ExcelJS stumbles on (XML written
 * with an `x:` namespace prefix by WPS Office or the OpenXML SDK), and turns every way a load can fail into a
 * WorkbookError with a Vietnamese message. See docs/reader.md.
 */
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { type CellValue, DEFAULT_CUT, type GridCut, type SheetGrid, type WorkbookGrid } from '../basics/grid';
import { type InflatedPart, inspectWorkbook } from './limit-check';
import { DEFAULT_LIMITS, type Limits } from './limits';
import { readGridDirect } from './xlsx-direct';
import {
  storedZip,
  unprefixParts,
  unprefixSpreadsheetXml,
  valuesOnlyParts,
  valuesOnlyWorkbook,
  withoutDataValidations,
  withoutEmptyDefinedNames,
} from './xlsx-repair';
import { readZipEntryBounded } from './zip-directory';
import {
  BAD_ZIP_REASON,
  ENCRYPTED_XLS_REASON,
  NUMBERS_REASON,
  UNREADABLE_REASON,
  isEncryptedBiff,
  isRawBiff,
  movedWorkbook,
  isNumbersPackage,
  normaliseZipName,
} from './formats';

export class WorkbookError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** A library's own error text: for the JSON, never shown as the reason. */
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'WorkbookError';
  }
}

export type FileKind = 'xlsx' | 'ole2' | 'ods-or-zip' | 'empty' | 'other';

/** What the first bytes say the file is. */
export function sniffFileKind(bytes: Uint8Array): FileKind {
  if (bytes.length === 0) return 'empty';
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05)) {
    return 'xlsx';
  }
  if (bytes.length >= 8 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
    return 'ole2';
  return 'other';
}

/** What a file really holds, from its bytes (never from its name). */
export type FileFormat =
  | 'xlsx'
  /** Excel 97-2003 workbook (OLE2 compound file with a Workbook stream), or an Excel 2.x–4.0 worksheet (raw BIFF). */
  | 'xls'
  /** Excel binary workbook (a zip with xl/workbook.bin, or a workbook.bin elsewhere that the package points to). */
  | 'xlsb'
  /** An Office Open XML workbook whose parts are not under xl/ (the package's relationships point elsewhere). */
  | 'xlsx-moved'
  /** An Office file protected by a password (OLE2 with EncryptionInfo + EncryptedPackage). */
  | 'encrypted'
  /** An .xls protected by a password (FILEPASS record): LibreOffice cannot convert it either. */
  | 'xls-encrypted'
  /** An Apple Numbers document. */
  | 'numbers'
  /** Another OLE2 file (.doc, .msg …). */
  | 'ole2-other'
  | 'ods'
  /** Another OpenDocument file (.odt …). */
  | 'odf-other'
  | 'docx'
  | 'pptx'
  /** A zip that is no Office document. */
  | 'zip-other'
  | 'pdf'
  | 'empty'
  | 'other';

function utf16Bytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) out[i * 2] = s.charCodeAt(i);
  return out;
}
const ENCRYPTION_INFO = utf16Bytes('EncryptionInfo');
const ENCRYPTED_PACKAGE = utf16Bytes('EncryptedPackage');
const WORKBOOK_STREAM = utf16Bytes('Workbook');
const BOOK_STREAM = utf16Bytes('Book\u0000');

function contains(hay: Uint8Array, needle: Uint8Array): boolean {
  const first = needle[0];
  const last = hay.length - needle.length;
  outer: for (let i = 0; i <= last; i++) {
    if (hay[i] !== first) continue;
    for (let j = 1; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Names of the entries of a zip, read from its central directory without inflating anything; null when not a zip. */
export function zipEntryNames(bytes: Uint8Array): string[] | null {
  const names: string[] = [];
  try {
    unzipSync(bytes, {
      filter: (f) => {
        names.push(f.name);
        return false;
      },
    });
  } catch {
    return null;
  }
  return names;
}

function readZipEntry(bytes: Uint8Array, name: string): Uint8Array | null {
  // runs before the limits are checked, so it inflates at most 16 MB and never past the declared size
  // (fflate's unzipSync allocates what an entry declares and inflates a lying one to the end: a 1.5 MB "mimetype"
  // bomb cost 2 GB and 23 s)
  return readZipEntryBounded(bytes, name, 16 * 1024 * 1024);
}

/** The format of a file, from its first bytes, its zip directory or its OLE2 directory. */
export function detectFileFormat(bytes: Uint8Array): FileFormat {
  const kind = sniffFileKind(bytes);
  if (kind === 'empty') return 'empty';
  if (kind === 'ole2') {
    // The directory entries hold the stream names in UTF-16LE; a protected .xlsx is an OLE2 file with these two.
    if (contains(bytes, ENCRYPTION_INFO) && contains(bytes, ENCRYPTED_PACKAGE)) return 'encrypted';
    if (contains(bytes, WORKBOOK_STREAM) || contains(bytes, BOOK_STREAM))
      return isEncryptedBiff(bytes) ? 'xls-encrypted' : 'xls';
    return 'ole2-other';
  }
  if (kind === 'other') {
    if (bytes.length >= 5 && strFromU8(bytes.subarray(0, 5), true) === '%PDF-') return 'pdf';
    return isRawBiff(bytes) ? 'xls' : 'other';
  }
  const names = zipEntryNames(bytes)?.map(normaliseZipName) ?? null;
  if (names === null) return 'xlsx'; // a damaged zip: let the loader say how
  if (isNumbersPackage(names)) return 'numbers';
  if (names.includes('mimetype')) {
    const mime = readZipEntry(bytes, 'mimetype');
    const text = mime ? strFromU8(mime, true).trim() : '';
    return text === 'application/vnd.oasis.opendocument.spreadsheet' ? 'ods' : 'odf-other';
  }
  if (names.includes('xl/workbook.bin')) return 'xlsb';
  if (names.some((n) => n.startsWith('xl/'))) return 'xlsx';
  if (names.some((n) => n.startsWith('word/'))) return 'docx';
  if (names.some((n) => n.startsWith('ppt/'))) return 'pptx';
  return movedWorkbook(bytes, names, readZipEntry) ?? 'zip-other';
}

const HOW_TO_SAVE_XLSX =
  'mở tệp bằng Excel (hoặc LibreOffice) và chọn Lưu thành… → Sổ làm việc Excel (.xlsx), rồi gửi lại';

/** The reason a file of this format cannot be loaded as a workbook, or null when it can (xlsx). */
export function formatRefusal(format: FileFormat): WorkbookError | null {
  switch (format) {
    case 'xlsx':
      return null;
    case 'empty':
      return new WorkbookError('file.empty', 'Tệp rỗng (0 byte).');
    case 'xls':
      return new WorkbookError(
        'file.xls',
        `Tệp là định dạng Excel 97-2003 (.xls), tonghop chỉ đọc trực tiếp .xlsx: cài LibreOffice để dòng lệnh tự chuyển, hoặc ${HOW_TO_SAVE_XLSX}.`,
      );
    case 'xlsb':
      return new WorkbookError(
        'file.xlsb',
        `Tệp là Sổ làm việc nhị phân Excel (.xlsb), tonghop chỉ đọc trực tiếp .xlsx: cài LibreOffice để dòng lệnh tự chuyển, hoặc ${HOW_TO_SAVE_XLSX}.`,
      );
    case 'xlsx-moved':
      return new WorkbookError(
        'file.xlsx_moved',
        `Tệp .xlsx có cấu trúc lạ (các phần của sổ không nằm trong thư mục xl/ như Excel ghi): cài LibreOffice để dòng lệnh tự chuyển, hoặc ${HOW_TO_SAVE_XLSX}.`,
      );
    case 'ods':
      return new WorkbookError(
        'file.ods',
        `Tệp là bảng tính OpenDocument (.ods), tonghop chỉ đọc trực tiếp .xlsx: cài LibreOffice để dòng lệnh tự chuyển, hoặc ${HOW_TO_SAVE_XLSX}.`,
      );
    case 'encrypted':
      return new WorkbookError(
        'file.encrypted',
        'Tệp được đặt mật khẩu (mã hóa), không đọc được: đề nghị đơn vị gỡ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu, xóa mật khẩu) rồi gửi lại.',
      );
    case 'xls-encrypted':
      return new WorkbookError('file.encrypted', ENCRYPTED_XLS_REASON);
    case 'numbers':
      return new WorkbookError('file.numbers', NUMBERS_REASON);
    case 'ole2-other':
      return new WorkbookError(
        'file.not_workbook',
        'Tệp là tài liệu Office đời cũ (OLE2) nhưng không phải bảng tính Excel.',
      );
    case 'odf-other':
      return new WorkbookError('file.not_workbook', 'Tệp là tài liệu OpenDocument nhưng không phải bảng tính (.ods).');
    case 'docx':
      return new WorkbookError(
        'file.not_workbook',
        'Tệp là văn bản Word (.docx), không phải bảng tính: đề nghị đơn vị gửi báo cáo theo mẫu Excel.',
      );
    case 'pptx':
      return new WorkbookError('file.not_workbook', 'Tệp là bản trình chiếu PowerPoint, không phải bảng tính.');
    case 'zip-other':
      return new WorkbookError(
        'file.not_workbook',
        'Tệp nén (.zip) không phải bảng tính Excel (không có phần xl/ của tệp .xlsx).',
      );
    case 'pdf':
      return new WorkbookError(
        'file.not_xlsx',
        'Tệp là PDF (có thể là bản scan), không phải bảng tính: không lấy được số liệu, đề nghị đơn vị gửi tệp Excel.',
      );
    default:
      return new WorkbookError(
        'file.not_xlsx',
        'Tệp không phải bảng tính .xlsx (nội dung không phải tệp nén Office Open XML).',
      );
  }
}

function asBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** An ExcelJS workbook and what had to be left aside to load it (valuesOnlyParts), or null when nothing was. */
export interface LoadedWorkbook {
  workbook: ExcelJS.Workbook;
  repairs: string[] | null;
}

/**
 * Loads an ExcelJS workbook or throws WorkbookError (never anything else). The limits are checked on the bytes first
 * (limit-check.ts); the parts that check inflated are what ExcelJS reads (every part inflated once).
 */
export async function loadExcelJs(bytes: Uint8Array, limits: Limits = DEFAULT_LIMITS): Promise<LoadedWorkbook> {
  return loadChecked(bytes, checkedParts(bytes, limits));
}

/** The limits' check and the format's: throws the refusal, or gives the parts the check inflated (null: none). */
function checkedParts(bytes: Uint8Array, limits: Limits): InflatedPart[] | null {
  const checked = inspectWorkbook(bytes, limits, true);
  if (checked.refusal) throw new WorkbookError(checked.refusal.code, checked.refusal.message);
  const refused = formatRefusal(detectFileFormat(bytes));
  if (refused) throw refused;
  return checked.parts;
}

async function loadChecked(bytes: Uint8Array, inflated: InflatedPart[] | null): Promise<LoadedWorkbook> {
  let parts = inflated;
  let repaired: Uint8Array | null = null;
  if (parts) parts = withoutEmptyDefinedNames(withoutDataValidations(unprefixParts(parts) ?? parts));
  else repaired = unprefixSpreadsheetXml(bytes);
  let wb = new ExcelJS.Workbook();
  let repairs: string[] | null = null;
  try {
    await wb.xlsx.load(asBuffer(parts ? storedZip(parts) : (repaired ?? bytes)));
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    if (/central directory|end of data|zip|corrupt|invalid signature/i.test(detail)) {
      throw new WorkbookError('file.bad_zip', BAD_ZIP_REASON, detail);
    }
    // Second chance: ExcelJS stumbles on parts that hold no cell value (tables, comments, drawings … written with
    // absolute paths by openpyxl and others): read the cells again without them, and say so.
    const valuesOnly = parts ? storedValuesOnly(parts) : valuesOnlyWorkbook(repaired ?? bytes);
    wb = new ExcelJS.Workbook();
    try {
      if (!valuesOnly) throw err;
      await wb.xlsx.load(asBuffer(valuesOnly.bytes));
      repairs = valuesOnly.dropped;
    } catch {
      throw new WorkbookError('file.unreadable', UNREADABLE_REASON, detail);
    }
  }
  if (wb.worksheets.length === 0) {
    throw new WorkbookError(
      'file.no_sheets',
      'Tệp nén không chứa trang tính nào đọc được (không phải bảng tính Excel, hoặc định dạng không được hỗ trợ); đây không phải bảng tính trống.',
    );
  }
  return { workbook: wb, repairs };
}

function storedValuesOnly(parts: InflatedPart[]): { bytes: Uint8Array; dropped: string[] } | null {
  const kept = valuesOnlyParts(parts);
  return kept ? { bytes: storedZip(kept.parts), dropped: kept.dropped } : null;
}

/** Plain value of an ExcelJS cell; merged cells other than the top-left one are empty. */
export function excelJsCellValue(cell: ExcelJS.Cell): CellValue {
  if (cell.type === ExcelJS.ValueType.Merge) return null;
  if (cell.type === ExcelJS.ValueType.Formula) {
    // a formula whose saved result is 0 or FALSE (a total of nothing): cell.value leaves falsy results out, which
    // read as "no saved value" and lost the figure; cell.result keeps them
    const result = cell.result as unknown;
    if (result === 0 || result === false) return result;
  }
  return plainValue(cell.value);
}

function plainValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  // found by npm run fuzz: a date-formatted cell holding text is an Invalid Date; an error value, not a throw later
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? { error: '#VALUE!' } : v;
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text ?? '').join('');
    if ('formula' in v || 'sharedFormula' in v) {
      const result = (v as { result?: unknown }).result;
      if (result === undefined || result === null) {
        const f =
          (v as { formula?: string; sharedFormula?: string }).formula ??
          (v as { sharedFormula?: string }).sharedFormula ??
          '';
        return { formula: String(f) };
      }
      if (typeof result === 'object' && result !== null && 'error' in result)
        return { error: String((result as { error: unknown }).error) };
      return plainValue(result as ExcelJS.CellValue);
    }
    if ('text' in v && 'hyperlink' in v) {
      const t = (v as { text: unknown }).text;
      if (typeof t === 'string') return t;
      return plainValue(t as ExcelJS.CellValue);
    }
    if ('error' in v) return { error: String((v as { error: unknown }).error) };
  }
  return String(v);
}

export function worksheetToGrid(ws: ExcelJS.Worksheet, limits: Partial<GridCut> = {}): SheetGrid {
  const maxRows = limits.maxRows ?? DEFAULT_CUT.maxRows;
  const maxCols = limits.maxCols ?? DEFAULT_CUT.maxCols;
  const rows: CellValue[][] = [];
  let lastRow = 0;
  let lastCol = 0;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber > maxRows) {
      lastRow = Math.max(lastRow, rowNumber);
      return;
    }
    const out: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      if (colNumber > maxCols) {
        lastCol = Math.max(lastCol, colNumber);
        return;
      }
      out[colNumber - 1] = excelJsCellValue(cell);
    });
    for (let i = 0; i < out.length; i++) if (out[i] === undefined) out[i] = null;
    rows[rowNumber - 1] = out;
  });
  for (let i = 0; i < rows.length; i++) if (rows[i] === undefined) rows[i] = [];
  const grid: SheetGrid = { name: ws.name, state: ws.state ?? 'visible', originRow: 1, originCol: 1, rows };
  // never silently: the reader turns this into a finding
  if (lastRow > 0 || lastCol > 0)
    grid.notRead = { fromRow: lastRow > 0 ? maxRows + 1 : null, fromCol: lastCol > 0 ? maxCols + 1 : null };
  return grid;
}

/** The grids of a loaded workbook, with what had to be left aside to read it (`repairs`, when anything was). */
export function workbookToGrid(loaded: LoadedWorkbook | ExcelJS.Workbook, cut: GridCut = DEFAULT_CUT): WorkbookGrid {
  const { workbook: wb, repairs } = loaded instanceof ExcelJS.Workbook ? { workbook: loaded, repairs: null } : loaded;
  const props = wb.properties as { date1904?: boolean } | undefined;
  const grid: WorkbookGrid = {
    sheets: wb.worksheets.map((ws) => worksheetToGrid(ws, cut)),
    date1904: Boolean(props?.date1904),
  };
  if (repairs) grid.repairs = repairs;
  return grid;
}

/** What had to be left aside to read a workbook's cells (valuesOnlyParts), or null when it loaded as it was. */
export function gridRepairs(grid: WorkbookGrid): string[] | null {
  return grid.repairs ?? null;
}

/** A workbook file's grids, the file checked against `limits` first (the defaults unless the caller says). */
export async function readWorkbookGrid(
  bytes: Uint8Array,
  limits: Limits = DEFAULT_LIMITS,
  cut: GridCut = DEFAULT_CUT,
): Promise<WorkbookGrid> {
  const parts = checkedParts(bytes, limits);
  // the direct reader gives the same grids without ExcelJS's model, or declines (docs/reader.md)
  const direct = parts ? readGridDirect(parts, cut) : null;
  return direct ?? workbookToGrid(await loadChecked(bytes, parts), cut);
}
