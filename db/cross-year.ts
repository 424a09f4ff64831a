import { and, desc, eq } from "drizzle-orm";
import type { Finding, Location } from "../lib/audit/types";
import { cellLoc, narrativeLoc, sectionOfKey } from "../lib/audit/labels";
import { sumTolerance } from "../lib/audit/tolerance";
import { D, printedScale } from "../lib/money/decimal";
import { findRow, getTable, type Report, type TableId } from "../lib/report/schema";
import { impliedPrior, insertFindings } from "./report-rows";
import { findings, reports } from "./schema";
import type { Executor } from "./types";

export const RESTATED_PRIOR_YEAR = "RESTATED_PRIOR_YEAR";

type Printed = { value: string; location: Location };

function cell(report: Report, id: TableId, pred: { key: string; section?: "income" | "expenditure" }, column: string): Printed | undefined {
  const table = getTable(report, id);
  const row = findRow(table, pred) ?? (pred.section ? findRow(table, { key: pred.key }) : undefined);
  const value = row?.values[column];
  if (!row || value === undefined) return undefined;
  const location = cellLoc(id, row, column);
  // The other report's year goes into the label: a location alone does not say which report it is in.
  return { value, location: { ...location, label: `${report.year} 年度${report.scope} ${location.label}` } };
}

/**
 * Where a narrative change key is printed in the year's own tables. The narrative of year N states its figure
 * for N and the change against N−1; the tables of N−1 hold what N−1 itself published.
 */
export function tableFigure(report: Report, key: string): Printed | undefined {
  if (key === "grandTotal") return cell(report, "t01", { key: "grandTotal", section: "income" }, "amount");
  if (key === "incomeTotal") return cell(report, "t01", { key: "incomeTotal" }, "amount");
  if (key === "expenditureTotal") return cell(report, "t01", { key: "expenditureTotal" }, "amount");
  if (key === "fiscalGrandTotal") {
    return cell(report, "t04", { key: "grandTotal", section: "income" }, "amount") ?? cell(report, "t04", { key: "grandTotal", section: "expenditure" }, "total");
  }
  if (key === "gpbExpenditure") return cell(report, "t05", { key: "total" }, "total");
  const m = /^(income|expenditure)\.(\w+)$/.exec(key);
  if (m) return cell(report, m[1] === "income" ? "t02" : "t03", { key: "total" }, m[2]);
  return undefined;
}

/**
 * Year N's narrative against year N−1's own tables: a prior-year figure implied by "与上年相比，增加/减少 X"
 * that differs from what N−1 published, beyond rounding, means one of the two was restated or misstated.
 */
export function restatedPriorYearFindings(current: Report, prior: Report): Finding[] {
  const out: Finding[] = [];
  for (const change of current.narrative.changes) {
    const implied = impliedPrior(change);
    const printed = tableFigure(prior, change.key);
    if (!implied || !printed) continue;
    const diff = implied.minus(printed.value);
    // Each printed figure (this year's amount and change, last year's cell) may be off by half a unit.
    const printedTerms = [change.current, printed.value, ...(change.change === undefined ? [] : [change.change])];
    if (diff.abs().lte(sumTolerance(printedTerms))) continue;
    // Shown with the decimals the narrative printed, so 100.68 + 9.32 reads "110.00", not "110".
    const scale = Math.max(printedScale(change.current), printedScale(change.change ?? "0"));
    const shown = implied.toFixed(scale);
    const gap = diff.abs().toFixed(Math.max(scale, printedScale(printed.value)));
    const how =
      change.change === undefined
        ? "与上年持平"
        : new D(change.change).isNegative()
          ? `减少 ${new D(change.change).abs().toFixed()} 万元`
          : `增加 ${change.change} 万元`;
    const stated = narrativeLoc(sectionOfKey(change.key), `${change.subject} ${change.current} 万元，与上年相比${how}`, change.sourceLine);
    const narrative: Location = { ...stated, rowKey: change.key, label: `${current.year} 年度${current.scope}${stated.label}` };
    out.push({
      rule: RESTATED_PRIOR_YEAR,
      severity: "warning",
      message:
        `${current.year} 年度说明中“${change.subject}”推算的 ${prior.year} 年数为 ${shown} 万元，` +
        `而 ${prior.year} 年度决算公开的是 ${printed.value} 万元，相差 ${gap} 万元：上年数可能被重述，或说明中的增减额有误。`,
      expected: printed.value,
      found: shown,
      locations: [narrative, printed.location],
    });
  }
  return out;
}

async function latestReport(ex: Executor, departmentId: number, year: number, scope: string) {
  const [row] = await ex
    .select({ id: reports.id, report: reports.report })
    .from(reports)
    .where(and(eq(reports.departmentId, departmentId), eq(reports.year, year), eq(reports.scope, scope), eq(reports.isLatest, true)))
    .orderBy(desc(reports.revision))
    .limit(1);
  return row;
}

/** Recomputes the RESTATED_PRIOR_YEAR findings of the latest report of `year` against the latest of `year − 1`. */
export async function refreshCrossYearFindings(ex: Executor, departmentId: number, year: number, scope: string): Promise<number> {
  const current = await latestReport(ex, departmentId, year, scope);
  if (!current) return 0;
  await ex.delete(findings).where(and(eq(findings.reportId, current.id), eq(findings.rule, RESTATED_PRIOR_YEAR)));
  const prior = await latestReport(ex, departmentId, year - 1, scope);
  if (!prior) return 0;
  const found = restatedPriorYearFindings(current.report, prior.report);
  await insertFindings(ex, current.id, found);
  return found.length;
}
