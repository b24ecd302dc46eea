/**
 * Reminders: the letter read back with mammoth (not a regex on the zip), the sheet `Đôn đốc` with
 * ExcelJS, and the .eml drafts.
 */
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { type Consolidation, type Plan, consolidate, readSubmission } from '../../src/core';
import { buildSample } from '../../src/sample/sample';
import { REMINDER_SHEET, buildReminders, lateNotices, reminderTargets } from '../../src/core/report';

let plan: Plan;
let c: Consolidation;
beforeAll(async () => {
  const sample = await buildSample('soc-trang');
  const emails: Record<string, string> = {
    'ST-CAT': 'congan@soctrang.gov.vn',
    'ST-HLHPN': 'hoiphunu@soctrang.gov.vn',
    'ST-HTD': 'ubnd.tranDe@soctrang.gov.vn',
    'ST-LDLD': 'not an email',
  };
  plan = {
    ...sample.plan,
    agencies: sample.plan.agencies.map((a) => ({
      ...a,
      email: emails[a.code] ?? '',
      name: a.code === 'ST-HTD' ? 'UBND huyện Trần Đề\r\nBcc: all@example.com' : a.name,
    })),
  };
  const subs = await Promise.all(
    sample.files.map((f) =>
      readSubmission({ name: f.name, bytes: f.bytes, receivedOn: f.receivedOn, receivedFrom: 'file-date' }, plan),
    ),
  );
  c = consolidate(plan, subs, { asOf: sample.asOf });
});

test('who is reminded: missing, rejected, and reports still missing tasks', () => {
  const targets = reminderTargets(c, plan);
  const expected = c.agencies
    .filter((a) => a.status === 'missing' || a.status === 'rejected' || a.missingTasks.length > 0)
    .map((a) => a.code);
  expect(targets.map((t) => t.code)).toEqual(expected);
  expect(targets.map((t) => t.code)).toEqual([
    'ST-CAT',
    'ST-BQLDA1',
    'ST-LDLD',
    'ST-HCCB',
    'ST-HLHPN',
    'ST-HNNCDDC',
    'ST-HCLD',
    'ST-HTD',
  ]);
  const by = Object.fromEntries(targets.map((t) => [t.code, t]));
  expect(by['ST-CAT']).toMatchObject({ status: 'missing', daysOverdue: 15, missing: 'Chưa gửi báo cáo' });
  expect(by['ST-HCCB'].missing).toMatch(/^Báo cáo đã gửi không sử dụng được \(.+\); đề nghị gửi lại$/);
  expect(by['ST-HLHPN'].missing).toMatch(/^Còn thiếu nhiệm vụ: 1 \(Truyền thông/);
});

test('the letter, read back with mammoth: administrative header, V/v, Kính gửi with every agency, plan, deadline, new date, signature', async () => {
  const { docx } = await buildReminders(c, plan, {
    newDeadline: '2024-07-25',
    reportNumber: '1502/STNMT-MT',
    documentDate: '2024-07-16',
  });
  const { value } = await mammoth.extractRawText({ buffer: Buffer.from(docx) });
  const lines = value
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const at = (s: string) => lines.indexOf(s);
  for (const s of [
    'UBND TỈNH SÓC TRĂNG',
    'SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG',
    'Số: 1502/STNMT-MT',
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    'Sóc Trăng, ngày 16 tháng 7 năm 2024',
    'Kính gửi:',
    'Nơi nhận:',
    'KT. GIÁM ĐỐC',
    'PHÓ GIÁM ĐỐC',
    'Nguyễn Thị Thùy Nhi',
  ]) {
    expect([s, at(s) >= 0]).toEqual([s, true]);
  }
  expect(lines).toContain('V/v đôn đốc báo cáo kết quả thực hiện Kế hoạch số 1350/STNMT-MT');
  expect(at('UBND TỈNH SÓC TRĂNG')).toBeLessThan(at('Kính gửi:'));
  expect(at('Kính gửi:')).toBeLessThan(at('Nơi nhận:'));
  // every agency under Kính gửi, one per line, ";" then "." on the last
  const targets = reminderTargets(c, plan);
  const kg = lines.slice(at('Kính gửi:') + 1, at('Kính gửi:') + 1 + targets.length);
  expect(kg).toEqual(targets.map((t, i) => `- ${t.name.replace(/\s+/g, ' ')}${i === targets.length - 1 ? '.' : ';'}`));
  expect(value).toContain('Kế hoạch số 1350/STNMT-MT ngày 22/05/2024 của Sở Tài nguyên và Môi trường tỉnh Sóc Trăng');
  expect(value).toContain('trước ngày 30/06/2024');
  expect(value).toContain('Đến ngày 15/07/2024');
  expect(value).toContain('trước ngày 25/07/2024');
  expect(lines).toContain('- UBND tỉnh Sóc Trăng (để báo cáo);');
  expect(lines).toContain('- Lưu: VT.');
  // the table lists what is missing and the days overdue
  expect(value).toContain('Nội dung còn thiếu');
  expect(value).toContain('Chưa gửi báo cáo');
});

test('the letter uses Times New Roman, A4 and the decree margins (read with mammoth-readable docx, checked in document.xml settings)', async () => {
  const { docx } = await buildReminders(c, plan);
  const html = (await mammoth.convertToHtml({ buffer: Buffer.from(docx) })).value;
  expect(html).toContain('<table>');
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(docx);
  const doc = await zip.file('word/document.xml')!.async('string');
  const pg = /<w:pgSz[^>]*w:w="(\d+)"[^>]*w:h="(\d+)"/.exec(doc)!;
  expect([Math.round(+pg[1] / 56.7), Math.round(+pg[2] / 56.7)]).toEqual([210, 297]);
  const mar = /<w:pgMar([^>]*)>/.exec(doc)![1];
  const get = (k: string) => Math.round(Number(new RegExp(`w:${k}="(\\d+)"`).exec(mar)![1]) / 56.7);
  expect([get('top'), get('bottom'), get('left'), get('right')]).toEqual([20, 20, 30, 15]);
  const styles = await zip.file('word/styles.xml')!.async('string');
  expect(styles).toContain('w:ascii="Times New Roman"');
  // place and date without a given date: dotted day and month, year of the data
  const { value } = await mammoth.extractRawText({ buffer: Buffer.from(docx) });
  expect(value).toContain('Sóc Trăng, ngày …… tháng …… năm 2024');
  expect(value).toContain('trước ngày 22/07/2024'); // default: 7 days after the as-of date
});

test('the sheet "Đôn đốc": agency, email, deadline, days overdue, what is missing', async () => {
  const { sheet } = await buildReminders(c, plan, { newDeadline: '2024-07-25' });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(sheet.buffer.slice(sheet.byteOffset, sheet.byteOffset + sheet.byteLength) as ArrayBuffer);
  const ws = wb.getWorksheet(REMINDER_SHEET)!;
  let header = 0;
  ws.eachRow((row, n) => {
    if (row.getCell(1).value === 'STT') header = n;
  });
  expect(header).toBeGreaterThan(0);
  const headers = (ws.getRow(header).values as unknown[]).slice(1);
  expect(headers).toEqual([
    'STT',
    'Mã đơn vị',
    'Cơ quan, đơn vị',
    'Email',
    'Hạn báo cáo',
    'Số ngày quá hạn',
    'Tình trạng',
    'Nội dung còn thiếu',
    'Hạn mới',
  ]);
  // those who still owe something, then those who reported late (the sheet records every agency late as of the date)
  const targets = [...reminderTargets(c, plan), ...lateNotices(c, plan)];
  expect(lateNotices(c, plan).map((t) => t.code)).toEqual([
    'ST-SGTVT',
    'ST-SLDTBXH',
    'ST-BQLDA2',
    'ST-HND',
    'ST-TXNN',
    'ST-HMT',
  ]);
  expect(lateNotices(c, plan)[0]).toMatchObject({
    daysOverdue: 3,
    missing: 'Đã nộp muộn 3 ngày (nhận ngày 03/07/2024); không còn thiếu',
  });
  targets.forEach((t, i) => {
    const row = ws.getRow(header + 1 + i);
    expect([
      row.getCell(2).value,
      row.getCell(4).value ?? '',
      row.getCell(5).value,
      row.getCell(6).value,
      row.getCell(8).value,
    ]).toEqual([t.code, t.email, new Date('2024-06-30T00:00:00Z'), t.daysOverdue, t.missing]);
  });
});

test('.eml drafts: one per agency with a valid email, encoded subject, no header injection', async () => {
  const { emails } = await buildReminders(c, plan, { newDeadline: '2024-07-25' });
  expect(emails.map((e) => [e.agencyCode, e.to, e.fileName])).toEqual([
    ['ST-CAT', 'congan@soctrang.gov.vn', 'ST-CAT.eml'],
    ['ST-HLHPN', 'hoiphunu@soctrang.gov.vn', 'ST-HLHPN.eml'],
    ['ST-HTD', 'ubnd.tranDe@soctrang.gov.vn', 'ST-HTD.eml'],
  ]);
  const eml = emails[0].eml;
  const head = eml.slice(0, eml.indexOf('\r\n\r\n'));
  const body = eml.slice(eml.indexOf('\r\n\r\n') + 4);
  const headers = head.split('\r\n');
  expect(headers).toContain('To: congan@soctrang.gov.vn');
  expect(headers).toContain('X-Unsent: 1');
  const subject = headers.find((h) => h.startsWith('Subject: '))!;
  const m = /^Subject: =\?UTF-8\?B\?(.+)\?=$/.exec(subject)!;
  expect(Buffer.from(m[1], 'base64').toString('utf8')).toBe(
    'Đôn đốc báo cáo kết quả thực hiện Kế hoạch số 1350/STNMT-MT',
  );
  expect(body).toContain('Kính gửi: Công an tỉnh');
  expect(body).toContain('trước ngày 25/07/2024');
  expect(body.split('\r\n').every((l) => l.length <= 76)).toBe(true);
  // a name with a line break does not become a header
  const htd = emails[2].eml.split('\r\n\r\n')[0].split('\r\n');
  expect(htd.some((h) => h.startsWith('Bcc:'))).toBe(false);
  expect(htd.map((h) => h.split(':')[0])).toEqual([
    'To',
    'Subject',
    'MIME-Version',
    'Content-Type',
    'Content-Transfer-Encoding',
    'X-Unsent',
  ]);
});

test('more than 12 agencies: "Kính gửi" names the list, the table carries every agency', async () => {
  const early = consolidate(plan, [], { asOf: '2024-07-01' });
  const targets = reminderTargets(early, plan);
  expect(targets).toHaveLength(38);
  expect(targets.every((t) => t.daysOverdue === 1 && t.missing === 'Chưa gửi báo cáo')).toBe(true);
  const { docx } = await buildReminders(early, plan);
  const { value } = await mammoth.extractRawText({ buffer: Buffer.from(docx) });
  expect(value).toContain('Kính gửi: Các cơ quan, đơn vị có tên tại danh sách dưới đây.');
  expect(value).toContain('của 38 cơ quan, đơn vị như sau:');
  for (const t of targets) expect([t.name, value.includes(t.name)]).toEqual([t.name, true]);
});

test('an agency whose report came on time but misses a task shows no days overdue of its own: what is overdue is the task, said in words, in the sheet and in the letter', async () => {
  const t = reminderTargets(c, plan).find((x) => x.code === 'ST-HLHPN')!;
  expect(t.status).toBe('on_time');
  expect(t.daysOverdue).toBeNull();
  expect(t.missing).toMatch(/^Còn thiếu nhiệm vụ: 1 \(Truyền thông.*\), quá hạn 15 ngày$/);
  const { sheet, docx } = await buildReminders(c, plan);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(sheet) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(REMINDER_SHEET)!;
  const header = (ws.getRow(5).values as unknown[]).map(String);
  const row = [...Array(ws.rowCount).keys()]
    .map((i) => ws.getRow(i + 1))
    .find((r) => r.getCell(2).value === 'ST-HLHPN')!;
  expect(row.getCell(header.indexOf('Tình trạng')).value).toBe('Đúng hạn');
  expect(row.getCell(header.indexOf('Số ngày quá hạn')).value).toBeNull();
  expect(String(row.getCell(header.indexOf('Nội dung còn thiếu')).value)).toContain('quá hạn 15 ngày');
  // the letter's table: the agency's row ends with an empty "Số ngày quá hạn"; a missing agency's shows 15
  const html = (await mammoth.convertToHtml({ buffer: Buffer.from(docx) })).value;
  const cells = (name: string) =>
    [...html.matchAll(/<tr>(.*?)<\/tr>/g)]
      .map((m) => [...m[1].matchAll(/<td>(.*?)<\/td>/g)].map((x) => x[1].replace(/<[^>]+>/g, '')))
      .find((r) => r[1] === name)!;
  expect(cells('Hội Liên hiệp Phụ nữ tỉnh').at(-1)).toBe('');
  expect(cells('Công an tỉnh').at(-1)).toBe('15');
});
