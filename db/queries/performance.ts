import "server-only";
import { sql } from "drizzle-orm";
import { gradeFromScore } from "@/lib/metrics/dashboard";
import { ratePct } from "@/lib/metrics/stats";
import { D } from "@/lib/money/decimal";
import { chosenReports } from "./dashboard-scope";
import { rows } from "./sql";

export type PerformanceFilter = { year: number; synthetic: boolean; dept?: number; maxRate: number };

type Indicator = {
  level1: string;
  level2?: string;
  level3?: string;
  target?: string;
  actual?: string;
  weight?: string;
  score?: string;
  deviation?: string;
  sourceLine?: number;
};

export type PerformanceProject = {
  id: number;
  /** the report whose 绩效自评表 this is, and which sheet of it (from 1): its original shows the sheet */
  reportId: number;
  sheet: number;
  departmentId: number;
  department: string;
  synthetic: boolean;
  name: string;
  implementingUnit?: string;
  /** 年初预算数, 全年预算数 (A), 全年执行数 (B), 万元 */
  initial?: string;
  annual?: string;
  executed?: string;
  /** B ÷ A × 100: as printed on the sheet, else recomputed */
  rate?: string;
  rateStated: boolean;
  score?: string;
  /** from 绩效自评汇总表; derived from the score when the summary gives none */
  grade?: string;
  gradeDerived: boolean;
  summaryBudget?: string;
  summaryScore?: string;
  sourceLine?: number;
  /** graded 优 while executing less than maxRate of its budget */
  flagged: boolean;
  /** executed less than maxRate (graded 优 or not) */
  lowRate: boolean;
  /** indicators on the sheet, also when `indicators` was not fetched */
  indicatorCount: number;
  indicators: Indicator[];
};

export type PerformanceProjects = {
  projects: PerformanceProject[];
  /** rows of 绩效自评汇总表 without a 自评表: named, but with no execution figures to compare */
  summaryOnly: number;
};

const opt = (v: string | null | undefined) => (v === null || v === undefined || v === "" ? undefined : v);

type ProjectRow = {
  id: number;
  report_id: number;
  department_id: number;
  department: string;
  synthetic: boolean;
  name: string;
  implementing_unit: string | null;
  initial: string | null;
  annual: string | null;
  executed: string | null;
  rate: string | null;
  score: string | null;
  grade: string | null;
  summary_budget: string | null;
  summary_score: string | null;
  source_line: number | null;
  ord: number;
  indicator_count: number;
};
type IndicatorRow = {
  project_id: number;
  level1: string;
  level2: string | null;
  level3: string | null;
  target: string | null;
  actual: string | null;
  weight: string | null;
  score: string | null;
  deviation: string | null;
  source_line: number | null;
};

// Only projects of the reports the filter chooses: a project id from another year or scope finds nothing.
const onlyProject = (projectId?: number) => (projectId === undefined ? sql`` : sql` and p.id = ${projectId}`);

const projectRows = (f: PerformanceFilter, projectId?: number) =>
  rows<ProjectRow>(sql`
    with rep as (${chosenReports(f)})
    select p.id::int as id, rep.id::int as report_id, rep.department_id::int as department_id, rep.department, rep.synthetic, p.name, p.implementing_unit,
           trim_scale(p.initial)::text as initial, trim_scale(p.annual)::text as annual, trim_scale(p.executed)::text as executed,
           trim_scale(p.rate)::text as rate, trim_scale(p.total_score)::text as score, p.grade,
           trim_scale(p.summary_budget)::text as summary_budget, trim_scale(p.summary_score)::text as summary_score,
           p.source_line::int as source_line, p.ord::int as ord,
           (select count(*) from performance_indicators i where i.project_id = p.id)::int as indicator_count
    from rep join performance_projects p on p.report_id = rep.id and p.has_sheet${onlyProject(projectId)}
    order by rep.department, p.ord`);

const indicatorRows = (f: PerformanceFilter, projectId?: number) =>
  rows<IndicatorRow>(sql`
    with rep as (${chosenReports(f)})
    select i.project_id::int as project_id, i.level1, i.level2, i.level3, i.target, i.actual,
           trim_scale(i.weight)::text as weight, trim_scale(i.score)::text as score, i.deviation, i.source_line::int as source_line
    from rep join performance_projects p on p.report_id = rep.id and p.has_sheet${onlyProject(projectId)}
    join performance_indicators i on i.project_id = p.id
    order by i.project_id, i.ord`);

function toProject(
  p: ProjectRow,
  f: Pick<PerformanceFilter, "maxRate">,
  indicators: Indicator[],
): PerformanceProject & { ord: number } {
  const stated = opt(p.rate);
  const rate = stated ?? ratePct(p.executed, p.annual);
  const score = opt(p.score) ?? opt(p.summary_score);
  const grade = opt(p.grade) ?? gradeFromScore(score);
  const lowRate = rate !== undefined && new D(rate).lt(f.maxRate);
  return {
    id: Number(p.id),
    reportId: Number(p.report_id),
    sheet: Number(p.ord),
    ord: Number(p.ord),
    departmentId: Number(p.department_id),
    department: p.department,
    synthetic: Boolean(p.synthetic),
    name: p.name,
    implementingUnit: opt(p.implementing_unit),
    initial: opt(p.initial),
    annual: opt(p.annual),
    executed: opt(p.executed),
    rate,
    rateStated: stated !== undefined,
    score,
    grade,
    gradeDerived: opt(p.grade) === undefined && grade !== undefined,
    summaryBudget: opt(p.summary_budget),
    summaryScore: opt(p.summary_score),
    sourceLine: p.source_line === null ? undefined : Number(p.source_line),
    flagged: lowRate && grade === "优",
    lowRate,
    indicatorCount: Number(p.indicator_count),
    indicators,
  };
}

function groupIndicators(inds: IndicatorRow[]): Map<number, Indicator[]> {
  const byProject = new Map<number, Indicator[]>();
  for (const i of inds) {
    const list = byProject.get(Number(i.project_id)) ?? [];
    list.push({
      level1: i.level1,
      level2: opt(i.level2),
      level3: opt(i.level3),
      target: opt(i.target),
      actual: opt(i.actual),
      weight: opt(i.weight),
      score: opt(i.score),
      deviation: opt(i.deviation),
      sourceLine: i.source_line === null ? undefined : Number(i.source_line),
    });
    byProject.set(Number(i.project_id), list);
  }
  return byProject;
}

/**
 * Every project with a 绩效自评表; 优 with low execution first, then by execution rate, lowest first.
 * `indicators: false` leaves each project's indicator list empty (its count stays): a city-wide list needs the
 * projects, not their thousands of indicators.
 */
export async function getPerformanceProjects(
  f: PerformanceFilter,
  opts: { indicators?: boolean } = {},
): Promise<PerformanceProjects> {
  const withIndicators = opts.indicators ?? true;
  const [res, inds, other] = await Promise.all([
    projectRows(f),
    withIndicators ? indicatorRows(f) : Promise.resolve([]),
    rows<{ n: number }>(sql`
      with rep as (${chosenReports(f)})
      select count(*)::int as n from rep join performance_projects p on p.report_id = rep.id and not p.has_sheet`),
  ]);
  const byProject = groupIndicators(inds);
  const projects = res.map((p) => toProject(p, f, byProject.get(Number(p.id)) ?? []));
  projects.sort((a, b) => {
    if (a.flagged !== b.flagged) return a.flagged ? -1 : 1;
    if ((a.rate === undefined) !== (b.rate === undefined)) return a.rate === undefined ? 1 : -1;
    const byRate = a.rate !== undefined && b.rate !== undefined ? new D(a.rate).cmp(b.rate) : 0;
    return byRate || a.department.localeCompare(b.department, "zh") || a.ord - b.ord;
  });
  return { projects: projects.map(({ ord: _o, ...p }) => p), summaryOnly: Number(other[0]?.n ?? 0) };
}

/** One project of the filter's reports with all its indicators, or undefined when the filter does not reach it. */
export async function getPerformanceProject(
  f: PerformanceFilter,
  projectId: number,
): Promise<PerformanceProject | undefined> {
  const [res, inds] = await Promise.all([projectRows(f, projectId), indicatorRows(f, projectId)]);
  if (res.length === 0) return undefined;
  const { ord: _o, ...project } = toProject(res[0], f, groupIndicators(inds).get(projectId) ?? []);
  return project;
}

/**
 * The projects with a 绩效自评表 of one report (the revision a department pack shows), in the document's order, with
 * their indicators: the same stored pairing of sheet and summary row, and the same grade, as the 绩效 page reads.
 */
export async function getReportProjects(reportId: number, maxRate: number): Promise<PerformanceProject[]> {
  const [res, inds] = await Promise.all([
    rows<ProjectRow>(sql`
      select p.id::int as id, p.report_id::int as report_id, r.department_id::int as department_id, d.name as department, r.synthetic, p.name, p.implementing_unit,
             trim_scale(p.initial)::text as initial, trim_scale(p.annual)::text as annual, trim_scale(p.executed)::text as executed,
             trim_scale(p.rate)::text as rate, trim_scale(p.total_score)::text as score, p.grade,
             trim_scale(p.summary_budget)::text as summary_budget, trim_scale(p.summary_score)::text as summary_score,
             p.source_line::int as source_line, p.ord::int as ord,
             (select count(*) from performance_indicators i where i.project_id = p.id)::int as indicator_count
      from performance_projects p join reports r on r.id = p.report_id join departments d on d.id = r.department_id
      where p.report_id = ${reportId} and p.has_sheet order by p.ord`),
    rows<IndicatorRow>(sql`
      select i.project_id::int as project_id, i.level1, i.level2, i.level3, i.target, i.actual,
             trim_scale(i.weight)::text as weight, trim_scale(i.score)::text as score, i.deviation, i.source_line::int as source_line
      from performance_projects p join performance_indicators i on i.project_id = p.id
      where p.report_id = ${reportId} and p.has_sheet order by i.project_id, i.ord`),
  ]);
  const byProject = groupIndicators(inds);
  return res.map((p) => {
    const { ord: _o, ...project } = toProject(p, { maxRate }, byProject.get(Number(p.id)) ?? []);
    return project;
  });
}

/** Execution rate (percent) as the list shows it: printed on the sheet, else B ÷ A × 100 half-up to 2 places. */
const rateSql = sql`coalesce(p.rate, case when p.annual is null or p.executed is null or p.annual = 0 then null else round(p.executed * 100 / p.annual, 2) end)`;
const scoreSql = sql`coalesce(p.total_score, p.summary_score)`;
/** The grade of the summary table, else derived from the score (as lib/metrics/dashboard gradeFromScore). */
const gradeSql = sql`coalesce(nullif(p.grade, ''), case when ${scoreSql} is null then null when ${scoreSql} >= 90 then '优' when ${scoreSql} >= 80 then '良'
  when ${scoreSql} >= 60 then '中' else '差' end)`;

/** Projects with a sheet of the filter's reports, with the rate, grade and flags the list orders by (as toProject). */
const classified = (f: PerformanceFilter) => sql`
  with rep as (${chosenReports(f)}),
  q as (
    select p.id, p.report_id, p.ord, p.name, p.implementing_unit, p.initial, p.annual, p.executed, p.rate, p.total_score, p.grade, p.summary_budget,
           p.summary_score, p.source_line, rep.department_id, rep.department, rep.synthetic as rep_synthetic, ${rateSql} as rate_n, ${scoreSql} as score_n, ${gradeSql} as grade_n
    from rep join performance_projects p on p.report_id = rep.id and p.has_sheet
  ),
  c as (select q.*, coalesce(q.rate_n < ${f.maxRate}, false) as low_rate, coalesce(q.rate_n < ${f.maxRate} and q.grade_n = '优', false) as flagged from q)`;

/** Upper edges of the execution-rate bands of the chart; the user's threshold is always an edge. */
export function performanceRateEdges(maxRate: number): number[] {
  return [...new Set([20, 40, 60, 80, 100, maxRate].filter((e) => e > 0))].sort((a, b) => a - b);
}

export type PerformanceSummary = {
  /** projects with a sheet */
  total: number;
  flagged: number;
  /** executed less than maxRate but not graded 优 */
  low: number;
  /** with both a rate and a score */
  plotted: number;
  summaryOnly: number;
  /** projects per execution-rate band (edges from performanceRateEdges) and grade; `band` -1 = no rate */
  bands: { band: number; grade?: string; count: number }[];
};

/** Counts of the whole list (whatever its size) and the rate-band × grade distribution, in the database. */
export async function getPerformanceSummary(f: PerformanceFilter): Promise<PerformanceSummary> {
  const edges = performanceRateEdges(f.maxRate);
  const [res, other] = await Promise.all([
    rows<{
      band: number | null;
      grade: string | null;
      flagged: boolean;
      low_rate: boolean;
      has_score: boolean;
      n: number;
    }>(sql`
      ${classified(f)}
      select width_bucket(c.rate_n, ${sql.raw(`array[${edges.join(",")}]::numeric[]`)})::int as band, c.grade_n as grade, c.flagged, c.low_rate,
             (c.rate_n is not null and c.score_n is not null) as has_score, count(*)::int as n
      from c group by 1, 2, 3, 4, 5`),
    rows<{ n: number }>(sql`
      with rep as (${chosenReports(f)})
      select count(*)::int as n from rep join performance_projects p on p.report_id = rep.id and not p.has_sheet`),
  ]);
  const sum = (pick: (r: (typeof res)[number]) => boolean) => res.filter(pick).reduce((a, r) => a + Number(r.n), 0);
  const bands = new Map<string, { band: number; grade?: string; count: number }>();
  for (const r of res) {
    const band = r.band === null ? -1 : Number(r.band);
    const k = `${band}|${r.grade ?? ""}`;
    const e = bands.get(k) ?? { band, grade: r.grade ?? undefined, count: 0 };
    e.count += Number(r.n);
    bands.set(k, e);
  }
  return {
    total: sum(() => true),
    flagged: sum((r) => r.flagged),
    low: sum((r) => r.low_rate && !r.flagged),
    plotted: sum((r) => r.has_score),
    summaryOnly: Number(other[0]?.n ?? 0),
    bands: [...bands.values()].sort((a, b) => a.band - b.band || (a.grade ?? "").localeCompare(b.grade ?? "")),
  };
}

/**
 * One page of the project list in the order of getPerformanceProjects (优 with low execution first, then by
 * execution rate, lowest first), ordered and cut in the database. `indicators` fetches the page's indicators.
 */
export async function getPerformancePage(
  f: PerformanceFilter,
  opts: { offset: number; limit: number; indicators?: boolean },
): Promise<PerformanceProject[]> {
  const res = await rows<ProjectRow>(sql`
    ${classified(f)},
    pg as (
    select c.id::int as id, c.report_id::int as report_id, c.department_id::int as department_id, c.department, c.rep_synthetic as synthetic, c.name, c.implementing_unit,
           trim_scale(c.initial)::text as initial, trim_scale(c.annual)::text as annual, trim_scale(c.executed)::text as executed,
           trim_scale(c.rate)::text as rate, trim_scale(c.total_score)::text as score, c.grade,
           trim_scale(c.summary_budget)::text as summary_budget, trim_scale(c.summary_score)::text as summary_score,
           c.source_line::int as source_line, c.ord::int as ord, c.flagged, c.rate_n
    from c
    order by c.flagged desc, c.rate_n asc nulls last, c.department, c.ord, c.id
    limit ${opts.limit} offset ${opts.offset}
    )
    -- indicators counted for the page's rows only, not for every row the offset skips
    select pg.*, (select count(*) from performance_indicators i where i.project_id = pg.id)::int as indicator_count
    from pg order by pg.flagged desc, pg.rate_n asc nulls last, pg.department, pg.ord, pg.id`);
  const ids = res.map((p) => Number(p.id));
  const inds =
    opts.indicators && ids.length
      ? await rows<IndicatorRow>(sql`
        select i.project_id::int as project_id, i.level1, i.level2, i.level3, i.target, i.actual,
               trim_scale(i.weight)::text as weight, trim_scale(i.score)::text as score, i.deviation, i.source_line::int as source_line
        from performance_indicators i where i.project_id in ${sql.raw(`(${ids.join(",")})`)}
        order by i.project_id, i.ord`)
      : [];
  const byProject = groupIndicators(inds);
  return res.map((p) => {
    const { ord: _o, ...project } = toProject(p, f, byProject.get(Number(p.id)) ?? []);
    return project;
  });
}
