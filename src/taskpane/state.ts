/** What the pane knows: the plan, the files and what was read of them, the last consolidation; and its settings. */
import type { Consolidation, EmailWorkbook, Finding, Plan, Submission } from '../core';
import { type Strings, stringsFor } from './strings';
import type { Hooks } from './steps/draft-and-report';
import type { SheetGrid } from '../core';
import type { OutSheet } from '../core/basics/sheets';
import type { PlainSheet } from '../core/plan/plan-write';
import type { WriteReport } from '../excel/door';

export interface FileEntry {
  id: number;
  /** The file dropped in this session; null for one kept in the workbook from an earlier day (read then). */
  file: File | null;
  name: string;
  /** Its size; for a file just picked, 0 until asked (steps/file-times.ts: sizeOf). */
  size: number;
  /** Its modification time (ms), to know it if dropped again; null when unknown (or not yet asked: modifiedOf). */
  modified: number | null;
  isLog: boolean;
  submission: Submission | null;
  /** The date the clerk typed in the list, if any. */
  entered: string | null;
  /** The saved e-mail this file came with in this session (an attachment, or what the e-mail is listed as). */
  fromEmail?: FileEntry;
  /** The saved e-mail's name, for a file kept in the workbook from an earlier day. */
  fromEmailName?: string;
  /** A workbook attached to an e-mail: its e-mail and the day it was received. */
  email?: EmailWorkbook;
}

export const state = {
  plan: null as Plan | null,
  planName: '',
  files: [] as FileEntry[],
  intakeDates: new Map<string, string>(),
  intakeFindings: [] as Finding[],
  consolidation: null as Consolidation | null,
  nextId: 1,
  busy: false,
  /** Set by "Dừng đọc": the reading loop stops before the next file. */
  cancelReading: false,
  /** Which files the list shows. */
  fileFilter: 'all' as 'all' | 'rejected' | 'problems',
};

export const pane = {
  S: stringsFor(null) as Strings,
  host: null as unknown as WorkbookHost,
  hooks: { extract: false, report: false } as Hooks,
  verdictLabels: {} as Record<string, string>,
  /** False in Internet Explorer 11 and EdgeHTML (Office 2016–2019 on Windows): reading PDF plans needs more. */
  modernWebview: true,
  /** Called after every change of the intake list (steps/intake-store.ts saves it into the workbook). */
  intakeChanged: (): void => undefined,
};

/** The workbook the pane works on: the open Excel workbook (src/excel), or none (standalone: downloads). */
export interface WorkbookHost {
  kind: 'excel' | 'standalone';
  readSheets(): Promise<SheetGrid[]>;
  sheetNames(): Promise<string[]>;
  /** The sheets tonghop wrote under these names and would replace (never a sheet of the clerk's). */
  ownSheets(keys: readonly string[]): Promise<string[]>;
  insertPlan(sheets: PlainSheet[]): Promise<WriteReport | null>;
  writeSummary(sheets: OutSheet[]): Promise<WriteReport | null>;
  selectCell(sheet: string, cell: string): Promise<void>;
  /** The cells of the intake kept in the workbook; null when there is none (or no workbook). */
  loadIntake(): Promise<unknown[][] | null>;
  /** Keeps the intake's cells in the workbook; `hidden` false where the sheet cannot be hidden. null: no workbook. */
  saveIntake(rows: (string | number)[][]): Promise<{ hidden: boolean } | null>;
}
