import { BENCHMARK_SCOPES, SIZE_BANDS } from "@/lib/filters";
import type { BenchmarkPage } from "@/db/queries/benchmark";
import { METRIC_DEFS } from "@/lib/metrics/benchmark";
import { PEER_GROUP } from "@/lib/metrics/policy";
import { StatCard } from "../_components/stat-card";
import { show } from "./format";
import type { BenchmarkView } from "./view";

/** How many departments are ranked, their median, and how many could not be ranked and why. */
export function SummaryCards({ v, b }: { v: BenchmarkView; b: BenchmarkPage }) {
  const { sp } = v;
  const def = METRIC_DEFS[sp.metric];
  const change = b.mode === "change";
  const fmtValue = (x: string | undefined) => show(x, def.unit, change);
  const unitText = change ? (def.unit === "%" ? "百分点" : def.unit) : def.unit;
  const scopeText = BENCHMARK_SCOPES[sp.scope];
  return (
    <section className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-4">
      <StatCard
        label="参与排名"
        value={`${b.peers} 个`}
        sub={`${scopeText}，${sp.size === "all" ? "各规模" : SIZE_BANDS[sp.size]}`}
      />
      <StatCard
        label={`${change ? "变化的" : ""}同类中位数`}
        value={b.median !== undefined ? fmtValue(b.median) : "不列"}
        sub={
          sp.size === "all"
            ? "各规模档分别计算，见表中“与同类中位数之差”"
            : b.median !== undefined
              ? `单位：${unitText}`
              : `同类不足 ${PEER_GROUP.minPeers} 个，不作基准`
        }
      />
      <StatCard
        label="缺少数据"
        value={`${b.missing} 个`}
        sub={
          change
            ? `两年中任一年未披露或不在库中`
            : def.unit === "万元/人"
              ? "文件未述编制或实有人数"
              : "文件未披露所需数字"
        }
      />
      <StatCard
        label="未参与比较"
        value={`${b.otherBands + b.otherScope} 个`}
        sub={`其他规模 ${b.otherBands} 个；${sp.scope === "department" ? BENCHMARK_SCOPES.unit : BENCHMARK_SCOPES.department} ${b.otherScope} 个`}
      />
    </section>
  );
}
