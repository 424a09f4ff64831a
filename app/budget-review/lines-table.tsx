import type { BudgetReview } from "@/db/queries/budget-review";
import { Pct, Wan } from "../_components/ui";

/** One classification's lines: budget N beside budget N−1 and the 决算, flagged lines first, indented by level. */
export function LinesTable({ lines, year, hasFinal }: { lines: BudgetReview["lines"]; year: number; hasFinal: boolean }) {
  const r = { year, final: hasFinal };
  return (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-sm">
            <thead>
              <tr className="border-b bg-gray-100 text-left">
                <th className="p-2">科目</th>
                <th className="num p-2">{r.year} 年预算</th>
                <th className="num p-2">{r.year - 1} 年预算</th>
                <th className="num p-2">增减</th>
                <th className="num p-2">增幅</th>
                <th className="num p-2">{r.year - 1} 年决算</th>
                <th className="num p-2">上年执行率</th>
                {lines.some((l) => l.statedPriorExecuted !== null) ? <th className="num p-2" title="预算编制说明中所述的上年当年预算执行数">说明所述上年执行数</th> : null}
                {r.final ? <th className="num p-2">{r.year} 年执行率</th> : null}
                <th className="p-2">部门说明（原因或用途）</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr key={l.code} className={`border-b border-gray-100 ${l.flagged ? "bg-amber-50" : ""}`}>
                  <td className="p-2" style={{ paddingLeft: `${0.5 + (l.code.length - 3) * 0.4}rem` }}>
                    <span className="text-gray-500">{l.code}</span> {l.name}
                    {l.flagged ? <span className="ml-1 rounded bg-amber-200 px-1 text-xs text-amber-900">请关注</span> : null}
                  </td>
                  <td className="num p-2" title={l.sourceLine ? `预算文件第 ${l.sourceLine} 行` : undefined}><Wan v={l.budget} /></td>
                  <td className="num p-2"><Wan v={l.priorBudget} /></td>
                  <td className="num p-2"><Wan v={l.growth} /></td>
                  <td className="num p-2"><Pct v={l.growthPct} /></td>
                  <td className="num p-2"><Wan v={l.priorFinal} /></td>
                  <td className="num p-2"><Pct v={l.priorExecution} /></td>
                  {lines.some((x) => x.statedPriorExecuted !== null) ? <td className="num p-2"><Wan v={l.statedPriorExecuted} /></td> : null}
                  {r.final ? <td className="num p-2"><Pct v={l.execution} /></td> : null}
                  <td className="p-2 text-xs text-gray-600">{l.reason ?? l.purpose ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
  );
}
