/** Per agency: on time, late by N days, missing or rejected, with the file used and what it left out. */
import { type IsoDate, daysBetween } from '../basics/dates';
import { type Agency, type AgencyStatus, type Plan, AGENCY_KIND_LABELS } from '../basics/model';
import { tasksOf } from '../plan/plan-read';
import type { AgencyResult } from './types';
import type { Judged } from './verdicts';

export function groupOf(agency: Agency): string {
  if (agency.kind === 'locality') return agency.area || agency.name;
  return AGENCY_KIND_LABELS[agency.kind];
}

interface Timing {
  status: AgencyStatus;
  daysLate: number | null;
  daysOverdue: number | null;
  reason: string | null;
  receivedOn: IsoDate | null;
}

function timingOf(agency: Agency, judged: Judged, deadline: IsoDate, asOf: IsoDate): Timing {
  const first = (judged.usableByAgency.get(agency.code) ?? [])[0] ?? null;
  const files = judged.filesByAgency.get(agency.code) ?? [];
  if (first) {
    const receivedOn = first.receivedOn ?? asOf;
    const late = daysBetween(deadline, receivedOn);
    return {
      status: late > 0 ? 'late' : 'on_time',
      daysLate: late > 0 ? late : null,
      daysOverdue: null,
      reason: null,
      receivedOn,
    };
  }
  const status = files.length > 0 ? 'rejected' : 'missing';
  let reason: string | null = null;
  if (status === 'rejected') {
    const last = files.at(-1)!;
    reason = judged.verdicts.get(last)?.reason ?? last.rejectReason;
  }
  return { status, daysLate: null, daysOverdue: Math.max(0, daysBetween(deadline, asOf)), reason, receivedOn: null };
}

export function agencyResult(
  plan: Plan,
  agency: Agency,
  judged: Judged,
  dates: { deadline: IsoDate; asOf: IsoDate },
): AgencyResult {
  const used = judged.accepted.get(agency.code) ?? null;
  const { status, daysLate, daysOverdue, reason, receivedOn } = timingOf(agency, judged, dates.deadline, dates.asOf);
  const answered = new Set((used?.rows ?? []).filter((r) => r.status !== null).map((r) => r.taskCode));
  const missingTasks = tasksOf(plan, agency)
    .filter((t) => !answered.has(t.code))
    .map((t) => t.code);
  const fileFindings = used?.findings ?? [];
  return {
    code: agency.code,
    name: agency.name,
    kind: agency.kind,
    group: groupOf(agency),
    area: agency.area,
    email: agency.email,
    status,
    daysLate,
    daysOverdue,
    file: used?.file ?? null,
    receivedOn,
    files: (judged.filesByAgency.get(agency.code) ?? []).map((s) => s.file),
    errors: fileFindings.filter((f) => f.severity === 'error').length,
    warnings: fileFindings.filter((f) => f.severity === 'warning').length,
    missingTasks,
    reason,
    ...(used?.ownAgencies ? { ownAgencies: used.ownAgencies } : {}),
  };
}
