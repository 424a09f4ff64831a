import Link from "next/link";
import type { PerformanceProject } from "@/db/queries/performance";
import { PROJECT_RATE_FLOOR } from "@/lib/metrics/policy";
import { ratePct } from "@/lib/metrics/stats";
import { placeOfLine, type Report } from "@/lib/report/schema";
import { DataTable } from "../../_components/data-table";
import { Empty, Pct, Section, Wan } from "../../_components/ui";
import { packProjectColumns, sheetIndicatorColumns } from "@/lib/views/performance";
import { budgetAdjustment } from "@/lib/metrics/policy";
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
          <DataTable
            columns={packProjectColumns}
            rows={projects.map((p) => ({ ...p, indicators: undefined, rateInitial: ratePct(p.executed, p.initial) }))}
            rowKey={(p) => p.id}
            rowClass={(p) => (p.flagged ? "bg-rose-50" : undefined)}
            minWidth="min-w-[760px]"
            cells={{
              name: (p) => (
                <>
                  <a className="hover:underline" href={`#project-${p.id}`}>
                    {p.name}
                  </a>
                  <span className="ml-1 text-xs text-gray-400">{`（${p.indicatorCount} 项指标）`}</span>
                </>
              ),
              annual: (p) =>
                budgetAdjustment(p.initial, p.annual)?.direction === "unchanged" ||
                !budgetAdjustment(p.initial, p.annual) ? undefined : (
                  <>
                    <Wan v={p.annual} />
                    <AdjustmentNote initial={p.initial} annual={p.annual} />
                  </>
                ),
              rate: (p) =>
                p.flagged ? (
                  <span className="font-semibold text-rose-700">
                    <Pct v={p.rate} />
                  </span>
                ) : undefined,
              grade: (p) =>
                p.gradeDerived ? (
                  <>
                    {p.grade ?? "—"}
                    <span className="ml-1 text-xs text-gray-500" title="汇总表未列等级，按得分推定">
                      推定
                    </span>
                  </>
                ) : undefined,
            }}
          />
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
      <DataTable
        columns={sheetIndicatorColumns}
        rows={p.indicators}
        rowKey={(i) => p.indicators.indexOf(i)}
        minWidth="min-w-[720px]"
        sortable={false}
        dense
        legend={false}
      />
    </div>
  );
}
