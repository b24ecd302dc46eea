/**
 * `tonghop templates <plan.xlsx> <thư-mục-ra>`: one template per agency. The folder may be the one where the reports
 * come back: a file already there is replaced only when it is a template tonghop wrote and nobody changed since (its
 * seal, known-outputs.ts); otherwise nothing is written and the files in the way are named. Each template is the same
 * bytes for the same plan and version (dated the plan's date: buildTemplate).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { buildTemplate, templateFileName } from '../../core';
import { CliError, EXIT } from '../errors';
import { notOurs, sealed } from '../files/known-outputs';
import { lockOutputs } from '../files/lock';
import { checkOutputs, realPathOf } from '../files/output-safety';
import { commitAll, stageOutput } from '../files/write-out';
import { escapeControl, parseCommand } from './args';
import { TEMPLATES_HELP } from './help';
import { loadPlan } from './pipeline';
import { printSafe } from './consolidate';

/** A folder an output goes to: refused when it is a file (before anything is read). */
export async function outputFolder(dir: string): Promise<string> {
  const real = await realPathOf(dir);
  const st = await fs.stat(real).catch(() => null);
  if (st && !st.isDirectory())
    throw new CliError(`"${escapeControl(dir)}" đã có và không phải thư mục: hãy chỉ một thư mục (mới hoặc đã có).`);
  return real;
}

/** Refuses, naming them, files in the way that are not tonghop's own unchanged files. */
export function refuseNotOurs(blocked: string[], where: string): void {
  if (blocked.length === 0) return;
  const shown = blocked.slice(0, 10).map((f) => `  - ${escapeControl(path.basename(f))}`);
  if (blocked.length > 10) shown.push(`  … và ${blocked.length - 10} tệp khác`);
  throw new CliError(
    `${where} đã có ${blocked.length} tệp trùng tên không phải tệp tonghop đã ghi rồi để nguyên (có thể là báo cáo đơn vị đã gửi về, hoặc tệp đã được sửa):\n${shown.join('\n')}\nKhông ghi gì, không thay tệp nào. Hãy chọn một thư mục khác (ví dụ thư mục mới), hoặc chuyển các tệp đó đi rồi chạy lại.`,
  );
}

export async function cmdTemplates(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv, {
    name: 'templates',
    usage: 'tonghop templates <plan.xlsx> <thư-mục-ra>',
    help: TEMPLATES_HELP,
    positionals: 2,
    options: {},
  });
  if (!parsed) return EXIT.ok;
  const [planPath, outDir] = parsed.positionals;
  const realDir = await outputFolder(outDir);
  const where = `Thư mục ra "${escapeControl(outDir)}"`;
  // the templates' names come from the plan's agencies: the plan is read, nothing is written before all are checked
  const { plan, warnings } = await loadPlan(planPath);
  for (const w of warnings) printSafe(`Cảnh báo:${w.slice(1)}`, 'err');
  const files = plan.agencies.map((a) => path.join(outDir, templateFileName(a)));
  await checkOutputs(
    files.map((file) => ({ flag: '<thư-mục-ra>', file, exts: ['.xlsx'] })),
    { files: [planPath], folders: [] },
  );
  const locks = await lockOutputs([{ flag: '<thư-mục-ra>', file: outDir, target: realDir }]);
  try {
    refuseNotOurs(await notOurs(files.map((file) => ({ file }))), where);
    for (const agency of plan.agencies) {
      const bytes = sealed(await buildTemplate(plan, agency)); // the same bytes for the same plan (core)
      const file = path.join(outDir, templateFileName(agency));
      commitAll([await stageOutput(file, (tmp) => fs.writeFile(tmp, bytes, { flag: 'wx' }), [planPath])]);
    }
  } finally {
    await locks.release();
  }
  console.log(`Đã tạo ${plan.agencies.length} mẫu báo cáo trong ${escapeControl(path.resolve(outDir))}`);
  return EXIT.ok;
}
