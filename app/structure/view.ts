import type { z } from "zod";
import type { structureParamsSchema } from "@/lib/filters";
import { hrefWith } from "../_components/ui";

/** What every section of /structure shares: the parsed URL, the year shown and how to link within the page. */
export type StructureView = {
  sp: z.infer<typeof structureParamsSchema>;
  year: number;
  /** the URL's filters, kept by every link and download */
  keep: Record<"year" | "synthetic" | "code" | "depts" | "dept" | "q", string | number | undefined>;
  href: (over: Partial<Record<keyof StructureView["keep"] | "page", string | number | undefined>>) => string;
};

export function structureView(sp: StructureView["sp"], year: number): StructureView {
  const keep = {
    year,
    synthetic: sp.synthetic ? "1" : undefined,
    code: sp.code,
    depts: sp.depts.join(",") || undefined,
    dept: sp.dept,
    q: sp.q,
  };
  // the page of "who spends" belongs to one subject: any other link starts again at its first page
  return { sp, year, keep, href: (over) => hrefWith("/structure", { ...keep, ...over }) };
}

/** The department filter in words, or the whole city's. */
export const scopeText = (v: StructureView, deptName: string | undefined, count?: number) =>
  v.sp.dept ? (deptName ?? `部门 ${v.sp.dept}`) : count === undefined ? "全部部门合计" : `全部 ${count} 个部门合计`;
