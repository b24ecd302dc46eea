/**
 * Three provinces built from the seeds' facts (Sóc Trăng 1350/STNMT-MT, deadline 30/6/2024; Hà Tĩnh 588/KH-UBND,
 * annual deadline 15/12; Lạng Sơn's Sở TN&MT plan, deadline 10/7/2024), each relaying the ministry's request
 * (Công văn 2963/BTNMT-TTTT of 09/5/2024) with the same tasks and indicators, and a few agencies whose figures are
 * small enough to add up by hand. Bắc Kạn is in the national plan and sends nothing.
 */
import {
  type IsoDate,
  type Plan,
  type PlanInput,
  type Submission,
  type TaskStatus,
  TASK_STATUS_LABELS,
  buildTemplateWorkbook,
  consolidate,
  planSchema,
  readSubmission,
} from '../../src/core';
import { buildReportWorkbook } from '../../src/core/report';
import { workbookBytes } from '../../src/core/basics/xlsx-write';

export const TASKS: PlanInput['tasks'] = [
  {
    code: '1',
    title: 'Truyền thông, giáo dục, nâng cao nhận thức về đa dạng sinh học',
    section: 'Hoạt động hưởng ứng',
  },
  {
    code: '3',
    title: 'Ngăn chặn khai thác quá mức, buôn bán trái phép động vật, thực vật hoang dã',
    section: 'Hoạt động hưởng ứng',
  },
  {
    code: '9',
    title: 'Phát hiện, tôn vinh cá nhân, tập thể có mô hình, sáng kiến bảo tồn hiệu quả',
    section: 'Hoạt động hưởng ứng',
  },
];
export const INDICATORS: PlanInput['indicators'] = [
  { code: 'CT1', name: 'Số buổi tuyên truyền, tập huấn', unit: 'buổi', taskCode: '1', aggregate: 'sum' },
  { code: 'CT2', name: 'Số người tham gia', unit: 'người', taskCode: '1', aggregate: 'sum' },
  { code: 'CT3', name: 'Số vụ vi phạm về động vật hoang dã được xử lý', unit: 'vụ', taskCode: '3', aggregate: 'sum' },
  { code: 'CT5', name: 'Số mô hình, sáng kiến được biểu dương', unit: 'mô hình', taskCode: '9', aggregate: 'sum' },
];

export const NATIONAL_PLAN: Plan = planSchema.parse({
  number: '2963/BTNMT-TTTT',
  title: 'Tổ chức các hoạt động hưởng ứng Ngày Quốc tế đa dạng sinh học năm 2024',
  issuer: 'Bộ Tài nguyên và Môi trường',
  issuedOn: '2024-05-09',
  consolidator: 'Cục Bảo tồn thiên nhiên và Đa dạng sinh học',
  deadline: { kind: 'annual', day: 31, month: 12 },
  period: 'Năm',
  superiorBody: 'Bộ Tài nguyên và Môi trường',
  recipients: 'Lãnh đạo Bộ',
  place: 'Hà Nội',
  tasks: TASKS,
  indicators: INDICATORS,
  agencies: [
    {
      code: 'ST',
      name: 'Sở Tài nguyên và Môi trường tỉnh Sóc Trăng',
      kind: 'locality',
      area: 'Đồng bằng sông Cửu Long',
    },
    { code: 'HT', name: 'Sở Tài nguyên và Môi trường tỉnh Hà Tĩnh', kind: 'locality', area: 'Bắc Trung Bộ' },
    {
      code: 'LS',
      name: 'Sở Tài nguyên và Môi trường tỉnh Lạng Sơn',
      kind: 'locality',
      area: 'Trung du và miền núi phía Bắc',
    },
    {
      code: 'BK',
      name: 'Sở Tài nguyên và Môi trường tỉnh Bắc Kạn',
      kind: 'locality',
      area: 'Trung du và miền núi phía Bắc',
    },
  ],
});

type Answer = [TaskStatus, Record<string, number>?];
interface AgencyAnswers {
  code: string;
  receivedOn: IsoDate;
  answers: Record<string, Answer>;
}

export interface Province {
  plan: Plan;
  asOf: IsoDate;
  answers: AgencyAnswers[];
}

const province = (
  p: { number: string; province: string; issuedOn: string; deadline: PlanInput['deadline']; period: string },
  agencies: PlanInput['agencies'],
): Plan =>
  planSchema.parse({
    number: p.number,
    title: 'Tổ chức các hoạt động hưởng ứng Ngày Quốc tế đa dạng sinh học năm 2024',
    issuer: `Sở Tài nguyên và Môi trường tỉnh ${p.province}`,
    issuedOn: p.issuedOn,
    consolidator: 'Sở Tài nguyên và Môi trường',
    deadline: p.deadline,
    period: p.period,
    superiorBody: `UBND tỉnh ${p.province}`,
    recipients: `UBND tỉnh ${p.province}; Bộ Tài nguyên và Môi trường`,
    place: p.province,
    signerTitle: 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC',
    tasks: TASKS,
    indicators: INDICATORS,
    agencies,
  });

export const SOC_TRANG: Province = {
  plan: province(
    {
      number: '1350/STNMT-MT',
      province: 'Sóc Trăng',
      issuedOn: '2024-05-22',
      deadline: { kind: 'fixed', date: '2024-06-30' },
      period: '2024',
    },
    [
      { code: 'ST-SYT', name: 'Sở Y tế', kind: 'department' },
      { code: 'ST-SGDDT', name: 'Sở Giáo dục và Đào tạo', kind: 'department' },
      { code: 'ST-HND', name: 'Hội Nông dân tỉnh', kind: 'organisation' },
      { code: 'ST-HKS', name: 'UBND huyện Kế Sách', kind: 'locality', area: 'Huyện Kế Sách' },
    ],
  ),
  asOf: '2024-07-15',
  answers: [
    {
      code: 'ST-SYT',
      receivedOn: '2024-06-25',
      answers: { '1': ['done', { CT1: 4, CT2: 120 }], '3': ['done', { CT3: 2 }], '9': ['inProgress', { CT5: 1 }] },
    },
    {
      code: 'ST-SGDDT',
      receivedOn: '2024-06-28',
      answers: { '1': ['done', { CT1: 10, CT2: 1500 }], '3': ['notApplicable'], '9': ['done', { CT5: 3 }] },
    },
    {
      code: 'ST-HND',
      receivedOn: '2024-07-05',
      answers: { '1': ['inProgress', { CT1: 3, CT2: 200 }], '3': ['notStarted'], '9': ['done', { CT5: 2 }] },
    },
    // ST-HKS sends nothing
  ],
};

export const HA_TINH: Province = {
  plan: province(
    {
      number: '588/KH-UBND',
      province: 'Hà Tĩnh',
      issuedOn: '2023-12-29',
      deadline: { kind: 'annual', day: 15, month: 12 },
      period: 'Năm',
    },
    [
      { code: 'HT-UBMTTQ', name: 'Ủy ban MTTQ Việt Nam tỉnh Hà Tĩnh', kind: 'organisation' },
      { code: 'HT-VQGVQ', name: 'Vườn Quốc gia Vũ Quang', kind: 'department' },
      { code: 'HT-HHS', name: 'UBND huyện Hương Sơn', kind: 'locality', area: 'Huyện Hương Sơn' },
    ],
  ),
  asOf: '2024-12-31',
  answers: [
    {
      code: 'HT-UBMTTQ',
      receivedOn: '2024-12-10',
      answers: { '1': ['done', { CT1: 6, CT2: 900 }], '3': ['notApplicable'], '9': ['done', { CT5: 1 }] },
    },
    {
      code: 'HT-VQGVQ',
      receivedOn: '2024-12-12',
      answers: { '1': ['done', { CT1: 2, CT2: 80 }], '3': ['done', { CT3: 5 }], '9': ['done', { CT5: 2 }] },
    },
    {
      code: 'HT-HHS',
      receivedOn: '2024-12-15',
      answers: { '1': ['done', { CT1: 5, CT2: 400 }], '3': ['done', { CT3: 1 }], '9': ['done', { CT5: 1 }] },
    },
  ],
};

export const LANG_SON: Province = {
  plan: province(
    {
      number: '105/KH-STNMT',
      province: 'Lạng Sơn',
      issuedOn: '2024-05-20',
      deadline: { kind: 'fixed', date: '2024-07-10' },
      period: '2024',
    },
    [
      { code: 'LS-UBMTTQ', name: 'Ủy ban MTTQ Việt Nam tỉnh Lạng Sơn', kind: 'organisation' },
      { code: 'LS-DPTTH', name: 'Đài Phát thanh và Truyền hình tỉnh', kind: 'department' },
      { code: 'LS-TPLS', name: 'UBND thành phố Lạng Sơn', kind: 'locality', area: 'Thành phố Lạng Sơn' },
    ],
  ),
  asOf: '2024-07-20',
  answers: [
    {
      code: 'LS-UBMTTQ',
      receivedOn: '2024-07-12',
      answers: { '1': ['done', { CT1: 8, CT2: 2000 }], '3': ['notApplicable'], '9': ['notStarted'] },
    },
    {
      code: 'LS-DPTTH',
      receivedOn: '2024-07-08',
      answers: { '1': ['done', { CT1: 25 }], '3': ['notApplicable'], '9': ['notApplicable'] },
    },
    // LS-TPLS sends nothing
  ],
};

/** An agency's filled template (as a clerk would fill it in Excel). */
export async function filledTemplate(plan: Plan, a: AgencyAnswers): Promise<Uint8Array> {
  const agency = plan.agencies.find((x) => x.code === a.code)!;
  const { workbook, layout } = buildTemplateWorkbook(plan, agency);
  const ws = workbook.worksheets[0];
  ws.getCell(layout.headerRows.reportDate, layout.valueCol).value = new Date(`${a.receivedOn}T00:00:00Z`);
  ws.getCell(layout.headerRows.period, layout.valueCol).value = '2024';
  for (const [task, [status, values]] of Object.entries(a.answers)) {
    const row = layout.rowOfTask[task];
    ws.getCell(row, layout.col.status).value = TASK_STATUS_LABELS[status];
    ws.getCell(row, layout.col.result).value = 'Đã triển khai theo kế hoạch';
    for (const [code, v] of Object.entries(values ?? {})) ws.getCell(row, layout.col.indicators[code]).value = v;
  }
  return workbookBytes(workbook);
}

/** The province consolidates its agencies and writes its report workbook (optionally only some agencies). */
export async function provinceReport(
  p: Province,
  opts: { agencyCode?: string; only?: string[]; asOf?: IsoDate } = {},
): Promise<Uint8Array> {
  const subs: Submission[] = [];
  for (const a of p.answers.filter((x) => !opts.only || opts.only.includes(x.code))) {
    subs.push(
      await readSubmission(
        {
          name: `${a.code}.xlsx`,
          bytes: await filledTemplate(p.plan, a),
          receivedOn: a.receivedOn,
          receivedFrom: 'file-date',
        },
        p.plan,
      ),
    );
  }
  const c = consolidate(p.plan, subs, { asOf: opts.asOf ?? p.asOf, period: '2024' });
  return buildReportWorkbook(c, p.plan, {
    upwardPlan: 'Công văn số 2963/BTNMT-TTTT ngày 09/5/2024',
    agencyCode: opts.agencyCode,
  });
}
