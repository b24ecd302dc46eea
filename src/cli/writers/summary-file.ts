/**
 * Writing the summary workbook to a file, whatever its size: its sheets written directly as sheet XML
 * (src/core/basics/sheet-xml*.ts) into a zip made part by part (zip-file.ts), with the same cells, styles, links,
 * print settings and Excel tables as the workbook the ExcelJS writer builds in memory (the pane's, compared cell by
 * cell in test/summary/direct-writer.test.ts); the `Chi tiết` rows are made one at a time, or come as rows made
 * while the files were read (pipeline.ts), so memory does not grow with them.
 */
import { promises as fs } from 'node:fs';
import {
  type Consolidation,
  type DetailBody,
  type Plan,
  StyleRegistry,
  summaryDataSheet,
  summarySheetsDirect,
  workbookParts,
} from '../../core';
import { writeAtomically } from '../files/inputs';
import { writeZipFile } from './zip-file';

export interface SummaryWriteOptions {
  /** Where the submissions are, relative to the summary (links back to them); absent: no links. */
  sourceFolder?: string;
  /** `Chi tiết`'s rows made before, and the styles they were made with. */
  details?: { body: DetailBody; styles: StyleRegistry };
}

/** The title of a summary workbook (its document properties). */
export const summaryTitle = (plan: Plan) => `Tổng hợp báo cáo Kế hoạch ${plan.number}`;

/** Writes the summary workbook of `c` into `tmp` (created; the caller makes it atomic). */
export async function writeSummaryTo(
  c: Consolidation,
  plan: Plan,
  tmp: string,
  opts: SummaryWriteOptions = {},
): Promise<void> {
  const styles = opts.details?.styles ?? new StyleRegistry();
  const sheets = summarySheetsDirect(c, plan, { sourceFolder: opts.sourceFolder }, opts.details?.body);
  const parts = workbookParts({
    sheets,
    hidden: [summaryDataSheet(c)],
    title: summaryTitle(plan),
    day: c.asOf,
    styles,
  });
  await writeZipFile(tmp, parts, c.asOf);
}

/** Writes summary.xlsx atomically; returns its size. */
export async function writeSummaryFile(
  c: Consolidation,
  plan: Plan,
  file: string,
  protectedInputs: string[] = [],
  opts: SummaryWriteOptions = {},
): Promise<{ bytes: number }> {
  await writeAtomically(file, (tmp) => writeSummaryTo(c, plan, tmp, opts), protectedInputs);
  return { bytes: (await fs.stat(file)).size };
}
