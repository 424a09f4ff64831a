import { sql, type SQL } from "drizzle-orm";
import type { Finding, Location } from "../lib/audit/types";
import { cellLoc, narrativeLoc, sectionOfKey } from "../lib/audit/labels";
import { sumTolerance } from "../lib/audit/tolerance";
import { D, printedScale } from "../lib/money/decimal";
import { findRow, type Report, type TableId } from "../lib/report/schema";
import { executeRows } from "./bulk";
import { impliedPrior, insertFindings } from "./report-rows";
import type { Executor } from "./types";

export const RESTATED_PRIOR_YEAR = "RESTATED_PRIOR_YEAR";

type Printed = { value: string; location: Location };

/** What the check reads of the earlier year: its own tables (only those tableFigure looks in). */
export type PriorYearSide = Pick<Report, "year" | "scope" | "tables">;
/** What the check reads of the later year: its narrative's year-over-year statements. */
export type CurrentYearSide = Pick<Report, "year" | "scope"> & { narrative: Pick<Report["narrative"], "changes"> };
const PRIOR_TABLES: readonly TableId[] = ["t01", "t02", "t03", "t04", "t05"];

function cell(
  report: PriorYearSide,
  id: TableId,
  pred: { key: string; section?: "income" | "expenditure" },
  column: string,
): Printed | undefined {
  const table = report.tables.find((t) => t.id === id);
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
function tableFigure(report: PriorYearSide, key: string): Printed | undefined {
  if (key === "grandTotal") return cell(report, "t01", { key: "grandTotal", section: "income" }, "amount");
  if (key === "incomeTotal") return cell(report, "t01", { key: "incomeTotal" }, "amount");
  if (key === "expenditureTotal") return cell(report, "t01", { key: "expenditureTotal" }, "amount");
  if (key === "fiscalGrandTotal") {
    return (
      cell(report, "t04", { key: "grandTotal", section: "income" }, "amount") ??
      cell(report, "t04", { key: "grandTotal", section: "expenditure" }, "total")
    );
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
export function restatedPriorYearFindings(current: CurrentYearSide, prior: PriorYearSide): Finding[] {
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
    const stated = narrativeLoc(
      sectionOfKey(change.key),
      `${change.subject} ${change.current} 万元，与上年相比${how}`,
      change.sourceLine,
    );
    const narrative: Location = {
      ...stated,
      rowKey: change.key,
      label: `${current.year} 年度${current.scope}${stated.label}`,
    };
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

type Latest<Side> = { id: number; side: Side };

/** Only the parts of a stored report the check reads: a narrow jsonb projection instead of the whole document. */
const PRIOR_SIDE = sql`jsonb_build_object('year', "year", 'scope', "scope", 'tables',
  (SELECT coalesce(jsonb_agg(t), '[]'::jsonb) FROM jsonb_array_elements("report"->'tables') AS t WHERE t->>'id' IN (${sql.join(
    PRIOR_TABLES.map((t) => sql`${t}::text`),
    sql`, `,
  )})))`;
const CURRENT_SIDE = sql`jsonb_build_object('year', "year", 'scope', "scope", 'narrative', jsonb_build_object('changes', coalesce("report"->'narrative'->'changes', '[]'::jsonb)))`;

export type YearNeighbours = {
  /** highest revision of `year` itself (is it the same bytes? which revision comes next?) */
  current?: { id: number; revision: number; sha: string };
  /** latest revision of `year − 1`, the year this year's narrative compares with */
  prior?: Latest<PriorYearSide>;
  /** latest revision of `year + 1`, whose narrative compares with this year */
  next?: Latest<CurrentYearSide>;
};

type NeighbourRow = { role: "current" | "prior" | "next"; id: number; revision: number; sha: string; side: unknown };

/**
 * What loading a report of `year` needs to read, in one round trip: the disclosure's highest revision, and the
 * latest revisions of the two neighbouring years reduced to what the prior-year check reads — never whole documents,
 * never other years.
 */
export async function readYearNeighbours(
  ex: Executor,
  departmentId: number,
  year: number,
  scope: string,
): Promise<YearNeighbours> {
  const of = (y: number) =>
    sql`"department_id" = ${departmentId}::integer AND "year" = ${y}::integer AND "scope" = ${scope}::text`;
  const rows = await executeRows<NeighbourRow>(
    ex,
    sql`(SELECT 'current' AS "role", "id", "revision", "content_sha256" AS "sha", NULL::jsonb AS "side" FROM "reports" WHERE ${of(year)} ORDER BY "revision" DESC LIMIT 1)
    UNION ALL (SELECT 'prior', "id", "revision", NULL, ${PRIOR_SIDE} FROM "reports" WHERE ${of(year - 1)} AND "is_latest" ORDER BY "revision" DESC LIMIT 1)
    UNION ALL (SELECT 'next', "id", "revision", NULL, ${CURRENT_SIDE} FROM "reports" WHERE ${of(year + 1)} AND "is_latest" ORDER BY "revision" DESC LIMIT 1)`,
  );
  const out: YearNeighbours = {};
  for (const r of rows) {
    // both drivers parse jsonb; a driver that hands back text is parsed here
    const side = typeof r.side === "string" ? JSON.parse(r.side) : r.side;
    if (r.role === "current") out.current = { id: Number(r.id), revision: Number(r.revision), sha: r.sha };
    else if (r.role === "prior") out.prior = { id: Number(r.id), side: side as PriorYearSide };
    else out.next = { id: Number(r.id), side: side as CurrentYearSide };
  }
  return out;
}

/** A report's RESTATED_PRIOR_YEAR findings are replaced as a whole: no earlier verdict survives a refresh. */
export function dropRestated(reportId: number): SQL {
  return sql`DELETE FROM "findings" WHERE "report_id" = ${reportId}::integer AND "rule" = ${RESTATED_PRIOR_YEAR}::text`;
}

/**
 * Recomputes the RESTATED_PRIOR_YEAR findings of the latest report of `year` against the latest of `year − 1`.
 * loadReport does the same inside its own statements; this stands alone for repairs and tests.
 */
export async function refreshCrossYearFindings(
  ex: Executor,
  departmentId: number,
  year: number,
  scope: string,
): Promise<number> {
  // `year` is the later neighbour of `year − 1`, and `year − 1` the earlier neighbour of `year`
  const { next: current } = await readYearNeighbours(ex, departmentId, year - 1, scope);
  if (!current) return 0;
  await ex.execute(dropRestated(current.id));
  const { prior } = await readYearNeighbours(ex, departmentId, year, scope);
  if (!prior) return 0;
  const found = restatedPriorYearFindings(current.side, prior.side);
  await insertFindings(ex, current.id, found);
  return found.length;
}
