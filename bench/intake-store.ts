/**
 * `npm run bench:intake`: what keeping the pane's intake in the workbook costs, at 100 and 1,000 generated
 * submissions (bench/generate.ts): the bytes it adds to the saved workbook, the save (context.sync() calls and time
 * through the strict fake Excel of the tests), and reopening: reading the sheet back, decoding it (SHA-256, base64,
 * inflate, zod) and consolidating from it without the files. Every figure is printed, none is asserted.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { type StoredIntake, consolidate, decodeIntakeStore, encodeIntakeStore } from '../src/core';
import { loadPlan, readFolder } from '../src/cli/commands/pipeline';
import { BENCH_AS_OF, ensureBenchSet } from './generate';
import { REPO_ROOT, loadDoor } from './pane';

type Rows = (string | number)[][];
interface SheetModule {
  writeIntakeSheet(context: unknown, rows: Rows): Promise<{ syncs: number }>;
  readIntakeSheet(context: unknown): Promise<{ rows: unknown[][] } | null>;
}
interface Fake {
  context: unknown;
  syncs: number;
}

const ms = (t: number) => Math.round(performance.now() - t);

/** The saved workbook's growth: a workbook with the store sheet against the same without it (ExcelJS writes it). */
async function bytesAdded(rows: Rows): Promise<number> {
  const size = async (withStore: boolean) => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = 'Sổ của đơn vị';
    if (withStore) {
      const ws = wb.addWorksheet('tonghop (tệp đã nhận)', { state: 'veryHidden' });
      rows.forEach((r, i) => (ws.getRow(i + 1).values = r));
    }
    return (await wb.xlsx.writeBuffer()).byteLength;
  };
  return (await size(true)) - (await size(false));
}

async function measure(n: number, sheet: SheetModule, mockExcel: (s: string[], o: object) => Fake) {
  const set = await ensureBenchSet(n, (s) => console.error(s));
  const { plan } = await loadPlan(set.planPath);
  const { submissions } = await readFolder(plan, set.submissionsDir);
  const intake: StoredIntake = {
    plan,
    files: submissions.map((submission) => ({ submission, modified: null, entered: null })),
    log: null,
  };
  let t = performance.now();
  const rows = await encodeIntakeStore(intake);
  const encodeMs = ms(t);
  const text = rows.slice(1).reduce((k, r) => k + String(r[0]).length, 0);
  const x = mockExcel(['Sheet1'], { excelApi: '1.8' });
  t = performance.now();
  const saved = await sheet.writeIntakeSheet(x.context, rows);
  const saveMs = ms(t);
  // reopening: the sheet read back, decoded, consolidated
  t = performance.now();
  const before = x.syncs;
  const back = await sheet.readIntakeSheet(x.context);
  const readMs = ms(t);
  const readSyncs = x.syncs - before;
  t = performance.now();
  const decoded = await decodeIntakeStore(back?.rows ?? []);
  const decodeMs = ms(t);
  if (!decoded.ok) throw new Error(decoded.message);
  t = performance.now();
  const c = consolidate(
    decoded.intake.plan,
    decoded.intake.files.map((f) => f.submission),
    { asOf: BENCH_AS_OF },
  );
  const consolidateMs = ms(t);
  return {
    submissions: n,
    files: c.intake.length,
    json: JSON.stringify(submissions).length,
    text,
    cells: rows.length - 1,
    bytesAdded: await bytesAdded(rows),
    encodeMs,
    saveSyncs: saved.syncs,
    saveMs,
    readSyncs,
    readMs,
    decodeMs,
    consolidateMs,
    reopenMs: readMs + decodeMs + consolidateMs,
  };
}

async function main(): Promise<void> {
  const loaded = await loadDoor();
  if (typeof loaded === 'string') throw new Error(loaded);
  const sheet = require(path.join(__dirname, '..', 'src', 'excel', 'intake-sheet.js')) as SheetModule;
  const { mockExcel } = loaded.mock as unknown as { mockExcel: (s: string[], o: object) => Fake };
  const figures = [];
  for (const n of [100, 1000]) figures.push(await measure(n, sheet, mockExcel));
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  console.log(
    `Intake kept in the workbook (${os.cpus().length} cores, load ${load}, ${new Date().toISOString().slice(0, 10)})`,
  );
  console.table(figures);
  await fs.writeFile(
    path.join(REPO_ROOT, 'bench', 'results-intake.json'),
    JSON.stringify({ load, figures }, null, 2) + '\n',
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
