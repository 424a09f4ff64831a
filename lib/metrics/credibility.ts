import { D } from "../money/decimal";

export type CredibilityGrade = "A" | "B" | "C" | "D";

/**
 * PEFA PI-1 style aggregate expenditure outturn: |决算 − 年初预算| / 年初预算.
 * PEFA grades A/B/C/D at deviations within 5% / 10% / 15% / beyond.
 */
export function budgetCredibility(
  initialBudget: string | undefined,
  final: string | undefined,
): { deviationPct: string; grade: CredibilityGrade } | undefined {
  if (!initialBudget || !final) return undefined;
  const b = new D(initialBudget);
  if (b.isZero()) return undefined;
  const dev = new D(final).minus(b).abs().div(b).times(100);
  const grade: CredibilityGrade = dev.lte(5) ? "A" : dev.lte(10) ? "B" : dev.lte(15) ? "C" : "D";
  return { deviationPct: dev.toFixed(2, D.ROUND_HALF_UP), grade };
}
