/**
 * The default limits are the ones docs/security.md promises a clerk and an administrator: a default raised in the
 * code (ten times more cells, say) without the table changing fails here, and so does the table drifting alone.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_LIMITS, type Limits } from '../../src/core/intake/limits';

const MB = 1024 * 1024;
const doc = fs.readFileSync(path.join(__dirname, '../../docs/security.md'), 'utf8');

/** The "Limit | Default | Finding code | Why" table: limit name → its default cell. */
const table = new Map(
  doc
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| Limit'))
    .map((l) => l.split('|').map((c) => c.trim()))
    .map((cells) => [cells[1], cells[2]] as [string, string]),
);

/** The first number of a cell ("2 000 000", "20 MB (…)", "200 : 1"), with its unit applied. */
function documented(limit: string): number {
  const cell = table.get(limit);
  if (cell === undefined) throw new Error(`docs/security.md has no row "${limit}"`);
  const m = /^(\d[\d  ]*)\s*(MB)?/.exec(cell);
  if (!m) throw new Error(`no number in "${cell}"`);
  const n = Number(m[1].replace(/[  ]/g, ''));
  return m[2] === 'MB' ? n * MB : n;
}

const ROWS: [string, keyof Limits, number?][] = [
  ['File size', 'maxFileBytes'],
  ['Entries in the zip', 'maxEntries'],
  ['Declared uncompressed size, all entries', 'maxUncompressedBytes'],
  ['Actual uncompressed size, all entries', 'maxUncompressedBytes'],
  ['Compression ratio of one entry (over 1 MB)', 'maxRatio'],
  ['XML nesting', 'maxXmlDepth'],
  ['Sheets', 'maxSheets'],
  ['Rows in one sheet', 'maxRows'],
  ['Cells in one row; highest column of a `<col>` range', 'maxColumns'],
  ['Cells in the workbook', 'maxCells'],
  ['Cells covered by merged ranges and data validations of one sheet', 'maxRangeCells'],
  ['Characters in one cell text or shared string', 'maxStringChars'],
  ['Saved e-mail (.eml, .msg), attachments included', 'maxEmailBytes'],
  ['Attachments of one e-mail (those of e-mails attached to it included)', 'maxAttachments'],
  ['MIME parts of one e-mail', 'maxEmailParts'],
  ['Nesting of multipart bodies', 'maxMimeDepth'],
  ['E-mails attached to e-mails (message/rfc822, an embedded .msg)', 'maxEmailNesting'],
];

test.each(ROWS)('docs/security.md "%s" is DEFAULT_LIMITS.%s', (limit, key) => {
  expect(DEFAULT_LIMITS[key]).toBe(documented(limit));
});

test('the ratio applies to entries over 1 MB, as the table says', () => {
  expect(DEFAULT_LIMITS.ratioGraceBytes).toBe(1 * MB);
});

test('every default limit is pinned by a row of the table', () => {
  const pinned = new Set<string>([...ROWS.map((r) => r[1]), 'ratioGraceBytes']);
  expect(Object.keys(DEFAULT_LIMITS).filter((k) => !pinned.has(k))).toEqual([]);
});
