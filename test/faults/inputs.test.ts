/**
 * Inputs: every entry of the folder gets a verdict and none stops the run; a FIFO or a device as the plan
 * is refused without hanging; dates (impossible ones refused, dd/mm/yyyy, the day in Vietnam whatever the zone);
 * the register (ambiguous duplicates, absent files, only the top one); messages in Vietnamese; exit 3 when nothing
 * was recognised; check-plan on an extract-plan draft.
 */
import { execFileSync } from 'node:child_process';
import { promises as fs, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { runCli } from '../helpers/cli';
import type { ConsolidationJson } from '../../src/core';
import { buildSample } from '../../src/sample/sample';
import { consolidateArgs, makeTempDir, snapshot, tempFilesUnder } from './helpers';

let dir: string;
let sub: string;
let plan: string;
let asOf: string;

beforeAll(async () => {
  dir = await makeTempDir('tonghop-faults-in-');
  asOf = (await buildSample('soc-trang')).asOf;
  expect((await runCli(['sample', dir])).code).toBe(0);
  sub = path.join(dir, 'submissions');
  plan = path.join(dir, 'plan.xlsx');
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

async function consolidateJson(folder: string, ...extra: string[]) {
  const json = path.join(dir, `r-${Math.random().toString(36).slice(2)}.json`);
  const res = await runCli(consolidateArgs(plan, folder, asOf, '--json', json, ...extra));
  const j =
    res.code === 0 || res.code === 3 ? (JSON.parse(await fs.readFile(json, 'utf8')) as ConsolidationJson) : null;
  await fs.rm(json, { force: true });
  return { ...res, json: j! };
}

describe('every entry of the folder gets a verdict, none stops the run', () => {
  test('FIFO, device link, loop, broken link, link to a folder, hidden files: listed with a reason', async () => {
    const odd = path.join(dir, 'odd');
    await fs.cp(sub, odd, { recursive: true, preserveTimestamps: true });
    execFileSync('mkfifo', [path.join(odd, 'ong.xlsx')]);
    symlinkSync('/dev/zero', path.join(odd, 'zero.xlsx'));
    symlinkSync('vong-b.xlsx', path.join(odd, 'vong-a.xlsx'));
    symlinkSync('vong-a.xlsx', path.join(odd, 'vong-b.xlsx'));
    symlinkSync(path.join(dir, 'khong-co.xlsx'), path.join(odd, 'hong.xlsx'));
    symlinkSync(dir, path.join(odd, 'thu-muc-ngoai'));
    await fs.writeFile(path.join(odd, '.an.xlsx'), 'x');
    await fs.writeFile(path.join(odd, '~$ST-SYT.xlsx'), 'x');
    const before = snapshot(odd);
    const { code, json } = await consolidateJson(odd);
    expect(code).toBe(0);
    const reason = (f: string) => json.intake.find((e) => e.file === f)?.reason;
    expect(reason('ong.xlsx')).toBe('Đây là một ống dẫn (FIFO), không phải tệp: không đọc.');
    expect(reason('zero.xlsx')).toBe('Đây là một thiết bị, không phải tệp: không đọc.');
    expect(reason('vong-a.xlsx')).toMatch(/trỏ vòng/);
    expect(reason('vong-b.xlsx')).toMatch(/trỏ vòng/);
    expect(reason('hong.xlsx')).toMatch(/Liên kết \(symlink\) hỏng/);
    expect(reason('thu-muc-ngoai')).toMatch(/Liên kết tới một thư mục: không theo/);
    expect(reason('.an.xlsx')).toMatch(/ẩn/);
    // Excel's lock file of an open workbook is transient, not sent by anyone: skipped, as before
    expect(json.intake.some((e) => e.file.startsWith('~$'))).toBe(false);
    // the real reports are still read: Sở Y tế is on time, not missing
    expect(json.agencies.find((a) => a.code === 'ST-SYT')?.status).toBe('on_time');
    expect(snapshot(odd)).toEqual(before);
    await fs.rm(odd, { recursive: true });
  });

  test('a folder of symlinks to the sample files is read like the files themselves', async () => {
    const links = path.join(dir, 'links');
    await fs.mkdir(links);
    for (const n of await fs.readdir(sub)) symlinkSync(path.join(sub, n), path.join(links, n));
    const direct = await consolidateJson(sub);
    const linked = await consolidateJson(links);
    expect(linked.code).toBe(0);
    expect(linked.json.overall).toEqual(direct.json.overall);
    expect(linked.json.overall.missing).toBeLessThan(linked.json.overall.required);
    await fs.rm(links, { recursive: true });
  });

  test('a file that vanishes while the run goes on is listed as such, the others are read', async () => {
    const { promises } = await import('node:fs');
    const open = promises.open.bind(promises);
    const spy = jest.spyOn(promises, 'open').mockImplementation(async (file, ...rest) => {
      if (String(file).endsWith('ST-SCT.xlsx'))
        throw Object.assign(new Error('ENOENT: no such file or directory'), { code: 'ENOENT' });
      return open(file as string, ...(rest as [number]));
    });
    try {
      const { code, json } = await consolidateJson(sub);
      expect(code).toBe(0);
      expect(json.intake.find((e) => e.file === 'ST-SCT.xlsx')?.reason).toBe(
        'Tệp không còn ở đó (đã bị xóa, đổi tên hoặc di chuyển trong lúc đọc).',
      );
      expect(json.agencies.find((a) => a.code === 'ST-SYT')?.status).toBe('on_time');
    } finally {
      spy.mockRestore();
    }
  });

  test('a FIFO or /dev/zero as the plan is refused at once (no hang, no growing memory)', async () => {
    const fifo = path.join(dir, 'plan-fifo.xlsx');
    execFileSync('mkfifo', [fifo]);
    const r1 = await runCli(['consolidate', fifo, sub, '--quiet']);
    expect(r1.code).toBe(1);
    expect(r1.err).toMatch(/Không đọc được tệp .*plan-fifo\.xlsx.*ống dẫn \(FIFO\)/);
    const r2 = await runCli(['check-plan', '/dev/zero']);
    expect(r2.code).toBe(1);
    expect(r2.err).toMatch(/Đây là một thiết bị, không phải tệp/);
    await fs.rm(fifo);
  });
});

describe('nothing recognised: loud warning, exit 3', () => {
  test('an empty folder and a folder with no report both end with exit 3 and the warning', async () => {
    const empty = path.join(dir, 'trong');
    await fs.mkdir(empty);
    const r = await consolidateJson(empty);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/CẢNH BÁO: Thư mục báo cáo trống/);
    await fs.writeFile(path.join(empty, 'ghi-chu.txt'), 'không phải báo cáo');
    const r2 = await consolidateJson(empty);
    expect(r2.code).toBe(3);
    expect(r2.err).toMatch(/CẢNH BÁO: Không tệp nào trong 1 tệp/);
    expect(r2.json.overall.missing).toBe(r2.json.overall.required);
    await fs.rm(empty, { recursive: true });
  });
});

describe('dates', () => {
  test('impossible dates are refused, dd/mm/yyyy is accepted and means the same day', async () => {
    for (const bad of ['2024-06-31', '2023-02-29', '31/06/2024', '15/13/2024', 'hôm qua']) {
      const r = await runCli(['consolidate', plan, sub, '--as-of', bad]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/--as-of phải là một ngày có thật, dạng dd\/mm\/yyyy hoặc yyyy-mm-dd/);
    }
    const [y, m, d] = asOf.split('-');
    const iso = await consolidateJson(sub);
    const vi = await consolidateJson(sub, '--as-of', `${d}/${m}/${y}`);
    expect(vi.json).toEqual(iso.json);
  });

  test('--period is checked before any file is read; a fixed-date plan refuses another period', async () => {
    const r = await runCli(['consolidate', path.join(dir, 'khong-co.xlsx'), sub, '--period', 'abc']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--period phải là năm của kỳ báo cáo, 4 chữ số/); // not "Không tìm thấy tệp"
    const r2 = await runCli(['consolidate', plan, sub, '--as-of', asOf, '--period', '2019', '--quiet']);
    expect(r2.code).toBe(1);
    expect(r2.err).toMatch(/có một hạn cố định .*--period 2019 không khớp/);
  });

  test('the received date is the day in Vietnam whatever the machine zone (18:30 UTC is the next day)', async () => {
    const one = path.join(dir, 'tz');
    await fs.mkdir(one);
    await fs.copyFile(path.join(sub, 'ST-SYT.xlsx'), path.join(one, 'ST-SYT.xlsx'));
    const t = new Date('2024-06-30T18:30:00Z');
    await fs.utimes(path.join(one, 'ST-SYT.xlsx'), t, t);
    const zone = process.env.TZ;
    const days: (string | null)[] = [];
    try {
      for (const tz of ['UTC', 'Asia/Ho_Chi_Minh', 'America/Los_Angeles']) {
        process.env.TZ = tz;
        days.push((await consolidateJson(one)).json.intake[0].receivedOn);
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    expect(days).toEqual(['2024-07-01', '2024-07-01', '2024-07-01']);
    await fs.rm(one, { recursive: true });
  });
});

async function writeRegister(file: string, rows: [string, string][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sổ');
  ws.addRow(['Tên tệp', 'Ngày nhận']);
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(file);
}

describe('the register Sổ tiếp nhận.xlsx', () => {
  test('ambiguous duplicates and rows naming absent files are findings; a nested register is reported', async () => {
    const reg = path.join(dir, 'reg');
    await fs.mkdir(path.join(reg, 'con'), { recursive: true });
    for (const n of ['ST-SYT.xlsx', 'ST-SCT.xlsx']) await fs.copyFile(path.join(sub, n), path.join(reg, n));
    await writeRegister(path.join(reg, 'Sổ tiếp nhận.xlsx'), [
      ['ST-SYT.xlsx', '01/07/2024'],
      ['ST-SYT.xlsx', '20/07/2024'],
      ['ST-SCT.xlsx', '02/07/2024'],
      ['ST-XXX.xlsx', '02/07/2024'],
      ['ST-SCT.xlsx', '31/06/2024'],
    ]);
    await writeRegister(path.join(reg, 'con', 'Sổ tiếp nhận.xlsx'), [['ST-SCT.xlsx', '30/12/2024']]);
    const { code, json } = await consolidateJson(reg);
    expect(code).toBe(0);
    const codes = json.findings.filter((f) => f.code.startsWith('intake.')).map((f) => [f.code, f.cell]);
    expect(codes).toEqual(
      expect.arrayContaining([
        ['intake.duplicate', 'A2'],
        ['intake.duplicate', 'A3'],
        ['intake.file_absent', 'A5'],
        ['intake.date_invalid', 'B6'],
      ]),
    );
    const syt = json.intake.find((e) => e.file === 'ST-SYT.xlsx')!;
    expect(syt.receivedFrom).toBe('file-date'); // neither of the two dates
    const sct = json.intake.find((e) => e.file === 'ST-SCT.xlsx')!;
    expect([sct.receivedOn, sct.receivedFrom]).toEqual(['2024-07-02', 'intake-log']); // the top register, not con/
    expect(json.intake.find((e) => e.file === 'con/Sổ tiếp nhận.xlsx')?.reason).toMatch(/thư mục con: không dùng/);
    await fs.rm(reg, { recursive: true });
  });
});

describe('messages', () => {
  test('<command> --help prints that command; unknown or malformed options are told in Vietnamese', async () => {
    for (const cmd of ['consolidate', 'templates', 'check-plan', 'sample', 'demo']) {
      const h = await runCli([cmd, '--help']);
      expect(h.code).toBe(0);
      expect(h.out).toContain(`tonghop ${cmd}`);
    }
    const u = await runCli(['consolidate', plan, sub, '--bogus']);
    expect([u.code, u.err]).toEqual([
      1,
      expect.stringMatching(
        /Tùy chọn không có: "--bogus". Lệnh "consolidate" nhận: .*Xem "tonghop consolidate --help"/,
      ),
    ]);
    const v = await runCli(['consolidate', plan, sub, '--as-of']);
    expect(v.err).toMatch(/Tùy chọn --as-of cần một giá trị đi sau/);
    const q = await runCli(['consolidate', plan, sub, '--quiet=yes']);
    expect(q.err).toMatch(/Tùy chọn --quiet không nhận giá trị/);
    for (const r of [u, v, q]) expect(r.err).not.toMatch(/Unknown option|argument|ERR_/);
  });

  test('report, remind, extract-plan: their help, Vietnamese option errors, dd/mm/yyyy dates, no deadline already past', async () => {
    for (const cmd of ['report', 'remind', 'extract-plan']) {
      const h = await runCli([cmd, '--help']);
      expect([h.code, h.out]).toEqual([0, expect.stringContaining(`tonghop ${cmd}`)]);
      const u = await runCli([cmd, 'a', 'b', '--bogus']);
      expect([u.code, u.err]).toEqual([
        1,
        expect.stringMatching(new RegExp(`^Lỗi: Tùy chọn không có: "--bogus"\\. Lệnh "${cmd}" nhận: .*--help`)),
      ]);
    }
    const past = await runCli([
      'remind',
      plan,
      sub,
      '-o',
      path.join(dir, 'dd.docx'),
      '--as-of',
      '15/07/2024',
      '--new-deadline',
      '10/07/2024',
    ]);
    expect(past.code).toBe(1);
    expect(past.err).toMatch(/--new-deadline \(10\/07\/2024\) phải sau ngày tổng hợp --as-of \(15\/07\/2024\)/);
    const bad = await runCli(['report', plan, sub, '-o', path.join(dir, 'bc.xlsx'), '--date', '31/06/2024']);
    expect([bad.code, bad.err]).toEqual([1, expect.stringMatching(/^Lỗi: --date phải là một ngày có thật/)]);
    expect(tempFilesUnder(dir)).toEqual([]);
  });

  test('names from files and arguments are printed with control characters escaped', async () => {
    const r = await runCli(['consolidate', plan, `${dir}/\u001b[2Jx`, '--as-of', asOf]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('\\u{1b}[2Jx');
    expect(r.err).not.toContain('\u001b');
  });
});

describe('check-plan on an extract-plan draft', () => {
  test('placeholders refuse the plan (exit 1) and the open "Cần kiểm tra" items are listed', async () => {
    const doc = path.join(dir, 'ke-hoach.txt');
    await fs.writeFile(doc, 'KẾ HOẠCH\nThực hiện công tác bảo vệ môi trường năm 2024\n');
    const draft = path.join(dir, 'nhap.xlsx');
    const x = await runCli(['extract-plan', doc, '-o', draft]);
    expect(x.code).toBe(0);
    const r = await runCli(['check-plan', draft]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Sổ kế hoạch còn là bản nháp, chưa dùng được/);
    expect(r.err).toMatch(/Số kế hoạch còn ghi tạm "Chưa có số"/);
    expect(r.err).toMatch(/Còn \d+ mục "Cần kiểm tra"/);
    expect(r.out).not.toMatch(/hợp lệ/);
    // the sample plan is no draft
    const ok = await runCli(['check-plan', plan]);
    expect([ok.code, ok.out]).toEqual([0, expect.stringMatching(/^Sổ kế hoạch hợp lệ/)]);
    expect(tempFilesUnder(dir)).toEqual([]);
  });
});
