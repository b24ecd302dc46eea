/**
 * tonghop's own outputs found in a submissions folder (a summary written there by an earlier run, which is natural):
 * listed in the intake log as what they are, not as unknown files, and never read as an agency's report.
 * Recognised from their content, never from their name: a workbook tonghop created with the summary's sheets (or
 * the reminder sheet), or the JSON of a consolidation. The report workbook is no output here: it is a submission
 * one level up. A template an agency filled in is not an output (other sheets).
 */
import { createHash } from 'node:crypto';
import { strFromU8 } from 'fflate';
import { HISTORY_SHEETS, readZipEntryBounded, withZipComment, zipComment } from '../../core';
import { readBounded } from './safe-read';

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
      if (j && typeof j === 'object' && 'periods' in j && 'skipped' in j && 'agencies' in j) return HISTORY_JSON;
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
  if (sheets.includes(HISTORY_SHEETS.agencies) && sheets.includes(HISTORY_SHEETS.periods)) return HISTORY_WORKBOOK;
  return null;
}

export const HISTORY_WORKBOOK = 'sổ lịch sử các kỳ';
export const HISTORY_JSON = 'lịch sử các kỳ dạng JSON';

const SEAL = /^tonghop-seal sha256=([0-9a-f]{64})$/;

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/**
 * A file tonghop writes for people to fill in or keep (templates, the sample) carries a seal in its zip comment: the
 * SHA-256 of the file without it. Any program that saves the file again drops or invalidates it, so a sealed
 * file is one tonghop wrote and nobody changed since: a later run may replace it without losing anyone's work.
 */
export function sealed(bytes: Uint8Array): Uint8Array {
  const bare = withZipComment(bytes, '');
  return bare ? (withZipComment(bare, `tonghop-seal sha256=${sha256(bare)}`) ?? bytes) : bytes;
}

/** Whether the bytes are a file tonghop sealed and nobody changed since. */
export function isSealedUnchanged(bytes: Uint8Array): boolean {
  const m = SEAL.exec(zipComment(bytes) ?? '');
  const bare = m && withZipComment(bytes, '');
  return Boolean(bare && sha256(bare) === m[1]);
}

/** The reason shown in the intake log for a tonghop output found among the submissions. */
export function outputReason(kind: string): string {
  return `Tệp kết quả do tonghop ghi (${kind}), không phải báo cáo của đơn vị: không đọc.`;
}

/** The kind of tonghop output a file already there is (which a new run may replace), or null. */
export async function outputKindOfFile(file: string): Promise<string | null> {
  try {
    const got = await readBounded(file);
    return 'bytes' in got ? tonghopOutputKind(got.bytes, file) : null;
  } catch {
    return null;
  }
}

/** A test for `RunInputs.isReplaceable`: a file in a folder the run reads may be replaced if it is one of these. */
export function replaceableOutputs(kinds?: string[]): (file: string) => Promise<boolean> {
  return async (file) => {
    const kind = await outputKindOfFile(file);
    return kind !== null && (!kinds || kinds.includes(kind));
  };
}

/**
 * The files among `targets` that exist and may not be replaced: neither sealed by tonghop and unchanged since, nor
 * already holding exactly the new bytes (when given). Reports an agency sent back, a template someone edited, a
 * user's own file of the same name: never replaced.
 */
export async function notOurs(targets: { file: string; bytes?: Uint8Array }[]): Promise<string[]> {
  const out: string[] = [];
  for (const t of targets) {
    let got;
    try {
      got = await readBounded(t.file, 64 * 1024 * 1024);
    } catch (e) {
      if ((e as { code?: string }).code === 'file.vanished') continue; // nothing there
      out.push(t.file);
      continue;
    }
    if (!('bytes' in got)) out.push(t.file);
    else if (!isSealedUnchanged(got.bytes) && !(t.bytes && Buffer.from(got.bytes).equals(Buffer.from(t.bytes))))
      out.push(t.file);
  }
  return out;
}
