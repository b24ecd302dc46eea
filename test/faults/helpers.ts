/**
 * What every fault test asserts: the inputs' SHA-256 unchanged, the previous outputs intact, no temp
 * file or folder left, the exit code and the Vietnamese message as documented (README "Mã thoát").
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, promises as fs, readdirSync, lstatSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.join(__dirname, '..', '..');

/** SHA-256 of every regular file under `dir` (links and special files by what they are, never read). */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return; // an unreadable folder: what it holds cannot change through tonghop anyway
    }
    for (const n of names) {
      const p = path.join(d, n);
      const st = lstatSync(p);
      const rel = path.relative(dir, p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile()) {
        try {
          out[rel] = createHash('sha256').update(readFileSync(p)).digest('hex');
        } catch {
          out[rel] = 'unreadable';
        }
      } else out[rel] = st.isSymbolicLink() ? 'link' : 'special';
    }
  };
  walk(dir);
  return out;
}

/**
 * Temp files tonghop writes beside an output (.th-<pid>-xxxxxxxx.tmp, formerly .th-xxxxxxxx.tmp), the locks of its
 * outputs (.th-xxxxxxxxxxxx.lock) and its temporary folders, anywhere under `dir`.
 */
export function tempFilesUnder(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const n of names) {
      const p = path.join(d, n);
      if (/^\.th-(\d+-)?[0-9a-f]+\.(tmp|lock)$/.test(n) || /^tonghop-(convert|lo-profile|run)-/.test(n)) found.push(p);
      else if (lstatSync(p).isDirectory()) walk(p);
    }
  };
  walk(dir);
  return found;
}

/** `consolidate` of a folder with one reading thread and no print-out; `rest` names the outputs. */
export const consolidateArgs = (plan: string, folder: string, asOf: string, ...rest: string[]): string[] => [
  'consolidate',
  plan,
  folder,
  '--as-of',
  asOf,
  '--quiet',
  '--workers',
  '1',
  ...rest,
];

export const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

/** The CLI compiled once for child processes (signals need a real process). */
export function compiledCli(): string {
  const out = path.join(ROOT, 'build', 'test-faults');
  const main = path.join(out, 'cli', 'main.js');
  if (!existsSync(main) || process.env.TONGHOP_REBUILD !== '0') {
    execFileSync(
      process.execPath,
      [require.resolve('typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', out],
      { stdio: 'inherit' },
    );
  }
  if (!existsSync(main)) throw new Error('the CLI did not compile into build/test-faults');
  return main;
}

export interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

/**
 * Runs the compiled CLI in a child process; `until` is polled every 20 ms and, once true, `signal` is sent.
 * `env` adds to the environment (TMPDIR: a private temp folder to look into afterwards).
 */
export function runChild(
  main: string,
  args: string[],
  opts: { env?: Record<string, string>; signal?: NodeJS.Signals; until?: () => boolean; uid?: number } = {},
): Promise<ChildRun & { signalled: boolean }> {
  const script = `require(${JSON.stringify(main)}).main(process.argv.slice(1)).then((c) => { process.exitCode = c; }, (e) => { console.error(e); process.exitCode = 2; });`;
  const child = spawn(process.execPath, ['-e', script, ...args], {
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.uid } : {}),
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  let signalled = false;
  const timer = setInterval(() => {
    if (opts.signal && !signalled && opts.until?.()) {
      signalled = true;
      child.kill(opts.signal);
    }
  }, 20);
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearInterval(timer);
      resolve({ code, signal, out, err, signalled });
    });
  });
}

export async function makeTempDir(prefix: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}
