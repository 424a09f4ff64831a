/** Latency statistics for the benches: nearest-rank percentiles over milliseconds. Pure, no I/O. */

export type Summary = { count: number; p50: number; p95: number; p99: number; max: number; mean: number };

/** Nearest-rank percentile of an ascending array: the smallest value with at least p of the values at or below it. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  if (p <= 0) return sorted[0];
  const rank = Math.ceil(p * sorted.length);
  return sorted[Math.min(sorted.length, rank) - 1];
}

export function summarize(ms: readonly number[]): Summary {
  const s = [...ms].sort((a, b) => a - b);
  const sum = s.reduce((a, b) => a + b, 0);
  return {
    count: s.length,
    p50: percentile(s, 0.5),
    p95: percentile(s, 0.95),
    p99: percentile(s, 0.99),
    max: s.length ? s[s.length - 1] : NaN,
    mean: s.length ? sum / s.length : NaN,
  };
}

/** One decimal, or "—" when there is no sample. */
export function fmtMs(x: number): string {
  return Number.isFinite(x) ? x.toFixed(1) : "—";
}
