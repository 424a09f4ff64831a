import Link from "next/link";
import type { BenchmarkPage } from "@/db/queries/benchmark";
import { SIZE_BANDS } from "@/lib/filters";
import type { MetricDef } from "@/lib/metrics/benchmark";
import { EXECUTION_TARGET, PEER_GROUP, POLICY_TEXT } from "@/lib/metrics/policy";
import { D } from "@/lib/money/decimal";
import { formatChange } from "@/lib/money/format";
import { rankingColumns } from "@/lib/views/benchmark";
import { DataTable } from "../_components/data-table";
import { Pager } from "../_components/pager";
import { SyntheticBadge } from "../_components/ui";
import { show, signedIn } from "./format";
import type { BenchmarkView } from "./view";

const BAND_SHORT = {
  small: `小（${SIZE_BANDS.small}）`,
  medium: `中（${SIZE_BANDS.medium}）`,
  large: `大（${SIZE_BANDS.large}）`,
} as const;

/** Every department of the peer group by rank, then those without the figure; the columns follow the metric and the mode. */
export function RankingTable({ v, b, unit }: { v: BenchmarkView; b: BenchmarkPage; unit: MetricDef["unit"] }) {
  const change = b.mode === "change";
  const execution = v.sp.metric === "executionRate";
  // the declaration's columns this view has, headed by the years they show
  const label: Record<string, string> = {
    department: "名次 · 部门",
    current: `${v.year} 年`,
    previous: `${v.vs} 年`,
    value: "变化",
    distance: change ? "偏离变化" : `距 ${EXECUTION_TARGET}%`,
  };
  const columns = rankingColumns
    .filter((c) => (change || (c.key !== "previous" && c.key !== "value")) && (execution || c.key !== "distance"))
    .map((c) => ({
      ...c,
      label: label[c.key] ?? c.label,
      title: c.key === "distance" ? POLICY_TEXT.executionRank : c.key === "fromMedian" ? POLICY_TEXT.peers : c.title,
    }));
  const pager = (
    <Pager
      page={b.page}
      pageSize={b.pageSize}
      total={b.total}
      href={(n) => v.href({ page: n === 1 ? undefined : n })}
    />
  );
  return (
    <div className="mt-4">
      {pager}
      <DataTable
        columns={columns}
        rows={b.rows}
        rowKey={(r) => r.departmentId}
        rowClass={(r) => (r.departmentId === v.sp.dept ? "bg-amber-50" : undefined)}
        sortable={b.total <= b.pageSize}
        minWidth="min-w-[860px]"
        cells={{
          department: (r) => (
            <>
              <span className="mr-1 tabular-nums text-gray-500">{r.rank === undefined ? "—" : `${r.rank}.`}</span>
              <Link className="text-blue-700 hover:underline" href={`/departments/${r.departmentId}?year=${v.year}`}>
                {r.department}
              </Link>
              <SyntheticBadge synthetic={r.synthetic} />
            </>
          ),
          current: (r) => show(r.current, unit, false),
          previous: (r) => show(r.previous, unit, false),
          value: (r) => <span className="font-medium">{show(r.value, unit, true)}</span>,
          distance: (r) =>
            r.distance === undefined
              ? "—"
              : change
                ? `${formatChange(r.distance)} 百分点`
                : `${new D(r.distance).toFixed(2)} 百分点`,
          fromMedian: (r) =>
            r.fromMedian === undefined ? (
              <span className="text-gray-400" title={`同类不足 ${PEER_GROUP.minPeers} 个或缺少数据，不作比较`}>
                —
              </span>
            ) : (
              signedIn(r.fromMedian, unit)
            ),
          size: (r) => <span className="text-gray-600">{r.size ? BAND_SHORT[r.size] : "—"}</span>,
        }}
        note={`“与同类中位数之差”为“—”时，同类部门不足 ${PEER_GROUP.minPeers} 个；缺少数据的部门不参与中位数。`}
      />
      {pager}
    </div>
  );
}
