/**
 * tonghop on the command line. The only code that touches files; everything else is src/core.
 */
import * as path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { z } from 'zod';
import { DEFAULT_LIMITS, buildTemplates, consolidationJson, isoDateSchema, limitsFrom, todayIso } from '../core';
import { type SampleName, SAMPLE_NAMES, buildSample, sampleIntakeLog } from '../sample/sample';
import { CliError, setFileDate, writeFileAtomic } from './files';
import { REPORT_HELP, cmdRemind, cmdReport } from './report'; // issue 5
import { EXTRACT_PLAN_HELP, cmdExtractPlan } from './extract-plan'; // issue 8
import { writeSummaryFile } from './summary-file';
import { loadPlan, overviewText, runConsolidation, type Progress } from './pipeline';

const VERSION = '0.1.0';

export const HELP = `tonghop ${VERSION} — tổng hợp báo cáo kết quả thực hiện kế hoạch

Cách dùng:
  tonghop sample <thư-mục> [--plan soc-trang|ha-tinh]
      Ghi bộ mẫu: <thư-mục>/plan.xlsx và <thư-mục>/submissions/ (báo cáo của các đơn vị:
      đúng hạn, muộn, thiếu, và vài tệp lỗi), ngày của tệp đặt đúng ngày nhận.

  tonghop templates <plan.xlsx> <thư-mục-ra>
      Tạo mẫu báo cáo cho từng đơn vị trong kế hoạch (tên tệp là mã đơn vị, ví dụ ST-SYT.xlsx).

  tonghop consolidate <plan.xlsx> <thư-mục-báo-cáo> [--as-of YYYY-MM-DD] [--period P]
                      [-o summary.xlsx] [--json summary.json] [--quiet] [--workers N] [--max-file-size MB]
      Đọc mọi tệp trong thư mục, đối chiếu với kế hoạch, tổng hợp theo đơn vị, nhiệm vụ, nhóm;
      liệt kê đơn vị chưa nộp, nộp muộn. Ngày nhận lấy từ "Sổ tiếp nhận.xlsx" trong thư mục
      (cột "Tên tệp", "Ngày nhận") nếu có, nếu không thì lấy ngày sửa đổi của tệp.
        --as-of     ngày tính số liệu (mặc định: hôm nay)
        --period    kỳ báo cáo, ví dụ 2025 với hạn hằng năm (mặc định: kỳ có hạn gần nhất đã qua)
        -o          ghi sổ tổng hợp .xlsx
        --json      ghi kết quả dạng JSON
        --quiet     không in tiến độ
        --workers   số luồng đọc tệp song song (mặc định: số nhân CPU khi có từ 200 tệp; 1 = đọc lần lượt)
        --max-file-size  tệp lớn hơn số MB này bị loại, không đọc (mặc định: 20); xem docs/security.md

  tonghop check-plan <plan.xlsx>
      Kiểm tra sổ kế hoạch, liệt kê mọi lỗi (trang, ô, nội dung).

${REPORT_HELP}
${EXTRACT_PLAN_HELP}
  tonghop demo [thư-mục]
      Chạy "sample" rồi "consolidate" trên bộ mẫu Sóc Trăng và in kết quả.

Ví dụ:
  npx tonghop sample /tmp/s
  npx tonghop templates /tmp/s/plan.xlsx /tmp/t
  npx tonghop consolidate /tmp/s/plan.xlsx /tmp/s/submissions --as-of 2024-07-15 -o /tmp/s/tong-hop.xlsx --json /tmp/s/tong-hop.json

Mã thoát: 0 khi chạy xong (kể cả khi còn đơn vị chưa nộp), 1 khi kế hoạch hoặc tham số sai.
`;

// issue 9: --max-file-size in MB (limits.ts)
const maxFileSizeSchema = z
  .string()
  .trim()
  .regex(/^\d+([.,]\d+)?$/)
  .transform((s) => Number(s.replace(',', '.')))
  .pipe(z.number().positive().max(2000));

const workersSchema = z.string().trim().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(1).max(64));

const asOfSchema = isoDateSchema.refine((s) => !Number.isNaN(Date.parse(s)), 'ngày không tồn tại');

function parse(argv: string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new CliError(`Tham số không hợp lệ: ${(e as Error).message}\nXem "tonghop --help".`);
  }
}

function need(positionals: string[], n: number, usage: string): void {
  if (positionals.length < n) throw new CliError(`Thiếu tham số. Cách dùng: ${usage}\nXem "tonghop --help".`);
  if (positionals.length > n)
    throw new CliError(`Thừa tham số: ${positionals.slice(n).join(' ')}. Cách dùng: ${usage}`);
}

function progressPrinter(quiet: boolean): Progress | undefined {
  if (quiet) return undefined;
  const tty = process.stderr.isTTY;
  const started = Date.now();
  return (done, total, file) => {
    if (tty) {
      process.stderr.write(`\rĐang đọc ${done}/${total}: ${file.slice(0, 50).padEnd(50)}`);
      if (done === total) process.stderr.write('\n');
    } else if (done === total || done % 25 === 0) {
      process.stderr.write(`Đã đọc ${done}/${total} tệp (${((Date.now() - started) / 1000).toFixed(1)} giây)\n`);
    }
  };
}

async function cmdSample(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { plan: { type: 'string', default: 'soc-trang' } });
  need(positionals, 1, 'tonghop sample <thư-mục> [--plan soc-trang|ha-tinh]');
  const which = z.enum(SAMPLE_NAMES).safeParse(values.plan);
  if (!which.success) throw new CliError(`--plan phải là một trong: ${SAMPLE_NAMES.join(', ')}.`);
  const dir = positionals[0];
  const sample = await buildSample(which.data as SampleName);
  await writeFileAtomic(path.join(dir, 'plan.xlsx'), sample.planBytes);
  const subDir = path.join(dir, 'submissions');
  for (const f of sample.files) {
    const p = path.join(subDir, f.name);
    await writeFileAtomic(p, f.bytes);
    await setFileDate(p, f.receivedOn);
  }
  const log = await sampleIntakeLog(sample);
  if (log) await writeFileAtomic(path.join(subDir, log.name), log.bytes);
  const s = sample.story;
  console.log(`Đã ghi bộ mẫu "${sample.name}" (Kế hoạch số ${sample.plan.number}) vào ${path.resolve(dir)}`);
  console.log(
    `  plan.xlsx: ${sample.plan.tasks.length} nhiệm vụ, ${sample.plan.indicators.length} chỉ tiêu, ${sample.plan.agencies.length} đơn vị`,
  );
  console.log(
    `  submissions/: ${sample.files.length} tệp — đúng hạn ${s.onTime.length}, muộn ${Object.keys(s.late).length}, không nộp ${s.missing.length}, tệp lỗi hoặc lộn xộn ${Object.keys(s.messy).length}`,
  );
  console.log(`  Ngày tổng hợp gợi ý: --as-of ${sample.asOf}`);
  return 0;
}

async function cmdTemplates(argv: string[]): Promise<number> {
  const { positionals } = parse(argv, {});
  need(positionals, 2, 'tonghop templates <plan.xlsx> <thư-mục-ra>');
  const [planPath, outDir] = positionals;
  const { plan, warnings } = await loadPlan(planPath);
  for (const w of warnings) console.error(`Cảnh báo:${w.slice(1)}`);
  let n = 0;
  for await (const t of buildTemplates(plan)) {
    await writeFileAtomic(path.join(outDir, t.fileName), t.bytes, [planPath]);
    n++;
  }
  console.log(`Đã tạo ${n} mẫu báo cáo trong ${path.resolve(outDir)}`);
  return 0;
}

async function cmdCheckPlan(argv: string[]): Promise<number> {
  const { positionals } = parse(argv, {});
  need(positionals, 1, 'tonghop check-plan <plan.xlsx>');
  const { plan, warnings } = await loadPlan(positionals[0]);
  for (const w of warnings) console.error(`Cảnh báo:${w.slice(1)}`);
  console.log(
    `Sổ kế hoạch hợp lệ: Kế hoạch số ${plan.number}, ${plan.tasks.length} nhiệm vụ, ${plan.indicators.length} chỉ tiêu, ${plan.agencies.length} đơn vị.`,
  );
  return 0;
}

async function cmdConsolidate(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    'as-of': { type: 'string' },
    period: { type: 'string' },
    output: { type: 'string', short: 'o' },
    json: { type: 'string' },
    quiet: { type: 'boolean', default: false },
    workers: { type: 'string' },
    'max-file-size': { type: 'string' },
  });
  need(
    positionals,
    2,
    'tonghop consolidate <plan.xlsx> <thư-mục-báo-cáo> [--as-of YYYY-MM-DD] [-o summary.xlsx] [--json summary.json]',
  );
  const asOfParsed = asOfSchema.safeParse(values['as-of'] ?? todayIso());
  if (!asOfParsed.success) throw new CliError(`--as-of phải là ngày dạng YYYY-MM-DD (nhận được "${values['as-of']}").`);
  const period = values.period as string | undefined;
  if (period !== undefined && !/^\d{4}$/.test(period.trim()) && period.trim() === '')
    throw new CliError('--period không được để trống.');
  const workers = values.workers === undefined ? null : workersSchema.safeParse(values.workers);
  if (workers && !workers.success)
    throw new CliError(`--workers phải là số nguyên từ 1 đến 64 (nhận được "${values.workers}").`);
  let limits = DEFAULT_LIMITS;
  if (values['max-file-size'] !== undefined) {
    const mb = maxFileSizeSchema.safeParse(values['max-file-size']);
    if (!mb.success)
      throw new CliError(
        `--max-file-size phải là số MB lớn hơn 0, tối đa 2000 (nhận được "${values['max-file-size']}").`,
      );
    limits = limitsFrom({ maxFileBytes: Math.max(1, Math.round(mb.data * 1024 * 1024)) });
  }
  const [planPath, dir] = positionals;
  const out = values.output as string | undefined;
  const jsonOut = values.json as string | undefined;
  const { plan, consolidation, planWarnings } = await runConsolidation(planPath, dir, {
    asOf: asOfParsed.data,
    period: period?.trim() ?? null,
    exclude: [out, jsonOut].filter((x): x is string => Boolean(x)),
    progress: progressPrinter(Boolean(values.quiet)),
    workers: workers?.data, // undefined: automatic (pool.ts)
    limits,
  });
  for (const w of planWarnings) console.error(`Cảnh báo kế hoạch:${w.slice(1)}`);
  console.log(overviewText(consolidation));
  const inputs = [planPath];
  if (out) {
    const written = await writeSummaryFile(consolidation, plan, out, inputs);
    if (written.streamed)
      console.error('Sổ tổng hợp lớn: ghi từng dòng (bảng có bộ lọc thay cho Excel table) để tiết kiệm bộ nhớ.');
    console.log(`Sổ tổng hợp: ${path.resolve(out)}`);
  }
  if (jsonOut) {
    await writeFileAtomic(jsonOut, JSON.stringify(consolidationJson(consolidation), null, 2) + '\n', inputs);
    console.log(`JSON: ${path.resolve(jsonOut)}`);
  }
  return 0;
}

async function cmdDemo(argv: string[]): Promise<number> {
  const { positionals } = parse(argv, {});
  const dir = path.resolve(positionals[0] ?? path.join(process.cwd(), 'out', 'demo'));
  await cmdSample([dir]);
  console.log('');
  const sample = await buildSample('soc-trang');
  const out = path.join(dir, 'tong-hop.xlsx');
  await cmdConsolidate([
    path.join(dir, 'plan.xlsx'),
    path.join(dir, 'submissions'),
    '--as-of',
    sample.asOf,
    '-o',
    out,
    '--json',
    path.join(dir, 'tong-hop.json'),
    '--quiet',
  ]);
  console.log('');
  console.log(`Kết quả: mở ${out}`);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        console.log(HELP);
        return cmd === undefined ? 1 : 0;
      case '--version':
      case '-v':
        console.log(VERSION);
        return 0;
      case 'sample':
        return await cmdSample(rest);
      case 'templates':
        return await cmdTemplates(rest);
      case 'consolidate':
        return await cmdConsolidate(rest);
      case 'check-plan':
        return await cmdCheckPlan(rest);
      case 'report': // issue 5
        return await cmdReport(rest);
      case 'remind': // issue 5
        return await cmdRemind(rest);
      case 'extract-plan': // issue 8
        return await cmdExtractPlan(rest);
      case 'demo':
        return await cmdDemo(rest);
      default:
        throw new CliError(
          `Lệnh không có: "${cmd}". Các lệnh: sample, templates, consolidate, check-plan, report, remind, extract-plan, demo. Xem "tonghop --help".`,
        );
    }
  } catch (e) {
    if (e instanceof CliError) {
      console.error(`Lỗi: ${e.message}`);
      return e.exitCode;
    }
    throw e;
  }
}
