/**
 * At thousands of files the CLI writes the `Chi tiết` sheet and the JSON's `details` row by row, made one
 * at a time from the consolidation (never all held). What a user gets must not change: the summary written directly
 * holds the same cells and links as the one built in memory, and the streamed JSON is byte for byte
 * `JSON.stringify(consolidationJson(c), null, 2)`, here for a consolidation of a few thousand detail rows.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import {
  type DirectSheet,
  type Plan,
  type Submission,
  LINK_LIMIT,
  StyleRegistry,
  consolidate,
  consolidationJson,
  workbookParts,
  writeSummaryWorkbook,
} from '../../src/core';
import { benchPlan } from '../../bench/generate';
import { writeSummaryFile } from '../../src/cli/writers/summary-file';
import { writeZipFile } from '../../src/cli/writers/zip-file';
import { workbookDifferences } from '../helpers/compare-workbooks';
import { writeConsolidationJson } from '../../src/cli/writers/json-file';
import { StringPool, compactSubmission } from '../../src/cli/reading/compact';

const AS_OF = '2025-07-15';
const STATUSES = ['done', 'inProgress', 'notStarted', 'notApplicable', null] as const;
const RESULTS = ['Đã hoàn thành; 3 lượt "cán bộ"', '=1+1', 'Dòng một\nDòng hai', '', 'Đang triển khai \\ tiếp'];

/** A submission as the reader gives it: every task, indicators on tasks 1 and 2, texts that need escaping. */
function submissionOf(plan: Plan, code: string, n: number, receivedOn: string, file = `${code}.xlsx`): Submission {
  const sheet = n % 7 === 0 ? 'Sheet1' : 'Báo cáo';
  return {
    file,
    sha256: `${code}-${n}-${receivedOn}`,
    size: 1000 + n,
    agencyCode: code,
    recognisedBy: 'hidden',
    planNumber: plan.number,
    period: '2025',
    reportDate: receivedOn,
    receivedOn,
    receivedFrom: 'file-date',
    readable: true,
    rejectReason: null,
    rows: plan.tasks.map((t, i) => ({
      taskCode: t.code,
      status: STATUSES[(n + i) % STATUSES.length],
      result: RESULTS[(n * 3 + i) % RESULTS.length],
      note: i % 11 === 0 ? `Ghi chú ${n}` : '',
      indicators: Object.fromEntries(
        plan.indicators
          .filter((ind) => ind.taskCode === t.code)
          .map((ind) => [ind.code, { value: n * 10 + i + 0.5, source: { file, sheet, cell: `F${14 + i}` } }]),
      ),
      source: { file, sheet, cell: `B${14 + i}` },
    })),
    findings: [],
  };
}

/** 60 agencies (one silent, one sending twice), 60 tasks each: 3,540 detail rows. */
function bigConsolidation() {
  const plan = benchPlan(60);
  const subs: Submission[] = [];
  plan.agencies.forEach((a, n) => {
    if (n === 5) return; // silent
    subs.push(submissionOf(plan, a.code, n, n % 9 === 0 ? '2025-07-03' : '2025-06-25'));
    // a second, newer file: it replaces the first
    if (n === 8) subs.push(submissionOf(plan, a.code, n + 100, '2025-06-29', `${a.code} (2).xlsx`));
  });
  return { plan, subs, c: consolidate(plan, subs, { asOf: AS_OF }) };
}

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tonghop-streamed-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test('a summary of thousands of detail rows, written directly, is the workbook the ExcelJS writer builds in memory', async () => {
  const { plan, c } = bigConsolidation();
  const file = path.join(dir, 'direct.xlsx');
  await writeSummaryFile(c, plan, file, [], { sourceFolder: 'submissions' });
  const direct = new Uint8Array(await fs.readFile(file));
  const reference = await writeSummaryWorkbook(c, plan, { sourceFolder: 'submissions' });
  expect(await workbookDifferences(reference, direct)).toEqual([]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(direct as unknown as ArrayBuffer);
  const details = wb.getWorksheet('Chi tiết')!;
  expect(details.rowCount).toBeGreaterThan(3500);
  // the source column links back to the agency's file and cell (below 3 title lines, a blank line and the header)
  expect(details.getCell(6, 9).value).toEqual({
    text: 'BM-S00001.xlsx!Sheet1!B14',
    hyperlink: "submissions/BM-S00001.xlsx#'Sheet1'!$B$14",
  });
});

/** A sheet of two linked rows whose table says it holds more links than Excel keeps in a worksheet. */
async function overLinkLimit(target: string): Promise<ExcelJS.Cell> {
  const columns = [{ header: 'Nguồn', type: 'text' as const, width: 36 }];
  const sheet: DirectSheet = {
    name: 'Chi tiết',
    preamble: [['Tiêu đề']],
    table: {
      name: 'ChiTiet',
      columns,
      count: 2,
      links: LINK_LIMIT + 1,
      body: () => [
        { values: ['a.xlsx!Báo cáo!B14'], tone: undefined, links: [target] },
        { values: ['ngắn'], tone: undefined, links: [`submissions/${'x'.repeat(250)}.xlsx#'Báo cáo'!$B$14`] },
      ],
    },
  };
  const file = path.join(dir, `links-${Math.random().toString(36).slice(2)}.xlsx`);
  await writeZipFile(
    file,
    workbookParts({ sheets: [sheet], hidden: [], day: AS_OF, styles: new StyleRegistry() }),
    AS_OF,
  );
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.getWorksheet('Chi tiết')!.getCell('A4');
}

test('above the 65,530 links Excel keeps in a sheet, links are HYPERLINK formulas: quotes doubled, a too long one stays a link', async () => {
  const evil = 'submissions/a"),WEBSERVICE("http://x.example/"),"b.xlsx#\'Báo cáo\'!$B$14';
  const cell = await overLinkLimit(evil);
  expect(cell.formula).toBe(
    `HYPERLINK("submissions/a""),WEBSERVICE(""http://x.example/""),""b.xlsx#'Báo cáo'!$B$14","a.xlsx!Báo cáo!B14")`,
  );
  expect(cell.result).toBe('a.xlsx!Báo cáo!B14'); // shown before any recalculation
  expect(cell.font).toMatchObject({ underline: true, color: { argb: 'FF0563C1' } });
  const long = cell.worksheet.getCell('A5');
  expect(long.value).toEqual({ text: 'ngắn', hyperlink: `submissions/${'x'.repeat(250)}.xlsx#'Báo cáo'!$B$14` });
});

test('the streamed JSON is byte for byte the JSON of the whole consolidation', async () => {
  const { c } = bigConsolidation();
  const summaryFile = { name: 'tong-hop.xlsx', sha256: 'ab'.repeat(32) };
  const file = path.join(dir, 'a.json');
  await writeConsolidationJson(c, file, { summaryFile });
  const expected = JSON.stringify({ ...consolidationJson(bigConsolidation().c), summaryFile }, null, 2) + '\n';
  const got = await fs.readFile(file, 'utf8');
  expect(got.length).toBe(expected.length);
  expect(got === expected).toBe(true);
  expect((JSON.parse(got) as { details: unknown[] }).details).toHaveLength(59 * 60);
  // without a summary file, and with no detail row at all (an empty folder)
  const { plan } = bigConsolidation();
  const empty = consolidate(plan, [], { asOf: AS_OF });
  await writeConsolidationJson(empty, file, { summaryFile: undefined });
  expect(await fs.readFile(file, 'utf8')).toBe(JSON.stringify(consolidationJson(empty), null, 2) + '\n');
});

test('submissions kept compact consolidate exactly as read', () => {
  const { plan, subs, c } = bigConsolidation();
  const pool = new StringPool(50); // small: the table is emptied and filled again on the way
  const compact = subs.map((s) => compactSubmission(structuredClone(s), pool));
  expect(JSON.stringify(compact)).toBe(JSON.stringify(subs));
  const again = consolidate(plan, compact, { asOf: AS_OF });
  expect(JSON.stringify(consolidationJson(again))).toBe(JSON.stringify(consolidationJson(c)));
  // one copy of the file name and of each cell address per submission is what is kept
  expect(compact[3].rows[0].source.file).toBe(compact[3].file);
});
