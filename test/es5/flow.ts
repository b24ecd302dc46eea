/**
 * What the ES5-engine test runs, the same in Node and in duktape: the plan and the submissions as bytes in; the
 * plan read, each file read, consolidated as of a date, the summary workbook written; then the report upward and
 * the reminders. The consolidation comes back as its JSON, each workbook as what reading it back gives (every
 * sheet's cells), the letter as its document.xml: the bytes themselves differ from run to run (the zip's times,
 * the workbook's creation time, ExcelJS's random data-bar ids).
 */
import { strFromU8, unzipSync } from 'fflate';
import type * as Core from '../../src/core';
import type * as Report from '../../src/core/report';

export type Engine = Pick<
  typeof Core,
  'readWorkbookGrid' | 'readPlan' | 'readSubmission' | 'consolidate' | 'consolidationJson' | 'writeSummaryWorkbook'
> &
  Pick<typeof Report, 'buildReportWorkbook' | 'buildReminders'>;

export interface InFile {
  name: string;
  bytes: Uint8Array;
  receivedOn: string;
}

export interface Case {
  planBytes: Uint8Array;
  files: InFile[];
  asOf: string;
  /** Also the report upward and the reminders. */
  report: boolean;
}

export async function runCase(e: Engine, c: Case): Promise<Record<string, unknown>> {
  const read = e.readPlan(await e.readWorkbookGrid(c.planBytes), 'plan.xlsx');
  if (!read.ok) throw new Error(`plan: ${read.problems.map((p) => p.message).join('; ')}`);
  const plan = read.plan;
  const submissions = [];
  for (const f of c.files)
    submissions.push(
      await e.readSubmission(
        { name: f.name, bytes: f.bytes, receivedOn: f.receivedOn, receivedFrom: 'file-date' },
        plan,
      ),
    );
  const consolidation = e.consolidate(plan, submissions, { asOf: c.asOf });
  const out: Record<string, unknown> = {
    json: e.consolidationJson(consolidation),
    summary: await e.readWorkbookGrid(await e.writeSummaryWorkbook(consolidation, plan)),
  };
  if (c.report) {
    out.report = await e.readWorkbookGrid(await e.buildReportWorkbook(consolidation, plan, {}));
    const reminders = await e.buildReminders(consolidation, plan, {});
    out.reminders = {
      docx: strFromU8(unzipSync(reminders.docx)['word/document.xml']),
      sheet: await e.readWorkbookGrid(reminders.sheet),
      emails: reminders.emails.map((m) => ({ to: m.to, fileName: m.fileName, eml: m.eml })),
    };
  }
  return out;
}
