import Link from "next/link";
import { getExecutionDepartmentsPage } from "@/db/queries/execution";
import { EXECUTION_TARGET } from "@/lib/metrics/policy";
import { departmentColumns } from "@/lib/views/execution";
import { ReferenceBars } from "../_components/charts/charts";
import { DataTable } from "../_components/data-table";
import { Pager } from "../_components/pager";
import { CsvLink, Empty, Pct, Section, SyntheticBadge } from "../_components/ui";
import { executionData, PAGE, type ExecutionView } from "./view";

/** bars drawn: the departments furthest from their 年初预算 (the table and the CSV list every one) */
const TOP = 15;

/** Each department's execution against its 年初预算: the furthest as bars from 100%, then every one in a table. */
export async function DepartmentsSection({ v }: { v: ExecutionView }) {
  const { summary, deptPage, pageHref } = await executionData(v);
  const dc = summary.departments;
  const { low, high } = v.sp;
  const top =
    deptPage.page === 1
      ? deptPage.rows.slice(0, TOP)
      : (await getExecutionDepartmentsPage(v.f, { page: 1, pageSize: TOP }, dc.total)).rows;
  const topRated = top.filter((d) => d.rate !== undefined);
  const unrated = dc.total - dc.rated;
  const pager = (
    <Pager page={deptPage.page} pageSize={PAGE} total={deptPage.total} href={pageHref("page", "departments")} />
  );
  return (
    <Section
      id="departments"
      title="各部门：年初预算与决算"
      actions={<CsvLink dataset="execution-departments" params={v.keep} />}
      note={`执行率 = 一般公共预算财政拨款支出决算（公开05表合计）÷ 年初预算（情况说明）× 100。条形从 100%（决算等于年初预算）向右为超支、向左为未用完；虚线为区间 ${low}% 与 ${high}%，超出的标红。${dc.total > TOP ? `图中只画偏离 100% 最多的 ${TOP} 个部门；全部部门的分布见下方“执行率分布”，逐个部门见表格（每页 ${PAGE} 个）或 CSV。` : ""}按偏离 100% 的程度排列，未披露年初预算的部门列在最后。原因为部门在情况说明中的原话。`}
    >
      {dc.total === 0 ? (
        <Empty>
          {v.year} 年度没有{v.sp.dept ? "该部门的" : ""}报告。
        </Empty>
      ) : (
        <>
          {topRated.length ? (
            <ReferenceBars
              label={
                dc.total > TOP
                  ? `偏离最大的 ${topRated.length} 个部门：决算相对年初预算`
                  : "各部门决算相对年初预算的偏离"
              }
              references={[
                { value: 0, label: `${EXECUTION_TARGET}%（决算等于年初预算）` },
                { value: low - EXECUTION_TARGET, label: `${low}%` },
                { value: high - EXECUTION_TARGET, label: `${high}%` },
              ]}
              rows={topRated.map((d) => ({
                label: d.department,
                value: Number(d.rate) - EXECUTION_TARGET,
                display: `${d.rate}%`,
                href: v.href({ dept: d.departmentId }),
                tone: d.outside ? "bad" : "neutral",
              }))}
            />
          ) : (
            <Empty>没有部门同时披露年初预算和决算，无法计算执行率。</Empty>
          )}
          {unrated ? (
            <p className="mt-2 text-xs text-gray-500">
              {unrated} 个部门未披露年初预算或决算，没有执行率，列在表格最后。
            </p>
          ) : null}
          <div className="mt-4">
            {pager}
            <DataTable
              columns={departmentColumns}
              rows={deptPage.rows}
              rowKey={(d) => d.departmentId}
              rowClass={(d) => `align-top ${d.outside ? "bg-rose-50" : ""}`}
              sortable={deptPage.total <= PAGE}
              minWidth="min-w-[900px]"
              cells={{
                department: (d) => (
                  <>
                    <Link className="text-blue-700 hover:underline" href={v.href({ dept: d.departmentId })}>
                      {d.department}
                    </Link>
                    <SyntheticBadge synthetic={d.synthetic} />
                  </>
                ),
                rate: (d) => (
                  <span className={d.outside ? "font-semibold text-rose-700" : ""}>
                    <Pct v={d.rate} />
                  </span>
                ),
                reason: (d) => <Reason reason={d.reason} line={d.sourceLine} />,
              }}
              note="点击部门名只看该部门。"
            />
            {pager}
          </div>
        </>
      )}
    </Section>
  );
}

/** The department's own words, or that it gave none, with the line that says it. */
export function Reason({ reason, line }: { reason?: string; line?: number }) {
  return (
    <span className="whitespace-normal text-gray-700">
      {reason ?? <span className="text-gray-400">未说明</span>}
      {line ? <span className="ml-1 text-xs text-gray-400">（第 {line} 行）</span> : null}
    </span>
  );
}
