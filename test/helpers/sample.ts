/** The Sóc Trăng sample read and consolidated as of its own day, for tests that write or read its outputs. */
import { type Consolidation, consolidate, readSubmission } from '../../src/core';
import { type Sample, buildSample } from '../../src/sample/sample';

export async function sampleConsolidation(): Promise<{ sample: Sample; consolidation: Consolidation }> {
  const sample = await buildSample('soc-trang');
  const subs = await Promise.all(
    sample.files.map((f) =>
      readSubmission(
        { name: f.name, bytes: f.bytes, receivedOn: f.receivedOn, receivedFrom: 'file-date' },
        sample.plan,
      ),
    ),
  );
  return { sample, consolidation: consolidate(sample.plan, subs, { asOf: sample.asOf }) };
}
