/**
 * The README's test command on a fresh Debian machine: `npm test` starts with scripts/system-packages.js, which
 * installs the Debian packages the tests need when run as root and, run by anyone else without them, stops at once
 * with the one command to run. Here it runs as a user who is not root (nobody, when the tests run as root), so that
 * it can only check and tell, never install.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '../..');
const NOBODY = 65534;

/** The script run by a user who is not root, from a copy in a folder that user can read. */
function runAsUser(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-system-'));
  try {
    fs.chmodSync(dir, 0o755);
    fs.copyFileSync(path.join(ROOT, 'scripts/system-packages.js'), path.join(dir, 'system-packages.js'));
    const asNobody = process.getuid?.() === 0 ? { uid: NOBODY, gid: NOBODY } : {};
    const r = spawnSync(process.execPath, [path.join(dir, 'system-packages.js'), ...args], {
      cwd: dir,
      encoding: 'utf8',
      ...asNobody,
    });
    if (r.error) throw r.error;
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('every Debian package the tests need is installed (else the message names the command)', () => {
  expect(runAsUser([])).toEqual({ status: 0, stdout: '', stderr: '' });
});

test('without a package, a user who is not root is stopped at once and told the one command to run', () => {
  const r = runAsUser(['tonghop-no-such-package', 'poppler-utils']);
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('chưa cài: tonghop-no-such-package.');
  expect(r.stderr).toContain(
    '\n  sudo apt-get update && sudo apt-get install -y --no-install-recommends tonghop-no-such-package\n',
  );
});

test('npm test checks the packages first, and CI runs npm test rather than a list of its own', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  expect(pkg.scripts.test).toMatch(/^npm run check:system && /);
  expect(pkg.scripts['check:system']).toBe('node scripts/system-packages.js');
  const ci = fs.readFileSync(path.join(ROOT, '.ci/run'), 'utf8');
  expect(ci).toMatch(/^npm test$/m);
  expect(ci).not.toMatch(/apt-get|dpkg/);
});
