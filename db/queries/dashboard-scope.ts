import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { anyOf, rows } from "./sql";

export type Scope = { year?: number; synthetic: boolean; dept?: number; depts?: number[] };

/**
 * The one rule for "counted in totals": true for a 单位决算 that a 部门决算 of the same year already contains — its
 * own department's (the 部门's 本级 unit: "…（本级）" loads into the 部门's department) or that of a 部门 that lists
 * it as a unit (department_units, from 单位构成 or a user's assignment). Summing such a report beside its 部门决算
 * would count the unit twice. `r` is a reports row, `d` its departments row; only reports within the same synthetic
 * filter count as containing it, so a view never drops a unit for a 部门决算 it does not show.
 */
export function consolidatedInParent(r: string, d: string, includeSynthetic: boolean): SQL {
  const R = sql.raw(r);
  const parentReport = (department: SQL) => sql`select 1 from reports pr
      where pr.department_id = ${department} and pr.year = ${R}.year and pr.scope = '部门决算' and pr.is_latest
        ${includeSynthetic ? sql`` : sql`and not pr.synthetic`}`;
  // two probes of reports_one_latest_idx rather than one "department in (…) or …" test, which no index serves
  return sql`(${R}.scope = '单位决算' and (
    exists (${parentReport(sql`${R}.department_id`)})
    or exists (select 1 from department_units l where l.unit_key = ${sql.raw(d)}.org_key and exists (${parentReport(sql`l.parent_id`)}))))`;
}

/**
 * The reports a comparison reads: the latest revision, one per department and year, counted in totals
 * (consolidatedInParent): a department that publishes both a 部门决算 and a 单位决算 is read through its 部门决算,
 * and a unit whose 部门 published a 部门决算 that year is read through that. A view of one department (`dept`) reads
 * it whatever its 部门 published. Columns: id, department_id, department, year, scope, synthetic, completeness.
 */
export function chosenReports(s: Scope): SQL {
  const depts = s.depts?.filter((d) => Number.isInteger(d)) ?? [];
  return sql`
    select distinct on (r.department_id, r.year) r.id, r.department_id, d.name as department, r.year, r.scope, r.synthetic, r.completeness
    from reports r join departments d on d.id = r.department_id
    where r.is_latest
      ${s.dept ? sql`` : sql`and not ${consolidatedInParent("r", "d", s.synthetic)}`}
      ${s.year !== undefined ? sql`and r.year = ${s.year}` : sql``}
      ${s.synthetic ? sql`` : sql`and not r.synthetic`}
      ${s.dept ? sql`and r.department_id = ${s.dept}` : sql``}
      ${depts.length ? sql`and r.department_id = ${anyOf(depts.map(Math.trunc), "int")}` : sql``}
    order by r.department_id, r.year, case r.scope when '部门决算' then 0 else 1 end, r.id`;
}

/** The report's headline figures as one jsonb object (absent keys stay absent), from its summary row. */
export function figuresObject(reportAlias: string): SQL {
  return sql`coalesce((select s.figures from report_summaries s where s.report_id = ${sql.raw(reportAlias)}.id), '{}'::jsonb)`;
}

export type FigureMap = Record<string, string | undefined>;

/** jsonb arrives parsed from postgres.js and PGlite alike, but a text fallback costs nothing. */
function asFigures(v: unknown): FigureMap {
  if (v === null || v === undefined) return {};
  return (typeof v === "string" ? JSON.parse(v) : v) as FigureMap;
}

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
    id: number;
    department_id: number;
    department: string;
    year: number;
    scope: string;
    synthetic: boolean;
    completeness: string | null;
    figs: unknown;
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
