import { D, type Dec } from "../money/decimal";

/** Median of decimal strings, exact (mean of the middle two for even counts); undefined for none. */
export function median(values: (string | null | undefined)[]): string | undefined {
  const xs = values
    .filter((v): v is string => v !== null && v !== undefined && v !== "")
    .map((v) => new D(v))
    .sort((a, b) => a.cmp(b));
  if (xs.length === 0) return undefined;
  const m = xs.length >> 1;
  return (xs.length % 2 ? xs[m] : xs[m - 1].plus(xs[m]).div(2)).toFixed();
}

/** Percentile rank of `value` among `values` (share of values ≤ it, 0–100, 2 dp). */
export function percentileRank(value: string, values: string[]): string {
  if (values.length === 0) return "0";
  const v = new D(value);
  const le = values.filter((x) => new D(x).lte(v)).length;
  return new D(le).div(values.length).times(100).toFixed(2);
}

/** a / b × 100 to `dp` places; undefined when either is missing or the base is zero (never "0%"). */
export function ratePct(a: string | null | undefined, b: string | null | undefined, dp = 2): string | undefined {
  if (a === null || a === undefined || b === null || b === undefined || a === "" || b === "") return undefined;
  const base = new D(b);
  if (base.isZero()) return undefined;
  return new D(a).div(base).times(100).toFixed(dp, D.ROUND_HALF_UP);
}

export function sum(values: (string | null | undefined)[]): Dec {
  return values.reduce<Dec>((acc, v) => (v ? acc.plus(v) : acc), new D(0));
}
