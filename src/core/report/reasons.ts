/**
 * Why an agency's report could not be used, in words a reader at the ministry understands: the
 * consolidation keeps the technical reason ("nội dung không phải tệp nén Office Open XML") and the finding's code;
 * texts for people give the plain reason.
 * The wording is the one table of basics/finding-labels.ts.
 */
import { FINDING_LABELS, plainReason as plainReasonOf } from '../basics/finding-labels';
import type { AgencyResult, Consolidation } from '../consolidate/consolidate';

/** The plain reason of a finding code, or null when the code has none. */
export function plainReasonOfCode(code: string, message = ''): string | null {
  return code in FINDING_LABELS ? plainReasonOf(code, message) : null;
}

/**
 * The reason an agency's report was not used, in plain words: from the error finding of its last file that
 * carries the agency's reason; the technical reason when its code has no plain wording (those texts, such as
 * "Nhận ngày …, sau ngày tổng hợp …", are already plain).
 */
export function plainReason(c: Pick<Consolidation, 'findings'>, a: AgencyResult): string | null {
  if (!a.reason) return null;
  const files = new Set(a.files);
  const f =
    c.findings.find((x) => x.severity === 'error' && x.message === a.reason && files.has(x.file)) ??
    c.findings.find((x) => x.severity === 'error' && x.message === a.reason);
  const plain = f ? plainReasonOfCode(f.code, f.message) : null;
  return plain ?? a.reason.replace(/\.$/, '');
}
