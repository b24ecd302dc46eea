/**
 * The intake the pane keeps in the workbook: what goes in comes back the same (submissions, received days typed by
 * the clerk, the plan, the register's dates); the cells stay under Excel's limit; a store that was edited by hand,
 * damaged or written by a newer tonghop is refused with a plain reason, never half read.
 */
import {
  type StoreCells,
  type StoredIntake,
  INTAKE_STORE_CHUNK,
  decodeIntakeStore,
  encodeIntakeStore,
} from '../../src/core/intake/intake-store';
import { type Submission, finding, readSubmission } from '../../src/core';
import { buildSample } from '../../src/sample/sample';

let intake: StoredIntake;

beforeAll(async () => {
  const sample = await buildSample('soc-trang');
  const subs: Submission[] = [];
  for (const f of sample.files.slice(0, 12))
    subs.push(
      await readSubmission(
        { name: f.name, bytes: f.bytes, receivedOn: f.receivedOn, receivedFrom: 'file-date' },
        sample.plan,
      ),
    );
  subs[1] = { ...subs[1], receivedOn: '2024-06-28', receivedFrom: 'entered' };
  intake = {
    plan: sample.plan,
    files: subs.map((submission, i) => ({
      submission,
      modified: 1719000000000 + i,
      entered: i === 1 ? '2024-06-28' : null,
      ...(i === 2 ? { fromEmail: 'Báo cáo Sở Y tế.eml' } : {}),
    })),
    log: {
      name: 'Sổ tiếp nhận.xlsx',
      size: 5120,
      modified: null,
      dates: new Map([['st-syt.xlsx', '2024-06-29']]),
      findings: [
        finding('warning', 'intake.file_absent', 'Sổ tiếp nhận ghi tệp không có.', { file: 'Sổ tiếp nhận.xlsx' }),
      ],
    },
  };
});

const copy = (cells: StoreCells): StoreCells => cells.map((r) => [...r]);

test('what is stored comes back the same: files, typed days, the e-mail a file came from, the plan, the register', async () => {
  const cells = await encodeIntakeStore(intake);
  const back = await decodeIntakeStore(cells);
  expect(back.ok).toBe(true);
  if (!back.ok) return;
  expect(back.intake.plan).toEqual(intake.plan);
  expect(back.intake.files).toEqual(intake.files);
  expect(back.intake.files[1].submission.receivedOn).toBe('2024-06-28');
  expect(back.intake.files[1].entered).toBe('2024-06-28');
  expect(back.intake.files[2].fromEmail).toBe('Báo cáo Sở Y tế.eml');
  expect(back.intake.log).toEqual(intake.log);
  // compressed: far smaller than the submissions' JSON
  const json = JSON.stringify(intake.files.map((f) => f.submission)).length;
  const stored = cells.slice(1).reduce((n, r) => n + String(r[0]).length, 0);
  console.log(`12 submissions: ${json} characters of JSON, ${stored} stored`);
  expect(stored).toBeLessThan(json / 4);
});

test('a large intake is cut into cells Excel accepts (at most 32,767 characters)', async () => {
  // results nobody else wrote: text that does not compress away
  let seed = 7;
  const noise = () =>
    Array.from({ length: 400 }, () => String.fromCharCode(0x61 + ((seed = (seed * 48271) % 2147483647) % 26))).join('');
  const many = {
    ...intake,
    files: Array.from({ length: 200 }, (_, i) => {
      const s = intake.files[i % intake.files.length].submission;
      return {
        submission: { ...s, file: `f${i}.xlsx`, rows: s.rows.map((r) => ({ ...r, result: noise() })) },
        modified: null,
        entered: null,
      };
    }),
  };
  const cells = await encodeIntakeStore(many);
  expect(cells.length).toBeGreaterThan(3);
  expect(cells[0][2]).toBe(cells.length - 1);
  for (const r of cells.slice(1)) expect(String(r[0]).length).toBeLessThanOrEqual(INTAKE_STORE_CHUNK);
  expect(INTAKE_STORE_CHUNK).toBeLessThan(32767);
  const back = await decodeIntakeStore(cells);
  expect(back.ok && back.intake.files.map((f) => f.submission.file)).toEqual(many.files.map((f) => f.submission.file));
});

test('a cell edited by hand, a cell removed or a row added is refused, with a reason naming the sheet', async () => {
  const cells = await encodeIntakeStore(intake);
  const edited = copy(cells);
  const text = String(edited[1][0]);
  edited[1][0] = text.slice(0, 100) + (text[100] === 'A' ? 'B' : 'A') + text.slice(101);
  const r1 = await decodeIntakeStore(edited);
  expect(r1).toEqual({ ok: false, problem: 'edited', message: expect.stringContaining('tonghop (tệp đã nhận)') });
  expect(!r1.ok && r1.message).toMatch(/bị sửa hoặc hỏng/);

  const removed = copy(cells).slice(0, -1);
  expect(await decodeIntakeStore(removed)).toMatchObject({ ok: false, problem: 'edited' });
  const added = [...copy(cells), ['thêm một dòng']];
  expect(await decodeIntakeStore(added)).toMatchObject({ ok: false, problem: 'edited' });
  // empty rows below (Excel's used range may reach further) are not an edit
  const padded = [...copy(cells), [''], [null as unknown as string]];
  expect((await decodeIntakeStore(padded)).ok).toBe(true);
});

test('a store written by a newer tonghop is refused: update tonghop', async () => {
  const cells = copy(await encodeIntakeStore(intake));
  cells[0][1] = 2;
  const r = await decodeIntakeStore(cells);
  expect(r).toMatchObject({ ok: false, problem: 'newer' });
  expect(!r.ok && r.message).toMatch(/mới hơn.*cập nhật tonghop/);
});

test('a sheet that is not tonghop’s, a broken header, bytes that do not inflate, a payload that is not an intake', async () => {
  expect(await decodeIntakeStore([['Ghi chú của tôi']])).toMatchObject({ ok: false, problem: 'not-ours' });
  const cells = copy(await encodeIntakeStore(intake));
  cells[0][2] = 'ba';
  expect(await decodeIntakeStore(cells)).toMatchObject({ ok: false, problem: 'damaged' });

  // consistent checksum, content that is not what tonghop writes: refused as damaged, never read
  const { sha256Hex } = await import('../../src/core/intake/submission-read');
  const forge = async (text: string): Promise<StoreCells> => [
    ['tonghop-intake', 1, 1, text.length, await sha256Hex(new TextEncoder().encode(text)), ''],
    [text],
  ];
  expect(await decodeIntakeStore(await forge('QUJD'))).toMatchObject({ ok: false, problem: 'damaged' });
  const { deflateSync, strToU8 } = await import('fflate');
  const { encodeBase64 } = await import('../../src/core/intake/base64');
  const bad = encodeBase64(
    deflateSync(strToU8(JSON.stringify({ plan: intake.plan, files: [{ name: 1 }], log: null }))),
  );
  const r = await decodeIntakeStore(await forge(bad));
  expect(r).toMatchObject({ ok: false, problem: 'damaged' });
  expect(!r.ok && r.message).toMatch(/files\.0/);
});

test('a large intake is encoded in slices the page can answer between, into the same cells as at once', async () => {
  // 600 files (the sample's twelve, renamed): some megabytes of JSON, more than one slice of work
  const many: StoredIntake = {
    ...intake,
    files: Array.from({ length: 600 }, (_, i) => {
      const f = intake.files[i % intake.files.length];
      return { ...f, submission: { ...f.submission, file: `${i}-${f.submission.file}` } };
    }),
  };
  let pauses = 0;
  const sliced = await encodeIntakeStore(many, async () => {
    pauses++;
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
  expect(pauses).toBeGreaterThan(1);
  expect(sliced).toEqual(await encodeIntakeStore(many));
  const back = await decodeIntakeStore(sliced);
  expect(back.ok && back.intake.files.map((f) => f.submission.file)).toEqual(many.files.map((f) => f.submission.file));
});
