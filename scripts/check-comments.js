#!/usr/bin/env node
/**
 * Comments say what and why, never which issue: a reader of the repository cannot look an issue number up.
 * Refuses "issue 17", "Issue #5", "issues 9, 13" anywhere in the source files under src/ (npm run lint runs it).
 *
 *   node scripts/check-comments.js [folder]     check (default: src/ of this repository); exit 1 on any hit
 */
const fs = require('fs');
const path = require('path');

const ISSUE = /\bissues?\s*#?\s*\d+/i;
const root = path.resolve(process.argv[2] || path.join(__dirname, '..', 'src'));

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return files(p);
    return /\.(ts|js|cjs|mjs|html|css)$/.test(d.name) ? [p] : [];
  });
}

const found = [];
for (const file of files(root)) {
  fs.readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (ISSUE.test(line)) found.push(`${path.relative(process.cwd(), file)}:${i + 1}: ${line.trim()}`);
    });
}
if (found.length > 0) {
  console.error('Comments cite issue numbers (say what and why instead):');
  for (const f of found) console.error(`  ${f}`);
  process.exit(1);
}
