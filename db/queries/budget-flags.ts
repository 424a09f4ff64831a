import "server-only";
import { sql } from "drizzle-orm";
import { REVIEW_GROWTH_PCT, REVIEW_LOW_EXECUTION_PCT } from "./budget-review";
import { rows } from "./sql";

/**
 * The budget season's flags for year N, one query: subjects whose budget grows by more than REVIEW_GROWTH_PCT while
 * last year's execution (决算 N−1 ÷ 预算 N−1) stayed below REVIEW_LOW_EXECUTION_PCT; “三公” budgets that rise (on
 * last year's budget document, or as the document itself says); budget documents that do not add up.
 */
export type BudgetFlag = {
  kind: "growthLowExecution" | "sangongUp" | "budgetError";
  departmentId: number;
  department: string;
  code: string | null;
  name: string | null;
  /** growth % / 三公 change in 万元 / number of errors */
  value: string;
  detail: string | null;
};

export async function getBudgetFlags(year: number): Promise<BudgetFlag[]> {
  const r = await rows<{
    kind: BudgetFlag["kind"];
    department_id: number;
    department: string;
    code: string | null;
    name: string | null;
    value: string;
    detail: string | null;
  }>(sql`
    with b as (
      select distinct on (department_id, year) id, department_id, year, figures, findings, budget from budgets
       where is_latest and year in (${year}, ${year - 1}) order by department_id, year, (scope = '部门预算') desc
    ), f as (
      select distinct on (department_id) id, department_id from reports where is_latest and year = ${year - 1}
       order by department_id, (scope = '部门决算') desc
    ), lines as (
      select cur.department_id, l.code, l.name, l.value as budget, pl.value as prior_budget, fc.amount as prior_final
        from b cur
        join b prev on prev.department_id = cur.department_id and prev.year = ${year - 1}
        join f on f.department_id = cur.department_id
        join budget_lines l on l.budget_id = cur.id and l.table_id = 'b05' and l."column" = 'total'
        join budget_lines pl on pl.budget_id = prev.id and pl.table_id = 'b05' and pl."column" = 'total' and pl.code = l.code
        join table_rows tr on tr.report_id = f.id and tr.table_id = 't05' and tr.code = l.code
        join table_cells fc on fc.report_id = tr.report_id and fc.table_id = tr.table_id and fc.row_order = tr.row_order and fc.column_key = 'total'
       where cur.year = ${year} and pl.value > 0
    )
    select 'growthLowExecution' as kind, l.department_id::int as department_id, d.name as department, l.code, l.name,
           round((l.budget - l.prior_budget) / l.prior_budget * 100, 2)::text as value,
           round(l.prior_final / l.prior_budget * 100, 2)::text as detail
      from lines l join departments d on d.id = l.department_id
     where (l.budget - l.prior_budget) / l.prior_budget * 100 > ${REVIEW_GROWTH_PCT.toFixed()}
       and l.prior_final / l.prior_budget * 100 < ${REVIEW_LOW_EXECUTION_PCT.toFixed()}
    union all
    select 'sangongUp', cur.department_id::int, d.name, null, null,
           coalesce(trim_scale((cur.figures->>'sangongBudget')::numeric - (prev.figures->>'sangongBudget')::numeric)::text,
                    cur.budget->'narrative'->'sangong'->'total'->'compared'->>'amount', ''),
           case when prev.id is null then '据预算说明' else '较上年预算' end
      from b cur join departments d on d.id = cur.department_id
      left join b prev on prev.department_id = cur.department_id and prev.year = ${year - 1}
     where cur.year = ${year}
       and (case when prev.id is not null and prev.figures ? 'sangongBudget' and cur.figures ? 'sangongBudget'
                 then (cur.figures->>'sangongBudget')::numeric > (prev.figures->>'sangongBudget')::numeric
                 else cur.budget->'narrative'->'sangong'->'total'->'compared'->>'direction' = 'up' end)
    union all
    select 'budgetError', cur.department_id::int, d.name, null, null,
           (select count(*) from jsonb_array_elements(cur.findings) x where x->>'severity' = 'error')::text, null
      from b cur join departments d on d.id = cur.department_id
     where cur.year = ${year} and exists (select 1 from jsonb_array_elements(cur.findings) x where x->>'severity' = 'error')
    order by 1, 3, 4`);
  return r.map((x) => ({
    kind: x.kind,
    departmentId: Number(x.department_id),
    department: x.department,
    code: x.code,
    name: x.name,
    value: x.value,
    detail: x.detail,
  }));
}
