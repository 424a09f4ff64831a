import { getDepartmentYears, getEconomicStructure } from "@/db/queries/structure";
import { shareOf as share } from "@/lib/metrics/dashboard";
import { economicColumns } from "@/lib/views/structure";
import { Donut } from "../_components/charts/charts";
import { DataTable } from "../_components/data-table";
import { CsvLink, Empty, Pct, Section, Wan } from "../_components/ui";
import { scopeText, type StructureView } from "./view";

/** 人员经费 and 公用经费, and the 经济分类 of 基本支出 (公开06表). */
export async function EconomicSection({ v }: { v: StructureView }) {
  const { sp, year, keep } = v;
  const [econ, history] = await Promise.all([
    getEconomicStructure({ year, synthetic: sp.synthetic, dept: sp.dept }),
    sp.dept ? getDepartmentYears({ synthetic: sp.synthetic, dept: sp.dept }) : Promise.resolve(undefined),
  ]);
  return (
    <Section
      title="人员经费、公用经费与经济分类"
      actions={<CsvLink dataset="structure-economic" params={keep} />}
      note={`来源：公开06表 一般公共预算财政拨款基本支出决算明细表（经济分类三位科目）；范围：${scopeText(v, history?.department)}，共 ${econ.reports} 份报告。人员经费 = 301 + 303，公用经费 = 302 + 307 + 310 + 312 + 399；占比 = 该科目 ÷（人员经费 + 公用经费）× 100。`}
    >
      {econ.rows.length === 0 && econ.base === undefined ? (
        <Empty>
          {year} 年度{sp.dept ? "该部门" : ""}没有公开06表的经济分类数据。
        </Empty>
      ) : (
        <div className="grid gap-4 lg:grid-cols-[minmax(0,18rem)_1fr]">
          <div>
            {econ.personnel !== undefined && econ.public !== undefined ? (
              <Donut
                data={[
                  { 类别: "人员经费", 金额: Number(econ.personnel) },
                  { 类别: "公用经费", 金额: Number(econ.public) },
                ]}
                index="类别"
                category="金额"
              />
            ) : (
              <Empty>未同时披露人员经费合计和公用经费合计。</Empty>
            )}
            <p className="mt-2 text-sm text-gray-700">
              人员经费 <Wan v={econ.personnel} /> 万元（
              <Pct v={share(econ.personnel, econ.base)} />
              ），公用经费 <Wan v={econ.public} /> 万元（
              <Pct v={share(econ.public, econ.base)} />
              ）。
            </p>
          </div>
          <DataTable
            columns={economicColumns}
            rows={econ.rows}
            rowKey={(r) => r.code}
            minWidth="min-w-[520px]"
            cells={{
              name: (r) => (
                <>
                  <span className="mr-1 font-mono text-xs text-gray-500">{r.code}</span>
                  {r.name}
                </>
              ),
            }}
            note="只列出至少一份报告填了金额的科目。"
          />
        </div>
      )}
    </Section>
  );
}
