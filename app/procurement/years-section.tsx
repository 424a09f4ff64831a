import Link from "next/link";
import { PEER_GROUP } from "@/lib/metrics/policy";
import { yearColumns } from "@/lib/views/procurement";
import { Bars, Lines } from "../_components/charts/charts";
import { DataTable } from "../_components/data-table";
import { TrendPanelNote } from "../_components/trend-panel-note";
import { CsvLink, Empty, Pct, Section } from "../_components/ui";
import { departmentRows, yearSeries, type ProcurementView } from "./view";

// Charts need numbers; a category the documents leave blank is drawn as a gap, never as zero.
const num = (x: string | undefined) => (x === undefined ? null : Number(x));

/** 政府采购 year by year: shares against the reference line, and what was bought. */
export async function YearsSection({ v }: { v: ProcurementView }) {
  const [{ panel, series }, { pinned }] = await Promise.all([yearSeries(v), departmentRows(v)]);
  const { sp } = v;
  const cityView = !sp.dept;
  // a median of the trend's departments only when there are enough of them to be a benchmark
  const medianShown = cityView && panel.included.length >= PEER_GROUP.minPeers;
  return (
    <Section
      title={sp.dept ? `${pinned?.department ?? `部门 ${sp.dept}`}：历年政府采购` : "历年政府采购（全部部门）"}
      actions={
        <>
          {sp.dept ? (
            <Link className="text-xs text-blue-700 hover:underline" href={v.href({ dept: undefined })}>
              看全部部门
            </Link>
          ) : null}
          <CsvLink dataset="procurement-years" params={v.keep} />
        </>
      }
      note="加权份额 = Σ授予中小企业 ÷ Σ采购总额（只计两项都披露的部门），不受小部门左右；中位数为各部门份额的中位数。全部部门的走势只加每年都披露采购总额和授予中小企业金额的同一批部门，变化不因部门进出而来。"
    >
      {cityView ? <TrendPanelNote panel={panel} figure="政府采购总额和授予中小企业金额" /> : null}
      {series.length === 0 ? (
        sp.dept ? (
          <Empty>库中没有该部门的报告。</Empty>
        ) : null
      ) : (
        <>
          {series.length === 1 ? (
            <p className="mb-2 text-sm text-gray-600">库中只有 {series[0].year} 年的数据，暂无历年变化可比。</p>
          ) : null}
          <div className="grid gap-4 lg:grid-cols-2">
            <div>
              <h3 className="mb-1 text-sm font-semibold text-gray-800">份额（%）</h3>
              <Lines
                data={series.map((s) => ({
                  年度: String(s.year),
                  中小企业份额: num(s.smeShare),
                  小微企业份额: num(s.smallMicroShare),
                  ...(medianShown ? { 部门份额中位数: num(s.medianSmeShare) } : {}),
                  参考线: sp.reference,
                }))}
                index="年度"
                categories={["中小企业份额", "小微企业份额", ...(medianShown ? ["部门份额中位数"] : []), "参考线"]}
                unit="percent"
              />
            </div>
            <div>
              <h3 className="mb-1 text-sm font-semibold text-gray-800">采购构成（万元）</h3>
              <Bars
                data={series.map((s) => ({
                  年度: String(s.year),
                  货物: num(s.goods),
                  工程: num(s.works),
                  服务: num(s.services),
                }))}
                index="年度"
                categories={["货物", "工程", "服务"]}
                stack
              />
            </div>
          </div>
          <div className="mt-3">
            <DataTable
              columns={yearColumns}
              rows={series}
              rowKey={(s) => s.year}
              minWidth="min-w-[900px]"
              rowClass={(s) => (s.year === v.year ? "bg-blue-50" : undefined)}
              cells={{
                year: (s) => (
                  <Link className="text-blue-700 hover:underline" href={v.href({ year: s.year })}>
                    {s.year}
                  </Link>
                ),
                medianSmeShare: (s) =>
                  medianShown ? (
                    <Pct v={s.medianSmeShare} />
                  ) : (
                    <span className="text-gray-400" title={`不足 ${PEER_GROUP.minPeers} 个部门，不列中位数`}>
                      —
                    </span>
                  ),
                below: (s) => <span className={s.below ? "text-rose-700" : ""}>{s.below}</span>,
              }}
            />
          </div>
        </>
      )}
    </Section>
  );
}
