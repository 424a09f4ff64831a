import Link from "next/link";
import type { PerformanceProject } from "@/db/queries/performance";
import { D } from "@/lib/money/decimal";
import type { SourceRef } from "../_components/source-link";
import { sheetIndicatorColumns } from "@/lib/views/performance";
import { DataTable } from "../_components/data-table";
import { Pct, Section, SyntheticBadge, Wan } from "../_components/ui";
import { IndicatorFigure, SheetFigure, SheetPlace, sheetRef, type SheetSources } from "./sheet-link";

// 附件 tables print some amounts to four decimals (604.6242); show them as printed rather than rounding to two.

/** The indicator tree of one 绩效自评表, every cell as the sheet prints it; a score opens the sheet's line that prints it. */
export function Indicators({ p, cite }: { p: PerformanceProject; cite: SourceRef | undefined }) {
  if (p.indicators.length === 0) return <p className="mt-2 text-xs text-gray-500">自评表未列出指标。</p>;
  return (
    <div className="mt-2">
      <DataTable
        columns={sheetIndicatorColumns}
        rows={p.indicators.map((i, k) => ({ ...i, k }))}
        rowKey={(i) => i.k}
        minWidth="min-w-[640px]"
        sortable={false}
        dense
        legend={false}
        cells={{
          score: (i) =>
            i.score === undefined ? undefined : (
              <span className={i.weight !== undefined && new D(i.score).lt(i.weight) ? "text-amber-700" : undefined}>
                <IndicatorFigure cite={cite} line={i.sourceLine ?? p.sourceLine} figure={i.score} context={i.level3}>
                  {i.score}
                </IndicatorFigure>
              </span>
            ),
        }}
      />
    </div>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-gray-500">{label}</dt>
      <dd className="mt-0.5 tabular-nums">{children}</dd>
    </div>
  );
}

/** One project: where it comes from, its funds and score side by side, then its indicators. */
export function ProjectView(props: {
  p: PerformanceProject;
  sources: SheetSources;
  maxRate: number;
  back: string;
  deptHref: string;
  year: number;
}) {
  const { p } = props;
  const cite = sheetRef(p, props.sources);
  const at = (figure: string | undefined, children: React.ReactNode) => (
    <SheetFigure p={p} sources={props.sources} figure={figure}>
      {children}
    </SheetFigure>
  );
  // the summary table's own figures are shown only where they say something the sheet does not
  const summaryDiffers =
    (p.summaryScore !== undefined && p.summaryScore !== p.score) ||
    (p.summaryBudget !== undefined && p.annual !== undefined && !new D(p.summaryBudget).eq(p.annual));
  return (
    <>
      <p className="no-print mb-4 text-sm">
        <Link className="text-blue-700 underline" href={props.back}>
          ← 回到项目列表
        </Link>{" "}
        ·{" "}
        <Link className="text-blue-700 underline" href={props.deptHref}>
          只看{p.department}的项目
        </Link>{" "}
        ·{" "}
        <Link
          className="text-blue-700 underline"
          href={`/departments/${p.departmentId}?year=${props.year}#performance`}
        >
          部门页
        </Link>
      </p>
      <Section
        title={p.name}
        note={
          <>
            {p.sourceLine ? (
              <>
                自评表见
                <SheetPlace p={p} sources={props.sources} />
                ，带虚线的数字在原文中标出。
              </>
            ) : null}
            金额单位：万元；“—”表示未披露。
          </>
        }
      >
        {p.flagged ? (
          <p className="mb-3 rounded border border-rose-200 bg-rose-50 p-2 text-sm font-semibold text-rose-800">
            评为“{p.grade}”，但执行率只有 <Pct v={p.rate} />
            ，低于 {props.maxRate}%。
          </p>
        ) : p.lowRate ? (
          <p className="mb-3 rounded border border-amber-200 bg-amber-50 p-2 text-sm text-amber-800">
            执行率 <Pct v={p.rate} />
            ，低于 {props.maxRate}%。
          </p>
        ) : null}
        <dl className="grid grid-cols-2 gap-3 text-sm md:grid-cols-4">
          <Fact label="部门">
            {p.department}
            <SyntheticBadge synthetic={p.synthetic} />
          </Fact>
          <Fact label="实施单位">{p.implementingUnit ?? <span className="text-gray-400">—</span>}</Fact>
          <Fact label="年初预算数">{at(p.initial, <Wan v={p.initial} />)}</Fact>
          <Fact label="全年预算数（A）">{at(p.annual, <Wan v={p.annual} />)}</Fact>
          <Fact label="全年执行数（B）">{at(p.executed, <Wan v={p.executed} />)}</Fact>
          <Fact label="执行率（B÷A）">
            {at(p.rateStated ? p.rate : undefined, <Pct v={p.rate} />)}
            {p.rate !== undefined && !p.rateStated ? <span className="ml-1 text-xs text-gray-500">复算</span> : null}
          </Fact>
          <Fact label="自评得分">{at(p.score, p.score ?? <span className="text-gray-400">—</span>)}</Fact>
          <Fact label="等级">
            {p.grade ?? <span className="text-gray-400">—</span>}
            {p.gradeDerived ? (
              <span className="ml-1 text-xs text-gray-500" title="汇总表未列等级，按得分推定">
                推定
              </span>
            ) : null}
          </Fact>
          {summaryDiffers ? (
            <Fact label="汇总表所列（预算 / 得分）">
              <Wan v={p.summaryBudget} /> / {p.summaryScore ?? "—"}
            </Fact>
          ) : null}
        </dl>
      </Section>
      <Section
        title={`指标（${p.indicators.length}）`}
        note="一级 / 二级 / 三级指标、年度指标值、实际完成值、分值、得分、偏差原因，均为自评表原文；得分低于分值的标橙。"
      >
        <Indicators p={p} cite={cite} />
      </Section>
    </>
  );
}
