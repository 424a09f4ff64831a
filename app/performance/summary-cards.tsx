import type { PerformanceSummary } from "@/db/queries/performance";
import { StatCard } from "../_components/stat-card";

/** How many sheets there are, how many rate 优 while spending little, and how many cannot be compared. */
export function SummaryCards({ summary, maxRate }: { summary: PerformanceSummary; maxRate: number }) {
  return (
    <section className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-4">
      <StatCard
        label="公开自评表的项目"
        value={`${summary.total} 个`}
        sub={summary.summaryOnly ? `另有 ${summary.summaryOnly} 个只在汇总表中列出` : undefined}
      />
      <StatCard
        label={`评为优但执行率低于 ${maxRate}%`}
        value={`${summary.flagged} 个`}
        tone={summary.flagged ? "bad" : undefined}
        sub={summary.flagged ? "列在下方明细最前" : undefined}
      />
      <StatCard label={`其他执行率低于 ${maxRate}%`} value={`${summary.low} 个`} />
      <StatCard label="无法比较" value={`${summary.total - summary.plotted} 个`} sub="缺执行率或得分" />
    </section>
  );
}
