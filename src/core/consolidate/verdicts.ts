/**
 * Which file counts for whom: every submission gets a verdict (accepted, superseded, duplicate, rejected, received
 * after the as-of date), in the order the files arrived.
 */
import type { IsoDate } from '../basics/dates';
import { type Finding, type IntakeVerdict, type Plan, type Submission, finding } from '../basics/model';

export interface Verdict {
  verdict: IntakeVerdict;
  reason: string | null;
}

export interface Judged {
  /** The submissions in arrival order. */
  subs: Submission[];
  verdicts: Map<Submission, Verdict>;
  /** Per agency: its usable files, oldest first. */
  usableByAgency: Map<string, Submission[]>;
  /** Per agency: every file that is a report for this period as of this date (usable or not). */
  filesByAgency: Map<string, Submission[]>;
  /** Per agency: the file whose figures are used (the newest usable one). */
  accepted: Map<string, Submission>;
  /** Findings made here (other period), after the caller's extra findings. */
  extraFindings: Finding[];
}

function byFileOrder(a: Submission, b: Submission): number {
  const da = a.receivedOn ?? '9999-99-99';
  const db = b.receivedOn ?? '9999-99-99';
  if (da !== db) return da < db ? -1 : 1;
  const ra = a.reportDate ?? '';
  const rb = b.reportDate ?? '';
  if (ra !== rb) return ra < rb ? -1 : 1;
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

export function yearOf(text: string | null): string | null {
  const m = text ? /(?:^|\D)((?:19|20)\d{2})(?:\D|$)/.exec(text) : null;
  return m ? m[1] : null;
}

/** 1. received after the as-of date: not yet there on that day; 2. the same bytes twice count once. */
function judgeArrival(subs: Submission[], asOf: IsoDate, verdicts: Map<Submission, Verdict>): void {
  for (const s of subs) {
    if (s.receivedOn && s.receivedOn > asOf)
      verdicts.set(s, { verdict: 'after_as_of', reason: `Nhận ngày ${s.receivedOn}, sau ngày tổng hợp ${asOf}.` });
  }
  const seenHash = new Map<string, Submission>();
  for (const s of subs) {
    if (verdicts.has(s) || s.sha256 === '') continue; // '': never read (a FIFO, an unreadable file …)
    const first = seenHash.get(s.sha256);
    if (first) {
      verdicts.set(s, { verdict: 'duplicate', reason: `Trùng nội dung với tệp "${first.file}".` });
      continue;
    }
    seenHash.set(s.sha256, s);
  }
}

/** 3. unusable files; wrong period. Returns the files of another period. */
function judgeContent(
  subs: Submission[],
  period: string,
  verdicts: Map<Submission, Verdict>,
  extraFindings: Finding[],
): Set<Submission> {
  const periodYear = yearOf(period);
  const otherPeriod = new Set<Submission>();
  for (const s of subs) {
    if (verdicts.has(s)) continue;
    if (s.rejectReason) {
      verdicts.set(s, { verdict: 'rejected', reason: s.rejectReason });
      continue;
    }
    const subYear = yearOf(s.period);
    if (periodYear && subYear && subYear !== periodYear) {
      const reason = `Báo cáo kỳ ${s.period}, không phải kỳ ${period} đang tổng hợp.`;
      verdicts.set(s, { verdict: 'rejected', reason });
      otherPeriod.add(s);
      extraFindings.push(finding('error', 'file.other_period', reason, { file: s.file }));
    }
  }
  return otherPeriod;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** 4. per agency: the newest usable file is used, older ones are superseded. */
export function judgeSubmissions(
  plan: Plan,
  submissions: Submission[],
  asOf: IsoDate,
  period: string,
  extra: Finding[] = [],
): Judged {
  const agencyCodes = new Set(plan.agencies.map((a) => a.code));
  const extraFindings: Finding[] = [...extra];
  const subs = [...submissions].sort(byFileOrder);
  const verdicts = new Map<Submission, Verdict>();
  judgeArrival(subs, asOf, verdicts);
  const otherPeriod = judgeContent(subs, period, verdicts, extraFindings);
  const usableByAgency = new Map<string, Submission[]>();
  const filesByAgency = new Map<string, Submission[]>();
  for (const s of subs) {
    if (!s.agencyCode || !agencyCodes.has(s.agencyCode)) continue;
    const v = verdicts.get(s);
    if (v?.verdict === 'after_as_of' || otherPeriod.has(s)) continue; // not a report for this period as of this date
    push(filesByAgency, s.agencyCode, s);
    if (!v) push(usableByAgency, s.agencyCode, s);
  }
  const accepted = new Map<string, Submission>();
  for (const [code, list] of usableByAgency) {
    const newest = list[list.length - 1];
    accepted.set(code, newest);
    verdicts.set(newest, { verdict: 'accepted', reason: null });
    for (const older of list.slice(0, -1)) {
      verdicts.set(older, {
        verdict: 'superseded',
        reason: `Được thay bằng tệp "${newest.file}" (nhận ${newest.receivedOn ?? '?'}).`,
      });
    }
  }
  return { subs, verdicts, usableByAgency, filesByAgency, accepted, extraFindings };
}
