import "server-only";
import type { z } from "zod";
import { budgetReviewParamsSchema } from "@/lib/budget/params";
import { getBudgetMovers, getBudgetReview, getBudgetYearsAll } from "./budget-review";
import type { Dataset } from "./datasets";

type Params = z.infer<typeof budgetReviewParamsSchema>;
const col = (key: string, label: string) => ({ key, label });

const REVIEW_COLUMNS = [
  col("code", "科目编码"),
  col("name", "科目名称"),
  col("budget", "本年预算（万元）"),
  col("priorBudget", "上年预算（万元）"),
  col("growth", "增减（万元）"),
  col("growthPct", "增幅（%）"),
  col("priorFinal", "上年决算（万元）"),
  col("priorExecution", "上年执行率（%）"),
  col("statedPriorExecuted", "说明所述上年执行数（万元）"),
  col("final", "本年决算（万元）"),
  col("execution", "本年执行率（%）"),
  col("flagged", "请关注"),
  col("reason", "部门说明"),
  col("sourcePage", "预算文件页"),
  col("sourceLine", "预算文件行"),
];

/** The spring review's tables as CSV/JSON, from the same queries as the page. */
export const budgetDatasets: Record<string, Dataset> = {
  "budget-movers": {
    title: "各部门预算与上年比较",
    params: budgetReviewParamsSchema,
    columns: [
      col("department", "部门"),
      col("scope", "口径"),
      col("budget", "支出预算（万元）"),
      col("priorBudget", "上年支出预算（万元）"),
      col("change", "增减（万元）"),
      col("changePct", "增幅（%）"),
      col("sangong", "“三公”经费预算（万元）"),
      col("priorSangong", "上年“三公”经费预算（万元）"),
      col("errors", "审核错误"),
    ],
    fetch: (async (p: Params) => {
      const year = p.year ?? (await getBudgetYearsAll())[0];
      return year === undefined ? [] : getBudgetMovers(year);
    }) as Dataset["fetch"],
  },
  "budget-review": {
    title: "部门预算审查：按功能分类科目",
    params: budgetReviewParamsSchema,
    columns: REVIEW_COLUMNS,
    fetch: (async (p: Params) =>
      p.dept ? ((await getBudgetReview(p.dept, p.year))?.lines ?? []) : []) as Dataset["fetch"],
  },
  "budget-review-economic": {
    title: "部门预算审查：基本支出按经济分类科目",
    params: budgetReviewParamsSchema,
    columns: REVIEW_COLUMNS,
    fetch: (async (p: Params) =>
      p.dept ? ((await getBudgetReview(p.dept, p.year))?.economic ?? []) : []) as Dataset["fetch"],
  },
};
