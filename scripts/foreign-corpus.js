#!/usr/bin/env node
/**
 * How many spreadsheets of a public test corpus tonghop reads, beside SheetJS on the same files.
 *
 *   node scripts/foreign-corpus.js <corpus-folder> <tonghop.json> [<sheetjs-module-folder>]
 *
 * <tonghop.json> is what `tonghop consolidate <any plan> <corpus-folder> --as-of 2100-01-01 --json x.json` wrote
 * (time that command to know the time). A file counts as read when its workbook loaded, whatever the plan made of
 * it (an unknown agency, an empty workbook: read); unread when a finding about the file itself (file.*, limit.*)
 * rejected it.
 * With a SheetJS module folder (e.g. a scratch `npm install xlsx@0.18.5`, never a dependency of tonghop), the files
 * SheetJS reads and tonghop does not are listed with tonghop's reason.
 */
'use strict';
const fs = require('fs');
const path = require('path');

const [corpus, jsonFile, sheetjs] = process.argv.slice(2);
if (!corpus || !jsonFile) {
  console.error('usage: node scripts/foreign-corpus.js <corpus-folder> <tonghop.json> [<sheetjs-module-folder>]');
  process.exit(2);
}
const SPREADSHEET = /\.(xls|xlsx|xlsm|xlsb|ods|numbers)$/i;
const j = JSON.parse(fs.readFileSync(jsonFile, 'utf8'));
// findings about a file that was read: converted first, a link, repaired, or read and found to hold no cell
const NOT_A_FILE_PROBLEM = new Set(['file.converted', 'file.link_outside', 'file.repaired', 'file.empty_workbook']);
const fileProblem = new Map();
for (const f of j.findings)
  if (/^(file|limit)\./.test(f.code) && !NOT_A_FILE_PROBLEM.has(f.code) && !fileProblem.has(f.file))
    fileProblem.set(f.file, `${f.code}: ${f.message.slice(0, 90)}`);
const intake = new Map(j.intake.map((e) => [e.file, e]));

const files = [];
(function walk(d) {
  for (const n of fs.readdirSync(d).sort()) {
    const p = path.join(d, n);
    if (fs.lstatSync(p).isDirectory()) walk(p);
    else if (SPREADSHEET.test(n)) files.push(path.relative(corpus, p).split(path.sep).join('/'));
  }
})(corpus);

const ours = new Map();
for (const f of files) {
  const e = intake.get(f);
  ours.set(f, !e ? 'not listed' : (fileProblem.get(f) ?? (e.reason && /^Tệp /.test(e.reason) ? e.reason : null)));
}
const readByUs = files.filter((f) => ours.get(f) === null);
console.log(`spreadsheets in the corpus: ${files.length}`);
console.log(`listed in tonghop's intake: ${files.filter((f) => intake.has(f)).length}`);
console.log(`read by tonghop: ${readByUs.length}`);

if (sheetjs) {
  const XLSX = require(path.resolve(sheetjs, 'node_modules', 'xlsx'));
  const theirs = new Map();
  for (const f of files) {
    try {
      XLSX.read(fs.readFileSync(path.join(corpus, f)), { type: 'buffer' });
      theirs.set(f, true);
    } catch {
      theirs.set(f, false);
    }
  }
  const readBySheetJs = files.filter((f) => theirs.get(f));
  console.log(`read by SheetJS ${XLSX.version}: ${readBySheetJs.length}`);
  const missed = readBySheetJs.filter((f) => ours.get(f) !== null);
  console.log(`read by SheetJS, not by tonghop: ${missed.length}`);
  for (const f of missed) console.log(`  ${f}: ${ours.get(f)}`);
  const extra = readByUs.filter((f) => !theirs.get(f));
  console.log(`read by tonghop, not by SheetJS: ${extra.length}`);
  for (const f of extra) console.log(`  ${f}`);
}
