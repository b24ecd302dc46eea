/**
 * The two rates DHIS2 reports per org unit (issue 14): reporting rate (submitted ÷ required, the consolidation's
 * `completeness`) and reporting rate on time (on time ÷ required). Both in percent with one decimal, rounded as
 * `completeness` is in consolidate.ts.
 *
 * TODO(issue 14, merge): the consolidation gains `onTimeRate` on `overall` and on every group; switch
 * `onTimeRate()` to read that field once it lands (the value is the same).
 */
export interface RateCounts {
  required: number;
  onTime: number;
}

/** On time ÷ required, percent, one decimal (0 when nothing is required). */
export function onTimeRate(g: RateCounts): number {
  return g.required === 0 ? 0 : Math.round((g.onTime / g.required) * 1000) / 10;
}

/** A percent with one decimal as the fraction a cell with a percent format holds (81.6 → 0.816). */
export function percentToFraction(percent: number): number {
  return Math.round(percent * 10) / 1000;
}
