import Link from "next/link";
import { getDepartmentsSideBySide } from "@/db/queries/structure";
import { pct, text } from "@/lib/views/columns";
import { departmentShareColumns } from "@/lib/views/structure";
import { Bars } from "../_components/charts/charts";
import { DataTable } from "../_components/data-table";
import { CsvLink, Empty, Section, SyntheticBadge } from "../_components/ui";
import { classChartRows } from "./chart-data";
import { DepartmentPicker } from "./department-picker";
import type { StructureView } from "./view";

/** Departments side by side: shares of 基本/项目, 人员/公用 and the largest 类, chosen by the reader. */
export async function DepartmentsSection({ v }: { v: StructureView }) {
  const { sp, year, keep, href } = v;
  const side = await getDepartmentsSideBySide({ year, synthetic: sp.synthetic, depts: sp.depts, q: sp.q });
  const classChart = classChartRows(side, 6);
  const classes = side.classes.slice(0, 4);
  // the four largest 类 of the year, as columns of their own (the page's, not the download's: it names every 类 in /structure-subjects)
  const columns = [
    ...departmentShareColumns,
    ...classes.map((c) => pct(`class${c.code}`, c.name, { title: `${c.code} ${c.name} ÷ 03表合计`, pageOnly: true })),
    text("only", "历年", { pageOnly: true }),
  ];
  const rows = side.selected.map((d) => ({
    ...d,
    ...Object.fromEntries(classes.map((c) => [`class${c.code}`, d.classes[c.code]?.share])),
  }));
  const unplottable = side.selected.filter((d) => d.basicShare === undefined || d.projectShare === undefined);
  return (
    <Section
      title="部门对比（占比）"
      actions={<CsvLink dataset="structure-departments" params={keep} />}
      note="基本/项目占比 = 公开03表合计行基本支出、项目支出 ÷ 公开01表本年支出合计；人员/公用占比 = 公开06表人员经费合计、公用经费合计 ÷ 二者之和；类占比 = 该类本年支出合计 ÷ 公开03表合计。"
    >
      <DepartmentPicker v={v} side={side} />
      {side.selected.length === 0 ? (
        <Empty>{year} 年没有可对比的部门。</Empty>
      ) : (
        <>
          <div className="grid gap-4 lg:grid-cols-2">
            <div>
              <h3 className="mb-1 text-sm font-semibold text-gray-800">支出功能分类（类）占比</h3>
              {classChart.rows.length ? (
                <Bars
                  data={classChart.rows}
                  index="部门"
                  categories={classChart.categories}
                  unit="percent"
                  stack
                  maxValue={100}
                  layout="vertical"
                  height="h-96"
                />
              ) : (
                <Empty>所选部门没有公开03表的类级数据。</Empty>
              )}
              {classChart.left.length ? (
                <p className="mt-1 text-xs text-gray-500">
                  未画出（缺少03表合计或类级数据）：{classChart.left.join("、")}。
                </p>
              ) : null}
            </div>
            <div>
              <h3 className="mb-1 text-sm font-semibold text-gray-800">基本支出与项目支出占比</h3>
              <Bars
                data={side.selected
                  .filter((d) => !unplottable.includes(d))
                  .map((d) => ({
                    部门: d.department,
                    基本支出: Number(d.basicShare),
                    项目支出: Number(d.projectShare),
                  }))}
                index="部门"
                categories={["基本支出", "项目支出"]}
                unit="percent"
                stack
                maxValue={100}
                layout="vertical"
                height="h-96"
              />
              {unplottable.length ? (
                <p className="mt-1 text-xs text-gray-500">
                  未画出（未披露基本或项目支出）：{unplottable.map((d) => d.department).join("、")}。
                </p>
              ) : null}
            </div>
          </div>
          <div className="mt-4">
            <DataTable
              columns={columns}
              rows={rows}
              rowKey={(d) => d.departmentId}
              minWidth="min-w-[900px]"
              rowClass={(d) => (d.departmentId === sp.dept ? "bg-blue-50" : undefined)}
              cells={{
                department: (d) => (
                  <>
                    <Link
                      className="text-blue-700 hover:underline"
                      href={`/departments/${d.departmentId}?year=${year}`}
                    >
                      {d.department}
                    </Link>
                    <SyntheticBadge synthetic={d.synthetic} />
                    {d.scope === "单位决算" ? <span className="ml-1 text-xs text-gray-500">单位决算</span> : null}
                  </>
                ),
                only: (d) => (
                  <Link
                    className="whitespace-nowrap text-blue-700 hover:underline"
                    href={href({ dept: d.departmentId })}
                  >
                    只看该部门
                  </Link>
                ),
              }}
            />
          </div>
        </>
      )}
    </Section>
  );
}
