/**
 * `tonghop history <summary.xlsx…|folder> -o lich-su.xlsx [--json lich-su.json]`: the summaries of
 * several periods, read back from their hidden data sheet, compared per agency, per group and per district.
 * Also the note on where the summary must stay for its links to the agencies' files to work.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import {
  type HistoryInput,
  TREND_LABELS,
  WorkbookError,
  buildHistory,
  historyJson,
  readSummaryFile,
  readWorkbookGrid,
  writeHistoryWorkbook,
  formatDateVi,
  withDatesVi,
} from '../../core';
import { escapeControl, parseCommand, textOption, typedFlag } from './args';
import { CliError, EXIT, readBytes } from '../files/inputs';
import { withOutputs } from '../files/claim';
import { HISTORY_JSON, HISTORY_WORKBOOK, replaceableOutputs } from '../files/known-outputs';
import { realPathOf } from '../files/output-safety';
import { type StagedOutput, commitAll, stageOutput } from '../files/write-out';

export const HISTORY_HELP = `  tonghop history <sổ-tổng-hợp.xlsx…|thư-mục> [-o lich-su.xlsx] [--json lich-su.json]
      So sánh các kỳ: đọc các sổ tổng hợp (do "tonghop consolidate -o" ghi, mỗi sổ một kỳ), lập bảng theo
      đơn vị, theo nhóm, theo huyện, khu vực: số kỳ đã nộp, đúng hạn, số ngày muộn, tỉ lệ đã nộp, tỉ lệ đúng
      hạn, xu hướng. Đơn vị muộn hoặc chưa nộp ở ít nhất 2 trong 3 kỳ gần nhất được xếp lên đầu. Các kế hoạch
      khác nhau được tách riêng; cùng một kỳ chạy lại nhiều lần chỉ tính một lần (bản có ngày số liệu mới nhất).
        -o          ghi sổ lịch sử .xlsx
        --json      ghi kết quả dạng JSON
`;

/** The submissions folder as seen from the summary's folder, with '/' (what the links in the summary use). */
export function linkFolder(out: string, dir: string): string {
  const rel = path.relative(path.dirname(path.resolve(out)), path.resolve(dir));
  return rel.split(path.sep).join('/');
}

export function linkNote(out: string, dir: string): string {
  const folder = linkFolder(out, dir);
  const keep =
    folder === ''
      ? 'giữ sổ tổng hợp cùng thư mục với các tệp báo cáo'
      : `giữ sổ tổng hợp và thư mục "${folder}" ở đúng vị trí như hiện nay (khi chép hoặc chuyển đi nơi khác, mang theo cả hai)`;
  return `Liên kết tới tệp báo cáo trong sổ tổng hợp là đường dẫn tương đối: ${keep} để mở được liên kết.`;
}

/** What was named on the command line: files, and folders whose summaries are read. */
async function namedInputs(args: string[]): Promise<{ files: string[]; folders: string[] }> {
  const files: string[] = [];
  const folders: string[] = [];
  for (const a of args) {
    const st = await fs.stat(a).catch(() => null);
    if (!st) throw new CliError(`Không tìm thấy: ${escapeControl(a)}`);
    (st.isDirectory() ? folders : files).push(a);
  }
  return { files, folders };
}

/**
 * The .xlsx files named, and those directly inside the folders named (lock files aside), each once (by real path),
 * as typed; this run's own outputs, already claimed, left out.
 */
async function inputFiles(named: { files: string[]; folders: string[] }, exclude: string[]): Promise<string[]> {
  const out = [...named.files];
  for (const dir of named.folders) {
    const names = (await fs.readdir(dir)).filter(
      (n) => /\.xlsx$/i.test(n) && !n.startsWith('~$') && !n.startsWith('.'),
    );
    out.push(...names.sort().map((n) => path.join(dir, n)));
  }
  const skip = new Set(await Promise.all(exclude.map(realPathOf)));
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const f of out) {
    const real = await realPathOf(f);
    if (skip.has(real) || seen.has(real)) continue;
    seen.add(real);
    kept.push(f);
  }
  return kept;
}

async function readInputs(
  files: string[],
): Promise<{ inputs: HistoryInput[]; refused: { file: string; reason: string }[] }> {
  const inputs: HistoryInput[] = [];
  const refused: { file: string; reason: string }[] = [];
  for (const file of files) {
    let grid;
    try {
      grid = await readWorkbookGrid(await readBytes(file));
    } catch (e) {
      const why = e instanceof WorkbookError || e instanceof CliError ? e.message : (e as Error).message;
      refused.push({ file, reason: `Tệp "${file}" không đọc được: ${why}` });
      continue;
    }
    const read = readSummaryFile(grid, file);
    if (read.ok) inputs.push({ file, data: read.data });
    else refused.push({ file, reason: read.reason });
  }
  return { inputs, refused };
}

export async function cmdHistory(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv, {
    name: 'history',
    usage: 'tonghop history <sổ-tổng-hợp.xlsx…|thư-mục> [-o lich-su.xlsx] [--json lich-su.json]',
    help: HISTORY_HELP,
    positionals: [1, Number.MAX_SAFE_INTEGER],
    options: { output: { type: 'string', short: 'o' }, json: { type: 'string' } },
  });
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  const out = textOption(values.output);
  const jsonOut = textOption(values.json);
  const outputs = [
    ...(out ? [{ flag: typedFlag(argv, 'output', 'o'), file: out, exts: ['.xlsx'] }] : []),
    ...(jsonOut ? [{ flag: '--json', file: jsonOut, exts: ['.json'] }] : []),
  ];
  const named = await namedInputs(positionals);
  // before anything is read: never over a summary named or in a folder named (only an earlier history there), a
  // device, a folder …
  const inputs = { ...named, isReplaceable: replaceableOutputs([HISTORY_WORKBOOK, HISTORY_JSON]) };
  return withOutputs(outputs, inputs, async (claimed) => {
    const files = await inputFiles(named, claimed.exclude);
    return compareAndWrite(files, out, jsonOut);
  });
}

async function compareAndWrite(files: string[], out?: string, jsonOut?: string): Promise<number> {
  const { inputs, refused } = await readInputs(files);
  for (const r of refused) console.error(`Bỏ qua: ${escapeControl(r.reason)}`);
  if (inputs.length === 0) throw new CliError('Không có sổ tổng hợp nào dùng được để so sánh các kỳ.');
  const h = buildHistory(inputs);
  h.skipped.push(...refused);
  for (const s of h.skipped.slice(0, h.skipped.length - refused.length))
    console.error(`Không tính: ${withDatesVi(s.reason)}`);
  console.log(historyText(h));
  const staged: StagedOutput[] = [];
  const stage = async (file: string, bytes: Uint8Array | string) =>
    staged.push(await stageOutput(file, (tmp) => fs.writeFile(tmp, bytes, { flag: 'wx' }), files));
  try {
    if (out) await stage(out, await writeHistoryWorkbook(h));
    if (jsonOut) await stage(jsonOut, JSON.stringify(historyJson(h), null, 2) + '\n');
  } catch (e) {
    for (const s of staged) await s.abort();
    throw e;
  }
  commitAll(staged);
  if (out) console.log(`Sổ lịch sử: ${escapeControl(path.resolve(out))}`);
  if (jsonOut) console.log(`JSON: ${escapeControl(path.resolve(jsonOut))}`);
  return EXIT.ok;
}

function historyText(h: ReturnType<typeof buildHistory>): string {
  const lines = h.periods.map(
    (p) => `Kế hoạch số ${p.plan}, kỳ ${p.period} (số liệu đến ngày ${formatDateVi(p.asOf)}): ${p.file}`,
  );
  const flagged = h.agencies.filter((a) => a.flagged);
  lines.push('');
  lines.push(
    flagged.length
      ? `Muộn hoặc chưa nộp ở ít nhất 2 trong 3 kỳ gần nhất (${flagged.length}): ${flagged.map((a) => `${a.name} (${TREND_LABELS[a.trend].toLowerCase()})`).join('; ')}`
      : 'Không đơn vị nào muộn hoặc chưa nộp ở 2 trong 3 kỳ gần nhất.',
  );
  return lines.join('\n');
}
