import { and, eq, or, sql } from "drizzle-orm";
import { reportSchema, type Report } from "../lib/report/schema";
import { orgKeyOf, resolvedKey } from "./organisations";
import { departments, reports } from "./schema";
import type { Db } from "./types";

export class ExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExportError";
  }
}

/**
 * The latest revision of a disclosure as the canonical Report, read back from the stored JSON.
 * Returns null when nothing matches; throws ExportError when the scope is omitted and both 部门决算 and 单位决算 exist.
 * Parsing again restores the schema's key order (jsonb sorts keys) so the export reads like the original.
 */
export async function exportReport(
  db: Db,
  departmentName: string,
  year: number,
  scope?: Report["scope"],
): Promise<Report | null> {
  const rows = await db
    .select({ scope: reports.scope, report: reports.report })
    .from(reports)
    .innerJoin(departments, eq(departments.id, reports.departmentId))
    .where(
      // by org key too: "…（本级）" names the department its documents loaded into
      and(
        or(
          eq(departments.name, departmentName),
          eq(departments.orgKey, resolvedKey(sql`${orgKeyOf(departmentName)}::text`)),
        ),
        eq(reports.year, year),
        eq(reports.isLatest, true),
        scope ? eq(reports.scope, scope) : undefined,
      ),
    )
    .orderBy(reports.scope);
  if (rows.length === 0) return null;
  if (rows.length > 1) {
    throw new ExportError(
      `${departmentName} ${year} 年度同时有 ${rows.map((r) => r.scope).join("、")}，请用 --scope 指定其一`,
    );
  }
  return reportSchema.parse(rows[0].report);
}
