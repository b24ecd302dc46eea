/**
 * "Provably nothing lost": random plans and submissions, written through ExcelJS with random layout drift
 * (title rows, columns reordered, an extra column, blank rows, rows shuffled, a total row, another sheet first, the
 * sheet renamed, the hidden sheet deleted, header labels in capitals without diacritics) and random value spellings
 * (statuses in any case, with or without diacritics, NFD, padded with non-breaking spaces; numbers as numbers, vi-VN
 * text, en-US text, with a unit). Read back and consolidated, every non-empty cell of a task row of an accepted file
 * is in the consolidation or in a finding naming its cell, and every total is the sum of the accepted values.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import {
  type Plan,
  type Submission,
  type TaskStatus,
  TASK_STATUSES,
  columnLetter,
  consolidate,
  planSchema,
  readSubmission,
  workbookBytes,
} from '../../src/core';

const STATUS_SPELLINGS: Record<TaskStatus, string[]> = {
  done: ['Đã hoàn thành', 'ĐÃ HOÀN THÀNH', 'da hoan thanh', 'Hoàn thành', 'hoàn thành'],
  inProgress: ['Đang thực hiện', 'DANG THUC HIEN', 'đang triển khai'],
  notStarted: ['Chưa thực hiện', 'CHUA THUC HIEN', 'chưa triển khai'],
  notApplicable: ['Không thuộc phạm vi', 'KHONG THUOC PHAM VI', 'Không áp dụng'],
};
const WORDS = [
  'Tổ chức',
  'tuyên truyền',
  'ra quân',
  'thu gom',
  'rác thải',
  'trồng cây',
  'kiểm tra',
  'Đoàn viên',
  'hội nghị',
  'xã',
  'phường',
];
const UNITS = ['cây', 'người', 'tấn', 'ha'];

interface Gen {
  nTasks: number;
  indicators: { task: number; unit: number; agg: 'sum' }[];
  nAgencies: number;
}

const planArb = fc.record({
  nTasks: fc.integer({ min: 1, max: 5 }),
  indicators: fc.array(fc.record({ task: fc.nat(), unit: fc.nat(), agg: fc.constant('sum' as const) }), {
    maxLength: 3,
  }),
  nAgencies: fc.integer({ min: 1, max: 4 }),
});

function makePlan(g: Gen): Plan {
  const tasks = Array.from({ length: g.nTasks }, (_, i) => ({
    code: i % 2 === 0 ? String(i + 1) : `II.${i + 1}`,
    title: `Nhiệm vụ thử số ${i + 1}`,
  }));
  return planSchema.parse({
    number: '77/KH-THU',
    title: 'Kế hoạch thử',
    deadline: { kind: 'fixed', date: '2024-07-10' },
    period: '2024',
    tasks,
    indicators: g.indicators.map((ind, i) => ({
      code: `CT${i + 1}`,
      name: `Chỉ tiêu thử ${i + 1}`,
      unit: UNITS[ind.unit % UNITS.length],
      taskCode: tasks[ind.task % tasks.length].code,
    })),
    agencies: Array.from({ length: g.nAgencies }, (_, i) => ({
      code: `DV-${i + 1}`,
      name: `Sở Thử Nghiệm ${i + 1}`,
      kind: 'department',
    })),
  });
}

/** A number and one way of typing it that a clerk might use. */
const numberArb = fc
  .record({
    int: fc.integer({ min: 0, max: 99_999 }),
    tenth: fc.integer({ min: 0, max: 9 }),
    style: fc.integer({ min: 0, max: 4 }),
    unit: fc.boolean(),
  })
  .map(({ int, tenth, style, unit }) => {
    const value = int + tenth / 10;
    const grouped = (sep: string) => String(int).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
    let text: string | number;
    if (style === 0) text = value;
    else if (style === 1)
      text = grouped('.') + (tenth ? `,${tenth}` : ''); // vi-VN: 1.234,5
    else if (style === 2 && int >= 1000 && tenth)
      text = `${grouped(',')}.${tenth}`; // en-US, unambiguous: 1,234.5
    else if (style === 3)
      text = `\u00a0${value} `; // padded
    else text = value;
    return { value, cell: typeof text === 'string' && unit ? `${text} {unit}` : text };
  });

const rowArb = fc.record({
  status: fc.option(fc.tuple(fc.constantFrom(...TASK_STATUSES), fc.nat(), fc.constantFrom('plain', 'nfd', 'padded')), {
    nil: null,
  }),
  result: fc.option(
    fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }).map((w) => w.join(' ')),
    { nil: null },
  ),
  note: fc.option(fc.constantFrom('Ghi chú thêm', 'chờ kinh phí', 'đã báo cáo UBND'), { nil: null }),
  numbers: fc.array(numberArb, { minLength: 3, maxLength: 3 }),
  numberPresent: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  extra: fc.option(fc.integer({ min: 1, max: 500 }), { nil: null }),
});

const layoutArb = fc.record({
  titleRows: fc.integer({ min: 0, max: 3 }),
  permutation: fc.array(fc.nat(), { minLength: 10, maxLength: 10 }),
  extraColumn: fc.boolean(),
  blankRows: fc.boolean(),
  shuffle: fc.nat(),
  totalRow: fc.boolean(),
  sheetName: fc.constantFrom('Báo cáo', 'Sheet1', 'KQ thực hiện'),
  sheetFirst: fc.boolean(),
  hiddenSheet: fc.boolean(),
  capitals: fc.boolean(),
});

const submissionArb = fc.record({
  submits: fc.boolean(),
  layout: layoutArb,
  rows: fc.array(rowArb, { minLength: 5, maxLength: 5 }),
});
type SubmissionGen = typeof submissionArb extends fc.Arbitrary<infer T> ? T : never;

function spellStatus(s: [TaskStatus, number, string]): string {
  const list = STATUS_SPELLINGS[s[0]];
  const t = list[s[1] % list.length];
  if (s[2] === 'nfd') return t.normalize('NFD');
  if (s[2] === 'padded') return `  ${t}\u00a0`;
  return t;
}

function fold(label: string, capitals: boolean): string {
  return capitals
    ? label
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[đĐ]/g, 'D')
        .toUpperCase()
    : label;
}

interface Written {
  file: string;
  sheet: string;
  agency: string;
  /** Every non-empty cell of a task row: address → what it holds. */
  cells: {
    addr: string;
    task: string;
    kind: 'index' | 'code' | 'title' | 'status' | 'result' | 'note' | 'extra' | string;
  }[];
  values: { task: string; indicator: string; value: number }[];
  statuses: Record<string, TaskStatus>;
}

async function writeSubmission(
  plan: Plan,
  agencyIndex: number,
  s: SubmissionGen,
): Promise<{ bytes: Uint8Array; written: Written }> {
  const agency = plan.agencies[agencyIndex];
  const L = s.layout;
  const wb = new ExcelJS.Workbook();
  if (L.sheetFirst)
    wb.addWorksheet('Hướng dẫn').getCell('A1').value = 'Hướng dẫn điền báo cáo: chọn tình trạng, nhập số.';
  const ws = wb.addWorksheet(L.sheetName);
  let r = 1;
  for (let i = 0; i < L.titleRows; i++)
    ws.getCell(r++, 1).value = i === 0 ? 'BÁO CÁO KẾT QUẢ THỰC HIỆN' : `Dòng tiêu đề ${i + 1}`;
  const head: [string, string][] = [
    ['Cơ quan báo cáo', agency.name],
    ['Mã đơn vị', agency.code],
    ['Kế hoạch', plan.number],
    ['Kỳ báo cáo', '2024'],
  ];
  for (const [label, value] of head) {
    ws.getCell(r, 1).value = fold(label, L.capitals);
    ws.getCell(r, 3).value = value;
    r++;
  }
  r++;
  // columns in a random order
  const kinds: string[] = ['index', 'code', 'title', 'status', 'result', ...plan.indicators.map((i) => i.code), 'note'];
  if (L.extraColumn) kinds.push('extra');
  const order = kinds
    .map((k, i) => ({ k, key: L.permutation[i % L.permutation.length] * 100 + i }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.k);
  const colOf = new Map(order.map((k, i) => [k, i + 1]));
  const labels: Record<string, string> = {
    index: 'STT',
    code: 'Mã nhiệm vụ',
    title: 'Nhiệm vụ',
    status: 'Tình trạng',
    result: 'Kết quả thực hiện',
    note: 'Ghi chú',
    extra: 'Kinh phí (triệu đồng)',
  };
  for (const ind of plan.indicators) labels[ind.code] = `${ind.name} (${ind.unit})`;
  const headerRow = r;
  for (const k of order) ws.getCell(headerRow, colOf.get(k)!).value = fold(labels[k], L.capitals);
  r++;
  const sheetName = L.sheetName;
  const written: Written = {
    file: `${agency.code}.xlsx`,
    sheet: sheetName,
    agency: agency.code,
    cells: [],
    values: [],
    statuses: {},
  };
  const tasks = [...plan.tasks];
  // rows in another order
  const rot = L.shuffle % tasks.length;
  const ordered = [...tasks.slice(rot), ...tasks.slice(0, rot)].reverse();
  ordered.forEach((task, i) => {
    const row = s.rows[plan.tasks.indexOf(task) % s.rows.length];
    const put = (kind: string, value: string | number) => {
      const c = colOf.get(kind)!;
      ws.getCell(r, c).value = value;
      written.cells.push({ addr: `${columnLetter(c)}${r}`, task: task.code, kind });
    };
    put('index', i + 1);
    put('code', task.code);
    put('title', task.title);
    if (row.status) {
      put('status', spellStatus(row.status));
      written.statuses[task.code] = row.status[0];
    }
    if (row.result) put('result', row.result);
    if (row.note) put('note', row.note);
    plan.indicators.forEach((ind, k) => {
      if (ind.taskCode !== task.code || !row.numberPresent[k % 3]) return;
      const n = row.numbers[k % 3];
      put(ind.code, typeof n.cell === 'string' ? n.cell.replace('{unit}', ind.unit) : n.cell);
      written.values.push({ task: task.code, indicator: ind.code, value: n.value });
    });
    if (L.extraColumn && row.extra !== null) put('extra', row.extra);
    r++;
    if (L.blankRows && i % 2 === 0) r++;
  });
  if (L.totalRow) {
    ws.getCell(r, 1).value = 'Tổng cộng';
    r++;
  }
  if (L.hiddenSheet) {
    const meta = wb.addWorksheet('_tonghop', { state: 'hidden' });
    meta.addRows([
      ['tonghop-template', 1],
      ['plan', plan.number],
      ['agency', agency.code],
      ['period', '2024'],
    ]);
  }
  return { bytes: await workbookBytes(wb), written };
}

test('every non-empty cell of a task row of an accepted file is consolidated or named by a finding; totals are the sums', async () => {
  await fc.assert(
    fc.asyncProperty(planArb, fc.array(submissionArb, { minLength: 4, maxLength: 4 }), async (g, subsGen) => {
      const plan = makePlan(g);
      const subs: Submission[] = [];
      const writtenAll: Written[] = [];
      for (let a = 0; a < plan.agencies.length; a++) {
        const s = subsGen[a];
        if (!s.submits && a > 0) continue;
        const { bytes, written } = await writeSubmission(plan, a, s);
        subs.push(
          await readSubmission({ name: written.file, bytes, receivedOn: '2024-07-09', receivedFrom: 'entered' }, plan),
        );
        writtenAll.push(written);
      }
      const c = consolidate(plan, subs, { asOf: '2024-07-15' });
      for (const w of writtenAll) {
        const entry = c.intake.find((e) => e.file === w.file)!;
        expect([w.file, entry.verdict, entry.reason]).toEqual([w.file, 'accepted', null]);
        for (const cell of w.cells) {
          const d = c.details.find((x) => x.agencyCode === w.agency && x.taskCode === cell.task);
          const named = c.findings.some((f) => f.file === w.file && f.sheet === w.sheet && f.cell === cell.addr);
          let consolidated = false;
          if (d) {
            if (cell.kind === 'index' || cell.kind === 'code' || cell.kind === 'title')
              consolidated = d.cell.replace(/^[A-Z]+/, '') === cell.addr.replace(/^[A-Z]+/, '');
            else if (cell.kind === 'status') consolidated = d.status !== null;
            else if (cell.kind === 'result') consolidated = d.result !== '';
            else if (cell.kind === 'note') consolidated = d.note !== '';
            else if (cell.kind !== 'extra') consolidated = d.indicatorCells[cell.kind] === cell.addr;
          }
          expect([w.file, cell.addr, cell.kind, consolidated || named]).toEqual([w.file, cell.addr, cell.kind, true]);
        }
        // what was meant is what was read: every status spelling and every number spelling
        for (const [task, status] of Object.entries(w.statuses)) {
          expect([
            w.file,
            task,
            c.details.find((x) => x.agencyCode === w.agency && x.taskCode === task)?.status,
          ]).toEqual([w.file, task, status]);
        }
      }
      for (const ind of plan.indicators) {
        const values = writtenAll.flatMap((w) => w.values.filter((v) => v.indicator === ind.code).map((v) => v.value));
        const expected = values.length === 0 ? null : Math.round(values.reduce((s, v) => s + v, 0) * 1e6) / 1e6;
        const total = c.tasks.find((t) => t.code === ind.taskCode)!.indicators[ind.code];
        expect([ind.code, total]).toEqual([ind.code, expected]);
      }
    }),
    { numRuns: 30, seed: 7, endOnFailure: true },
  );
}, 180_000);
