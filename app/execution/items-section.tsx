import Link from "next/link";
import { itemColumns } from "@/lib/views/execution";
import { DataTable } from "../_components/data-table";
import { Pager } from "../_components/pager";
import { CsvLink, Empty, Pct, Section, SyntheticBadge } from "../_components/ui";
import { Reason } from "./departments-section";
import { executionData, PAGE, type ExecutionView } from "./view";

/** Subjects outside the range or without a 年初预算 across the city, or every subject of the department looked at. */
export async function ItemsSection({ v }: { v: ExecutionView }) {
  const { summary, itemPage, listedItems, pageHref, deptName } = await executionData(v);
  const { items } = summary;
  const { low, high, dept } = v.sp;
  const pager = (
    <Pager page={itemPage.page} pageSize={PAGE} total={itemPage.total} href={pageHref("ipage", "items")} unit="项" />
  );
  return (
    <Section
      id="items"
      title={dept ? `${deptName ?? "该部门"}：各科目年初预算与决算` : `超出 ${low}%–${high}% 或年初无预算的科目`}
      actions={<CsvLink dataset="execution-items" params={v.keep} />}
      note="完成率以文件所述为准，文件未述时复算（决算 ÷ 年初预算 × 100，标“复算”）。原因为部门原话；“未说明”表示文件没有给出原因。"
    >
      {listedItems === 0 ? (
        <Empty>
          {items.total === 0
            ? `${v.year} 年度${dept ? "该部门" : "各部门"}的情况说明没有逐项列出年初预算与决算。`
            : `所有 ${items.total} 个科目都在 ${low}%–${high}% 之间。`}
        </Empty>
      ) : (
        <>
          {pager}
          <DataTable
            // one department's subjects need no department column
            columns={dept ? itemColumns.filter((c) => c.key !== "department") : itemColumns}
            rows={itemPage.rows}
            rowKey={(i) => `${i.departmentId}-${i.ord}`}
            rowClass={(i) => `align-top ${i.outside ? "bg-rose-50" : ""}`}
            sortable={itemPage.total <= PAGE}
            minWidth="min-w-[960px]"
            cells={{
              department: (i) => (
                <>
                  <Link className="text-blue-700 hover:underline" href={v.href({ dept: i.departmentId })}>
                    {i.department}
                  </Link>
                  <SyntheticBadge synthetic={i.synthetic} />
                </>
              ),
              path: (i) => (
                <>
                  {i.code ? <span className="mr-1 font-mono text-xs text-gray-500">{i.code}</span> : null}
                  {i.path}
                </>
              ),
              rate: (i) => (
                <span className={i.outside ? "font-semibold text-rose-700" : ""}>
                  {i.noInitialBudget ? (
                    "年初无预算"
                  ) : (
                    <>
                      <Pct v={i.rate} />
                      {i.rate !== undefined && !i.rateStated ? (
                        <span className="ml-1 text-xs font-normal text-gray-500">复算</span>
                      ) : null}
                    </>
                  )}
                </span>
              ),
              reason: (i) => <Reason reason={i.reason} line={i.sourceLine} />,
            }}
            note={
              dept
                ? "列出该部门全部科目，超出区间的标红。"
                : `只列出超出区间或年初无预算的 ${items.outside} 项（共 ${items.total} 项），偏离最大的在前；点击部门名查看该部门全部科目。`
            }
          />
          {pager}
        </>
      )}
    </Section>
  );
}
