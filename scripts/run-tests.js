#!/usr/bin/env node
/**
 * The tests of `npm test` after lint, on a 2-core machine: jest runs one test file at a time, so the pane's build
 * (`npm run build`, both bundles) runs beside it, and once the build is made the ES5 check of the legacy bundle and
 * the browser tests follow, still beside jest. The build's and the browser tests' output is kept in files and
 * printed when each ends, so that jest's own lines stay readable. Exit code: the first failure's.
 */
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const jestBin = require.resolve('jest/bin/jest');
const logs = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-tests-'));
const children = new Set();

/** Runs a command, its output to the terminal or to a log file; resolves with its exit code (a signal counts as 1). */
function run(cmd, args, log) {
  return new Promise((resolve) => {
    const fd = log ? fs.openSync(path.join(logs, log), 'w') : null;
    const child = spawn(cmd, args, { cwd: ROOT, stdio: fd === null ? 'inherit' : ['ignore', fd, fd] });
    children.add(child);
    child.on('close', (code) => {
      children.delete(child);
      if (fd !== null) fs.closeSync(fd);
      resolve(code ?? 1);
    });
  });
}

function show(log, title) {
  process.stdout.write(`\n[npm test] ${title}\n`);
  process.stdout.write(fs.readFileSync(path.join(logs, log), 'utf8'));
}

for (const sig of ['SIGINT', 'SIGTERM'])
  process.on(sig, () => {
    for (const c of children) c.kill(sig);
    process.exit(130);
  });

/** The build, then the ES5 check and the browser tests on what was built. */
async function pane() {
  const started = Date.now();
  const built = await run(npm, ['run', 'build'], 'build.log');
  const secs = () => Math.round((Date.now() - started) / 1000);
  if (built !== 0) {
    show('build.log', `npm run build failed (exit ${built}):`);
    return built;
  }
  const es5 = await run(npm, ['run', 'check:es5'], 'es5.log');
  show('es5.log', `npm run build ended after ${secs()} s; npm run check:es5 (exit ${es5}):`);
  if (es5 !== 0) return es5;
  const browser = await run(process.execPath, [jestBin, '-c', 'jest.browser.config.js', '--runInBand'], 'browser.log');
  show('browser.log', `browser tests (exit ${browser}), ended ${secs()} s after the build started:`);
  return browser;
}

async function main() {
  const [jest, browser] = await Promise.all([
    run(process.execPath, [jestBin]).then((code) => {
      process.stdout.write(`\n[npm test] jest ended (exit ${code})${children.size ? '; the pane tests go on' : ''}\n`);
      return code;
    }),
    pane(),
  ]);
  fs.rmSync(logs, { recursive: true, force: true });
  return jest !== 0 ? jest : browser;
}

main().then((code) => process.exit(code));
