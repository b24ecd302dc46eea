/**
 * The summary file is never written over an input (the writer itself is compared with the ExcelJS one in
 * test/summary/direct-writer.test.ts).
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { consolidate } from '../../src/core';
import { buildSample } from '../../src/sample/sample';
import { writeSummaryFile } from '../../src/cli/writers/summary-file';

test('the summary is never written over an input', async () => {
  const sample = await buildSample('ha-tinh');
  const c = consolidate(sample.plan, [], { asOf: sample.asOf });
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tonghop-summary-'));
  const plan = path.join(dir, 'plan.xlsx');
  await fs.writeFile(plan, sample.planBytes);
  await expect(writeSummaryFile(c, sample.plan, plan, [plan])).rejects.toThrow('Không ghi đè lên tệp đầu vào');
  expect(Buffer.compare(await fs.readFile(plan), Buffer.from(sample.planBytes))).toBe(0);
  await fs.rm(dir, { recursive: true, force: true });
});
