import { readFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getBenchmark } from "../../db/queries/benchmark";
import {
  getExecutionDepartments,
  getExecutionDistribution,
  getExecutionItems,
  getProjectExecution,
} from "../../db/queries/execution";
import { getPerformanceProjects } from "../../db/queries/performance";
import { getProcurementDepartments, getProcurementYears } from "../../db/queries/procurement";
import { getSangongCategories, getSangongDepartments, getSangongYears } from "../../db/queries/sangong";
import { getTrendPanel } from "../../db/queries/trend-panel";
import {
  getDepartmentsSideBySide,
  getDepartmentYears,
  getEconomicStructure,
  getStructureBreakdown,
  getSubjectDepartments,
} from "../../db/queries/structure";
import { loadReport } from "../../db/load";
import * as s from "../../db/schema";
import { parseDocument } from "../../lib/ingest/parse";
import type { Report } from "../../lib/report/schema";
import { makeReport, mutate, rowOf } from "../helpers/factories";
import { forEachDb, type TestDb } from "../helpers/test-db";

/*
 * Expected figures are read from the documents themselves:
 * - 000 (烟台市大数据局, 部门决算): 公开03表 lines 346-389, 公开06表 lines 591-677, 公开09表 line 768,
 *   年初预算 line 873-877, 项 items lines 883-940, 政府采购 lines 1039-1047, 三公 counts lines 998-1024.
 * - 004 (烟台市人民政府办公室本级, 单位决算): 公开03表 lines 164-195, 公开09表 line 378, 年初预算 line 475, items 477-503,
 *   三公 lines 531-545, 政府采购 line 555, 绩效自评汇总表 lines 675-685 and the sheets from line 691.
 * Hand-made reports (tests/helpers/factories.ts, synthetic) add a second year, a 单位决算 twin and a small department.
 */
const DOCS = path.resolve(import.meta.dirname, "../fixtures/documents");
const seed = (file: string) => parseDocument(file, new Uint8Array(readFileSync(path.join(DOCS, file))));

const BIG_DATA = "烟台市大数据局";
const GOV_OFFICE = "烟台市人民政府办公室";
const TEST_DEPT = "示例市测试局";
const SMALL_DEPT = "示例市乙局";

const withSha = (r: Report, tag: string) => mutate(r, (x) => (x.source.sha256 = tag.padEnd(64, "0").slice(0, 64)));

/** 2022 of the test department: 三公 30.00 (2023: 34.00), SME 50%, 年初预算 1000.00 so the execution rate is 100.00. */
function testDept2022(): Report {
  return withSha(
    mutate(makeReport({ year: 2022 }), (r) => {
      rowOf(r, "t09", { key: "sangong" }).values.finalTotal = "30.00";
      r.narrative.procurement = { ...r.narrative.procurement!, total: "200.00", sme: "100.00", smeShare: "50" };
      r.narrative.budgetExecution = { ...r.narrative.budgetExecution!, initialBudget: "1000.00" };
    }),
    "a2022",
  );
}

/** 2023 of the test department, with the summary table silent on one project's grade. */
function testDept2023(): Report {
  return withSha(
    mutate(makeReport(), (r) => {
      delete r.appendix.performanceSummary!.rows[1].grade;
    }),
    "a2023",
  );
}

/** The same department's 单位决算: must never be added to its 部门决算. */
function testDeptUnit(): Report {
  return withSha(
    mutate(makeReport({ scope: "单位决算" }), (r) => {
      r.narrative.procurement = { ...r.narrative.procurement!, smeShare: "10" };
      for (const row of r.tables.find((t) => t.id === "t03")!.rows) if (row.code === "208") row.values.total = "999.00";
    }),
    "aunit",
  );
}

/** A small department (本年支出合计 900.00) whose 年初预算 equals its 决算. */
function smallDept(): Report {
  return withSha(
    mutate(makeReport({ department: SMALL_DEPT }), (r) => {
      for (const row of r.tables.find((t) => t.id === "t01")!.rows)
        if (row.key === "expenditureTotal") row.values.amount = "900.00";
      r.narrative.budgetExecution = { ...r.narrative.budgetExecution!, initialBudget: "1000.00" };
      r.narrative.procurement = undefined;
    }),
    "asmall",
  );
}

const g = globalThis as typeof globalThis & { __fiscalLensStore?: Promise<unknown> };

forEachDb("dashboard queries", (get) => {
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    const t: TestDb = get();
    // The query modules read the process store through db/client; point it at this test database.
    g.__fiscalLensStore = Promise.resolve({ db: t.db, driver: t.driver, close: async () => {}, where: t.label });
    for (const r of [
      seed("000_de383ccec50b5c0e.txt"),
      seed("004_fcc6ab7362c41973.txt"),
      testDept2022(),
      testDept2023(),
      testDeptUnit(),
      smallDept(),
    ]) {
      await loadReport(t.db, r, { findings: [], completeness: "90" });
    }
    for (const d of await t.db.select().from(s.departments)) ids[d.name] = d.id;
    expect(Object.keys(ids).sort()).toEqual([SMALL_DEPT, TEST_DEPT, BIG_DATA, GOV_OFFICE].sort());
  });

  afterAll(() => {
    g.__fiscalLensStore = undefined;
  });

  const real = { year: 2023, synthetic: false };

  describe("structure", () => {
    test("类 composition of the two real reports: sums of 公开03表, largest first, shares of the 合计", async () => {
      const b = await getStructureBreakdown(real);
      expect(b.level).toBe("类");
      expect(b.totals).toEqual({ total: "17231.4", basic: "5195.94", project: "12035.46", reports: 2 });
      expect(b.rows.map((r) => [r.code, r.total, r.basic, r.project, r.share, r.reports])).toEqual([
        ["215", "8792.65", "1248.97", "7543.68", "51.03", 2],
        ["201", "6737.35", "3459.35", "3278.01", "39.10", 1],
        ["229", "1077.24", undefined, "1077.24", "6.25", 1],
        ["210", "338.14", "201.6", "136.54", "1.96", 2],
        ["208", "286.02", "286.02", undefined, "1.66", 2],
      ]);
    });

    test.each([
      [
        "210",
        "款",
        [
          ["21011", "201.6", "59.62"],
          ["21004", "136.54", "40.38"],
        ],
      ],
      [
        "21011",
        "项",
        [
          ["2101101", "82.43", "40.89"],
          ["2101103", "62.95", "31.23"],
          ["2101102", "30.81", "15.28"],
          ["2101199", "25.41", "12.60"],
        ],
      ],
    ])("drill-down ?code=%s lists its %s with shares of the parent", async (code, level, expected) => {
      const b = await getStructureBreakdown({ ...real, code });
      expect(b.level).toBe(level);
      expect(b.rows.map((r) => [r.code, r.total, r.share])).toEqual(expected);
      expect(b.path.map((p) => p.code)).toEqual(code.length === 3 ? ["210"] : ["210", "21011"]);
      expect(b.path[0]).toMatchObject({ code: "210", name: "卫生健康支出", total: "338.14" });
    });

    test("one department: 215 of 烟台市大数据局 drills to 21505, which is all of it", async () => {
      const b = await getStructureBreakdown({ ...real, dept: ids[BIG_DATA], code: "215" });
      expect(b.totals).toEqual({ total: "8979.11", basic: "1433.56", project: "7545.55", reports: 1 });
      expect(b.rows).toEqual([
        {
          code: "21505",
          name: "工业和信息产业监管",
          total: "8772.92",
          basic: "1248.97",
          project: "7523.95",
          reports: 1,
          share: "100.00",
        },
      ]);
    });

    test("a subject the department does not print: no rows, the breadcrumb still names it", async () => {
      const b = await getStructureBreakdown({ ...real, dept: ids[BIG_DATA], code: "201" });
      expect(b.rows).toEqual([]);
      expect(b.path).toEqual([{ code: "201", name: expect.stringContaining("一般公共服务支出"), total: undefined }]);
    });

    test("who spends on 210 卫生健康支出", async () => {
      const who = await getSubjectDepartments({ ...real, code: "210" });
      expect(who.map((d) => [d.department, d.total, d.share])).toEqual([
        [GOV_OFFICE, "244.76", "72.38"],
        [BIG_DATA, "93.38", "27.62"],
      ]);
    });

    test("经济分类 of 烟台市大数据局 (公开06表 three-digit rows); empty rows (307, 312, 399) are left out", async () => {
      const e = await getEconomicStructure({ ...real, dept: ids[BIG_DATA] });
      expect(e).toMatchObject({ personnel: "1266.86", public: "166.7", base: "1433.56", reports: 1 });
      expect(e.rows.map((r) => [r.code, r.amount, r.share])).toEqual([
        ["301", "1256.78", "87.67"],
        ["302", "163.19", "11.38"],
        ["303", "10.08", "0.70"],
        ["310", "3.52", "0.25"],
      ]);
    });

    test("side by side: both real departments by default, largest first, shares as figures give them", async () => {
      const side = await getDepartmentsSideBySide({ ...real, depts: [] });
      expect(side.defaulted).toBe(true);
      expect(
        side.selected.map((d) => [d.department, d.expenditureTotal, d.basicShare, d.projectShare, d.personnelShare]),
      ).toEqual([
        [BIG_DATA, "8979.11", "15.97", "84.03", "88.37"],
        [GOV_OFFICE, "8252.29", "45.59", "54.41", "84.51"],
      ]);
      expect(side.selected[0].classes["215"]).toEqual({ amount: "8772.92", share: "97.70" });
      expect(side.classes.map((c) => c.code)).toEqual(["215", "201", "229", "210", "208"]);
    });

    test("side by side: an explicit selection keeps its order; unknown ids are dropped", async () => {
      const side = await getDepartmentsSideBySide({ ...real, depts: [ids[GOV_OFFICE], 999999] });
      expect(side.defaulted).toBe(false);
      expect(side.selected.map((d) => d.department)).toEqual([GOV_OFFICE]);
      expect(side.all).toHaveLength(2);
    });

    test("a department with a 部门决算 and a 单位决算 is read through the 部门决算 only", async () => {
      const b = await getStructureBreakdown({ year: 2023, synthetic: true, dept: ids[TEST_DEPT] });
      expect(b.totals.reports).toBe(1);
      expect(b.rows.find((r) => r.code === "208")?.total).toBe("100");
    });

    test("one department across years", async () => {
      const h = await getDepartmentYears({ synthetic: true, dept: ids[TEST_DEPT] });
      expect(h.department).toBe(TEST_DEPT);
      expect(h.years.map((y) => [y.year, y.scope, y.expenditureTotal, y.basic, y.project])).toEqual([
        [2022, "部门决算", "1005.00", "705.00", "300.00"],
        [2023, "部门决算", "1005.00", "705.00", "300.00"],
      ]);
      expect(h.classes.map((c) => [c.code, c.byYear[2023]])).toEqual([
        ["201", { amount: "905", share: "90.05" }],
        ["208", { amount: "100", share: "9.95" }],
      ]);
    });
  });

  describe("execution", () => {
    const f = { ...real, low: 80, high: 120 };

    test("per department: 年初预算 vs 决算 with the stated reason, largest deviation first", async () => {
      const rows = await getExecutionDepartments(f);
      expect(
        rows.map((r) => [r.department, r.initialBudget, r.final, r.rate, r.statedRate, r.difference, r.outside]),
      ).toEqual([
        [BIG_DATA, "8291.49", "8979.11", "108.29", "108.29", "687.62", false],
        [GOV_OFFICE, "7958.4", "8251.79", "103.69", "103.69", "293.39", false],
      ]);
      expect(rows[0].reason).toContain("新增信息化项目支出增加");
      expect(rows[1].reason).toContain("年中有人员的经费追加");
    });

    test("thresholds move departments out of range", async () => {
      const rows = await getExecutionDepartments({ ...f, low: 95, high: 105 });
      expect(rows.filter((r) => r.outside).map((r) => r.department)).toEqual([BIG_DATA]);
    });

    test("items of 烟台市大数据局: every 项 with the rate as stated; 年初无预算 has none", async () => {
      const { rows, total, outside } = await getExecutionItems({ ...f, dept: ids[BIG_DATA] });
      expect(total).toBe(9);
      expect(outside).toBe(2);
      expect(
        rows.slice(0, 2).map((i) => [i.path, i.initialBudget, i.final, i.rate, i.noInitialBudget, i.reason]),
      ).toEqual([
        [
          "社会保障和就业支出 / 行政事业单位养老支出 / 机关事业单位职业年金缴费支出",
          "15.17",
          "11.16",
          "73.57",
          false,
          "当年度退休人员支出减少",
        ],
        ["卫生健康支出 / 公共卫生 / 突发公共卫生事件应急处理", "0", "21.6", undefined, true, "当年度新增疫情保障资金"],
      ]);
      expect(rows.find((i) => i.path.endsWith("行政运行"))).toMatchObject({
        initialBudget: "325.5",
        final: "374.34",
        rate: "115",
        rateStated: true,
        outside: false,
      });
    });

    test("without a department only the outliers are listed, across departments", async () => {
      const { rows, total } = await getExecutionItems(f);
      expect(total).toBe(21);
      expect(rows.filter((i) => i.rate !== undefined).map((i) => [i.department, i.rate])).toEqual([
        [GOV_OFFICE, "62.5"],
        [GOV_OFFICE, "69.36"],
        [GOV_OFFICE, "129.14"],
        [BIG_DATA, "73.57"],
      ]);
      expect(rows.filter((i) => i.noInitialBudget)).toHaveLength(7);
      expect(rows.filter((i) => i.noInitialBudget)[0]).toMatchObject({ department: GOV_OFFICE, final: "1077.24" });
    });

    test("distribution: bins include the thresholds; 年初无预算 items are counted apart", async () => {
      const d = await getExecutionDistribution(f);
      expect(d.bins.map((b) => b.label)).toEqual([
        "50% 以下",
        "50–80%",
        "80–90%",
        "90–100%",
        "100–110%",
        "110–120%",
        "120–150%",
        "150% 及以上",
      ]);
      expect(d.bins.map((b) => b.departments)).toEqual([0, 0, 0, 0, 2, 0, 0, 0]);
      // 62.5 69.36 73.57 | 97.12 | 100 ×7 108.1 | 115 | 129.14
      expect(d.bins.map((b) => b.items)).toEqual([0, 3, 0, 1, 8, 1, 1, 0]);
      expect(d.itemsWithoutBudget).toBe(7);
      expect(d.departmentMedian).toBe("105.99");
    });

    test("绩效 project execution beside the scores", async () => {
      const rows = await getProjectExecution(real);
      const gov = rows.find((r) => r.department === GOV_OFFICE)!;
      expect(gov).toMatchObject({
        projects: 9,
        annual: "4995",
        executed: "3322.86",
        rate: "66.52",
        minRate: "5.17",
        excellent: 9,
        low: 5,
      });
      expect(rows[0].department).toBe(GOV_OFFICE);
      expect(rows.find((r) => r.department === BIG_DATA)).toMatchObject({ projects: 9, low: 0, avgScore: "100.00" });
    });
  });

  describe("procurement", () => {
    test("per department, lowest SME share first, against the reference line", async () => {
      const rows = await getProcurementDepartments({ ...real, reference: 40 });
      expect(
        rows.map((r) => [
          r.department,
          r.total,
          r.goods,
          r.works,
          r.services,
          r.sme,
          r.smeShare,
          r.smallMicro,
          r.smallMicroShare,
          r.below,
        ]),
      ).toEqual([
        [BIG_DATA, "8281.83", "14.43", "0", "8267.4", "1839.9", "22.22", "492.19", "5.94", true],
        [GOV_OFFICE, "320.11", "59.33", "0", "260.78", "311.24", "97.23", "301.65", "94.23", false],
      ]);
      expect(rows.every((r) => r.priorSmeShare === undefined && r.change === undefined)).toBe(true);
    });

    test("the 部门决算 is read, not the 单位决算 twin; the change on the year before is in percentage points", async () => {
      const rows = await getProcurementDepartments({ year: 2023, synthetic: true, reference: 40 });
      expect(rows.find((r) => r.department === TEST_DEPT)).toMatchObject({
        smeShare: "62.5",
        priorSmeShare: "50",
        change: "12.5",
        below: false,
      });
      expect(rows[rows.length - 1]).toMatchObject({ department: SMALL_DEPT, smeShare: undefined, below: false });
    });

    test("across years: weighted shares over departments that disclose both figures", async () => {
      const years = await getProcurementYears({ synthetic: false, reference: 40 });
      expect(years).toEqual([
        {
          year: 2023,
          departments: 2,
          total: "8601.94",
          goods: "73.76",
          works: "0",
          services: "8528.18",
          sme: "2151.14",
          smallMicro: "793.84",
          smeShare: "25.01",
          smallMicroShare: "9.23",
          medianSmeShare: "59.725",
          below: 1,
        },
      ]);
      const one = await getProcurementYears({ synthetic: true, reference: 60, dept: ids[TEST_DEPT] });
      expect(one.map((y) => [y.year, y.smeShare, y.below])).toEqual([
        [2022, "50.00", 1],
        [2023, "62.50", 0],
      ]);
    });
  });

  describe("三公", () => {
    test("categories: 公开09表 cells summed; a column no report fills stays undefined", async () => {
      const c = await getSangongCategories(real);
      expect(c.reportsWithTable).toBe(2);
      expect(c.categories.map((x) => [x.key, x.budget, x.final, x.rate, x.reports])).toEqual([
        ["Abroad", "40.66", "40.66", "100.00", 1],
        ["VehiclePurchase", undefined, undefined, undefined, 0],
        ["VehicleOperation", "23.07", "23.07", "100.00", 2],
        ["Reception", "78.16", "78.16", "100.00", 2],
        ["Total", "141.89", "141.89", "100.00", 2],
      ]);
    });

    test("departments: unit costs from the narrative counts; no persons abroad gives no cost per person", async () => {
      const rows = await getSangongDepartments(real);
      expect(
        rows.map((r) => [
          r.department,
          r.final,
          r.receptionPersons,
          r.receptionPerPersonYuan,
          r.vehiclesKept,
          r.operationPerVehicle,
          r.abroadPersons,
          r.abroadPerPerson,
        ]),
      ).toEqual([
        [GOV_OFFICE, "136.54", "5728", "129.87", "8", "2.69", "10", "4.07"],
        [BIG_DATA, "5.35", "299", "126.09", "1", "1.58", "0", undefined],
      ]);
    });

    test("the trend sums the same departments every year, and names those left out", async () => {
      const panel = await getTrendPanel({ synthetic: true }, ["sangongFinal"]);
      // only the test department has 三公 in both 2022 and 2023; the others joined in 2023
      expect(panel.years).toEqual([2022, 2023]);
      expect(panel.included.map((d) => d.name)).toEqual([TEST_DEPT]);
      expect(panel.excluded.map((d) => [d.name, d.reason])).toEqual(
        expect.arrayContaining([
          [BIG_DATA, "缺 2022 年"],
          [GOV_OFFICE, "缺 2022 年"],
        ]),
      );
      const years = await getSangongYears(
        { synthetic: true },
        { years: panel.years, ids: panel.included.map((d) => d.id) },
      );
      expect(years.map((y) => [y.year, y.departments, y.final])).toEqual([
        [2022, 1, "30"],
        [2023, 1, "34"],
      ]);
      // real documents only: 2023 (烟台) and nothing in another year, so no trend is drawn
      const real = await getTrendPanel({ synthetic: false }, ["sangongFinal"]);
      expect(real.years).toEqual([]);
      expect(real.excluded.map((d) => [d.name, d.reason])).toEqual([
        [GOV_OFFICE, "只有 2023 年一年的数据"],
        [BIG_DATA, "只有 2023 年一年的数据"],
      ]);
      expect(await getSangongYears({ synthetic: false }, { years: real.years, ids: [] })).toEqual([]);
    });

    test("change on the year before, and the trend of one department", async () => {
      const rows = await getSangongDepartments({ year: 2023, synthetic: true });
      expect(rows.find((r) => r.department === TEST_DEPT)).toMatchObject({
        final: "34.00",
        priorFinal: "30.00",
        change: "4",
        changePct: "13.33",
      });
      const years = await getSangongYears({ synthetic: true, dept: ids[TEST_DEPT] });
      expect(years.map((y) => [y.year, y.departments, y.final, y.reception])).toEqual([
        [2022, 1, "30", "10"],
        [2023, 1, "34", "10"],
      ]);
    });
  });

  describe("performance", () => {
    test("优 with low execution first, lowest rate first; the indicators come with each project", async () => {
      const { projects, summaryOnly } = await getPerformanceProjects({ ...real, maxRate: 50 });
      expect(projects).toHaveLength(18);
      // every 汇总表 row has its sheet (000 names one "…科普宣传等经费" in the summary and "…科普宣传经费" on the sheet)
      expect(summaryOnly).toBe(0);
      expect(
        projects.filter((p) => p.flagged).map((p) => [p.name, p.annual, p.executed, p.rate, p.score, p.grade]),
      ).toEqual([
        ["优化营商环境工作经费", "350", "18.09", "5.17", "90.52", "优"],
        ["政务公开优化提升、运维、租赁专项经费", "240", "17.22", "7.18", "90.72", "优"],
        ["政府工作报告起草专项经费", "22", "1.75", "7.95", "90.8", "优"],
        ["决策支持服务平台建设专项经费", "200", "34.71", "17.36", "91.74", "优"],
        ["购买办公家具、办公设备专项经费", "15", "3.64", "24.27", "91.43", "优"],
      ]);
      expect(projects.slice(0, 5).every((p) => p.flagged)).toBe(true);
      const first = projects[0];
      expect(first.indicators).toHaveLength(7);
      expect(first.indicators[0]).toMatchObject({
        level3: "总成本",
        target: "≤350万元",
        actual: "18.09万元",
        weight: "20",
        score: "20",
      });
    });

    test("maxRate moves the line; a department filter keeps only its projects", async () => {
      const { projects } = await getPerformanceProjects({ ...real, maxRate: 10 });
      expect(projects.filter((p) => p.flagged).map((p) => p.rate)).toEqual(["5.17", "7.18", "7.95"]);
      const big = await getPerformanceProjects({ ...real, maxRate: 50, dept: ids[BIG_DATA] });
      expect(big.projects).toHaveLength(9);
      expect(big.projects.some((p) => p.flagged)).toBe(false);
      expect(big.projects.find((p) => p.name === "烟台市城市大脑运行场所配套设施")).toMatchObject({
        annual: "604.6242",
        executed: "604.6242",
        rate: "100",
      });
    });

    test("a grade missing from the summary is derived from the score and marked as such", async () => {
      const { projects } = await getPerformanceProjects({
        year: 2023,
        synthetic: true,
        maxRate: 50,
        dept: ids[TEST_DEPT],
      });
      expect(projects.map((p) => [p.name, p.rate, p.score, p.grade, p.gradeDerived])).toEqual([
        ["办公设备购置", "80", "73", "中", true],
        ["信息系统运维", "95", "97.5", "优", false],
      ]);
    });
  });

  describe("benchmark", () => {
    test("execution rate: ranked by distance from 100% either way; 部门决算 only; no median of fewer than 5 peers", async () => {
      const b = await getBenchmark({ year: 2023, synthetic: true, metric: "executionRate", size: "all" });
      // 125% is 25 points off, as far as 75% would be: it ranks last, not first
      expect(b.rows.map((r) => [r.department, r.value, r.distance, r.rank, r.percentile, r.fromMedian])).toEqual([
        [SMALL_DEPT, "100.00", "0", 1, "100.00", undefined],
        [BIG_DATA, "108.29", "8.29", 2, "66.67", undefined],
        [TEST_DEPT, "125.00", "25", 3, "33.33", undefined],
      ]);
      // 烟台市人民政府办公室 publishes a 单位决算: ranked among 单位决算, never beside 部门决算
      expect(b).toMatchObject({ peers: 3, otherScope: 1, median: undefined });
      const units = await getBenchmark({
        year: 2023,
        synthetic: true,
        metric: "executionRate",
        size: "all",
        scope: "unit",
      });
      expect(units.rows.map((r) => [r.department, r.scope, r.value, r.rank])).toEqual([
        [GOV_OFFICE, "单位决算", "103.69", 1],
      ]);
      expect(units).toMatchObject({ peers: 1, otherScope: 3 });
      const medium = await getBenchmark({ year: 2023, synthetic: true, metric: "executionRate", size: "medium" });
      expect(medium).toMatchObject({ peers: 2, median: undefined });
    });

    test.each([
      ["sangongPerPersonnel", BIG_DATA, "0.42"],
      ["publicCostShare", BIG_DATA, "11.63"],
      ["projectShare", GOV_OFFICE, "54.41"],
      ["smeShare", GOV_OFFICE, "97.23"],
      ["sangongFinal", GOV_OFFICE, "136.54"],
      ["completeness", BIG_DATA, "90.00"],
    ] as const)("%s of %s is %s", async (metric, dept, value) => {
      const b = await getBenchmark({
        year: 2023,
        synthetic: false,
        metric,
        size: "all",
        scope: dept === GOV_OFFICE ? "unit" : "department",
      });
      expect(b.rows.find((r) => r.department === dept)?.value).toBe(value);
    });

    test("size bands on 本年支出合计; a department without the figure is listed as missing, not ranked", async () => {
      const small = await getBenchmark({ year: 2023, synthetic: true, metric: "smeShare", size: "small" });
      expect(small).toMatchObject({ peers: 0, missing: 1, otherBands: 2, otherScope: 1 });
      expect(small.rows.map((r) => [r.department, r.size, r.value, r.rank])).toEqual([
        [SMALL_DEPT, "small", undefined, undefined],
      ]);
      const medium = await getBenchmark({ year: 2023, synthetic: true, metric: "smeShare", size: "medium" });
      expect(medium.rows.map((r) => r.department)).toEqual([TEST_DEPT, BIG_DATA]);
    });

    test("change between years: only departments present in both years are ranked", async () => {
      const b = await getBenchmark({ year: 2023, synthetic: true, metric: "executionRate", size: "all", vs: 2022 });
      expect(b.mode).toBe("change");
      // 100% → 125%: 25 points further from 100%
      expect(b.rows[0]).toMatchObject({
        department: TEST_DEPT,
        current: "125.00",
        previous: "100.00",
        value: "25",
        distance: "25",
        rank: 1,
        percentile: "100.00",
      });
      expect(b).toMatchObject({ peers: 1, missing: 2, median: undefined });
    });
  });

  test("a year with no reports gives empty results, never zeros", async () => {
    const y = { year: 2019, synthetic: true };
    expect((await getStructureBreakdown(y)).rows).toEqual([]);
    expect((await getStructureBreakdown(y)).totals).toEqual({
      total: undefined,
      basic: undefined,
      project: undefined,
      reports: 0,
    });
    expect(await getExecutionDepartments({ ...y, low: 80, high: 120 })).toEqual([]);
    expect((await getSangongCategories(y)).categories.every((c) => c.final === undefined)).toBe(true);
    expect((await getBenchmark({ ...y, metric: "executionRate", size: "all" })).rows).toEqual([]);
  });

  test("ids used above exist in the store", async () => {
    const [d] = await get().db.select().from(s.departments).where(eq(s.departments.name, BIG_DATA));
    expect(d.id).toBe(ids[BIG_DATA]);
  });
});
