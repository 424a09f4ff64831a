import { Bars } from "../_components/charts/charts";
import { CsvLink, Empty, Section } from "../_components/ui";
import { executionData, type ExecutionView } from "./view";

/** How many departments and subjects fall in each band of execution rates. */
export async function DistributionSection({ v }: { v: ExecutionView }) {
  const dist = (await executionData(v)).summary.distribution;
  const { low, high } = v.sp;
  return (
    <Section
      title="执行率分布"
      actions={<CsvLink dataset="execution-distribution" params={v.keep} />}
      note={`区间含左端不含右端；区间边界包含所设阈值 ${low}% 与 ${high}%。科目为情况说明逐项列出的“年初预算与决算”；年初无预算的 ${dist.itemsWithoutBudget} 个科目没有执行率，未计入${dist.departmentsMissing ? `；${dist.departmentsMissing} 个部门未披露年初预算，未计入` : ""}。`}
    >
      {dist.bins.every((b) => b.departments === 0 && b.items === 0) ? (
        <Empty>没有可计算执行率的部门或科目。</Empty>
      ) : (
        // departments and subjects differ tenfold in number: one chart each, so neither is flattened by the other's axis
        <div className="grid gap-4 lg:grid-cols-2">
          {(
            [
              ["部门数", "部门（一般公共预算财政拨款执行率）", "emerald"],
              ["科目数", "科目（情况说明逐项列出的年初预算与决算）", "blue"],
            ] as const
          ).map(([k, title, color]) => (
            <div key={k}>
              <h3 className="mb-1 text-sm font-semibold text-gray-800">{title}</h3>
              <Bars
                data={dist.bins.map((b) => ({
                  区间: b.concern ? `${b.label}（超出）` : b.label,
                  [k]: k === "部门数" ? b.departments : b.items,
                }))}
                index="区间"
                categories={[k]}
                colors={[color]}
                unit="count"
              />
            </div>
          ))}
        </div>
      )}
    </Section>
  );
}
