import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { rows } from "./sql";

export type Scope = { year?: number; synthetic: boolean; dept?: number; depts?: number[] };

/**
 * The reports a comparison reads: the latest revision, one per department and year. A department that publishes
 * both a 部门决算 and a 单位决算 is read through its 部门决算, which already contains the unit — summing both
 * would count the unit twice. Columns: id, department_id, department, year, scope, synthetic, completeness.
 */
export function chosenReports(s: Scope): SQL {
  const depts = s.depts?.filter((d) => Number.isInteger(d)) ?? [];
  return sql`
    select distinct on (r.department_id, r.year) r.id, r.department_id, d.name as department, r.year, r.scope, r.synthetic, r.completeness
    from reports r join departments d on d.id = r.department_id
    where r.is_latest
      ${s.year !== undefined ? sql`and r.year = ${s.year}` : sql``}
      ${s.synthetic ? sql`` : sql`and not r.synthetic`}
      ${s.dept ? sql`and r.department_id = ${s.dept}` : sql``}
      ${depts.length ? sql`and r.department_id in ${sql.raw(`(${depts.map((d) => String(Math.trunc(d))).join(",")})`)}` : sql``}
    order by r.department_id, r.year, case r.scope when '部门决算' then 0 else 1 end, r.id`;
}

/** `figures` rows of the chosen reports as one jsonb object per report (absent keys stay absent). */
export function figuresObject(reportAlias: string): SQL {
  return sql`(select coalesce(jsonb_object_agg(f.key, f.value::text), '{}'::jsonb) from figures f where f.report_id = ${sql.raw(reportAlias)}.id)`;
}

export type FigureMap = Record<string, string | undefined>;

/** jsonb arrives parsed from postgres.js and PGlite alike, but a text fallback costs nothing. */
export function asFigures(v: unknown): FigureMap {
  if (v === null || v === undefined) return {};
  return (typeof v === "string" ? JSON.parse(v) : v) as FigureMap;
}

/** numeric(20,6) columns come back padded ("101.650000"); trim_scale keeps the value and drops the padding. */
export const trimmed = (expr: SQL) => sql`trim_scale(${expr})::text`;

export type ChosenReport = {
  reportId: number;
  departmentId: number;
  department: string;
  year: number;
  scope: string;
  synthetic: boolean;
  completeness: string | null;
  figures: FigureMap;
};

/** Headline figures of the chosen reports (one per department and year), ordered by year then department name. */
export async function getChosenFigures(s: Scope): Promise<ChosenReport[]> {
  const res = await rows<{
    id: number; department_id: number; department: string; year: number; scope: string; synthetic: boolean; completeness: string | null; figs: unknown;
  }>(sql`
    with rep as (${chosenReports(s)})
    select rep.id::int as id, rep.department_id::int as department_id, rep.department, rep.year::int as year, rep.scope, rep.synthetic,
           trim_scale(rep.completeness)::text as completeness, ${figuresObject("rep")} as figs
    from rep order by rep.year, rep.department`);
  return res.map((r) => ({
    reportId: Number(r.id),
    departmentId: Number(r.department_id),
    department: r.department,
    year: Number(r.year),
    scope: r.scope,
    synthetic: Boolean(r.synthetic),
    completeness: r.completeness,
    figures: asFigures(r.figs),
  }));
}
