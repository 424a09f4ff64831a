import { and, eq } from "drizzle-orm";
import type { Finding } from "../lib/audit/types";
import { budgetFigures } from "../lib/budget/figures";
import type { Budget } from "../lib/budget/schema";
import { standardCodeOf } from "../lib/budget/codes";
import { keepOriginal, type OriginalFile } from "./documents";
import { lockDepartment, unitLinksInsert } from "./organisations";
import { budgetLines, budgets } from "./schema";
import type { Db } from "./types";
import type { LoadResult } from "./load";

/** The coded tables whose every cell is stored as a line: what execution and the spring review join on. */
const LINE_TABLES = new Set(["b02", "b03", "b05", "b06", "b07", "b08"]);

/**
 * Loads one budget in its own transaction, as `loadReport` does a 决算: the same bytes again change nothing, other
 * bytes for the same department, year and scope become a new revision (the old one stays, no longer latest).
 */
export async function loadBudget(
  db: Db,
  budget: Budget,
  findings: Finding[],
  original?: OriginalFile,
): Promise<LoadResult> {
  return db.transaction(async (tx) => {
    const departmentId = await lockDepartment(tx, budget.department);
    if (original) await keepOriginal(tx, original);
    const same = and(
      eq(budgets.departmentId, departmentId),
      eq(budgets.year, budget.year),
      eq(budgets.scope, budget.scope),
      eq(budgets.isLatest, true),
    );
    const [latest] = await tx
      .select({ id: budgets.id, sha: budgets.contentSha256, revision: budgets.revision })
      .from(budgets)
      .where(same);
    if (latest && latest.sha === budget.source.sha256)
      return { status: "unchanged", reportId: latest.id, revision: latest.revision } as const;
    if (latest) await tx.update(budgets).set({ isLatest: false }).where(same);
    const revision = (latest?.revision ?? 0) + 1;
    const [{ id }] = await tx
      .insert(budgets)
      .values({
        departmentId,
        year: budget.year,
        scope: budget.scope,
        revision,
        isLatest: true,
        contentSha256: budget.source.sha256,
        sourceFile: budget.source.fileName,
        layout: budget.source.layout,
        figures: budgetFigures(budget),
        findings,
        budget,
      })
      .returning({ id: budgets.id });
    const lines = budget.tables
      .filter((t) => LINE_TABLES.has(t.id))
      .flatMap((t) =>
        t.rows.flatMap((r) => {
          // stored under the code it stands for (3012 printed → 30102), so it meets the same subject in other years
          const code = r.code ? standardCodeOf(r.code) : undefined;
          return code
            ? Object.entries(r.values).map(([column, value]) => ({
                budgetId: id,
                tableId: t.id,
                code,
                name: r.name,
                column,
                value,
                sourceLine: r.sourceLine ?? null,
              }))
            : [];
        }),
      );
    // a code printed twice in one table (a continuation page repeating a row) keeps its first cell
    const seen = new Set<string>();
    const unique = lines.filter((l) => {
      const k = `${l.tableId}|${l.code}|${l.column}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    for (let i = 0; i < unique.length; i += 500) await tx.insert(budgetLines).values(unique.slice(i, i + 500));
    // a 部门预算's 部门机构设置 names the units it consolidates, as a 部门决算's 单位构成 does
    const links = unitLinksInsert(departmentId, {
      scope: budget.scope,
      year: budget.year,
      overview: { units: budget.units },
    });
    if (links) await tx.execute(links);
    return { status: latest ? "revised" : "created", reportId: id, revision } as const;
  });
}
