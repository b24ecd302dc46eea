/**
 * The two rates DHIS2 reports per org unit come with the consolidation: `completeness` (submitted ÷
 * required) and `onTimeRate` (on time ÷ required), in percent with one decimal; cells hold them as fractions.
 */
/** A percent with one decimal as the fraction a cell with a percent format holds (81.6 → 0.816). */
export function percentToFraction(percent: number): number {
  return Math.round(percent * 10) / 1000;
}
