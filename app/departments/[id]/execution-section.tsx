import { budgetAdjustment, EXECUTION_RATE, executionBand } from "@/lib/metrics/policy";
import { executionColumns } from "@/lib/views/department";
import { DataTable } from "../../_components/data-table";
import { ratePct } from "@/lib/metrics/stats";
import { placeOfLine, type Report } from "@/lib/report/schema";
import { Empty, Pct, Section, Wan } from "../../_components/ui";
import { AdjustmentNote } from "./adjustment";
import { Reason } from "./yoy-section";

const BASE_TEXT = { initial: "年初预算", annual: "全年预算" } as const;

/** A recomputed rate outside the band, marked; within it the plain format's cell. */
const marked = (r: string | undefined) =>
  executionBand(r) === "concern" ? (
    <span className="font-semibold text-rose-700">
      <Pct v={r} />
    </span>
  ) : undefined;

const adjusted = (initial?: string, annual?: string) => {
  const a = budgetAdjustment(initial, annual);
  return !!a && a.direction !== "unchanged";
};

/**
 * 一般公共预算财政拨款 execution by subject: against the 年初预算 and, where the narrative gives it, the 全年预算
 * (adjusted) too, with a budget cut or raised mid-year said to be one.
 */
export function ExecutionSection({ report }: { report: Report }) {
  const be = report.narrative.budgetExecution;
  const withAnnual = !!be && (be.annualBudget !== undefined || be.items.some((i) => i.annualBudget !== undefined));
  const note =
    `执行率（复算）= 支出决算 ÷ 预算 × 100，与文件所述执行率并列；低于 ${EXECUTION_RATE.low}% 或高于 ${EXECUTION_RATE.high}% 标红。` +
    (withAnnual
      ? "文件同时给出年初预算与全年预算（调整后），两个执行率并列，调减或调增的预算在全年预算下注明。"
      : "文件只给出年初预算。");
  return (
    <Section title="预算执行（一般公共预算财政拨款）" id="execution" note={note}>
      {!be ? (
        <Empty>情况说明未披露年初预算与决算的对比。</Empty>
      ) : (
        <>
          <p className="mb-2 text-sm">
            {"年初预算 "}
            <Wan v={be.initialBudget} />
            {" 万元"}
            {be.annualBudget !== undefined ? (
              <>
                {"，全年预算 "}
                <Wan v={be.annualBudget} />
                {" 万元"}
              </>
            ) : null}
            {"，支出决算 "}
            <Wan v={be.final} />
            {` 万元，文件所述完成${be.rateBase ? BASE_TEXT[be.rateBase] : "预算"}的 `}
            <Pct v={be.rate} />
            {"。"}
            {be.reason ? <span className="text-gray-600">{` 原因：${be.reason}`}</span> : null}
            {be.sourceLine ? (
              <span className="ml-1 text-xs text-gray-400">{`（${placeOfLine(report, be.sourceLine)}）`}</span>
            ) : null}
          </p>
          <AdjustmentNote initial={be.initialBudget} annual={be.annualBudget} />
          <DataTable
            columns={executionColumns(withAnnual)}
            rows={be.items.map((it, i) => ({
              ...it,
              i,
              subject: it.path.join(" / "),
              rateInitial: ratePct(it.final, it.initialBudget),
              rateAnnual: ratePct(it.final, it.annualBudget),
              place: it.sourceLine ? placeOfLine(report, it.sourceLine) : undefined,
            }))}
            rowKey={(r) => r.i}
            minWidth="min-w-[760px]"
            sortable={false}
            cells={{
              subject: (it) =>
                it.code ? (
                  <>
                    <span className="mr-1 font-mono text-xs text-gray-500">{it.code}</span>
                    {it.subject}
                  </>
                ) : undefined,
              annualBudget: (it) =>
                adjusted(it.initialBudget, it.annualBudget) ? (
                  <>
                    <Wan v={it.annualBudget} />
                    <AdjustmentNote initial={it.initialBudget} annual={it.annualBudget} />
                  </>
                ) : undefined,
              rate: (it) =>
                it.noInitialBudget || (it.rateBase && withAnnual) ? (
                  <>
                    {it.noInitialBudget ? "年初无预算" : <Pct v={it.rate} />}
                    {it.rateBase && withAnnual ? (
                      <div className="text-xs text-gray-500">{`对${BASE_TEXT[it.rateBase]}`}</div>
                    ) : null}
                  </>
                ) : undefined,
              rateInitial: (it) => marked(it.rateInitial),
              rateAnnual: (it) => marked(it.rateAnnual),
              reason: (it) => <Reason reason={it.reason} place={it.place} />,
            }}
          />
        </>
      )}
    </Section>
  );
}
