import { PEER_GROUP } from "@/lib/metrics/policy";
import { StatCard } from "../_components/stat-card";
import { Pct, Wan } from "../_components/ui";
import { departmentRows, yearSeries, type ProcurementView } from "./view";

/** The year's 政府采购 across the city: total, weighted SME share, the median where it means something, departments below. */
export async function SummaryCards({ v }: { v: ProcurementView }) {
  const [{ summary }, { citySeries }] = await Promise.all([departmentRows(v), yearSeries(v)]);
  const thisYear = citySeries.find((s) => s.year === v.year);
  const without = summary.departments - summary.withShare;
  return (
    <section className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-4">
      <StatCard
        label="政府采购支出合计"
        value={
          thisYear?.total ? (
            <>
              <Wan v={thisYear.total} />
              <span className="ml-1 text-xs font-normal text-gray-500">万元</span>
            </>
          ) : (
            "—"
          )
        }
        sub={`${thisYear?.departments ?? 0} 个部门披露`}
      />
      <StatCard label="授予中小企业（加权份额）" value={<Pct v={thisYear?.smeShare} />} sub="Σ中小企业 ÷ Σ采购总额" />
      {summary.withShare >= PEER_GROUP.minPeers ? (
        <StatCard label="部门份额中位数" value={<Pct v={thisYear?.medianSmeShare} />} />
      ) : (
        <StatCard
          label="部门份额中位数"
          value="不列"
          sub={`披露份额的部门不足 ${PEER_GROUP.minPeers} 个，中位数不作基准`}
        />
      )}
      <StatCard
        label={`低于 ${v.sp.reference}% 的部门`}
        value={`${summary.below} 个`}
        sub={without ? `${without} 个部门未披露份额` : undefined}
        tone={summary.below ? "bad" : undefined}
      />
    </section>
  );
}
