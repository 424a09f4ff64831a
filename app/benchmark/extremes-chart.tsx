import { BENCHMARK_METRICS } from "@/lib/filters";
import type { BenchmarkPage } from "@/db/queries/benchmark";
import { METRIC_DEFS } from "@/lib/metrics/benchmark";
import { EXECUTION_TARGET, executionBand } from "@/lib/metrics/policy";
import { ReferenceBars } from "../_components/charts/charts";
import { show } from "./format";
import type { BenchmarkView } from "./view";

/** The highest and the lowest of the peer group around the median line, never one bar per department. */
export function ExtremesChart({ v, b, extremes }: { v: BenchmarkView; b: BenchmarkPage; extremes: number }) {
  const { sp, year } = v;
  const def = METRIC_DEFS[sp.metric];
  const change = b.mode === "change";
  const execution = sp.metric === "executionRate";
  const fmtValue = (x: string | undefined) => show(x, def.unit, change);
  const chartRows = [...b.top, ...b.bottom];
  const gap = b.bottom.length > 0 && b.top.length > 0 && b.bottom[0].rank! - b.top[b.top.length - 1].rank! > 1;
  // execution is drawn from 100%: a bar's length is its distance from the target, over-spending right, under left
  const centred = execution && !change;
  const offset = centred ? EXECUTION_TARGET : 0;
  return (
    <>
      <p className="mb-1 text-xs text-gray-500">
        {b.peers > 2 * extremes
          ? `${execution ? `离 ${EXECUTION_TARGET}% 最近和最远` : "最高和最低"}的各 ${extremes} 个部门（共 ${b.peers} 个参与排名，全部名次见下表）。`
          : `参与排名的全部 ${b.peers} 个部门${execution ? `，离 ${EXECUTION_TARGET}% 最近的在上` : ""}。`}
      </p>
      <ReferenceBars
        label={`${BENCHMARK_METRICS[sp.metric]}：最高与最低`}
        references={[
          ...(centred ? [{ value: 0, label: `${EXECUTION_TARGET}%（按年初预算执行）：向右超支，向左未用完` }] : []),
          ...(b.median !== undefined
            ? [{ value: Number(b.median) - offset, label: `同类中位数 ${fmtValue(b.median)}` }]
            : []),
        ]}
        rows={chartRows.map((r, i) => ({
          label: `${gap && i === b.top.length ? "… " : ""}${r.rank}. ${r.department}`,
          value: Number(r.value) - offset,
          display: fmtValue(r.value),
          href: `/departments/${r.departmentId}?year=${year}`,
          // execution has a verdict (its bands); other metrics none: for some higher is better, for others worse
          tone:
            execution && !change
              ? ({ concern: "bad", watch: "neutral", good: "good" } as const)[executionBand(r.value) ?? "watch"]
              : "neutral",
        }))}
      />
    </>
  );
}
