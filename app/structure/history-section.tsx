import { getDepartmentYears } from "@/db/queries/structure";
import { text, wan } from "@/lib/views/columns";
import { yearColumns } from "@/lib/views/structure";
import { Bars } from "../_components/charts/charts";
import { DataTable } from "../_components/data-table";
import { CsvLink, Empty, Pct, Section, SyntheticBadge, Wan } from "../_components/ui";
import type { StructureView } from "./view";

/** One department's structure over the years it published, with its 类 by year. */
export async function HistorySection({ v }: { v: StructureView }) {
  const { sp, year, keep } = v;
  const history = sp.dept ? await getDepartmentYears({ synthetic: sp.synthetic, dept: sp.dept }) : undefined;
  return (
    <Section
      title={history?.department ? `${history.department}：历年结构` : "一个部门的历年结构"}
      actions={sp.dept ? <CsvLink dataset="structure-years" params={keep} /> : undefined}
      note="各年数字取自该部门当年最新一版报告；占比口径同上。"
    >
      {!sp.dept ? (
        <Empty>在上方“部门对比”表中点“只看该部门”，即可查看该部门历年的支出结构。</Empty>
      ) : !history || history.years.length === 0 ? (
        <Empty>库中没有该部门的报告。</Empty>
      ) : (
        <>
          {history.years.length === 1 ? (
            <p className="mb-2 text-sm text-gray-600">
              库中只有该部门 {history.years[0].year} 年一份报告，暂无历年变化可比。
            </p>
          ) : null}
          <Bars
            data={history.years
              .filter((y) => y.basic !== undefined && y.project !== undefined)
              .map((y) => ({ 年度: String(y.year), 基本支出: Number(y.basic), 项目支出: Number(y.project) }))}
            index="年度"
            categories={["基本支出", "项目支出"]}
            stack
          />
          <div className="mt-3">
            <DataTable
              columns={yearColumns}
              rows={history.years}
              rowKey={(y) => y.year}
              minWidth="min-w-[760px]"
              rowClass={(y) => (y.year === year ? "bg-blue-50" : undefined)}
              cells={{
                year: (y) => (
                  <>
                    {y.year}
                    <SyntheticBadge synthetic={y.synthetic} />
                  </>
                ),
              }}
            />
          </div>
          {history.classes.length ? (
            <div className="mt-3">
              {/* one column per year the department published: built here, since the years are the data's */}
              <DataTable
                columns={[
                  text("name", "类（本年支出合计，万元 / 占比）"),
                  ...history.years.map((y) => wan(`y${y.year}`, String(y.year))),
                ]}
                rows={history.classes.map((c) => ({
                  ...c,
                  ...Object.fromEntries(history.years.map((y) => [`y${y.year}`, c.byYear[y.year]?.amount])),
                }))}
                rowKey={(c) => c.code}
                minWidth="min-w-[640px]"
                cells={{
                  name: (c) => (
                    <>
                      <span className="mr-1 font-mono text-xs text-gray-500">{c.code}</span>
                      {c.name}
                    </>
                  ),
                  ...Object.fromEntries(
                    history.years.map((y) => [
                      `y${y.year}`,
                      (c: (typeof history.classes)[number]) => (
                        <>
                          <Wan v={c.byYear[y.year]?.amount} />
                          {c.byYear[y.year]?.share ? (
                            <span className="ml-1 text-xs text-gray-500">
                              <Pct v={c.byYear[y.year]?.share} />
                            </span>
                          ) : null}
                        </>
                      ),
                    ]),
                  ),
                }}
              />
            </div>
          ) : null}
        </>
      )}
    </Section>
  );
}
