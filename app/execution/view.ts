import { cache } from "react";
import type { z } from "zod";
import {
  getExecutionDepartmentsPage,
  getExecutionItemsPage,
  getExecutionSummary,
  getProjectExecutionCounts,
  getProjectExecutionPage,
} from "@/db/queries/execution";
import type { executionParamsSchema } from "@/lib/filters";
import { EXECUTION_RATE } from "@/lib/metrics/policy";
import { hrefWith } from "../_components/ui";

/** rows a page of each list */
export const PAGE = 50;

type Keep = { year: number; synthetic?: string; low?: number; high?: number; dept?: number };
export type ExecutionView = {
  sp: z.infer<typeof executionParamsSchema>;
  year: number;
  f: { year: number; synthetic: boolean; low: number; high: number; dept?: number };
  keep: Keep;
  href: (over: Partial<Record<keyof Keep, string | number | undefined>>) => string;
};

export function executionView(sp: ExecutionView["sp"], year: number): ExecutionView {
  const keep = {
    year,
    synthetic: sp.synthetic ? "1" : undefined,
    low: sp.low === EXECUTION_RATE.low ? undefined : sp.low,
    high: sp.high === EXECUTION_RATE.high ? undefined : sp.high,
    dept: sp.dept,
  };
  return {
    sp,
    year,
    f: { year, synthetic: sp.synthetic, low: sp.low, high: sp.high, dept: sp.dept },
    keep,
    href: (over) => hrefWith("/execution", { ...keep, ...over }),
  };
}

/**
 * Counts first (they size the pages), then only the rows of the pages shown. Read once per request however many
 * sections ask (React cache keys on the one view object).
 */
export const executionData = cache(async (v: ExecutionView) => {
  const [summary, projectCounts] = await Promise.all([getExecutionSummary(v.f), getProjectExecutionCounts(v.f)]);
  const listedItems = v.sp.dept ? summary.items.total : summary.items.outside;
  const [deptPage, itemPage, projectPage] = await Promise.all([
    getExecutionDepartmentsPage(v.f, { page: v.sp.page, pageSize: PAGE }, summary.departments.total),
    getExecutionItemsPage(v.f, { page: v.sp.ipage, pageSize: PAGE }, listedItems),
    getProjectExecutionPage(v.f, { page: v.sp.ppage, pageSize: PAGE }, projectCounts.departments),
  ]);
  // paging one list keeps the others where they are
  const pages = {
    page: deptPage.page > 1 ? deptPage.page : undefined,
    ipage: itemPage.page > 1 ? itemPage.page : undefined,
    ppage: projectPage.page > 1 ? projectPage.page : undefined,
  };
  const pageHref = (key: keyof typeof pages, anchor: string) => (n: number) =>
    `${hrefWith("/execution", { ...v.keep, ...pages, [key]: n > 1 ? n : undefined })}#${anchor}`;
  const deptName = v.sp.dept ? deptPage.rows.find((d) => d.departmentId === v.sp.dept)?.department : undefined;
  return { summary, projectCounts, listedItems, deptPage, itemPage, projectPage, pageHref, deptName };
});
