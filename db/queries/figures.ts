import "server-only";
import { sql } from "drizzle-orm";
import { figuresObject } from "./dashboard-scope";
import { rows } from "./sql";

type ReportRef = {
  reportId: number;
  departmentId: number;
  department: string;
  year: number;
  scope: string;
  synthetic: boolean;
  completeness: string | null;
};

export type FigureRow = ReportRef & { figures: Record<string, string | undefined> };

/** Years that have at least one latest report, newest first. */
export async function getYears(includeSynthetic = true): Promise<number[]> {
  const r = await rows<{ year: number }>(
    sql`select distinct year::int as year from reports where is_latest ${includeSynthetic ? sql`` : sql`and not synthetic`} order by year desc`,
  );
  return r.map((x) => Number(x.year));
}

/** The year a page shows when the URL names none (or one without data): the newest with data. */
export async function resolveYear(
  requested: number | undefined,
  includeSynthetic = true,
): Promise<{ year: number | undefined; years: number[] }> {
  const years = await getYears(includeSynthetic);
  if (requested !== undefined && years.includes(requested)) return { year: requested, years };
  return { year: years[0], years };
}

/**
 * Headline figures of the latest revision of every report of a year, one row per report (money as strings).
 * Keys absent from a report stay absent: "not disclosed" is never turned into zero.
 */
export async function getYearFigures(
  year: number,
  includeSynthetic: boolean,
  departmentId?: number,
): Promise<FigureRow[]> {
  const res = await rows<{
    report_id: number;
    department_id: number;
    department: string;
    year: number;
    scope: string;
    synthetic: boolean;
    completeness: string | null;
    figs: Record<string, string> | string | null;
  }>(sql`
    select r.id::int as report_id, d.id::int as department_id, d.name as department, r.year::int as year, r.scope,
           r.synthetic, r.completeness::text as completeness,
           ${figuresObject("r")} as figs
    from reports r join departments d on d.id = r.department_id
    where r.is_latest and r.year = ${year}
      ${includeSynthetic ? sql`` : sql`and not r.synthetic`}
      ${departmentId ? sql`and d.id = ${departmentId}` : sql``}
    order by d.name, r.scope`);
  return res.map((r) => ({
    reportId: Number(r.report_id),
    departmentId: Number(r.department_id),
    department: r.department,
    year: Number(r.year),
    scope: r.scope,
    synthetic: Boolean(r.synthetic),
    completeness: r.completeness,
    figures: (typeof r.figs === "string" ? JSON.parse(r.figs) : (r.figs ?? {})) as Record<string, string>,
  }));
}
