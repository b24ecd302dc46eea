/**
 * What the user guide (docs/huong-dan) may name, gathered from the code: the pane's words (strings.ts), the labels
 * the engine writes (sheet names, columns, statuses), the messages of src/, the CLI's commands and options, and the
 * pictures the browser tests take. test/guide/guide.test.ts checks the guide against them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { COUNT_FIELDS } from '../../src/core/basics/counts';
import {
  AGENCY_KIND_LABELS,
  AGENCY_STATUS_LABELS,
  AGGREGATE_LABELS,
  INTAKE_VERDICT_LABELS,
  RECOGNISED_BY_LABELS,
  TASK_STATUS_LABELS,
  finding,
} from '../../src/core/basics/model';
import { consolidate } from '../../src/core/consolidate/consolidate';
import { summarySheets } from '../../src/core/consolidate/summary';
import { RECEIVED_FROM_LABELS } from '../../src/core/consolidate/summary-tables';
import { REVIEW_HEADER, SOURCE_HEADER } from '../../src/core/extract/build';
import { INTAKE_LOG_COLUMNS } from '../../src/core/intake/intake-log';
import {
  AGENCY_COLUMNS,
  INDICATOR_COLUMNS,
  PLAN_FIELDS,
  PLAN_SHEETS,
  TASK_COLUMNS,
} from '../../src/core/plan/plan-columns';
import { HEADER_FIELDS, REPORT_SHEET, TABLE_LABELS } from '../../src/core/plan/template-labels';
import { REMINDER_SHEET } from '../../src/core/report/reminders';
import { REPORT_SHEETS } from '../../src/core/report/workbook';
import { REGISTER_SHEET } from '../../src/excel/register';
import { STRINGS } from '../../src/taskpane/strings';
import { socTrangPlan } from '../../src/sample/plans';

export const ROOT = path.resolve(__dirname, '..', '..');

/** The guide's reader (scripts/guide-html.js), the same that builds the help page and the PDF. */
export interface GuidePart {
  html: string;
  headings: { level: number; id: string; text: string }[];
  bold: string[];
  quotes: string[];
  images: string[];
  links: string[];
}
export const guide = require('../../scripts/guide-html') as {
  GUIDE_DIR: string;
  PARTS: string[];
  PRINTED_PART: string;
  parseGuide(md: string): GuidePart;
  readPart(file: string): string;
};

const SENTINEL = '\uE000';
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Exact words and the patterns of words made by a function (`Nộp muộn (${n})`). */
export interface Words {
  exact: Set<string>;
  patterns: RegExp[];
}

function addFunction(fn: (...args: unknown[]) => unknown, into: Words): void {
  for (const args of [
    [SENTINEL, SENTINEL],
    [0, 0],
    [1, 1],
    [8, 8],
  ]) {
    let out: unknown;
    try {
      out = fn(...args);
    } catch {
      continue; // a function of lists: not a word of the guide
    }
    if (typeof out !== 'string') continue;
    // what a function puts in is a number or a name, never a clause of its own: "tệp có lỗi, cảnh báo" is not "${n} cảnh báo"
    if (out.includes(SENTINEL))
      into.patterns.push(new RegExp(`^${out.split(SENTINEL).map(escapeRe).join('[^,;:]+')}$`));
    else into.exact.add(out);
  }
}

function addValues(value: unknown, into: Words): void {
  if (typeof value === 'string') into.exact.add(value);
  else if (typeof value === 'function') addFunction(value as (...args: unknown[]) => unknown, into);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) addValues(v, into);
}

/** The headers and the label columns' values of every summary sheet, as the summary of the sample plan writes them
 * (no report received: every sheet, with an error and a warning in `Lỗi dữ liệu`). */
function summaryWords(): string[] {
  const plan = socTrangPlan();
  const extraFindings = [finding('error', 'file.empty', 'x', { file: 'a' }), finding('warning', 'file.repaired', 'x')];
  const c = consolidate(plan, [], { asOf: '2024-07-15', extraFindings });
  const out: string[] = [];
  for (const sheet of summarySheets(c, plan)) {
    out.push(sheet.name);
    const columns = sheet.table.columns.map((col) => col.header);
    out.push(...columns);
    const labelled = ['Mức', 'Tình trạng', 'Kết quả', 'Loại', 'Nhận ra theo', 'Nguồn ngày nhận'];
    for (const row of sheet.table.rows)
      row.forEach((v, i) => labelled.includes(columns[i]) && typeof v === 'string' && out.push(v));
  }
  return out;
}

/** Everything the guide may set in bold: the pane's words and the labels the engine writes. */
export function knownWords(): Words {
  const words: Words = { exact: new Set(), patterns: [] };
  addValues(STRINGS.vi, words);
  const labels = [
    COUNT_FIELDS.flatMap((f) => [f.vi, f.viShort]),
    [AGENCY_KIND_LABELS, AGENCY_STATUS_LABELS, AGGREGATE_LABELS, INTAKE_VERDICT_LABELS].flatMap(Object.values),
    [RECOGNISED_BY_LABELS, TASK_STATUS_LABELS, RECEIVED_FROM_LABELS, HEADER_FIELDS, TABLE_LABELS].flatMap(
      Object.values,
    ),
    [PLAN_SHEETS, REPORT_SHEETS].flatMap(Object.values),
    Object.values(PLAN_FIELDS).flat(),
    [TASK_COLUMNS, INDICATOR_COLUMNS, AGENCY_COLUMNS, INTAKE_LOG_COLUMNS].flatMap((cols) =>
      cols.flatMap((c) => c.labels),
    ),
    [REPORT_SHEET, REMINDER_SHEET, REGISTER_SHEET, SOURCE_HEADER, REVIEW_HEADER],
    summaryWords(),
  ];
  for (const w of labels.flat()) words.exact.add(w);
  return words;
}

export const isKnown = (w: Words, text: string) => w.exact.has(text) || w.patterns.some((p) => p.test(text));

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(p);
    return /\.ts$/.test(d.name) && !d.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Every string literal and template of src/, a template's substitutions as wildcards. */
export function sourceMessages(): Words {
  const words: Words = { exact: new Set(), patterns: [] };
  for (const file of sourceFiles(path.join(ROOT, 'src'))) {
    const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) words.exact.add(node.text);
      else if (ts.isTemplateExpression(node)) {
        const texts = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)];
        // a template that is mostly its substitutions would match any sentence
        if (texts.join('').length >= 12) words.patterns.push(new RegExp(`^${texts.map(escapeRe).join('.+?')}$`));
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return words;
}

/** The CLI's help (`programHelp` and every `…_HELP` text of src/cli/commands, read as text): the commands and options the guide may name. */
export function cliHelp(): string {
  const out: string[] = [];
  for (const file of sourceFiles(path.join(ROOT, 'src', 'cli', 'commands'))) {
    const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (ts.isVariableDeclaration(node) && /_HELP$/.test(node.name.getText(sf)) && node.initializer)
        out.push(node.initializer.getText(sf));
      if (ts.isFunctionDeclaration(node) && node.name?.text === 'programHelp') out.push(node.getText(sf));
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out.join('\n');
}

/** The messages the guide quotes: “…” in the text (outside a blockquote) and each blockquote whole. */
export function quotedMessages(part: GuidePart, md: string): string[] {
  const outside = md
    .split('\n')
    .filter((l) => !l.startsWith('>'))
    .join('\n');
  // a quote wrapped over lines reads as one line in the page
  const inline = [...outside.matchAll(/“([^”]+)”/g)].map((m) => m[1].replace(/\s*\n\s*/g, ' '));
  return [...part.quotes, ...inline];
}
