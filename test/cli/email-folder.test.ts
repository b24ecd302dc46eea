/**
 * Saved e-mails in the submissions folder (test/fixtures/email: .eml written by Python's `email` package, .msg of
 * msgreader's public corpus; see make_email_fixtures.py and corpus/SOURCES.md), consolidated as
 * `tonghop consolidate plan.xlsx dir --as-of 15/07/2024` does it. Every file's own date is set to 12/07/2024,
 * after the deadline (10/07): a report counted on time was counted from its e-mail's Date, not from the file.
 */
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import type { ConsolidationJson } from '../../src/core';
import { setFileDate } from '../../src/cli/files/inputs';
import { runCli } from '../helpers/cli';
import { PYTHON, requireOpenpyxl, requireSoffice } from '../helpers/tools';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'email');
const PLAN = path.join(FIXTURES, 'plan.xlsx');

let tmp: string;

async function folder(extra: (dir: string) => Promise<void> = async () => undefined): Promise<string> {
  const dir = await fs.mkdtemp(path.join(tmp, 'sub-'));
  for (const f of await fs.readdir(path.join(FIXTURES, 'submissions'))) {
    await fs.copyFile(path.join(FIXTURES, 'submissions', f), path.join(dir, f));
    await setFileDate(path.join(dir, f), '2024-07-12');
  }
  await extra(dir);
  return dir;
}

async function consolidate(dir: string, more: string[] = []): Promise<ConsolidationJson> {
  const json = path.join(tmp, `${path.basename(dir)}.json`);
  const run = await runCli(['consolidate', PLAN, dir, '--as-of', '2024-07-15', '--json', json, ...more]);
  expect(run.err).not.toMatch(/Lỗi không mong đợi/);
  expect(run.code).toBe(0);
  return JSON.parse(await fs.readFile(json, 'utf8')) as ConsolidationJson;
}

const row = (c: ConsolidationJson, file: string) => {
  const found = c.intake.filter((e) => e.file === file);
  expect(found.map((e) => e.file)).toEqual([file]);
  return found[0];
};
const status = (c: ConsolidationJson, code: string) => c.agencies.find((a) => a.code === code);

let c: ConsolidationJson;
let summary: string;

beforeAll(async () => {
  requireSoffice(); // the .xls attached to "So Nong nghiep.eml" is converted as the folder's .xls are
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'tonghop-email-'));
  const dir = await folder();
  summary = path.join(dir, 'tong-hop.xlsx'); // beside the e-mails: its links are the e-mails' names
  c = await consolidate(dir, ['-o', summary]);
}, 120_000);

afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

test('each workbook attached is a submission named after its e-mail, received the day the e-mail was sent', () => {
  const received = (file: string) => {
    const e = row(c, file);
    return [e.agencyCode, e.receivedOn, e.receivedFrom, e.verdict, e.email?.file];
  };
  // 30/06/2024 18:30 UTC is 01/07 in Vietnam
  expect(received('So Y te - bao cao.eml › LS-SYT.xlsx')).toEqual([
    'LS-SYT',
    '2024-07-01',
    'email',
    'accepted',
    'So Y te - bao cao.eml',
  ]);
  // 09/07 13:30 -0400 is 10/07 00:30 in Vietnam; the attachment's name was encoded (RFC 2231)
  expect(received('UBND TP Lang Son.eml › Báo cáo UBND thành phố.xlsx')).toEqual([
    'LS-TP',
    '2024-07-10',
    'email',
    'accepted',
    'UBND TP Lang Son.eml',
  ]);
  // a forward: the saved e-mail's Date (11/07), the district's e-mail named in between
  expect(received('Fw bao cao Cao Loc.eml › thư đính kèm.eml › LS-CL.xlsx')).toEqual([
    'LS-CL',
    '2024-07-11',
    'email',
    'accepted',
    'Fw bao cao Cao Loc.eml',
  ]);
  expect(received('Cac huyen.eml › LS-BS.xlsx')).toEqual(['LS-BS', '2024-07-09', 'email', 'accepted', 'Cac huyen.eml']);
  expect(received('Cac huyen.eml › LS-CG.xlsx')).toEqual(['LS-CG', '2024-07-09', 'email', 'accepted', 'Cac huyen.eml']);
  expect(received('Tinh Doan.eml › LS-DTN.xlsx')).toEqual([
    'LS-DTN',
    '2024-07-10',
    'email',
    'accepted',
    'Tinh Doan.eml',
  ]);
  // the legacy .xls converted by LibreOffice, as a file of the folder is
  expect(received('So Nong nghiep.eml › LS-SNN.xls')).toEqual([
    'LS-SNN',
    '2024-07-05',
    'email',
    'accepted',
    'So Nong nghiep.eml',
  ]);
  expect(c.findings.filter((f) => f.file === 'So Nong nghiep.eml › LS-SNN.xls').map((f) => f.code)).toContain(
    'file.converted',
  );
});

test("the agencies are on time or late by the e-mails' days (every file on disk says 12/07, after the deadline)", () => {
  const of = (code: string) => [status(c, code)?.status, status(c, code)?.daysLate ?? null];
  for (const code of ['LS-SYT', 'LS-TP', 'LS-DTN', 'LS-SNN', 'LS-BS', 'LS-CG'])
    expect(of(code)).toEqual(['on_time', null]);
  expect(of('LS-CL')).toEqual(['late', 1]);
  // an e-mail without a workbook: listed, put down to its sender's agency
  expect(of('LS-SCT')).toEqual(['rejected', null]);
  expect(row(c, 'So Cong Thuong.eml')).toMatchObject({ agencyCode: 'LS-SCT', recognisedBy: 'sender' });
});

test('the Outlook message of the public corpus: its workbook read, on the day Outlook stored (no Date header)', () => {
  const a = row(c, 'Huu Lung (Outlook).msg › A.docx');
  expect([a.agencyCode, a.receivedOn, a.receivedFrom, a.verdict]).toEqual([
    'LS-HL',
    '2025-08-06',
    'email',
    'after_as_of',
  ]);
  // the other three (Word files) listed, not read, with no agency
  for (const other of ['B.docx', 'C.docx', 'D.docx'])
    expect(row(c, `Huu Lung (Outlook).msg › ${other}`)).toMatchObject({ agencyCode: null, rows: 0, findings: 0 });
  // as published: received 01/11/2023 09:48 +0900 (07:48 in Vietnam), three pictures, no workbook
  const pictures = row(c, 'attachmentFiles.msg');
  expect([pictures.receivedOn, pictures.receivedFrom, pictures.verdict]).toEqual(['2023-11-01', 'email', 'rejected']);
  expect(pictures.reason).toBe(
    'Thư không có bảng tính báo cáo đính kèm (chỉ đính kèm: jpg.jpg, png.png, tif.tif): đề nghị đơn vị gửi lại kèm tệp Excel.',
  );
  expect(pictures.email?.from).toBe('hmailuser@hmailserver.test');
});

test("a sender that is not the agency's address in the plan is a warning naming both, never a refusal", () => {
  const warned = c.findings.filter((f) => f.code === 'email.sender_mismatch').map((f) => [f.severity, f.file]);
  expect(warned).toEqual([
    ['warning', 'Cac huyen.eml › LS-BS.xlsx'],
    ['warning', 'Cac huyen.eml › LS-CG.xlsx'],
    ['warning', 'Tinh Doan.eml › LS-DTN.xlsx'],
  ]);
  expect(
    c.findings.find((f) => f.file === 'Tinh Doan.eml › LS-DTN.xlsx' && f.code === 'email.sender_mismatch')?.message,
  ).toBe(
    'Thư "Tinh Doan.eml" gửi từ tinhdoan.ls@gmail.com, không phải địa chỉ của Tỉnh Đoàn Lạng Sơn trong kế hoạch (tinhdoan@langson.gov.vn, vanphong.tinhdoan@langson.gov.vn): kiểm tra báo cáo có đúng do đơn vị gửi không.',
  );
});

test('every e-mail and every attachment has its line in the intake; other attachments are listed, not read', async () => {
  const onDisk = await fs.readdir(path.join(FIXTURES, 'submissions'));
  const emails = new Set(c.intake.map((e) => e.file.split(' › ')[0]));
  expect([...emails].sort()).toEqual([...onDisk].sort());
  const pdf = row(c, 'Tinh Doan.eml › Công văn 45-TĐ.pdf');
  expect([pdf.verdict, pdf.agencyCode, pdf.receivedOn]).toEqual(['rejected', null, '2024-07-10']);
  // a listed attachment is no problem to report
  expect(c.findings.filter((f) => f.file === pdf.file)).toEqual([]);
});

test('a tampered e-mail is refused with its reason, the rest of the folder read', () => {
  const refused = (file: string) => {
    const e = row(c, file);
    const f = c.findings.find((x) => x.file === file);
    return [e.verdict, e.receivedFrom, f?.severity, f?.code, e.reason];
  };
  expect(refused('thu-hong-base64.eml')).toEqual([
    'rejected',
    'file-date',
    'error',
    'email.bad_base64',
    'Thư hỏng: một phần của thư (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet) mã hóa base64 không hợp lệ hoặc bị cắt cụt; đề nghị đơn vị gửi lại.',
  ]);
  expect(refused('thu-cat-cut.eml')).toEqual([
    'rejected',
    'file-date',
    'error',
    'email.truncated',
    'Thư bị cắt cụt: khối MIME không có dòng kết thúc (tệp có thể tải về hoặc chép chưa hết); đề nghị đơn vị gửi lại.',
  ]);
  expect(refused('khong-phai-thu.msg').slice(0, 4)).toEqual(['rejected', 'file-date', 'error', 'email.not_msg']);
  expect(refused('outlook-hong.msg').slice(0, 4)).toEqual(['rejected', 'file-date', 'error', 'email.bad_msg']);
});

test('the register (Sổ tiếp nhận) comes before the e-mail Date: it may name the attachment or the e-mail', async () => {
  requireOpenpyxl();
  const dir = await folder(async (d) => {
    const script =
      'import sys, datetime as dt\nfrom openpyxl import Workbook\nwb = Workbook(); ws = wb.active\n' +
      "ws.append(['Tên tệp', 'Ngày nhận'])\nws.append(['LS-DTN.xlsx', dt.date(2024, 7, 14)])\n" +
      "ws.append(['So Y te - bao cao.eml', dt.date(2024, 7, 13)])\nwb.save(sys.argv[1])\n";
    execFileSync(PYTHON, ['-c', script, path.join(d, 'Sổ tiếp nhận.xlsx')]);
    await fs.rm(path.join(d, 'So Nong nghiep.eml')); // no LibreOffice run here
  });
  const r = await consolidate(dir);
  const day = (file: string) => [row(r, file).receivedOn, row(r, file).receivedFrom];
  expect(day('Tinh Doan.eml › LS-DTN.xlsx')).toEqual(['2024-07-14', 'intake-log']);
  expect(day('So Y te - bao cao.eml › LS-SYT.xlsx')).toEqual(['2024-07-13', 'intake-log']);
  expect([status(r, 'LS-DTN')?.status, status(r, 'LS-DTN')?.daysLate]).toEqual(['late', 4]);
  // neither row names a file the folder does not hold
  expect(r.findings.filter((f) => f.code === 'intake.file_absent')).toEqual([]);
}, 120_000);

test('an oversized e-mail is refused unread; an attachment goes through the file size limit', async () => {
  const dir = await folder(async (d) => {
    const head = 'From: a@b.vn\r\nDate: Tue, 09 Jul 2024 10:00:00 +0700\r\nSubject: big\r\n\r\n';
    await fs.writeFile(path.join(d, 'qua-lon.eml'), head + 'x'.repeat(41 * 1024 * 1024));
    await setFileDate(path.join(d, 'qua-lon.eml'), '2024-07-12');
    await fs.rm(path.join(d, 'So Nong nghiep.eml')); // no LibreOffice run here
  });
  const r = await consolidate(dir, ['--max-file-size', '0.007']);
  const big = row(r, 'qua-lon.eml');
  expect([big.verdict, big.reason]).toEqual([
    'rejected',
    'Thư nặng 41 MB, vượt giới hạn 40 MB của một thư (kể cả tệp đính kèm); thư không được đọc.',
  ]);
  // LS-SYT.xlsx is 7,788 bytes, over 0.007 MB (7,340 bytes); LS-TP's 5,719 bytes are read
  const syt = row(r, 'So Y te - bao cao.eml › LS-SYT.xlsx');
  expect([syt.verdict, syt.size, r.findings.find((f) => f.file === syt.file)?.code]).toEqual([
    'rejected',
    7788,
    'limit.file_size',
  ]);
  expect(row(r, 'UBND TP Lang Son.eml › Báo cáo UBND thành phố.xlsx').verdict).toBe('accepted');
}, 120_000);

test("in the summary, an attachment's line and its findings link to the e-mail it came in", async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(summary);
  const links = (sheet: string, col: number) => {
    const out = new Map<string, string>();
    wb.getWorksheet(sheet)!.eachRow((r) => {
      const cell = r.getCell(col);
      if (typeof cell.hyperlink === 'string') out.set(cell.text, cell.hyperlink);
    });
    return out;
  };
  const intake = links('Sổ tiếp nhận', 1);
  expect(intake.get('Fw bao cao Cao Loc.eml › thư đính kèm.eml › LS-CL.xlsx')).toBe('Fw bao cao Cao Loc.eml');
  expect(intake.get('attachmentFiles.msg')).toBe('attachmentFiles.msg');
  const findings = links('Lỗi dữ liệu', 3);
  expect([...findings.entries()].filter(([text]) => text.startsWith('Tinh Doan.eml'))).toEqual([
    [expect.stringContaining('Tinh Doan.eml › LS-DTN.xlsx'), 'Tinh Doan.eml'],
  ]);
});
