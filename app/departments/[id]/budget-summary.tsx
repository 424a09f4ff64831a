import Link from "next/link";
import { getDepartmentBudgets } from "@/db/queries/budget-review";
import { packBudgetColumns } from "@/lib/views/department";
import { DataTable } from "../../_components/data-table";
import { Section, hrefWith } from "../../_components/ui";

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
      <DataTable
        columns={packBudgetColumns}
        rows={budgets}
        rowKey={(b) => `${b.year}-${b.scope}`}
        sortable={false}
        cells={{
          year: (b) => (
            <Link
              className="text-blue-700 hover:underline"
              href={hrefWith("/budget-review", { dept: departmentId, year: b.year })}
            >
              {b.year}
            </Link>
          ),
          errors: (b) => (b.errors ? <span className="text-rose-700">{b.errors}</span> : undefined),
        }}
      />
    </Section>
  );
}
