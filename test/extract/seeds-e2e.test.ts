/**
 * The four real plans end to end, as a clerk takes them: `extract-plan` drafts the plan workbook; the clerk
 * resolves what it flagged, in the workbook, with openpyxl (scripts/fixtures/clerk_resolve.py: the blank number
 * and date filled, an implausible date corrected, each group of agencies replaced by the agencies it stands for,
 * the notes cleared); `check-plan` accepts it; `templates` makes one template per agency; the agencies fill them
 * with openpyxl (scripts/fixtures/clerk_fill.py), one sends nothing; `consolidate` counts them.
 * The counts below are written by hand: the agencies the plan names (test/extract/expected), minus the groups,
 * plus the agencies the clerk put in their place. Needs /usr/bin/python3 with openpyxl (fails loudly without).
 */
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';
import { SEEDS_DIR } from './helpers';

const SCRIPTS = path.join(__dirname, '..', '..', 'scripts', 'fixtures');
const D = 'Sở, ban, ngành';
const L = 'Địa phương';
const O = 'Tổ chức';

interface Case {
  seed: string;
  plan: Record<string, string>;
  groups: Record<string, [string, string, string][]>;
  silent: string;
  number: string;
  agencies: number;
  tasks: number;
}

const CASES: Case[] = [
  {
    seed: 'soc-trang-ngay-da-dang-sinh-hoc-2024',
    plan: {},
    groups: {
      'UBND các huyện, thị xã, thành phố': [
        ['ST-KS', 'UBND huyện Kế Sách', L],
        ['ST-VC', 'UBND thị xã Vĩnh Châu', L],
      ],
    },
    silent: 'ST-VC',
    number: '1350/STNMT-MT',
    agencies: 27 + 2,
    tasks: 9,
  },
  {
    seed: 'ha-tinh-trien-khai-ke-hoach-588-da-dang-sinh-hoc',
    plan: { 'Số hiệu': '3050/STNMT-MT', 'Ngày ban hành': '2024-08-05' },
    groups: {
      'Các tổ chức chính trị - xã hội': [
        ['HT-TD', 'Tỉnh đoàn Hà Tĩnh', O],
        ['HT-HND', 'Hội Nông dân tỉnh', O],
      ],
      'Các sở, ban, ngành': [
        ['HT-SNN', 'Sở Nông nghiệp và Phát triển nông thôn', D],
        ['HT-STC', 'Sở Tài chính', D],
      ],
      'UBND các huyện': [
        ['HT-HK', 'UBND huyện Hương Khê', L],
        ['HT-TPHT', 'UBND thành phố Hà Tĩnh', L],
      ],
      'Các Ban Quản lý rừng phòng hộ': [['HT-SN', 'Ban Quản lý rừng phòng hộ Sông Ngàn', D]],
    },
    silent: 'HT-SN',
    number: '3050/STNMT-MT',
    agencies: 3 + 7,
    tasks: 2,
  },
  {
    seed: 'lang-son-thang-hanh-dong-moi-truong-2024',
    plan: { 'Số hiệu': '1470/KH-STNMT', 'Ngày ban hành': '2024-05-27', 'Hạn báo cáo cấp trên': '2024-07-31' },
    groups: {
      'Các Sở, ban, ngành': [
        ['LS-SVH', 'Sở Văn hóa, Thể thao và Du lịch', D],
        ['LS-SXD', 'Sở Xây dựng', D],
      ],
      'Các tổ chức chính trị': [['LS-TD', 'Tỉnh đoàn Lạng Sơn', O]],
      'Các cơ quan đơn vị liên quan': [['LS-DPT', 'Đài Phát thanh và Truyền hình tỉnh', D]],
      'Ủy ban nhân dân các huyện': [
        ['LS-TPLS', 'UBND thành phố Lạng Sơn', L],
        ['LS-CL', 'UBND huyện Cao Lộc', L],
      ],
    },
    silent: 'LS-CL',
    number: '1470/KH-STNMT',
    agencies: 1 + 6,
    tasks: 21,
  },
  {
    seed: 'bac-kan-van-phong-moi-truong-2024',
    plan: { 'Số hiệu': '57/KH-VP', 'Ngày ban hành': '2024-05-20' },
    groups: {
      'Các Phòng, ban, đơn vị trực thuộc': [
        ['BK-PTH', 'Phòng Tổng hợp', D],
        ['BK-PKT', 'Phòng Kinh tế', D],
        ['BK-TTTT', 'Trung tâm Thông tin', D],
      ],
    },
    silent: 'BK-TTTT',
    number: '57/KH-VP',
    agencies: 1 + 3,
    tasks: 5,
  },
];

function python(script: string, args: string[]): void {
  execFileSync('/usr/bin/python3', [path.join(SCRIPTS, script), ...args], { stdio: 'pipe' });
}

describe.each(CASES)('$seed: extract-plan → clerk → check-plan → templates → openpyxl → consolidate', (c) => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tonghop-e2e-'));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  test('every step succeeds and the consolidation counts what was sent', async () => {
    const plan = path.join(dir, 'plan.xlsx');
    const drafted = await runCli(['extract-plan', path.join(SEEDS_DIR, `${c.seed}.txt`), '-o', plan]);
    expect(drafted.code).toBe(0);
    expect(drafted.out).toContain('Cần kiểm tra');
    await fs.writeFile(path.join(dir, 'res.json'), JSON.stringify({ plan: c.plan, groups: c.groups }));
    python('clerk_resolve.py', [plan, path.join(dir, 'res.json')]);

    const checked = await runCli(['check-plan', plan]);
    expect(checked.err).toBe('');
    expect(checked.code).toBe(0);
    expect(checked.out).toContain(`Kế hoạch số ${c.number}, ${c.tasks} nhiệm vụ, 0 chỉ tiêu, ${c.agencies} đơn vị`);

    const templates = path.join(dir, 'mau');
    expect((await runCli(['templates', plan, templates])).code).toBe(0);
    expect((await fs.readdir(templates)).filter((f) => f.endsWith('.xlsx'))).toHaveLength(c.agencies);
    const sent = path.join(dir, 'nop');
    python('clerk_fill.py', [templates, sent, c.silent]);

    const json = path.join(dir, 'tong-hop.json');
    const out = ['-o', path.join(dir, 'tong-hop.xlsx'), '--json', json, '--as-of', '2024-07-01'];
    const consolidated = await runCli(['consolidate', plan, sent, ...out]);
    expect(consolidated.code).toBe(0);
    const result = JSON.parse(await fs.readFile(json, 'utf8'));
    expect(result.overall).toMatchObject({ required: c.agencies, onTime: c.agencies - 1, late: 0, missing: 1 });
    expect(result.agencies.find((a: { code: string }) => a.code === c.silent).status).toBe('missing');
    expect(result.tasks).toHaveLength(c.tasks);
    // every agency reports on every task (the plan assigns none in particular): all done but the silent one's
    const done = { done: c.agencies - 1, inProgress: 0, notStarted: 0, notApplicable: 0, noAnswer: 1 };
    for (const t of result.tasks) expect([t.code, t.statusCounts]).toEqual([t.code, done]);
  }, 120_000);
});
