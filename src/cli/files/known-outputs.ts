/**
 * tonghop's own outputs found in a submissions folder (a summary written there by an earlier run, which is natural):
 * listed in the intake log as what they are, not as unknown files, and never read as an agency's report.
 * Recognised from their content, never from their name: a workbook tonghop created with the summary's sheets (or
 * the reminder sheet), or the JSON of a consolidation. The report workbook is no output here: it is a submission
 * one level up. A template an agency filled in is not an output (other sheets).
 */
import { strFromU8 } from 'fflate';
import { readZipEntryBounded } from '../../core';

const SMALL = 256 * 1024;

function entryText(bytes: Uint8Array, name: string): string {
  const b = readZipEntryBounded(bytes, name, SMALL);
  return b ? strFromU8(b) : '';
}

function sheetNames(workbookXml: string): string[] {
  return [...workbookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => m[1]);
}

/** What tonghop output the bytes are ("sổ tổng hợp" …), or null when they are not one. */
export function tonghopOutputKind(bytes: Uint8Array, name: string): string | null {
  if (/\.json$/i.test(name)) {
    if (bytes.length > 64 * 1024 * 1024) return null;
    try {
      const j = JSON.parse(Buffer.from(bytes).toString('utf8')) as Record<string, unknown>;
      if (j && typeof j === 'object' && 'asOf' in j && 'overall' in j && 'intake' in j)
        return 'kết quả tổng hợp dạng JSON';
    } catch {
      return null;
    }
    return null;
  }
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) return null;
  const core = entryText(bytes, 'docProps/core.xml');
  if (!/<dc:creator>tonghop<\/dc:creator>/.test(core)) return null;
  const sheets = sheetNames(entryText(bytes, 'xl/workbook.xml'));
  if (sheets.includes('Tổng hợp') && sheets.includes('Sổ tiếp nhận') && sheets.includes('Chi tiết'))
    return 'sổ tổng hợp';
  // a report workbook (`tonghop report`) is not one: it is what a province sends up, a submission one level up
  if (sheets.length === 1 && sheets[0] === 'Đôn đốc') return 'danh sách đôn đốc';
  return null;
}

/** The reason shown in the intake log for a tonghop output found among the submissions. */
export function outputReason(kind: string): string {
  return `Tệp kết quả do tonghop ghi (${kind}), không phải báo cáo của đơn vị: không đọc.`;
}
