import "server-only";
import { sql } from "drizzle-orm";
import type { Location } from "@/lib/audit/types";
import type { Report } from "@/lib/report/schema";
import { median } from "@/lib/metrics/stats";
import { rows } from "./sql";

export type DepartmentListRow = {
  departmentId: number;
  department: string;
  synthetic: boolean;
  years: number[];
  latestYear: number;
  expenditureTotal: string | null;
  errors: number;
  completeness: string | null;
};

export async function getDepartmentList(includeSynthetic: boolean): Promise<DepartmentListRow[]> {
  const r = await rows<{
    department_id: number; department: string; synthetic: boolean; years: number[] | string; latest_year: number;
    expenditure_total: string | null; errors: number; completeness: string | null;
  }>(sql`
    with latest as (
      select r.*, row_number() over (partition by r.department_id order by r.year desc, r.scope) as rn
      from reports r where r.is_latest ${includeSynthetic ? sql`` : sql`and not r.synthetic`}
    )
    select d.id::int as department_id, d.name as department, bool_or(l.synthetic) as synthetic,
           array_agg(distinct l.year order by l.year) as years, max(l.year)::int as latest_year,
           max(f.value::text) filter (where l.rn = 1) as expenditure_total,
           (select count(*)::int from findings x where x.report_id = max(l.id) filter (where l.rn = 1) and x.severity = 'error') as errors,
           max(l.completeness::text) filter (where l.rn = 1) as completeness
    from latest l join departments d on d.id = l.department_id
    left join figures f on f.report_id = l.id and f.key = 'expenditureTotal' and l.rn = 1
    group by d.id, d.name order by bool_or(l.synthetic), d.name`);
  return r.map((x) => ({
    departmentId: Number(x.department_id),
    department: x.department,
    synthetic: Boolean(x.synthetic),
    years: (typeof x.years === "string" ? x.years.replace(/[{}]/g, "").split(",") : x.years).map(Number),
    latestYear: Number(x.latest_year),
    expenditureTotal: x.expenditure_total,
    errors: Number(x.errors),
    completeness: x.completeness,
  }));
}

export type FindingRow = {
  id: number;
  rule: string;
  severity: "error" | "warning" | "rounding";
  message: string;
  expected: string | null;
  found: string | null;
  locations: Location[];
};

export type DepartmentReport = {
  departmentId: number;
  department: string;
  years: number[];
  year: number;
  scope: string;
  revision: number;
  revisions: { revision: number; loadedAt: string; isLatest: boolean; sourceFile: string; sha256: string }[];
  synthetic: boolean;
  completeness: string | null;
  report: Report;
  figures: Record<string, string>;
  /** the same figures in the stored previous year, when there is one */
  priorFigures: Record<string, string> | null;
  /** peer medians of the same year (latest reports of other departments) */
  peerMedians: Record<string, string | undefined>;
  peerCount: number;
  findings: FindingRow[];
};

export async function getDepartmentReport(departmentId: number, year?: number, revision?: number): Promise<DepartmentReport | null> {
  const meta = await rows<{ id: number; name: string; years: number[] | string }>(sql`
    select d.id::int as id, d.name, coalesce(array_agg(distinct r.year order by r.year desc) filter (where r.id is not null), '{}') as years
    from departments d left join reports r on r.department_id = d.id and r.is_latest
    where d.id = ${departmentId} group by d.id, d.name`);
  if (meta.length === 0) return null;
  const years = (typeof meta[0].years === "string" ? meta[0].years.replace(/[{}]/g, "").split(",").filter(Boolean) : meta[0].years).map(Number);
  const y = year !== undefined && years.includes(year) ? year : years[0];
  if (y === undefined) return null;

  const revs = await rows<{ id: number; revision: number; loaded_at: string | Date; is_latest: boolean; source_file: string; sha: string; scope: string }>(sql`
    select id::int as id, revision::int as revision, loaded_at, is_latest, source_file, content_sha256 as sha, scope
    from reports where department_id = ${departmentId} and year = ${y} order by scope, revision desc`);
  const chosen = revs.find((r) => (revision ? r.revision === revision : r.is_latest)) ?? revs.find((r) => r.is_latest) ?? revs[0];
  if (!chosen) return null;

  const [rep] = await rows<{ report: Report | string; synthetic: boolean; completeness: string | null }>(sql`
    select report, synthetic, completeness::text as completeness from reports where id = ${chosen.id}`);
  const report = (typeof rep.report === "string" ? JSON.parse(rep.report) : rep.report) as Report;

  const figs = await rows<{ key: string; value: string }>(sql`select key, value::text as value from figures where report_id = ${chosen.id}`);
  const figures = Object.fromEntries(figs.map((f) => [f.key, f.value]));

  const prior = await rows<{ key: string; value: string }>(sql`
    select f.key, f.value::text as value from reports r join figures f on f.report_id = r.id
    where r.department_id = ${departmentId} and r.year = ${y - 1} and r.scope = ${chosen.scope} and r.is_latest`);
  const priorFigures = prior.length ? Object.fromEntries(prior.map((f) => [f.key, f.value])) : null;

  const peers = await rows<{ key: string; value: string; report_id: number }>(sql`
    select f.key, f.value::text as value, r.id::int as report_id from reports r join figures f on f.report_id = r.id
    where r.year = ${y} and r.is_latest and r.department_id <> ${departmentId}
      and r.synthetic = ${Boolean(rep.synthetic)}`);
  const byKey = new Map<string, string[]>();
  for (const p of peers) byKey.set(p.key, [...(byKey.get(p.key) ?? []), p.value]);
  const peerMedians = Object.fromEntries([...byKey].map(([k, v]) => [k, median(v)]));
  const peerCount = new Set(peers.map((p) => p.report_id)).size;

  const fs = await rows<{ id: number; rule: string; severity: FindingRow["severity"]; message: string; expected: string | null; found: string | null; locations: Location[] | string }>(sql`
    select id::int as id, rule, severity, message, expected, found, locations from findings where report_id = ${chosen.id}
    order by case severity when 'error' then 0 when 'warning' then 1 else 2 end, rule, id`);

  return {
    departmentId,
    department: meta[0].name,
    years,
    year: y,
    scope: chosen.scope,
    revision: chosen.revision,
    revisions: revs
      .filter((r) => r.scope === chosen.scope)
      .map((r) => ({ revision: Number(r.revision), loadedAt: new Date(r.loaded_at).toISOString(), isLatest: r.is_latest, sourceFile: r.source_file, sha256: r.sha })),
    synthetic: Boolean(rep.synthetic),
    completeness: rep.completeness,
    report,
    figures,
    priorFigures,
    peerMedians,
    peerCount,
    findings: fs.map((f) => ({ ...f, id: Number(f.id), locations: typeof f.locations === "string" ? JSON.parse(f.locations) : f.locations })),
  };
}
