import Link from "next/link";
import { Empty, Section, hrefWith } from "../../_components/ui";
import { BudgetSummary } from "./budget-summary";

/**
 * A department the store knows only by its budgets (no 决算 loaded yet): what there is — its budget documents and the
 * way into the spring review — instead of a 404 for a link from /budget-review or the search.
 */
export function BudgetOnly({ departmentId, name }: { departmentId: number; name: string }) {
  return (
    <article className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">{name}</h1>
        <p className="mt-1 text-sm text-gray-600">
          库中还没有本部门的决算（部门决算或单位决算）：决算审查材料在载入后生成。下面是库中本部门的预算文件。
        </p>
      </header>
      <BudgetSummary departmentId={departmentId} />
      <Section title="决算审查材料">
        <Empty>
          {"尚无决算。可先在"}
          <Link
            className="mx-1 text-blue-700 hover:underline"
            href={hrefWith("/budget-review", { dept: departmentId })}
          >
            预算审查
          </Link>
          {"中逐科目查看本部门的预算、上年预算与上年决算。"}
        </Empty>
      </Section>
    </article>
  );
}
