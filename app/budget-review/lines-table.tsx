import type { BudgetReview } from "@/db/queries/budget-review";
import Link from "next/link";
import { Pct, Wan } from "../_components/ui";

type Line = BudgetReview["lines"][number];
type Column = { label: string; title?: string; cell: (l: Line) => React.ReactNode; cited?: boolean };

/**
 * One classification's lines: budget N beside budget N−1 and the 决算, flagged lines first, indented by level. A
 * comparison the store cannot make (no prior budget, no 决算 loaded) leaves its columns out instead of a wall of —.
 */
export function LinesTable({
  lines,
  year,
  hasFinal,
  cite,
}: {
  lines: Line[];
  year: number;
  hasFinal: boolean;
  cite?: (l: Line) => string | undefined;
}) {
  const any = (k: keyof Line) => lines.some((l) => l[k] !== null);
  const columns: Column[] = [
    {
      label: `${year} 年预算`,
      // the figure links to the budget document itself, at its page, boxed
      cell: (l) => {
        const href = cite?.(l);
        return href ? (
          <Link className="text-blue-800 hover:underline" href={href}>
            <Wan v={l.budget} />
          </Link>
        ) : (
          <Wan v={l.budget} />
        );
      },
      cited: true,
    },
    ...(any("priorBudget")
      ? [
          { label: `${year - 1} 年预算`, cell: (l: Line) => <Wan v={l.priorBudget} /> },
          { label: "增减", cell: (l: Line) => <Wan v={l.growth} /> },
          { label: "增幅", cell: (l: Line) => <Pct v={l.growthPct} /> },
        ]
      : []),
    ...(any("priorFinal")
      ? [
          { label: `${year - 1} 年决算`, cell: (l: Line) => <Wan v={l.priorFinal} /> },
          { label: "上年执行率", cell: (l: Line) => <Pct v={l.priorExecution} /> },
        ]
      : []),
    ...(any("statedPriorExecuted")
      ? [
          {
            label: "说明所述上年执行数",
            title: "预算编制说明中所述的上年当年预算执行数",
            cell: (l: Line) => <Wan v={l.statedPriorExecuted} />,
          },
        ]
      : []),
    ...(hasFinal
      ? [
          { label: `${year} 年决算`, cell: (l: Line) => <Wan v={l.final} /> },
          { label: `${year} 年执行率`, cell: (l: Line) => <Pct v={l.execution} /> },
        ]
      : []),
  ];
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-sm">
        <thead>
          <tr className="border-b bg-gray-100 text-left">
            <th className="sticky left-0 z-10 min-w-[9rem] bg-gray-100 p-2">科目</th>
            {columns.map((c) => (
              <th key={c.label} className="num whitespace-nowrap p-2" title={c.title}>
                {c.label}
              </th>
            ))}
            <th className="p-2">部门说明（原因或用途）</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.code} className={`border-b border-gray-100 ${l.flagged ? "bg-amber-50" : ""}`}>
              <td
                className={`sticky left-0 z-10 min-w-[9rem] p-2 ${l.flagged ? "bg-amber-50" : "bg-white"}`}
                style={{ paddingLeft: `${0.5 + (l.code.length - 3) * 0.4}rem` }}
              >
                <span className="text-gray-500">{l.code}</span> {l.name}
                {l.flagged ? (
                  <span className="ml-1 rounded bg-amber-200 px-1 text-xs text-amber-900">请关注</span>
                ) : null}
              </td>
              {columns.map((c) => (
                <td
                  key={c.label}
                  className="num p-2"
                  title={
                    c.cited && l.sourceLine
                      ? `预算文件第 ${l.sourcePage ?? l.sourceLine} ${l.sourcePage ? "页" : "行"}`
                      : undefined
                  }
                >
                  {c.cell(l)}
                </td>
              ))}
              <td className="p-2 text-xs text-gray-600">{l.reason ?? l.purpose ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
