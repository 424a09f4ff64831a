/**
 * Every dashboard page the load benches request, each with its "floor": the same query functions, with the same
 * arguments, that the page itself awaits when its URL carries no parameters (read from app/**\/page.tsx and the
 * dataset routes; keep them in step). A floor measures only the database work, run directly against the store of
 * this process (DATABASE_URL or PGLITE_DIR); rendering, React and HTTP are what a page adds on top.
 *
 * db/queries import "server-only": run this under `tsx --conditions=react-server` (npm run bench does).
 */
import { runDataset } from "../../db/queries/datasets";
import { getBenchmarkPage } from "../../db/queries/benchmark";
import { getBudgetFlags } from "../../db/queries/budget-flags";
import { getBudgetMovers, getBudgetYearsAll } from "../../db/queries/budget-review";
import { getDepartmentList, getDepartmentPage, getDepartmentReport } from "../../db/queries/department";
import {
  getExecutionDepartmentsPage,
  getExecutionItemsPage,
  getExecutionSummary,
  getProjectExecutionCounts,
  getProjectExecutionPage,
} from "../../db/queries/execution";
import { resolveYear } from "../../db/queries/figures";
import { getFlagSummary, getLargestReports, getOverviewTotals } from "../../db/queries/overview-flags";
import { getPerformancePage, getPerformanceSummary } from "../../db/queries/performance";
import {
  getProcurementDepartmentsPage,
  getProcurementSummary,
  getProcurementYears,
} from "../../db/queries/procurement";
import { getCompletenessRanking, getFindings, getReportCount, getRuleCounts } from "../../db/queries/quality";
import {
  getSangongCategories,
  getSangongDepartmentsPage,
  getSangongSummary,
  getSangongYears,
} from "../../db/queries/sangong";
import { getDepartmentsSideBySide, getEconomicStructure, getStructureBreakdown } from "../../db/queries/structure";
import {
  benchmarkParamsSchema,
  departmentListParamsSchema,
  departmentParamsSchema,
  executionParamsSchema,
  overviewParamsSchema,
  parseParams,
  performanceParamsSchema,
  procurementParamsSchema,
  qualityParamsSchema,
  sangongParamsSchema,
  structureParamsSchema,
} from "../../lib/filters";
import { benchPaths, CSV_DATASET, JSON_DATASET } from "./paths";

export { departmentIdFromApp } from "./paths";

export type BenchPage = { path: string; floor: () => Promise<unknown> };

/** The paths with their floors. The only parameter the URLs carry is `synthetic=1`, so each floor parses just that. */
export function benchPages(departmentId: number): BenchPage[] {
  // the params benchPaths sends: the demo city included
  const none = { synthetic: "1" };
  const floors: Record<string, () => Promise<unknown>> = {
    // app/page.tsx
    "/": async () => {
      const sp = parseParams(overviewParamsSchema, none);
      const { year } = await resolveYear(sp.year, sp.synthetic);
      if (year === undefined) return;
      return Promise.all([
        getOverviewTotals(year, sp.synthetic),
        getFlagSummary(year, sp.synthetic, { perKind: 8 }),
        getLargestReports(year, sp.synthetic, 0, 15),
        getLargestReports(year, sp.synthetic, 0, 50),
      ]);
    },
    // app/departments/page.tsx
    "/departments": async () => {
      const sp = parseParams(departmentListParamsSchema, none);
      return getDepartmentPage({ synthetic: sp.synthetic, q: sp.q, sort: sp.sort, offset: 0, limit: 50 });
    },
    // app/departments/[id]/page.tsx (computeCompleteness on the report is CPU in the page, not a query)
    [`/departments/${departmentId}`]: async () => {
      const sp = parseParams(departmentParamsSchema, none);
      return getDepartmentReport(departmentId, sp.year, sp.revision);
    },
    // app/structure/page.tsx (no code, no dept: the subject and history queries are not run)
    "/structure": async () => {
      const sp = parseParams(structureParamsSchema, none);
      const { year } = await resolveYear(sp.year, sp.synthetic);
      if (year === undefined) return;
      const f = { year, synthetic: sp.synthetic, dept: sp.dept, code: sp.code };
      return Promise.all([
        getStructureBreakdown(f),
        getDepartmentsSideBySide({ year, synthetic: sp.synthetic, depts: sp.depts }),
        getEconomicStructure(f),
      ]);
    },
    // app/execution/page.tsx
    "/execution": async () => {
      const sp = parseParams(executionParamsSchema, none);
      const { year } = await resolveYear(sp.year, sp.synthetic);
      if (year === undefined) return;
      const f = { year, synthetic: sp.synthetic, low: sp.low, high: sp.high, dept: sp.dept };
      // counts first (they size the pages), then page 1 of each list (50 rows)
      const [s, pc] = await Promise.all([getExecutionSummary(f), getProjectExecutionCounts(f)]);
      return Promise.all([
        getExecutionDepartmentsPage(f, { pageSize: 50 }, s.departments.total),
        getExecutionItemsPage(f, { pageSize: 50 }, s.items.outside),
        getProjectExecutionPage(f, { pageSize: 50 }, pc.departments),
      ]);
    },
    // app/budget-review/page.tsx (no dept: the city's movers and flags of the newest budget year)
    "/budget-review": async () => {
      const years = await getBudgetYearsAll();
      const year = years[0];
      if (year === undefined) return;
      return Promise.all([getBudgetMovers(year), getBudgetFlags(year)]);
    },
    // app/procurement/page.tsx
    "/procurement": async () => {
      const sp = parseParams(procurementParamsSchema, none);
      const { year } = await resolveYear(sp.year, sp.synthetic);
      if (year === undefined) return;
      const f = { year, synthetic: sp.synthetic, reference: sp.reference, dept: sp.dept };
      const [s] = await Promise.all([getProcurementSummary(f), getProcurementYears({ ...f, dept: undefined })]);
      return getProcurementDepartmentsPage(f, { pageSize: 50 }, s.departments);
    },
    // app/sangong/page.tsx
    "/sangong": async () => {
      const sp = parseParams(sangongParamsSchema, none);
      const { year } = await resolveYear(sp.year, sp.synthetic);
      if (year === undefined) return;
      const f = { year, synthetic: sp.synthetic, dept: sp.dept };
      const [, , s] = await Promise.all([getSangongCategories(f), getSangongYears(f), getSangongSummary(f)]);
      return getSangongDepartmentsPage(f, { pageSize: 50 }, s.departments);
    },
    // app/performance/page.tsx (city-wide list: no project, no dept, so indicators are not inlined)
    "/performance": async () => {
      const sp = parseParams(performanceParamsSchema, none);
      const { year } = await resolveYear(sp.year, sp.synthetic);
      if (year === undefined) return;
      const filter = { year, synthetic: sp.synthetic, dept: sp.dept, maxRate: sp.maxRate };
      return Promise.all([
        getPerformanceSummary(filter),
        getPerformancePage(filter, { offset: 0, limit: 100, indicators: sp.dept !== undefined }),
      ]);
    },
    // app/benchmark/page.tsx (no vs)
    "/benchmark": async () => {
      const sp = parseParams(benchmarkParamsSchema, none);
      const { year, years } = await resolveYear(sp.year, sp.synthetic);
      if (year === undefined) return;
      const vs = sp.vs !== undefined && sp.vs !== year && years.includes(sp.vs) ? sp.vs : undefined;
      return getBenchmarkPage(
        { year, synthetic: sp.synthetic, metric: sp.metric, size: sp.size, vs },
        { page: sp.page, pageSize: 50, extremes: 10, dept: sp.dept },
      );
    },
    // app/quality/page.tsx
    "/quality": async () => {
      const sp = parseParams(qualityParamsSchema, none);
      const { year } = await resolveYear(sp.year, sp.synthetic);
      const f = { ...sp, year };
      await Promise.all([getRuleCounts({ ...f, rule: undefined, severity: undefined }), getReportCount(f)]);
      return Promise.all([getFindings(f, 50, 0), getCompletenessRanking(f, 50, 0)]);
    },
    // app/export/[dataset]/route.ts and app/api/[dataset]/route.ts: runDataset (CSV / JSON serialisation is not a query)
    [`/export/${CSV_DATASET}`]: async () => runDataset(CSV_DATASET, none),
    [`/api/${JSON_DATASET}`]: async () => runDataset(JSON_DATASET, none),
  };
  return benchPaths(departmentId).map((path) => {
    const floor = floors[path.split("?")[0]];
    if (!floor) throw new Error(`benchPages: no floor for ${path}`);
    return { path, floor };
  });
}

/** The department the bench opens: the first of the departments list (real documents sort before synthetic ones). */
export async function departmentIdFromStore(): Promise<number | undefined> {
  return (await getDepartmentList(true))[0]?.departmentId;
}
