import Link from "next/link";
import type { PerformanceProject } from "@/db/queries/performance";
import { PROJECT_RATE_FLOOR } from "@/lib/metrics/policy";
import { ratePct } from "@/lib/metrics/stats";
import { formatScore } from "@/lib/money/format";
import { placeOfLine, type Report } from "@/lib/report/schema";
import { Empty, Pct, Section, Wan } from "../../_components/ui";
import { AdjustmentNote } from "./adjustment";

/**
 * The 绩效自评 projects as the store pairs each sheet with its summary row — the grade is the one the 绩效 page shows
 * (getReportProjects and /performance read the same rows through one function) — with execution against both
 * budgets, and every project's indicators (they belong in the printed pack).
 */
export function PerformanceSection(props: { report: Report; projects: PerformanceProject[]; performanceHref: string }) {
  const { report, projects } = props;
  const n = report.narrative.performance;
  return (
    <Section
      title="绩效自评"
      id="performance"
      note={`执行率（B÷A）= 全年执行数 ÷ 全年预算数，为自评表的口径；另列执行数 ÷ 年初预算，年初预算在年中调减或调增的注明。自评为“优”而执行率低于 ${PROJECT_RATE_FLOOR}% 的项目标红；等级取自绩效自评汇总表，汇总表未列的按得分推定（优 ≥ 90，良 ≥ 80，中 ≥ 60）。`}
    >
      {projects.length === 0 && !report.appendix.performanceSummary ? (
        <Empty>未附绩效自评表。</Empty>
      ) : (
        <div className="space-y-3">
          {n ? (
            <p className="text-sm text-gray-700">
              {`自评项目 ${n.projectCount ?? "—"} 个，涉及资金 `}
              <Wan v={n.funds} />
              {` 万元；${
                Object.entries(n.gradeCounts)
                  .map(([g, c]) => `${g} ${c} 个`)
                  .join("，") || "等级分布未披露"
              }；公开自评表 ${projects.length} 张。`}
            </p>
          ) : null}
          <p className="no-print text-sm">
            <Link className="text-blue-700 hover:underline" href={props.performanceHref}>
              在绩效看板中与其他部门的项目比较 →
            </Link>
          </p>
          <div className="overflow-x-auto">
            <table className="sticky-first w-full min-w-[760px] border-collapse text-sm">
              <thead>
                <tr className="border-b bg-gray-100 text-left">
                  <th className="p-1.5">项目</th>
                  <th className="num p-1.5">年初预算</th>
                  <th className="num p-1.5">全年预算（A）</th>
                  <th className="num p-1.5">执行数（B）</th>
                  <th className="num p-1.5">B ÷ 年初预算</th>
                  <th className="num p-1.5">B ÷ A</th>
                  <th className="num p-1.5">自评得分</th>
                  <th className="whitespace-nowrap p-1.5">等级</th>
                </tr>
              </thead>
              <tbody>
                {projects.map((p) => (
                  <tr key={p.id} className={`border-b border-gray-100 align-top ${p.flagged ? "bg-rose-50" : ""}`}>
                    <td className="p-1.5">
                      <a className="hover:underline" href={`#project-${p.id}`}>
                        {p.name}
                      </a>
                      <span className="ml-1 text-xs text-gray-400">{`（${p.indicatorCount} 项指标）`}</span>
                    </td>
                    <td className="num p-1.5">
                      <Wan v={p.initial} />
                    </td>
                    <td className="num p-1.5">
                      <Wan v={p.annual} />
                      <AdjustmentNote initial={p.initial} annual={p.annual} />
                    </td>
                    <td className="num p-1.5">
                      <Wan v={p.executed} />
                    </td>
                    <td className="num p-1.5">
                      <Pct v={ratePct(p.executed, p.initial)} />
                    </td>
                    <td className={`num p-1.5 ${p.flagged ? "font-semibold text-rose-700" : ""}`}>
                      <Pct v={p.rate} />
                    </td>
                    <td className="num p-1.5">{formatScore(p.score)}</td>
                    <td className="p-1.5">
                      {p.grade ?? "—"}
                      {p.gradeDerived ? (
                        <span className="ml-1 text-xs text-gray-500" title="汇总表未列等级，按得分推定">
                          推定
                        </span>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {projects
            .filter((p) => p.indicators.length)
            .map((p) => (
              <Indicators key={p.id} report={report} project={p} />
            ))}
        </div>
      )}
    </Section>
  );
}

function Indicators({ report, project: p }: { report: Report; project: PerformanceProject }) {
  return (
    <div id={`project-${p.id}`} className="pack-indicators">
      <h3 className="pack-heading mt-3 text-sm font-semibold">
        {`${p.name} · 绩效指标`}
        {p.sourceLine ? (
          <span className="ml-1 text-xs font-normal text-gray-400">{`（自评表，${placeOfLine(report, p.sourceLine)}）`}</span>
        ) : null}
      </h3>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[720px] border-collapse text-xs">
          <thead>
            <tr className="border-b bg-gray-50 text-left">
              <th className="p-1">指标（一级 / 二级 / 三级）</th>
              <th className="p-1">年度指标值</th>
              <th className="p-1">实际完成值</th>
              <th className="num p-1">分值</th>
              <th className="num p-1">得分</th>
              <th className="p-1">偏差原因</th>
            </tr>
          </thead>
          <tbody>
            {p.indicators.map((i, k) => (
              <tr key={k} className="border-b border-gray-100 align-top">
                <td className="p-1">{[i.level1, i.level2, i.level3].filter(Boolean).join(" / ")}</td>
                <td className="p-1">{i.target ?? "—"}</td>
                <td className="p-1">{i.actual ?? "—"}</td>
                <td className="num p-1">{formatScore(i.weight)}</td>
                <td className="num p-1">{formatScore(i.score)}</td>
                <td className="p-1 text-gray-600">{i.deviation ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
