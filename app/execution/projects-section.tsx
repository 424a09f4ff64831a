import Link from "next/link";
import { PROJECT_RATE_FLOOR } from "@/lib/metrics/policy";
import { projectColumns } from "@/lib/views/execution";
import { DataTable } from "../_components/data-table";
import { Pager } from "../_components/pager";
import { CsvLink, Empty, hrefWith, Pct, Section, SyntheticBadge } from "../_components/ui";
import { executionData, PAGE, type ExecutionView } from "./view";

/** 绩效 projects per department: how much of their budgets were spent, and how they graded themselves. */
export async function ProjectsSection({ v }: { v: ExecutionView }) {
  const { projectPage, projectCounts, pageHref } = await executionData(v);
  const pager = (
    <Pager page={projectPage.page} pageSize={PAGE} total={projectPage.total} href={pageHref("ppage", "projects")} />
  );
  const red = (p: { low: number }) => (p.low ? "font-semibold text-rose-700" : "");
  return (
    <Section
      id="projects"
      title="绩效项目：执行率与自评得分"
      actions={<CsvLink dataset="execution-projects" params={v.keep} />}
      note={`来源：附件绩效自评表。执行率 = Σ全年执行数（B）÷ Σ全年预算数（A）× 100，只计两项都填了的项目；平均自评得分为自评表总分的算术平均；等级取自绩效自评汇总表，未列等级时按得分推定（90 分及以上为优）。执行率低于 ${PROJECT_RATE_FLOOR}% 的项目最多的部门在前${projectCounts.withLow ? `（${projectCounts.withLow} 个部门有这样的项目）` : ""}。`}
    >
      {projectPage.rows.length === 0 ? (
        <Empty>
          {v.year} 年度{v.sp.dept ? "该部门" : "各部门"}没有附绩效自评表。
        </Empty>
      ) : (
        <>
          {pager}
          <DataTable
            columns={projectColumns}
            rows={projectPage.rows}
            rowKey={(p) => p.departmentId}
            rowClass={(p) => (p.low ? "bg-rose-50" : undefined)}
            sortable={projectPage.total <= PAGE}
            minWidth="min-w-[860px]"
            cells={{
              department: (p) => (
                <>
                  <Link
                    className="text-blue-700 hover:underline"
                    href={hrefWith("/performance", { year: v.year, synthetic: v.keep.synthetic, dept: p.departmentId })}
                  >
                    {p.department}
                  </Link>
                  <SyntheticBadge synthetic={p.synthetic} />
                </>
              ),
              minRate: (p) => (
                <span className={red(p)}>
                  <Pct v={p.minRate} />
                </span>
              ),
              low: (p) => <span className={red(p)}>{p.low}</span>,
            }}
            note="点击部门名到绩效页查看每个项目及其指标。"
          />
          {pager}
        </>
      )}
    </Section>
  );
}
