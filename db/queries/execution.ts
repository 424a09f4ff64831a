import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { executionBand, PROJECT_RATE_FLOOR, type Band } from "@/lib/metrics/policy";
import { difference, rateBins, type RateBin } from "@/lib/metrics/dashboard";
import { ratePct } from "@/lib/metrics/stats";
import { D } from "@/lib/money/decimal";
import { chosenReports } from "./dashboard-scope";
import { limitSql, medianSql, pageWindow, pivotFigures, ratePctSql, type Paged } from "./figure-columns";
import { rows } from "./sql";

export type ExecutionFilter = { year: number; synthetic: boolean; low: number; high: number; dept?: number };
type PageReq = { page?: number; pageSize: number };

export type DepartmentExecution = {
  departmentId: number;
  department: string;
  synthetic: boolean;
  scope: string;
  /** 一般公共预算财政拨款 年初预算 (情况说明) */
  initialBudget?: string;
  /** 一般公共预算财政拨款支出 决算 (公开05表合计) */
  final?: string;
  /** final ÷ initial × 100 */
  rate?: string;
  /** the completion rate the document itself states */
  statedRate?: string;
  /** final − initial */
  difference?: string;
  reason?: string;
  sourceLine?: number;
  band?: Band;
  outside: boolean;
};

const opt = (v: string | null | undefined) => (v === null || v === undefined || v === "" ? undefined : v);
/** A threshold from the URL (a finite number, parsed by zod) as a numeric literal. */
const lit = (n: number) => new D(n).toFixed();
const num = (n: number) => sql.raw(lit(n));

/** Rated (or not) departments of the scope: one row per chosen report with its three execution figures and the rate. */
function departmentRates(f: ExecutionFilter): SQL {
  return sql`
    with rep as (${chosenReports({ year: f.year, synthetic: f.synthetic, dept: f.dept })}),
    g as (${pivotFigures("rep", ["id", "department_id", "department", "synthetic", "scope"], ["initialBudgetGpb", "gpbExpenditure", "gpbExecutionRate"], f.year)}),
    x as (
      select g.*, coalesce(g."gpbExecutionRate"::text, (${sql.raw(ratePctSql(`g."gpbExpenditure"`, `g."initialBudgetGpb"`))})::text) as rate_text,
             coalesce(g."gpbExecutionRate", ${sql.raw(ratePctSql(`g."gpbExpenditure"`, `g."initialBudgetGpb"`))}) as rate
      from g)`;
}

/**
 * 年初预算 vs 决算 per department, largest deviation from 100% first; departments without the figures last.
 * Ordered and paged in the statement; the stated reason is read from the report only for the rows returned.
 */
async function executionDepartments(
  f: ExecutionFilter,
  p?: { limit: number; offset: number },
): Promise<DepartmentExecution[]> {
  const res = await rows<{
    department_id: number;
    department: string;
    synthetic: boolean;
    scope: string;
    initial: string | null;
    final: string | null;
    rate: string | null;
    stated_rate: string | null;
    reason: string | null;
    source_line: string | null;
  }>(sql`
    ${departmentRates(f)},
    page as (
      select x.*, (x.rate is null) as unrated, abs(x.rate - 100) as dev from x
      order by (x.rate is null), abs(x.rate - 100) desc, x.department, x.department_id${limitSql(p)})
    select page.department_id::int as department_id, page.department, page.synthetic, page.scope,
           page."initialBudgetGpb"::text as initial, page."gpbExpenditure"::text as final, page.rate_text as rate,
           r.report->'narrative'->'budgetExecution'->>'rate' as stated_rate,
           r.report->'narrative'->'budgetExecution'->>'reason' as reason,
           r.report->'narrative'->'budgetExecution'->>'sourceLine' as source_line
    from page join reports r on r.id = page.id
    order by page.unrated, page.dev desc, page.department, page.department_id`);
  return res.map((r): DepartmentExecution => {
    const initialBudget = opt(r.initial);
    const final = opt(r.final);
    const rate = opt(r.rate);
    return {
      departmentId: Number(r.department_id),
      department: r.department,
      synthetic: Boolean(r.synthetic),
      scope: r.scope,
      initialBudget,
      final,
      rate,
      statedRate: opt(r.stated_rate),
      difference: difference(final, initialBudget),
      reason: opt(r.reason),
      sourceLine: r.source_line ? Number(r.source_line) : undefined,
      band: executionBand(rate, f.low, f.high),
      outside: rate !== undefined && (new D(rate).lt(f.low) || new D(rate).gt(f.high)),
    };
  });
}

/** Every department of the scope (exports), largest deviation from 100% first. */
export async function getExecutionDepartments(f: ExecutionFilter): Promise<DepartmentExecution[]> {
  return executionDepartments(f);
}

/** One page of the departments, in the same order; `total` departments in scope (from getExecutionSummary). */
export async function getExecutionDepartmentsPage(
  f: ExecutionFilter,
  req: PageReq,
  total: number,
): Promise<Paged<DepartmentExecution>> {
  const { page, offset } = pageWindow(req.page, total, req.pageSize);
  return { rows: await executionDepartments(f, { limit: req.pageSize, offset }), total, page, pageSize: req.pageSize };
}

export type ExecutionItem = {
  departmentId: number;
  department: string;
  synthetic: boolean;
  ord: number;
  code?: string;
  path: string;
  initialBudget: string;
  final: string;
  /** stated by the document, else recomputed; absent for 年初无预算 */
  rate?: string;
  rateStated: boolean;
  noInitialBudget: boolean;
  reason?: string;
  sourceLine?: number;
  outside: boolean;
};

export type ExecutionItems = {
  /** outliers of every department, or every item of `dept` */
  rows: ExecutionItem[];
  /** items of the reports in scope, shown or not */
  total: number;
  outside: number;
};

/** 项-level items of the scope with the rate (stated, else recomputed), 年初无预算 and the outside flag, in SQL. */
function itemRates(f: ExecutionFilter): SQL {
  return sql`
    with rep as (${chosenReports({ year: f.year, synthetic: f.synthetic, dept: f.dept })}),
    i as (
      select rep.department_id, rep.department, rep.synthetic, e.ord, e.code, e.path, e.initial_budget, e.final, e.rate as stated, e.reason, e.source_line,
             (e.no_initial_budget or e.initial_budget = 0) as no_initial
      from rep join execution_items e on e.report_id = rep.id),
    x as (
      select i.*, coalesce(i.stated, case when i.no_initial then null else ${sql.raw(ratePctSql("i.final", "i.initial_budget"))} end) as rate from i),
    y as (
      select x.*, case when x.no_initial then x.final <> 0 else x.rate is not null and (x.rate < ${num(f.low)} or x.rate > ${num(f.high)}) end as outside from x)`;
}

async function executionItems(f: ExecutionFilter, p?: { limit: number; offset: number }): Promise<ExecutionItem[]> {
  const res = await rows<{
    department_id: number;
    department: string;
    synthetic: boolean;
    ord: number;
    code: string | null;
    path: string;
    initial: string;
    final: string;
    rate: string | null;
    stated: boolean;
    no_initial: boolean;
    reason: string | null;
    source_line: number | null;
    outside: boolean;
  }>(sql`
    ${itemRates(f)}
    select y.department_id::int as department_id, y.department, y.synthetic, y.ord::int as ord, y.code, y.path,
           trim_scale(y.initial_budget)::text as initial, trim_scale(y.final)::text as final, trim_scale(y.rate)::text as rate,
           (y.stated is not null) as stated, y.no_initial, y.reason, y.source_line::int as source_line, y.outside
    from y
    ${f.dept ? sql`` : sql`where y.outside`}
    order by y.outside desc, (y.rate is null), abs(y.rate - 100) desc nulls last, case when y.rate is null then y.final end desc nulls last,
             y.department, y.department_id, y.ord${limitSql(p)}`);
  return res.map(
    (r): ExecutionItem => ({
      departmentId: Number(r.department_id),
      department: r.department,
      synthetic: Boolean(r.synthetic),
      ord: Number(r.ord),
      code: opt(r.code),
      path: r.path,
      initialBudget: r.initial,
      final: r.final,
      rate: opt(r.rate),
      rateStated: Boolean(r.stated),
      noInitialBudget: Boolean(r.no_initial),
      reason: opt(r.reason),
      sourceLine: r.source_line === null ? undefined : Number(r.source_line),
      outside: Boolean(r.outside),
    }),
  );
}

/** 项-level 年初预算 vs 决算 with the department's stated reason (情况说明 五): outliers of all, or every item of `dept`. */
export async function getExecutionItems(f: ExecutionFilter): Promise<ExecutionItems> {
  const [list, s] = await Promise.all([executionItems(f), getExecutionSummary(f)]);
  return { rows: list, total: s.items.total, outside: s.items.outside };
}

/** One page of the listed items (outliers, or all of `dept`); `shown` is how many are listed in all. */
export async function getExecutionItemsPage(
  f: ExecutionFilter,
  req: PageReq,
  shown: number,
): Promise<Paged<ExecutionItem>> {
  const { page, offset } = pageWindow(req.page, shown, req.pageSize);
  return { rows: await executionItems(f, { limit: req.pageSize, offset }), total: shown, page, pageSize: req.pageSize };
}

export type ExecutionDistribution = {
  bins: { label: string; concern: boolean; departments: number; items: number }[];
  departmentMedian?: string;
  /** departments in scope without an initial budget or a final figure: left out of the histogram */
  departmentsMissing: number;
  /** 年初无预算 items, which have no rate */
  itemsWithoutBudget: number;
};

export type ExecutionSummary = {
  departments: { total: number; rated: number; outside: number; median?: string };
  items: { total: number; outside: number; withoutRate: number };
  distribution: ExecutionDistribution;
};

/** `count(*) filter (where <rate in bin i>) as b<i>` for each bin (the bins cover every rate, see binOf). */
function binCounts(expr: string, bins: RateBin[]): SQL {
  return sql.raw(
    bins
      .map((b, i) => {
        const conds = [
          b.from === undefined ? "" : `${expr} >= ${lit(b.from)}`,
          b.to === undefined ? "" : `${expr} < ${lit(b.to)}`,
        ].filter(Boolean);
        return `count(*) filter (where ${expr} is not null${conds.length ? ` and ${conds.join(" and ")}` : ""})::int as b${i}`;
      })
      .join(", "),
  );
}

/** Counts, median and histogram of the scope, all aggregated in two statements (no department travels). */
export async function getExecutionSummary(f: ExecutionFilter): Promise<ExecutionSummary> {
  const bins = rateBins(f.low, f.high);
  type Counts = Record<string, number | string | null>;
  const [[d], [it]] = await Promise.all([
    rows<Counts>(sql`
      ${departmentRates(f)}
      select count(*)::int as total, count(x.rate)::int as rated,
             count(*) filter (where x.rate < ${num(f.low)} or x.rate > ${num(f.high)})::int as outside,
             ${sql.raw(medianSql("x.rate"))} as median, ${binCounts("x.rate", bins)}
      from x`),
    rows<Counts>(sql`
      ${itemRates(f)}
      select count(*)::int as total, count(*) filter (where y.outside)::int as outside, count(*) filter (where y.rate is null)::int as without_rate,
             ${binCounts("y.rate", bins)}
      from y`),
  ]);
  const n = (r: Counts | undefined, k: string) => Number(r?.[k] ?? 0);
  const departments = {
    total: n(d, "total"),
    rated: n(d, "rated"),
    outside: n(d, "outside"),
    median: opt(d?.median as string | null),
  };
  const items = { total: n(it, "total"), outside: n(it, "outside"), withoutRate: n(it, "without_rate") };
  return {
    departments,
    items,
    distribution: {
      bins: bins.map((b, i) => ({
        label: b.label,
        concern: b.concern,
        departments: n(d, `b${i}`),
        items: n(it, `b${i}`),
      })),
      departmentMedian: departments.median,
      departmentsMissing: departments.total - departments.rated,
      itemsWithoutBudget: items.withoutRate,
    },
  };
}

/** Histogram of execution rates in bands whose edges include the thresholds. */
export async function getExecutionDistribution(f: ExecutionFilter): Promise<ExecutionDistribution> {
  return (await getExecutionSummary(f)).distribution;
}

export type ProjectExecution = {
  departmentId: number;
  department: string;
  synthetic: boolean;
  /** projects with a 绩效自评表 */
  projects: number;
  /** Σ 全年预算数 (A) and Σ 执行数 (B) over projects that print both */
  annual?: string;
  executed?: string;
  /** ΣB ÷ ΣA × 100 */
  rate?: string;
  minRate?: string;
  avgScore?: string;
  excellent: number;
  /** projects below `maxRate` */
  low: number;
};

type ProjectFilter = { year: number; synthetic: boolean; dept?: number; maxRate?: number };

/** Per department aggregates of the 绩效 projects with a sheet, in SQL; most low-execution projects first. */
async function projectExecution(f: ProjectFilter, p?: { limit: number; offset: number }): Promise<ProjectExecution[]> {
  const maxRate = f.maxRate ?? PROJECT_RATE_FLOOR;
  const res = await rows<{
    department_id: number;
    department: string;
    synthetic: boolean;
    projects: number;
    annual: string | null;
    executed: string | null;
    rate: string | null;
    min_rate: string | null;
    avg_score: string | null;
    excellent: number;
    low: number;
  }>(sql`
    with rep as (${chosenReports({ year: f.year, synthetic: f.synthetic, dept: f.dept })}),
    p as (
      select rep.department_id, rep.department, rep.synthetic, p.annual, p.executed, p.total_score,
             coalesce(p.rate, ${sql.raw(ratePctSql("p.executed", "p.annual"))}) as rate,
             coalesce(p.grade, case when p.total_score >= 90 then '优' when p.total_score >= 80 then '良' when p.total_score >= 60 then '中' when p.total_score is not null then '差' end) as grade
      from rep join performance_projects p on p.report_id = rep.id and p.has_sheet),
    a as (
      select p.department_id, p.department, p.synthetic, count(*)::int as projects,
             sum(p.annual) filter (where p.annual is not null and p.executed is not null) as annual,
             sum(p.executed) filter (where p.annual is not null and p.executed is not null) as executed,
             min(p.rate) as min_rate, round(avg(p.total_score), 2) as avg_score,
             count(*) filter (where p.grade = '优')::int as excellent, count(*) filter (where p.rate < ${num(maxRate)})::int as low
      from p group by p.department_id, p.department, p.synthetic)
    select a.department_id::int as department_id, a.department, a.synthetic, a.projects,
           trim_scale(a.annual)::text as annual, trim_scale(a.executed)::text as executed, (${sql.raw(ratePctSql("a.executed", "a.annual"))})::text as rate,
           trim_scale(a.min_rate)::text as min_rate, a.avg_score::text as avg_score, a.excellent, a.low
    from a
    order by a.low desc, ${sql.raw(ratePctSql("a.executed", "a.annual"))} nulls last, a.department, a.department_id${limitSql(p)}`);
  return res.map((r) => ({
    departmentId: Number(r.department_id),
    department: r.department,
    synthetic: Boolean(r.synthetic),
    projects: Number(r.projects),
    annual: opt(r.annual),
    executed: opt(r.executed),
    rate: opt(r.rate) ?? ratePct(opt(r.executed), opt(r.annual)),
    minRate: opt(r.min_rate),
    avgScore: opt(r.avg_score),
    excellent: Number(r.excellent),
    low: Number(r.low),
  }));
}

/** 绩效 projects' execution (B/A) per department beside their self-evaluation scores (every department: exports). */
export async function getProjectExecution(f: ProjectFilter): Promise<ProjectExecution[]> {
  return projectExecution(f);
}

/** Departments with 绩效自评表 in scope, and how many have a project below `maxRate`. */
export async function getProjectExecutionCounts(f: ProjectFilter): Promise<{ departments: number; withLow: number }> {
  const maxRate = f.maxRate ?? PROJECT_RATE_FLOOR;
  const [r] = await rows<{ departments: number; with_low: number }>(sql`
    with rep as (${chosenReports({ year: f.year, synthetic: f.synthetic, dept: f.dept })}),
    a as (
      select rep.department_id, bool_or(coalesce(p.rate, ${sql.raw(ratePctSql("p.executed", "p.annual"))}) < ${num(maxRate)}) as low
      from rep join performance_projects p on p.report_id = rep.id and p.has_sheet group by rep.department_id)
    select count(*)::int as departments, count(*) filter (where a.low)::int as with_low from a`);
  return { departments: Number(r?.departments ?? 0), withLow: Number(r?.with_low ?? 0) };
}

/** One page of getProjectExecution's list; `total` from getProjectExecutionCounts. */
export async function getProjectExecutionPage(
  f: ProjectFilter,
  req: PageReq,
  total: number,
): Promise<Paged<ProjectExecution>> {
  const { page, offset } = pageWindow(req.page, total, req.pageSize);
  return { rows: await projectExecution(f, { limit: req.pageSize, offset }), total, page, pageSize: req.pageSize };
}
