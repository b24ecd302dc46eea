/**
 * The compact form in which a reading thread posts each Submission back to the pool (src/cli/reading/wire.ts):
 * what arrives must be exactly what the zod check on arrival gave before (the consolidation JSON depends on it,
 * key order included), and a message that is not a well-formed reply must still be refused, saying what is wrong.
 */
import * as path from 'node:path';
import { type Submission, readSubmission, submissionSchema } from '../../src/core';
import { readFolder } from '../../src/cli/commands/pipeline';
import { decodeWorkerReply, encodeReply, encodeSubmission } from '../../src/cli/reading/wire';
import { buildSample } from '../../src/sample/sample';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

let subs: Submission[] = [];

beforeAll(async () => {
  const sample = await buildSample('soc-trang');
  for (const f of sample.files)
    subs.push(
      await readSubmission(
        { name: f.name, bytes: f.bytes, receivedOn: f.receivedOn, receivedFrom: 'file-date' },
        sample.plan,
      ),
    );
  for (const dir of ['layouts', 'broken', 'hostile'])
    subs = subs.concat((await readFolder(sample.plan, path.join(FIXTURES, dir), { workers: 1 })).submissions);
}, 120_000);

/** What the pool got before the plain Submission, through zod. */
const before = (sub: Submission) => submissionSchema.parse(structuredClone(sub));
/** What it gets now: the worker's message, cloned as postMessage does, then decoded. */
function after(sub: Submission): Submission {
  const decoded = decodeWorkerReply(structuredClone(encodeReply({ type: 'done', id: 7, submission: sub })));
  if (!decoded.success) throw new Error(decoded.error.message);
  if (decoded.data.type !== 'done') throw new Error(`a reply of type ${decoded.data.type}`);
  expect(decoded.data.id).toBe(7);
  return decoded.data.submission;
}

test('every submission of the sample and of the layouts, broken and hostile fixtures arrives as it did', () => {
  // the fixtures cover what a Submission can hold (so that this test cannot pass on plain ones only)
  expect(subs.length).toBeGreaterThan(40);
  expect(subs.some((s) => s.rejectReason !== null && s.agencyCode !== null)).toBe(true);
  expect(subs.some((s) => !s.readable)).toBe(true);
  expect(subs.some((s) => s.findings.some((f) => f.detail !== undefined))).toBe(true);
  expect(subs.some((s) => s.findings.some((f) => f.sheet === ''))).toBe(true);
  expect(subs.some((s) => s.rows.some((r) => r.status === null))).toBe(true);
  expect(subs.some((s) => s.rows.some((r) => Object.keys(r.indicators).length > 1))).toBe(true);
  expect(subs.some((s) => s.rows.some((r) => r.source.sheet !== 'Báo cáo'))).toBe(true);
  for (const sub of subs) {
    const got = after(sub);
    expect(got).toEqual(before(sub));
    // the consolidation JSON is written from these objects: the same keys in the same order
    expect(JSON.stringify(got)).toBe(JSON.stringify(before(sub)));
  }
});

/** A report from one level down: weights, sources in the lower level's files, its own agencies. */
const upward: Submission = {
  file: 'Bao cao huyen.xlsx',
  sha256: 'ab'.repeat(32),
  size: 20480,
  agencyCode: 'ST-UBND-MX',
  recognisedBy: 'hidden',
  planNumber: '1350/KH-UBND',
  period: '2024',
  reportDate: '2024-06-28',
  receivedOn: '2024-06-30',
  receivedFrom: 'intake-log',
  readable: true,
  rejectReason: null,
  rows: [
    {
      taskCode: '1.1',
      status: 'done',
      result: 'Đã tổ chức 3 lớp tập huấn',
      note: 'Theo báo cáo của 4/5 xã',
      indicators: {
        '2': { value: 4.5, source: { file: 'xa-a.xlsx', sheet: 'Báo cáo', cell: 'F9' }, weight: 4 },
        CT1: { value: 120, source: { file: 'Bao cao huyen.xlsx', sheet: '_tonghop_data', cell: 'D3' } },
      },
      source: { file: 'Bao cao huyen.xlsx', sheet: '_tonghop_data', cell: 'A3' },
    },
  ],
  findings: [
    {
      severity: 'warning',
      code: 'upward.partial',
      file: 'Bao cao huyen.xlsx',
      sheet: '',
      cell: '',
      message: 'Báo cáo cấp dưới chưa đủ.',
      detail: '',
    },
  ],
  ownAgencies: { asOf: '2024-06-28', required: 5, onTime: 3, late: 1, missing: 1, rejected: 0, completeness: 0.8 },
};

test('a report from one level down keeps its weights, its sources in other files and its own agencies', () => {
  expect(after(upward)).toEqual(before(upward));
  expect(JSON.stringify(after(upward))).toBe(JSON.stringify(before(upward)));
});

test('ready and failed replies pass as they are', () => {
  expect(decodeWorkerReply(encodeReply({ type: 'ready' }))).toEqual({ success: true, data: { type: 'ready' } });
  expect(decodeWorkerReply(encodeReply({ type: 'failed', id: 3, message: 'boom' }))).toEqual({
    success: true,
    data: { type: 'failed', id: 3, message: 'boom' },
  });
});

/** The compact form of `upward`, changed by `edit`, as a worker's message. */
function tampered(edit: (wire: unknown[]) => void): unknown {
  const wire = structuredClone(encodeSubmission(upward)) as unknown[];
  edit(wire);
  return { type: 'done', id: 1, submission: wire };
}
const head = (w: unknown[]) => w[2] as unknown[];
const rows = (w: unknown[]) => w[3] as unknown[];

test.each<[string, unknown, RegExp]>([
  ['not a message', 'done', /not a reply/],
  ['no id', { type: 'done', submission: [] }, /not a reply/],
  ['a negative id', { type: 'failed', id: -1, message: 'x' }, /not a reply/],
  [
    'the plain Submission of before (not the compact form)',
    { type: 'done', id: 1, submission: upward },
    /expected \[1,/,
  ],
  [
    'a submission as text',
    { type: 'done', id: 1, submission: JSON.stringify(encodeSubmission(upward)) },
    /expected \[1,/,
  ],
  ['names that are not all text', tampered((w) => (w[1] = ['a.xlsx', 3])), /names must be/],
  ['another version', tampered((w) => (w[0] = 2)), /expected \[1,/],
  ['a status not among the four', tampered((w) => (rows(w)[1] = 'finished')), /rows\[1\].*done\|inProgress/],
  ['a size below zero', tampered((w) => (head(w)[1] = -1)), /head\[1\].*count/],
  ['a date that does not exist', tampered((w) => (head(w)[6] = '2024-06-31')), /head\[6\].*YYYY-MM-DD/],
  ['a name index past the names', tampered((w) => (rows(w)[4] = 99)), /rows\[4\].*name index/],
  [
    'a name index equal to the number of names (one past the last)',
    tampered((w) => (rows(w)[4] = (w[1] as unknown[]).length)),
    /rows\[4\].*name index below/,
  ],
  ['an indicator value as text', tampered((w) => (rows(w)[9] = '4,5')), /rows\[9\].*number/],
  ['a weight of zero', tampered((w) => (rows(w)[13] = 0)), /weight must be a positive number/],
  ['a row cut short', tampered((w) => rows(w).pop()), /rows: ends early/],
  ['a head too long', tampered((w) => head(w).push('x')), /head: longer/],
  ['own agencies without a date', tampered((w) => (w[5] = { required: 5 })), /ownAgencies/],
])('%s is refused, saying what is wrong', (_what, msg, why) => {
  const decoded = decodeWorkerReply(msg);
  expect(decoded.success).toBe(false);
  if (!decoded.success) expect(decoded.error.message).toMatch(why);
});
