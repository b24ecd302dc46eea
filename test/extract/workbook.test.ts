/**
 * The drafted plan workbook follows the plan contract: it loads with readPlan, `tonghop templates` works on
 * it, and it still does after being opened and saved by other software (openpyxl, LibreOffice).
 * The `Nguồn` and `Cần kiểm tra` columns say where each row came from and what the clerk must check.
 */
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  buildTemplates,
  cellText,
  planPlaceholders,
  readPlan,
  readWorkbookGrid,
  type Plan,
  type WorkbookGrid,
} from '../../src/core';
import { extractPlanDocument, REVIEW_HEADER, SOURCE_HEADER, type ExtractResult } from '../../src/core/extract';
import { fixture, pdfjs } from './helpers';

const sheet = (wb: WorkbookGrid, name: string) => wb.sheets.find((s) => s.name === name)!;

async function templatesOf(plan: Plan): Promise<string[]> {
  const names: string[] = [];
  for await (const t of buildTemplates(plan)) {
    expect(t.bytes.length).toBeGreaterThan(1000);
    names.push(t.fileName);
  }
  return names;
}

describe('drafted workbook of Bắc Kạn (blank number and date, no deadline in the text)', () => {
  let r: ExtractResult;
  let grid: WorkbookGrid;
  beforeAll(async () => {
    r = await extractPlanDocument('bac-kan.pdf', fixture('bac-kan-van-phong-moi-truong-2024.pdf'), { pdfjs });
    grid = await readWorkbookGrid(r.workbook);
  });

  test('loads as a valid plan with the placeholders', () => {
    const res = readPlan(grid, 'plan.xlsx');
    if (!res.ok) throw new Error(JSON.stringify(res.problems));
    expect(res.plan.number).toBe('…/KH-VP');
    expect(res.plan.issuedOn).toBeNull();
    expect(res.plan.deadline).toEqual({ kind: 'fixed', date: '2024-06-30' });
    expect(res.plan.tasks.map((t) => t.code)).toEqual(['II.2.1', 'II.2.2', 'II.2.3', 'III.1', 'III.2']);
  });

  test('`Kế hoạch`: placeholders marked in `Cần kiểm tra`, blank values noted below the rows', () => {
    const ws = sheet(grid, 'Kế hoạch');
    const rowOf = (label: string) => ws.rows.find((row) => row[0] === label)!;
    expect(ws.rows[0].slice(2)).toEqual([SOURCE_HEADER, REVIEW_HEADER]);
    expect(cellText(rowOf('Số hiệu')[2])).toMatch(/^Đoạn 1: Số: \/KH-VP/);
    expect(cellText(rowOf('Số hiệu')[3])).toContain('để trống số');
    expect(cellText(rowOf('Hạn báo cáo')[3])).toContain('không ghi hạn báo cáo');
    expect(
      rowOf('Ngày ban hành')
        .slice(1)
        .every((v) => v === null || v === ''),
    ).toBe(true);
    const notes = ws.rows.filter((row) => row[0] === REVIEW_HEADER).map((row) => cellText(row[1]));
    expect(notes.some((n) => n.startsWith('Ngày ban hành: Văn bản để trống ngày'))).toBe(true);
  });

  test('check-plan refuses the stand-in report deadline until the clerk writes a date or clears the note', () => {
    const ws = sheet(grid, 'Kế hoạch');
    const r = ws.rows.findIndex((row) => row[0] === 'Hạn báo cáo');
    const refused = (g: WorkbookGrid) => {
      const res = readPlan(g, 'plan.xlsx');
      if (!res.ok) throw new Error(JSON.stringify(res.problems));
      return planPlaceholders(res.plan, g).filter((f) => f.sheet === 'Kế hoạch' && f.cell === `B${r + 1}`);
    };
    expect(refused(grid).map((f) => [f.severity, f.message])).toEqual([
      ['error', expect.stringMatching(/^Hạn báo cáo còn là ngày ghi tạm 30\/06\/2024 \(văn bản không ghi hạn\)/)],
    ]);
    type Cell = (typeof ws.rows)[number][number];
    const edited = (value: Cell, note: Cell): WorkbookGrid => ({
      ...grid,
      sheets: grid.sheets.map((s) =>
        s === ws ? { ...s, rows: s.rows.map((row, i) => (i === r ? [row[0], value, row[2], note] : row)) } : s,
      ),
    });
    // a date written over the stand-in, the note still there: accepted (the note stays an open review item)
    expect(refused(edited('15/07/2024', ws.rows[r][3]))).toEqual([]);
    // the stand-in kept on purpose, its note cleared: accepted
    expect(refused(edited(ws.rows[r][1], null))).toEqual([]);
  });

  test('`Nhiệm vụ` and `Đơn vị` carry the source paragraph and the review reason', () => {
    const tasks = sheet(grid, 'Nhiệm vụ');
    expect(tasks.rows[0]).toEqual(['Mã', 'Nhiệm vụ', 'Mục', 'Cơ quan chủ trì', SOURCE_HEADER, REVIEW_HEADER]);
    const iii1 = tasks.rows.find((row) => row[0] === 'III.1')!;
    expect(cellText(iii1[4])).toMatch(/^Đoạn \d+: 1\. Căn cứ Kế hoạch này/);
    expect(cellText(iii1[5])).toContain('suy ra');
    const agencies = sheet(grid, 'Đơn vị');
    const group = agencies.rows.find((row) => row[1] === 'Các Phòng, ban, đơn vị trực thuộc Văn phòng')!;
    expect(cellText(group[7])).toContain('Nhóm đơn vị');
  });
});

describe.each([
  ['soc-trang-ngay-da-dang-sinh-hoc-2024.docx', 28],
  ['lang-son-thang-hanh-dong-moi-truong-2024.pdf', 5],
  ['ha-tinh-trien-khai-ke-hoach-588-da-dang-sinh-hoc.txt', 7],
])('%s opened and saved by other software', (file, agencies) => {
  let dir: string;
  let r: ExtractResult;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tonghop-extract-'));
    r = await extractPlanDocument(file, fixture(file), { pdfjs });
    await fs.writeFile(path.join(dir, 'plan.xlsx'), r.workbook);
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  async function check(bytes: Uint8Array) {
    const res = readPlan(await readWorkbookGrid(bytes), 'plan.xlsx');
    if (!res.ok) throw new Error(JSON.stringify(res.problems));
    expect(res.plan.number).toBe(r.plan.number);
    expect(res.plan.deadline).toEqual(r.plan.deadline);
    expect(res.plan.upwardDeadline).toEqual(r.plan.upwardDeadline);
    expect(res.plan.tasks).toEqual(r.plan.tasks);
    expect(res.plan.agencies.map((a) => [a.code, a.name, a.kind])).toEqual(
      r.plan.agencies.map((a) => [a.code, a.name, a.kind]),
    );
    expect(res.plan.agencies).toHaveLength(agencies);
    expect(await templatesOf(res.plan)).toHaveLength(agencies);
  }

  test('as written', async () => {
    await check(r.workbook);
  });

  test('openpyxl load + save', async () => {
    const out = path.join(dir, 'openpyxl.xlsx');
    execFileSync('/usr/bin/python3', [
      '-c',
      'import sys, openpyxl; wb = openpyxl.load_workbook(sys.argv[1]); wb.save(sys.argv[2])',
      path.join(dir, 'plan.xlsx'),
      out,
    ]);
    await check(new Uint8Array(await fs.readFile(out)));
  });

  test('LibreOffice load + save', async () => {
    const outDir = path.join(dir, 'lo');
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${dir}/profile`,
        '--headless',
        '--convert-to',
        'xlsx:Calc MS Excel 2007 XML',
        '--outdir',
        outDir,
        path.join(dir, 'plan.xlsx'),
      ],
      { stdio: 'ignore' },
    );
    await check(new Uint8Array(await fs.readFile(path.join(outDir, 'plan.xlsx'))));
  });
});
