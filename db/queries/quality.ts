import "server-only";
import { sql } from "drizzle-orm";
import type { Location } from "@/lib/audit/types";
import { rows } from "./sql";

export type QualityFilters = { year?: number; synthetic: boolean; rule?: string; severity?: "error" | "warning" | "rounding" };

export type QualityFinding = {
  departmentId: number;
  department: string;
  year: number;
  synthetic: boolean;
  rule: string;
  severity: string;
  message: string;
  expected: string | null;
  found: string | null;
  locations: Location[];
};

const where = (f: QualityFilters) => sql`r.is_latest
  ${f.year ? sql`and r.year = ${f.year}` : sql``}
  ${f.synthetic ? sql`` : sql`and not r.synthetic`}`;

/** Findings in the page's order (errors first, newest year, department); `offset` pages through them. */
export async function getFindings(f: QualityFilters, limit = 500, offset = 0): Promise<QualityFinding[]> {
  const res = await rows<{
    department_id: number; department: string; year: number; synthetic: boolean; rule: string; severity: string; message: string;
    expected: string | null; found: string | null; locations: Location[] | string;
  }>(sql`
    select d.id::int as department_id, d.name as department, r.year::int as year, r.synthetic, x.rule, x.severity, x.message, x.expected, x.found, x.locations
    from findings x join reports r on r.id = x.report_id join departments d on d.id = r.department_id
    where ${where(f)}
      ${f.rule ? sql`and x.rule = ${f.rule}` : sql``}
      ${f.severity ? sql`and x.severity = ${f.severity}` : sql``}
    order by case x.severity when 'error' then 0 when 'warning' then 1 else 2 end, r.year desc, d.name, x.rule, x.id
    limit ${limit} offset ${offset}`);
  return res.map((r) => ({
    departmentId: Number(r.department_id), department: r.department, year: Number(r.year), synthetic: Boolean(r.synthetic),
    rule: r.rule, severity: r.severity, message: r.message, expected: r.expected, found: r.found,
    locations: typeof r.locations === "string" ? JSON.parse(r.locations) : r.locations,
  }));
}

export async function getRuleCounts(f: QualityFilters) {
  const res = await rows<{ rule: string; severity: string; n: number; reports: number }>(sql`
    select x.rule, x.severity, count(*)::int as n, count(distinct x.report_id)::int as reports
    from findings x join reports r on r.id = x.report_id
    where ${where(f)}
    group by x.rule, x.severity order by case x.severity when 'error' then 0 when 'warning' then 1 else 2 end, count(*) desc, x.rule`);
  return res.map((r) => ({ rule: r.rule, severity: r.severity, count: Number(r.n), reports: Number(r.reports) }));
}

/** How many latest reports the filters cover (the completeness ranking's length). */
export async function getReportCount(f: QualityFilters): Promise<number> {
  const [r] = await rows<{ n: number }>(sql`select count(*)::int as n from reports r where ${where(f)}`);
  return Number(r?.n ?? 0);
}

/** Reports from the least complete up; `limit`/`offset` give one page (the CSV takes them all). */
export async function getCompletenessRanking(f: QualityFilters, limit?: number, offset = 0) {
  const res = await rows<{ department_id: number; department: string; year: number; synthetic: boolean; completeness: string | null; errors: number; warnings: number }>(sql`
    select d.id::int as department_id, d.name as department, r.year::int as year, r.synthetic, r.completeness::text as completeness,
           (select count(*)::int from findings x where x.report_id = r.id and x.severity = 'error') as errors,
           (select count(*)::int from findings x where x.report_id = r.id and x.severity = 'warning') as warnings
    from reports r join departments d on d.id = r.department_id
    where ${where(f)}
    order by r.completeness asc nulls first, d.name, r.year desc, r.id
    ${limit !== undefined ? sql`limit ${limit} offset ${offset}` : sql``}`);
  return res.map((r) => ({ departmentId: Number(r.department_id), department: r.department, year: Number(r.year), synthetic: Boolean(r.synthetic), completeness: r.completeness, errors: Number(r.errors), warnings: Number(r.warnings) }));
}
