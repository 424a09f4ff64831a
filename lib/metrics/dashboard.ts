import { D } from "../money/decimal";
import { PEER_GROUP } from "./policy";
import { ratePct } from "./stats";

/** a − b; undefined when either is missing (a missing year is not a change of zero). */
export function difference(a: string | null | undefined, b: string | null | undefined): string | undefined {
  if (a === null || a === undefined || a === "" || b === null || b === undefined || b === "") return undefined;
  return new D(a).minus(b).toFixed();
}

/** a ÷ b to `dp` places (half-up); undefined when missing or when b is zero — 0 vehicles gives no cost per vehicle. */
export function quotient(
  a: string | number | null | undefined,
  b: string | number | null | undefined,
  dp = 2,
): string | undefined {
  if (a === null || a === undefined || a === "" || b === null || b === undefined || b === "") return undefined;
  const base = new D(b);
  if (base.isZero()) return undefined;
  return new D(a).div(base).toFixed(dp, D.ROUND_HALF_UP);
}

/** Exact sum of the values present, and how many there were; `sum` is undefined when none was (not "0"). */
export function presentSum(values: (string | null | undefined)[]): { sum: string | undefined; count: number } {
  const given = values.filter((v): v is string => v !== null && v !== undefined && v !== "");
  if (given.length === 0) return { sum: undefined, count: 0 };
  return { sum: given.reduce((acc, v) => acc.plus(v), new D(0)).toFixed(), count: given.length };
}

export type SizeBand = "small" | "medium" | "large";

/** Peer groups by 本年支出合计 (万元), at the policy's edges (PEER_GROUP). */
export function sizeBand(expenditureTotal: string | null | undefined): SizeBand | undefined {
  if (expenditureTotal === null || expenditureTotal === undefined || expenditureTotal === "") return undefined;
  const v = new D(expenditureTotal);
  if (v.lt(PEER_GROUP.small)) return "small";
  if (v.lte(PEER_GROUP.large)) return "medium";
  return "large";
}

export type RateBin = { label: string; from?: number; to?: number; concern: boolean };

/**
 * Bins for execution rates (percent), always including the user's thresholds as edges so a bin never straddles
 * the line between "in range" and "concern".
 */
export function rateBins(low: number, high: number): RateBin[] {
  const edges = [...new Set([50, low, 90, 100, 110, high, 150].filter((e) => e > 0))].sort((a, b) => a - b);
  const bins: RateBin[] = [{ label: `${edges[0]}% 以下`, to: edges[0], concern: edges[0] <= low }];
  for (let i = 0; i + 1 < edges.length; i++) {
    bins.push({
      label: `${edges[i]}–${edges[i + 1]}%`,
      from: edges[i],
      to: edges[i + 1],
      concern: edges[i + 1] <= low || edges[i] >= high,
    });
  }
  const last = edges[edges.length - 1];
  bins.push({ label: `${last}% 及以上`, from: last, concern: last >= high });
  return bins;
}

/** Index of the bin a rate falls in: [from, to) — a rate exactly on an edge belongs to the upper bin. */
export function binOf(rate: string, bins: RateBin[]): number {
  const r = new D(rate);
  const i = bins.findIndex((b) => (b.from === undefined || r.gte(b.from)) && (b.to === undefined || r.lt(b.to)));
  return i < 0 ? bins.length - 1 : i;
}

export function histogram(rates: string[], bins: RateBin[]): number[] {
  const counts = bins.map(() => 0);
  for (const r of rates) counts[binOf(r, bins)]++;
  return counts;
}

/**
 * 绩效 grade from the total score when the summary table gives none, by the usual 自评 scale
 * (优 ≥ 90, 良 80–90, 中 60–80, 差 < 60).
 */
export function gradeFromScore(score: string | null | undefined): "优" | "良" | "中" | "差" | undefined {
  if (score === null || score === undefined || score === "") return undefined;
  const s = new D(score);
  return s.gte(90) ? "优" : s.gte(80) ? "良" : s.gte(60) ? "中" : "差";
}

/** Share of a part in its whole in percent, 2 dp — ratePct under a name that reads right for compositions. */
export const shareOf = (part: string | null | undefined, whole: string | null | undefined) => ratePct(part, whole);

/** Rank 1 = largest; equal values share a rank (1, 2, 2, 4). */
export function ranksDescending(values: string[]): number[] {
  const ds = values.map((v) => new D(v));
  return ds.map((v) => 1 + ds.filter((o) => o.gt(v)).length);
}
