import "server-only";
import { sql } from "drizzle-orm";
import { rows } from "./sql";

/**
 * 2–4 departments side by side across the years they published: the headline figures of each year's latest report
 * (a 部门决算 before a 单位决算 of the same department and year), from the figures written at load time.
 */
export const COMPARE_KEYS = [
  "expenditureTotal",
  "basicExpenditure",
  "projectExpenditure",
  "gpbExecutionRate",
  "sangongFinal",
  "procurementSmeShare",
  "operatingCost",
] as const;
export type CompareKey = (typeof COMPARE_KEYS)[number];

export type CompareDepartment = {
  departmentId: number;
  department: string;
  synthetic: boolean;
  years: { year: number; scope: string; reportId: number; figures: Partial<Record<CompareKey, string>> }[];
};

export async function getComparison(ids: number[]): Promise<CompareDepartment[]> {
  if (ids.length === 0) return [];
  const r = await rows<{
    department_id: number;
    department: string;
    synthetic: boolean;
    year: number;
    scope: string;
    report_id: number;
    key: string | null;
    value: string | null;
  }>(sql`
    with latest as (
      select distinct on (r.department_id, r.year) r.id, r.department_id, r.year, r.scope, r.synthetic
        from reports r where r.is_latest and r.department_id = any(${`{${ids.join(",")}}`}::int[])
       order by r.department_id, r.year, (r.scope = '部门决算') desc
    )
    select l.department_id::int as department_id, d.name as department, l.synthetic, l.year::int as year, l.scope, l.id::int as report_id,
           f.key, trim_scale(f.value)::text as value
      from latest l join departments d on d.id = l.department_id
      left join figures f on f.report_id = l.id and f.key = any(${`{${COMPARE_KEYS.join(",")}}`}::text[])
     order by l.year`);
  const out = new Map<number, CompareDepartment>();
  for (const x of r) {
    const id = Number(x.department_id);
    const d = out.get(id) ?? { departmentId: id, department: x.department, synthetic: Boolean(x.synthetic), years: [] };
    let y = d.years.find((v) => v.year === Number(x.year));
    if (!y) {
      y = { year: Number(x.year), scope: x.scope, reportId: Number(x.report_id), figures: {} };
      d.years.push(y);
    }
    if (x.key && x.value !== null) y.figures[x.key as CompareKey] = x.value;
    out.set(id, d);
  }
  // in the order asked
  return ids.map((id) => out.get(id)).filter((d): d is CompareDepartment => d !== undefined);
}

export type SearchHit = {
  kind: "department" | "project";
  departmentId: number;
  department: string;
  name: string;
  year: number | null;
  synthetic: boolean;
};

/** Departments whose name, and 绩效 projects whose name, contains the words typed; real documents first. */
export async function searchEverything(q: string, synthetic: boolean, limit = 30): Promise<SearchHit[]> {
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const r = await rows<{
    kind: "department" | "project";
    department_id: number;
    department: string;
    name: string;
    year: number | null;
    synthetic: boolean;
  }>(sql`
    (select 'department' as kind, d.id::int as department_id, d.name as department, d.name, max(r.year)::int as year, bool_and(r.synthetic) as synthetic
       from departments d join reports r on r.department_id = d.id and r.is_latest
      where d.name ilike ${like} and (${synthetic} or not r.synthetic)
      group by d.id, d.name order by bool_and(r.synthetic), d.name limit ${limit})
    union all
    -- a department known only by its budgets (the spring's documents come before its 决算)
    (select 'department', d.id::int, d.name, d.name, max(b.year)::int, false
       from departments d join budgets b on b.department_id = d.id and b.is_latest
      where d.name ilike ${like} and not exists (select 1 from reports r where r.department_id = d.id and r.is_latest)
      group by d.id, d.name order by d.name limit ${limit})
    union all
    (select 'project', r.department_id::int, d.name, p.name, r.year::int, r.synthetic
       from performance_projects p join reports r on r.id = p.report_id and r.is_latest join departments d on d.id = r.department_id
      where p.name ilike ${like} and (${synthetic} or not r.synthetic)
      order by r.synthetic, r.year desc, p.name limit ${limit})`);
  return r.map((x) => ({
    kind: x.kind,
    departmentId: Number(x.department_id),
    department: x.department,
    name: x.name,
    year: x.year === null ? null : Number(x.year),
    synthetic: Boolean(x.synthetic),
  }));
}
