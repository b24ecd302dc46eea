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
  file: File;
  isLog: boolean;
  submission: Submission | null;
  /** The date the clerk typed in the list, if any. */
  entered: string | null;
  /** The saved e-mail this file came with (an attachment, or what the e-mail is listed as). */
  fromEmail?: FileEntry;
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
}
