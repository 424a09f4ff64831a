import "server-only";
import { sql } from "drizzle-orm";
import { gradeFromScore } from "@/lib/metrics/dashboard";
import { ratePct } from "@/lib/metrics/stats";
import { D } from "@/lib/money/decimal";
import { chosenReports } from "./dashboard-scope";
import { rows } from "./sql";

export type PerformanceFilter = { year: number; synthetic: boolean; dept?: number; maxRate: number };

export type Indicator = {
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
  id: number; department_id: number; department: string; synthetic: boolean; name: string; implementing_unit: string | null;
  initial: string | null; annual: string | null; executed: string | null; rate: string | null; score: string | null; grade: string | null;
  summary_budget: string | null; summary_score: string | null; source_line: number | null; ord: number; indicator_count: number;
};
type IndicatorRow = {
  project_id: number; level1: string; level2: string | null; level3: string | null; target: string | null; actual: string | null;
  weight: string | null; score: string | null; deviation: string | null; source_line: number | null;
};

// Only projects of the reports the filter chooses: a project id from another year or scope finds nothing.
const onlyProject = (projectId?: number) => (projectId === undefined ? sql`` : sql` and p.id = ${projectId}`);

const projectRows = (f: PerformanceFilter, projectId?: number) =>
  rows<ProjectRow>(sql`
    with rep as (${chosenReports(f)})
    select p.id::int as id, rep.department_id::int as department_id, rep.department, rep.synthetic, p.name, p.implementing_unit,
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

function toProject(p: ProjectRow, f: PerformanceFilter, indicators: Indicator[]): PerformanceProject & { ord: number } {
  const stated = opt(p.rate);
  const rate = stated ?? ratePct(p.executed, p.annual);
  const score = opt(p.score) ?? opt(p.summary_score);
  const grade = opt(p.grade) ?? gradeFromScore(score);
  const lowRate = rate !== undefined && new D(rate).lt(f.maxRate);
  return {
    id: Number(p.id),
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
      level1: i.level1, level2: opt(i.level2), level3: opt(i.level3), target: opt(i.target), actual: opt(i.actual),
      weight: opt(i.weight), score: opt(i.score), deviation: opt(i.deviation), sourceLine: i.source_line === null ? undefined : Number(i.source_line),
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
export async function getPerformanceProjects(f: PerformanceFilter, opts: { indicators?: boolean } = {}): Promise<PerformanceProjects> {
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
export async function getPerformanceProject(f: PerformanceFilter, projectId: number): Promise<PerformanceProject | undefined> {
  const [res, inds] = await Promise.all([projectRows(f, projectId), indicatorRows(f, projectId)]);
  if (res.length === 0) return undefined;
  const { ord: _o, ...project } = toProject(res[0], f, groupIndicators(inds).get(projectId) ?? []);
  return project;
}
