/**
 * .xls (Excel 97-2003, and Excel 2.x–4.0 saved without their container), .xlsb (Excel binary), .ods (OpenDocument)
 * and .xlsx files whose parts are not where Excel puts them: no well-kept npm library reads them, so the CLI asks
 * LibreOffice, when it is installed, to convert them to .xlsx, and the core reads the converted copy
 * (FileInput.converted). The intake log keeps the SHA-256 and size of the file as received. Without LibreOffice the
 * core rejects the file with a Vietnamese reason that says how to convert it.
 *
 * One run, one LibreOffice profile, in the run's temporary folder (leftovers.ts), so it never collides with an office
 * suite the clerk has open. The files are converted many to one LibreOffice call (its start costs about a second):
 * the folder's reader asks for all of them first (requestAll) and reads the others meanwhile. When LibreOffice stops
 * part-way (a file that crashes it) the files it had done are kept, the one it stopped on is tried alone, the rest
 * go on in a new call; a file that fails alone twice is rejected with its reason, never a crash.
 */
import { type ExecFileOptions, execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type FileFormat,
  type FileInput,
  type Limits,
  type Submission,
  detectFileFormat,
  limitRefusal,
} from '../../core';
import { trackChild } from '../files/cleanup';
import { runTempDir } from '../files/leftovers';

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

/** The formats LibreOffice converts, with the extension LibreOffice is given the file under. */
const CONVERTIBLE: Partial<Record<FileFormat, string>> = { xls: 'xls', xlsb: 'xlsb', ods: 'ods', 'xlsx-moved': 'xlsx' };

/** The extension to convert the bytes under, or null when they need no conversion (or must not be handed over). */
export function conversionExtension(bytes: Uint8Array, limits?: Limits): string | null {
  const ext = CONVERTIBLE[detectFileFormat(bytes)];
  // a file over the limits (a zip bomb as .ods …) is not handed to LibreOffice; the reader refuses it
  return ext && !limitRefusal(bytes, limits) ? ext : null;
}

/** How many files one LibreOffice call converts at most, and how long it may take. */
const BATCH = 100;
const batchTimeoutMs = (files: number) => 60_000 + 5_000 * files;

function run(cmd: string, args: string[], timeoutMs: number, tmp: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // its own process group, so that an interrupt stops LibreOffice and whatever it started (cleanup.ts); its own
    // temporary files (lu*.tmp) in the run's folder, removed with it
    const env = { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp };
    const options: ExecFileOptions = { timeout: timeoutMs, windowsHide: true, maxBuffer: 16 << 20, env };
    Object.assign(options, { detached: process.platform !== 'win32' }); // passed on to spawn
    const child = execFile(cmd, args, options, (err) => (err ? reject(err) : resolve()));
    trackChild(child); // stopped on Ctrl-C / kill (cleanup.ts)
  });
}

interface Item {
  /**
   * The copy LibreOffice reads, `in/<n>/<name>.<ext>` in the run's folder (written when `written` settles), under the
   * received file's own name: LibreOffice, like Excel, names the one sheet of an Excel 2.x–4.0 file after it.
   */
  input: string;
  /** The name of the .xlsx LibreOffice writes (`<name>.xlsx`), unique in the run (one output folder per call). */
  output: string;
  written: Promise<boolean>;
  /** Calls made with this file alone. */
  alone: number;
  resolve(out: string | null): void;
}

/** The conversions of one run: one profile, one LibreOffice call at a time, many files to a call. */
class Converter {
  private readonly root: string;
  private readonly results = new Map<string, Promise<string | null>>();
  private queue: Item[] = [];
  /** Files to try on their own (the one LibreOffice stopped on), before the queue goes on. */
  private alone: Item[] = [];
  private loop: Promise<void> | null = null;
  private count = 0;
  /** While held, the files asked for are gathered, not converted (requestConversions asks for a whole folder). */
  private held = 0;
  private readonly names = new Set<string>();

  constructor(
    private readonly soffice: string,
    private readonly timeoutMs?: number,
  ) {
    this.root = path.join(runTempDir(), `libreoffice-${process.hrtime.bigint()}`);
  }

  /** The converted .xlsx of these bytes (converted once per content), or null when LibreOffice could not. */
  convert(bytes: Uint8Array, ext: string, name = 'Sheet1'): Promise<string | null> {
    const key = createHash('sha256').update(bytes).digest('hex');
    let result = this.results.get(key);
    if (!result) {
      result = this.enqueue(bytes, ext, name);
      this.results.set(key, result);
    }
    return result;
  }

  hold(): void {
    this.held++;
  }

  release(): void {
    this.held--;
    this.start();
  }

  private enqueue(bytes: Uint8Array, ext: string, name: string): Promise<string | null> {
    // the received name without its extension, as a file name of its own (no separator, not hidden, not too long)
    const stem =
      path
        .basename(name)
        .replace(/\.[^.]*$/, '')
        .replace(/[\u0000-\u001f/\\:*?"<>|]/g, '_')
        .replace(/^[.\s]+/, '')
        .slice(0, 100) || 'Sheet1';
    let unique = stem;
    for (let n = 2; this.names.has(unique.toLowerCase()); n++) unique = `${stem} (${n})`;
    this.names.add(unique.toLowerCase());
    const input = path.join(this.root, 'in', String(++this.count), `${unique}.${ext}`);
    const written = fs
      .mkdir(path.dirname(input), { recursive: true })
      .then(() => fs.writeFile(input, bytes))
      .then(
        () => true,
        () => false,
      );
    return new Promise((resolve) => {
      this.queue.push({ input, output: `${unique}.xlsx`, written, alone: 0, resolve });
      this.start();
    });
  }

  private start(): void {
    if (this.held > 0 || this.loop) return;
    this.loop = this.drain().finally(() => {
      this.loop = null;
      if (this.queue.length + this.alone.length > 0) this.start();
    });
  }

  private async drain(): Promise<void> {
    await new Promise((r) => setImmediate(r)); // files asked for in the same moment go together
    while (this.held === 0 && (this.alone.length > 0 || this.queue.length > 0)) {
      const batch = this.alone.length > 0 ? [this.alone.shift()!] : this.queue.splice(0, BATCH);
      const ok = await Promise.all(batch.map((i) => i.written));
      for (const i of batch.filter((_, k) => !ok[k])) i.resolve(null);
      const ready = batch.filter((_, k) => ok[k]);
      if (ready.length > 0) await this.runBatch(ready);
    }
  }

  private async runBatch(items: Item[]): Promise<void> {
    const outDir = path.join(this.root, `out-${++this.count}`);
    const profile = pathToFileURL(path.join(this.root, 'profile')).href;
    const args = ['-env:UserInstallation=' + profile, '--headless', '--norestore', '--convert-to'];
    args.push('xlsx:Calc MS Excel 2007 XML', '--outdir', outDir, ...items.map((i) => i.input));
    if (items.length === 1) items[0].alone++;
    const tmp = path.join(this.root, 'tmp');
    await fs.mkdir(tmp, { recursive: true });
    await run(this.soffice, args, this.timeoutMs ?? batchTimeoutMs(items.length), tmp).catch(() => undefined);
    const outOf = (i: Item) => path.join(outDir, i.output);
    const missing = items.filter((i) => !existsSync(outOf(i)));
    for (const i of items) if (!missing.includes(i)) i.resolve(outOf(i));
    if (missing.length === 0) return;
    // LibreOffice converts in order: the first file missing is the one it stopped on (or could not read); it is
    // tried alone (twice: a first start on a busy machine can fail), the others go on together
    const [first, ...rest] = missing;
    if (first.alone >= 2) first.resolve(null);
    else this.alone.push(first);
    this.queue.unshift(...rest);
  }

  /** Waits for the conversions asked for, then removes their folder. */
  async close(): Promise<void> {
    this.held = 0;
    this.start();
    while (this.loop) await this.loop;
    await fs.rm(this.root, { recursive: true, force: true }).catch(() => undefined);
  }
}

let converter: Converter | null = null;

/**
 * Converts a spreadsheet (bytes, with the extension LibreOffice should read it under) to .xlsx; null when it
 * cannot. Asked for many files at once, LibreOffice converts them in few calls.
 */
export async function convertToXlsx(
  bytes: Uint8Array,
  ext: string,
  opts: { soffice?: string | null; timeoutMs?: number; name?: string } = {},
): Promise<Uint8Array | null> {
  const soffice = opts.soffice === undefined ? findSoffice() : opts.soffice;
  if (!soffice) return null;
  converter ??= new Converter(soffice, opts.timeoutMs);
  const out = await converter.convert(bytes, ext, opts.name);
  return out ? new Uint8Array(await fs.readFile(out)) : null;
}

/**
 * Asks for the conversion of every file (bytes read by `load`) that needs one, without waiting for them; returns
 * the indexes of those files (the reader reads them last, when most are done).
 */
export async function requestConversions(
  count: number,
  load: (index: number) => Promise<{ bytes: Uint8Array; name: string } | null>,
  limits?: Limits,
): Promise<Set<number>> {
  const soffice = findSoffice();
  const legacy = new Set<number>();
  if (!soffice) return legacy;
  const c = (converter ??= new Converter(soffice));
  c.hold(); // the whole folder first, then as few calls as can be
  try {
    for (let i = 0; i < count; i++) {
      const file = await load(i);
      const ext = file && conversionExtension(file.bytes, limits);
      if (!file || !ext) continue;
      legacy.add(i);
      void c.convert(file.bytes, ext, file.name);
    }
  } finally {
    c.release();
  }
  return legacy;
}

const FROM: Record<string, string> = {
  xls: 'Excel 97-2003 (.xls)',
  xlsb: 'Excel nhị phân (.xlsb)',
  ods: 'OpenDocument (.ods)',
  xlsx: 'Excel (.xlsx) có cấu trúc lạ',
};

/**
 * The file as the core should read it: one LibreOffice must convert (recognised by its bytes, not its name) gets
 * the .xlsx LibreOffice made of it; anything else is returned as it is.
 */
export async function withConversion(
  input: FileInput,
  opts: { soffice?: string | null; limits?: Limits } = {},
): Promise<FileInput> {
  const ext = conversionExtension(input.bytes, opts.limits);
  if (!ext) return input;
  const converted = await convertToXlsx(input.bytes, ext, { ...opts, name: input.name });
  if (!converted) return input;
  return { ...input, converted: { bytes: converted, from: FROM[ext], tool: 'LibreOffice' } };
}

/** The reason given when LibreOffice is there but could not convert the file (damaged, or protected). */
export const CONVERSION_FAILED_REASON =
  'LibreOffice (đã cài) không chuyển được tệp này sang .xlsx: tệp hỏng hoặc được đặt mật khẩu. Đề nghị đơn vị mở bằng Excel, chọn Lưu thành… → Sổ làm việc Excel (.xlsx), rồi gửi lại.';

/** Whether the file needed LibreOffice, LibreOffice is there, and no conversion came back. */
export function conversionFailed(before: FileInput, after: FileInput): boolean {
  return conversionExtension(before.bytes) !== null && !after.converted && findSoffice() !== null;
}

/** The submission of a file LibreOffice could not convert: the reason says so (not "install LibreOffice"). */
export function withConversionFailure(sub: Submission): Submission {
  const codes = new Set(['file.xls', 'file.xlsb', 'file.ods', 'file.xlsx_moved']);
  return {
    ...sub,
    rejectReason: CONVERSION_FAILED_REASON,
    findings: sub.findings.map((f) =>
      codes.has(f.code) ? { ...f, code: 'file.convert_failed', message: CONVERSION_FAILED_REASON } : f,
    ),
  };
}

/** Waits for the run's conversions and removes their folder (LibreOffice's profile with them). */
export async function cleanUpConversions(): Promise<void> {
  const c = converter;
  converter = null;
  await c?.close();
}
