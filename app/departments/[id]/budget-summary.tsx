import Link from "next/link";
import { getDepartmentBudgets } from "@/db/queries/budget-review";
import { Pct, Section, Wan, hrefWith } from "../../_components/ui";

/** The department's budget documents beside its 决算, with the way into the spring review and subject-level execution. */
export async function BudgetSummary({ departmentId, year }: { departmentId: number; year?: number }) {
  const budgets = await getDepartmentBudgets(departmentId);
  if (budgets.length === 0) {
    return (
      <Section title="部门预算">
        <p className="text-sm text-gray-600">库中没有本部门的预算文件；载入部门预算后，可逐科目比较年初预算与决算。</p>
      </Section>
    );
  }
  return (
    <Section
      title="部门预算"
      actions={
        <Link
          className="text-blue-700 hover:underline"
          href={hrefWith("/budget-review", {
            dept: departmentId,
            year: budgets.some((b) => b.year === year) ? year : undefined,
          })}
        >
          逐科目预算审查
        </Link>
      }
      note="取自本部门公开的部门预算（或单位预算），元已按万元换算。执行率 = 同年决算的一般公共预算财政拨款支出 ÷ 预算文件的一般公共预算支出。"
    >
      <table className="w-full border-collapse text-sm">
        <thead>
          <tr className="border-b bg-gray-100 text-left">
            <th className="p-2">年度</th>
            <th className="p-2">口径</th>
            <th className="num p-2">支出预算</th>
            <th className="num p-2">“三公”预算</th>
            <th className="num p-2">机关运行经费预算</th>
            <th className="num p-2">同年决算执行率</th>
            <th className="num p-2">预算文件审核错误</th>
          </tr>
        </thead>
        <tbody>
          {budgets.map((b) => (
            <tr key={`${b.year}-${b.scope}`} className="border-b border-gray-100">
              <td className="p-2">
                <Link
                  className="text-blue-700 hover:underline"
                  href={hrefWith("/budget-review", { dept: departmentId, year: b.year })}
                >
                  {b.year}
                </Link>
              </td>
              <td className="p-2">{b.scope}</td>
              <td className="num p-2">
                <Wan v={b.expenditure} />
              </td>
              <td className="num p-2">
                <Wan v={b.sangong} />
              </td>
              <td className="num p-2">
                <Wan v={b.operatingCost} />
              </td>
              <td className="num p-2">
                <Pct v={b.execution} />
              </td>
              <td className={`num p-2 ${b.errors ? "text-rose-700" : ""}`}>{b.errors}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}
