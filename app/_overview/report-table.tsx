import Link from "next/link";
import type { FigureRow } from "@/db/queries/figures";
import { evidenceHref } from "@/lib/report/evidence";
import { reportColumns } from "@/lib/views/overview";
import { DataTable } from "../_components/data-table";
import { Pct, SyntheticBadge, Wan } from "../_components/ui";

type Row = FigureRow & { hasDocument: boolean };
type Flat = Record<string, unknown> & { row: Row };

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

const RATE_TITLE = "执行率 = 一般公共预算财政拨款支出 ÷ 年初预算；打开情况说明中写年初预算与决算的地方";
const cited = (figure: string, Fmt: typeof Pct | typeof Wan, title?: string) => (f: Flat) => (
  <Cited row={f.row} figure={figure} title={title}>
    <Fmt v={f.row.figures[figure]} />
  </Cited>
);

/**
 * Each department's headline figures, every one linked to where its document prints it. On a phone the department
 * stays in place and the rates come right after it; the amounts scroll. The order is the query's (a paged list).
 */
export function ReportTable({ rows, year }: { rows: Row[]; year: number }) {
  const flat: Flat[] = rows.map((r) => ({
    ...r.figures,
    department: r.department,
    completeness: r.completeness,
    row: r,
  }));
  return (
    <DataTable
      columns={reportColumns}
      rows={flat}
      rowKey={(f) => f.row.reportId}
      sortable={false}
      minWidth="min-w-[760px]"
      note="带虚线的数字链接到原文中印有它的页（行）。"
      cells={{
        department: ({ row: r }) => (
          <>
            <Link className="text-blue-700 hover:underline" href={`/departments/${r.departmentId}?year=${year}`}>
              {r.department}
            </Link>
            <SyntheticBadge synthetic={r.synthetic} />
            {r.scope === "单位决算" ? <span className="ml-1 text-xs text-gray-500">单位决算</span> : null}
          </>
        ),
        gpbExecutionRate: cited("gpbExecutionRate", Pct, RATE_TITLE),
        procurementSmeShare: cited("procurementSmeShare", Pct),
        expenditureTotal: cited("expenditureTotal", Wan),
        incomeTotal: cited("incomeTotal", Wan),
        sangongFinal: cited("sangongFinal", Wan),
      }}
    />
  );
}
