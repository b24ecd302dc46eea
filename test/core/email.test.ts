/**
 * Saved e-mails read by the core (readEmail, emailIntake): the fixtures written by Python's `email` package and
 * msgreader's public corpus (test/fixtures/email), and hostile variants made here. What a clerk would notice: the
 * day an e-mail counts from, the names findings give, the plain reason of every refusal, and that nothing hangs.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  type DayKnown,
  type EmailReading,
  type Plan,
  DEFAULT_LIMITS,
  agencyBySender,
  emailAddresses,
  emailIntake,
  limitsFrom,
  parseMailDate,
  planSchema,
  readEmail,
  readSubmission,
  withEmailOrigin,
} from '../../src/core';

const DIR = path.join(__dirname, '..', 'fixtures', 'email', 'submissions');
const MESSY = path.join(__dirname, '..', 'fixtures', 'messy', 'submissions');
const bytesOf = (name: string) => new Uint8Array(fs.readFileSync(path.join(DIR, name)));
const read = (name: string, bytes: Uint8Array = bytesOf(name), limits = DEFAULT_LIMITS) =>
  readEmail(name, bytes, limits);
const refusal = (r: EmailReading) => (r.kind === 'refused' ? r.code : r.kind);

const plan: Plan = planSchema.parse({
  number: '1283/KH-STNMT',
  title: 'Kế hoạch',
  deadline: { kind: 'fixed', date: '2024-07-10' },
  tasks: [{ code: '1', title: 'Tuyên truyền' }],
  agencies: [
    { code: 'LS-SYT', name: 'Sở Y tế', kind: 'department', email: 'syt@langson.gov.vn' },
    { code: 'LS-DTN', name: 'Tỉnh Đoàn', kind: 'organisation', email: 'TinhDoan@langson.gov.vn; vp.td@langson.gov.vn' },
    { code: 'LS-CT', name: 'Sở Công Thương', kind: 'department' },
  ],
});

describe('the Date header, read the same in every engine', () => {
  test.each([
    ['Sun, 30 Jun 2024 18:30:00 +0000', '2024-06-30T18:30:00.000Z'],
    ['Tue, 9 Jul 2024 13:30:00 -0400', '2024-07-09T17:30:00.000Z'],
    ['9 Jul 24 09:15 GMT', '2024-07-09T09:15:00.000Z'],
    ['Wed, 10 Jul 2024 23:59:00 +0700 (ICT)', '2024-07-10T16:59:00.000Z'],
    ['Thu, 04 Dec 2025 04:38:16 GMT', '2025-12-04T04:38:16.000Z'],
    ['Fri, 5 Jul 2024 10:00:00 EDT', '2024-07-05T14:00:00.000Z'],
    // no zone: written in Vietnam
    ['5 Jul 2024 10:00', '2024-07-05T03:00:00.000Z'],
  ])('%s', (header, iso) => {
    expect(new Date(parseMailDate(header) as number).toISOString()).toBe(iso);
  });
  test.each(['', 'hôm qua', '31 Feb 2024 10:00 +0700', '5 Jux 2024 10:00 +0700', '5 Jul 2024 25:00 +0700'])(
    'not a date: "%s"',
    (header) => expect(parseMailDate(header)).toBeNull(),
  );
});

test('addresses are compared without case; the plan may give several for one agency', () => {
  expect(emailAddresses('Sở Y tế <SYT@LangSon.gov.vn>, b@x.vn')).toEqual(['syt@langson.gov.vn', 'b@x.vn']);
  expect(agencyBySender(plan, 'vp.td@langson.gov.vn')?.code).toBe('LS-DTN');
  expect(agencyBySender(plan, 'nobody@langson.gov.vn')).toBeNull();
});

test('attachments keep the e-mail they came in, nested forwards included, Vietnamese names decoded', async () => {
  const fw = await read('Fw bao cao Cao Loc.eml');
  if (fw.kind !== 'email') throw new Error(refusal(fw));
  expect(fw.attachments.map((a) => [a.name, a.fileName, a.workbook, a.origin.from, a.origin.sentAt])).toEqual([
    [
      'Fw bao cao Cao Loc.eml › thư đính kèm.eml › LS-CL.xlsx',
      'LS-CL.xlsx',
      true,
      // the author of the e-mail holding the workbook; the day of the saved e-mail
      'ubndcaoloc@langson.gov.vn',
      '2024-07-11T01:00:00.000Z',
    ],
  ]);
  const tp = await read('UBND TP Lang Son.eml');
  expect(tp.kind === 'email' && tp.attachments.map((a) => a.name)).toEqual([
    'UBND TP Lang Son.eml › Báo cáo UBND thành phố.xlsx',
  ]);
  const dtn = await read('Tinh Doan.eml');
  expect(dtn.kind === 'email' && dtn.attachments.map((a) => [a.fileName, a.workbook])).toEqual([
    ['LS-DTN.xlsx', true],
    ['Công văn 45-TĐ.pdf', false],
  ]);
});

test('tampered e-mails are refused with a plain reason; a looping .msg is refused at once', async () => {
  expect(refusal(await read('thu-hong-base64.eml'))).toBe('email.bad_base64');
  expect(refusal(await read('thu-cat-cut.eml'))).toBe('email.truncated');
  expect(refusal(await read('khong-phai-thu.msg'))).toBe('email.not_msg');
  // msgreader alone runs for ever on this one (its directory's sector chain loops)
  const t = Date.now();
  const loop = await read('outlook-hong.msg');
  expect([refusal(loop), Date.now() - t < 2000]).toEqual(['email.bad_msg', true]);
  const text = new TextEncoder().encode('Kính gửi Sở,\nđây không phải thư.\n');
  expect(await read('ghi-chu.eml', text)).toMatchObject({ kind: 'refused', code: 'email.not_email' });
  expect(await read('rong.eml', new Uint8Array(0))).toMatchObject({ kind: 'refused', code: 'file.empty' });
});

/** attachmentFiles.msg with one change at `at` (a little-endian int32). */
function msgWith(changes: [number, number][]): Uint8Array {
  const b = bytesOf('attachmentFiles.msg').slice();
  const view = new DataView(b.buffer);
  for (const [at, value] of changes) view.setInt32(at, value, true);
  return b;
}

test('compound files that would make a reader loop or allocate without end are refused in milliseconds', async () => {
  const b = bytesOf('attachmentFiles.msg');
  const view = new DataView(b.buffer, b.byteOffset);
  const dir = (view.getInt32(0x30, true) + 1) * 512;
  const variants: [string, [number, number][]][] = [
    ['sector table sectors in the billions', [[0x2c, 0x7fffffff]]],
    ['an extension chain in the billions', [[0x48, 0x7fffffff]]],
    ['a directory entry that is its own sibling', [[dir + 128 + 0x44, 1]]],
    ['a stream declaring 2 GB', [[dir + 128 * findStream(b, dir) + 0x78, 0x7ff00000]]],
  ];
  for (const [what, changes] of variants) {
    const t = Date.now();
    const r = await read('thu.msg', msgWith(changes));
    expect([what, refusal(r), Date.now() - t < 1000]).toEqual([what, 'email.bad_msg', true]);
  }
});

function findStream(b: Uint8Array, dir: number): number {
  for (let i = 1; i < 16; i++) if (b[dir + 128 * i + 0x42] === 2) return i;
  throw new Error('no stream in the first directory sector');
}

test('limits of docs/security.md: the e-mail, its attachments, parts and nesting', async () => {
  const huyen = bytesOf('Cac huyen.eml');
  const lim = (l: Parameters<typeof limitsFrom>[0]) => limitsFrom(l);
  expect(await read('Cac huyen.eml', huyen, lim({ maxEmailBytes: 20_000 }))).toMatchObject({
    code: 'limit.email_size',
    reason: 'Thư nặng 22 KB, vượt giới hạn 20 KB của một thư (kể cả tệp đính kèm); thư không được đọc.',
  });
  expect(refusal(await read('Cac huyen.eml', huyen, lim({ maxAttachments: 1 })))).toBe('limit.attachments');
  expect(refusal(await read('Cac huyen.eml', huyen, lim({ maxEmailParts: 2 })))).toBe('limit.email_parts');
  expect(refusal(await read('Fw bao cao Cao Loc.eml', undefined, lim({ maxEmailNesting: 1 })))).toBe(
    'limit.email_nesting',
  );
  const deep = nested(20);
  expect(refusal(await read('sau.eml', deep))).toBe('limit.mime_depth');
  expect(refusal(await read('sau.eml', nested(10)))).toBe('email');
  // an attachment over the file size limit is refused like any file, with its own size and SHA-256
  const small = lim({ maxFileBytes: 6000 });
  const r = await read('Cac huyen.eml', huyen, small);
  if (r.kind !== 'email') throw new Error(refusal(r));
  const bs = r.attachments[0];
  expect([bs.size, bs.bytes.length, bs.tooLarge?.size]).toEqual([7793, 0, 7793]);
  const sub = await readSubmission(
    { name: bs.name, bytes: bs.bytes, receivedOn: null, receivedFrom: 'email', tooLarge: bs.tooLarge },
    plan,
    small,
  );
  expect([sub.rejectReason, sub.sha256]).toEqual([
    'Tệp nặng 8 KB, vượt giới hạn 6 KB (đổi bằng --max-file-size); tệp không được đọc.',
    createHash('sha256')
      .update(fs.readFileSync(path.join(MESSY, 'LS-BS.xlsx')))
      .digest('hex'),
  ]);
});

/** A multipart e-mail nested `depth` levels deep. */
function nested(depth: number): Uint8Array {
  let body = 'Content-Type: text/plain\r\n\r\nxin chao\r\n';
  for (let i = depth; i > 0; i--)
    body = `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n${body}--b${i}--\r\n`;
  return new TextEncoder().encode(`From: a@b.vn\r\nDate: Tue, 9 Jul 2024 10:00:00 +0700\r\n${body}`);
}

test('a workbook saved under an e-mail name is read as the workbook it is', async () => {
  const xlsx = new Uint8Array(fs.readFileSync(path.join(MESSY, 'LS-TP.xlsx')));
  expect(await read('bao cao.eml', xlsx)).toEqual({ kind: 'workbook' });
});

describe('the intake of one e-mail', () => {
  const none: DayKnown = { registered: () => null, fileDay: '2024-07-20' };

  test('the received day: the register, else the e-mail Date (Vietnam time), else the e-mail file', async () => {
    const r = await read('So Y te - bao cao.eml');
    if (r.kind !== 'email') throw new Error(refusal(r));
    const file = { name: 'So Y te - bao cao.eml', bytes: bytesOf('So Y te - bao cao.eml') };
    const day = async (known: DayKnown) => {
      const i = await emailIntake(file, r, plan, known);
      return [i.workbooks[0].input.receivedOn, i.workbooks[0].input.receivedFrom];
    };
    expect(await day(none)).toEqual(['2024-07-01', 'email']);
    const logged: DayKnown = {
      registered: (names) => (names.indexOf('LS-SYT.xlsx') >= 0 ? '2024-07-03' : null),
      fileDay: null,
    };
    expect(await day(logged)).toEqual(['2024-07-03', 'intake-log']);
    const noDate = await read(
      'x.eml',
      new TextEncoder().encode(
        'From: syt@langson.gov.vn\r\nSubject: bc\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n' +
          'Content-Type: application/octet-stream; name="LS-SYT.xlsx"\r\nContent-Transfer-Encoding: base64\r\n\r\nUEsDBA==\r\n--b--\r\n',
      ),
    );
    if (noDate.kind !== 'email') throw new Error(refusal(noDate));
    const i = await emailIntake({ name: 'x.eml', bytes: new Uint8Array(1) }, noDate, plan, none);
    expect([i.workbooks[0].input.receivedOn, i.workbooks[0].input.receivedFrom]).toEqual(['2024-07-20', 'file-date']);
    expect(i.workbooks[0].findings.map((f) => [f.code, f.file])).toEqual([['email.no_date', 'x.eml › LS-SYT.xlsx']]);
  });

  test('an e-mail without a workbook is one rejected line, its agency found by the sender', async () => {
    const sct = await read('So Cong Thuong.eml');
    if (sct.kind !== 'email') throw new Error(refusal(sct));
    const withCt = planSchema.parse({
      ...plan,
      agencies: [...plan.agencies.slice(0, 2), { ...plan.agencies[2], email: 'sct@langson.gov.vn' }],
    });
    const i = await emailIntake(
      { name: 'So Cong Thuong.eml', bytes: bytesOf('So Cong Thuong.eml') },
      sct,
      withCt,
      none,
    );
    expect(i.workbooks).toEqual([]);
    expect(
      i.listed.map((s) => [s.file, s.agencyCode, s.recognisedBy, s.receivedOn, s.findings.map((f) => f.code)]),
    ).toEqual([['So Cong Thuong.eml', 'LS-CT', 'sender', '2024-07-08', ['email.no_workbook']]]);
  });

  test("a sender other than the plan's address is a warning on the file, none when the plan gives no address", async () => {
    const origin = { file: 'a.eml', from: 'tinhdoan.ls@gmail.com', sentAt: null, subject: '' };
    const sub = (code: string) => ({ ...emptySub(), agencyCode: code });
    expect(withEmailOrigin(sub('LS-DTN'), origin, plan).findings.map((f) => f.code)).toEqual(['email.sender_mismatch']);
    expect(withEmailOrigin(sub('LS-DTN'), { ...origin, from: 'tinhdoan@langson.gov.vn' }, plan).findings).toEqual([]);
    expect(withEmailOrigin(sub('LS-CT'), origin, plan).findings).toEqual([]);
    const other = withEmailOrigin(sub('LS-DTN'), { ...origin, from: 'syt@langson.gov.vn' }, plan).findings[0].message;
    expect(other).toMatch(/gửi từ syt@langson\.gov\.vn \(địa chỉ của Sở Y tế trong kế hoạch\)/);
  });
});

function emptySub() {
  return {
    file: 'a.eml › a.xlsx',
    sha256: '',
    size: 0,
    agencyCode: null as string | null,
    recognisedBy: null,
    planNumber: null,
    period: null,
    reportDate: null,
    receivedOn: null,
    receivedFrom: 'email' as const,
    readable: true,
    rejectReason: null,
    rows: [],
    findings: [],
  };
}
