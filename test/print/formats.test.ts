/**
 * The summary as Excel shows it, from both writers (in memory for the pane, written directly as sheet XML by the
 * CLI): a whole indicator value never has a format that would show "30.707," (a decimal separator with nothing
 * after it), a value with decimals shows them. That the two writers give the same look cell by cell is
 * test/summary/direct-writer.test.ts.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { type Consolidation, type Plan, writeSummaryWorkbook } from '../../src/core';
import { writeSummaryTo } from '../../src/cli/writers/summary-file';
import { consolidatedSample } from '../helpers/sample';

let plan: Plan;
let c: Consolidation;
let memory: ExcelJS.Workbook;
let direct: ExcelJS.Workbook;

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

beforeAll(async () => {
  ({
    sample: { plan },
    c,
  } = await consolidatedSample());
  memory = await load(await writeSummaryWorkbook(c, plan));
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'th-formats-'));
  try {
    const file = path.join(dir, 'tong-hop.xlsx');
    await writeSummaryTo(c, plan, file);
    direct = await load(new Uint8Array(await fs.readFile(file)));
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});

/** Every number cell of the visible sheets: where, its value and its format. */
function numbers(wb: ExcelJS.Workbook): { at: string; value: number; format: string }[] {
  const out: { at: string; value: number; format: string }[] = [];
  for (const ws of wb.worksheets.filter((w) => w.state === 'visible'))
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === 'number')
          out.push({ at: `${ws.name}!${cell.address}`, value: cell.value, format: cell.numFmt ?? '' });
      }),
    );
  return out;
}

test.each(['memory', 'direct'])(
  '%s: a whole number never shows a lone decimal separator; decimals are shown',
  (which) => {
    const wb = which === 'memory' ? memory : direct;
    const all = numbers(wb);
    const trailing = all.filter((n) => Number.isInteger(n.value) && /\.#+(?:;|$)/.test(n.format));
    expect(trailing).toEqual([]);
    const decimals = all.filter((n) => !Number.isInteger(n.value) && !n.format.includes('%'));
    expect(decimals.length).toBeGreaterThan(0);
    for (const n of decimals) expect([n.at, n.format]).toEqual([n.at, '#,##0.0##']);
    // the sample's totals: Số người tham gia 30 707 (whole), Diện tích kiểm soát loài ngoại lai 7 119,6 ha
    const byTask = wb.getWorksheet('Theo nhiệm vụ')!;
    const cells = all.filter((n) => n.at.startsWith(`${byTask.name}!`));
    expect(cells.find((n) => n.value === 30707)?.format).toBe('#,##0');
    expect(cells.find((n) => n.value === 7119.6)?.format).toBe('#,##0.0##');
  },
);

test('every cell of a table body is top-aligned (a long name and the rest of its row start on the same line)', () => {
  for (const ws of memory.worksheets.filter((w) => w.state === 'visible')) {
    const others: string[] = [];
    ws.eachRow((row, r) => {
      if (r <= 5) return; // the title lines, a blank line and the header of every summary sheet but `Tổng hợp`
      row.eachCell((cell) => {
        if (cell.alignment?.vertical !== 'top' && !(ws.name === 'Tổng hợp' && r === 7)) others.push(cell.address);
      });
    });
    expect([ws.name, others]).toEqual([ws.name, []]);
  }
});
