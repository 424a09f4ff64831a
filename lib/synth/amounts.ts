import { D, type Dec } from "../money/decimal";

/** Synthetic documents print 万元 with two decimals, like the national template. */
export function money(v: Dec): string {
  return v.toFixed(2);
}

export function round2(v: Dec): Dec {
  return v.toDecimalPlaces(2, D.ROUND_HALF_UP);
}

export function sumOf(values: Dec[]): Dec {
  return values.reduce<Dec>((a, v) => a.plus(v), new D(0));
}

/** a / b × 100, two places, half up — how the documents state 占/完成/增长 percentages */
export function pctOf(a: Dec, b: Dec): string {
  return a.div(b).times(100).toFixed(2);
}

/**
 * Splits `total` (two places) into parts proportional to `weights`, each rounded to the cent,
 * the leftover cents going to the largest remainders so Σ parts = total exactly.
 */
export function allocate(total: Dec, weights: Dec[]): Dec[] {
  const cents = total.times(100);
  const w = sumOf(weights);
  if (weights.length === 0) return [];
  if (w.isZero()) return weights.map((_, i) => (i === 0 ? total : new D(0)));
  const raw = weights.map((x) => cents.times(x).div(w));
  const floors = raw.map((r) => r.floor());
  let left = cents.minus(sumOf(floors)).toNumber();
  const order = raw.map((r, i) => ({ i, rem: r.minus(floors[i]) })).sort((a, b) => b.rem.cmp(a.rem) || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) floors[order[k].i] = floors[order[k].i].plus(1);
  return floors.map((c) => c.div(100));
}

export const ZERO = new D(0);
