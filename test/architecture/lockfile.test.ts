/**
 * `npm install` and `npm ci` need Node.js and nothing else: no dependency in package-lock.json may build native code
 * or run a script at install (a native build needs a compiler and system headers, such as libsecret for keytar, and
 * fails on a fresh machine). A package that does is refused unless the allow-list below names it with the reason it
 * is harmless. The lock's flags are checked against the installed packages too (binding.gyp, install scripts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';

const ROOT = path.join(__dirname, '../..');

/** Packages allowed to have an install script, each with the reason it is harmless. */
const ALLOWED = new Map([
  [
    'core-js',
    'its postinstall only prints a funding banner (node -e "try{require(\'./postinstall\')}catch(e){}") and builds ' +
      "nothing; package.json's allowScripts denies it, so npm 11 does not even run it",
  ],
]);

/** Packages whose only job is a native build at install, or fetching a binary built elsewhere. */
const BUILDERS = new Set([
  'node-gyp',
  'node-gyp-build',
  'prebuild',
  'prebuild-install',
  'node-pre-gyp',
  '@mapbox/node-pre-gyp',
  'cmake-js',
  'nan',
  'node-addon-api',
]);

const Lock = z.object({
  packages: z.record(
    z.string(),
    z.object({
      version: z.string().optional(),
      hasInstallScript: z.boolean().optional(),
      gypfile: z.boolean().optional(),
    }),
  ),
});
type Lock = z.infer<typeof Lock>;

const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));
const lockAt = (file: string): Lock => Lock.parse(readJson(file));

/** "node_modules/a/node_modules/@b/c" → "@b/c". */
const nameOf = (key: string): string => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);

/** Every package of the lock that builds or runs something at install and is not allowed, with why. */
function installRisks(lock: Lock): string[] {
  return Object.entries(lock.packages).flatMap(([key, p]) => {
    const name = nameOf(key);
    const why = [
      ...(p.hasInstallScript ? ['runs an install script'] : []),
      ...(p.gypfile ? ['has a binding.gyp'] : []),
      ...(BUILDERS.has(name) ? ['is a native build tool'] : []),
    ];
    return key === '' || why.length === 0 || (ALLOWED.has(name) && !BUILDERS.has(name))
      ? []
      : [`${name}@${p.version ?? '?'} ${why.join(', ')}`];
  });
}

const Manifest = z.object({ scripts: z.record(z.string(), z.string()).optional() });
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall'];

/** What the installed copy of each package in the lock would run or build at install, where the lock is silent. */
function installedRisks(lock: Lock): string[] {
  return Object.entries(lock.packages).flatMap(([key, p]) => {
    const dir = path.join(ROOT, key);
    if (key === '' || p.hasInstallScript || !fs.existsSync(path.join(dir, 'package.json'))) return [];
    const { scripts = {} } = Manifest.parse(readJson(path.join(dir, 'package.json')));
    const why = [
      ...INSTALL_SCRIPTS.filter((s) => s in scripts).map((s) => `its ${s} script`),
      ...(fs.existsSync(path.join(dir, 'binding.gyp')) ? ['binding.gyp'] : []),
    ];
    return why.length === 0 ? [] : [`${nameOf(key)}: ${why.join(', ')} (the lock does not say so)`];
  });
}

test('package-lock.json: no dependency builds native code or runs an install script, but those allowed', () => {
  expect(installRisks(lockAt(path.join(ROOT, 'package-lock.json')))).toEqual([]);
});

test('the installed packages agree: no install script or binding.gyp the lock does not flag', () => {
  expect(installedRisks(lockAt(path.join(ROOT, 'package-lock.json')))).toEqual([]);
});

test('each allowed package is in the lock, runs only what its reason says, and npm 11 is told not to run it', () => {
  const lock = lockAt(path.join(ROOT, 'package-lock.json'));
  const pkg = z
    .object({ allowScripts: z.record(z.string(), z.boolean()).optional() })
    .parse(readJson(path.join(ROOT, 'package.json')));
  for (const name of ALLOWED.keys()) {
    expect([name, lock.packages[`node_modules/${name}`]?.hasInstallScript]).toEqual([name, true]);
    expect(pkg.allowScripts?.[name]).toBe(false);
  }
  const coreJs = Manifest.parse(readJson(path.join(ROOT, 'node_modules/core-js/package.json')));
  expect(coreJs.scripts).toEqual({ postinstall: 'node -e "try{require(\'./postinstall\')}catch(e){}"' });
  expect(Object.entries(pkg.allowScripts ?? {}).filter(([, allowed]) => allowed)).toEqual([]);
});

test('a lock that brings keytar back (written by npm) is refused, naming keytar and its build tools', () => {
  const risks = installRisks(lockAt(path.join(ROOT, 'test/fixtures/lockfile/keytar.json')));
  expect(risks).toEqual([
    'keytar@7.9.0 runs an install script',
    expect.stringMatching(/^node-addon-api@\S+ is a native build tool$/),
    expect.stringMatching(/^prebuild-install@\S+ is a native build tool$/),
  ]);
});
