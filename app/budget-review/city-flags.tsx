import Link from "next/link";
import type { BudgetFlag } from "@/db/queries/budget-flags";
import { REVIEW_GROWTH_PCT, REVIEW_LOW_EXECUTION_PCT } from "@/db/queries/budget-review";
import { hrefWith, Section } from "../_components/ui";

const FLAG_TEXT: Record<BudgetFlag["kind"], string> = {
  growthLowExecution: "预算增长而上年执行偏低",
  sangongUp: "“三公”经费预算增加",
  budgetError: "预算文件自身不平衡或前后不一致",
};

/** The season's flags across the city, a dozen of each kind. */
export function BudgetFlags({ year, flags }: { year: number; flags: BudgetFlag[] }) {
  const kinds = Object.keys(FLAG_TEXT) as BudgetFlag["kind"][];
  return (
    <Section
      title={`${year} 年预算季提示`}
      note={`“预算增长而上年执行偏低”：一般公共预算科目比 ${year - 1} 年预算增长超过 ${REVIEW_GROWTH_PCT.toFixed()}%，而 ${year - 1} 年决算 ÷ ${year - 1} 年预算低于 ${REVIEW_LOW_EXECUTION_PCT.toFixed()}%，需要同一部门上年的预算和决算都已载入。“三公”增加：与上年预算文件比较，没有上年预算文件时按本年预算说明所述。`}
    >
      <div className="grid gap-3 md:grid-cols-3">
        {kinds.map((k) => {
          const list = flags.filter((f) => f.kind === k);
          return (
            <div key={k} className="rounded border border-gray-200 p-3">
              <h3 className="mb-2 text-sm font-semibold text-gray-800">
                {FLAG_TEXT[k]}：{list.length} 项
              </h3>
              {list.length === 0 ? (
                <p className="text-xs text-gray-500">无</p>
              ) : (
                <ul className="space-y-1 text-sm">
                  {list.slice(0, 12).map((f) => (
                    <li key={`${f.departmentId}-${f.code ?? ""}`}>
                      <Link
                        className="text-blue-700 hover:underline"
                        href={hrefWith("/budget-review", { dept: f.departmentId, year })}
                      >
                        {f.department}
                      </Link>
                      {k === "growthLowExecution"
                        ? ` ${f.code} ${f.name}：预算增长 ${f.value}%，上年执行率 ${f.detail}%`
                        : null}
                      {k === "sangongUp" ? `：增加 ${f.value || "（未说明金额）"} 万元（${f.detail}）` : null}
                      {k === "budgetError" ? `：审核错误 ${f.value} 项` : null}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          );
        })}
      </div>
    </Section>
  );
}
