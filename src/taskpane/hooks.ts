/**
 * Hooks for the features built by other engines: a plan drafted from a document (issue 8) and the report to the
 * ministry and reminder letters (issue 5). Each is loaded by dynamic import on click, so the pane's first bundle
 * stays small. A hook is off when its engine module is not in the code base.
 */
import type { Consolidation, Plan, PlanReadResult } from '../core';

export interface Download {
  bytes: Uint8Array;
  fileName: string;
  type: string;
}

export interface Hooks {
  extract: boolean;
  report: boolean;
  extractPlan?: (fileName: string, bytes: Uint8Array) => Promise<PlanReadResult>;
  ministryReport?: (c: Consolidation, plan: Plan) => Promise<Download>;
  reminders?: (c: Consolidation, plan: Plan) => Promise<Download>;
}

export function loadHooks(): Hooks {
  return { extract: false, report: false };
}
