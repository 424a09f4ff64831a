import Link from "next/link";
import { formatChange } from "@/lib/money/format";
import { departmentColumns } from "@/lib/views/procurement";
import { Bars } from "../_components/charts/charts";
import { DataTable } from "../_components/data-table";
import { Pager } from "../_components/pager";
import { CsvLink, Empty, Pct, Section, SyntheticBadge } from "../_components/ui";
import { departmentRows, PAGE, type ProcurementView } from "./view";

/** SME shares: how many departments fall in each band, then every department, lowest share first. */
export async function RankingSection({ v }: { v: ProcurementView }) {
  const { summary, deptPage, rows } = await departmentRows(v);
  const { sp, year } = v;
  const without = summary.departments - summary.withShare;
  const pager = (
    <Pager
      page={deptPage.page}
      pageSize={PAGE}
      total={deptPage.total}
      href={(n) => `${v.href({ page: n > 1 ? n : undefined })}#departments`}
    />
  );
  return (
    <Section
      id="departments"
      title="中小企业份额排名（由低到高）"
      actions={<CsvLink dataset="procurement" params={v.keep} />}
      note={`份额 = 授予中小企业合同金额 ÷ 政府采购支出总额 × 100，以文件所述为准，文件未述时复算（标“复算”）。来源：情况说明“政府采购支出情况”。图为各份额区间的部门数，低于参考线 ${sp.reference}% 的区间标红；表格按份额由低到高列出每个部门（每页 ${PAGE} 个，未披露份额的在最后），全部部门见 CSV。`}
    >
      {summary.departments === 0 ? (
        <Empty>{year} 年度没有报告。</Empty>
      ) : summary.withShare === 0 ? (
        <Empty>{year} 年度没有部门披露授予中小企业的份额。</Empty>
      ) : (
        <>
          <h3 className="mb-1 text-sm font-semibold text-gray-800">
            各份额区间的部门数（{summary.withShare} 个部门披露份额，其中{" "}
            <span className={summary.below ? "text-rose-700" : ""}>{summary.below} 个</span>低于参考线 {sp.reference}%）
          </h3>
          <Bars
            data={summary.bands.map((b) => {
              const under = b.to !== undefined && b.to <= sp.reference;
              const straddles = !under && b.from < sp.reference;
              return {
                区间: b.label,
                [under ? "低于参考线" : straddles ? "含参考线的区间" : "达到参考线"]: b.departments,
              };
            })}
            index="区间"
            categories={["低于参考线", "含参考线的区间", "达到参考线"]}
            colors={["rose", "amber", "emerald"]}
            unit="count"
            stack
          />
        </>
      )}
      {without ? (
        <p className="mt-2 text-xs text-gray-500">{without} 个部门未披露中小企业份额，未计入分布，列在表格最后。</p>
      ) : null}
      {summary.departments ? (
        <div className="mt-4">
          {pager}
          <DataTable
            columns={departmentColumns}
            rows={rows}
            rowKey={(d) => `${d.pinned ? "pinned-" : ""}${d.departmentId}`}
            rowClass={(d) =>
              `${d.below ? "bg-rose-50" : ""} ${d.departmentId === sp.dept ? "outline outline-2 outline-blue-400" : ""}`
            }
            sortable={deptPage.total <= PAGE}
            minWidth="min-w-[1000px]"
            cells={{
              department: (d) => (
                <>
                  {d.pinned ? (
                    <span className="mr-1 rounded bg-blue-100 px-1 text-xs text-blue-800">所选部门</span>
                  ) : null}
                  <Link
                    className="text-blue-700 hover:underline"
                    href={v.href({ dept: d.departmentId })}
                    title="查看该部门历年"
                  >
                    {d.department}
                  </Link>
                  <SyntheticBadge synthetic={d.synthetic} />
                </>
              ),
              smeShare: (d) => (
                <span className={d.below ? "font-semibold text-rose-700" : ""}>
                  <Pct v={d.smeShare} />
                  {d.smeShare !== undefined && !d.smeShareStated ? (
                    <span className="ml-1 text-xs font-normal text-gray-500">复算</span>
                  ) : null}
                </span>
              ),
              change: (d) =>
                d.change === undefined ? <span className="text-gray-400">—</span> : formatChange(d.change),
            }}
            note="上年没有该部门的报告时上年份额为“—”。点击部门名查看其历年。"
          />
          {pager}
        </div>
      ) : null}
    </Section>
  );
}
