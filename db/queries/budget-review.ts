import "server-only";
import { sql } from "drizzle-orm";
import { D } from "@/lib/money/decimal";
import type { BudgetFigures } from "@/lib/budget/figures";
import type { Budget } from "@/lib/budget/schema";
import type { Finding } from "@/lib/audit/types";
import { rows } from "./sql";

/**
 * The spring review of one department's budget for year N: each 一般公共预算 功能分类 subject with the budget of N,
 * the budget of N−1 and the 决算 of N−1 (and the 决算 of N when it is out), so a committee member sees which lines
 * grow although last year's money was not spent. Every figure keeps its document and line.
 */

type ReviewLine = {
  code: string;
  name: string;
  budget: string | null;
  priorBudget: string | null;
  priorFinal: string | null;
  final: string | null;
  /** budget N − budget N−1 */
  growth: string | null;
  /** growth as % of budget N−1 */
  growthPct: string | null;
  /** 决算 N−1 ÷ 预算 N−1 × 100 */
  priorExecution: string | null;
  /** last year's execution as the budget's own 编制说明 states it (当年预算执行数), when no 决算 is loaded */
  statedPriorExecuted: string | null;
  /** 决算 N ÷ 预算 N × 100, once the 决算 of N is loaded */
  execution: string | null;
  /** the department's own words for this subject in the budget of N */
  reason: string | null;
  purpose: string | null;
  sourceLine: number | null;
  /** the PDF page of that line, when the budget came from a PDF */
  sourcePage: number | null;
  /** grows while last year's execution was low */
  flagged: boolean;
};

type ReviewDoc = { id: number; year: number; scope: string; file: string; figures?: BudgetFigures };

export type BudgetReview = {
  departmentId: number;
  department: string;
  year: number;
  budget: ReviewDoc | null;
  priorBudget: ReviewDoc | null;
  priorFinal: ReviewDoc | null;
  final: ReviewDoc | null;
  lines: ReviewLine[];
  /** the same, per 经济分类 of 基本支出 (budget b08 against the 决算's 基本支出 table t06) */
  economic: ReviewLine[];
  /** the unit each classification's budget table printed (the source view looks for the figure as printed) */
  printedUnits: { function: "元" | "万元"; economic: "元" | "万元" };
  /** the budget document's own audit findings, each place with its PDF page where the budget came from a PDF */
  findings: (Finding & { places: string[] })[];
  /** 三公 and 机关运行经费 budgets by year, with the 决算 where loaded */
  trend: {
    year: number;
    sangongBudget: string | null;
    sangongFinal: string | null;
    operatingCostBudget: string | null;
    expenditureBudget: string | null;
  }[];
  projects: Budget["projects"];
  years: number[];
  /** “三公” by category and 机关运行经费: the budget document of N against the 决算 of N (its own 全年预算 too) */
  categories: {
    label: string;
    budget: string | null;
    finalBudget: string | null;
    final: string | null;
    rate: string | null;
  }[];
};

/** Policy: a line is put first when its budget grows by more than this share while last year's execution was below the rate. */
export const REVIEW_GROWTH_PCT = new D(10);
export const REVIEW_LOW_EXECUTION_PCT = new D(90);

const pct = (part: string | null, whole: string | null) =>
  part === null || whole === null || new D(whole).isZero()
    ? null
    : new D(part).div(whole).times(100).toDecimalPlaces(2, D.ROUND_HALF_UP).toFixed(2);

async function getBudgetYears(departmentId: number): Promise<number[]> {
  const r = await rows<{ year: number }>(
    sql`select distinct year::int as year from budgets where department_id = ${departmentId} and is_latest order by year desc`,
  );
  return r.map((x) => Number(x.year));
}

export async function getBudgetReview(departmentId: number, year?: number): Promise<BudgetReview | null> {
  const [dept] = await rows<{ name: string }>(sql`select name from departments where id = ${departmentId}`);
  if (!dept) return null;
  const years = await getBudgetYears(departmentId);
  const y = year ?? years[0];
  if (y === undefined)
    return {
      departmentId,
      department: dept.name,
      year: new Date().getFullYear(),
      budget: null,
      priorBudget: null,
      priorFinal: null,
      final: null,
      lines: [],
      economic: [],
      printedUnits: { function: "万元", economic: "万元" },
      findings: [],
      trend: [],
      projects: [],
      years,
      categories: [],
    };
  // a 部门预算 is preferred to a 单位预算 of the same department and year, as a 部门决算 is to a 单位决算
  const docs = await rows<{
    kind: string;
    id: number;
    year: number;
    scope: string;
    file: string;
    figures: BudgetFigures | string | null;
  }>(sql`
    select * from (
      select distinct on (year) 'budget' as kind, id::int as id, year::int as year, scope, source_file as file, figures
        from budgets where department_id = ${departmentId} and is_latest and year in (${y}, ${y - 1})
        order by year, (scope = '部门预算') desc
    ) b
    union all
    select * from (
      select distinct on (year) 'final', id::int, year::int, scope, source_file, null::jsonb
        from reports where department_id = ${departmentId} and is_latest and year in (${y}, ${y - 1})
        order by year, (scope = '部门决算') desc
    ) f`);
  const pick = (kind: string, yr: number): ReviewDoc | null => {
    const d = docs.find((x) => x.kind === kind && Number(x.year) === yr);
    if (!d) return null;
    const figures = typeof d.figures === "string" ? (JSON.parse(d.figures) as BudgetFigures) : (d.figures ?? undefined);
    return { id: Number(d.id), year: Number(d.year), scope: d.scope, file: d.file, ...(figures ? { figures } : {}) };
  };
  const budget = pick("budget", y);
  const priorBudget = pick("budget", y - 1);
  const priorFinal = pick("final", y - 1);
  const final = pick("final", y);

  const notes = new Map<string, { reason?: string; purpose?: string; priorExecuted?: string }>();
  let projects: Budget["projects"] = [];
  let pageStarts: number[] = [];
  let findings: Finding[] = [];
  const printedUnits: BudgetReview["printedUnits"] = { function: "万元", economic: "万元" };
  if (budget) {
    const [b] = await rows<{ budget: Budget | string; findings: Finding[] | string }>(
      sql`select budget, findings from budgets where id = ${budget.id}`,
    );
    findings = typeof b.findings === "string" ? (JSON.parse(b.findings) as Finding[]) : b.findings;
    const doc = typeof b.budget === "string" ? (JSON.parse(b.budget) as Budget) : b.budget;
    for (const s of doc.narrative.subjects)
      if (s.code) notes.set(s.code, { reason: s.compared?.reason, purpose: s.purpose, priorExecuted: s.priorExecuted });
    projects = doc.projects;
    pageStarts = doc.source.pageStarts ?? [];
    printedUnits.function = doc.tables.find((t) => t.id === "b05")?.printedUnit ?? "万元";
    printedUnits.economic = doc.tables.find((t) => t.id === "b08")?.printedUnit ?? "万元";
  }
  const docs4 = { budget, priorBudget, priorFinal, final };
  const withPage = (l: ReviewLine): ReviewLine => ({
    ...l,
    sourcePage: l.sourceLine === null ? null : pageStarts.filter((p) => p <= l.sourceLine!).length || null,
  });
  const lines = (await linesOf("function", docs4, notes)).map(withPage);
  const economic = (await linesOf("economic", docs4, new Map())).map(withPage);

  const trendRows = await rows<{
    year: number;
    sangong_budget: string | null;
    operating: string | null;
    expenditure: string | null;
    sangong_final: string | null;
  }>(sql`
    with b as (
      select distinct on (year) year, figures from budgets where department_id = ${departmentId} and is_latest order by year, (scope = '部门预算') desc
    ), f as (
      select distinct on (r.year) r.year, tc.amount as sangong from reports r
        join table_rows tr on tr.report_id = r.id and tr.table_id = 't09'
        join table_cells tc on tc.report_id = tr.report_id and tc.table_id = tr.table_id and tc.row_order = tr.row_order and tc.column_key = 'finalTotal'
      where r.department_id = ${departmentId} and r.is_latest order by r.year, (r.scope = '部门决算') desc
    )
    select coalesce(b.year, f.year)::int as year, b.figures->>'sangongBudget' as sangong_budget, b.figures->>'operatingCostBudget' as operating,
           b.figures->>'expenditureTotal' as expenditure, trim_scale(f.sangong)::text as sangong_final
      from b full join f on f.year = b.year order by 1`);
  const trend = trendRows.map((r) => ({
    year: Number(r.year),
    sangongBudget: r.sangong_budget,
    sangongFinal: r.sangong_final,
    operatingCostBudget: r.operating,
    expenditureBudget: r.expenditure,
  }));
  return {
    departmentId,
    department: dept.name,
    year: y,
    budget,
    priorBudget,
    priorFinal,
    final,
    lines,
    economic,
    printedUnits,
    trend,
    projects,
    years,
    findings: findings.map((f) => placed(f, pageStarts)),
    categories: await categoriesOf(budget, final),
  };
}

/** Where each classification's lines come from: the budget table and the 决算 table that print it by code. */
const LINE_SOURCES = {
  function: { budget: "b05", final: "t05", finalColumn: "total" },
  economic: { budget: "b08", final: "t06", finalColumn: "amount" },
} as const;

type Docs = {
  budget: ReviewDoc | null;
  priorBudget: ReviewDoc | null;
  priorFinal: ReviewDoc | null;
  final: ReviewDoc | null;
};

async function linesOf(
  kind: keyof typeof LINE_SOURCES,
  docs: Docs,
  notes: Map<string, { reason?: string; purpose?: string; priorExecuted?: string }>,
): Promise<ReviewLine[]> {
  const src = LINE_SOURCES[kind];
  const ids = (d: ReviewDoc | null) => d?.id ?? -1;
  const cells = await rows<{ src: string; code: string; name: string; value: string; source_line: number | null }>(sql`
    select 'b' as src, code, name, trim_scale(value)::text as value, source_line::int as source_line from budget_lines
      where budget_id = ${ids(docs.budget)} and table_id = ${src.budget} and "column" = 'total'
    union all
    select 'pb', code, name, trim_scale(value)::text, source_line::int from budget_lines
      where budget_id = ${ids(docs.priorBudget)} and table_id = ${src.budget} and "column" = 'total'
    union all
    select case when tr.report_id = ${ids(docs.final)} then 'f' else 'pf' end, tr.code, tr.name, trim_scale(tc.amount)::text, tr.source_line::int
      from table_rows tr join table_cells tc on tc.report_id = tr.report_id and tc.table_id = tr.table_id and tc.row_order = tr.row_order
      where tr.report_id in (${ids(docs.final)}, ${ids(docs.priorFinal)}) and tr.table_id = ${src.final} and tr.code is not null and tc.column_key = ${src.finalColumn}`);
  const byCode = new Map<
    string,
    { name: string; b: string | null; pb: string | null; pf: string | null; f: string | null; line: number | null }
  >();
  for (const c of cells) {
    const e = byCode.get(c.code) ?? { name: c.name, b: null, pb: null, pf: null, f: null, line: null };
    e[c.src as "b" | "pb" | "pf" | "f"] = c.value;
    if (c.src === "b") {
      e.name = c.name;
      e.line = c.source_line === null ? null : Number(c.source_line);
    }
    byCode.set(c.code, e);
  }
  const lines: ReviewLine[] = [...byCode.entries()].map(([code, e]) => {
    const growth = e.b !== null && e.pb !== null ? new D(e.b).minus(e.pb).toFixed() : null;
    const growthPct = growth !== null ? pct(growth, e.pb) : null;
    const priorExecution = pct(e.pf, e.pb);
    const flagged =
      growthPct !== null &&
      priorExecution !== null &&
      new D(growthPct).gt(REVIEW_GROWTH_PCT) &&
      new D(priorExecution).lt(REVIEW_LOW_EXECUTION_PCT);
    return {
      code,
      name: e.name,
      budget: e.b,
      priorBudget: e.pb,
      priorFinal: e.pf,
      final: e.f,
      growth,
      growthPct,
      priorExecution,
      statedPriorExecuted: notes.get(code)?.priorExecuted ?? null,
      execution: pct(e.f, e.b),
      reason: notes.get(code)?.reason ?? null,
      purpose: notes.get(code)?.purpose ?? null,
      sourceLine: e.line,
      sourcePage: null,
      flagged,
    };
  });
  // flagged lines first; then the 类/款/项 order of the codes
  return lines.sort((a, b) => Number(b.flagged) - Number(a.flagged) || a.code.localeCompare(b.code));
}

/** Where a finding's figures are, as a reader of the budget finds them: 第 N 页 for a PDF, 第 N 行 for text. */
function placed(f: Finding, pageStarts: number[]): Finding & { places: string[] } {
  const at = (line: number) =>
    pageStarts.length ? `第 ${pageStarts.filter((p) => p <= line).length} 页` : `第 ${line} 行`;
  return { ...f, places: f.locations.map((l) => (l.sourceLine ? `${l.label}（${at(l.sourceLine)}）` : l.label)) };
}

const CATEGORIES: [label: string, budgetKey: keyof BudgetFigures, t09: string | null][] = [
  ["“三公”经费合计", "sangongBudget", "Total"],
  ["因公出国（境）费", "sangongAbroad", "Abroad"],
  ["公务用车购置及运行费", "sangongVehicles", "Vehicle"],
  ["其中：公务用车购置费", "sangongVehiclePurchase", "VehiclePurchase"],
  ["其中：公务用车运行费", "sangongVehicleOperation", "VehicleOperation"],
  ["公务接待费", "sangongReception", "Reception"],
  ["机关运行经费", "operatingCostBudget", null],
];

async function categoriesOf(budget: ReviewDoc | null, final: ReviewDoc | null): Promise<BudgetReview["categories"]> {
  if (!budget?.figures || !final) return [];
  const cells = await rows<{ column_key: string; amount: string }>(sql`
    select tc.column_key, trim_scale(tc.amount)::text as amount from table_rows tr
      join table_cells tc on tc.report_id = tr.report_id and tc.table_id = tr.table_id and tc.row_order = tr.row_order
     where tr.report_id = ${final.id} and tr.table_id = 't09'
    union all
    select 'operatingCost', trim_scale(value)::text from figures where report_id = ${final.id} and key = 'operatingCost'`);
  const cell = (k: string) => cells.find((c) => c.column_key === k)?.amount ?? null;
  return CATEGORIES.map(([label, key, t09]) => {
    const b = (budget.figures?.[key] as string | undefined) ?? null;
    const f = t09 ? cell(`final${t09}`) : cell("operatingCost");
    return { label, budget: b, finalBudget: t09 ? cell(`budget${t09}`) : null, final: f, rate: pct(f, b) };
  });
}

export type BudgetMover = {
  departmentId: number;
  department: string;
  scope: string;
  budget: string | null;
  priorBudget: string | null;
  change: string | null;
  changePct: string | null;
  sangong: string | null;
  priorSangong: string | null;
  errors: number;
};

/** The city's budgets of year N against N−1, biggest movers first (by the absolute change of 支出预算). */
export async function getBudgetMovers(year: number): Promise<BudgetMover[]> {
  const r = await rows<{
    department_id: number;
    department: string;
    scope: string;
    budget: string | null;
    prior: string | null;
    sangong: string | null;
    prior_sangong: string | null;
    errors: number;
  }>(sql`
    select b.department_id::int as department_id, d.name as department, b.scope,
           b.figures->>'expenditureTotal' as budget, p.figures->>'expenditureTotal' as prior,
           b.figures->>'sangongBudget' as sangong, p.figures->>'sangongBudget' as prior_sangong,
           (select count(*)::int from jsonb_array_elements(b.findings) f where f->>'severity' = 'error') as errors
      from budgets b join departments d on d.id = b.department_id
      left join budgets p on p.department_id = b.department_id and p.year = ${year - 1} and p.scope = b.scope and p.is_latest
     where b.year = ${year} and b.is_latest
       -- a department that publishes both: its 部门预算 consolidates the 单位预算, which is not listed beside it
       and not (b.scope = '单位预算' and exists (select 1 from budgets o where o.department_id = b.department_id and o.year = b.year and o.is_latest and o.scope = '部门预算'))`);
  const movers = r.map((x) => {
    const change = x.budget !== null && x.prior !== null ? new D(x.budget).minus(x.prior).toFixed() : null;
    return {
      departmentId: Number(x.department_id),
      department: x.department,
      scope: x.scope,
      budget: x.budget,
      priorBudget: x.prior,
      change,
      changePct: change !== null ? pct(change, x.prior) : null,
      sangong: x.sangong,
      priorSangong: x.prior_sangong,
      errors: Number(x.errors),
    };
  });
  return movers.sort(
    (a, b) => new D(b.change ?? 0).abs().cmp(new D(a.change ?? 0).abs()) || a.department.localeCompare(b.department),
  );
}

export async function getBudgetYearsAll(): Promise<number[]> {
  const r = await rows<{ year: number }>(
    sql`select distinct year::int as year from budgets where is_latest order by year desc`,
  );
  return r.map((x) => Number(x.year));
}

export type DepartmentBudget = {
  year: number;
  scope: string;
  expenditure: string | null;
  sangong: string | null;
  operatingCost: string | null;
  execution: string | null;
  errors: number;
};

/** A department's latest budget documents, newest first, with the execution its 决算 of the same year shows. */
export async function getDepartmentBudgets(departmentId: number): Promise<DepartmentBudget[]> {
  const r = await rows<{
    year: number;
    scope: string;
    expenditure: string | null;
    sangong: string | null;
    operating: string | null;
    gpb: string | null;
    final: string | null;
    errors: number;
  }>(sql`
    select b.year::int as year, b.scope, b.figures->>'expenditureTotal' as expenditure, b.figures->>'sangongBudget' as sangong,
           b.figures->>'operatingCostBudget' as operating,
           (select trim_scale(sum(value))::text from budget_lines l where l.budget_id = b.id and l.table_id = 'b05' and l."column" = 'total' and length(l.code) = 3) as gpb,
           (select trim_scale(tc.amount)::text from reports r join table_rows tr on tr.report_id = r.id and tr.table_id = 't05' and tr.row_key = 'total'
              join table_cells tc on tc.report_id = tr.report_id and tc.table_id = tr.table_id and tc.row_order = tr.row_order and tc.column_key = 'total'
             where r.department_id = b.department_id and r.year = b.year and r.is_latest order by (r.scope = '部门决算') desc limit 1) as final,
           (select count(*)::int from jsonb_array_elements(b.findings) f where f->>'severity' = 'error') as errors
      from budgets b where b.department_id = ${departmentId} and b.is_latest order by b.year desc, b.scope`);
  return r.map((x) => ({
    year: Number(x.year),
    scope: x.scope,
    expenditure: x.expenditure,
    sangong: x.sangong,
    operatingCost: x.operating,
    execution: pct(x.final, x.gpb),
    errors: Number(x.errors),
  }));
}
