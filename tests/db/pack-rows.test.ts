import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { loadReport } from "../../db/load";
import { getDepartmentList, getDepartmentReport } from "../../db/queries/department";
import { getDepartmentPackRows } from "../../db/queries/datasets-pack";
import { getPerformanceProjects, getReportProjects } from "../../db/queries/performance";
import { parseDocument } from "../../lib/ingest/parse";
import { forEachDb } from "../helpers/test-db";

/*
 * 000 (烟台市大数据局) prints 数字烟台建设基础设施运行维护(2023) with 年初预算 7000 cut to 全年预算 425.24, executed 425.24;
 * 004 (烟台市人民政府办公室) names 12345 政务热线平台运营项目经费 with a space in its 绩效自评汇总表 (graded 优) and
 * without one on its sheet: an exact-name match on the pack lost the grade.
 */
const DOCS = path.resolve(import.meta.dirname, "../fixtures/documents");
const seed = (file: string) => parseDocument(file, new Uint8Array(readFileSync(path.join(DOCS, file))));
const g = globalThis as typeof globalThis & { __fiscalLensStore?: Promise<unknown> };

forEachDb("department pack: projects, grades and the CSV rows", (get) => {
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    const t = get();
    g.__fiscalLensStore = Promise.resolve({ db: t.db, driver: t.driver, close: async () => {}, where: t.label });
    for (const r of [seed("000_de383ccec50b5c0e.txt"), seed("004_fcc6ab7362c41973.txt")])
      await loadReport(t.db, r, { findings: [] });
    for (const d of await getDepartmentList(false)) ids[d.department] = d.departmentId;
  });
  afterAll(() => {
    g.__fiscalLensStore = undefined;
  });

  test("a report's projects carry the grade the 绩效 page shows, also where the two tables spell the name differently", async () => {
    const id = ids["烟台市人民政府办公室"];
    const pack = await getDepartmentReport(id);
    const mine = await getReportProjects(pack!.reportId, 50);
    const { projects: dashboard } = await getPerformanceProjects({
      year: 2023,
      synthetic: false,
      dept: id,
      maxRate: 50,
    });
    expect(mine.map((p) => p.name).sort()).toEqual(dashboard.map((p) => p.name).sort());
    for (const p of mine) expect(p).toEqual(dashboard.find((x) => x.id === p.id));
    const hotline = mine.find((p) => p.name.startsWith("12345"))!;
    expect(hotline).toMatchObject({ grade: "优", gradeDerived: false, annual: "3300", executed: "2486.4" });
  });

  test("the CSV rows give both budgets of a cut project, the cut, both rates and the place in the document", async () => {
    const rows = await getDepartmentPackRows(ids["烟台市大数据局"]);
    const of = (item: string) =>
      rows.find(
        (r) =>
          r.section === "绩效自评项目" &&
          r.item.startsWith("数字烟台建设基础设施运行维护") &&
          r.item.endsWith(`（${item}）`),
      );
    expect(of("年初预算")).toMatchObject({ value: "7000", unit: "万元", where: expect.stringMatching(/^第 \d+ 行$/) });
    expect(of("全年预算")?.value).toBe("425.24");
    expect(of("预算调减")?.value).toBe("-6574.76");
    expect(of("执行率，执行数 ÷ 全年预算")?.value).toMatch(/^100(\.0+)?$/);
    expect(of("执行率，执行数 ÷ 年初预算")?.value).toBe("6.07");
    expect(rows.find((r) => r.item === "数据版本")?.value).toMatch(/^\d+\.\d+\.\d+$/);
    const sections = new Set(rows.map((r) => r.section));
    for (const s of [
      "基本信息",
      "核心指标",
      "预算执行（一般公共预算财政拨款）",
      "“三公”经费",
      "政府采购",
      "绩效自评项目",
      "绩效指标",
    ])
      expect(sections).toContain(s);
    // a figure the document does not give is left out, never written as 0 or empty
    expect(rows.every((r) => r.value !== "")).toBe(true);
  });

  test("an unknown department gives no rows", async () => {
    expect(await getDepartmentPackRows(999999)).toEqual([]);
  });
});
