/**
 * Loading a workbook file (bytes) into grids with ExcelJS. Recognises what is not an .xlsx before ExcelJS
 * sees it, and turns every way a load can fail into a WorkbookError with a Vietnamese message.
 */
import ExcelJS from 'exceljs';
import type { CellValue, SheetGrid, WorkbookGrid } from './grid';
import { limitRefusal } from './limits';

export class WorkbookError extends Error {
  constructor(
    readonly code: string,
    message: string,
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
  if (bytes.length >= 8 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'ole2';
  return 'other';
}

function asBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** Loads an ExcelJS workbook or throws WorkbookError (never anything else). */
export async function loadExcelJs(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const kind = sniffFileKind(bytes);
  if (kind === 'empty') throw new WorkbookError('file.empty', 'Tệp rỗng (0 byte).');
  if (kind === 'ole2') {
    throw new WorkbookError(
      'file.ole2',
      'Tệp là định dạng Excel 97-2003 (.xls) hoặc tệp .xlsx có đặt mật khẩu; hãy mở bằng Excel và lưu lại dạng .xlsx (không mật khẩu).',
    );
  }
  if (kind !== 'xlsx') throw new WorkbookError('file.not_xlsx', 'Tệp không phải bảng tính .xlsx (nội dung không phải tệp nén Office Open XML).');
  // issue 9: size, zip-bomb and XML limits, checked on the bytes before ExcelJS spends work (src/core/limits.ts)
  const refusal = limitRefusal(bytes);
  if (refusal) throw new WorkbookError(refusal.code, refusal.message);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(asBuffer(bytes));
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    if (/central directory|end of data|zip|corrupt|invalid signature/i.test(detail)) {
      throw new WorkbookError('file.bad_zip', `Tệp nén .xlsx bị hỏng hoặc không đầy đủ (${detail.slice(0, 120)}).`);
    }
    throw new WorkbookError('file.unreadable', `Không đọc được bảng tính (${detail.slice(0, 160)}).`);
  }
  if (wb.worksheets.length === 0) {
    throw new WorkbookError('file.no_sheets', 'Tệp nén không chứa trang tính nào (không phải bảng tính Excel, hoặc định dạng không được hỗ trợ).');
  }
  return wb;
}

/** Plain value of an ExcelJS cell; merged cells other than the top-left one are empty. */
export function excelJsCellValue(cell: ExcelJS.Cell): CellValue {
  if (cell.type === ExcelJS.ValueType.Merge) return null;
  return plainValue(cell.value);
}

function plainValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text ?? '').join('');
    if ('formula' in v || 'sharedFormula' in v) {
      const result = (v as { result?: unknown }).result;
      if (result === undefined || result === null) {
        const f = (v as { formula?: string; sharedFormula?: string }).formula ?? (v as { sharedFormula?: string }).sharedFormula ?? '';
        return { formula: String(f) };
      }
      if (typeof result === 'object' && result !== null && 'error' in result) return { error: String((result as { error: unknown }).error) };
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

export function worksheetToGrid(ws: ExcelJS.Worksheet, limits: { maxRows?: number; maxCols?: number } = {}): SheetGrid {
  const maxRows = limits.maxRows ?? 5000;
  const maxCols = limits.maxCols ?? 200;
  const rows: CellValue[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber > maxRows) return;
    const out: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      if (colNumber > maxCols) return;
      out[colNumber - 1] = excelJsCellValue(cell);
    });
    for (let i = 0; i < out.length; i++) if (out[i] === undefined) out[i] = null;
    rows[rowNumber - 1] = out;
  });
  for (let i = 0; i < rows.length; i++) if (rows[i] === undefined) rows[i] = [];
  return { name: ws.name, state: ws.state ?? 'visible', originRow: 1, originCol: 1, rows };
}

export function workbookToGrid(wb: ExcelJS.Workbook): WorkbookGrid {
  const props = wb.properties as { date1904?: boolean } | undefined;
  return { sheets: wb.worksheets.map((ws) => worksheetToGrid(ws)), date1904: Boolean(props?.date1904) };
}

export async function readWorkbookGrid(bytes: Uint8Array): Promise<WorkbookGrid> {
  return workbookToGrid(await loadExcelJs(bytes));
}
