#!/usr/bin/env node
/**
 * The Debian packages the tests need, checked first by `npm test` (npm run check:system), so that the README's test
 * command passes on a fresh Debian machine with nothing else done:
 *   - every package installed: prints nothing, exit 0 (one dpkg-query call);
 *   - some missing, run as root: apt-get update and apt-get install of the missing ones, then the tests go on;
 *   - some missing, not root: stops at once (exit 1) and prints the one command to run;
 *   - no dpkg-query (not Debian or Ubuntu): prints what the tests need and goes on; the tests that need a program
 *     fail with its name.
 *
 *   node scripts/system-packages.js              check (and install as root) the packages below
 *   node scripts/system-packages.js NAME…        the same for the packages named instead (to try the messages)
 */
const { spawnSync } = require('node:child_process');

/** Each package and what needs it. */
const PACKAGES = new Map([
  ['chromium', "the task pane's browser tests (playwright-core drives /usr/bin/chromium, never a downloaded browser)"],
  ['libreoffice-calc-nogui', 'fixtures made by other software; .xls/.ods read by the CLI; summaries rendered to PDF'],
  ['libreoffice-writer-nogui', 'the report and the reminder letter rendered to PDF; plan documents converted'],
  ['python3-openpyxl', 'fixtures written and read by openpyxl through /usr/bin/python3'],
  ['tesseract-ocr', 'extract-plan reads scanned plans through OCR'],
  ['tesseract-ocr-vie', "tesseract's Vietnamese model"],
  ['poppler-utils', 'pdftoppm, pdftotext and pdffonts: scanned fixtures and rendered outputs'],
  ['duktape', "an ES5 engine that runs the pane's bundle, as old Office webviews would"],
  ['mujs', "a second ES5 engine for the pane's bundle"],
  ['fontconfig', 'fc-match: which installed font a name such as "Times New Roman" resolves to'],
  ['fonts-liberation2', 'Liberation Serif and Sans, metric-compatible with Times New Roman and Arial'],
  ['fonts-crosextra-carlito', 'Carlito, metric-compatible with Calibri (the workbooks default font)'],
]);

/** The packages of `names` that are not installed, or null when there is no dpkg-query (not Debian or Ubuntu). */
function missingPackages(names) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Package}\t${db:Status-Abbrev}\n', ...names], { encoding: 'utf8' });
  if (r.error) return null;
  const installed = new Set(
    r.stdout
      .split('\n')
      .map((line) => line.split('\t'))
      .filter(([, status]) => status !== undefined && status.startsWith('ii'))
      .map(([name]) => name.replace(/:.*$/, '')),
  );
  return names.filter((n) => !installed.has(n));
}

/** The one command a user who is not root runs to install `missing`. */
function installCommand(missing) {
  return `sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`;
}

/** apt-get update and install, as root; true when every package is then installed. */
function install(missing) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...missing]]) {
    const r = spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env });
    if (r.status !== 0) return false;
  }
  const still = missingPackages(missing);
  return still !== null && still.length === 0;
}

function main(argv) {
  const names = argv.length > 0 ? argv : [...PACKAGES.keys()];
  const missing = missingPackages(names);
  if (missing === null) {
    console.warn(
      'Không có dpkg-query (máy không phải Debian/Ubuntu): các kiểm thử cần ' +
        `các chương trình của những gói Debian sau: ${names.join(', ')}. Kiểm thử nào thiếu chương trình sẽ báo tên.`,
    );
    return 0;
  }
  if (missing.length === 0) return 0;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(
      `Kiểm thử cần các gói hệ thống chưa cài: ${missing.join(', ')}.\n` +
        `Hãy chạy lệnh sau rồi chạy lại npm test:\n\n  ${installCommand(missing)}\n`,
    );
    return 1;
  }
  console.error(`Cài các gói hệ thống kiểm thử cần: ${missing.join(', ')} (apt-get, quyền root).`);
  if (install(missing)) return 0;
  console.error(
    `Không cài được: ${missing.join(', ')}. Hãy chạy tay rồi chạy lại npm test:\n\n  ${installCommand(missing)}\n`,
  );
  return 1;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

module.exports = { PACKAGES, missingPackages, installCommand };
