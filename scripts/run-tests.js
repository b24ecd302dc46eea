#!/usr/bin/env node
/**
 * The tests of `npm test` after lint: jest, with the pane's build (`npm run build`, both bundles) running beside it,
 * then the ES5 check of the legacy bundle and the browser tests on what was built. Jest runs one test file at a time
 * on a 2-core machine, so the build takes the other core instead of waiting for jest to end. The build's output is
 * kept in a log and printed only if it fails. Exit code: the first failure's.
 */
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const jestBin = require.resolve('jest/bin/jest');

/** Runs a command; resolves with its exit code (a signal counts as 1). */
function run(cmd, args, stdio = 'inherit') {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio });
    children.add(child);
    child.on('close', (code) => {
      children.delete(child);
      resolve(code ?? 1);
    });
  });
}

const children = new Set();
for (const sig of ['SIGINT', 'SIGTERM'])
  process.on(sig, () => {
    for (const c of children) c.kill(sig);
    process.exit(130);
  });

async function main() {
  const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-build-')), 'build.log');
  const out = fs.openSync(log, 'w');
  const started = Date.now();
  const building = run(npm, ['run', 'build'], ['ignore', out, out]).then((code) => {
    console.log(`\n[npm test] npm run build ended (exit ${code}) after ${Math.round((Date.now() - started) / 1000)} s`);
    return code;
  });
  const jest = await run(process.execPath, [jestBin]);
  if (jest !== 0) {
    for (const c of children) c.kill('SIGTERM');
    return jest;
  }
  const built = await building;
  fs.closeSync(out);
  if (built !== 0) {
    process.stderr.write(fs.readFileSync(log, 'utf8'));
    return built;
  }
  fs.rmSync(path.dirname(log), { recursive: true, force: true });
  const es5 = await run(npm, ['run', 'check:es5']);
  if (es5 !== 0) return es5;
  return run(process.execPath, [jestBin, '-c', 'jest.browser.config.js', '--runInBand']);
}

main().then((code) => process.exit(code));
