import "server-only";
import type { z } from "zod";
import {
  BENCHMARK_METRICS,
  BENCHMARK_SCOPES,
  benchmarkParamsSchema,
  executionParamsSchema,
  performanceParamsSchema,
  procurementParamsSchema,
  sangongParamsSchema,
  SIZE_BANDS,
  structureParamsSchema,
} from "@/lib/filters";
import { getBenchmark } from "./benchmark";
import type { Dataset } from "./datasets";
import { getExecutionDepartments, getExecutionDistribution, getExecutionItems, getProjectExecution } from "./execution";
import { resolveYear } from "./figures";
import { getPerformanceProjects } from "./performance";
import { getProcurementDepartments, getProcurementYears } from "./procurement";
import { getSangongCategories, getSangongDepartments, getSangongYears } from "./sangong";
import { rankingColumns } from "@/lib/views/benchmark";
import {
  indicatorColumns as performanceIndicatorColumns,
  projectColumns as performanceProjectColumns,
} from "@/lib/views/performance";
import {
  departmentColumns as executionDepartmentColumns,
  distributionColumns as executionDistributionColumns,
  itemColumns as executionItemColumns,
  projectColumns as executionProjectColumns,
} from "@/lib/views/execution";
import {
  departmentColumns as procurementDepartmentColumns,
  yearColumns as procurementYearColumns,
} from "@/lib/views/procurement";
import {
  categoryColumns as sangongCategoryColumns,
  departmentColumns as sangongDepartmentColumns,
  unitCostColumns as sangongUnitCostColumns,
  yearColumns as sangongYearColumns,
} from "@/lib/views/sangong";
import {
  departmentShareColumns,
  economicColumns,
  subjectColumns,
  subjectDepartmentColumns,
  yearColumns,
} from "@/lib/views/structure";
import {
  getDepartmentsSideBySide,
  getDepartmentYears,
  getEconomicStructure,
  getStructureBreakdown,
  getSubjectDepartments,
} from "./structure";

type Rows = Awaited<ReturnType<Dataset["fetch"]>>;
type Structure = z.infer<typeof structureParamsSchema>;
type Execution = z.infer<typeof executionParamsSchema>;
type Procurement = z.infer<typeof procurementParamsSchema>;
type Sangong = z.infer<typeof sangongParamsSchema>;
type Performance = z.infer<typeof performanceParamsSchema>;
type Bench = z.infer<typeof benchmarkParamsSchema>;

/** Runs `fn` for the year the page would show (the newest with data when the URL names none). */
function forYear<P extends { year?: number; synthetic: boolean }>(
  fn: (p: P & { year: number }) => Promise<Rows>,
): Dataset["fetch"] {
  return (async (p: P) => {
    const { year } = await resolveYear(p.year, p.synthetic);
    return year === undefined ? [] : fn({ ...p, year });
  }) as Dataset["fetch"];
}

export const dashboardDatasets: Record<string, Dataset> = {
  "structure-subjects": {
    title: "支出结构-支出功能分类构成",
    params: structureParamsSchema,
    columns: subjectColumns,
    fetch: forYear<Structure>(async (p) => (await getStructureBreakdown(p)).rows.map((r) => ({ ...r }))),
  },
  "structure-subject-departments": {
    title: "支出结构-科目的部门分布",
    params: structureParamsSchema,
    columns: subjectDepartmentColumns,
    fetch: forYear<Structure>(async (p) =>
      p.code ? (await getSubjectDepartments({ ...p, code: p.code })).map((r) => ({ ...r })) : [],
    ),
  },
  "structure-departments": {
    title: "支出结构-部门对比",
    params: structureParamsSchema,
    columns: departmentShareColumns,
    fetch: forYear<Structure>(async (p) =>
      (await getDepartmentsSideBySide(p)).selected.map(({ classes: _c, ...r }) => ({ ...r })),
    ),
  },
  "structure-economic": {
    title: "支出结构-经济分类（基本支出）",
    params: structureParamsSchema,
    columns: economicColumns,
    fetch: forYear<Structure>(async (p) => (await getEconomicStructure(p)).rows.map((r) => ({ ...r }))),
  },
  "structure-years": {
    title: "支出结构-部门历年",
    params: structureParamsSchema,
    columns: yearColumns,
    fetch: (async (p: Structure) =>
      p.dept
        ? (await getDepartmentYears({ synthetic: p.synthetic, dept: p.dept })).years.map((r) => ({ ...r }))
        : []) as Dataset["fetch"],
  },

  "execution-departments": {
    title: "预算执行-各部门",
    params: executionParamsSchema,
    columns: executionDepartmentColumns,
    fetch: forYear<Execution>(async (p) => (await getExecutionDepartments(p)).map(({ band: _b, ...r }) => ({ ...r }))),
  },
  "execution-items": {
    title: "预算执行-科目（超出阈值，或所选部门的全部科目）",
    params: executionParamsSchema,
    columns: executionItemColumns,
    fetch: forYear<Execution>(async (p) => (await getExecutionItems(p)).rows.map((r) => ({ ...r }))),
  },
  "execution-distribution": {
    title: "预算执行-执行率分布",
    params: executionParamsSchema,
    columns: executionDistributionColumns,
    fetch: forYear<Execution>(async (p) => (await getExecutionDistribution(p)).bins.map((b) => ({ ...b }))),
  },
  "execution-projects": {
    title: "预算执行-绩效项目执行与自评",
    params: executionParamsSchema,
    columns: executionProjectColumns,
    fetch: forYear<Execution>(async (p) => (await getProjectExecution(p)).map((r) => ({ ...r }))),
  },

  procurement: {
    title: "政府采购-各部门中小企业份额",
    params: procurementParamsSchema,
    columns: procurementDepartmentColumns,
    fetch: forYear<Procurement>(async (p) => (await getProcurementDepartments(p)).map((r) => ({ ...r }))),
  },
  "procurement-years": {
    title: "政府采购-历年",
    params: procurementParamsSchema,
    columns: procurementYearColumns,
    fetch: (async (p: Procurement) => (await getProcurementYears(p)).map((r) => ({ ...r }))) as Dataset["fetch"],
  },

  "sangong-categories": {
    title: "三公经费-分类预算与决算",
    params: sangongParamsSchema,
    columns: sangongCategoryColumns,
    fetch: forYear<Sangong>(async (p) => (await getSangongCategories(p)).categories.map((r) => ({ ...r }))),
  },
  "sangong-years": {
    title: "三公经费-历年",
    params: sangongParamsSchema,
    columns: sangongYearColumns,
    fetch: (async (p: Sangong) => (await getSangongYears(p)).map((r) => ({ ...r }))) as Dataset["fetch"],
  },
  "sangong-departments": {
    title: "三公经费-各部门",
    params: sangongParamsSchema,
    // one download for the two tables of the page: the amounts, then the unit costs
    columns: [...sangongDepartmentColumns, ...sangongUnitCostColumns.slice(1)],
    fetch: forYear<Sangong>(async (p) => (await getSangongDepartments(p)).map((r) => ({ ...r }))),
  },

  "performance-projects": {
    title: "绩效-项目执行率与自评得分",
    params: performanceParamsSchema,
    columns: performanceProjectColumns,
    fetch: forYear<Performance>(async (p) =>
      (await getPerformanceProjects(p, { indicators: false })).projects.map(
        ({ indicators: _i, indicatorCount: _n, ...r }) => ({ ...r }),
      ),
    ),
  },
  "performance-indicators": {
    title: "绩效-指标明细",
    params: performanceParamsSchema,
    columns: performanceIndicatorColumns,
    fetch: forYear<Performance>(async (p) =>
      (await getPerformanceProjects(p)).projects.flatMap((x) =>
        x.indicators.map((i) => ({ department: x.department, synthetic: x.synthetic, project: x.name, ...i })),
      ),
    ),
  },

  benchmark: {
    title: "对标-部门排名",
    params: benchmarkParamsSchema,
    columns: rankingColumns,
    fetch: forYear<Bench>(async (p) =>
      (await getBenchmark(p)).rows.map((r) => ({
        ...r,
        metric: BENCHMARK_METRICS[p.metric],
        peerGroup: `${BENCHMARK_SCOPES[p.scope]}，${SIZE_BANDS[p.size]}`,
      })),
    ),
  },
};
