/**
 * The report to the ministry as a Word document: the same content as the report workbook (content.ts)
 * in the Decree 30/2020/NĐ-CP layout: letterhead, `BÁO CÁO` and subject, the body with its tables, Nơi nhận and
 * the signature, then one section per appendix (landscape when the table is wide, as in the workbook).
 */
import { AlignmentType, Document, Packer, type Paragraph, type Table } from 'docx';
import type { Consolidation } from '../consolidate/consolidate';
import type { Plan } from '../basics/model';
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
import {
  type Appendix,
  type Block,
  type ReportContent,
  type ReportTable,
  appendixOrientation,
  appendixWidths,
  shownText,
} from './content';
import { type ReportOptions, reportContentOf } from './workbook';

/** A value as the workbook's vi-VN formats show it (content.ts). */
export const cellText = shownText;

/** `weights`: the columns' shares of the width (the appendix's fitted widths; as designed in the body). */
function table(t: ReportTable, width: number, emptyText?: string, weights?: number[]): Table {
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
    weights ?? cols.map((c) => c.width),
    [headers, ...rows.map((r) => r.cells)],
    width,
    S.table,
    cols.map((c, i) => t.center[i] || c.type !== 'text'),
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
    // the closing paragraph stays with the signature, a paragraph that introduces a table with its first rows
    ...content.body.map((b, i, all) => bodyBlock(b, width, i >= all.length - 2 || all[i + 1]?.kind === 'table')),
    signatureTable(content.letterhead, content.recipients, width),
  ];
  return a4Section(children, { footer: 'header-from-2' });
}

function appendixSection(a: Appendix) {
  const orientation = appendixOrientation(a); // as the workbook's appendix sheets
  const width = textWidth(orientation);
  return a4Section(
    [
      centred(a.name.toLocaleUpperCase('vi'), S.body, { bold: true }),
      centred(a.heading, S.body, { bold: true }),
      centred(a.attachedTo, S.body, { italics: true }),
      ruleParagraph(width, 0.15),
      table(a.table, width, a.emptyText, appendixWidths(a.table)),
    ],
    { orientation, footer: 'header-continued' },
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
