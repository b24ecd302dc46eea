#!/usr/bin/env node
/**
 * Sizes that keep the code readable, measured with the TypeScript parser (npm test runs it):
 * no function (declaration, method, arrow or function expression) over 80 lines, no module over 400 lines,
 * in src/. Generated tables are exempt by name below. Prints every offender and exits 1 if there is any.
 *
 *   node scripts/check-size.js            check
 *   node scripts/check-size.js --list     print the sizes of the longest functions and modules
 */
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

const MAX_FUNCTION = 80;
const MAX_MODULE = 400;
/** Data tables, not logic (each says why). */
const EXEMPT_MODULES = new Map([]);
/** Offenders still to be split: this list only shrinks (an entry that no longer offends is an error too). */
const PENDING = new Set([]);

const root = path.resolve(__dirname, '..');
function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return files(p);
    return /\.tsx?$/.test(d.name) && !d.name.endsWith('.d.ts') ? [p] : [];
  });
}

function functionName(node, sf) {
  if (node.name) return node.name.getText(sf);
  const p = node.parent;
  if (p && ts.isVariableDeclaration(p)) return p.name.getText(sf);
  if (p && ts.isPropertyAssignment(p)) return p.name.getText(sf);
  if (p && ts.isCallExpression(p)) return `(callback of ${p.expression.getText(sf).slice(0, 40)})`;
  return '(anonymous)';
}

const found = [];
for (const file of files(path.join(root, 'src'))) {
  const rel = path.relative(root, file).split(path.sep).join('/');
  const text = fs.readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  if (lines > MAX_MODULE && !EXEMPT_MODULES.has(rel))
    found.push({ key: rel, what: `module ${rel}`, lines, max: MAX_MODULE });
  const visit = (node) => {
    if (
      ts.isFunctionDeclaration(node) ||
      ts.isMethodDeclaration(node) ||
      ts.isArrowFunction(node) ||
      ts.isFunctionExpression(node) ||
      ts.isConstructorDeclaration(node) ||
      ts.isGetAccessor(node) ||
      ts.isSetAccessor(node)
    ) {
      if (node.body) {
        const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
        const end = sf.getLineAndCharacterOfPosition(node.end).line;
        const n = end - start + 1;
        const name = functionName(node, sf);
        if (n > MAX_FUNCTION)
          found.push({
            key: `${rel}:${name}`,
            what: `function ${name} (${rel}:${start + 1})`,
            lines: n,
            max: MAX_FUNCTION,
          });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}

if (process.argv.includes('--list')) {
  for (const f of found.sort((a, b) => b.lines - a.lines)) console.log(`${String(f.lines).padStart(5)}  ${f.what}`);
  process.exit(0);
}
const offenders = found.filter((f) => !PENDING.has(f.key));
const stale = [...PENDING].filter((k) => !found.some((f) => f.key === k));
for (const f of offenders) console.error(`${f.what}: ${f.lines} lines (at most ${f.max})`);
for (const k of stale) console.error(`scripts/check-size.js: "${k}" is split now; remove it from PENDING`);
if (offenders.length || stale.length) process.exit(1);
console.log(
  `check-size: no function over ${MAX_FUNCTION} lines, no module over ${MAX_MODULE} (${PENDING.size} pending)`,
);
