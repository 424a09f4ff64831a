import Link from "next/link";
import { getDocumentExecution } from "@/db/queries/budget-execution";
import { Empty, Pct, Section, Wan, hrefWith } from "../_components/ui";

/**
 * Execution against the budget documents themselves (every 功能分类 subject), beside the narrative-based view
 * above, for the departments whose budget and 决算 of the year are both loaded.
 */
export async function BudgetDocumentExecution({ year, low, high }: { year: number; low: number; high: number }) {
  const list = await getDocumentExecution(year, low, high);
  return (
    <Section
      title={`按预算文件逐科目核对执行（${year} 年）`}
      note={`决算取自一般公共预算财政拨款支出决算表，年初预算取自同一部门同一年度的一般公共预算支出功能分类预算表，按科目编码逐一对应；执行率 = 决算 ÷ 年初预算。“超出范围的科目”为执行率低于 ${low}% 或高于 ${high}% 的项级科目。没有载入预算文件的年度仍按情况说明中的年初预算计算（见上）。`}
    >
      {list.length === 0 ? (
        <Empty>{year} 年还没有同一部门的预算文件和决算同时载入。载入部门预算后，这里逐科目比较决算与年初预算。</Empty>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-sm">
            <thead>
              <tr className="border-b bg-gray-100 text-left">
                <th className="p-2">部门</th>
                <th className="num p-2">年初预算（万元）</th>
                <th className="num p-2">决算（万元）</th>
                <th className="num p-2">执行率</th>
                <th className="num p-2">项级科目</th>
                <th className="num p-2">超出范围的科目</th>
                <th className="num p-2">“三公”预算</th>
                <th className="num p-2">“三公”决算</th>
              </tr>
            </thead>
            <tbody>
              {list.map((d) => (
                <tr key={d.departmentId} className="border-b border-gray-100">
                  <td className="p-2">
                    <Link
                      className="text-blue-700 hover:underline"
                      href={hrefWith("/budget-review", { dept: d.departmentId, year })}
                    >
                      {d.department}
                    </Link>
                    <span className="ml-1 text-xs text-gray-500">
                      {d.budgetScope} / {d.finalScope}
                    </span>
                  </td>
                  <td className="num p-2">
                    <Wan v={d.budget} />
                  </td>
                  <td className="num p-2">
                    <Wan v={d.final} />
                  </td>
                  <td className="num p-2">
                    <Pct v={d.rate} />
                  </td>
                  <td className="num p-2">{d.subjects}</td>
                  <td className={`num p-2 ${d.outside ? "text-amber-700" : ""}`}>{d.outside}</td>
                  <td className="num p-2">
                    <Wan v={d.sangongBudget} />
                  </td>
                  <td className="num p-2">
                    <Wan v={d.sangongFinal} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
