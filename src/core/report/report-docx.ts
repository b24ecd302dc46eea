/**
 * The report to the ministry as a Word document: the same content as the report workbook (content.ts)
 * in the Decree 30/2020/NĐ-CP layout: letterhead, `BÁO CÁO` and subject, the body with its tables, Nơi nhận and
 * the signature, then one section per appendix (landscape when the table is wide, as in the workbook).
 */
import { AlignmentType, Document, Packer, type Paragraph, type Table } from 'docx';
import type { Consolidation } from '../consolidate/consolidate';
import { formatDateVi } from '../basics/dates';
import type { Plan } from '../basics/model';
import { type OutValue, isOutDate } from '../basics/sheets';
import { formatNumberVi } from '../basics/text';
import { repeatableZip } from '../basics/zip-repeatable';
import {
  type Align,
  F,
  S,
  a4Section,
  blank,
  centred,
  dottedLine,
  fitWidths,
  gridTable,
  half,
  letterheadTable,
  para,
  ruleParagraph,
  run,
  signatureTable,
  textWidth,
} from './docx-parts';
import type { Appendix, Block, ReportContent, ReportTable } from './content';
import { type ReportOptions, reportContentOf } from './workbook';

/** A value as the workbook's vi-VN formats show it: 1.234; 12,5; 81,6%; 15/07/2024. */
export function cellText(v: OutValue, type: string): string {
  if (v === null) return '';
  if (isOutDate(v)) return formatDateVi(v.date);
  if (typeof v === 'string') return v;
  if (type === 'percent') return `${(v * 100).toFixed(1).replace('.', ',')}%`;
  return formatNumberVi(v, 3);
}

function table(t: ReportTable, width: number, emptyText?: string): Table {
  const cols = t.table.columns;
  const align: Align[] = cols.map((c, i) =>
    t.center[i] || c.type === 'date'
      ? AlignmentType.CENTER
      : c.type === 'text'
        ? AlignmentType.LEFT
        : AlignmentType.RIGHT,
  );
  const rows = t.table.rows.map((r, i) => ({
    cells: r.map((v, j) => cellText(v, cols[j].type)),
    bold: t.boldLast && i === t.table.rows.length - 1,
  }));
  const headers = cols.map((c) => c.header);
  const widths = fitWidths(
    cols.map((c) => c.width),
    [headers, ...rows.map((r) => r.cells)],
    width,
    S.table,
  );
  if (rows.length === 0 && emptyText) rows.push({ cells: [emptyText, ...cols.slice(1).map(() => '')], bold: false });
  return gridTable(headers, rows, widths, align);
}

/** `keep`: kept with what follows (the closing paragraph stays on the page of the signature). */
function bodyBlock(b: Block, width: number, keep = false): Paragraph | Table {
  if (b.kind === 'gap') return keep ? para([], { keepNext: true }) : blank();
  if (b.kind === 'table') return table(b.table, width);
  if (/^…+$/.test(b.text)) return dottedLine(S.body);
  const heading = Boolean(b.bold);
  return para([run(b.text, S.body, { bold: b.bold, italics: b.italic })], {
    firstLine: !heading && !b.italic,
    keepNext: heading || keep,
    after: 80,
  });
}

function mainSection(content: ReportContent) {
  const width = textWidth();
  const children: (Paragraph | Table)[] = [
    letterheadTable(content.letterhead, width),
    blank(240),
    centred(content.title, S.docType, { bold: true }),
    centred(content.subject, S.subject, { bold: true }),
    ruleParagraph(width, 0.22),
    ...content.body.map((b, i) => bodyBlock(b, width, i >= content.body.length - 2)),
    signatureTable(content.letterhead, content.recipients, width),
  ];
  return a4Section(children);
}

function appendixSection(a: Appendix) {
  const total = a.table.table.columns.reduce((s, c) => s + c.width, 0);
  const orientation = total > 110 ? 'landscape' : 'portrait'; // as the workbook's appendix sheets
  const width = textWidth(orientation);
  return a4Section(
    [
      centred(a.name.toLocaleUpperCase('vi'), S.body, { bold: true }),
      centred(a.heading, S.body, { bold: true }),
      centred(a.attachedTo, S.body, { italics: true }),
      ruleParagraph(width, 0.15),
      table(a.table, width, a.emptyText),
    ],
    { orientation },
  );
}

/** The report as a Word document, from its content. */
export function reportDocument(content: ReportContent, title: string): Document {
  return new Document({
    creator: 'tonghop',
    title,
    styles: { default: { document: { run: { font: F, size: half(S.body) } } } },
    sections: [mainSection(content), ...content.appendices.map(appendixSection)],
  });
}

/** Builds the report as a .docx (bytes). */
export async function buildReportDocx(c: Consolidation, plan: Plan, options: ReportOptions = {}): Promise<Uint8Array> {
  const doc = reportDocument(reportContentOf(c, plan, options), `Báo cáo kết quả thực hiện Kế hoạch số ${plan.number}`);
  return repeatableZip(new Uint8Array(await Packer.toArrayBuffer(doc)), c.asOf);
}
