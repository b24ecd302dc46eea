/**
 * The user guide (docs/huong-dan) says only what the code does: every word it sets in bold is one the pane shows
 * (strings.ts) or the engine writes (sheet names, columns, statuses); every message it quotes exists in src/; every
 * command and option it names is in the CLI's help; every picture is one the browser tests take of the real pane
 * (test/browser/guide-shots.ts); every link and every help button of the pane lands on a heading of the guide.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HELP_ANCHORS } from '../../src/taskpane/help';
import { GUIDE_SHOTS } from '../browser/guide-shots';
import {
  type GuidePart,
  type Words,
  ROOT,
  cliHelp,
  guide,
  isKnown,
  knownWords,
  quotedMessages,
  sourceMessages,
} from './guide-checks';

const parts = guide.PARTS.map((file) => {
  const md = guide.readPart(file);
  return { file, md, ...guide.parseGuide(md) };
});
const SHOT_FILES = Object.values(GUIDE_SHOTS).map((s) => `${s.file}.png`);
let words: Words;
let messages: Words | null = null;

beforeAll(() => {
  words = knownWords();
});

/** The bold words of a guide text that neither the pane nor the engine says. */
const unknownBold = (p: GuidePart) => p.bold.filter((b) => !isKnown(words, b));
/** The pictures of a guide text that the browser tests do not take, or that are not on disk. */
const missingPictures = (p: GuidePart) =>
  p.images.filter((src) => !SHOT_FILES.includes(path.basename(src)) || !fs.existsSync(path.join(guide.GUIDE_DIR, src)));

test.each(guide.PARTS)('%s: every word in bold is a label of the pane or of the summary', (file) => {
  expect(unknownBold(parts.find((p) => p.file === file)!)).toEqual([]);
});

test('the checks fail when a label in the guide is changed or a message made up', () => {
  const changed = guide.parseGuide(
    parts[0].md.replace('**Tổng hợp và ghi vào sổ**', '**Tổng hợp vào sổ**').replace('**Đã nộp**', '**Đã gửi**'),
  );
  expect(unknownBold(changed)).toEqual(['Tổng hợp vào sổ', 'Đã gửi']);
  const quoted = '> Sổ chưa bị thay đổi; hãy thử lại sau.\n\nNgăn báo “Cần có kế hoạch trước (bước 2).”';
  const src = (messages ??= sourceMessages());
  const made = quotedMessages(guide.parseGuide(quoted), quoted).filter((q) => !isKnown(src, q));
  expect(made).toEqual(['Sổ chưa bị thay đổi; hãy thử lại sau.', 'Cần có kế hoạch trước (bước 2).']);
});

test.each(guide.PARTS)('%s: every message quoted is written in src/', (file) => {
  const part = parts.find((p) => p.file === file)!;
  const src = (messages ??= sourceMessages());
  expect(quotedMessages(part, part.md).filter((q) => !isKnown(src, q))).toEqual([]);
});

test.each(guide.PARTS)('%s: every picture is one the browser tests take, and it is there', (file) => {
  const part = parts.find((p) => p.file === file)!;
  expect(missingPictures(part)).toEqual([]);
  const changed = guide.parseGuide('![Bước cũ](hinh/buoc-6-cu.png)');
  expect(missingPictures(changed)).toEqual(['hinh/buoc-6-cu.png']);
});

test('every picture the browser tests take is shown by the guide, and no other file lies in hinh/', () => {
  const shown = new Set(parts.flatMap((p) => p.images.map((i) => path.basename(i))));
  expect(SHOT_FILES.filter((f) => !shown.has(f))).toEqual([]);
  expect(fs.readdirSync(path.join(guide.GUIDE_DIR, 'hinh')).sort()).toEqual([...SHOT_FILES].sort());
});

test('every command and option named is in the CLI help', () => {
  const help = cliHelp();
  const named = parts.flatMap((p) => [...p.md.matchAll(/(?:^|[\s`])(--[a-z][a-z-]*|-o)\b/g)].map((m) => m[1]));
  const commands = parts.flatMap((p) => [...p.md.matchAll(/npx tonghop ([a-z][a-z-]*)/g)].map((m) => m[1]));
  expect(named.length).toBeGreaterThan(5);
  expect([...new Set(named)].filter((o) => !help.includes(o))).toEqual([]);
  expect([...new Set(commands)].filter((c) => !help.includes(`tonghop ${c}`))).toEqual([]);
});

test('headings are unique on the one page, each part titled by its file name, links land on a heading', () => {
  const ids = parts.flatMap((p) => p.headings.map((h) => h.id));
  expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  for (const p of parts) expect(p.headings[0]).toMatchObject({ level: 1, id: p.file.replace(/\.md$/, '') });
  const broken = parts.flatMap((p) =>
    p.links.filter((href) => {
      const m = /^(?:([a-z0-9-]+\.md))?(?:#([a-z0-9-]+))?$/.exec(href);
      if (!m || href === '') return true;
      const target = m[1] ? parts.find((q) => q.file === m[1]) : p;
      return !target || (m[2] !== undefined && !target.headings.some((h) => h.id === m[2]));
    }),
  );
  expect(broken).toEqual([]);
});

test("each step of the pane has a help button that opens the officer's part at that step", () => {
  const html = fs.readFileSync(path.join(ROOT, 'src/taskpane/taskpane.html'), 'utf8');
  const steps = [...html.matchAll(/<section id="(step-[a-z-]+)"/g)].map((m) => m[1]);
  expect(Object.keys(HELP_ANCHORS)).toEqual(steps);
  const officer = parts.find((p) => p.file === guide.PRINTED_PART)!;
  for (const anchor of Object.values(HELP_ANCHORS)) expect(officer.headings.map((h) => h.id)).toContain(anchor);
});
