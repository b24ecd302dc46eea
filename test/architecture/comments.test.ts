/**
 * No issue numbers in src: `scripts/check-comments.js` (part of npm run lint) passes on the repository and refuses a
 * probe that cites one.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '../..');
const SCRIPT = path.join(ROOT, 'scripts/check-comments.js');

function check(dir?: string): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, dir ? [SCRIPT, dir] : [SCRIPT], { cwd: ROOT, encoding: 'utf8' });
  return { status: run.status, output: run.stdout + run.stderr };
}

test('src cites no issue number', () => {
  expect(check()).toEqual({ status: 0, output: '' });
});

test('a comment citing an issue is refused, with its file and line', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-comments-'));
  try {
    fs.writeFileSync(path.join(dir, 'ok.ts'), '// the deadline day counts as on time\nexport const a = 1;\n');
    fs.writeFileSync(path.join(dir, 'probe.ts'), 'export const b = 2;\n// kept for Issue #17: memory\n');
    const r = check(dir);
    expect(r.status).toBe(1);
    expect(r.output).toMatch(/probe\.ts:2: \/\/ kept for Issue #17/);
    expect(r.output).not.toMatch(/ok\.ts/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
