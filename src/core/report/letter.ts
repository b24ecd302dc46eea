/**
 * The reminder letter (.docx, Decree 30/2020/NĐ-CP layout): letterhead with the subject "V/v đôn đốc …",
 * "Kính gửi:" the agencies, the body with the table of what each still owes, Nơi nhận and the signature.
 */
import { AlignmentType, Document, type Paragraph, type Table, convertMillimetersToTwip } from 'docx';
import type { AgencyResult, Consolidation } from '../consolidate/consolidate';
import { type IsoDate, formatDateVi } from '../basics/dates';
import type { Plan } from '../basics/model';
import {
  a4Section,
  blank,
  centred,
  F,
  gridTable,
  half,
  letterheadTable,
  para,
  run,
  S,
  signatureTable,
  textWidth,
} from './docx-parts';
import { type Letterhead, planCitation, recipientLines } from './letterhead';

export interface ReminderTarget {
  code: string;
  name: string;
  email: string;
  status: AgencyResult['status'];
  /**
   * Days past the deadline as of the date (0 when not yet due) of an agency that sent nothing usable; null for one
   * whose report came and still misses tasks (`missing` says which, and for how long).
   */
  daysOverdue: number | null;
  /** What is still missing, in words. */
  missing: string;
}

export function reminderSubject(plan: Plan): string {
  return `V/v đôn đốc báo cáo kết quả thực hiện Kế hoạch số ${plan.number}`;
}

const BODY = S.body + 1;
const body = (text: string): Paragraph => para([run(text, BODY)], { firstLine: true });

function targetTable(targets: ReminderTarget[], width: number): Table {
  const widths = [Math.round(width * 0.08), Math.round(width * 0.32), Math.round(width * 0.45)];
  widths.push(width - widths[0] - widths[1] - widths[2]);
  const C = AlignmentType.CENTER;
  const L = AlignmentType.LEFT;
  return gridTable(
    ['STT', 'Cơ quan, đơn vị', 'Nội dung còn thiếu', 'Số ngày quá hạn'],
    targets.map((t, i) => ({
      cells: [String(i + 1), t.name, t.missing, t.daysOverdue === null ? '' : String(t.daysOverdue)],
    })),
    widths,
    [C, L, L, C],
  );
}

/** "Kính gửi:" and the agencies (one per line up to 12, else "the agencies listed below"). */
function addressees(targets: ReminderTarget[]): Paragraph[] {
  if (targets.length > 12) {
    return [
      para([run('Kính gửi: Các cơ quan, đơn vị có tên tại danh sách dưới đây.', 14)], {
        align: AlignmentType.CENTER,
        after: 0,
      }),
    ];
  }
  const left = AlignmentType.LEFT;
  return [
    para([run('Kính gửi:', 14)], { align: left, left: convertMillimetersToTwip(25), after: 0 }),
    ...targets.map((t, i) =>
      para([run(`- ${t.name}${i === targets.length - 1 ? '.' : ';'}`, 14)], {
        align: left,
        left: convertMillimetersToTwip(40),
        after: 0,
      }),
    ),
  ];
}

export function letterDocument(
  c: Consolidation,
  plan: Plan,
  lh: Letterhead,
  targets: ReminderTarget[],
  newDeadline: IsoDate,
): Document {
  const width = textWidth();
  const consolidator = plan.consolidator || 'Cơ quan tổng hợp';
  const upward = lh.recipients[0] ? ` báo cáo ${lh.recipients[0]}` : '';
  const children: (Paragraph | Table)[] = [
    letterheadTable(lh, width, [centred(reminderSubject(plan), S.letterSubject)]),
    blank(240),
    ...addressees(targets),
    blank(),
    body(
      `Thực hiện ${planCitation(plan)}, ${consolidator} đã đề nghị các cơ quan, đơn vị, địa phương gửi báo cáo kết quả thực hiện kỳ ${c.period} trước ngày ${formatDateVi(c.deadline)}.`,
    ),
    body(
      `Đến ngày ${formatDateVi(c.asOf)}, ${consolidator} chưa nhận được báo cáo, hoặc báo cáo chưa đầy đủ, của ${targets.length} cơ quan, đơn vị như sau:`,
    ),
    targetTable(targets, width),
    blank(),
    para(
      [
        run(
          `Để kịp thời tổng hợp${upward}, ${consolidator} đề nghị Quý cơ quan, đơn vị khẩn trương gửi báo cáo về ${consolidator} `,
          BODY,
        ),
        run(`trước ngày ${formatDateVi(newDeadline)}`, BODY, { bold: true }),
        run(` (bằng văn bản và tệp Excel theo mẫu đã gửi kèm Kế hoạch số ${plan.number}).`, BODY),
      ],
      { firstLine: true },
    ),
    para([run(`${consolidator} trân trọng đề nghị Quý cơ quan, đơn vị quan tâm, phối hợp thực hiện./.`, BODY)], {
      firstLine: true,
      after: 240,
    }),
    signatureTable(
      lh,
      recipientLines(
        lh.recipients.map((r) => `${r} (để báo cáo)`),
        ['Như trên'],
      ),
      width,
      S.signerTitle + 1,
    ),
  ];
  return new Document({
    creator: 'tonghop',
    title: reminderSubject(plan),
    styles: { default: { document: { run: { font: F, size: half(BODY) } } } },
    sections: [a4Section(children, { footer: 'header-from-2' })],
  });
}
