import { cache } from "react";
import type { z } from "zod";
import {
  getSangongDepartment,
  getSangongDepartmentsPage,
  getSangongSummary,
  type SangongDepartment,
} from "@/db/queries/sangong";
import type { sangongParamsSchema } from "@/lib/filters";
import { hrefWith } from "../_components/ui";

/** departments a page of the ranking */
export const PAGE = 50;

export type SangongView = {
  sp: z.infer<typeof sangongParamsSchema>;
  year: number;
  f: { year: number; synthetic: boolean; dept?: number };
  keep: { year: number; synthetic?: string; dept?: number };
  href: (over: Partial<Record<"year" | "synthetic" | "dept" | "page", string | number | undefined>>) => string;
};

export function sangongView(sp: SangongView["sp"], year: number): SangongView {
  const keep = { year, synthetic: sp.synthetic ? "1" : undefined, dept: sp.dept };
  return {
    sp,
    year,
    f: { year, synthetic: sp.synthetic, dept: sp.dept },
    keep,
    href: (over) => hrefWith("/sangong", { ...keep, ...over }),
  };
}

/** The page of the department ranking in view, led by the department looked at (both tables show the same rows). */
export const departmentRows = cache(async (v: SangongView) => {
  const summary = await getSangongSummary(v.f);
  const [deptPage, pinned] = await Promise.all([
    getSangongDepartmentsPage(v.f, { page: v.sp.page, pageSize: PAGE }, summary.departments),
    v.sp.dept ? getSangongDepartment(v.f, v.sp.dept) : Promise.resolve(undefined),
  ]);
  const rows: (SangongDepartment & { pinned?: boolean })[] = pinned
    ? [{ ...pinned, pinned: true }, ...deptPage.rows]
    : deptPage.rows;
  return { summary, deptPage, pinned, rows };
});
