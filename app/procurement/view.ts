import { cache } from "react";
import type { z } from "zod";
import {
  getProcurementDepartment,
  getProcurementDepartmentsPage,
  getProcurementSummary,
  getProcurementYears,
  type ProcurementRow,
} from "@/db/queries/procurement";
import { getTrendPanel } from "@/db/queries/trend-panel";
import type { procurementParamsSchema } from "@/lib/filters";
import { SME_SHARE } from "@/lib/metrics/policy";
import { hrefWith } from "../_components/ui";

/** departments a page of the ranking */
export const PAGE = 50;
const PANEL_KEYS = ["procurementTotal", "procurementSme"];

export type ProcurementView = {
  sp: z.infer<typeof procurementParamsSchema>;
  year: number;
  f: { year: number; synthetic: boolean; reference: number; dept?: number };
  keep: { year: number; synthetic?: string; reference?: number; dept?: number };
  href: (
    over: Partial<Record<"year" | "synthetic" | "reference" | "dept" | "page", string | number | undefined>>,
  ) => string;
};

export function procurementView(sp: ProcurementView["sp"], year: number): ProcurementView {
  const keep = {
    year,
    synthetic: sp.synthetic ? "1" : undefined,
    reference: sp.reference === SME_SHARE.reference ? undefined : sp.reference,
    dept: sp.dept,
  };
  return {
    sp,
    year,
    f: { year, synthetic: sp.synthetic, reference: sp.reference, dept: sp.dept },
    keep,
    href: (over) => hrefWith("/procurement", { ...keep, ...over }),
  };
}

/** Read once per request however many sections ask (React cache keys on the one view object). The ranking's page in view, led by the department looked at (which may appear again in its place, highlighted). */
export const departmentRows = cache(async (v: ProcurementView) => {
  const summary = await getProcurementSummary(v.f);
  const [deptPage, pinned] = await Promise.all([
    getProcurementDepartmentsPage(v.f, { page: v.sp.page, pageSize: PAGE }, summary.departments),
    v.sp.dept ? getProcurementDepartment(v.f, v.sp.dept) : Promise.resolve(undefined),
  ]);
  const rows: (ProcurementRow & { pinned?: boolean })[] = pinned
    ? [{ ...pinned, pinned: true }, ...deptPage.rows]
    : deptPage.rows;
  return { summary, deptPage, pinned, rows };
});

/**
 * The years drawn: one department's, or the city's summed over the same departments every year (those stating both
 * the total and the SME amount in each year drawn), so a department joining does not move the line.
 */
export const yearSeries = cache(async (v: ProcurementView) => {
  const city = { ...v.f, dept: undefined };
  const panel = await getTrendPanel(city, PANEL_KEYS);
  const [panelSeries, citySeries, deptSeries] = await Promise.all([
    getProcurementYears(city, { years: panel.years, ids: panel.included.map((d) => d.id) }),
    getProcurementYears(city),
    v.sp.dept ? getProcurementYears(v.f) : Promise.resolve(undefined),
  ]);
  return { panel, citySeries, series: deptSeries ?? panelSeries };
});
