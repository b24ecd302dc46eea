/**
 * The administrative document format of Decree 30/2020/NĐ-CP (Appendix I), as the report workbook and the
 * reminder letter use it: A4, margins, Times New Roman, the sizes and styles of each element, and the
 * letterhead texts (superior body, issuing body, number, place and date, signer) with dotted lines for blanks.
 */
import type { IsoDate } from '../basics/dates';
import type { Plan } from '../basics/model';
import { cleanText } from '../basics/text';

/** Appendix I, Part I.I: A4 portrait; top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm; Times New Roman. */
export const DECREE_30 = {
  font: 'Times New Roman',
  marginsMm: { top: 20, bottom: 20, left: 30, right: 15 },
  /** Sizes (pt) used for each element; the decree gives a range, we take one value inside it. */
  size: {
    nationalTitle: 12, // Quốc hiệu: in hoa, 12-13, đứng, đậm
    motto: 13, // Tiêu ngữ: in thường, 13-14, đứng, đậm
    superiorBody: 12, // Tên cơ quan chủ quản: in hoa, 12-13, đứng
    issuer: 12, // Tên cơ quan ban hành: in hoa, 12-13, đứng, đậm
    number: 13, // Số, ký hiệu: 13, đứng
    placeDate: 13, // Địa danh, thời gian: 13-14, nghiêng
    docType: 14, // Tên loại: in hoa, 13-14, đứng, đậm
    subject: 14, // Trích yếu: 13-14, đứng, đậm
    letterSubject: 12, // Trích yếu công văn (V/v): 12-13, đứng
    body: 13, // Nội dung: 13-14
    recipientsLabel: 12, // "Nơi nhận:": 12, nghiêng, đậm
    recipients: 11, // danh sách nơi nhận: 11, đứng
    signerTitle: 13, // quyền hạn, chức vụ người ký: in hoa, 13-14, đậm
    signerName: 13, // họ tên người ký: 13-14, đậm
    table: 12,
  },
} as const;

export const NATIONAL_TITLE = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';
export const DOTS = '……';

/** The letterhead fields a caller may override (CLI flags, task pane fields). */
export interface LetterheadOptions {
  superiorBody?: string;
  /** The issuing body (default: the plan's consolidator). */
  issuer?: string;
  /** "125/BC-STNMT"; blank → "Số: ……/BC-……". */
  reportNumber?: string;
  place?: string;
  signerTitle?: string;
  signerName?: string;
  /** Date of the document; blank → "ngày …… tháng …… năm <year of the data>". */
  documentDate?: IsoDate | null;
  /** Recipients (Nơi nhận), one per item; default: the plan's `Nơi nhận tổng hợp` split on ";". */
  recipients?: string[];
}

export interface Letterhead {
  superiorBody: string;
  issuer: string;
  number: string;
  placeDate: string;
  signerTitleLines: string[];
  signerName: string;
  recipients: string[];
}

const pick = (...values: (string | undefined | null)[]): string => {
  for (const v of values) {
    const t = cleanText(v ?? '');
    if (t !== '') return t;
  }
  return '';
};

export function upperVi(text: string): string {
  return text.toLocaleUpperCase('vi');
}

/** Decree date form: "ngày 05 tháng 3 năm 2024" (day below 10 and months 1-2 with a leading zero). */
export function documentDateWords(date: IsoDate): string {
  const [y, m, d] = date.split('-').map(Number);
  const dd = d < 10 ? `0${d}` : String(d);
  const mm = m < 3 ? `0${m}` : String(m);
  return `ngày ${dd} tháng ${mm} năm ${y}`;
}

/**
 * Resolves the letterhead: options first, then the plan, blanks as dotted lines. `kind` is the document
 * type abbreviation in the number ("BC" for a report; an official letter has none).
 */
export function resolveLetterhead(
  plan: Plan,
  options: LetterheadOptions,
  kind: 'BC' | 'CV',
  dataYear: string,
): Letterhead {
  const superiorBody = pick(options.superiorBody, plan.superiorBody);
  const issuer = pick(options.issuer, plan.consolidator, plan.issuer);
  const numberText = pick(options.reportNumber, kind === 'BC' ? plan.reportNumber : '');
  const number = numberText ? `Số: ${numberText}` : kind === 'BC' ? `Số: ${DOTS}/BC-${DOTS}` : `Số: ${DOTS}/${DOTS}`;
  const place = pick(options.place, plan.place);
  const date = options.documentDate
    ? documentDateWords(options.documentDate)
    : `ngày ${DOTS} tháng ${DOTS} năm ${dataYear}`;
  const placeDate = `${place || DOTS}, ${date}`;
  const title = pick(options.signerTitle, plan.signerTitle);
  const signerTitleLines = title
    ? title
        .split(/\n|\s*\/\s*(?=[A-ZĐ])/)
        .map((l) => upperVi(cleanText(l)))
        .filter(Boolean)
    : [`${DOTS}${DOTS}${DOTS}`];
  const signerName = pick(options.signerName, plan.signerName) || `${DOTS}${DOTS}${DOTS}`;
  const recipients = (
    options.recipients && options.recipients.length > 0 ? options.recipients : plan.recipients.split(/[;\n]+/)
  )
    .map((r) =>
      cleanText(r)
        .replace(/^[-–•]\s*/, '')
        .replace(/[;.,]+$/, ''),
    )
    .filter((r) => r !== '');
  return {
    superiorBody: superiorBody ? upperVi(superiorBody) : '',
    issuer: issuer ? upperVi(issuer) : `${DOTS}${DOTS}${DOTS}`,
    number,
    placeDate,
    signerTitleLines,
    signerName,
    recipients,
  };
}

/** "tổ chức các hoạt động …" from "Tổ chức các hoạt động …" (the subject after "về việc"). */
export function lowerFirst(text: string): string {
  const t = cleanText(text);
  if (/^[A-ZĐ]{2,}/u.test(t)) return t; // an abbreviation (UBND, BTNMT) keeps its case
  return t.charAt(0).toLocaleLowerCase('vi') + t.slice(1);
}

/** The "Nơi nhận" list as the decree writes it: "- X;" … "- Lưu: VT." */
export function recipientLines(recipients: string[], first: string[] = []): string[] {
  const items = [...first, ...recipients];
  return [...items.map((r) => `- ${r.replace(/[;.,]+$/, '')};`), '- Lưu: VT.'];
}

/**
 * The plan as cited in a body: "Kế hoạch số 1350/STNMT-MT ngày 22/05/2024 của Sở … về việc tổ chức …", or, for a
 * title that itself starts with "Kế hoạch hành động về …": "Kế hoạch hành động số 588/KH-UBND ngày … của … về …".
 */
export function planCitation(plan: Pick<Plan, 'number' | 'title' | 'issuedOn' | 'issuer'>): string {
  const [y, m, d] = (plan.issuedOn ?? '').split('-');
  const date = plan.issuedOn ? ` ngày ${d}/${m}/${y}` : '';
  const issuer = plan.issuer ? ` của ${plan.issuer}` : '';
  const title = cleanText(plan.title);
  const own = /^kế hoạch\b\s*(.*?)\s+(về|về việc)\s+(.+)$/iu.exec(title);
  if (own) return `Kế hoạch${own[1] ? ` ${own[1]}` : ''} số ${plan.number}${date}${issuer} ${own[2]} ${own[3]}`;
  return `Kế hoạch số ${plan.number}${date}${issuer}${title ? ` về việc ${lowerFirst(title.replace(/^kế hoạch\s+/iu, ''))}` : ''}`;
}
