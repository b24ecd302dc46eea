/**
 * The embedded samples, built from the facts of two real plans (../shared/seeds): Sóc Trăng's letter on the
 * International Day for Biological Diversity 2024 (9 activities, appendix agencies, districts; deadline
 * 30/6/2024) and Hà Tĩnh's letter implementing Plan 588/KH-UBND (annual deadline 15/12). Titles are
 * shortened in our own words. Submissions are generated deterministically: some on time, some late, some
 * missing, a few messy. The plans are data (plans.ts), the filling of a template is fill.ts, who sends what and
 * when is scenarios.ts.
 */
import ExcelJS from 'exceljs';
import { addDays, type IsoDate } from '../core/basics/dates';
import { type Plan } from '../core/basics/model';
import { addPlainSheet, writePlanWorkbook } from '../core/plan/plan-write';
import { templateFileName } from '../core/plan/template';
import { intakeLogRows, INTAKE_LOG_FILE } from '../core/intake/intake-log';
import { workbookBytes } from '../core/basics/xlsx-write';
import { fillTemplate } from './fill';
import { haTinhPlan, socTrangPlan } from './plans';
import { HA_TINH_SCENARIOS, SOC_TRANG_SCENARIOS } from './scenarios';

export { type FillOptions, fillTemplate, prng } from './fill';
export { haTinhPlan, socTrangPlan } from './plans';

export const SAMPLE_NAMES = ['soc-trang', 'ha-tinh'] as const;
export type SampleName = (typeof SAMPLE_NAMES)[number];

export interface SampleFile {
  name: string;
  bytes: Uint8Array;
  /** The day the department received it: the CLI sets the file's date to it. */
  receivedOn: IsoDate;
}

export interface Sample {
  name: SampleName;
  plan: Plan;
  planBytes: Uint8Array;
  files: SampleFile[];
  /** The date to consolidate as of in the demo. */
  asOf: IsoDate;
  /** What the sample contains, for the README and the tests. */
  story: SampleStory;
}

export interface SampleStory {
  onTime: string[];
  late: Record<string, number>;
  missing: string[];
  rejected: string[];
  messy: Record<string, string>;
}

const NOT_A_WORKBOOK = new TextEncoder().encode(
  'Kính gửi Sở Tài nguyên và Môi trường,\nĐơn vị xin gửi báo cáo (bản Word dán vào đây).\n',
);

export async function buildSample(name: SampleName = 'soc-trang'): Promise<Sample> {
  const plan = name === 'soc-trang' ? socTrangPlan() : haTinhPlan();
  const scenarios = name === 'soc-trang' ? SOC_TRANG_SCENARIOS : HA_TINH_SCENARIOS;
  const deadline = plan.deadline.kind === 'fixed' ? plan.deadline.date : '2024-12-15';
  const periodText = plan.deadline.kind === 'annual' ? '2024' : undefined;
  const files: SampleFile[] = [];
  const story: SampleStory = { onTime: [], late: {}, missing: [], rejected: [], messy: {} };
  let seed = 1;
  for (const sc of scenarios) {
    const agency = plan.agencies.find((a) => a.code === sc.code)!;
    const receivedOn = addDays(deadline, sc.offset);
    const fileName = sc.fileName ?? templateFileName(agency);
    seed++;
    if (sc.notWorkbook) {
      files.push({ name: fileName, bytes: NOT_A_WORKBOOK, receivedOn });
      story.rejected.push(sc.code);
      story.messy[fileName] = 'không phải tệp Excel (đổi đuôi .xlsx)';
      continue;
    }
    if (sc.earlierVersion !== undefined) {
      const early = addDays(deadline, sc.earlierVersion);
      const wb = fillTemplate(plan, agency, { seed: seed * 1000, reportDate: addDays(early, -1), periodText });
      files.push({ name: templateFileName(agency), bytes: await workbookBytes(wb), receivedOn: early });
      story.messy[templateFileName(agency)] = `bản đầu, được thay bằng "${fileName}"`;
    }
    const wb = fillTemplate(plan, agency, { seed, reportDate: addDays(receivedOn, -1), periodText, ...sc.fill });
    const bytes = await workbookBytes(wb);
    files.push({ name: fileName, bytes, receivedOn });
    if (sc.duplicateAs) {
      files.push({ name: sc.duplicateAs, bytes, receivedOn: addDays(receivedOn, 1) });
      story.messy[sc.duplicateAs] = `gửi trùng tệp "${fileName}"`;
    }
    if (sc.fill?.renameSheet) story.messy[fileName] = `đổi tên trang thành "${sc.fill.renameSheet}"`;
    if (sc.fill?.statusWithoutDiacritics) story.messy[fileName] = 'tình trạng gõ không dấu';
    if (sc.fill?.textNumbers) story.messy[fileName] = 'số gõ dạng chữ "1.234"';
    if (sc.fill?.dropMeta) story.messy[fileName] = 'xóa trang ẩn, đổi tên tệp';
    if (sc.fill?.badValues) story.messy[fileName] = 'tình trạng và chỉ tiêu ghi sai';
    if (sc.offset > 0) story.late[sc.code] = sc.offset;
    else story.onTime.push(sc.code);
  }
  story.missing = plan.agencies.filter((a) => !scenarios.some((s) => s.code === a.code)).map((a) => a.code);

  if (name === 'soc-trang') {
    // a workbook of another plan sent here by mistake
    const other = haTinhPlan();
    const wb = fillTemplate(other, other.agencies[0], { seed: 99, reportDate: '2024-06-20', periodText: '2024' });
    files.push({ name: 'Bao cao KH 588 Ha Tinh.xlsx', bytes: await workbookBytes(wb), receivedOn: '2024-06-21' });
    story.messy['Bao cao KH 588 Ha Tinh.xlsx'] = 'tệp của kế hoạch khác';
  }
  return {
    name,
    plan,
    planBytes: await writePlanWorkbook(plan),
    files,
    asOf: name === 'soc-trang' ? '2024-07-15' : '2024-12-31',
    story,
  };
}

/** An intake log for the sample: the two paper copies whose dates the clerk wrote down. */
export async function sampleIntakeLog(sample: Sample): Promise<{ name: string; bytes: Uint8Array } | null> {
  const late = Object.keys(sample.story.late).slice(0, 1);
  const entries = sample.files
    .filter((f) => late.some((code) => f.name.startsWith(code)))
    .map((f) => ({ file: f.name, date: f.receivedOn, note: 'Nhận qua Hệ thống quản lý văn bản' }));
  if (entries.length === 0) return null;
  const wb = new ExcelJS.Workbook();
  addPlainSheet(wb, { name: 'Sổ tiếp nhận', rows: intakeLogRows(entries), widths: [36, 14, 40], headerRow: 0 });
  return { name: INTAKE_LOG_FILE, bytes: await workbookBytes(wb) };
}
