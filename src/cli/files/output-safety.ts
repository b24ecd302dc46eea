/**
 * Where an output may go. Checked before any input is read (checkOutputs) and again just before each write
 * (assertWritableTarget): never over, or through a link onto, a file the run reads (plan, submissions, register,
 * upward plan), never onto something that is not a regular file (a device, a FIFO, a folder), never two outputs on
 * one file, never an extension the command cannot write. Paths are compared after resolving links (a plan reached
 * through a symlinked folder is the same plan). Writing into the submissions folder is allowed: the new name is
 * left out of the scan, and an old tonghop output there is recognised (known-outputs.ts).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { escapeControl } from '../commands/args';
import { CliError } from '../errors';

/** Real paths of every input read in this run (noted as they are read): never written over. */
const readInputs = new Set<string>();

export async function noteInput(file: string): Promise<void> {
  readInputs.add(await realPathOf(file));
}

/** For tests: forget the inputs of earlier runs in this process. */
export function forgetInputs(): void {
  readInputs.clear();
}

function q(file: string): string {
  return `"${escapeControl(file)}"`;
}

/** The real path a name leads to, resolving links in every existing part; the missing tail is kept as written. */
export async function realPathOf(file: string): Promise<string> {
  const abs = path.resolve(file);
  try {
    return await fs.realpath(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR')
      throw new CliError(`Đường dẫn ${q(file)} đi qua một tệp như thể đó là thư mục. Hãy chọn một thư mục có thật.`);
    if (code === 'ELOOP') throw new CliError(`Đường dẫn ${q(file)} có liên kết (symlink) trỏ vòng. Hãy chọn tên khác.`);
    if (code !== 'ENOENT') throw new CliError(`Không kiểm tra được đường dẫn ${q(file)} (${code}). Hãy chọn tên khác.`);
    const parent = path.dirname(abs);
    if (parent === abs) return abs;
    let link: string | null = null;
    try {
      link = await fs.readlink(abs); // a dangling link: the file it would create
    } catch {
      // not a link
    }
    if (link !== null) return realPathOf(path.resolve(parent, link));
    return path.join(await realPathOf(parent), path.basename(abs));
  }
}

/**
 * Refuses an output whose extension the command cannot write, in the name typed and, when the name is a link, in
 * the file it leads to (`--json l.json` where l.json leads to a workbook is refused). The helper every command calls.
 */
export function checkOutputExtension(file: string, allowed: readonly string[], flag = '-o', target = file): void {
  const list = allowed.join(', ');
  const ext = path.extname(file).toLowerCase();
  if (!allowed.includes(ext))
    throw new CliError(
      `${flag} ${q(file)}: lệnh này chỉ ghi được tệp ${list}${ext ? `, không ghi được ${ext}` : ' (tên tệp cần có đuôi)'}. Hãy đặt tên tệp có đuôi ${allowed[0]}.`,
    );
  const real = path.extname(target).toLowerCase();
  if (!allowed.includes(real))
    throw new CliError(
      `${flag} ${q(file)} là liên kết tới ${q(target)}: lệnh này chỉ ghi được tệp ${list}, không ghi qua liên kết lên tệp ${real || 'không có đuôi'}. Hãy chọn tên tệp khác.`,
    );
}

/**
 * The real target an output will be written to, after checking it: a regular file or nothing yet, no input of the
 * run, no folder, under a real folder. Throws CliError (exit 1) with what to do.
 */
export async function assertWritableTarget(
  file: string,
  protectedInputs: string[] = [],
  flag?: string,
): Promise<string> {
  const named = flag ? `${flag}: ` : '';
  if (Buffer.byteLength(path.basename(file)) > 255)
    throw new CliError(`${named}Tên tệp quá dài: ${q(file)}. Hãy đặt tên ngắn hơn (tối đa 255 byte).`);
  const target = await realPathOf(file);
  let st;
  try {
    st = await fs.stat(target);
  } catch {
    st = null;
  }
  if (st?.isDirectory())
    throw new CliError(
      `${named}${q(file)} là một thư mục: hãy ghi tên tệp, ví dụ ${q(path.join(file, 'tong-hop' + (path.extname(file) || '.xlsx')))}.`,
    );
  if (st && !st.isFile())
    throw new CliError(
      `${named}${q(file)} không phải tệp thường (thiết bị, ống dẫn…): không ghi lên đó. Hãy chọn tên tệp khác.`,
    );
  const inputs = new Set(readInputs);
  for (const p of protectedInputs) inputs.add(await realPathOf(p));
  if (inputs.has(target))
    throw new CliError(
      `${named}Không ghi đè lên tệp đầu vào: ${q(file)}${target !== path.resolve(file) ? ` (chính là ${q(target)})` : ''}. Hãy chọn tên tệp kết quả khác.`,
    );
  return target;
}

export interface OutputSpec {
  /** The option that names it: "-o", "--json", "--sheet". */
  flag: string;
  file: string;
  /** Extensions the command can write there, lower case with the dot; none: any. */
  exts?: readonly string[];
}

export interface RunInputs {
  files: string[];
  folders: string[];
  /** Files already in a folder that may be replaced (a tonghop output there). */
  isReplaceable?: (realFile: string) => Promise<boolean>;
}

function inside(folder: string, file: string): boolean {
  const rel = path.relative(folder, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** Every output of a command, checked together before any input is read. Returns the real targets. */
export async function checkOutputs(outputs: OutputSpec[], inputs: RunInputs): Promise<string[]> {
  const targets: string[] = [];
  const folders = await Promise.all(inputs.folders.map((f) => realPathOf(f).catch(() => path.resolve(f))));
  for (const o of outputs) {
    if (o.exts) checkOutputExtension(o.file, o.exts, o.flag);
    const target = await assertWritableTarget(o.file, inputs.files, o.flag);
    if (o.exts) checkOutputExtension(o.file, o.exts, o.flag, target);
    const same = targets.indexOf(target);
    if (same >= 0)
      throw new CliError(
        `${outputs[same].flag} và ${o.flag} cùng chỉ tới ${q(o.file)}: hai kết quả phải là hai tệp khác nhau.`,
      );
    const folder = folders.find((f) => inside(f, target) || f === target);
    if (folder === target) throw new CliError(`${o.flag} ${q(o.file)} là thư mục báo cáo: hãy ghi tên tệp.`);
    if (
      folder &&
      (await fs.stat(target).then(
        () => true,
        () => false,
      ))
    ) {
      if (!(inputs.isReplaceable && (await inputs.isReplaceable(target))))
        throw new CliError(
          `${o.flag} ${q(o.file)} là một tệp trong thư mục báo cáo (dữ liệu đầu vào): không ghi đè. Hãy chọn tên tệp khác.`,
        );
    }
    targets.push(target);
  }
  return targets;
}
