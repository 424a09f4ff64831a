import { Bars } from "../_components/charts/charts";
import { Empty, Section } from "../_components/ui";
import { LARGEST, type Charted } from "./view";

/** The largest departments' spending, basic and project stacked (01表 本年支出合计). */
export function SpendingSection({ charted }: { charted: Charted }) {
  return (
    <Section
      title={`本年支出合计${charted.length >= LARGEST ? `（支出最大的 ${LARGEST} 个部门）` : `（${charted.length} 个部门）`}`}
      note="来源：各部门公开01表“本年支出合计”，分为基本支出与项目支出；未披露两项之一的部门不画。"
    >
      {charted.length ? (
        <Bars
          data={charted.map((r) => ({
            部门: r.department,
            基本支出: Number(r.figures.basicExpenditure),
            项目支出: Number(r.figures.projectExpenditure),
          }))}
          index="部门"
          categories={["基本支出", "项目支出"]}
          stack
          layout="vertical"
          height={charted.length <= 5 ? "h-48" : "h-[34rem]"}
        />
      ) : (
        <Empty>没有可比较的支出数字。</Empty>
      )}
    </Section>
  );
}
