import Link from "next/link";
import { BENCHMARK_METRICS, BENCHMARK_SCOPES, SIZE_BANDS, type BenchmarkMetric } from "@/lib/filters";
import type { BenchmarkView } from "./view";

/** The metric, the scope, the size band and the year to compare with, each a row of chips kept in the URL. */
export function Controls({ v, years }: { v: BenchmarkView; years: number[] }) {
  const { sp, year, vs, href } = v;
  return (
    <div className="no-print mb-4 space-y-2 text-sm">
      <Chips label="指标">
        {(Object.keys(BENCHMARK_METRICS) as BenchmarkMetric[]).map((m) => (
          <Chip key={m} on={m === sp.metric} href={href({ metric: m === "executionRate" ? undefined : m })}>
            {BENCHMARK_METRICS[m]}
          </Chip>
        ))}
      </Chips>
      <Chips label="口径">
        {(Object.keys(BENCHMARK_SCOPES) as (keyof typeof BENCHMARK_SCOPES)[]).map((s) => (
          <Chip key={s} on={s === sp.scope} href={href({ scope: s === "department" ? undefined : s, page: undefined })}>
            {BENCHMARK_SCOPES[s]}
          </Chip>
        ))}
      </Chips>
      <Chips label="规模">
        {(Object.keys(SIZE_BANDS) as (keyof typeof SIZE_BANDS)[]).map((s) => (
          <Chip key={s} on={s === sp.size} href={href({ size: s === "all" ? undefined : s })}>
            {SIZE_BANDS[s]}
          </Chip>
        ))}
      </Chips>
      <Chips label="比较">
        <Chip on={!vs} href={href({ vs: undefined })}>
          只看 {year} 年
        </Chip>
        {years
          .filter((y) => y !== year)
          .map((y) => (
            <Chip key={y} on={vs === y} href={href({ vs: y })}>
              {year} 年比 {y} 年的变化
            </Chip>
          ))}
      </Chips>
    </div>
  );
}

function Chips({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-wrap items-center gap-1">
      <span className="mr-1 text-gray-500">{label}</span>
      {children}
    </div>
  );
}

function Chip({ on, href, children }: { on: boolean; href: string; children: React.ReactNode }) {
  return (
    <Link
      href={href}
      className={`rounded px-2 py-0.5 ${on ? "bg-blue-600 text-white" : "border border-gray-300 text-gray-700 hover:bg-gray-50"}`}
    >
      {children}
    </Link>
  );
}
