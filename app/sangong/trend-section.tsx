import Link from "next/link";
import { getSangongYears } from "@/db/queries/sangong";
import { getTrendPanel } from "@/db/queries/trend-panel";
import { yearColumns } from "@/lib/views/sangong";
import { Lines } from "../_components/charts/charts";
import { DataTable } from "../_components/data-table";
import { TrendPanelNote } from "../_components/trend-panel-note";
import { CsvLink, Empty, Section } from "../_components/ui";
import type { SangongView } from "./view";

const num = (x: string | undefined) => (x === undefined ? null : Number(x));

/** 三公 year by year, summed over the same departments in every year. */
export async function TrendSection({ v, scope }: { v: SangongView; scope: string }) {
  // every year sums the same departments: those disclosing 三公 in each year of the run drawn
  const panel = await getTrendPanel(v.f, ["sangongFinal"]);
  const series = await getSangongYears(v.f, { years: panel.years, ids: panel.included.map((d) => d.id) });
  return (
    <Section
      title={`历年走势（${v.sp.dept ? scope : "全部部门"}）`}
      actions={<CsvLink dataset="sangong-years" params={v.keep} />}
      note="各年取各部门当年最新一版报告的公开09表决算数（表缺失时取情况说明所述），只加每年都披露的同一批部门，变化不因部门进出而来。"
    >
      {!v.sp.dept ? <TrendPanelNote panel={panel} figure="“三公”经费决算" /> : null}
      {series.length === 0 ? (
        v.sp.dept ? (
          <Empty>该部门没有两个以上年度的“三公”经费决算。</Empty>
        ) : null
      ) : (
        <>
          <Lines
            data={series.map((s) => ({
              年度: String(s.year),
              决算合计: num(s.final),
              因公出国: num(s.abroad),
              公车购置: num(s.vehiclePurchase),
              公车运行: num(s.vehicleOperation),
              公务接待: num(s.reception),
            }))}
            index="年度"
            categories={["决算合计", "因公出国", "公车购置", "公车运行", "公务接待"]}
          />
          <div className="mt-3">
            <DataTable
              columns={yearColumns}
              rows={series}
              rowKey={(s) => s.year}
              minWidth="min-w-[760px]"
              rowClass={(s) => (s.year === v.year ? "bg-blue-50" : undefined)}
              cells={{
                year: (s) => (
                  <Link className="text-blue-700 hover:underline" href={v.href({ year: s.year })}>
                    {s.year}
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
