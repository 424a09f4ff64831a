import { cache } from "react";
import { z } from "zod";
import { getPerformancePage, getPerformanceSummary, type PerformanceProject } from "@/db/queries/performance";
import { getSourcesOf } from "@/db/queries/source";
import { performanceParamsSchema } from "@/lib/filters";
import { PROJECT_RATE_FLOOR } from "@/lib/metrics/policy";
import { hrefWith } from "../_components/ui";

/** A city publishes hundreds of projects: the list shows this many per page, flagged ones first. */
export const PAGE_SIZE = 100;

const positive = z
  .preprocess(
    (v) => (Array.isArray(v) ? v[0] : v) || undefined,
    z.coerce.number().int().positive().max(2_147_483_647).optional(),
  )
  .catch(undefined);
export const pageParamsSchema = performanceParamsSchema.extend({ page: positive, project: positive });

type Over = Partial<
  Record<"year" | "synthetic" | "maxRate" | "dept" | "page" | "project", string | number | undefined>
>;

/** The page's filter, the parameters its links keep (the default rate left out), and a link with some changed. */
export function performanceView(sp: z.infer<typeof pageParamsSchema>, year: number) {
  const keep = {
    year,
    synthetic: sp.synthetic ? "1" : undefined,
    maxRate: sp.maxRate === PROJECT_RATE_FLOOR ? undefined : sp.maxRate,
    dept: sp.dept,
  };
  return {
    sp,
    year,
    f: { year, synthetic: sp.synthetic, dept: sp.dept, maxRate: sp.maxRate },
    keep,
    href: (over: Over) => hrefWith("/performance", { ...keep, ...over }),
  };
}

export type PerformanceView = ReturnType<typeof performanceView>;

/** Counts and the distribution of the whole list, in the database; read once a request whichever section asks. */
export const performanceSummary = cache((v: PerformanceView) => getPerformanceSummary(v.f));

/**
 * One page of the list beside the summary; a page past the end shows the last. One department's list is short: its
 * indicators come inline. Read once a request (React cache keys on the one view object).
 */
export const loadProjects = cache(async (v: PerformanceView) => {
  const inline = v.sp.dept !== undefined;
  const pageOf = (n: number) =>
    getPerformancePage(v.f, { offset: (n - 1) * PAGE_SIZE, limit: PAGE_SIZE, indicators: inline });
  const [summary, firstTry] = await Promise.all([performanceSummary(v), pageOf(v.sp.page ?? 1)]);
  const pages = Math.max(1, Math.ceil(summary.total / PAGE_SIZE));
  const page = Math.min(v.sp.page ?? 1, pages);
  const shown = page === (v.sp.page ?? 1) ? firstTry : await pageOf(page);
  const sources = await getSourcesOf(shown.map((p) => p.reportId));
  const projectHref = (p: PerformanceProject) => v.href({ project: p.id, page: page > 1 ? page : undefined });
  return { inline, summary, pages, page, shown, sources, projectHref };
});

export type ProjectsData = Awaited<ReturnType<typeof loadProjects>>;
