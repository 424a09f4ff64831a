import { getSangongCategories } from "@/db/queries/sangong";
import { categoryColumns } from "@/lib/views/sangong";
import { Bars } from "../_components/charts/charts";
import { DataTable } from "../_components/data-table";
import { CsvLink, Empty, Section } from "../_components/ui";
import type { SangongView } from "./view";

/** 三公 by category, 预算数 against 决算数. */
export async function CategoriesSection({ v, scope }: { v: SangongView; scope: string }) {
  const cats = await getSangongCategories(v.f);
  const parts = cats.categories.filter((c) => c.key !== "Total");
  return (
    <Section
      title={`分类：预算与决算（${scope}）`}
      actions={<CsvLink dataset="sangong-categories" params={v.keep} />}
      note="来源：公开09表 财政拨款“三公”经费支出决算表的预算数与决算数，按部门相加。预算数为全年预算数；“—”表示表中该栏留空（常见于当年没有购车的部门），不等于零——情况说明另有所述时，下方历年表采用其数字。"
    >
      {cats.reportsWithTable === 0 ? (
        <Empty>
          {v.year} 年度{v.sp.dept ? "该部门" : "各部门"}没有可读的公开09表。
        </Empty>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          <Bars
            data={parts.map((c) => ({
              类别: c.label,
              预算数: c.budget === undefined ? null : Number(c.budget),
              决算数: c.final === undefined ? null : Number(c.final),
            }))}
            index="类别"
            categories={["预算数", "决算数"]}
          />
          <DataTable
            columns={categoryColumns}
            rows={cats.categories}
            rowKey={(c) => c.key}
            minWidth="min-w-[420px]"
            sortable={false}
            rowClass={(c) => (c.key === "Total" ? "font-semibold" : undefined)}
          />
        </div>
      )}
    </Section>
  );
}
