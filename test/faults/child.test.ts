/**
 * Faults on a real child process: Ctrl-C (SIGINT) and kill (SIGTERM) during a LibreOffice conversion, disk
 * full on a small tmpfs, no permission to write, unreadable files and folders. Each leaves the inputs' SHA-256 and the
 * previous outputs as they were, no temp file or folder (TMPDIR is a private folder looked into afterwards), and ends
 * with the documented exit code and a Vietnamese message. Needs LibreOffice (soffice) for the conversion cases.
 */
import { execFileSync } from 'node:child_process';
import { promises as fs, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { findSoffice } from '../../src/cli/tools/libreoffice';
import { buildSample } from '../../src/sample/sample';
import { runCli } from '../helpers/cli';
import { ROOT, compiledCli, makeTempDir, runChild, snapshot, tempFilesUnder } from './helpers';

const FOREIGN = path.join(ROOT, 'test', 'fixtures', 'foreign');
const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

let main: string;
let dir: string;
let sub: string;
let plan: string;
let asOf: string;

beforeAll(async () => {
  main = compiledCli();
  dir = await makeTempDir('tonghop-faults-child-');
  await fs.chmod(dir, 0o755);
  asOf = (await buildSample('soc-trang')).asOf;
  expect((await runCli(['sample', dir])).code).toBe(0);
  sub = path.join(dir, 'submissions');
  plan = path.join(dir, 'plan.xlsx');
}, 300_000);
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

/** Previous outputs a run must leave intact when it fails. */
async function previousOutputs(folder: string) {
  await fs.mkdir(folder, { recursive: true });
  await fs.writeFile(path.join(folder, 'tong-hop.xlsx'), 'kết quả lần trước (xlsx)');
  await fs.writeFile(path.join(folder, 'tong-hop.json'), '{"lần": "trước"}\n');
  return snapshot(folder);
}

describe('interrupted during a LibreOffice conversion', () => {
  beforeAll(() => {
    if (!findSoffice())
      throw new Error('LibreOffice (soffice) is needed for these tests: apt-get install libreoffice-calc-nogui');
  });

  for (const [signal, code, said] of [
    ['SIGINT', 130, 'Ctrl-C'],
    ['SIGTERM', 143, 'tín hiệu SIGTERM'],
  ] as const) {
    test(`${signal}: exit ${code}, no /tmp/tonghop-convert-* left, previous outputs and inputs intact`, async () => {
      const folder = path.join(dir, `conv-${signal}`);
      await fs.cp(sub, folder, { recursive: true, preserveTimestamps: true });
      await fs.copyFile(path.join(FOREIGN, 'ST-SYT.xls'), path.join(folder, 'ST-SYT.xls'));
      await fs.copyFile(path.join(FOREIGN, 'ST-SXD.ods'), path.join(folder, 'ST-SXD.ods'));
      const tmp = await makeTempDir('tonghop-faults-tmpdir-');
      const outDir = path.join(dir, `out-${signal}`);
      const before = await previousOutputs(outDir);
      const inputs = snapshot(folder);
      const planBefore = snapshot(path.dirname(plan))['plan.xlsx'];
      const res = await runChild(
        main,
        [
          'consolidate',
          plan,
          folder,
          '--as-of',
          asOf,
          '--workers',
          '1',
          '--quiet',
          '-o',
          path.join(outDir, 'tong-hop.xlsx'),
          '--json',
          path.join(outDir, 'tong-hop.json'),
        ],
        {
          env: { TMPDIR: tmp },
          signal,
          until: () => readdirSync(tmp).some((n) => n.startsWith('tonghop-convert-')),
        },
      );
      expect(res.signalled).toBe(true);
      expect(res.code).toBe(code);
      expect(res.err).toContain(`Đã dừng theo yêu cầu (${said}): các tệp kết quả cũ giữ nguyên, tệp tạm đã xóa.`);
      await new Promise((r) => setTimeout(r, 500)); // LibreOffice's process group was killed: nothing comes back
      expect(readdirSync(tmp)).toEqual([]);
      expect(snapshot(outDir)).toEqual(before);
      expect(snapshot(folder)).toEqual(inputs);
      expect(snapshot(path.dirname(plan))['plan.xlsx']).toBe(planBefore);
      expect(tempFilesUnder(dir)).toEqual([]);
      await fs.rm(tmp, { recursive: true });
      await fs.rm(folder, { recursive: true });
    }, 180_000);
  }
});

describe('disk full while writing (a 256 KB tmpfs)', () => {
  const mnt = path.join('/tmp', `tonghop-faults-tmpfs-${process.pid}`);
  let mounted = false;
  beforeAll(async () => {
    if (!isRoot) return;
    await fs.mkdir(mnt, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mnt]);
    mounted = true;
  });
  afterAll(async () => {
    if (mounted) execFileSync('umount', [mnt]);
    await fs.rm(mnt, { recursive: true, force: true });
  });

  (isRoot ? test : test.skip)(
    'ENOSPC: exit 4, "Ổ đĩa đầy", previous summary and JSON intact, no temp file',
    async () => {
      const before = await previousOutputs(mnt);
      // leave about 16 KB: the summary (about 60 KB) cannot be written
      const free = () => {
        const out = execFileSync('df', ['-B1', '--output=avail', mnt]).toString().trim().split('\n').pop()!;
        return Number(out);
      };
      await fs.writeFile(path.join(mnt, 'filler'), Buffer.alloc(Math.max(0, free() - 16 * 1024)));
      const inputs = snapshot(dir);
      const res = await runChild(main, [
        'consolidate',
        plan,
        sub,
        '--as-of',
        asOf,
        '--quiet',
        '--workers',
        '1',
        '-o',
        path.join(mnt, 'tong-hop.xlsx'),
        '--json',
        path.join(mnt, 'tong-hop.json'),
      ]);
      expect(res.code).toBe(4);
      expect(res.err).toMatch(
        /Lỗi: Ổ đĩa đầy: không ghi được ".*tong-hop\.(xlsx|json)". Tệp cũ \(nếu có\) vẫn nguyên, tệp tạm đã xóa\./,
      );
      expect(res.err).not.toMatch(/ENOSPC|at .*\.js:\d+/);
      const after = snapshot(mnt);
      delete after.filler;
      expect(after).toEqual(before);
      expect(tempFilesUnder(mnt)).toEqual([]);
      expect(snapshot(dir)).toEqual(inputs);
    },
    120_000,
  );
});

describe('permissions (as another user when run as root)', () => {
  test('no permission to write the output folder: exit 4, previous outputs intact', async () => {
    const outDir = path.join(dir, 'locked-out');
    const before = await previousOutputs(outDir);
    await fs.chmod(outDir, 0o555);
    const inputs = snapshot(sub);
    try {
      const res = await runChild(
        main,
        [
          'consolidate',
          plan,
          sub,
          '--as-of',
          asOf,
          '--quiet',
          '--workers',
          '1',
          '-o',
          path.join(outDir, 'tong-hop.xlsx'),
        ],
        isRoot ? { uid: NOBODY } : {},
      );
      expect(res.code).toBe(4);
      expect(res.err).toMatch(/Lỗi: Không có quyền ghi ".*tong-hop\.xlsx"\. Tệp cũ \(nếu có\) vẫn nguyên/);
    } finally {
      await fs.chmod(outDir, 0o755);
    }
    expect(snapshot(outDir)).toEqual(before);
    expect(tempFilesUnder(outDir)).toEqual([]);
    expect(snapshot(sub)).toEqual(inputs);
  }, 120_000);

  test('an unreadable file and an unreadable sub-folder are listed with a reason; the run goes on', async () => {
    const folder = path.join(dir, 'perm');
    await fs.cp(sub, folder, { recursive: true, preserveTimestamps: true });
    await fs.mkdir(path.join(folder, 'khoa'));
    await fs.copyFile(path.join(sub, 'ST-SCT.xlsx'), path.join(folder, 'khoa', 'ST-SCT.xlsx'));
    await fs.chmod(path.join(folder, 'khoa'), 0o000);
    await fs.chmod(path.join(folder, 'ST-SYT.xlsx'), 0o000);
    const pub = path.join(dir, 'pub');
    await fs.mkdir(pub);
    await fs.chmod(pub, 0o777); // the other user writes the JSON here
    const json = path.join(pub, 'perm.json');
    try {
      const res = await runChild(
        main,
        ['consolidate', plan, folder, '--as-of', asOf, '--quiet', '--workers', '1', '--json', json],
        isRoot ? { uid: NOBODY } : {},
      );
      expect(res.err).toBe('');
      expect(res.code).toBe(0);
      const j = JSON.parse(await fs.readFile(json, 'utf8')) as { intake: { file: string; reason: string }[] };
      const reason = (f: string) => j.intake.find((e) => e.file === f)?.reason;
      expect(reason('ST-SYT.xlsx')).toMatch(/^Không có quyền đọc tệp: cấp quyền đọc/);
      expect(reason('khoa/')).toMatch(/^Không có quyền mở thư mục con/);
    } finally {
      await fs.chmod(path.join(folder, 'khoa'), 0o755);
      await fs.chmod(path.join(folder, 'ST-SYT.xlsx'), 0o644);
    }
    await fs.rm(folder, { recursive: true });
  }, 120_000);
});
