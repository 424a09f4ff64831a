import type { MetricDef } from "@/lib/metrics/benchmark";
import { D } from "@/lib/money/decimal";
import { formatChange, formatPercent, formatWanyuan } from "@/lib/money/format";

/** A value in the metric's unit; a change of a percentage is in 百分点 and carries its sign. */
export function show(v: string | undefined, unit: MetricDef["unit"], change: boolean): string {
  if (v === undefined) return "—";
  if (change) return signedIn(v, unit);
  if (unit === "%") return formatPercent(v);
  if (unit === "万元" || unit === "万元/人") return `${formatWanyuan(v)} ${unit}`;
  return `${new D(v).toFixed(2)} 分`;
}

export function signedIn(v: string, unit: MetricDef["unit"]) {
  return `${formatChange(v)}${unit === "%" ? " 百分点" : ` ${unit}`}`;
}
