import Link from "next/link";
import type { FigureRow } from "@/db/queries/figures";
import { formatScore } from "@/lib/money/format";
import { evidenceHref } from "@/lib/report/evidence";
import { Pct, SyntheticBadge, Wan } from "../_components/ui";

type Row = FigureRow & { hasDocument: boolean };

/** A figure of the table, opening its place in the report's original (when the store keeps it and the figure is there). */
function Cited({
  row,
  figure,
  title,
  children,
}: {
  row: Row;
  figure: string;
  title?: string;
  children: React.ReactNode;
}) {
  if (!row.hasDocument || row.figures[figure] === undefined) return <>{children}</>;
  return (
    <a
      className="text-gray-900 underline decoration-blue-300 decoration-dotted underline-offset-2 hover:text-blue-700"
      href={evidenceHref(row.reportId, { figure })}
      title={title ?? "在原文中查看这个数字"}
    >
      {children}
    </a>
  );
}

/**
 * Each department's headline figures, every one linked to where its document prints it. On a phone the department
 * stays in place and the rates come right after it; the amounts scroll.
 */
export function ReportTable({ rows, year }: { rows: Row[]; year: number }) {
  return (
    <div className="overflow-x-auto">
      <table className="sticky-first w-full min-w-[760px] border-collapse text-sm">
        <thead>
          <tr className="border-b bg-gray-100 text-left">
            <th className="p-2">部门</th>
            <th className="num p-2" title="一般公共预算财政拨款支出 ÷ 年初预算">
              年初预算执行率
            </th>
            <th className="num p-2">中小企业份额</th>
            <th className="num p-2">本年支出合计</th>
            <th className="num p-2">本年收入合计</th>
            <th className="num p-2">“三公”经费决算</th>
            <th className="num p-2">完整度</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.reportId} className="border-b border-gray-100">
              <td className="p-2">
                <Link className="text-blue-700 hover:underline" href={`/departments/${r.departmentId}?year=${year}`}>
                  {r.department}
                </Link>
                <SyntheticBadge synthetic={r.synthetic} />
                {r.scope === "单位决算" ? <span className="ml-1 text-xs text-gray-500">单位决算</span> : null}
              </td>
              <td className="num p-2">
                <Cited
                  row={r}
                  figure="gpbExecutionRate"
                  title="执行率 = 一般公共预算财政拨款支出 ÷ 年初预算；打开情况说明中写年初预算与决算的地方"
                >
                  <Pct v={r.figures.gpbExecutionRate} />
                </Cited>
              </td>
              <td className="num p-2">
                <Cited row={r} figure="procurementSmeShare">
                  <Pct v={r.figures.procurementSmeShare} />
                </Cited>
              </td>
              <td className="num p-2">
                <Cited row={r} figure="expenditureTotal">
                  <Wan v={r.figures.expenditureTotal} />
                </Cited>
              </td>
              <td className="num p-2">
                <Cited row={r} figure="incomeTotal">
                  <Wan v={r.figures.incomeTotal} />
                </Cited>
              </td>
              <td className="num p-2">
                <Cited row={r} figure="sangongFinal">
                  <Wan v={r.figures.sangongFinal} />
                </Cited>
              </td>
              <td className="num p-2">{formatScore(r.completeness)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
