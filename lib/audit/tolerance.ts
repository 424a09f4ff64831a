import { D, type Dec, printedScale } from "@/lib/money/decimal";
import type { Severity } from "./types";

/**
 * How far a printed figure may be from the exact value it was rounded from: half a unit in its last
 * printed place ("8979.10" → 0.005, "27" → 0.5, "604.6242" → 0.00005).
 */
export function halfUnit(printed: string): Dec {
  return halfUnitAt(printedScale(printed));
}

const HALF_UNITS: Dec[] = [];
function halfUnitAt(scale: number): Dec {
  return (HALF_UNITS[scale] ??= new D(`5e-${scale + 1}`));
}

/**
 * Tolerance of a sum check (a total against its parts, or one figure printed in two places).
 * Each printed figure — every term and the stated total — was rounded on its own, so each may be off by half a
 * unit in its last place; with n terms all at scale s this is 0.5 × 10^-s × (n + 1), the bound the documents'
 * own "尾数误差" note implies. Figures at different scales (附件 four decimals, narrative "8,979.1") each
 * contribute their own half unit. Empty cells contribute nothing: an empty cell is exactly zero, not a rounded one.
 */
export function sumTolerance(printed: readonly string[]): Dec {
  return printed.reduce((acc, p) => acc.plus(halfUnit(p)), new D(0));
}

/**
 * Tolerance of a 绩效 score sum. Scores are assigned, not measured: "10" is exactly ten, so the per-figure half
 * unit above would let ten integer scores drift by five points. Only the finest printed scale matters (a funds
 * score "7.54" was rounded to two decimals), counted once per figure as in the amount rule.
 */
export function scoreSumTolerance(printed: readonly string[]): Dec {
  const scale = Math.max(0, ...printed.map(printedScale));
  return halfUnitAt(scale).times(printed.length);
}

export type Verdict = {
  /** null: exact match, no finding */
  severity: Severity | null;
  diff: Dec;
  tolerance: Dec;
};

/** A printed figure against the value it should equal: exact → null, within tolerance → rounding, beyond → `beyond`. */
export function judgeAmount(found: Dec, expected: Dec, tolerance: Dec, beyond: Severity = "error"): Verdict {
  const diff = found.minus(expected);
  if (diff.isZero()) return { severity: null, diff, tolerance };
  return { severity: diff.abs().lte(tolerance) ? "rounding" : beyond, diff, tolerance };
}

function roundTo(value: Dec, places: number): Dec {
  return value.toDecimalPlaces(places, D.ROUND_HALF_UP);
}

export type PrintedVerdict = Verdict & { places: number; rounded: Dec };

/**
 * A value printed with p decimals that the document computed (a percentage, a completion rate, a funds score):
 * recompute it from the printed inputs, round half-up to p places and compare. The inputs are themselves rounded,
 * so one unit in the last printed place is a rounding note; more is `beyond`. Several candidates may be given when
 * the document may legitimately have computed from either (e.g. the exact rate or the printed rate) — the closest wins.
 */
export function judgePrinted(stated: string, candidates: readonly Dec[], beyond: Severity = "error"): PrintedVerdict {
  const places = printedScale(stated);
  const unit = halfUnitAt(places).times(2);
  const found = new D(stated);
  let best: PrintedVerdict | undefined;
  for (const c of candidates) {
    const rounded = roundTo(c, places);
    const v = judgeAmount(found, rounded, unit, beyond);
    if (!best || v.diff.abs().lt(best.diff.abs())) best = { ...v, places, rounded };
  }
  if (!best) throw new Error("judgePrinted needs at least one candidate");
  return best;
}

/** Percent of a whole, exact: part / whole × 100; undefined for a zero whole. */
export function percentOf(part: Dec, whole: Dec): Dec | undefined {
  if (whole.isZero()) return undefined;
  return part.div(whole).times(100);
}
