/**
 * The buttons of the features built by other engines: a plan drafted from a document
 * (src/core/extract) and the report sent upward (a workbook or a Word document, as the CLI writes them) and the
 * reminder letters (src/core/report). Each engine is loaded by dynamic import on first click, so the pane's first
 * bundle stays small.
 */
import type { Agency, Consolidation, Plan } from '../../core';
import type { PlainSheet } from '../../core/plan/plan-write';
import type { PdfjsLike } from '../../core/extract';
import { STRINGS } from '../strings';

const FILES = STRINGS.vi.files;

export interface Download {
  bytes: Uint8Array;
  fileName: string;
  type: string;
}

export interface ExtractedPlan {
  /** The drafted plan sheets (planSheets plus `Nguồn` and `Cần kiểm tra` columns), for the open workbook. */
  sheets: PlainSheet[];
  /** The drafted plan workbook, for standalone mode. */
  workbook: Download;
  /** What to check, in Vietnamese (the first line is the summary). */
  review: string[];
}

export interface Hooks {
  extract: boolean;
  report: boolean;
  extractPlan?: (fileName: string, bytes: Uint8Array, agencies: Agency[] | undefined) => Promise<ExtractedPlan>;
  /** The report sent upward as a workbook (the name is older than the report's own addressee). */
  ministryReport?: (c: Consolidation, plan: Plan) => Promise<Download>;
  reportDocx?: (c: Consolidation, plan: Plan) => Promise<Download>;
  reminders?: (c: Consolidation, plan: Plan) => Promise<Download>;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const stemOf = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9._ -]+/g, '-')
    .replace(/-+/g, '-')
    .trim();

/** pdfjs-dist from the bundle (a chunk loaded on first use); its worker code runs in the page's thread. */
async function bundledPdfjs(): Promise<PdfjsLike> {
  const lib = (await import(
    /* webpackChunkName: "extract" */ 'pdfjs-dist/legacy/build/pdf.mjs'
  )) as unknown as PdfjsLike;
  const g = globalThis as { pdfjsWorker?: unknown };
  g.pdfjsWorker ??= await import(/* webpackChunkName: "extract" */ 'pdfjs-dist/legacy/build/pdf.worker.mjs');
  return lib;
}

export function loadHooks(): Hooks {
  return {
    extract: true,
    report: true,
    extractPlan: async (fileName, bytes, agencies) => {
      const { extractPlanDocument } = await import(/* webpackChunkName: "extract" */ '../../core/extract');
      // a scan (a PDF without text) is read by OCR: Tesseract and its model loaded then, never before
      const ocr = async (scan: Uint8Array) => {
        const { paneOcr } = await import(/* webpackChunkName: "ocr" */ '../reading/ocr-pane');
        return paneOcr(bundledPdfjs, STRINGS.vi.ocr)(scan);
      };
      const r = await extractPlanDocument(fileName, bytes, { agencies, pdfjs: bundledPdfjs, ocr });
      const base = fileName.replace(/\.[^.]+$/, '');
      return {
        sheets: r.sheets,
        review: r.review,
        workbook: { bytes: r.workbook, fileName: FILES.draft(stemOf(base)), type: XLSX },
      };
    },
    ministryReport: async (c, plan) => {
      const { buildReportWorkbook } = await import(/* webpackChunkName: "report" */ '../../core/report');
      const bytes = await buildReportWorkbook(c, plan, {});
      return { bytes, fileName: FILES.report(stemOf(plan.number), c.asOf), type: XLSX };
    },
    reportDocx: async (c, plan) => {
      const { buildReportDocx } = await import(/* webpackChunkName: "report" */ '../../core/report');
      const bytes = await buildReportDocx(c, plan, {});
      return { bytes, fileName: FILES.reportDocx(stemOf(plan.number), c.asOf), type: DOCX };
    },
    reminders: async (c, plan) => {
      const [{ buildReminders }, { zipFiles }] = await Promise.all([
        import(/* webpackChunkName: "report" */ '../../core/report'),
        import(/* webpackChunkName: "engine" */ '../engine'),
      ]);
      const { docx, sheet, emails } = await buildReminders(c, plan, {});
      const bytes = await zipFiles(
        [
          { name: FILES.reminderLetter, bytes: docx },
          { name: FILES.reminderSheet, bytes: sheet },
          ...emails.map((e) => ({ name: FILES.reminderMail(e.fileName), bytes: new TextEncoder().encode(e.eml) })),
        ],
        c.asOf,
      );
      return { bytes, fileName: FILES.reminders(stemOf(plan.number), c.asOf), type: 'application/zip' };
    },
  };
}
