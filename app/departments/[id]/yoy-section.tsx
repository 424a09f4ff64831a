import { D } from "@/lib/money/decimal";
import { placeOfLine, type Report } from "@/lib/report/schema";
import { Empty, Pct, Section, Wan } from "../../_components/ui";

/** change key in the narrative → the figure that holds the same quantity in the stored previous year */
const CHANGE_TO_FIGURE: Record<string, string> = {
  grandTotal: "grandTotal",
  "income.fiscal": "fiscalIncome",
  "expenditure.basic": "basicExpenditure",
  "expenditure.project": "projectExpenditure",
  gpbExpenditure: "gpbExpenditure",
};

/** The narrative's year-over-year changes beside the previous year as the store holds it. */
export function YoySection({ report, priorFigures }: { report: Report; priorFigures: Record<string, string> | null }) {
  const changes = report.narrative.changes;
  return (
    <Section
      title="与上年相比（情况说明所述）"
      id="yoy"
      note="“上年（推算）”= 本年数 − 所述增减额；“上年（库中）”为库中上一年度报告的同一数字，两者不一致时数据质量页会列出“上年数据重述”。"
    >
      {changes.length === 0 ? (
        <Empty>情况说明未给出与上年的比较。</Empty>
      ) : (
        <div className="overflow-x-auto">
          <table className="sticky-first w-full min-w-[720px] border-collapse text-sm">
            <thead>
              <tr className="border-b bg-gray-100 text-left">
                <th className="p-1.5">项目</th>
                <th className="num p-1.5">本年（万元）</th>
                <th className="num p-1.5">增减（万元）</th>
                <th className="num p-1.5">增减率</th>
                <th className="num p-1.5">上年（推算）</th>
                <th className="num p-1.5">上年（库中）</th>
                <th className="p-1.5">部门说明的原因</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((c, i) => {
                const implied =
                  c.change !== undefined
                    ? new D(c.current).minus(c.change).toFixed()
                    : c.unchanged
                      ? c.current
                      : undefined;
                const fk = CHANGE_TO_FIGURE[c.key];
                const stored = fk && priorFigures ? priorFigures[fk] : undefined;
                const mismatch = implied !== undefined && stored !== undefined && !new D(implied).eq(stored);
                return (
                  <tr key={i} className="border-b border-gray-100 align-top">
                    <td className="p-1.5">{c.subject}</td>
                    <td className="num p-1.5">
                      <Wan v={c.current} />
                    </td>
                    <td className="num p-1.5">{c.unchanged ? "持平" : <Wan v={c.change} />}</td>
                    <td className="num p-1.5">
                      <Pct v={c.pct} />
                    </td>
                    <td className="num p-1.5">
                      <Wan v={implied} />
                    </td>
                    <td className={`num p-1.5 ${mismatch ? "font-semibold text-rose-700" : ""}`}>
                      {stored !== undefined ? <Wan v={stored} /> : <span className="text-gray-400">—</span>}
                    </td>
                    <td className="p-1.5 text-gray-700">
                      {c.reason ?? <span className="text-gray-400">未说明</span>}
                      {c.sourceLine ? (
                        <span className="ml-1 text-xs text-gray-400">{`（${placeOfLine(report, c.sourceLine)}）`}</span>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
