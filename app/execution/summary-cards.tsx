import Link from "next/link";
import { PEER_GROUP } from "@/lib/metrics/policy";
import { StatCard } from "../_components/stat-card";
import { Pct } from "../_components/ui";
import { executionData, type ExecutionView } from "./view";

/** The department looked at, when the URL names one, and the year's headline counts. */
export async function SummaryCards({ v }: { v: ExecutionView }) {
  const { summary, deptName } = await executionData(v);
  const { departments: dc, items, distribution: dist } = summary;
  const unrated = dc.total - dc.rated;
  const { low, high, dept } = v.sp;
  return (
    <>
      {dept ? (
        <p className="mb-4 rounded border border-blue-200 bg-blue-50 p-2 text-sm text-blue-900">
          只看：<b>{deptName ?? `部门 ${dept}`}</b>
          {deptName ? null : `（${v.year} 年度没有该部门的报告）`} ·{" "}
          <Link className="text-blue-700 underline" href={v.href({ dept: undefined })}>
            看全部部门
          </Link>{" "}
          ·{" "}
          <Link className="text-blue-700 underline" href={`/departments/${dept}?year=${v.year}#execution`}>
            部门页
          </Link>
        </p>
      ) : null}
      <section className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-4">
        <StatCard
          label="有年初预算的部门"
          value={`${dc.rated} 个`}
          sub={unrated ? `另有 ${unrated} 个未披露年初预算` : undefined}
        />
        {dc.rated >= PEER_GROUP.minPeers ? (
          <StatCard label="执行率中位数" value={<Pct v={dist.departmentMedian} />} sub="决算 ÷ 年初预算" />
        ) : (
          <StatCard
            label="执行率中位数"
            value="不列"
            sub={`有执行率的部门不足 ${PEER_GROUP.minPeers} 个，中位数不作基准`}
          />
        )}
        <StatCard
          label={`超出 ${low}%–${high}% 的部门`}
          value={`${dc.outside} 个`}
          tone={dc.outside ? "bad" : undefined}
        />
        <StatCard
          label="超出区间或年初无预算的科目"
          value={`${items.outside} 项`}
          sub={`共 ${items.total} 项`}
          tone={items.outside ? "bad" : undefined}
        />
      </section>
    </>
  );
}
