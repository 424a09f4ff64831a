import { and, desc, eq } from "drizzle-orm";
import type { Completeness, Finding } from "../lib/audit/types";
import type { Report } from "../lib/report/schema";
import { refreshCrossYearFindings } from "./cross-year";
import { completenessValue, insertFigures, insertFindings, insertNarrative, insertPerformance, insertTables } from "./report-rows";
import { departments, reports } from "./schema";
import { subjectsOfReport, upsertSubjects } from "./subjects";
import type { Db, Executor } from "./types";

export { LoadError } from "./report-rows";

export type LoadStatus = "created" | "unchanged" | "revised";
export type LoadResult = { status: LoadStatus; reportId: number; revision: number };
export type LoadOptions = { findings: Finding[]; completeness?: Completeness | string | null };

/**
 * Locks the department row for the rest of the transaction, creating it if needed: two loads of the same
 * department (on Postgres, from two processes) then take turns instead of racing for the same revision number.
 */
async function lockDepartment(tx: Executor, name: string): Promise<number> {
  const select = () => tx.select({ id: departments.id }).from(departments).where(eq(departments.name, name)).for("update");
  const [found] = await select();
  if (found) return found.id;
  const [created] = await tx.insert(departments).values({ name }).onConflictDoNothing().returning({ id: departments.id });
  if (created) return created.id;
  const [raced] = await select();
  return raced.id;
}

/**
 * Loads one report in ONE transaction; on any error nothing of it is written.
 * - same department, year and scope with the same content hash as the latest revision → "unchanged", nothing written;
 * - same disclosure with different bytes → a new revision; the previous one stays, no longer latest;
 * - otherwise → "created" (revision 1).
 * Prior-year cross-checks are then refreshed for this year and for the year after it.
 */
export async function loadReport(db: Db, report: Report, opts: LoadOptions): Promise<LoadResult> {
  return db.transaction(async (tx) => {
    const departmentId = await lockDepartment(tx, report.department);
    const same = and(eq(reports.departmentId, departmentId), eq(reports.year, report.year), eq(reports.scope, report.scope));
    const [latest] = await tx
      .select({ id: reports.id, revision: reports.revision, sha: reports.contentSha256 })
      .from(reports)
      .where(same)
      .orderBy(desc(reports.revision))
      .limit(1);
    if (latest && latest.sha === report.source.sha256) return { status: "unchanged", reportId: latest.id, revision: latest.revision };

    if (latest) await tx.update(reports).set({ isLatest: false }).where(and(same, eq(reports.isLatest, true)));
    const revision = (latest?.revision ?? 0) + 1;
    const completeness = typeof opts.completeness === "object" && opts.completeness !== null ? opts.completeness.score : opts.completeness;
    const [{ id: reportId }] = await tx
      .insert(reports)
      .values({
        departmentId,
        year: report.year,
        scope: report.scope,
        revision,
        isLatest: true,
        synthetic: report.synthetic,
        contentSha256: report.source.sha256,
        sourceFile: report.source.fileName,
        layout: report.source.layout,
        sourceUnit: report.sourceUnit,
        completeness: completenessValue(completeness),
        report,
      })
      .returning({ id: reports.id });

    await insertTables(tx, reportId, report);
    await insertFigures(tx, reportId, report);
    await insertNarrative(tx, reportId, report);
    await insertPerformance(tx, reportId, report);
    await insertFindings(tx, reportId, opts.findings);
    await upsertSubjects(tx, subjectsOfReport(report));
    await refreshCrossYearFindings(tx, departmentId, report.year, report.scope);
    await refreshCrossYearFindings(tx, departmentId, report.year + 1, report.scope);
    return { status: latest ? "revised" : "created", reportId, revision };
  });
}
