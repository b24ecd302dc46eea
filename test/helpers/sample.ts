/** The embedded Sóc Trăng (or Hà Tĩnh) sample read and consolidated as of its own date, as many tests start. */
import { type Consolidation, type Submission, consolidate, readSubmission } from '../../src/core';
import { type Sample, type SampleName, buildSample } from '../../src/sample/sample';

export async function consolidatedSample(
  name: SampleName = 'soc-trang',
): Promise<{ sample: Sample; subs: Submission[]; c: Consolidation }> {
  const sample = await buildSample(name);
  const subs = await Promise.all(
    sample.files.map((f) =>
      readSubmission(
        { name: f.name, bytes: f.bytes, receivedOn: f.receivedOn, receivedFrom: 'file-date' },
        sample.plan,
      ),
    ),
  );
  return { sample, subs, c: consolidate(sample.plan, subs, { asOf: sample.asOf }) };
}
