import "server-only";
import { sql } from "drizzle-orm";
import { rows } from "./sql";

/**
 * Execution at full granularity for year N, for every department that has both a budget document and a 决算 of
 * that year: 决算 (一般公共预算财政拨款支出决算表, by 功能分类 code) against the 年初预算 of the budget document
 * (一般公共预算支出功能分类预算表), summed over the 类 both print, and how many 项 stray outside the band.
 */
export type DocumentExecution = {
  departmentId: number;
  department: string;
  budgetScope: string;
  finalScope: string;
  budget: string;
  final: string;
  rate: string | null;
  subjects: number;
  outside: number;
  sangongBudget: string | null;
  sangongFinal: string | null;
};

export async function getDocumentExecution(year: number, low = 80, high = 120): Promise<DocumentExecution[]> {
  const r = await rows<{
    department_id: number;
    department: string;
    budget_scope: string;
    final_scope: string;
    budget: string;
    final: string;
    rate: string | null;
    subjects: number;
    outside: number;
    sangong_budget: string | null;
    sangong_final: string | null;
  }>(sql`
    with b as (
      select distinct on (department_id) id, department_id, scope, figures from budgets where is_latest and year = ${year}
       order by department_id, (scope = '部门预算') desc
    ), f as (
      select distinct on (department_id) id, department_id, scope from reports where is_latest and year = ${year}
       order by department_id, (scope = '部门决算') desc
    ), pairs as (
      select b.id as budget_id, f.id as report_id, b.department_id, b.scope as budget_scope, f.scope as final_scope, b.figures
        from b join f on f.department_id = b.department_id
    ), lines as (
      select p.department_id, l.code, l.value as budget, coalesce(fc.amount, 0) as final
        from pairs p
        join budget_lines l on l.budget_id = p.budget_id and l.table_id = 'b05' and l."column" = 'total'
        left join table_rows tr on tr.report_id = p.report_id and tr.table_id = 't05' and tr.code = l.code
        left join table_cells fc on fc.report_id = tr.report_id and fc.table_id = tr.table_id and fc.row_order = tr.row_order and fc.column_key = 'total'
    )
    select p.department_id::int as department_id, d.name as department, p.budget_scope, p.final_scope,
           trim_scale(sum(l.budget) filter (where length(l.code) = 3))::text as budget,
           trim_scale(sum(l.final) filter (where length(l.code) = 3))::text as final,
           case when sum(l.budget) filter (where length(l.code) = 3) > 0
                then round(sum(l.final) filter (where length(l.code) = 3) / sum(l.budget) filter (where length(l.code) = 3) * 100, 2)::text end as rate,
           count(*) filter (where length(l.code) = 7)::int as subjects,
           count(*) filter (where length(l.code) = 7 and l.budget > 0 and (l.final / l.budget * 100 < ${low} or l.final / l.budget * 100 > ${high}))::int as outside,
           p.figures->>'sangongBudget' as sangong_budget,
           (select trim_scale(tc.amount)::text from table_rows tr join table_cells tc on tc.report_id = tr.report_id and tc.table_id = tr.table_id
              and tc.row_order = tr.row_order and tc.column_key = 'finalTotal' where tr.report_id = p.report_id and tr.table_id = 't09' limit 1) as sangong_final
      from pairs p join departments d on d.id = p.department_id join lines l on l.department_id = p.department_id
     group by p.department_id, d.name, p.budget_scope, p.final_scope, p.figures, p.report_id
     order by abs(coalesce(sum(l.final) filter (where length(l.code) = 3) / nullif(sum(l.budget) filter (where length(l.code) = 3), 0) * 100, 100) - 100) desc, d.name`);
  return r.map((x) => ({
    departmentId: Number(x.department_id),
    department: x.department,
    budgetScope: x.budget_scope,
    finalScope: x.final_scope,
    budget: x.budget,
    final: x.final,
    rate: x.rate,
    subjects: Number(x.subjects),
    outside: Number(x.outside),
    sangongBudget: x.sangong_budget,
    sangongFinal: x.sangong_final,
  }));
}
