/**
 * At thousands of files the CLI writes the `Chi tiết` sheet and the JSON's `details` row by row, made one
 * at a time from the consolidation (never all held). What a user gets must not change: the streamed summary holds
 * the same cells and links as the one built in memory, and the streamed JSON is byte for byte
 * `JSON.stringify(consolidationJson(c), null, 2)`, here for a consolidation of a few thousand detail rows.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { type Plan, type Submission, consolidate, consolidationJson } from '../../src/core';
import { benchPlan } from '../../bench/generate';
import { streamedLink, writeSummaryFile } from '../../src/cli/writers/summary-file';
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

/** A link written as a HYPERLINK formula (the streamed sheets) read as the hyperlink cell it stands for. */
function asLink(v: unknown): unknown {
  const f = (v as { formula?: unknown } | null)?.formula;
  const m = typeof f === 'string' ? /^HYPERLINK\("((?:[^"]|"")*)","((?:[^"]|"")*)"\)$/.exec(f) : null;
  if (!m) return v ?? null;
  expect((v as { result?: unknown }).result).toBe(m[2].replace(/""/g, '"')); // the text is shown before a recalculation
  return { text: m[2].replace(/""/g, '"'), hyperlink: m[1].replace(/""/g, '"') };
}

async function sheetCells(file: string): Promise<Record<string, unknown[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: Record<string, unknown[][]> = {};
  for (const ws of wb.worksheets) {
    const rows: unknown[][] = [];
    ws.eachRow((row, n) => {
      rows[n - 1] = (row.values as unknown[]).slice(1).map((v) => (v instanceof Date ? v.toISOString() : asLink(v)));
    });
    out[ws.name] = rows;
  }
  return out;
}

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tonghop-streamed-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test('the streamed summary has the same Chi tiết (values and links) and other sheets as the one built in memory', async () => {
  const { plan, c } = bigConsolidation();
  const a = path.join(dir, 'memory.xlsx');
  const b = path.join(dir, 'streamed.xlsx');
  const opts = { sourceFolder: 'submissions' };
  expect((await writeSummaryFile(c, plan, a, [], { ...opts, streamRows: 1_000_000 })).streamed).toBe(false);
  expect((await writeSummaryFile(c, plan, b, [], { ...opts, streamRows: 0 })).streamed).toBe(true);
  const inMemory = await sheetCells(a);
  const streamed = await sheetCells(b);
  expect(Object.keys(streamed)).toEqual(Object.keys(inMemory));
  const details = streamed['Chi tiết'];
  // title lines, a blank line, the header, then one row per agency and task
  expect(details.length).toBe(inMemory['Chi tiết'].length);
  expect(details.length).toBeGreaterThan(3500);
  expect(details.at(-1)).toEqual(inMemory['Chi tiết'].at(-1));
  expect(details.at(-1)?.[0]).toBe(plan.agencies.at(-1)!.code);
  for (const name of Object.keys(inMemory)) expect([name, streamed[name]]).toEqual([name, inMemory[name]]);
  // the source column links back to the agency's file and cell (the first data row: below 3 title lines, a blank
  // line and the header)
  expect(details[5][8]).toEqual({
    text: 'BM-S00001.xlsx!Sheet1!B14',
    hyperlink: "submissions/BM-S00001.xlsx#'Sheet1'!$B$14",
  });
  // streamed, the link is a HYPERLINK formula (no relationship kept per row until the sheet ends), in link colours
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(b);
  const cell = wb.getWorksheet('Chi tiết')!.getCell(6, 9);
  expect(cell.formula).toBe(`HYPERLINK("submissions/BM-S00001.xlsx#'Sheet1'!$B$14","BM-S00001.xlsx!Sheet1!B14")`);
  expect(cell.font).toMatchObject({ underline: true, color: { argb: 'FF0563C1' } });
});

test('a streamed link to a file whose name holds quotes stays one string; a too long one stays a hyperlink', () => {
  const evil = 'submissions/a"),WEBSERVICE("http://x.example/"),"b.xlsx#\'Báo cáo\'!$B$14';
  const v = streamedLink('a.xlsx!Báo cáo!B14', evil) as { formula: string; result: string };
  expect(v.formula).toBe(
    `HYPERLINK("submissions/a""),WEBSERVICE(""http://x.example/""),""b.xlsx#'Báo cáo'!$B$14","a.xlsx!Báo cáo!B14")`,
  );
  expect(v.result).toBe('a.xlsx!Báo cáo!B14');
  const long = `submissions/${'x'.repeat(250)}.xlsx#'Báo cáo'!$B$14`;
  expect(streamedLink('x!B14', long)).toEqual({ text: 'x!B14', hyperlink: long });
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
