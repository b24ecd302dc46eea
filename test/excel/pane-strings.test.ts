/**
 * Every user-facing string of the pane is in src/taskpane/strings.ts (or a part of it, strings-*.ts): no other
 * file of src/taskpane holds a Vietnamese literal or an English phrase (the Excel door throws DoorError kinds, which
 * strings.ts words). And no developer words (syncs, command-line flags) in what the pane says.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { STRINGS } from '../../src/taskpane/strings';

const ROOT = path.resolve(__dirname, '..', '..');
const VIETNAMESE = /[À-ỹđĐ]/;
/** A capitalised English word and another word, the start of a sentence; class lists and selectors do not match. */
const PHRASE = /\b[A-Z][a-z]+\s+[a-z]{2,}\b/;
/** Literals that are data, not words for the user: sheet names are contracts (README), checked elsewhere. */
const ALLOWED = new Set([
  'Tổng hợp',
  'Theo nhiệm vụ',
  'Theo đơn vị',
  'Theo huyện, khu vực',
  'Chưa nộp, nộp muộn',
  'Lỗi dữ liệu',
  'Chi tiết',
  'Sổ tiếp nhận',
  'Kế hoạch',
  'Nhiệm vụ',
  'Chỉ tiêu',
  'Đơn vị',
]);

function literals(file: string): { text: string; line: number }[] {
  const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: { text: string; line: number }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node))
      out.push({ text: node.text, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

const files = (fs.readdirSync(path.join(ROOT, 'src/taskpane'), { recursive: true }) as string[])
  .map((f) => `src/taskpane/${f.split(path.sep).join('/')}`)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !/\/strings(-[a-z]+)?\.ts$/.test(f));

test.each(files)('%s has no user-facing literal outside strings.ts (and its parts, strings-*.ts)', (file) => {
  const found = literals(path.join(ROOT, file))
    .filter((l) => !ALLOWED.has(l.text) && !l.text.startsWith('tonghop'))
    .filter((l) => VIETNAMESE.test(l.text) || PHRASE.test(l.text.replace(/\$\{[^}]*\}/g, ' ')))
    .map((l) => `${file}:${l.line} ${JSON.stringify(l.text)}`);
  expect(found).toEqual([]);
});

test('the check finds a literal where there should be none', () => {
  const tmp = path.join(ROOT, 'test-results', 'literal-probe.ts');
  fs.mkdirSync(path.dirname(tmp), { recursive: true });
  fs.writeFileSync(tmp, "const a = 'Đã xong';\nconst b = `Could not ${a} load`;\nconst c = '#app';\n");
  const hits = literals(tmp).filter((l) => VIETNAMESE.test(l.text) || PHRASE.test(l.text));
  expect(hits.map((h) => h.text)).toEqual(['Đã xong', 'Could not ']);
  fs.rmSync(tmp);
});

test('no developer words in what the pane says', () => {
  const said = JSON.stringify(STRINGS, (_k, v) => (typeof v === 'function' ? String(v) : v));
  for (const word of ['đồng bộ', 'sync', '--', 'Office.js', 'API', 'payload', 'Excel.run'])
    expect({ word, found: said.includes(word) }).toEqual({ word, found: false });
});
