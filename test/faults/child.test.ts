/**
 * Faults on a real child process: Ctrl-C (SIGINT) and kill (SIGTERM) during a LibreOffice conversion, disk
 * full on a small tmpfs, no permission to write, unreadable files and folders. Each leaves the inputs' SHA-256 and the
 * previous outputs as they were, no temp file or folder (TMPDIR is a private folder looked into afterwards), and ends
 * with the documented exit code and a Vietnamese message. Needs LibreOffice (soffice) for the conversion cases.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, promises as fs, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { findSoffice } from '../../src/cli/tools/libreoffice';
import { buildSample } from '../../src/sample/sample';
import { runCli } from '../helpers/cli';
import { ROOT, compiledCli, consolidateArgs, makeTempDir, runChild, snapshot, tempFilesUnder } from './helpers';

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

/** consolidate of `folder` (the sample's by default) into `outDir`/tong-hop.xlsx and .json, one reading thread. */
const consolidateTo = (outDir: string, extra: string[] = [], folder = sub) =>
  consolidateArgs(
    plan,
    folder,
    asOf,
    '-o',
    path.join(outDir, 'tong-hop.xlsx'),
    '--json',
    path.join(outDir, 'tong-hop.json'),
    ...extra,
  );

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
    test(`${signal}: exit ${code}, no temporary folder left (LibreOffice's profile in it), previous outputs and inputs intact`, async () => {
      const folder = path.join(dir, `conv-${signal}`);
      await fs.cp(sub, folder, { recursive: true, preserveTimestamps: true });
      await fs.copyFile(path.join(FOREIGN, 'ST-SYT.xls'), path.join(folder, 'ST-SYT.xls'));
      await fs.copyFile(path.join(FOREIGN, 'ST-SXD.ods'), path.join(folder, 'ST-SXD.ods'));
      const tmp = await makeTempDir('tonghop-faults-tmpdir-');
      const outDir = path.join(dir, `out-${signal}`);
      const before = await previousOutputs(outDir);
      const inputs = snapshot(folder);
      const planBefore = snapshot(path.dirname(plan))['plan.xlsx'];
      const res = await runChild(main, consolidateTo(outDir, [], folder), {
        env: { TMPDIR: tmp },
        signal,
        until: () => converting(tmp),
      });
      expect(res.signalled).toBe(true);
      expect(res.code).toBe(code);
      expect(res.err).toContain(`Đã dừng theo yêu cầu (${said}): các tệp kết quả cũ giữ nguyên, tệp tạm đã xóa.`);
      expect(readdirSync(tmp)).toEqual([]); // at once: the profile went with the run's folder
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

/**
 * Disk full for real, without root: `unshare -r -m` gives the run its own user and mount namespaces, where a 256 KB
 * tmpfs is mounted (test/faults/disk-full.run.js). Run as root, the namespace is made as nobody, so this is the path
 * every machine takes. Skipped, saying why, only where the kernel refuses unprivileged user namespaces.
 */
describe('disk full while writing (a 256 KB tmpfs in a private mount namespace)', () => {
  const RUNNER = path.join(__dirname, 'disk-full.run.js');
  const asUser = isRoot ? { uid: NOBODY, gid: NOBODY } : {};
  const probe = spawnSync('unshare', ['-r', '-m', 'true'], asUser);
  const canUnshare = probe.status === 0;
  if (!canUnshare)
    console.warn(`disk-full test skipped: unshare -r -m refused (${String(probe.stderr ?? probe.error ?? '')})`);

  (canUnshare ? test : test.skip)(
    'ENOSPC: exit 4, "Ổ đĩa đầy", previous summary and JSON intact, no temp file',
    async () => {
      const mnt = await makeTempDir('tonghop-faults-tmpfs-');
      if (isRoot) await fs.chown(mnt, NOBODY, NOBODY);
      const inputs = snapshot(dir);
      const run = spawnSync('unshare', ['-r', '-m', process.execPath, RUNNER, mnt, main, ...consolidateTo(mnt)], {
        ...asUser,
        encoding: 'utf8',
      });
      expect(run.stderr).toBe('');
      const res = JSON.parse(run.stdout) as {
        freeBefore: number;
        before: Record<string, string>;
        after: Record<string, string>;
        code: number;
        err: string;
        mountedHere: boolean;
      };
      expect(res.mountedHere).toBe(true);
      expect(res.freeBefore).toBeLessThan(40 * 1024);
      expect(res.code).toBe(4);
      expect(res.err).toMatch(
        /Lỗi: Ổ đĩa đầy: không ghi được ".*tong-hop\.(xlsx|json)". Tệp cũ \(nếu có\) vẫn nguyên, tệp tạm đã xóa\./,
      );
      expect(res.err).not.toMatch(/ENOSPC|at .*\.js:\d+/);
      expect(res.after).toEqual(res.before);
      expect(snapshot(dir)).toEqual(inputs);
      // the tmpfs ended with its namespace: the folder outside is as it was made
      expect(readdirSync(mnt)).toEqual([]);
      await fs.rm(mnt, { recursive: true });
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
        consolidateArgs(plan, sub, asOf, '-o', path.join(outDir, 'tong-hop.xlsx')),
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

/** A script a child loads first (NODE_OPTIONS=--require): `body` runs inside the child before tonghop does. */
async function preload(name: string, body: string): Promise<string> {
  const file = path.join(dir, `${name}.js`);
  await fs.writeFile(file, `'use strict';\nconst fs = require('fs');\n${body}\n`);
  return file;
}

/** Patches, in the child, every way an output's temp file can be renamed over it (sync or not). */
const onRename = (action: string) => `
let renames = 0;
const act = (from) => { if (/\\.th-/.test(String(from))) { renames++; ${action} } };
const sync = fs.renameSync;
fs.renameSync = function (from, to) { act(from); return sync.apply(this, arguments); };
const promised = fs.promises.rename;
fs.promises.rename = async function (from, to) { act(from); await (global.__pause || Promise.resolve()); return promised.apply(this, arguments); };`;

/** The JSON of a run names its summary's SHA-256: true when the two files on disk are one run's pair. */
async function onePair(outDir: string): Promise<boolean> {
  const json = JSON.parse(await fs.readFile(path.join(outDir, 'tong-hop.json'), 'utf8')) as {
    summaryFile: { sha256: string };
  };
  return json.summaryFile.sha256 === snapshot(outDir)['tong-hop.xlsx'];
}

describe('interrupts and kills at other moments', () => {
  test('SIGINT at start-up, while the program loads: exit 130 with the Vietnamese line', async () => {
    // the real entry, bin/tonghop.js, run against the compiled tree
    const root = await makeTempDir('tonghop-faults-bin-');
    await fs.mkdir(path.join(root, 'bin'));
    await fs.copyFile(path.join(ROOT, 'bin', 'tonghop.js'), path.join(root, 'bin', 'tonghop.js'));
    await fs.mkdir(path.join(root, 'build'));
    await fs.symlink(path.dirname(path.dirname(main)) + '/cli', path.join(root, 'build', 'cli'));
    // the moment: the engine's libraries loading (ExcelJS), held there half a second for the signal to arrive
    const mark = path.join(root, 'loading');
    const hold = await preload(
      'hold-while-loading',
      `const Module = require('module');
const load = Module._load;
let held = false;
Module._load = function (request) {
  if (!held && request === 'exceljs') {
    held = true;
    fs.writeFileSync(${JSON.stringify(mark)}, '');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
  }
  return load.apply(this, arguments);
};`,
    );
    const child = spawn(process.execPath, [path.join(root, 'bin', 'tonghop.js'), 'check-plan', plan], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: `--require ${hold}` },
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const started = Date.now();
    while (!existsSync(mark) && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGINT');
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((r) =>
      child.on('close', (c, s) => r([c, s])),
    );
    expect([code, signal]).toEqual([130, null]);
    expect(err).toContain('Đã dừng theo yêu cầu (Ctrl-C)');
    await fs.rm(root, { recursive: true });
  }, 60_000);

  test('SIGINT between the renames of the summary and the JSON: both new, and the message says so', async () => {
    const outDir = path.join(dir, 'between');
    await previousOutputs(outDir);
    const sigint = await preload(
      'sigint-on-rename',
      onRename(`if (renames === 1) process.kill(process.pid, 'SIGINT');`),
    );
    const res = await runChild(main, consolidateTo(outDir), { env: { NODE_OPTIONS: `--require ${sigint}` } });
    expect(res.code).toBe(130);
    // whatever the moment, the summary and the JSON on disk are one run's pair, and the message tells which
    expect(await onePair(outDir)).toBe(true);
    expect(res.err).toContain('sau khi kết quả mới đã ghi đủ');
    expect(res.err).not.toContain('các tệp kết quả cũ giữ nguyên');
    expect(tempFilesUnder(outDir)).toEqual([]);
  }, 120_000);

  test('SIGKILL just before the renames: the next run removes the temp files it left and writes its pair', async () => {
    const outDir = path.join(dir, 'killed');
    const before = await previousOutputs(outDir);
    const kill = await preload('sigkill-on-rename', onRename(`process.kill(process.pid, 'SIGKILL');`));
    const killed = await runChild(main, consolidateTo(outDir), { env: { NODE_OPTIONS: `--require ${kill}` } });
    expect(killed.signal).toBe('SIGKILL');
    expect(snapshot(outDir)).toEqual({ ...before, ...pick(snapshot(outDir), /^\.th-/) }); // old outputs intact
    expect(readdirSync(outDir).filter((n) => /^\.th-.*\.tmp$/.test(n)).length).toBeGreaterThan(0);
    // its locks stay until they are stale (10 s without a touch): aged here instead of waiting
    const aMinuteAgo = new Date(Date.now() - 60_000);
    for (const n of readdirSync(outDir).filter((x) => x.endsWith('.lock')))
      await fs.utimes(path.join(outDir, n), aMinuteAgo, aMinuteAgo);
    const next = await runChild(main, consolidateTo(outDir));
    expect(next.code).toBe(0);
    expect(tempFilesUnder(outDir)).toEqual([]); // the temp files and the stale lock are gone
    expect(await onePair(outDir)).toBe(true);
  }, 120_000);

  test('two runs at once on the same outputs: the second waits for the first, the pair on disk is one run', async () => {
    const outDir = path.join(dir, 'twice');
    await fs.mkdir(outDir, { recursive: true });
    // the first run pauses 3 s between its two renames (the window where the other run could write)
    const slow = await preload(
      'pause-between-renames',
      onRename(
        `if (renames === 2) { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 3000); global.__pause = new Promise((r) => setTimeout(r, 3000)); }`,
      ),
    );
    const first = runChild(main, consolidateTo(outDir), { env: { NODE_OPTIONS: `--require ${slow}` } });
    const started = Date.now();
    while (!existsSync(path.join(outDir, 'tong-hop.xlsx')) && Date.now() - started < 60_000)
      await new Promise((r) => setTimeout(r, 20));
    // the second: another day, so its pair differs from the first's
    const second = await runChild(main, consolidateTo(outDir, ['--as-of', '31/12/2024']));
    const firstRun = await first;
    expect([firstRun.code, second.code]).toEqual([0, 0]);
    expect(second.err).toMatch(/Đang chờ một lần chạy tonghop khác ghi xong/);
    expect(await onePair(outDir)).toBe(true);
    const json = JSON.parse(await fs.readFile(path.join(outDir, 'tong-hop.json'), 'utf8')) as { asOf: string };
    expect(json.asOf).toBe('2024-12-31'); // the second run's, written after the first had finished
    expect(tempFilesUnder(outDir)).toEqual([]);
  }, 180_000);

  test('SIGKILL during a LibreOffice conversion: the next run removes the temporary folder it left', async () => {
    if (!findSoffice()) throw new Error('LibreOffice (soffice) is needed for this test');
    const folder = path.join(dir, 'conv-kill');
    await fs.cp(sub, folder, { recursive: true, preserveTimestamps: true });
    await fs.copyFile(path.join(FOREIGN, 'ST-SYT.xls'), path.join(folder, 'ST-SYT.xls'));
    const tmp = await makeTempDir('tonghop-faults-tmpdir-');
    const killed = await runChild(main, ['consolidate', plan, folder, '--as-of', asOf, '--quiet', '--workers', '1'], {
      env: { TMPDIR: tmp },
      signal: 'SIGKILL',
      until: () => converting(tmp),
    });
    expect(killed.signal).toBe('SIGKILL');
    await new Promise((r) => setTimeout(r, 1000)); // LibreOffice, left alone, may still run a moment
    expect(readdirSync(tmp).length).toBeGreaterThan(0); // what a killed run leaves
    const next = await runChild(main, ['check-plan', plan], { env: { TMPDIR: tmp } });
    expect(next.code).toBe(0);
    expect(readdirSync(tmp)).toEqual([]);
    await fs.rm(tmp, { recursive: true });
    await fs.rm(folder, { recursive: true });
  }, 180_000);
});

/** Whether a run is converting with LibreOffice: a file waits in its temporary folder (this version or an older). */
function converting(tmp: string): boolean {
  const under = (p: string): string[] => {
    try {
      return readdirSync(p).map((n) => path.join(p, n));
    } catch {
      return [];
    }
  };
  return readdirSync(tmp).some((n) =>
    n.startsWith('tonghop-convert-')
      ? true
      : n.startsWith('tonghop-run-') && under(path.join(tmp, n)).some((d) => under(path.join(d, 'in')).length > 0),
  );
}

function pick(o: Record<string, string>, re: RegExp): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter(([k]) => re.test(k)));
}
