import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import { getDb } from "../client";
import { departments, findings, reports, tableCells, tableRows } from "../schema";
import type { Db } from "../types";

export type StoreSummaryRow = {
  departmentId: number;
  department: string;
  year: number;
  scope: string;
  revision: number;
  synthetic: boolean;
  /** 万元, decimal strings as stored; null when table 01 does not print the figure */
  incomeTotal: string | null;
  expenditureTotal: string | null;
  grandTotal: string | null;
  errors: number;
  warnings: number;
  completeness: string | null;
};

/** Table 01 cell of the given row key (income side first: 总计 appears on both sides and they must agree). */
function t01(key: string) {
  return sql<string | null>`(
    select ${tableCells.amount} from ${tableCells}
    join ${tableRows} on ${tableRows.reportId} = ${tableCells.reportId} and ${tableRows.tableId} = ${tableCells.tableId}
      and ${tableRows.rowOrder} = ${tableCells.rowOrder}
    where ${tableCells.reportId} = ${reports.id} and ${tableCells.tableId} = 't01' and ${tableRows.rowKey} = ${key}
      and ${tableCells.columnKey} = 'amount'
    order by (${tableRows.section} = 'income') desc nulls last, ${tableRows.rowOrder}
    limit 1)`;
}

function findingCount(severity: string) {
  // cast: count(*) is a number on PGlite but a string on postgres.js
  return sql<number>`(select cast(count(*) as int) from ${findings} where ${findings.reportId} = ${reports.id} and ${findings.severity} = ${severity})`.mapWith(
    Number,
  );
}

/** One row per latest report: what the store holds, newest year first. */
export async function getStoreSummary(db?: Db): Promise<StoreSummaryRow[]> {
  const d = db ?? (await getDb());
  return d
    .select({
      departmentId: departments.id,
      department: departments.name,
      year: reports.year,
      scope: reports.scope,
      revision: reports.revision,
      synthetic: reports.synthetic,
      incomeTotal: t01("incomeTotal"),
      expenditureTotal: t01("expenditureTotal"),
      grandTotal: t01("grandTotal"),
      errors: findingCount("error"),
      warnings: findingCount("warning"),
      completeness: reports.completeness,
    })
    .from(reports)
    .innerJoin(departments, eq(departments.id, reports.departmentId))
    .where(eq(reports.isLatest, true))
    .orderBy(desc(reports.year), departments.name, reports.scope);
}
