import Link from "next/link";
import { PROJECT_RATE_FLOOR } from "@/lib/metrics/policy";
import type { PerformanceView } from "./view";

const PRESETS = [20, 50, 80];

/** The rate below which a project counts as slow, and the department the list is narrowed to. */
export function FilterBar({ v, deptName }: { v: PerformanceView; deptName: string | undefined }) {
  const { sp, year } = v;
  return (
    <>
      <div className="no-print mb-4 flex flex-wrap items-center gap-1 text-sm">
        <span className="text-gray-500">执行率低于</span>
        {PRESETS.map((r) => (
          <Link
            key={r}
            href={v.href({ maxRate: r === PROJECT_RATE_FLOOR ? undefined : r })}
            className={`rounded px-2 py-0.5 ${r === sp.maxRate ? "bg-blue-600 text-white" : "border border-gray-300 text-gray-700 hover:bg-gray-50"}`}
          >
            {r}%
          </Link>
        ))}
        {PRESETS.includes(sp.maxRate) ? null : (
          <span className="rounded bg-blue-600 px-2 py-0.5 text-white">{sp.maxRate}%</span>
        )}
        <span className="text-gray-500">视为执行率低</span>
        <span className="text-xs text-gray-500">（可在网址中设置 maxRate）</span>
      </div>
      {sp.dept ? (
        <p className="mb-4 rounded border border-blue-200 bg-blue-50 p-2 text-sm text-blue-900">
          只看：<b>{deptName ?? `部门 ${sp.dept}`}</b>
          {deptName ? null : `（${year} 年度该部门没有公开绩效自评表）`} ·{" "}
          <Link className="text-blue-700 underline" href={v.href({ dept: undefined })}>
            看全部部门
          </Link>{" "}
          ·{" "}
          <Link className="text-blue-700 underline" href={`/departments/${sp.dept}?year=${year}#performance`}>
            部门页
          </Link>
        </p>
      ) : null}
    </>
  );
}
