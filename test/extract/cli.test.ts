/**
 * `tonghop extract-plan`: writes the drafted plan workbook, prints the review list; `templates` works on the
 * result; `--agencies` expands groups with a previous plan's agencies; unreadable input exits 1 with a message.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';
import { readPlan, readWorkbookGrid, writePlanWorkbook } from '../../src/core';
import { socTrangPlan } from '../../src/sample/sample';
import { SEEDS_DIR } from './helpers';

const run = runCli;

describe('tonghop extract-plan', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tonghop-extract-cli-'));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  test('drafts the Lạng Sơn plan from its PDF, prints what to check, and templates work on it', async () => {
    const out = path.join(dir, 'ls', 'plan.xlsx');
    const r = await run([
      'extract-plan',
      path.join(SEEDS_DIR, 'lang-son-thang-hanh-dong-moi-truong-2024.pdf'),
      '-o',
      out,
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('21 nhiệm vụ');
    expect(r.out).toContain('Cần kiểm tra:');
    expect(r.out).toMatch(/Hạn báo cáo cấp trên \(đoạn \d+\): Ngày 31\/07\/2023/);
    expect((await fs.readdir(path.dirname(out))).filter((f) => f.startsWith('.'))).toEqual([]); // no temporary file left
    const t = await run(['templates', out, path.join(dir, 'ls', 'mau')]);
    expect(t.code).toBe(0);
    expect(await fs.readdir(path.join(dir, 'ls', 'mau'))).toHaveLength(5);
  });

  test('--agencies with a previous plan replaces the groups with its agencies', async () => {
    const list = path.join(dir, 'cu.xlsx');
    await fs.writeFile(list, await writePlanWorkbook(socTrangPlan()));
    const out = path.join(dir, 'st.xlsx');
    const r = await run([
      'extract-plan',
      path.join(SEEDS_DIR, 'soc-trang-ngay-da-dang-sinh-hoc-2024.docx'),
      '-o',
      out,
      '--agencies',
      list,
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('38 đơn vị');
    const res = readPlan(await readWorkbookGrid(new Uint8Array(await fs.readFile(out))), 'st.xlsx');
    expect(res.ok && res.plan.agencies.filter((a) => a.kind === 'locality').length).toBe(11);
  });

  test('a scanned PDF without any OCR: exit 1, the OCR message saying how to get it, no workbook', async () => {
    const out = path.join(dir, 'scan.xlsx');
    process.env.TONGHOP_TESSERACT = '';
    process.env.TONGHOP_OCR_LIBRARY = '';
    try {
      const r = await run(['extract-plan', path.join(SEEDS_DIR, 'scanned-soc-trang-page1.pdf'), '-o', out]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/không có lớp chữ.*OCR.*apt-get install tesseract-ocr tesseract-ocr-vie/s);
    } finally {
      delete process.env.TONGHOP_TESSERACT;
      delete process.env.TONGHOP_OCR_LIBRARY;
    }
    await expect(fs.stat(out)).rejects.toThrow();
  });

  test('a scanned PDF with tesseract (CI installs tesseract-ocr-vie): read by OCR, every item to check', async () => {
    const out = path.join(dir, 'scan-ocr.xlsx');
    const r = await run(['extract-plan', path.join(SEEDS_DIR, 'scanned-soc-trang-page1.pdf'), '-o', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('nhận dạng chữ (OCR)');
    const grid = await readWorkbookGrid(new Uint8Array(await fs.readFile(out)));
    const tasks = grid.sheets.find((s) => s.name === 'Nhiệm vụ')!;
    const review = tasks.rows[0].indexOf('Cần kiểm tra');
    expect(tasks.rows.length).toBeGreaterThan(1);
    for (const row of tasks.rows.slice(1)) expect(String(row[review])).toContain('OCR');
  }, 60_000);

  test('missing document, wrong output extension, writing over the input', async () => {
    expect(
      (await run(['extract-plan', path.join(dir, 'khong-co.docx'), '-o', path.join(dir, 'x.xlsx')])).err,
    ).toContain('Không tìm thấy tệp');
    expect(
      (
        await run([
          'extract-plan',
          path.join(SEEDS_DIR, 'bac-kan-van-phong-moi-truong-2024.txt'),
          '-o',
          path.join(dir, 'x.csv'),
        ])
      ).err,
    ).toContain('.xlsx');
    const copy = path.join(dir, 'vb.xlsx');
    await fs.copyFile(path.join(SEEDS_DIR, 'bac-kan-van-phong-moi-truong-2024.docx'), copy);
    const r = await run(['extract-plan', copy, '-o', copy]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Không ghi đè');
  });

  test('listed in the help', async () => {
    const r = await run(['--help']);
    expect(r.out).toContain('tonghop extract-plan');
  });
});
