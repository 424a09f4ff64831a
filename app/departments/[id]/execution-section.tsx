import { EXECUTION_RATE, executionBand } from "@/lib/metrics/policy";
import { ratePct } from "@/lib/metrics/stats";
import { placeOfLine, type Report } from "@/lib/report/schema";
import { Empty, Pct, Section, Wan } from "../../_components/ui";
import { AdjustmentNote } from "./adjustment";

const BASE_TEXT = { initial: "年初预算", annual: "全年预算" } as const;

function RateCell({ final, base }: { final: string; base?: string }) {
  const r = ratePct(final, base);
  return (
    <td className={`num p-1.5 ${executionBand(r) === "concern" ? "font-semibold text-rose-700" : ""}`}>
      <Pct v={r} />
    </td>
  );
}

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
          <div className="overflow-x-auto">
            <table className="sticky-first w-full min-w-[760px] border-collapse text-sm">
              <thead>
                <tr className="border-b bg-gray-100 text-left">
                  <th className="p-1.5">科目（类 / 款 / 项）</th>
                  <th className="num p-1.5">年初预算</th>
                  {withAnnual ? <th className="num p-1.5">全年预算</th> : null}
                  <th className="num p-1.5">支出决算</th>
                  <th className="num p-1.5">所述执行率</th>
                  <th className="num p-1.5">{withAnnual ? "对年初预算" : "复算执行率"}</th>
                  {withAnnual ? <th className="num p-1.5">对全年预算</th> : null}
                  <th className="p-1.5">部门说明的原因</th>
                </tr>
              </thead>
              <tbody>
                {be.items.map((it, i) => (
                  <tr key={i} className="border-b border-gray-100 align-top">
                    <td className="p-1.5">
                      {it.code ? <span className="mr-1 font-mono text-xs text-gray-500">{it.code}</span> : null}
                      {it.path.join(" / ")}
                    </td>
                    <td className="num p-1.5">
                      <Wan v={it.initialBudget} />
                    </td>
                    {withAnnual ? (
                      <td className="num p-1.5">
                        <Wan v={it.annualBudget} />
                        <AdjustmentNote initial={it.initialBudget} annual={it.annualBudget} />
                      </td>
                    ) : null}
                    <td className="num p-1.5">
                      <Wan v={it.final} />
                    </td>
                    <td className="num p-1.5">
                      {it.noInitialBudget ? "年初无预算" : <Pct v={it.rate} />}
                      {it.rateBase && withAnnual ? (
                        <div className="text-xs text-gray-500">{`对${BASE_TEXT[it.rateBase]}`}</div>
                      ) : null}
                    </td>
                    <RateCell final={it.final} base={it.initialBudget} />
                    {withAnnual ? <RateCell final={it.final} base={it.annualBudget} /> : null}
                    <td className="p-1.5 text-gray-700">
                      {it.reason ?? <span className="text-gray-400">未说明</span>}
                      {it.sourceLine ? (
                        <span className="ml-1 text-xs text-gray-400">{`（${placeOfLine(report, it.sourceLine)}）`}</span>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Section>
  );
}
