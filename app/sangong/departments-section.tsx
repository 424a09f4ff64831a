import Link from "next/link";
import { getSangongDepartmentsPage, type SangongDepartment } from "@/db/queries/sangong";
import { D } from "@/lib/money/decimal";
import { formatChange } from "@/lib/money/format";
import { departmentColumns, unitCostColumns } from "@/lib/views/sangong";
import { ReferenceBars } from "../_components/charts/charts";
import { DataTable } from "../_components/data-table";
import { Pager } from "../_components/pager";
import { CsvLink, Empty, Pct, Section, SyntheticBadge } from "../_components/ui";
import { departmentRows, PAGE, type SangongView } from "./view";

/** bars drawn: the largest 三公 spenders (the table and the CSV list every department) */
const TOP = 15;

type Row = SangongDepartment & { pinned?: boolean };
const up = (d: Row) => d.change !== undefined && new D(d.change).gt(0);

function departmentCell(v: SangongView) {
  return (d: Row) => (
    <>
      {d.pinned ? <span className="mr-1 rounded bg-blue-100 px-1 text-xs text-blue-800">所选部门</span> : null}
      <Link className="text-blue-700 hover:underline" href={v.href({ dept: d.departmentId })}>
        {d.department}
      </Link>
      <SyntheticBadge synthetic={d.synthetic} />
    </>
  );
}

/** Each department's 三公: the largest as bars, then the page of the ranking, then the same rows' unit costs. */
export async function DepartmentsSections({ v }: { v: SangongView }) {
  const { summary, deptPage, rows } = await departmentRows(v);
  const top = (
    deptPage.page === 1
      ? deptPage.rows
      : (await getSangongDepartmentsPage(v.f, { page: 1, pageSize: TOP }, summary.departments)).rows
  ).slice(0, TOP);
  const ranked = top.filter((d) => d.final !== undefined);
  const rest = summary.withFinal - ranked.length;
  const restSum =
    rest > 0 && summary.finalSum !== undefined
      ? ranked.reduce((a, d) => a.minus(d.final!), new D(summary.finalSum)).toFixed()
      : undefined;
  const pager = (anchor: string) => (
    <Pager
      page={deptPage.page}
      pageSize={PAGE}
      total={deptPage.total}
      href={(n) => `${v.href({ page: n > 1 ? n : undefined })}#${anchor}`}
    />
  );
  const rowKey = (d: Row) => `${d.pinned ? "pinned-" : ""}${d.departmentId}`;
  const rowClass = (d: Row) => (d.departmentId === v.sp.dept ? "bg-blue-50" : undefined);
  const sortable = deptPage.total <= PAGE;
  return (
    <>
      <Section
        id="departments"
        title="各部门对比"
        actions={<CsvLink dataset="sangong-departments" params={v.keep} />}
        note={`决算数来源：公开09表决算数合计；上年为库中 ${v.year - 1} 年同一部门的报告，没有则为“—”。增减 = 本年决算 − 上年决算；增加的标红。按决算数由大到小排列，未披露的在最后；${summary.departments > PAGE ? `表格每页 ${PAGE} 个部门，全部部门见 CSV。` : ""}点击部门名只看该部门。`}
      >
        {summary.departments === 0 ? (
          <Empty>{v.year} 年度没有报告。</Empty>
        ) : (
          <>
            {ranked.length ? (
              <ReferenceBars
                label={rest > 0 ? `“三公”经费决算最多的 ${ranked.length} 个部门` : "各部门“三公”经费决算"}
                rows={ranked.map((d) => ({
                  label: d.department,
                  value: Number(d.final),
                  display: new D(d.final!).toFixed(2),
                  href: v.href({ dept: d.departmentId }),
                  tone: d.change === undefined ? "neutral" : up(d) ? "bad" : "good",
                  note: `${d.department}：决算 ${d.final} 万元${d.priorFinal ? `，上年 ${d.priorFinal} 万元` : ""}`,
                }))}
              />
            ) : (
              <Empty>没有部门披露“三公”经费决算数。</Empty>
            )}
            <p className="mt-1 text-xs text-gray-500">
              单位：万元。红色：比上年增加；绿色：持平或减少；蓝色：库中没有上年报告可比。
              {rest > 0
                ? `图中只画决算最多的 ${ranked.length} 个部门；其余 ${rest} 个部门合计 ${restSum ?? "—"} 万元，见下表。`
                : ""}
              {summary.departments > summary.withFinal
                ? `${summary.departments - summary.withFinal} 个部门未披露决算数，未画出，列在表格最后。`
                : ""}
            </p>
            <div className="mt-4">
              {pager("departments")}
              <DataTable
                columns={departmentColumns}
                rows={rows}
                rowKey={rowKey}
                rowClass={rowClass}
                sortable={sortable}
                minWidth="min-w-[960px]"
                cells={{
                  department: departmentCell(v),
                  changePct: (d) => (
                    <span className={up(d) ? "text-rose-700" : ""}>
                      <Pct v={d.changePct} />
                    </span>
                  ),
                  change: (d) =>
                    d.change === undefined ? (
                      <span className="text-gray-400">—</span>
                    ) : (
                      <span className={up(d) ? "font-semibold text-rose-700" : ""}>{formatChange(d.change)}</span>
                    ),
                }}
              />
              {pager("departments")}
            </div>
          </>
        )}
      </Section>

      <Section
        id="unit-costs"
        title="单位成本"
        actions={<CsvLink dataset="sangong-departments" params={v.keep} />}
        note="接待人均 = 公务接待费决算 × 10000 ÷ 接待人次（元/人，国内与外事接待合计）；每车运行维护 = 公务用车运行维护费 ÷ 公务用车保有量（万元/辆）；出国人均 = 因公出国（境）费 ÷ 出国人次（万元/人）。人次、车辆数取自情况说明“三公”经费部分；人次或车辆为 0 或未披露时无法计算，显示“—”。"
      >
        {summary.departments === 0 ? (
          <Empty>{v.year} 年度没有报告。</Empty>
        ) : (
          <>
            {summary.departments > PAGE ? (
              <p className="mb-1 text-xs text-gray-500">与上表同一页的部门（按决算数由大到小）。</p>
            ) : null}
            {pager("unit-costs")}
            <DataTable
              columns={unitCostColumns}
              rows={rows}
              rowKey={rowKey}
              rowClass={rowClass}
              sortable={sortable}
              minWidth="min-w-[900px]"
              cells={{ department: departmentCell(v) }}
            />
          </>
        )}
      </Section>
    </>
  );
}
