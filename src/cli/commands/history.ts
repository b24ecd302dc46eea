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
import { escapeControl, parseCommand, textOption } from './args';
import { CliError, EXIT, readBytes, writeFileAtomic } from '../files/inputs';
import { checkOutputs } from '../files/output-safety';

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

/** The .xlsx files named, and those directly inside the folders named (lock files aside), each once, as typed. */
async function inputFiles(args: string[], exclude: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const a of args) {
    let st;
    try {
      st = await fs.stat(a);
    } catch {
      throw new CliError(`Không tìm thấy: ${a}`);
    }
    if (!st.isDirectory()) {
      out.push(a);
      continue;
    }
    const names = (await fs.readdir(a)).filter((n) => /\.xlsx$/i.test(n) && !n.startsWith('~$') && !n.startsWith('.'));
    out.push(...names.sort().map((n) => path.join(a, n)));
  }
  const skip = new Set(exclude.map((e) => path.resolve(e)));
  const seen = new Set<string>();
  return out.filter((f) => {
    const full = path.resolve(f);
    if (skip.has(full) || seen.has(full)) return false;
    seen.add(full);
    return true;
  });
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
    ...(out ? [{ flag: '-o', file: out, exts: ['.xlsx'] }] : []),
    ...(jsonOut ? [{ flag: '--json', file: jsonOut, exts: ['.json'] }] : []),
  ];
  const files = await inputFiles(
    positionals,
    outputs.map((o) => o.file),
  );
  // before anything is read: never over a summary being compared, a device, a folder …
  await checkOutputs(outputs, { files, folders: [] });
  const { inputs, refused } = await readInputs(files);
  for (const r of refused) console.error(`Bỏ qua: ${escapeControl(r.reason)}`);
  if (inputs.length === 0) throw new CliError('Không có sổ tổng hợp nào dùng được để so sánh các kỳ.');
  const h = buildHistory(inputs);
  h.skipped.push(...refused);
  for (const s of h.skipped.slice(0, h.skipped.length - refused.length))
    console.error(`Không tính: ${withDatesVi(s.reason)}`);
  console.log(historyText(h));
  if (out) {
    await writeFileAtomic(out, await writeHistoryWorkbook(h), files);
    console.log(`Sổ lịch sử: ${path.resolve(out)}`);
  }
  if (jsonOut) {
    await writeFileAtomic(jsonOut, JSON.stringify(historyJson(h), null, 2) + '\n', files);
    console.log(`JSON: ${path.resolve(jsonOut)}`);
  }
  return 0;
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
