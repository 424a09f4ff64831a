import { D } from "../money/decimal";

export type CredibilityGrade = "A" | "B" | "C" | "D";

/**
 * PEFA PI-1 style aggregate expenditure outturn: |决算 − 年初预算| / 年初预算.
 * PEFA grades A/B/C/D at deviations within 5% / 10% / 15% / beyond.
 */
export function budgetCredibility(initialBudget: string | undefined, final: string | undefined):
  | { deviationPct: string; grade: CredibilityGrade }
  | undefined {
  if (!initialBudget || !final) return undefined;
  const b = new D(initialBudget);
  if (b.isZero()) return undefined;
  const dev = new D(final).minus(b).abs().div(b).times(100);
  const grade: CredibilityGrade = dev.lte(5) ? "A" : dev.lte(10) ? "B" : dev.lte(15) ? "C" : "D";
  return { deviationPct: dev.toFixed(2, D.ROUND_HALF_UP), grade };
}

export type Band = "good" | "watch" | "concern";

/** Execution rate bands: the product's default thresholds (under 80% or over 120% is a concern). */
export function executionBand(ratePct: string | undefined, low = 80, high = 120): Band | undefined {
  if (ratePct === undefined) return undefined;
  const r = new D(ratePct);
  if (r.lt(low) || r.gt(high)) return "concern";
  if (r.lt(low + 10) || r.gt(high - 10)) return "watch";
  return "good";
}
