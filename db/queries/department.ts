import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Location } from "@/lib/audit/types";
import type { Report } from "@/lib/report/schema";
import { medianWindow, medianWithout } from "@/lib/metrics/median-without";
import { PEER_GROUP } from "@/lib/metrics/policy";
import { getReadDb } from "../client";
import { readDataVersion } from "../data-version";
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
    department_id: number;
    department: string;
    synthetic: boolean;
    years: number[] | string;
    latest_year: number;
    expenditure_total: string | null;
    errors: number;
    completeness: string | null;
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

export type DepartmentSort = "expenditure" | "errors" | "completeness" | "name";

const DEPARTMENT_ORDER: Record<DepartmentSort, string> = {
  expenditure: "synthetic, expenditure_total desc nulls last, department, department_id",
  errors: "synthetic, errors desc, department, department_id",
  completeness: "synthetic, completeness asc nulls first, department, department_id",
  name: "synthetic, department, department_id",
};

/** `q` as an ILIKE pattern that matches the text literally anywhere in the name. */
function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * One page of the department list, in the database: the latest report of each department (its 本年支出合计, errors and
 * completeness decide the order), optionally only names containing `q`; real departments before synthetic ones.
 * `total` counts every department that matches.
 */
export async function getDepartmentPage(opts: {
  synthetic: boolean;
  q?: string;
  sort?: DepartmentSort;
  offset?: number;
  limit?: number;
}): Promise<{ total: number; rows: DepartmentListRow[] }> {
  const synth = opts.synthetic ? sql`` : sql`and not r.synthetic`;
  const order = sql.raw(DEPARTMENT_ORDER[opts.sort ?? "expenditure"]);
  const res = await rows<{
    total: number;
    department_id: number | null;
    department: string | null;
    synthetic: boolean | null;
    years: number[] | string | null;
    latest_year: number | null;
    expenditure_total: string | null;
    errors: number | null;
    completeness: string | null;
  }>(sql`
    with l as (
      select d.id as department_id, d.name as department, lr.id as report_id, lr.year, lr.synthetic, lr.completeness
      from departments d cross join lateral (
        select r.id, r.year, r.synthetic, r.completeness from reports r
        where r.department_id = d.id and r.is_latest ${synth}
        order by r.year desc, r.scope limit 1
      ) lr
      ${opts.q ? sql`where d.name ilike ${containsPattern(opts.q)}` : sql``}
    ),
    k as (
      select l.*, ex.value as expenditure_total,
             (select count(*) from findings x where x.report_id = l.report_id and x.severity = 'error') as errors
      from l left join figures ex on ex.report_id = l.report_id and ex.key = 'expenditureTotal'
    ),
    pg as (
      select k.*, row_number() over (order by ${order}) as pos from k
      order by ${order}
      limit ${opts.limit ?? 50} offset ${opts.offset ?? 0}
    )
    select c.total::int as total, pg.department_id::int as department_id, pg.department,
           ys.synthetic, ys.years, pg.year::int as latest_year, pg.expenditure_total::text as expenditure_total,
           pg.errors::int as errors, pg.completeness::text as completeness
    from (select count(*) as total from l) c
    left join pg on true
    left join lateral (
      select bool_or(r.synthetic) as synthetic, array_agg(distinct r.year order by r.year) as years
      from reports r where r.department_id = pg.department_id and r.is_latest ${synth}
    ) ys on pg.department_id is not null
    order by pg.pos`);
  const total = Number(res[0]?.total ?? 0);
  return {
    total,
    rows: res
      .filter((x) => x.department_id !== null)
      .map((x) => ({
        departmentId: Number(x.department_id),
        department: x.department!,
        synthetic: Boolean(x.synthetic),
        years: (typeof x.years === "string" ? x.years.replace(/[{}]/g, "").split(",") : (x.years ?? [])).map(Number),
        latestYear: Number(x.latest_year),
        expenditureTotal: x.expenditure_total,
        errors: Number(x.errors),
        completeness: x.completeness,
      })),
  };
}

/** A department's name, whether or not the store holds a 决算 of it (a department known only by its budgets); null when unknown. */
export async function getDepartmentName(departmentId: number): Promise<string | null> {
  const r = await rows<{ name: string }>(sql`select name from departments where id = ${departmentId}`);
  return r[0]?.name ?? null;
}

type FindingRow = {
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
  /** the revision shown, and whether the store keeps its original file (then its figures link to /reports/<id>/source) */
  reportId: number;
  hasDocument: boolean;
  completeness: string | null;
  report: Report;
  figures: Record<string, string>;
  /** the same figures in the stored previous year, when there is one */
  priorFigures: Record<string, string> | null;
  /**
   * peer medians of the same year: the other departments of the same scope and size band (PEER_GROUP), latest
   * reports; a key's median is given only when at least PEER_GROUP.minPeers of them state it
   */
  peerMedians: Record<string, string | undefined>;
  /** per key, how many peers state it (the median's base, also when too few for a median) */
  peerCounts: Record<string, number>;
  /** reports of the peer group with figures, less this department's own */
  peerCount: number;
  findings: FindingRow[];
  /** the store's data version when the pack was read (db/data-version.ts): a printed pack says which data it shows */
  dataVersion: string;
};

/** The figures the review pack compares with the peer median (its indicator cards). */
export const PEER_MEDIAN_KEYS = [
  "expenditureTotal",
  "basicExpenditure",
  "projectExpenditure",
  "gpbExecutionRate",
  "sangongFinal",
  "procurementSmeShare",
  "operatingCost",
  "personnelCost",
] as const;

export async function getDepartmentReport(
  departmentId: number,
  year?: number,
  revision?: number,
  medianKeys: readonly string[] = PEER_MEDIAN_KEYS,
): Promise<DepartmentReport | null> {
  const meta = await rows<{ id: number; name: string; years: number[] | string }>(sql`
    select d.id::int as id, d.name, coalesce(array_agg(distinct r.year order by r.year desc) filter (where r.id is not null), '{}') as years
    from departments d left join reports r on r.department_id = d.id and r.is_latest
    where d.id = ${departmentId} group by d.id, d.name`);
  if (meta.length === 0) return null;
  const years = (
    typeof meta[0].years === "string" ? meta[0].years.replace(/[{}]/g, "").split(",").filter(Boolean) : meta[0].years
  ).map(Number);
  const y = year !== undefined && years.includes(year) ? year : years[0];
  if (y === undefined) return null;

  const revs = await rows<{
    id: number;
    revision: number;
    loaded_at: string | Date;
    is_latest: boolean;
    source_file: string;
    sha: string;
    scope: string;
    synthetic: boolean;
  }>(sql`
    select id::int as id, revision::int as revision, loaded_at, is_latest, source_file, content_sha256 as sha, scope, synthetic
    from reports where department_id = ${departmentId} and year = ${y} order by scope, revision desc`);
  const chosen =
    revs.find((r) => (revision ? r.revision === revision : r.is_latest)) ?? revs.find((r) => r.is_latest) ?? revs[0];
  if (!chosen) return null;

  // Peer medians: the other departments of the year of the same scope and size band (real beside real, synthetic
  // beside synthetic). The peer group is ranked once in the database (a few rows around the middle of each key, shared
  // by every page of the group through the statement cache); this department's own values are then taken out exactly.
  const keyList = medianKeys.filter((k) => /^[A-Za-z0-9_.:]+$/.test(k));
  const keysSql = sql.raw(`(${keyList.map((k) => `'${k}'`).join(",")})`);
  const band = (
    reportId: SQL,
  ) => sql`(select case when b.value < ${PEER_GROUP.small} then 1 when b.value <= ${PEER_GROUP.large} then 2 else 3 end
    from figures b where b.report_id = ${reportId} and b.key = 'expenditureTotal')`;
  const groupScope = sql`r.year = ${y} and r.is_latest and r.synthetic = ${Boolean(chosen.synthetic)} and r.scope = ${chosen.scope}
    and ${band(sql`r.id`)} = ${band(sql`${chosen.id}`)}`;
  const [[rep], figs, prior, group, own, fs, dataVersion] = await Promise.all([
    rows<{ report: Report | string; synthetic: boolean; completeness: string | null; has_document: boolean }>(sql`
      select report, synthetic, completeness::text as completeness,
             exists (select 1 from documents d where d.sha256 = reports.content_sha256) as has_document
      from reports where id = ${chosen.id}`),
    rows<{ key: string; value: string }>(
      sql`select key, value::text as value from figures where report_id = ${chosen.id}`,
    ),
    rows<{ key: string; value: string }>(sql`
      select f.key, f.value::text as value from reports r join figures f on f.report_id = r.id
      where r.department_id = ${departmentId} and r.year = ${y - 1} and r.scope = ${chosen.scope} and r.is_latest`),
    rows<{ key: string | null; n: number | null; window: string[] | string | null; reports: number }>(sql`
      with p as (
        select f.key, f.value, row_number() over (partition by f.key order by f.value) as i, count(*) over (partition by f.key) as n
        from reports r join figures f on f.report_id = r.id
        where ${groupScope} and f.key in ${keyList.length ? keysSql : sql.raw("('')")}
      ),
      w as (
        select key, n::int as n, json_agg(value::text order by i) as window from p
        where i between greatest(1, n / 2 - 2) and least(n, n / 2 + 3) group by key, n
      )
      select w.key, w.n, w.window,
             (select count(*)::int from reports r where ${groupScope} and exists (select 1 from figures f where f.report_id = r.id)) as reports
      from (select 1) one left join w on true`),
    rows<{ report_id: number; key: string | null; value: string | null; has_figures: boolean }>(sql`
      select r.id::int as report_id, f.key, f.value::text as value, exists (select 1 from figures x where x.report_id = r.id) as has_figures
      from reports r left join figures f on f.report_id = r.id and f.key in ${keyList.length ? keysSql : sql.raw("('')")}
      where ${groupScope} and r.department_id = ${departmentId}`),
    rows<{
      id: number;
      rule: string;
      severity: FindingRow["severity"];
      message: string;
      expected: string | null;
      found: string | null;
      locations: Location[] | string;
    }>(sql`
    select id::int as id, rule, severity, message, expected, found, locations from findings where report_id = ${chosen.id}
    order by case severity when 'error' then 0 when 'warning' then 1 else 2 end, rule, id`),
    getReadDb().then(readDataVersion),
  ]);
  const report = (typeof rep.report === "string" ? JSON.parse(rep.report) : rep.report) as Report;
  const figures = Object.fromEntries(figs.map((f) => [f.key, f.value]));
  const priorFigures = prior.length ? Object.fromEntries(prior.map((f) => [f.key, f.value])) : null;
  const peerMedians: Record<string, string | undefined> = {};
  const peerCounts: Record<string, number> = {};
  for (const g of group) {
    if (g.key === null || g.n === null || g.window === null) continue;
    const window = (typeof g.window === "string" ? JSON.parse(g.window) : g.window) as string[];
    const n = Number(g.n);
    if (window.length !== medianWindow(n).to - medianWindow(n).from + 1) continue;
    const mine = own.filter((o) => o.key === g.key && o.value !== null).map((o) => o.value!);
    peerCounts[g.key] = n - mine.length;
    if (n - mine.length < PEER_GROUP.minPeers) continue;
    const m = medianWithout(n, window, mine);
    if (m !== undefined) peerMedians[g.key] = m;
  }
  // reports of the group with figures, less this department's own (its 部门决算 and 单位决算 of the year)
  const ownReports = new Set(own.filter((o) => o.has_figures).map((o) => Number(o.report_id))).size;
  const peerCount = Math.max(0, Number(group[0]?.reports ?? 0) - ownReports);

  return {
    departmentId,
    department: meta[0].name,
    years,
    year: y,
    scope: chosen.scope,
    revision: chosen.revision,
    revisions: revs
      .filter((r) => r.scope === chosen.scope)
      .map((r) => ({
        revision: Number(r.revision),
        loadedAt: new Date(r.loaded_at).toISOString(),
        isLatest: r.is_latest,
        sourceFile: r.source_file,
        sha256: r.sha,
      })),
    synthetic: Boolean(rep.synthetic),
    reportId: Number(chosen.id),
    hasDocument: Boolean(rep.has_document),
    completeness: rep.completeness,
    report,
    figures,
    priorFigures,
    peerMedians,
    peerCounts,
    peerCount,
    findings: fs.map((f) => ({
      ...f,
      id: Number(f.id),
      locations: typeof f.locations === "string" ? JSON.parse(f.locations) : f.locations,
    })),
    dataVersion,
  };
}
