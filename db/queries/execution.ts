import "server-only";
import { sql } from "drizzle-orm";
import { executionBand, type Band } from "@/lib/metrics/credibility";
import { difference, gradeFromScore, histogram, presentSum, rateBins } from "@/lib/metrics/dashboard";
import { median, ratePct } from "@/lib/metrics/stats";
import { D } from "@/lib/money/decimal";
import { asFigures, chosenReports, figuresObject } from "./dashboard-scope";
import { rows } from "./sql";

export type ExecutionFilter = { year: number; synthetic: boolean; low: number; high: number; dept?: number };

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

/** 年初预算 vs 决算 per department, largest deviation from 100% first; departments without the figures last. */
export async function getExecutionDepartments(f: ExecutionFilter): Promise<DepartmentExecution[]> {
  const res = await rows<{
    department_id: number; department: string; synthetic: boolean; scope: string; figs: unknown;
    stated_rate: string | null; reason: string | null; source_line: string | null;
  }>(sql`
    with rep as (${chosenReports({ year: f.year, synthetic: f.synthetic, dept: f.dept })})
    select rep.department_id::int as department_id, rep.department, rep.synthetic, rep.scope, ${figuresObject("rep")} as figs,
           r.report->'narrative'->'budgetExecution'->>'rate' as stated_rate,
           r.report->'narrative'->'budgetExecution'->>'reason' as reason,
           r.report->'narrative'->'budgetExecution'->>'sourceLine' as source_line
    from rep join reports r on r.id = rep.id
    order by rep.department`);
  const out = res.map((r): DepartmentExecution => {
    const g = asFigures(r.figs);
    const rate = g.gpbExecutionRate ?? ratePct(g.gpbExpenditure, g.initialBudgetGpb);
    const band = executionBand(rate, f.low, f.high);
    return {
      departmentId: Number(r.department_id),
      department: r.department,
      synthetic: Boolean(r.synthetic),
      scope: r.scope,
      initialBudget: g.initialBudgetGpb,
      final: g.gpbExpenditure,
      rate,
      statedRate: opt(r.stated_rate),
      difference: difference(g.gpbExpenditure, g.initialBudgetGpb),
      reason: opt(r.reason),
      sourceLine: r.source_line ? Number(r.source_line) : undefined,
      band,
      outside: rate !== undefined && (new D(rate).lt(f.low) || new D(rate).gt(f.high)),
    };
  });
  const dev = (x: DepartmentExecution) => (x.rate === undefined ? new D(-1) : new D(x.rate).minus(100).abs());
  return out.sort((a, b) => dev(b).cmp(dev(a)) || a.department.localeCompare(b.department, "zh"));
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

/** 项-level 年初预算 vs 决算 with the department's stated reason (情况说明 五). */
export async function getExecutionItems(f: ExecutionFilter): Promise<ExecutionItems> {
  const res = await rows<{
    department_id: number; department: string; synthetic: boolean; ord: number; code: string | null; path: string; initial: string; final: string;
    rate: string | null; no_initial_budget: boolean; reason: string | null; source_line: number | null;
  }>(sql`
    with rep as (${chosenReports({ year: f.year, synthetic: f.synthetic, dept: f.dept })})
    select rep.department_id::int as department_id, rep.department, rep.synthetic, e.ord::int as ord, e.code, e.path,
           trim_scale(e.initial_budget)::text as initial, trim_scale(e.final)::text as final, trim_scale(e.rate)::text as rate,
           e.no_initial_budget, e.reason, e.source_line::int as source_line
    from rep join execution_items e on e.report_id = rep.id
    order by rep.department, e.ord`);
  const all = res.map((r): ExecutionItem => {
    const stated = opt(r.rate);
    const noInitialBudget = Boolean(r.no_initial_budget) || new D(r.initial).isZero();
    const rate = stated ?? (noInitialBudget ? undefined : ratePct(r.final, r.initial));
    return {
      departmentId: Number(r.department_id),
      department: r.department,
      synthetic: Boolean(r.synthetic),
      ord: Number(r.ord),
      code: opt(r.code),
      path: r.path,
      initialBudget: r.initial,
      final: r.final,
      rate,
      rateStated: stated !== undefined,
      noInitialBudget,
      reason: opt(r.reason),
      sourceLine: r.source_line === null ? undefined : Number(r.source_line),
      outside: noInitialBudget ? !new D(r.final).isZero() : rate !== undefined && (new D(rate).lt(f.low) || new D(rate).gt(f.high)),
    };
  });
  const shown = f.dept ? all : all.filter((i) => i.outside);
  const dev = (x: ExecutionItem) => (x.rate === undefined ? new D(-1) : new D(x.rate).minus(100).abs());
  shown.sort((a, b) => {
    if (a.outside !== b.outside) return a.outside ? -1 : 1;
    // 年初无预算 after the rated outliers, the largest unbudgeted spending first
    if ((a.rate === undefined) !== (b.rate === undefined)) return a.rate === undefined ? 1 : -1;
    if (a.rate === undefined) return new D(b.final).cmp(a.final);
    return dev(b).cmp(dev(a)) || a.department.localeCompare(b.department, "zh") || a.ord - b.ord;
  });
  return { rows: shown, total: all.length, outside: all.filter((i) => i.outside).length };
}

export type ExecutionDistribution = {
  bins: { label: string; concern: boolean; departments: number; items: number }[];
  departmentMedian?: string;
  /** departments in scope without an initial budget or a final figure: left out of the histogram */
  departmentsMissing: number;
  /** 年初无预算 items, which have no rate */
  itemsWithoutBudget: number;
};

/** Histogram of execution rates in bands whose edges include the thresholds. */
export async function getExecutionDistribution(f: ExecutionFilter): Promise<ExecutionDistribution> {
  const [depts, itemRates] = await Promise.all([getExecutionDepartments(f), getItemRates(f)]);
  const bins = rateBins(f.low, f.high);
  const deptRates = depts.map((d) => d.rate).filter((r): r is string => r !== undefined);
  const rated = itemRates.map((i) => i.rate).filter((r): r is string => r !== undefined);
  const dc = histogram(deptRates, bins);
  const ic = histogram(rated, bins);
  return {
    bins: bins.map((b, i) => ({ label: b.label, concern: b.concern, departments: dc[i], items: ic[i] })),
    departmentMedian: median(deptRates),
    departmentsMissing: depts.length - deptRates.length,
    itemsWithoutBudget: itemRates.filter((i) => i.rate === undefined).length,
  };
}

async function getItemRates(f: ExecutionFilter): Promise<{ rate?: string }[]> {
  const res = await rows<{ initial: string; final: string; rate: string | null; no_initial_budget: boolean }>(sql`
    with rep as (${chosenReports({ year: f.year, synthetic: f.synthetic, dept: f.dept })})
    select trim_scale(e.initial_budget)::text as initial, trim_scale(e.final)::text as final, trim_scale(e.rate)::text as rate, e.no_initial_budget
    from rep join execution_items e on e.report_id = rep.id`);
  return res.map((r) => ({ rate: opt(r.rate) ?? (r.no_initial_budget || new D(r.initial).isZero() ? undefined : ratePct(r.final, r.initial)) }));
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

/** 绩效 projects' execution (B/A) per department beside their self-evaluation scores. */
export async function getProjectExecution(f: { year: number; synthetic: boolean; dept?: number; maxRate?: number }): Promise<ProjectExecution[]> {
  const maxRate = f.maxRate ?? 50;
  const res = await rows<{
    department_id: number; department: string; synthetic: boolean; annual: string | null; executed: string | null; rate: string | null; score: string | null; grade: string | null;
  }>(sql`
    with rep as (${chosenReports({ year: f.year, synthetic: f.synthetic, dept: f.dept })})
    select rep.department_id::int as department_id, rep.department, rep.synthetic,
           trim_scale(p.annual)::text as annual, trim_scale(p.executed)::text as executed, trim_scale(p.rate)::text as rate,
           trim_scale(p.total_score)::text as score, p.grade
    from rep join performance_projects p on p.report_id = rep.id and p.has_sheet
    order by rep.department, p.ord`);
  const by = new Map<number, typeof res>();
  for (const r of res) by.set(Number(r.department_id), [...(by.get(Number(r.department_id)) ?? []), r]);
  const out: ProjectExecution[] = [];
  for (const [id, list] of by) {
    const both = list.filter((p) => p.annual !== null && p.executed !== null);
    const annual = presentSum(both.map((p) => p.annual)).sum;
    const executed = presentSum(both.map((p) => p.executed)).sum;
    const rates = list.map((p) => opt(p.rate) ?? ratePct(p.executed, p.annual)).filter((r): r is string => r !== undefined);
    const scores = list.map((p) => opt(p.score)).filter((s): s is string => s !== undefined);
    out.push({
      departmentId: id,
      department: list[0].department,
      synthetic: Boolean(list[0].synthetic),
      projects: list.length,
      annual,
      executed,
      rate: ratePct(executed, annual),
      minRate: rates.length ? D.min(...rates).toFixed() : undefined,
      avgScore: scores.length ? scores.reduce((a, s) => a.plus(s), new D(0)).div(scores.length).toFixed(2, D.ROUND_HALF_UP) : undefined,
      excellent: list.filter((p) => (p.grade ?? gradeFromScore(p.score)) === "优").length,
      low: rates.filter((r) => new D(r).lt(maxRate)).length,
    });
  }
  return out.sort((a, b) => b.low - a.low || (a.rate === undefined ? 1 : b.rate === undefined ? -1 : new D(a.rate).cmp(b.rate)));
}
