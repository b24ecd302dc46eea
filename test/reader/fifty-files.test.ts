/**
 * A folder of 50 files where 10 are broken in ten different ways (plus an Office lock file): the run completes,
 * lists the 10 with their reasons and consolidates the other 40. The broken files are made by other software
 * (test/fixtures/broken and test/fixtures/messy, see scripts/fixtures/); the 40 good ones are templates filled in here.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  type Agency,
  type Consolidation,
  type Plan,
  buildTemplateWorkbook,
  planSchema,
  readPlan,
  readWorkbookGrid,
  workbookBytes,
} from '../../src/core';
import { setFileDate } from '../../src/cli/files/inputs';
import { runConsolidation } from '../../src/cli/commands/pipeline';

const MESSY = path.join(__dirname, '..', 'fixtures', 'messy');
const BROKEN = path.join(__dirname, '..', 'fixtures', 'broken');

/** broken file → the reason a clerk must see (one kind each). */
const BROKEN_FILES: Record<string, RegExp> = {
  'Bao cao STTTT.xlsx': /PDF/, // from messy
  'Book1.xlsx': /Bảng tính trống/,
  'LS-STTTT.xlsx': /đặt mật khẩu/,
  'Ke hoach khac - Hoi Phu nu.xlsx': /kế hoạch khác/,
  'LS-DTN.xlsx': /kỳ 2023/,
  'UBND huyen Van Lang.xlsx': /không có trong danh sách/,
  'LS-HL - Chi Lang.xlsx': /hai đơn vị cùng nhận một mã/,
  'LS-SYT cat do.xlsx': /hỏng|không đầy đủ|không đọc được/i, // from broken: truncated
  'Anh hien truong.xlsx': /không phải bảng tính/, // from broken: a zip of photos
  'Qua lon.xlsx': /20 MB|dung lượng|giới hạn/i, // made below: over the size limit
};

let dir: string;
let c: Consolidation;
let plan: Plan;
const good: { agency: Agency; people: number }[] = [];

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tonghop-fifty-'));
  // the messy plan with 31 more communes: 45 agencies
  const res = readPlan(
    await readWorkbookGrid(new Uint8Array(await fs.readFile(path.join(MESSY, 'plan.xlsx')))),
    'plan.xlsx',
  );
  if (!res.ok) throw new Error('plan');
  const extra = Array.from({ length: 31 }, (_, i) => ({
    code: `LS-X${String(i + 1).padStart(2, '0')}`,
    name: `UBND xã Thử Nghiệm ${i + 1}`,
    kind: 'locality' as const,
    area: 'Huyện Cao Lộc',
  }));
  plan = planSchema.parse({ ...res.plan, agencies: [...res.plan.agencies, ...extra] });
  const planPath = path.join(dir, 'plan.xlsx');
  const { writePlanWorkbook } = await import('../../src/core');
  await fs.writeFile(planPath, await writePlanWorkbook(plan));
  const subs = path.join(dir, 'submissions');
  await fs.mkdir(subs);
  // 40 good files from agencies that none of the broken files names (not LS-HL, LS-DTN, LS-HPN, LS-STTTT)
  const skip = new Set(['LS-HL', 'LS-DTN', 'LS-HPN', 'LS-STTTT', 'LS-CG']);
  for (const agency of plan.agencies.filter((a) => !skip.has(a.code)).slice(0, 40)) {
    const { workbook, layout } = buildTemplateWorkbook(plan, agency);
    const ws = workbook.getWorksheet('Báo cáo')!;
    const people = 10 + good.length;
    for (const code of Object.keys(layout.rowOfTask))
      ws.getCell(layout.rowOfTask[code], layout.col.status).value = 'Đã hoàn thành';
    ws.getCell(layout.rowOfTask['2'], layout.col.indicators.NGUOI).value = people;
    const file = path.join(subs, `${agency.code}.xlsx`);
    await fs.writeFile(file, await workbookBytes(workbook));
    await setFileDate(file, '2024-07-09');
    good.push({ agency, people });
  }
  for (const name of Object.keys(BROKEN_FILES)) {
    const target = path.join(subs, name);
    if (name === 'Qua lon.xlsx') {
      const big = new Uint8Array(21 * 1024 * 1024);
      big.set([0x50, 0x4b, 0x03, 0x04]);
      await fs.writeFile(target, big);
    } else {
      const from = (await fs.stat(path.join(BROKEN, name)).catch(() => null))
        ? path.join(BROKEN, name)
        : path.join(MESSY, 'submissions', name);
      await fs.copyFile(from, target);
    }
    await setFileDate(target, '2024-07-09');
  }
  await fs.copyFile(path.join(BROKEN, '~$LS-SYT cat do.xlsx'), path.join(subs, '~$LS-SYT cat do.xlsx'));
  expect((await fs.readdir(subs)).length).toBe(51);
  c = (await runConsolidation(planPath, subs, { asOf: '2024-07-15', workers: 1 })).consolidation;
}, 180_000);

afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

test('the run completes with all 50 files in the intake log; the lock file is ignored', () => {
  expect(c.intake).toHaveLength(50);
  expect(c.intake.some((e) => e.file.startsWith('~$'))).toBe(false);
});

test('the 10 broken files are rejected, each with its own reason in Vietnamese', () => {
  const rejected = c.intake.filter((e) => e.verdict === 'rejected');
  expect(rejected.map((e) => e.file).sort()).toEqual(Object.keys(BROKEN_FILES).sort());
  if (process.env.SHOW_REASONS) console.log(rejected.map((e) => `${e.file}: ${e.reason}`).join('\n'));
  for (const e of rejected) expect([e.file, e.reason]).toEqual([e.file, expect.stringMatching(BROKEN_FILES[e.file])]);
  // and each of them is a finding the clerk sees in the findings list too
  for (const name of Object.keys(BROKEN_FILES))
    expect(c.findings.some((f) => f.file === name && f.severity === 'error')).toBe(true);
});

test('the other 40 are consolidated: every value counted once', () => {
  const accepted = c.intake.filter((e) => e.verdict === 'accepted');
  expect(accepted).toHaveLength(40);
  // 10 + 11 + … + 49 = 40 × (10 + 49) / 2 = 1180
  expect(c.tasks.find((t) => t.code === '2')!.indicators.NGUOI).toBe(1180);
  expect(c.tasks.find((t) => t.code === '1')!.statusCounts.done).toBe(40);
});
