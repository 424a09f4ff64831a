import { type PerformanceSummary, performanceRateEdges } from "@/db/queries/performance";
import { Bars } from "../_components/charts/charts";
import { Empty, Section } from "../_components/ui";

const GRADES = ["优", "良", "中", "差"] as const;
const COLORS: Record<string, string> = { 优: "emerald", 良: "blue", 中: "amber", 差: "rose", 未评等级: "slate" };
const gradeOf = (g?: string) => (g && (GRADES as readonly string[]).includes(g) ? g : "未评等级");

/** Projects counted by execution-rate band, each bar split by grade: a 优 in a low band is a flagged project. */
export function RateChart(props: { summary: PerformanceSummary; maxRate: number; year: number; dept?: number }) {
  const { summary, maxRate } = props;
  const edges = performanceRateEdges(maxRate);
  const bandLabel = (b: number) =>
    b === 0
      ? `${edges[0]}% 以下`
      : b >= edges.length
        ? `${edges[edges.length - 1]}% 及以上`
        : `${edges[b - 1]}–${edges[b]}%`;
  const categories = [...GRADES, "未评等级"].filter((g) =>
    summary.bands.some((b) => b.band >= 0 && gradeOf(b.grade) === g),
  );
  const chart = Array.from({ length: edges.length + 1 }, (_, b) => {
    const row: Record<string, string | number> = { 执行率: bandLabel(b) };
    for (const g of categories)
      row[g] = summary.bands.filter((x) => x.band === b && gradeOf(x.grade) === g).reduce((a, x) => a + x.count, 0);
    return row;
  });
  const noRate = summary.bands.filter((b) => b.band < 0).reduce((a, b) => a + b.count, 0);
  return (
    <Section
      title="执行率与自评等级"
      note={`横轴：执行率 = 全年执行数（B）÷ 全年预算数（A）× 100，取自评表所列，未列时复算，按区间计数；每根柱按自评等级（汇总表等级，未列时按得分推定：90 分及以上为优）分段。执行率低于 ${maxRate}% 的区间里的“优”即“评为优但执行率低于 ${maxRate}%”的项目，在下方明细中排在最前。${noRate ? `${noRate} 个项目缺执行率，未画出。` : ""}`}
    >
      {summary.total - noRate === 0 ? (
        <Empty>
          {summary.total
            ? "没有项目列出执行率。"
            : `${props.year} 年度${props.dept ? "该部门" : "各部门"}没有公开绩效自评表。`}
        </Empty>
      ) : (
        <Bars
          data={chart}
          index="执行率"
          categories={categories}
          unit="count"
          stack
          colors={categories.map((g) => COLORS[g] ?? "slate")}
        />
      )}
    </Section>
  );
}
