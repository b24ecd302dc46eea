/**
 * The embedded samples, built from the facts of two real plans (../shared/seeds): Sóc Trăng's letter on the
 * International Day for Biological Diversity 2024 (9 activities, appendix agencies, districts; deadline
 * 30/6/2024) and Hà Tĩnh's letter implementing Plan 588/KH-UBND (annual deadline 15/12). Titles are
 * shortened in our own words. Submissions are generated deterministically: some on time, some late, some
 * missing, a few messy.
 */
import ExcelJS from 'exceljs';
import { addDays, type IsoDate } from '../core/basics/dates';
import {
  type Agency,
  type Plan,
  type PlanInput,
  type TaskStatus,
  TASK_STATUS_LABELS,
  planSchema,
} from '../core/basics/model';
import { indicatorsOf, tasksOf } from '../core/plan/plan-read';
import { writePlanWorkbook } from '../core/plan/plan-write';
import { buildTemplateWorkbook, META_SHEET, templateFileName } from '../core/plan/template';
import { intakeLogRows, INTAKE_LOG_FILE } from '../core/intake/intake-log';
import { addPlainSheet } from '../core/plan/plan-write';
import { workbookBytes } from '../core/basics/xlsx-write';

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

// ---------------------------------------------------------------------------------------------
// Sóc Trăng

const dept = (code: string, name: string): PlanInput['agencies'][number] => ({
  code: `ST-${code}`,
  name,
  kind: 'department',
});
const org = (code: string, name: string): PlanInput['agencies'][number] => ({
  code: `ST-${code}`,
  name,
  kind: 'organisation',
});
const loc = (code: string, name: string, area: string): PlanInput['agencies'][number] => ({
  code: `ST-${code}`,
  name,
  kind: 'locality',
  area,
});

export function socTrangPlan(): Plan {
  return planSchema.parse({
    number: '1350/STNMT-MT',
    title: 'Tổ chức các hoạt động hưởng ứng Ngày Quốc tế đa dạng sinh học năm 2024',
    issuer: 'Sở Tài nguyên và Môi trường tỉnh Sóc Trăng',
    issuedOn: '2024-05-22',
    consolidator: 'Sở Tài nguyên và Môi trường',
    deadline: { kind: 'fixed', date: '2024-06-30' },
    period: '2024',
    upwardDeadline: null,
    recipients: 'UBND tỉnh Sóc Trăng; Bộ Tài nguyên và Môi trường',
    superiorBody: 'UBND tỉnh Sóc Trăng',
    place: 'Sóc Trăng',
    signerTitle: 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC',
    signerName: 'Nguyễn Thị Thùy Nhi',
    tasks: [
      {
        code: '1',
        title: 'Truyền thông, giáo dục, nâng cao nhận thức về đa dạng sinh học; lồng ghép bảo tồn vào giáo dục',
        section: 'Các hoạt động hưởng ứng',
      },
      {
        code: '2',
        title:
          'Triển khai Chiến lược quốc gia về đa dạng sinh học đến 2030, tầm nhìn 2050; phổ biến quy hoạch, chương trình về bảo tồn',
        section: 'Các hoạt động hưởng ứng',
      },
      {
        code: '3',
        title: 'Ngăn chặn khai thác quá mức, buôn bán trái phép động vật, thực vật hoang dã',
        section: 'Các hoạt động hưởng ứng',
      },
      {
        code: '4',
        title: 'Kiểm soát, giảm thiểu tác động của loài ngoại lai xâm hại',
        section: 'Các hoạt động hưởng ứng',
      },
      {
        code: '5',
        title:
          'Giảm ô nhiễm, giảm tác động của biến đổi khí hậu đến đa dạng sinh học; lồng ghép bảo tồn vào chính sách, quy hoạch',
        section: 'Các hoạt động hưởng ứng',
      },
      {
        code: '6',
        title: 'Xây dựng cơ sở dữ liệu; điều tra, kiểm kê, quan trắc đa dạng sinh học',
        section: 'Các hoạt động hưởng ứng',
      },
      {
        code: '7',
        title: 'Ứng dụng khoa học công nghệ trong giám sát và sử dụng bền vững đa dạng sinh học',
        section: 'Các hoạt động hưởng ứng',
      },
      {
        code: '8',
        title: 'Thiết lập quan hệ đối tác, vận động hỗ trợ cho bảo tồn thiên nhiên',
        section: 'Các hoạt động hưởng ứng',
      },
      {
        code: '9',
        title: 'Phát hiện, tôn vinh cá nhân, tập thể có mô hình, sáng kiến bảo tồn hiệu quả',
        section: 'Các hoạt động hưởng ứng',
      },
    ],
    indicators: [
      { code: 'CT1', name: 'Số buổi tuyên truyền, tập huấn', unit: 'buổi', taskCode: '1', aggregate: 'sum' },
      { code: 'CT2', name: 'Số người tham gia', unit: 'người', taskCode: '1', aggregate: 'sum' },
      {
        code: 'CT3',
        name: 'Số vụ vi phạm về động vật hoang dã được xử lý',
        unit: 'vụ',
        taskCode: '3',
        aggregate: 'sum',
      },
      { code: 'CT4', name: 'Diện tích kiểm soát loài ngoại lai', unit: 'ha', taskCode: '4', aggregate: 'sum' },
      { code: 'CT5', name: 'Số mô hình, sáng kiến được biểu dương', unit: 'mô hình', taskCode: '9', aggregate: 'sum' },
    ],
    agencies: [
      dept('SYT', 'Sở Y tế'),
      dept('SNV', 'Sở Nội vụ'),
      dept('STP', 'Sở Tư pháp'),
      dept('STC', 'Sở Tài chính'),
      dept('CAT', 'Công an tỉnh'),
      dept('SXD', 'Sở Xây dựng'),
      dept('SCT', 'Sở Công Thương'),
      dept('SGTVT', 'Sở Giao thông vận tải'),
      dept('SKHDT', 'Sở Kế hoạch và Đầu tư'),
      dept('SGDDT', 'Sở Giáo dục và Đào tạo'),
      dept('SKHCN', 'Sở Khoa học và Công nghệ'),
      dept('STTTT', 'Sở Thông tin và Truyền thông'),
      dept('SVHTTDL', 'Sở Văn hóa, Thể thao và Du lịch'),
      dept('SLDTBXH', 'Sở Lao động - Thương binh và Xã hội'),
      dept('SNNPTNT', 'Sở Nông nghiệp và Phát triển nông thôn'),
      dept('BDT', 'Ban Dân tộc'),
      dept('BQLDA1', 'Ban Quản lý dự án 1'),
      dept('BQLDA2', 'Ban Quản lý dự án 2'),
      dept('DPTTH', 'Đài Phát thanh - Truyền hình'),
      dept('BQLKCN', 'Ban Quản lý các Khu công nghiệp'),
      org('HND', 'Hội Nông dân tỉnh'),
      org('LDLD', 'Liên đoàn Lao động tỉnh'),
      org('HCCB', 'Hội Cựu chiến binh tỉnh'),
      org('HLHPN', 'Hội Liên hiệp Phụ nữ tỉnh'),
      org('HNNCDDC', 'Hội Nạn nhân chất độc da cam/dioxin tỉnh'),
      org('UBMTTQ', 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Sóc Trăng'),
      org('TDTN', 'Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh Sóc Trăng'),
      loc('TPST', 'UBND thành phố Sóc Trăng', 'Thành phố Sóc Trăng'),
      loc('TXVC', 'UBND thị xã Vĩnh Châu', 'Thị xã Vĩnh Châu'),
      loc('TXNN', 'UBND thị xã Ngã Năm', 'Thị xã Ngã Năm'),
      loc('HKS', 'UBND huyện Kế Sách', 'Huyện Kế Sách'),
      loc('HLP', 'UBND huyện Long Phú', 'Huyện Long Phú'),
      loc('HCLD', 'UBND huyện Cù Lao Dung', 'Huyện Cù Lao Dung'),
      loc('HMT', 'UBND huyện Mỹ Tú', 'Huyện Mỹ Tú'),
      loc('HCT', 'UBND huyện Châu Thành', 'Huyện Châu Thành'),
      loc('HTT', 'UBND huyện Thạnh Trị', 'Huyện Thạnh Trị'),
      loc('HMX', 'UBND huyện Mỹ Xuyên', 'Huyện Mỹ Xuyên'),
      loc('HTD', 'UBND huyện Trần Đề', 'Huyện Trần Đề'),
    ],
  });
}

// ---------------------------------------------------------------------------------------------
// Hà Tĩnh

export function haTinhPlan(): Plan {
  const o = (code: string, name: string): PlanInput['agencies'][number] => ({
    code: `HT-${code}`,
    name,
    kind: 'organisation',
    tasks: ['1'],
  });
  const d = (code: string, name: string, tasks = ['2']): PlanInput['agencies'][number] => ({
    code: `HT-${code}`,
    name,
    kind: 'department',
    tasks,
  });
  const l = (code: string, area: string, prefix: string): PlanInput['agencies'][number] => ({
    code: `HT-${code}`,
    name: `UBND ${prefix} ${area}`,
    kind: 'locality',
    area: `${prefix[0].toUpperCase()}${prefix.slice(1)} ${area}`,
    tasks: ['1', '2'],
  });
  return planSchema.parse({
    number: '588/KH-UBND',
    title:
      'Kế hoạch hành động về bảo tồn đa dạng sinh học đến năm 2030, tầm nhìn đến năm 2050 trên địa bàn tỉnh Hà Tĩnh',
    issuer: 'UBND tỉnh Hà Tĩnh',
    issuedOn: '2023-12-29',
    consolidator: 'Sở Tài nguyên và Môi trường',
    deadline: { kind: 'annual', day: 15, month: 12 },
    period: 'Năm',
    upwardDeadline: { kind: 'annual', day: 31, month: 12 },
    recipients: 'Bộ Tài nguyên và Môi trường; UBND tỉnh Hà Tĩnh',
    superiorBody: 'UBND tỉnh Hà Tĩnh',
    place: 'Hà Tĩnh',
    tasks: [
      {
        code: '1',
        title:
          'Tuyên truyền, vận động đoàn viên, hội viên và Nhân dân tham gia bảo tồn, sử dụng bền vững đa dạng sinh học',
        section: 'Mặt trận và các tổ chức chính trị - xã hội',
        lead: 'Ủy ban MTTQ tỉnh',
      },
      {
        code: '2',
        title:
          'Rà soát nhiệm vụ được giao, đối chiếu thực tiễn và triển khai Kế hoạch hành động tại cơ quan, đơn vị, địa phương',
        section: 'Sở, ban, ngành và địa phương',
      },
      {
        code: '3',
        title: 'Bảo vệ hệ sinh thái rừng và các loài hoang dã tại khu bảo tồn, rừng phòng hộ',
        section: 'Các đơn vị quản lý rừng',
      },
    ],
    indicators: [
      { code: 'TT1', name: 'Số cuộc tuyên truyền', unit: 'cuộc', taskCode: '1', aggregate: 'sum' },
      { code: 'TT2', name: 'Số lượt người được tuyên truyền', unit: 'lượt người', taskCode: '1', aggregate: 'sum' },
      { code: 'R1', name: 'Diện tích rừng được tuần tra, bảo vệ', unit: 'ha', taskCode: '3', aggregate: 'sum' },
      { code: 'R2', name: 'Tỉ lệ diện tích được giám sát', unit: '%', taskCode: '3', aggregate: 'avg' },
      {
        code: 'R3',
        name: 'Số loài quý hiếm ghi nhận nhiều nhất tại một đơn vị',
        unit: 'loài',
        taskCode: '3',
        aggregate: 'max',
      },
    ],
    agencies: [
      o('UBMTTQ', 'Ủy ban MTTQ Việt Nam tỉnh Hà Tĩnh'),
      o('HND', 'Hội Nông dân tỉnh Hà Tĩnh'),
      o('HLHPN', 'Hội Liên hiệp Phụ nữ tỉnh Hà Tĩnh'),
      o('TD', 'Tỉnh đoàn Hà Tĩnh'),
      o('HCCB', 'Hội Cựu chiến binh tỉnh Hà Tĩnh'),
      o('LDLD', 'Liên đoàn Lao động tỉnh Hà Tĩnh'),
      d('SNNPTNT', 'Sở Nông nghiệp và Phát triển nông thôn Hà Tĩnh'),
      d('SKHDT', 'Sở Kế hoạch và Đầu tư Hà Tĩnh'),
      d('STC', 'Sở Tài chính Hà Tĩnh'),
      d('SVHTTDL', 'Sở Văn hóa, Thể thao và Du lịch Hà Tĩnh'),
      d('SGDDT', 'Sở Giáo dục và Đào tạo Hà Tĩnh'),
      d('SKHCN', 'Sở Khoa học và Công nghệ Hà Tĩnh'),
      d('CAT', 'Công an tỉnh Hà Tĩnh'),
      d('VQGVQ', 'Vườn Quốc gia Vũ Quang', ['2', '3']),
      d('KBTKG', 'Ban Quản lý Khu Bảo tồn thiên nhiên Kẻ Gỗ', ['2', '3']),
      d('RPHHL', 'Ban Quản lý rừng phòng hộ Hồng Lĩnh', ['2', '3']),
      d('RPHNHT', 'Ban Quản lý rừng phòng hộ Nam Hà Tĩnh', ['2', '3']),
      l('TPHT', 'Hà Tĩnh', 'thành phố'),
      l('TXHL', 'Hồng Lĩnh', 'thị xã'),
      l('TXKA', 'Kỳ Anh', 'thị xã'),
      l('HHS', 'Hương Sơn', 'huyện'),
      l('HDT', 'Đức Thọ', 'huyện'),
      l('HVQ', 'Vũ Quang', 'huyện'),
      l('HNX', 'Nghi Xuân', 'huyện'),
      l('HCL', 'Can Lộc', 'huyện'),
      l('HHK', 'Hương Khê', 'huyện'),
      l('HTH', 'Thạch Hà', 'huyện'),
      l('HCX', 'Cẩm Xuyên', 'huyện'),
      l('HKA', 'Kỳ Anh', 'huyện'),
      l('HLH', 'Lộc Hà', 'huyện'),
    ],
  });
}

// ---------------------------------------------------------------------------------------------
// Filling templates

/** A small deterministic PRNG (mulberry32), so the sample is the same on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RESULT_PHRASES: Record<TaskStatus, string[]> = {
  done: [
    'Đã tổ chức {n} hoạt động theo kế hoạch',
    'Đã triển khai đầy đủ; {n} lượt cán bộ tham gia',
    'Hoàn thành, có báo cáo kèm theo',
    'Đã thực hiện {n} đợt',
  ],
  inProgress: [
    'Đang triển khai, dự kiến xong quý III',
    'Đã thực hiện một phần ({n}%)',
    'Đang phối hợp với các đơn vị liên quan',
  ],
  notStarted: ['Chưa bố trí được kinh phí', 'Sẽ triển khai trong quý IV'],
  notApplicable: ['Không thuộc chức năng, nhiệm vụ của đơn vị'],
};

export interface FillOptions {
  seed: number;
  reportDate: IsoDate;
  /** Messy variants (what agencies really do). */
  renameSheet?: string;
  statusWithoutDiacritics?: boolean;
  textNumbers?: boolean;
  dropMeta?: boolean;
  badValues?: boolean;
  periodText?: string;
}

function stripDiacritics(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

/** Fills an agency's template the way a clerk at the agency would, and returns the workbook. */
export function fillTemplate(plan: Plan, agency: Agency, opts: FillOptions): ExcelJS.Workbook {
  const { workbook, layout } = buildTemplateWorkbook(plan, agency);
  const rnd = prng(opts.seed);
  const ws = workbook.worksheets[0];
  ws.getCell(layout.headerRows.reportDate, layout.valueCol).value = new Date(`${opts.reportDate}T00:00:00Z`);
  ws.getCell(layout.headerRows.preparedBy, layout.valueCol).value =
    'Nguyễn Văn ' + ['An', 'Bình', 'Cường', 'Dũng', 'Hà', 'Lan'][Math.floor(rnd() * 6)];
  ws.getCell(layout.headerRows.phone, layout.valueCol).value = `0299 3${String(Math.floor(rnd() * 900000) + 100000)}`;
  if (opts.periodText) ws.getCell(layout.headerRows.period, layout.valueCol).value = opts.periodText;
  const tasks = tasksOf(plan, agency);
  const indicators = indicatorsOf(plan, tasks);
  let textNumberDone = false;
  tasks.forEach((task, i) => {
    const row = layout.rowOfTask[task.code];
    const roll = rnd();
    const status: TaskStatus =
      roll < 0.6 ? 'done' : roll < 0.85 ? 'inProgress' : roll < 0.95 ? 'notStarted' : 'notApplicable';
    let label: string = TASK_STATUS_LABELS[status];
    if (opts.statusWithoutDiacritics)
      label = i % 2 === 0 ? stripDiacritics(label) : stripDiacritics(label).toUpperCase();
    if (opts.badValues && i === 0) label = 'Tốt';
    ws.getCell(row, layout.col.status).value = label;
    const phrases = RESULT_PHRASES[status];
    ws.getCell(row, layout.col.result).value = phrases[Math.floor(rnd() * phrases.length)].replace(
      '{n}',
      String(1 + Math.floor(rnd() * 9)),
    );
    for (const ind of indicators.filter((x) => x.taskCode === task.code)) {
      if (status === 'notApplicable' || status === 'notStarted') continue;
      const cell = ws.getCell(row, layout.col.indicators[ind.code]);
      const value =
        ind.unit === '%'
          ? 50 + Math.floor(rnd() * 50)
          : ind.unit === 'ha'
            ? Math.round(rnd() * 5000) / 10
            : ind.unit.includes('người')
              ? 100 + Math.floor(rnd() * 2000)
              : 1 + Math.floor(rnd() * 12);
      if (opts.textNumbers && !textNumberDone && value >= 100) {
        cell.value = '1.234';
        textNumberDone = true;
      } else if (opts.badValues && ind.code === indicators[indicators.length - 1].code) {
        cell.value = `khoảng ${value}`;
      } else cell.value = value;
    }
  });
  if (opts.textNumbers && !textNumberDone && indicators.length > 0) {
    const ind = indicators[0];
    ws.getCell(layout.rowOfTask[ind.taskCode], layout.col.indicators[ind.code]).value = '1.234';
    ws.getCell(layout.rowOfTask[ind.taskCode], layout.col.status).value = TASK_STATUS_LABELS.done;
  }
  if (opts.renameSheet) ws.name = opts.renameSheet;
  if (opts.dropMeta) {
    const meta = workbook.getWorksheet(META_SHEET);
    if (meta) workbook.removeWorksheet(meta.id);
  }
  return workbook;
}

// ---------------------------------------------------------------------------------------------
// The scenarios

interface Scenario {
  code: string;
  /** days after the deadline the file arrives (negative = before). */
  offset: number;
  fileName?: string;
  fill?: Partial<FillOptions>;
  /** Bytes that are not a workbook at all. */
  notWorkbook?: boolean;
  /** Also send an earlier, superseded version `offset` days before (negative). */
  earlierVersion?: number;
  /** Send the same file twice under another name. */
  duplicateAs?: string;
}

const SOC_TRANG_SCENARIOS: Scenario[] = [
  { code: 'ST-SYT', offset: -5, fill: { textNumbers: true } },
  { code: 'ST-SNV', offset: -8 },
  { code: 'ST-STP', offset: -2 },
  { code: 'ST-STC', offset: -1, duplicateAs: 'ST-STC - Copy.xlsx' },
  { code: 'ST-SXD', offset: -3, fill: { renameSheet: 'Sheet1' } },
  { code: 'ST-SCT', offset: 0 },
  { code: 'ST-SGTVT', offset: 3 },
  { code: 'ST-SKHDT', offset: -6 },
  { code: 'ST-SGDDT', offset: -10 },
  { code: 'ST-SKHCN', offset: -4 },
  { code: 'ST-STTTT', offset: -1 },
  { code: 'ST-SVHTTDL', offset: -7 },
  { code: 'ST-SLDTBXH', offset: 6 },
  { code: 'ST-SNNPTNT', offset: -9, earlierVersion: -14, fileName: 'ST-SNNPTNT (ban sua).xlsx' },
  { code: 'ST-BDT', offset: -2 },
  { code: 'ST-BQLDA2', offset: 1 },
  { code: 'ST-DPTTH', offset: -5 },
  { code: 'ST-BQLKCN', offset: -3 },
  { code: 'ST-HND', offset: 5 },
  { code: 'ST-HCCB', offset: -2, notWorkbook: true },
  { code: 'ST-HLHPN', offset: -1, fill: { badValues: true } },
  { code: 'ST-UBMTTQ', offset: -6 },
  { code: 'ST-TDTN', offset: -4 },
  { code: 'ST-TPST', offset: -3, fill: { dropMeta: true }, fileName: 'Bao cao DDSH - UBND TP Soc Trang.xlsx' },
  { code: 'ST-TXVC', offset: -2 },
  { code: 'ST-TXNN', offset: 10 },
  { code: 'ST-HKS', offset: -1, fill: { statusWithoutDiacritics: true } },
  { code: 'ST-HLP', offset: -5 },
  { code: 'ST-HMT', offset: 2 },
  { code: 'ST-HCT', offset: 0 },
  { code: 'ST-HTT', offset: -8 },
  { code: 'ST-HMX', offset: -3 },
];

const HA_TINH_SCENARIOS: Scenario[] = [
  { code: 'HT-UBMTTQ', offset: -5 },
  { code: 'HT-HND', offset: -2 },
  { code: 'HT-HLHPN', offset: 3 },
  { code: 'HT-TD', offset: -1 },
  { code: 'HT-SNNPTNT', offset: -7, fill: { textNumbers: true } },
  { code: 'HT-SKHDT', offset: 0 },
  { code: 'HT-STC', offset: -3 },
  { code: 'HT-SGDDT', offset: 4 },
  { code: 'HT-VQGVQ', offset: -6 },
  { code: 'HT-KBTKG', offset: -2, fill: { renameSheet: 'BC 2024' } },
  { code: 'HT-RPHHL', offset: 1 },
  { code: 'HT-RPHNHT', offset: -4 },
  { code: 'HT-TPHT', offset: -3 },
  { code: 'HT-TXHL', offset: -1, fill: { statusWithoutDiacritics: true } },
  { code: 'HT-TXKA', offset: 2 },
  { code: 'HT-HHS', offset: -5 },
  { code: 'HT-HDT', offset: -2 },
  { code: 'HT-HNX', offset: -8 },
  { code: 'HT-HCL', offset: 7 },
  { code: 'HT-HTH', offset: -1 },
  { code: 'HT-HCX', offset: -4 },
  { code: 'HT-HLH', offset: -6 },
];

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
