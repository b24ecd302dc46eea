/**
 * The boundaries of docs/architecture.md are enforced by the tools npm run lint runs, not by good will: each rule is
 * tried here on a deliberately broken probe, so that a loosened config fails this test.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '../..');

describe('dependency-cruiser refuses the imports the architecture forbids', () => {
  let output = '';
  let status: number | null = null;
  beforeAll(() => {
    // a small tree with the repository's folder names, cruised with the repository's rules
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-boundaries-'));
    const files: Record<string, string> = {
      'src/core/basics/reads-files.ts': "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n",
      'src/core/consolidate/later.ts': 'export const later = 1;\n',
      'src/core/plan/looks-ahead.ts': "import { later } from '../consolidate/later';\nexport const p = later;\n",
      'src/core/plan/looks-back.ts': "import { ok } from '../basics/ok';\nexport const q = ok;\n",
      'src/core/basics/ok.ts': 'export const ok = 1;\n',
      'src/taskpane/page.ts': 'export const page = 1;\n',
      'src/cli/uses-page.ts': "import { page } from '../taskpane/page';\nexport const m = page;\n",
      'src/core/intake/uses-cli.ts': "import { m } from '../../cli/uses-page';\nexport const n = m;\n",
      'tsconfig.json': '{ "compilerOptions": { "module": "commonjs", "target": "ES2022" } }\n',
    };
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    const bin = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
    const run = spawnSync(process.execPath, [bin, 'src', '--config', path.join(ROOT, '.dependency-cruiser.cjs')], {
      cwd: dir,
      encoding: 'utf8',
    });
    output = run.stdout + run.stderr;
    status = run.status;
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  test('the run fails', () => expect(status).not.toBe(0));
  test.each([
    ['core-imports-no-node-builtin', 'src/core/basics/reads-files.ts → fs'],
    ['core-plan-not-later-stages', 'src/core/plan/looks-ahead.ts → src/core/consolidate/later.ts'],
    ['cli-not-pane', 'src/cli/uses-page.ts → src/taskpane/page.ts'],
    ['core-imports-no-door', 'src/core/intake/uses-cli.ts → src/cli/uses-page.ts'],
  ])('%s: %s', (rule, edge) => expect(output).toContain(`error ${rule}: ${edge}`));
  test('an import the rules allow (plan → basics) is not reported', () => {
    expect(output).not.toContain('looks-back');
  });
});

describe('ESLint refuses host globals in the engine and the sample', () => {
  /** What ESLint reports on `code` as if it were `file` (the repository's own config, as npm run lint runs it). */
  const lint = (file: string, code: string): { ruleId: string | null; message: string }[] => {
    const run = spawnSync(
      process.execPath,
      [path.join(ROOT, 'node_modules/eslint/bin/eslint.js'), '--stdin', '--stdin-filename', file, '--format', 'json'],
      { cwd: ROOT, input: code, encoding: 'utf8' },
    );
    return (JSON.parse(run.stdout) as { messages: { ruleId: string | null; message: string }[] }[])[0].messages;
  };
  const PROBE = [
    'export const t = () => document.title;',
    'export const e = () => process.env.HOME;',
    'export const o = () => Office.context;',
    "export const f = () => fetch('https://example.org');",
    'export const g = () => globalThis.Buffer;',
    '',
  ].join('\n');

  test('document, process, Office, fetch and globalThis.Buffer in src/core', () => {
    const found = lint('src/core/basics/probe.ts', PROBE).map((m) => `${m.ruleId}: ${m.message}`);
    expect(found).toEqual([
      "no-restricted-globals: Unexpected use of 'document'.",
      "no-restricted-globals: Unexpected use of 'process'.",
      "no-restricted-globals: Unexpected use of 'Office'.",
      "no-restricted-globals: Unexpected use of 'fetch'.",
      "no-restricted-properties: 'globalThis.Buffer' is restricted from being used.",
    ]);
  }, 120_000);

  test('the same code in a door is allowed', () => {
    expect(lint('src/cli/probe.ts', PROBE)).toEqual([]);
  }, 120_000);
});
