import Link from "next/link";
import { getBudgetFlags } from "@/db/queries/budget-flags";
import { getBudgetMovers, getBudgetYearsAll } from "@/db/queries/budget-review";
import { hrefWith } from "./ui";

/** The budget season's flags on the overview: counts for the newest budget year, each leading to the review. */
export async function BudgetSeason() {
  const [year] = await getBudgetYearsAll();
  if (year === undefined) return null;
  const [flags, movers] = await Promise.all([getBudgetFlags(year), getBudgetMovers(year)]);
  const n = (k: string) => flags.filter((f) => f.kind === k).length;
  const href = hrefWith("/budget-review", { year });
  const items: [string, number, string][] = [
    ["预算增长而上年执行偏低的科目", n("growthLowExecution"), "项"],
    ["“三公”经费预算增加", n("sangongUp"), "个部门"],
    ["预算文件自身不平衡", n("budgetError"), "份"],
  ];
  return (
    <section className="mb-6 rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-base font-semibold text-gray-900">
          {year} 年预算季：已载入 {movers.length} 个部门的预算
        </h2>
        <Link className="text-blue-700 hover:underline" href={href}>
          去预算审查 →
        </Link>
      </div>
      <ul className="mt-2 flex flex-wrap gap-x-6 gap-y-1">
        {items.map(([label, count, unit]) => (
          <li key={label}>
            {label}：
            <Link
              className={count ? "font-semibold text-amber-800 hover:underline" : "text-gray-600 hover:underline"}
              href={href}
            >
              {count} {unit}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
