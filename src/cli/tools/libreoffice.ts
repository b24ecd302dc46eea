/**
 * .xls (Excel 97-2003), .xlsb (Excel binary) and .ods (OpenDocument) submissions: no well-kept npm library reads them, so the CLI asks
 * LibreOffice, when it is installed, to convert them to .xlsx, and the core reads the converted copy (FileInput.converted).
 * The intake log keeps the SHA-256 and size of the file as received. Without LibreOffice the core rejects the file with
 * a Vietnamese reason that says how to convert it.
 *
 * LibreOffice runs headless with a profile of its own (so it never collides with an office suite the clerk has open),
 * one conversion at a time, with a timeout; any failure leaves the file to be rejected with its reason, never a crash.
 */
import { type ExecFileOptions, execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type FileInput, type Limits, type Submission, detectFileFormat, limitRefusal } from '../../core';
import { trackChild, trackTemp, untrackTemp } from '../files/cleanup';

const CANDIDATES = [
  '/usr/bin/soffice',
  '/usr/local/bin/soffice',
  '/usr/lib/libreoffice/program/soffice',
  '/opt/libreoffice/program/soffice',
  '/Applications/LibreOffice.app/Contents/MacOS/soffice',
  'C:\\Program Files\\LibreOffice\\program\\soffice.exe',
  'C:\\Program Files (x86)\\LibreOffice\\program\\soffice.exe',
];

let cached: string | null | undefined;

/** The LibreOffice program: $TONGHOP_SOFFICE (empty turns conversion off), else a usual place, else the PATH. */
export function findSoffice(): string | null {
  if (cached !== undefined) return cached;
  const env = process.env.TONGHOP_SOFFICE;
  if (env !== undefined) {
    // empty: conversion off; a path that does not exist is a broken install, told as "not installed"
    const missing = env.trim() === '' || (env.includes(path.sep) && !existsSync(env));
    return (cached = missing ? null : env);
  }
  for (const c of CANDIDATES) if (existsSync(c)) return (cached = c);
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const exe of ['soffice', 'soffice.exe', 'libreoffice']) {
      const p = path.join(dir, exe);
      if (existsSync(p)) return (cached = p);
    }
  }
  return (cached = null);
}

/** For tests: forget what findSoffice found. */
export function resetSofficeCache(): void {
  cached = undefined;
}

let queue: Promise<unknown> = Promise.resolve();
/** Conversions already made in this process, by SHA-256 of the file: the same file is converted once. */
const done = new Map<string, Uint8Array>();
let profileDir: string | null = null;

function run(cmd: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    // its own process group, so that an interrupt stops LibreOffice and whatever it started (cleanup.ts)
    const options: ExecFileOptions = { timeout: timeoutMs, windowsHide: true };
    Object.assign(options, { detached: process.platform !== 'win32' }); // passed on to spawn
    const child = execFile(cmd, args, options, (err) => (err ? reject(err) : resolve()));
    trackChild(child); // stopped on Ctrl-C / kill (cleanup.ts)
  });
}

/** Converts a spreadsheet (bytes, with its original extension) to .xlsx with LibreOffice; null when it cannot. */
export async function convertToXlsx(
  bytes: Uint8Array,
  ext: 'xls' | 'xlsb' | 'ods',
  opts: { soffice?: string | null; timeoutMs?: number } = {},
): Promise<Uint8Array | null> {
  const soffice = opts.soffice === undefined ? findSoffice() : opts.soffice;
  if (!soffice) return null;
  const key = createHash('sha256').update(bytes).digest('hex');
  const known = done.get(key);
  if (known) return known.slice();
  const job = queue.then(async () => {
    // created and registered in one step (synchronously): an interrupt cannot fall between the two (cleanup.ts)
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tonghop-convert-'));
    trackTemp(dir);
    try {
      if (!profileDir) trackTemp((profileDir = mkdtempSync(path.join(os.tmpdir(), 'tonghop-lo-profile-'))));
      const input = path.join(dir, `input.${ext}`);
      await fs.writeFile(input, bytes);
      const outDir = path.join(dir, 'out');
      const args = [
        `-env:UserInstallation=${pathToFileURL(profileDir).href}`,
        '--headless',
        '--norestore',
        '--convert-to',
        'xlsx:Calc MS Excel 2007 XML',
        '--outdir',
        outDir,
        input,
      ];
      // a busy machine or a first start that sets up the profile can make LibreOffice give up once: try twice
      for (let attempt = 1; ; attempt++) {
        try {
          await run(soffice, args, opts.timeoutMs ?? 120_000);
          if (existsSync(path.join(outDir, 'input.xlsx'))) break;
        } catch (e) {
          if (attempt >= 2) throw e;
        }
        if (attempt >= 2) break;
      }
      const out = new Uint8Array(await fs.readFile(path.join(outDir, 'input.xlsx')));
      done.set(key, out.slice());
      return out;
    } catch {
      return null;
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
      untrackTemp(dir);
    }
  });
  queue = job.catch(() => undefined);
  return job;
}

/**
 * The file as the core should read it: an .xls or .ods (recognised by its bytes, not its name) gets the .xlsx
 * LibreOffice made of it; anything else is returned as it is.
 */
export async function withConversion(
  input: FileInput,
  opts: { soffice?: string | null; limits?: Limits } = {},
): Promise<FileInput> {
  const format = detectFileFormat(input.bytes);
  if (format !== 'xls' && format !== 'xlsb' && format !== 'ods') return input;
  // a file over the limits (a zip bomb as .ods …) is not handed to LibreOffice; the reader refuses it
  if (limitRefusal(input.bytes, opts.limits)) return input;
  const converted = await convertToXlsx(input.bytes, format, opts);
  if (!converted) return input;
  const from = { xls: 'Excel 97-2003 (.xls)', xlsb: 'Excel nhị phân (.xlsb)', ods: 'OpenDocument (.ods)' }[format];
  return { ...input, converted: { bytes: converted, from, tool: 'LibreOffice' } };
}

/** The reason given when LibreOffice is there but could not convert the file (damaged, or protected). */
export const CONVERSION_FAILED_REASON =
  'LibreOffice (đã cài) không chuyển được tệp này sang .xlsx: tệp hỏng hoặc được đặt mật khẩu. Đề nghị đơn vị mở bằng Excel, chọn Lưu thành… → Sổ làm việc Excel (.xlsx), rồi gửi lại.';

/** Whether the file needed LibreOffice, LibreOffice is there, and no conversion came back. */
export function conversionFailed(before: FileInput, after: FileInput): boolean {
  const format = detectFileFormat(before.bytes);
  if (format !== 'xls' && format !== 'xlsb' && format !== 'ods') return false;
  return !after.converted && findSoffice() !== null && !limitRefusal(before.bytes);
}

/** The submission of a file LibreOffice could not convert: the reason says so (not "install LibreOffice"). */
export function withConversionFailure(sub: Submission): Submission {
  const codes = new Set(['file.xls', 'file.xlsb', 'file.ods']);
  return {
    ...sub,
    rejectReason: CONVERSION_FAILED_REASON,
    findings: sub.findings.map((f) =>
      codes.has(f.code) ? { ...f, code: 'file.convert_failed', message: CONVERSION_FAILED_REASON } : f,
    ),
  };
}

/** Removes LibreOffice's profile folder at the end of a run. */
export async function cleanUpConversions(): Promise<void> {
  await queue;
  if (profileDir) {
    await fs.rm(profileDir, { recursive: true, force: true });
    untrackTemp(profileDir);
  }
  profileDir = null;
}
