/** The Sóc Trăng sample read as the CLI reads it (each file received on its own day), and consolidated. */
import { type Consolidation, type Plan, type Submission, consolidate, readSubmission } from '../../src/core';
import { buildSample } from '../../src/sample/sample';

export async function sampleConsolidation(
  asOf = '2024-07-15',
): Promise<{ plan: Plan; subs: Submission[]; c: Consolidation }> {
  const sample = await buildSample('soc-trang');
  const plan = sample.plan;
  const subs = await Promise.all(
    sample.files.map((f) =>
      readSubmission({ name: f.name, bytes: f.bytes, receivedOn: f.receivedOn, receivedFrom: 'file-date' }, plan),
    ),
  );
  return { plan, subs, c: consolidate(plan, subs, { asOf }) };
}
