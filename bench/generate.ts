/**
 * The benchmark's data: a generated plan (60 tasks, 2 indicators, so 8 columns in every report table) with
 * enough agencies, and N submissions filled the way the sample fills them (src/sample/sample.ts fillTemplate),
 * with the usual mess: text numbers, statuses without diacritics, renamed sheets, dropped hidden sheets,
 * rows and a column inserted above/inside the table, wrong values, a few late files. Written once into a temp
 * folder and reused by later runs (a marker file says the set is complete).
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  type Plan,
  type PlanInput,
  addDays,
  planSchema,
  templateFileName,
  workbookBytes,
  writePlanWorkbook,
} from '../src/core';
import { fillTemplate, prng } from '../src/sample/sample';
import { setFileDate } from '../src/cli/files/inputs';

/** Bump when the generated files change, so stale caches are not reused. */
export const GENERATOR_VERSION = 1;

export const BENCH_DEADLINE = '2025-06-30';
export const BENCH_AS_OF = '2025-07-15';

const SECTIONS = ['Tuyên truyền, phổ biến', 'Bảo tồn hệ sinh thái', 'Quản lý loài', 'Nguồn lực và hợp tác'];
const VERBS = ['Tổ chức', 'Triển khai', 'Rà soát', 'Xây dựng', 'Kiểm tra', 'Tăng cường', 'Hướng dẫn', 'Đánh giá'];
const OBJECTS = [
  'công tác tuyên truyền về đa dạng sinh học',
  'quy hoạch bảo tồn đa dạng sinh học cấp tỉnh',
  'kiểm soát loài ngoại lai xâm hại',
  'bảo vệ rừng phòng hộ và rừng đặc dụng',
  'cơ sở dữ liệu đa dạng sinh học',
  'xử lý vi phạm về động vật hoang dã',
  'mô hình sinh kế bền vững cho cộng đồng',
  'quan trắc chất lượng môi trường nước',
  'phối hợp với các tổ chức quốc tế',
  'lồng ghép bảo tồn vào kế hoạch phát triển',
];
const PLACES = [
  'An Phú',
  'Bình Minh',
  'Châu Thành',
  'Đông Hải',
  'Hòa Bình',
  'Long Hưng',
  'Mỹ Lộc',
  'Phú Tân',
  'Tân Thạnh',
  'Vĩnh Lợi',
];
const DEPARTMENTS = [
  'Sở Y tế',
  'Sở Tài chính',
  'Sở Xây dựng',
  'Sở Công Thương',
  'Sở Nội vụ',
  'Sở Tư pháp',
  'Sở Giáo dục và Đào tạo',
];

export const TASK_COUNT = 60;

/** A plan with 60 tasks, 2 indicators and `agencies` agencies (departments, organisations, communes). */
export function benchPlan(agencies: number): Plan {
  const tasks: PlanInput['tasks'] = [];
  for (let i = 1; i <= TASK_COUNT; i++) {
    const section = SECTIONS[Math.floor(((i - 1) * SECTIONS.length) / TASK_COUNT)];
    tasks.push({
      code: String(i),
      title: `${VERBS[i % VERBS.length]} ${OBJECTS[(i * 7) % OBJECTS.length]} (nội dung ${i})`,
      section,
    });
  }
  const list: PlanInput['agencies'] = [];
  for (let i = 1; i <= agencies; i++) {
    const no = String(i).padStart(5, '0');
    if (i % 20 === 1) {
      list.push({
        code: `BM-S${no}`,
        name: `${DEPARTMENTS[i % DEPARTMENTS.length]} (đơn vị ${i})`,
        kind: 'department',
      });
    } else if (i % 20 === 2) {
      list.push({ code: `BM-T${no}`, name: `Hội Nông dân cơ sở ${i}`, kind: 'organisation' });
    } else {
      const place = PLACES[i % PLACES.length];
      list.push({ code: `BM-X${no}`, name: `UBND xã ${place} ${i}`, kind: 'locality', area: `Khu vực ${place}` });
    }
  }
  return planSchema.parse({
    number: '999/KH-BENCH',
    title: 'Kế hoạch thử hiệu năng: bảo tồn đa dạng sinh học giai đoạn 2025-2030',
    issuer: 'UBND tỉnh (dữ liệu thử)',
    issuedOn: '2025-01-10',
    consolidator: 'Sở Nông nghiệp và Môi trường',
    deadline: { kind: 'fixed', date: BENCH_DEADLINE },
    period: '2025',
    tasks,
    indicators: [
      { code: 'CT1', name: 'Số buổi tuyên truyền', unit: 'buổi', taskCode: '1', aggregate: 'sum' },
      { code: 'CT2', name: 'Số người tham gia', unit: 'người', taskCode: '2', aggregate: 'sum' },
    ],
    agencies: list,
  });
}

export interface BenchSet {
  n: number;
  dir: string;
  planPath: string;
  submissionsDir: string;
  /** Total bytes of the submissions. */
  bytes: number;
  generatedMs: number | null;
}

interface Marker {
  version: number;
  n: number;
  files: number;
  bytes: number;
}

export function benchRoot(): string {
  return process.env.TONGHOP_BENCH_DIR ?? path.join(os.tmpdir(), 'tonghop-bench');
}

/** The drift applied to submission number i (deterministic). */
function drift(i: number) {
  return {
    textNumbers: i % 10 === 3,
    statusWithoutDiacritics: i % 15 === 4,
    renameSheet: i % 25 === 6 ? 'Sheet1' : undefined,
    dropMeta: i % 40 === 8,
    badValues: i % 60 === 9,
    /** Two rows of letterhead inserted above the report, an extra column inside the table. */
    shiftLayout: i % 12 === 5,
    late: i % 16 === 7 ? 1 + (i % 9) : 0,
  };
}

/** Generates (or reuses) N submissions. Agencies beyond N in the plan are the ones that never send. */
export async function ensureBenchSet(n: number, log: (s: string) => void = () => {}): Promise<BenchSet> {
  const dir = path.join(benchRoot(), `v${GENERATOR_VERSION}-n${n}`);
  const planPath = path.join(dir, 'plan.xlsx');
  const submissionsDir = path.join(dir, 'submissions');
  const markerPath = path.join(dir, 'complete.json');
  try {
    const m = JSON.parse(await fs.readFile(markerPath, 'utf8')) as Marker;
    if (m.version === GENERATOR_VERSION && m.n === n)
      return { n, dir, planPath, submissionsDir, bytes: m.bytes, generatedMs: null };
  } catch {
    // not generated yet
  }
  const started = Date.now();
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(submissionsDir, { recursive: true });
  const agencies = Math.ceil(n / 0.96);
  const plan = benchPlan(agencies);
  await fs.writeFile(planPath, await writePlanWorkbook(plan));
  const rnd = prng(20250630);
  // which agencies stay silent: every 25th, so the rest gives exactly n files
  const senders = plan.agencies.filter((_, i) => i % 25 !== 24).slice(0, n);
  let bytes = 0;
  for (let i = 0; i < senders.length; i++) {
    const agency = senders[i];
    const d = drift(i);
    const receivedOn = addDays(BENCH_DEADLINE, d.late > 0 ? d.late : -1 - Math.floor(rnd() * 10));
    const wb = fillTemplate(plan, agency, {
      seed: 1000 + i,
      reportDate: addDays(receivedOn, -1),
      textNumbers: d.textNumbers,
      statusWithoutDiacritics: d.statusWithoutDiacritics,
      renameSheet: d.renameSheet,
      dropMeta: d.dropMeta,
      badValues: d.badValues,
    });
    if (d.shiftLayout) {
      const ws = wb.worksheets[0];
      ws.spliceColumns(4, 0, []);
      ws.getCell(13, 4).value = 'Đơn vị phối hợp';
      ws.spliceRows(1, 0, ['UBND TỈNH (dữ liệu thử)'], [`Đơn vị: ${agency.name}`]);
    }
    const fileName = d.dropMeta ? `Bao cao ${agency.name}.xlsx` : templateFileName(agency);
    const data = await workbookBytes(wb);
    const file = path.join(submissionsDir, fileName);
    await fs.writeFile(file, data);
    await setFileDate(file, receivedOn);
    bytes += data.byteLength;
    if ((i + 1) % 250 === 0) log(`  đã tạo ${i + 1}/${n} tệp`);
  }
  const marker: Marker = { version: GENERATOR_VERSION, n, files: senders.length, bytes };
  await fs.writeFile(markerPath, JSON.stringify(marker));
  return { n, dir, planPath, submissionsDir, bytes, generatedMs: Date.now() - started };
}
