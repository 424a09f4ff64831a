import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { loadReport } from "../../db/load";
import { getPerformanceProject, getPerformanceProjects } from "../../db/queries/performance";
import { parseDocument } from "../../lib/ingest/parse";
import { makeReport } from "../helpers/factories";
import { forEachDb } from "../helpers/test-db";

/*
 * 004 (烟台市人民政府办公室, 单位决算) prints the sheet of 优化营商环境工作经费 at lines 797-822: A 350, B 18.09,
 * 执行率 5.17%, 总分 90.52, seven indicators from 总成本 (≤350万元 / 18.09万元, 20 / 20) to
 * 企业群众满意度 (≥90% / 90.20%, 10 / 10).
 */
const DOCS = path.resolve(import.meta.dirname, "../fixtures/documents");
const seed = (file: string) => parseDocument(file, new Uint8Array(readFileSync(path.join(DOCS, file))));
const g = globalThis as typeof globalThis & { __fiscalLensStore?: Promise<unknown> };
const real = { year: 2023, synthetic: false, maxRate: 50 };

forEachDb("performance: list without indicators, one project with them", (get) => {
  beforeAll(async () => {
    const t = get();
    g.__fiscalLensStore = Promise.resolve({ db: t.db, driver: t.driver, close: async () => {}, where: t.label });
    for (const r of [seed("000_de383ccec50b5c0e.txt"), seed("004_fcc6ab7362c41973.txt"), makeReport({ year: 2022 })]) {
      await loadReport(t.db, r, { findings: [] });
    }
  });
  afterAll(() => {
    g.__fiscalLensStore = undefined;
  });

  test("the list without indicators has the same projects in the same order, each with its indicator count", async () => {
    const full = await getPerformanceProjects(real);
    const light = await getPerformanceProjects(real, { indicators: false });
    expect(light.summaryOnly).toBe(full.summaryOnly);
    expect(light.projects.map(({ indicators, ...p }) => ({ ...p, indicators: indicators.length }))).toEqual(
      full.projects.map(({ indicators, ...p }) => ({ ...p, indicators: 0 })),
    );
    expect(full.projects.every((p) => p.indicatorCount === p.indicators.length)).toBe(true);
    expect(light.projects.find((p) => p.name === "优化营商环境工作经费")?.indicatorCount).toBe(7);
  });

  test("one project comes with every indicator of its sheet, as printed", async () => {
    const { projects } = await getPerformanceProjects(real, { indicators: false });
    const id = projects.find((p) => p.name === "优化营商环境工作经费")!.id;
    const p = await getPerformanceProject(real, id);
    expect(p).toMatchObject({
      name: "优化营商环境工作经费",
      department: "烟台市人民政府办公室",
      annual: "350",
      executed: "18.09",
      rate: "5.17",
      score: "90.52",
      flagged: true,
      indicatorCount: 7,
    });
    expect(p!.indicators.map((i) => i.level3)).toEqual([
      "总成本",
      "营商环境指标优化提升完成率",
      "营商环境省评成绩",
      "工作完成时间",
      "“政企通”专线诉求解决情况",
      "实质提升营商环境",
      "企业群众满意度",
    ]);
    expect(p!.indicators[6]).toMatchObject({ target: "≥90%", actual: "90.20%", weight: "10", score: "10" });
    // the same project under another threshold is no longer flagged: maxRate travels with the link
    expect((await getPerformanceProject({ ...real, maxRate: 5 }, id))?.flagged).toBe(false);
  });

  test("a project outside the filter's reports is not found: another year, synthetic when only real is asked, no such id", async () => {
    const realId = (await getPerformanceProjects(real, { indicators: false })).projects[0].id;
    const syntheticId = (
      await getPerformanceProjects({ year: 2022, synthetic: true, maxRate: 50 }, { indicators: false })
    ).projects[0].id;
    expect(await getPerformanceProject({ ...real, year: 2022 }, realId)).toBeUndefined();
    expect(await getPerformanceProject({ year: 2022, synthetic: false, maxRate: 50 }, syntheticId)).toBeUndefined();
    expect(await getPerformanceProject({ year: 2022, synthetic: true, maxRate: 50 }, syntheticId)).toBeDefined();
    expect(await getPerformanceProject(real, 99_999_999)).toBeUndefined();
  });
});
