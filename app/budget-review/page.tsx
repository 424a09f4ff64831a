import Link from "next/link";
import { getBudgetFlags } from "@/db/queries/budget-flags";
import { getBudgetMovers, getBudgetYearsAll } from "@/db/queries/budget-review";
import { budgetReviewParamsSchema } from "@/lib/budget/params";
import { parseParams, type RawParams } from "@/lib/filters";
import { moverColumns } from "@/lib/views/budget-review";
import { DataTable } from "../_components/data-table";
import { CsvLink, Empty, hrefWith, PageHeader, YearPicker, Section } from "../_components/ui";
import { BudgetFlags } from "./city-flags";
import { DepartmentReview } from "./department-review";

export const dynamic = "force-dynamic";
export const metadata = { title: "预算审查" };

export default async function BudgetReviewPage(props: { searchParams: Promise<RawParams> }) {
  const sp = parseParams(budgetReviewParamsSchema, await props.searchParams);
  if (sp.dept) return <DepartmentReview dept={sp.dept} year={sp.year} />;
  const years = await getBudgetYearsAll();
  const year = sp.year && years.includes(sp.year) ? sp.year : years[0];
  const [movers, flags] = year ? await Promise.all([getBudgetMovers(year), getBudgetFlags(year)]) : [[], []];
  return (
    <div>
      <PageHeader
        title="预算审查"
        subtitle="春季审查部门预算：今年的预算与上年预算、上年决算并列，增长而上年执行偏低的科目排在最前。"
      >
        {years.length ? <YearPicker years={years} current={year} path="/budget-review" /> : null}
      </PageHeader>
      {year ? <BudgetFlags year={year} flags={flags} /> : null}
      <Section
        title={year ? `${year} 年各部门预算，变动最大的在前` : "各部门预算"}
        actions={<CsvLink dataset="budget-movers" params={{ year }} />}
        note="支出预算取自各部门预算的财务收支预算总表（元已按万元换算，未作舍入）；上年预算为同一部门同一口径的上年预算文件。"
      >
        {movers.length === 0 ? (
          <Empty>库中还没有部门预算。用 npm run cli -- ingest 或导入页载入部门预算、单位预算 PDF。</Empty>
        ) : (
          <DataTable
            columns={moverColumns}
            rows={movers}
            rowKey={(m) => `${m.departmentId}-${m.scope}`}
            cells={{
              department: (m) => (
                <Link
                  className="text-blue-700 hover:underline"
                  href={hrefWith("/budget-review", { dept: m.departmentId, year })}
                >
                  {m.department}
                </Link>
              ),
              errors: (m) => <span className={m.errors ? "text-rose-700" : ""}>{m.errors}</span>,
            }}
          />
        )}
      </Section>
    </div>
  );
}
