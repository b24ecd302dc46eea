/**
 * `tonghop history` over three consolidations of the Sóc Trăng sample, one per year (2022, 2023, 2024), each
 * written as a summary workbook and read back from its hidden sheet. The sample's files are reused for each
 * year with their received day moved to that year; two agencies change from year to year:
 *   ST-SGTVT (Sở Giao thông vận tải): 2022 on time (28/6), 2023 nothing sent, 2024 three days late (3/7)
 *   ST-HMT (UBND huyện Mỹ Tú):         2022 two days late (2/7), 2023 on time (29/6), 2024 two days late (2/7)
 * Everyone else as in the sample each year (README: 25 on time, 6 late, 6 missing, 1 rejected).
 * Expected values below are worked out by hand from that story.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import {
  type History,
  type HistoryInput,
  type Plan,
  type Submission,
  SUMMARY_DATA_SHEET,
  buildHistory,
  consolidate,
  readSubmission,
  readSummaryFile,
  readWorkbookGrid,
  summarySheets,
  writeHistoryWorkbook,
  writeOutSheets,
  writeSummaryWorkbook,
} from '../../src/core';
import { buildSample } from '../../src/sample/sample';
import { runCli } from '../helpers/cli';

let plan: Plan;
let subs: Submission[];
let files: Record<string, Uint8Array>;
let history: History;

function yearOf(y: number): { plan: Plan; subs: Submission[] } {
  const p: Plan = { ...plan, period: String(y), deadline: { kind: 'fixed', date: `${y}-06-30` } };
  const moved = (s: Submission, day?: string): Submission => ({
    ...s,
    period: String(y),
    receivedOn: day ?? (s.receivedOn ? `${y}${s.receivedOn.slice(4)}` : null),
  });
  const out: Submission[] = [];
  for (const s of subs) {
    if (s.agencyCode === 'ST-SGTVT') {
      if (y === 2022) out.push(moved(s, '2022-06-28'));
      else if (y === 2024) out.push(moved(s));
    } else if (s.agencyCode === 'ST-HMT' && y === 2023) out.push(moved(s, '2023-06-29'));
    else out.push(moved(s));
  }
  return { plan: p, subs: out };
}

async function summaryOf(y: number, asOf: string): Promise<Uint8Array> {
  const { plan: p, subs: s } = yearOf(y);
  return writeSummaryWorkbook(consolidate(p, s, { asOf }), p);
}

async function inputs(names: string[]): Promise<HistoryInput[]> {
  const out: HistoryInput[] = [];
  for (const n of names) {
    const read = readSummaryFile(await readWorkbookGrid(files[n]), n);
    if (!read.ok) throw new Error(read.reason);
    out.push({ file: n, data: read.data });
  }
  return out;
}

beforeAll(async () => {
  const sample = await buildSample('soc-trang');
  plan = sample.plan;
  subs = await Promise.all(
    sample.files.map((f) =>
      readSubmission({ name: f.name, bytes: f.bytes, receivedOn: f.receivedOn, receivedFrom: 'file-date' }, plan),
    ),
  );
  files = {
    'tong-hop-2022.xlsx': await summaryOf(2022, '2022-07-15'),
    'tong-hop-2023.xlsx': await summaryOf(2023, '2023-07-15'),
    'tong-hop-2024.xlsx': await summaryOf(2024, '2024-07-15'),
    // an earlier run of 2024 (1/7: Sở GTVT's file not there yet), named to sort last: counts not, the newer one does
    'z-tong-hop-2024-som.xlsx': await summaryOf(2024, '2024-07-01'),
  };
  history = buildHistory(await inputs(Object.keys(files)));
});

test('three periods of one plan, the earlier re-run of 2024 counted once (the newest)', () => {
  expect(history.periods.map((p) => [p.period, p.asOf, p.file])).toEqual([
    ['2022', '2022-07-15', 'tong-hop-2022.xlsx'],
    ['2023', '2023-07-15', 'tong-hop-2023.xlsx'],
    ['2024', '2024-07-15', 'tong-hop-2024.xlsx'],
  ]);
  expect(history.skipped.map((s) => s.file)).toEqual(['z-tong-hop-2024-som.xlsx']);
  expect(history.skipped[0].reason).toContain('chỉ tính một lần');
});

test('per agency: submitted, on time, days late, both rates and the trend, as worked out by hand', () => {
  const of = (code: string) => history.agencies.find((a) => a.code === code)!;
  const pick = (code: string) => {
    const a = of(code);
    return [a.required, a.submitted, a.onTime, a.daysLate, a.completeness, a.onTimeRate, a.trend, a.flagged];
  };
  expect(of('ST-SGTVT').periods).toEqual([
    { period: '2022', status: 'on_time', daysLate: null },
    { period: '2023', status: 'missing', daysLate: null },
    { period: '2024', status: 'late', daysLate: 3 },
  ]);
  expect(pick('ST-SGTVT')).toEqual([3, 2, 1, 3, 66.7, 33.3, 'better', true]);
  expect(pick('ST-HMT')).toEqual([3, 3, 1, 4, 100, 33.3, 'worse', true]);
  expect(pick('ST-SYT')).toEqual([3, 3, 3, 0, 100, 100, 'same', false]);
  expect(pick('ST-TXNN')).toEqual([3, 3, 0, 30, 100, 0, 'same', true]); // 10 days late each year
  expect(pick('ST-CAT')).toEqual([3, 0, 0, 0, 0, 0, 'same', true]); // never sent
  expect(pick('ST-HCCB')).toEqual([3, 0, 0, 0, 0, 0, 'same', true]); // not an Excel file, each year
});

test('agencies late or missing in at least two of the last three periods come first', () => {
  // the sample's 6 late + 6 missing + 1 rejected agencies, Sở GTVT among them; Mỹ Tú late in 2022 and 2024
  const flagged = history.agencies.filter((a) => a.flagged).map((a) => a.code);
  expect(flagged.sort()).toEqual(
    [
      'ST-SGTVT',
      'ST-SLDTBXH',
      'ST-BQLDA2',
      'ST-HND',
      'ST-TXNN',
      'ST-HMT',
      'ST-CAT',
      'ST-BQLDA1',
      'ST-LDLD',
      'ST-HNNCDDC',
      'ST-HCLD',
      'ST-HTD',
      'ST-HCCB',
    ].sort(),
  );
  expect(history.agencies.slice(0, 13).every((a) => a.flagged)).toBe(true);
  expect(history.agencies).toHaveLength(38);
});

test('per group and per district, each period, with the trend against the period before', () => {
  const rows = (name: string) =>
    history.groups
      .filter((g) => g.name === name)
      .map((g) => [g.period, g.required, g.onTime, g.late, g.missing, g.completeness, g.onTimeRate, g.trend]);
  expect(rows('Sở, ban, ngành')).toEqual([
    ['2022', 20, 16, 2, 2, 90, 80, 'single'],
    ['2023', 20, 15, 2, 3, 85, 75, 'worse'],
    ['2024', 20, 15, 3, 2, 90, 75, 'better'],
  ]);
  expect(rows('Huyện Mỹ Tú')).toEqual([
    ['2022', 1, 0, 1, 0, 100, 0, 'single'],
    ['2023', 1, 1, 0, 0, 100, 100, 'better'],
    ['2024', 1, 0, 1, 0, 100, 0, 'worse'],
  ]);
});

test('another plan is kept apart; an old summary without the data sheet and a newer version are refused plainly', async () => {
  const ht = await buildSample('ha-tinh');
  const htSubs = await Promise.all(
    ht.files.map((f) =>
      readSubmission({ name: f.name, bytes: f.bytes, receivedOn: f.receivedOn, receivedFrom: 'file-date' }, ht.plan),
    ),
  );
  files['ha-tinh.xlsx'] = await writeSummaryWorkbook(consolidate(ht.plan, htSubs, { asOf: ht.asOf }), ht.plan);
  const h = buildHistory(await inputs(['tong-hop-2023.xlsx', 'ha-tinh.xlsx', 'tong-hop-2024.xlsx']));
  expect(h.periods.map((p) => p.plan)).toEqual([ht.plan.number, '1350/STNMT-MT', '1350/STNMT-MT'].sort());
  const sgtvt = h.agencies.find((a) => a.code === 'ST-SGTVT')!;
  expect(sgtvt.periods.map((p) => p.period)).toEqual(['2023', '2024']);
  expect(h.agencies.filter((a) => a.plan === ht.plan.number).every((a) => a.required === 1)).toBe(true);

  // a summary written before the data sheet existed: the same visible sheets, no hidden one
  const { plan: p, subs: s } = yearOf(2024);
  const old = await writeOutSheets(summarySheets(consolidate(p, s, { asOf: '2024-07-15' }), p));
  const oldRead = readSummaryFile(await readWorkbookGrid(old), 'cu.xlsx');
  expect(oldRead).toEqual({
    ok: false,
    reason: `Tệp "cu.xlsx" là sổ tổng hợp do phiên bản tonghop cũ ghi, chưa có trang dữ liệu "${SUMMARY_DATA_SHEET}": hãy chạy lại "tonghop consolidate" cho kỳ đó (cùng --as-of) để ghi lại sổ.`,
  });
  // a summary from a newer tonghop (version 2): refused, asking for an update
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(files['tong-hop-2024.xlsx'] as unknown as ArrayBuffer);
  wb.getWorksheet(SUMMARY_DATA_SHEET)!.getCell('B1').value = 2;
  const newer = new Uint8Array(await wb.xlsx.writeBuffer());
  const newerRead = readSummaryFile(await readWorkbookGrid(newer), 'moi.xlsx');
  expect(newerRead.ok).toBe(false);
  if (!newerRead.ok) expect(newerRead.reason).toMatch(/phiên bản 2, mới hơn .* hãy cập nhật tonghop/);
});

test('the history workbook lists the flagged agencies first, one column per period', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await writeHistoryWorkbook(history)) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('Theo đơn vị')!;
  const headerRow = 5; // title, plan, periods, blank
  const header = (ws.getRow(headerRow).values as unknown[]).slice(1);
  expect(header.slice(0, 7)).toEqual(['Kế hoạch', 'Mã', 'Tên đơn vị', 'Nhóm', 'Kỳ 2022', 'Kỳ 2023', 'Kỳ 2024']);
  const rows = Array.from({ length: 38 }, (_, i) => (ws.getRow(headerRow + 1 + i).values as unknown[]).slice(1));
  const sgtvt = rows.find((r) => r[1] === 'ST-SGTVT')!;
  expect(sgtvt.slice(4, 7)).toEqual(['Đúng hạn', 'Chưa nộp', 'Nộp muộn 3 ngày']);
  expect(rows.findIndex((r) => r[1] === 'ST-SYT')).toBeGreaterThanOrEqual(13);
});

test("Theo nhóm: one group's periods together, in order, and a line per group of its on-time rate over the periods", async () => {
  const bytes = await writeHistoryWorkbook(history);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('Theo nhóm')!;
  const rows = Array.from({ length: history.groups.length }, (_, i) =>
    (ws.getRow(6 + i).values as unknown[]).slice(2, 5),
  );
  const names = [...new Set(history.groups.map((g) => g.name))];
  expect(rows.slice(0, 6)).toEqual([
    ['Sở, ban, ngành', 'Sở, ban, ngành', '2022'],
    ['Sở, ban, ngành', 'Sở, ban, ngành', '2023'],
    ['Sở, ban, ngành', 'Sở, ban, ngành', '2024'],
    ['Tổ chức', 'Tổ chức', '2022'],
    ['Tổ chức', 'Tổ chức', '2023'],
    ['Tổ chức', 'Tổ chức', '2024'],
  ]);
  // every group's three periods next to each other, oldest first
  names.forEach((n, i) =>
    expect(rows.slice(3 * i, 3 * i + 3).map((r) => [r[0], r[2]])).toEqual(['2022', '2023', '2024'].map((p) => [n, p])),
  );
  // the chart: a line per group over its own three rows, periods along the bottom, the on-time rate up the side
  const zip = await JSZip.loadAsync(bytes);
  const charts = await Promise.all(zip.file(/xl\/charts\/chart\d+\.xml/).map((f) => f.async('string')));
  const line = charts.find((x) => x.includes('<c:lineChart>'))!;
  expect(line).toContain('Tỉ lệ đúng hạn qua các kỳ, theo nhóm');
  const series = [...line.matchAll(/<c:ser>.*?<\/c:ser>/g)].map((m) => m[0]);
  expect(series).toHaveLength(names.length);
  expect(series[0]).toContain('<c:v>Sở, ban, ngành</c:v>');
  expect(series[0]).toContain("<c:f>'Theo nhóm'!$D$6:$D$8</c:f>"); // Kỳ
  expect(series[0]).toContain("<c:f>'Theo nhóm'!$N$6:$N$8</c:f>"); // Tỉ lệ đúng hạn
  const values = /<c:numCache>.*<\/c:numCache>/.exec(series[0])![0];
  expect([...values.matchAll(/<c:v>([\d.]+)<\/c:v>/g)].map((m) => Number(m[1]))).toEqual([0.8, 0.75, 0.75]);
});

test('the CLI reads a folder of summaries, says which it leaves out and why, and writes the workbook and JSON', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tonghop-history-'));
  try {
    for (const [n, b] of Object.entries(files)) await fs.writeFile(path.join(dir, n), b);
    await fs.writeFile(path.join(dir, 'plan.xlsx'), (await buildSample('soc-trang')).planBytes);
    const out = path.join(dir, 'lich-su.xlsx');
    const json = path.join(dir, 'lich-su.json');
    const r = await runCli(['history', dir, '-o', out, '--json', json]);
    expect(r.code).toBe(0);
    expect(r.err).toContain('plan.xlsx" không phải sổ tổng hợp do tonghop ghi');
    expect(r.err).toContain('z-tong-hop-2024-som.xlsx');
    const j = JSON.parse(await fs.readFile(json, 'utf8'));
    const periods = (j.periods as { plan: string; period: string }[]).filter((p) => p.plan === '1350/STNMT-MT');
    expect(periods.map((p) => p.period)).toEqual(['2022', '2023', '2024']);
    // dates for people as dd/mm/yyyy; the JSON keeps yyyy-mm-dd
    expect(r.out + r.err).toContain('kỳ 2022 (số liệu đến ngày 15/07/2022)');
    expect(r.out + r.err).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(j.periods[0].asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(j.agencies[0].flagged).toBe(true);
    await expect(fs.stat(out)).resolves.toBeTruthy();
    const none = await runCli(['history', path.join(dir, 'plan.xlsx')]);
    expect(none.code).toBe(1);
    expect(none.err).toContain('Không có sổ tổng hợp nào dùng được');
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});
