/**
 * Issue 9, injection: every text a submission brings (results, notes, statuses, numbers typed as text, the file name)
 * is written to the summary and to the report sent upward as a string cell, never as a formula, whatever it starts
 * with (the OWASP CSV-injection payloads). The fixture is a template filled by openpyxl
 * (test/fixtures/hostile/make_fixtures.py, injection_fixture).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  type Consolidation,
  type Plan,
  type Submission,
  consolidate,
  readPlan,
  readSubmission,
  readWorkbookGrid,
  writeOutSheets,
  writeSummaryWorkbook,
} from '../../src/core';
import { buildSample } from '../../src/sample/sample';
import { buildReminders, buildReportWorkbook } from '../../src/core/report';
import { type XmlCell, xlsxCells } from './xlsx-cells';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

/** OWASP CSV injection: what a spreadsheet would take for a formula or a DDE call. */
const PAYLOADS = [
  "=cmd|' /C calc'!A0",
  '+SUM(1,2)',
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+9)*cmd|' /C calc'!A0",
  '\t=1+2',
  '\r=1+2',
  '=DDE("cmd";"/C calc";"!A0")',
  '<img src=x onerror=alert(1)>',
];
const DANGEROUS_START = /^[=+\-@\t\r]/;

let plan: Plan;
let c: Consolidation;
let subs: Submission[];

beforeAll(async () => {
  const planRes = readPlan(
    await readWorkbookGrid(new Uint8Array(readFileSync(path.join(FIXTURES, 'openpyxl', 'plan.xlsx')))),
    'plan.xlsx',
  );
  if (!planRes.ok) throw new Error('plan fixture unreadable');
  plan = planRes.plan;
  const bytes = new Uint8Array(readFileSync(path.join(FIXTURES, 'hostile', 'injection', 'LS-SNN.xlsx')));
  const files = [
    { name: 'LS-SNN.xlsx', bytes },
    // the same file again under hostile names: listed in the intake log with its name as text
    { name: "=cmd|' ,C calc'!A0.xlsx", bytes },
    { name: '@SUM(1+9) <img src=x onerror=alert(1)>.xlsx', bytes: new Uint8Array([1, 2, 3]) },
  ];
  subs = await Promise.all(
    files.map((f) => readSubmission({ ...f, receivedOn: '2024-07-05', receivedFrom: 'file-date' }, plan)),
  );
  c = consolidate(plan, subs, { asOf: '2024-07-15', period: null });
});

function dangerous(cells: XmlCell[]): XmlCell[] {
  return cells.filter((x) => DANGEROUS_START.test(x.text) || PAYLOADS.some((p) => x.text.includes(p.trim())));
}

test('the fixture really carries the payloads as text and the reader keeps them as text', () => {
  const rows = subs[0].rows;
  expect(rows.map((r) => r.result)).toEqual(expect.arrayContaining(["=cmd|' /C calc'!A0", '+SUM(1,2)']));
  expect(rows.map((r) => r.note)).toEqual(expect.arrayContaining(["-2+3+cmd|' /C calc'!A0"]));
  // the HYPERLINK formula openpyxl saved without a result is never evaluated (it would show "Bấm vào đây")
  expect(rows[0].note).not.toMatch(/Bấm vào đây/);
  // an unreadable status and number are quoted, as text, in the findings
  expect(subs[0].findings.map((f) => f.message)).toEqual(
    expect.arrayContaining([
      expect.stringContaining('"@SUM(1+9)*cmd|\' /C calc\'!A0"'),
      expect.stringContaining('"=1+2"'),
    ]),
  );
});

test('summary workbook: every payload is a string cell (t="s" or inlineStr), no cell has a formula', async () => {
  const cells = await xlsxCells(await writeSummaryWorkbook(c, plan));
  expect(cells.filter((x) => x.formula !== null)).toEqual([]);
  const hits = dangerous(cells);
  const texts = hits.map((x) => x.text);
  // the payloads did reach the summary (results, notes, findings, file names) …
  for (const p of [
    "=cmd|' /C calc'!A0",
    '+SUM(1,2)',
    "-2+3+cmd|' /C calc'!A0",
    "=cmd|' ,C calc'!A0.xlsx",
    '@SUM(1+9) <img src=x onerror=alert(1)>.xlsx',
  ]) {
    expect(texts).toContain(p);
  }
  expect(texts.some((t) => t.includes("@SUM(1+9)*cmd|' /C calc'!A0"))).toBe(true);
  // … and every one of them is a string, as Excel reads it back
  expect(hits.filter((x) => x.t !== 's' && x.t !== 'inlineStr')).toEqual([]);
});

test('the OWASP payloads written directly through writeOutSheets stay strings, in the preamble and in the table', async () => {
  const bytes = await writeOutSheets([
    {
      name: 'Thử',
      preamble: [[PAYLOADS[0]], PAYLOADS.slice(1, 4)],
      table: {
        name: 'Thu',
        columns: PAYLOADS.map((_, i) => ({ header: `=C${i}`, type: 'text' as const, width: 12 })),
        rows: [PAYLOADS, [...PAYLOADS].reverse()],
      },
    },
  ]);
  const cells = await xlsxCells(bytes);
  expect(cells.filter((x) => x.formula !== null)).toEqual([]);
  for (const p of PAYLOADS) {
    const found = cells.filter((x) => x.text === p);
    expect([p, found.length >= 2]).toEqual([p, true]);
    expect(found.every((x) => x.t === 's' || x.t === 'inlineStr')).toBe(true);
  }
  expect(cells.filter((x) => x.text === '=C0').map((x) => x.t)).toEqual(['s']);
});

test('the report workbook sent upward: payloads are string cells and no formula contains submission text', async () => {
  const cells = await xlsxCells(await buildReportWorkbook(c, plan));
  const fromSubmission = /cmd\||DDE|SUM\(1|evil\.example|onerror/;
  expect(cells.filter((x) => x.formula !== null && fromSubmission.test(x.formula))).toEqual([]);
  expect(dangerous(cells).filter((x) => x.t !== 's' && x.t !== 'inlineStr')).toEqual([]);
});

test('reminders: agency names and e-mail addresses made of payloads stay text in the sheet and inject no e-mail header', async () => {
  const sample = await buildSample('soc-trang');
  const hostile: Plan = {
    ...sample.plan,
    agencies: sample.plan.agencies.map((a, i) =>
      i < PAYLOADS.length
        ? {
            ...a,
            name: PAYLOADS[i],
            email: i % 2 ? `don-vi${i}@example.vn` : `don-vi${i}@example.vn\r\nBcc: evil@example.com`,
          }
        : a,
    ),
  };
  const missingAll = consolidate(hostile, [], { asOf: sample.asOf, period: null });
  const { sheet, emails } = await buildReminders(missingAll, hostile);
  const cells = await xlsxCells(sheet);
  expect(cells.filter((x) => x.formula !== null)).toEqual([]);
  const hits = dangerous(cells);
  expect(hits.some((x) => x.text === "=cmd|' /C calc'!A0")).toBe(true);
  expect(hits.filter((x) => x.t !== 's' && x.t !== 'inlineStr')).toEqual([]);
  expect(emails.length).toBeGreaterThanOrEqual(4);
  expect(emails.some((e) => e.eml.includes(`Kính gửi: ${PAYLOADS[1]}`))).toBe(true);
  for (const e of emails) {
    const head = e.eml.slice(0, e.eml.indexOf('\r\n\r\n')).split('\r\n');
    expect(
      head.every((l) => /^(To|Subject|MIME-Version|Content-Type|Content-Transfer-Encoding|X-Unsent): /.test(l)),
    ).toBe(true);
    expect(e.eml).not.toMatch(/^Bcc:/m);
  }
});
