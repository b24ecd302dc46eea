/**
 * The bench prints each target with the figure measured and "met" or "NOT met": a reader of its tables sees at once
 * which are missed. Checked on made-up figures on both sides of each line.
 */
import { flatTargetLines, type SizeResult } from '../../bench/bench';

function size(n: number, over: Partial<SizeResult>): SizeResult {
  return {
    n,
    files: n,
    megabytes: 0,
    generatedSeconds: null,
    bareMsPerFile: 4,
    poolMsPerFile: 4,
    singleMsPerFile: 4,
    ratio: 1,
    singleRatio: 1,
    filesPerSecond: null,
    singleFilesPerSecond: null,
    peakRssMb: 250,
    singlePeakRssMb: 250,
    poolReadMsPerFile: null,
    poolWriteMsPerFile: null,
    summaryMegabytes: 20,
    streamMsPerFile: null,
    streamRatio: null,
    streamPeakRssMb: null,
    streamWriteMsPerFile: null,
    bareCpuMsPerFile: 4,
    poolCpuMsPerFile: null,
    singleCpuMsPerFile: null,
    failures: [],
    loadAverage: [1, 1],
    raw: { bareMs: [], poolMs: [], singleMs: [], poolReadMs: [] },
    ...over,
  } as SizeResult;
}

const verdict = (lines: string[], start: string) =>
  lines
    .find((l) => l.startsWith(start))
    ?.split(', ')
    .pop();

describe('the bench targets', () => {
  it('says which are met and which are not', () => {
    const lines = flatTargetLines([
      size(1000, { ratio: 1.3, singleRatio: 1.1, peakRssMb: 240, singlePeakRssMb: 200 }),
      size(5000, { peakRssMb: 290, singlePeakRssMb: 310 }),
      size(10_000, { poolMsPerFile: 2.4, peakRssMb: 255, singlePeakRssMb: 230 }),
    ]);
    expect(verdict(lines, 'target b/a ≤ 1.0')).toBe('NOT met');
    expect(verdict(lines, 'target b1/a ≤ 1.2')).toBe('met');
    expect(lines.find((l) => l.includes('N = 5000'))).toMatch(/310 MB \(1\); NOT met$/);
    expect(lines.find((l) => l.includes('N = 10000'))).toMatch(/; met$/);
    expect(lines.find((l) => l.includes('under 25 s'))).toMatch(/24\.0 s, met$/);
    expect(lines.find((l) => l.includes('growth') && l.includes('2 workers'))).toMatch(/15 MB, met$/);
    expect(lines.find((l) => l.includes('growth') && l.includes('--workers 1'))).toMatch(/30 MB, NOT met$/);
  });

  it('leaves out what was not measured', () => {
    const lines = flatTargetLines([size(1000, { ratio: null, singleRatio: null })]);
    expect(lines).toEqual([]);
  });
});
