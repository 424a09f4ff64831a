import "server-only";
import type { BenchmarkMetric, SIZE_BANDS } from "@/lib/filters";
import { metricValue } from "@/lib/metrics/benchmark";
import { difference, ranksDescending, sizeBand, type SizeBand } from "@/lib/metrics/dashboard";
import { median, percentileRank } from "@/lib/metrics/stats";
import { D } from "@/lib/money/decimal";
import { getChosenFigures } from "./dashboard-scope";

export type BenchmarkFilter = { year: number; synthetic: boolean; metric: BenchmarkMetric; size: keyof typeof SIZE_BANDS; vs?: number };

export type BenchmarkRow = {
  departmentId: number;
  department: string;
  synthetic: boolean;
  scope: string;
  size?: SizeBand;
  expenditureTotal?: string;
  /** the metric in `year` */
  current?: string;
  /** the metric in `vs` (change mode) */
  previous?: string;
  /** what is ranked: `current`, or current − previous in change mode */
  value?: string;
  rank?: number;
  /** share of peers with a value ≤ this one, percent */
  percentile?: string;
  /** value − peer median */
  fromMedian?: string;
};

export type Benchmark = {
  mode: "level" | "change";
  rows: BenchmarkRow[];
  /** departments of the size band with a value */
  peers: number;
  median?: string;
  /** departments of the size band without a value (not disclosed, or missing in one of the two years) */
  missing: number;
  /** departments left out because they are in another size band */
  otherBands: number;
};

/** Every department of the peer group ranked on one metric (rank 1 = highest), with the peer median and percentile. */
export async function getBenchmark(f: BenchmarkFilter): Promise<Benchmark> {
  const change = f.vs !== undefined && f.vs !== f.year;
  const [now, before] = await Promise.all([
    getChosenFigures({ year: f.year, synthetic: f.synthetic }),
    change ? getChosenFigures({ year: f.vs!, synthetic: f.synthetic }) : Promise.resolve([]),
  ]);
  const all = now.map((r): BenchmarkRow => {
    const current = metricValue(f.metric, r.figures, r.completeness);
    const prior = change ? before.find((p) => p.departmentId === r.departmentId) : undefined;
    const previous = prior ? metricValue(f.metric, prior.figures, prior.completeness) : undefined;
    return {
      departmentId: r.departmentId,
      department: r.department,
      synthetic: r.synthetic,
      scope: r.scope,
      size: sizeBand(r.figures.expenditureTotal),
      expenditureTotal: r.figures.expenditureTotal,
      current,
      previous,
      value: change ? difference(current, previous) : current,
    };
  });
  const inBand = f.size === "all" ? all : all.filter((r) => r.size === f.size);
  const valued = inBand.filter((r) => r.value !== undefined);
  const values = valued.map((r) => r.value!);
  const med = median(values);
  const ranks = ranksDescending(values);
  valued.forEach((r, i) => {
    r.rank = ranks[i];
    r.percentile = percentileRank(r.value!, values);
    r.fromMedian = med === undefined ? undefined : new D(r.value!).minus(med).toFixed();
  });
  const missing = inBand.filter((r) => r.value === undefined).sort((a, b) => a.department.localeCompare(b.department, "zh"));
  valued.sort((a, b) => a.rank! - b.rank! || a.department.localeCompare(b.department, "zh"));
  return { mode: change ? "change" : "level", rows: [...valued, ...missing], peers: valued.length, median: med, missing: missing.length, otherBands: all.length - inBand.length };
}
