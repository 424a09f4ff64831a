import "server-only";
import type { z } from "zod";
import { budgetReviewParamsSchema } from "@/lib/budget/params";
import { getBudgetMovers, getBudgetReview, getBudgetYearsAll } from "./budget-review";
import { lineColumns, moverColumns } from "@/lib/views/budget-review";
import type { Dataset } from "./datasets";

type Params = z.infer<typeof budgetReviewParamsSchema>;

/** The spring review's tables as CSV/JSON, from the same queries as the page. */
export const budgetDatasets: Record<string, Dataset> = {
  "budget-movers": {
    title: "各部门预算与上年比较",
    params: budgetReviewParamsSchema,
    columns: moverColumns,
    fetch: (async (p: Params) => {
      const year = p.year ?? (await getBudgetYearsAll())[0];
      return year === undefined ? [] : getBudgetMovers(year);
    }) as Dataset["fetch"],
  },
  "budget-review": {
    title: "部门预算审查：按功能分类科目",
    params: budgetReviewParamsSchema,
    columns: lineColumns,
    fetch: (async (p: Params) =>
      p.dept ? ((await getBudgetReview(p.dept, p.year))?.lines ?? []) : []) as Dataset["fetch"],
  },
  "budget-review-economic": {
    title: "部门预算审查：基本支出按经济分类科目",
    params: budgetReviewParamsSchema,
    columns: lineColumns,
    fetch: (async (p: Params) =>
      p.dept ? ((await getBudgetReview(p.dept, p.year))?.economic ?? []) : []) as Dataset["fetch"],
  },
};
