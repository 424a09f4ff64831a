import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { parseDocument } from "@/lib/ingest/parse";
import { D } from "@/lib/money/decimal";
import type { Report } from "@/lib/report/schema";
import { renderMarkdown } from "@/lib/render/markdown";
import { renderPlainText } from "@/lib/render/plain-text";
import { generateCity } from "@/lib/synth/city";
import { acrossLayouts, asPublished, diffPaths, withoutSource } from "./compare";
import { permuteClasses, pick, prng, rename, scaleReport, shiftReport } from "./perturb";

type Layout = "markdown" | "plain-text";

const DOCS = path.resolve(import.meta.dirname, "../../fixtures/documents");
const SEEDS = {
  "000": { file: "000_de383ccec50b5c0e.txt", layout: "plain-text" as Layout },
  "004": { file: "004_fcc6ab7362c41973.txt", layout: "markdown" as Layout },
};
type SeedId = keyof typeof SEEDS;

const seedReport = (id: SeedId) => parseDocument(SEEDS[id].file, readFileSync(path.join(DOCS, SEEDS[id].file)));
const seeds: Record<SeedId, Report> = { "000": seedReport("000"), "004": seedReport("004") };

const render = (r: Report, layout: Layout) => (layout === "markdown" ? renderMarkdown(r) : renderPlainText(r));
const reparse = (r: Report, layout: Layout, name = `rendered.${layout}.txt`) =>
  parseDocument(name, new TextEncoder().encode(render(r, layout)));
const other = (layout: Layout): Layout => (layout === "markdown" ? "plain-text" : "markdown");

/** The report read back must be the report rendered; across layouts, modulo the two parsers' conventions. */
function roundTripDiff(r: Report, back: Report, layout: Layout, from: Layout): string[] {
  if (layout === from) return diffPaths(withoutSource(r), withoutSource(back));
  const { expected, actual } = acrossLayouts(r, back, layout);
  return diffPaths(expected, actual);
}

describe("两份真实样本：解析 → 渲染 → 再解析", () => {
  test.each(Object.keys(SEEDS) as SeedId[])("%s 按原版式渲染后读回的报告与原报告完全相同", (id) => {
    const layout = SEEDS[id].layout;
    const back = reparse(seeds[id], layout);
    expect(back.source.layout).toBe(layout);
    expect(withoutSource(back)).toEqual(withoutSource(seeds[id]));
  });

  // The only differences left are what the other layout cannot carry; each is a parser finding (see compare.ts).
  test.each([
    ["000", []],
    [
      "004",
      [
        // 资金使用单位 "…驻北京联络处 …驻沪联络处 …驻济南办事处": words separated by spaces run into the project name.
        "appendix.performanceSummary.rows.8.name",
        "appendix.performanceSummary.rows.8.unit",
        // "≥25件 (套)" / "22件 (套)": the plain-text parser reads the actual value as the line's last word.
        "appendix.performanceSheets.7.indicators.1.target",
        "appendix.performanceSheets.7.indicators.1.actual",
      ],
    ],
  ] as [SeedId, string[]][])("%s 按另一版式渲染后读回：除已知的版式限制外相同", (id, limits) => {
    const layout = other(SEEDS[id].layout);
    const back = reparse(seeds[id], layout);
    expect(back.source.layout).toBe(layout);
    const { expected, actual, dropped } = acrossLayouts(seeds[id], back, layout);
    expect(dropped).toEqual(limits);
    expect(actual).toEqual(expected);
  });
});

describe("渲染结果是一份完整、像样的决算公开文件", () => {
  const plain000 = renderPlainText(seeds["000"]);
  const md004 = renderMarkdown(seeds["004"]);
  const lines = plain000.split("\n");

  test("纯文本：单元格以空格相连、空单元格不留痕迹，行与原 PDF 提取结果一致", () => {
    // Seed 000 line 175 and line 189 print exactly these cells (一般公共服务支出 has no amount).
    expect(lines).toContain("一、一般公共预算财政拨款收入 1 8,979.10 一、一般公共服务支出 32");
    expect(lines).toContain("八、其他收入 8 0.18 八、社会保障和就业支出 39 112.81");
    expect(plain000).not.toContain("\t");
  });

  test("纯文本：页脚“第N页，共M页”每页一个，也落在表格中间，换页后表头重印", () => {
    const footers = lines.filter((l) => /^第\d+页，共\d+页$/.test(l));
    const total = Number(/共(\d+)页/.exec(footers[0])![1]);
    expect(footers).toHaveLength(total);
    expect(footers.map((f) => Number(/第(\d+)页/.exec(f)![1]))).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    const start = lines.indexOf("收入决算表");
    const end = lines.findIndex((l, i) => i > start && l.startsWith("注：本表反映部门本年度取得的各项收入情况"));
    const inTable = lines.slice(start, end);
    expect(inTable.some((l) => /^第\d+页，共\d+页$/.test(l))).toBe(true);
    expect(inTable.filter((l) => l === "项 目").length).toBeGreaterThan(1);
  });

  test("纯文本：过长的科目名称折到下一行，科目编码独占一行", () => {
    const at = lines.indexOf("2080505");
    expect(at).toBeGreaterThan(0);
    const next = lines
      .slice(at + 1)
      .filter((l) => l !== "")
      .slice(0, 2);
    expect(next.join("")).toBe("机关事业单位基本养老保险缴费支出 101.65 101.65");
  });

  test("markdown：制表符分隔、保留空单元格，三部分与名词解释、附件齐全", () => {
    // Seed 004 line 123: 行政运行 in 公开02表 with 财政拨款收入 and 其他收入, the columns between left empty.
    expect(md004).toContain("2010301\t行政运行\t3,460.56\t3,458.85\t\t\t\t\t1.72");
    for (const heading of [
      "# 目 录",
      "# 第一部分",
      "## 第二部分",
      "## **第三部分**",
      "## 第四部分",
      "## 第五部分",
      "# 2023年度市级预算项目绩效自评表",
    ]) {
      expect(md004).toContain(heading);
    }
    expect(md004).toContain(
      "2023 年度收、支总计均为 8,255.5 万元。与 2022 年度相比，收、支总计各增加 178.8 万元，增长 2.21%。主要是项目收入和支出增加所导致。",
    );
  });

  test("纯文本：情况说明按国家模板的句式写出（折行后连读）", () => {
    const text = lines.filter((l) => l !== "" && !/^第\d+页/.test(l)).join("");
    expect(text).toContain(
      "2023 年度收、支总计均为 8,979.95 万元。与 2022 年度相比，收、支总计各减少 801.2 万元，下降 8.19%。主要是当年度新增信息化项目支出减少。",
    );
    expect(text).toContain(
      "年初预算为 7,699.13 万元，支出决算为 8,322.57 万元，完成年初预算的 108.1%。决算数大于年初预算数的主要原因是新增信息化项目支出增加。",
    );
    expect(text).toContain("公务用车购置费支出 0 万元，2023 年烟台市大数据局等单位使用财政拨款购置公务用车 0 辆。");
  });
});

describe("报告缺少某些内容时照样渲染、照样读回", () => {
  type Edit = (r: Report) => void;
  const edits: [string, Edit][] = [
    ["没有附件", (r) => (r.appendix = { performanceSheets: [] })],
    ["没有名词解释、职责和预算单位", (r) => ((r.glossary = []), (r.overview = { units: [] }))],
    [
      "“三公”说明不含团组、保有量和国（境）外接待",
      (r) => {
        const s = r.narrative.sangong!;
        delete s.abroadGroups;
        delete s.abroadPersons;
        delete s.vehiclesKept;
        delete s.receptionForeign;
      },
    ],
    [
      "绩效说明不列项目综述",
      (r) => ((r.narrative.performance!.summaries = []), delete r.narrative.performance!.sheetsStated),
    ],
    ["变动只说百分比", (r) => delete r.narrative.changes[0].change],
    ["与上年一致并说明原因", (r) => (r.narrative.changes[3].reason = "本年度无此项收入")],
  ];
  test.each(
    edits.flatMap(([name, edit]) =>
      (["plain-text", "markdown"] as Layout[]).map((layout) => [name, layout, edit] as const),
    ),
  )("%s（%s）", (_name, layout, edit) => {
    const r = structuredClone(seeds["000"]);
    edit(r);
    expect(roundTripDiff(r, reparse(r, layout), layout, "plain-text")).toEqual([]);
  });
});

const SAME_PRECISION_FACTORS = ["2", "3", "7", "10", "0.5", "0.25", "2.5"];
const ITERATIONS = 50;

/**
 * One consistent perturbation of a report: all amounts scaled by one factor, maybe the 类 blocks reordered, maybe
 * another department and year. The plain-text layout only gets factors 10^m with the printed precision moved along
 * (×10: "8979.10" → "89791.0"): both seeds carry 0.01 rounding tails ("本套报表金额单位转换时可能存在尾数误差"), and a
 * factor like 3 at unchanged precision turns a tail into a gap larger than rounding; what the plain-text parser then
 * does is pinned below as findings.
 */
function perturb(base: Report, seed: number, layout: Layout): { report: Report; how: string } {
  const rand = prng(seed);
  const shift = layout === "plain-text" || rand() < 0.3;
  let report: Report;
  let how: string;
  if (shift) {
    const m = pick(rand, [-1, 0, 1, 2]);
    report = shiftReport(base, m);
    how = `×10^${m}（精度随之移动）`;
  } else {
    const k = pick(rand, SAME_PRECISION_FACTORS);
    report = scaleReport(base, new D(k));
    how = `×${k}`;
  }
  if (rand() < 0.5) {
    report = permuteClasses(report, rand);
    how += "，类顺序打乱";
  }
  if (rand() < 0.5) {
    const dept = pick(rand, ["示例市测试局", "青岛市发展和改革委员会", "某县教育和体育局"]);
    const year = pick(rand, [2019, 2021, 2024]);
    report = rename(report, dept, year);
    how += `，改为 ${dept} ${year} 年`;
  }
  return { report, how };
}

describe("性质测试：一致扰动后渲染再解析，得回同一份报告", () => {
  const cases = (Object.keys(SEEDS) as SeedId[]).flatMap((id) =>
    (["markdown", "plain-text"] as Layout[]).map((layout) => [id, layout] as const),
  );
  test.each(cases)(
    "样本 %s，渲染为 %s，%d 次随机扰动".replace("%d", String(ITERATIONS)),
    (id, layout) => {
      const failures: string[] = [];
      for (let i = 0; i < ITERATIONS; i++) {
        const seed = 9001 + i;
        const { report, how } = perturb(seeds[id], seed, layout);
        let diffs: string[];
        try {
          diffs = roundTripDiff(report, reparse(report, layout), layout, SEEDS[id].layout);
        } catch (e) {
          diffs = [`解析失败：${(e as Error).message}`];
        }
        if (diffs.length) failures.push(`种子 ${seed}（${how}）：${diffs.slice(0, 3).join("；")}`);
      }
      expect(failures).toEqual([]);
    },
    240_000,
  );

  test("合成报告（勾稽关系精确）在纯文本版式下任意倍数缩放后仍能唯一归栏", () => {
    const { reports } = generateCity({ departments: 5, years: [2023], seed: 17 });
    const failures: string[] = [];
    for (const [i, base] of reports.entries()) {
      for (const k of ["3", "7", "0.5"]) {
        const r = scaleReport(base, new D(k));
        const back = reparse(r, "plain-text");
        const diffs = diffPaths(asPublished(withoutSource(r)), asPublished(withoutSource(back)));
        if (diffs.length) failures.push(`报告 ${i}（${base.department}）×${k}：${diffs.slice(0, 3).join("；")}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});

describe("曾经的解析器缺口（已修复，留作回归测试）", () => {
  const scaled000 = scaleReport(seeds["000"], new D(3));
  const scaled004 = scaleReport(seeds["004"], new D(2));
  const city = generateCity({ departments: 12, years: [2022], seed: 7 }).reports;
  const withFund = city.find((r) => r.tables.some((t) => t.id === "t07" && t.status === "data"));

  test("前提：扰动后的文件只是把样本自身 0.01 的尾差放大，数据本身一致", () => {
    // 000: 公开02表 合计 财政拨款收入 8,979.10 vs 112.81 + 93.38 + 8,772.92 = 8,979.11, so ×3 a 0.03 gap.
    const t02 = scaled000.tables.find((t) => t.id === "t02")!;
    const classes = t02.rows
      .filter((r) => r.code?.length === 3)
      .reduce((s, r) => s.plus(r.values.fiscal ?? 0), new D(0));
    expect(classes.minus(t02.rows[0].values.fiscal!).toFixed(2)).toBe("0.03");
    // 004: 2010301 行政运行 3,460.56 vs 3,458.85 + 1.72 = 3,460.57, so ×2 a 0.02 gap.
    const row = scaled004.tables.find((t) => t.id === "t02")!.rows.find((r) => r.code === "2010301")!;
    expect(new D(row.values.fiscal!).plus(row.values.other!).minus(row.values.total!).toFixed(2)).toBe("0.02");
    // The markdown layout reads both back exactly: the numbers are fine, only the plain-text placement is in doubt.
    expect(roundTripDiff(scaled000, reparse(scaled000, "markdown"), "markdown", "plain-text")).toEqual([]);
    expect(roundTripDiff(scaled004, reparse(scaled004, "markdown"), "markdown", "markdown")).toEqual([]);
    expect(withFund?.department).toBe("示例市住房和城乡建设局（示例）");
  });

  test("样本 000 ×3 在纯文本中：公开02表各行仍能唯一归栏", () => {
    // 合计 = Σ类 fails by 0.03 in 财政拨款收入 (and 合计); the solver keeps the sum with the least widening that lets it
    // hold instead of setting it aside, so the other columns (上级补助收入 = 0 …) still place every two-cell row.
    expect(reparse(scaled000, "plain-text").ambiguities).toEqual([]);
  });

  test("样本 004 ×2 在纯文本中：尾差放大的行仍能读出", () => {
    // The row misses its identity by 0.02 > the 0.015 rounding tolerance: the placements that miss least are kept (a
    // rounding tail, not a misprint), the other rows' sums choose among them, and the audit reports the difference.
    expect(() => reparse(scaled004, "plain-text")).not.toThrow();
  });

  test("合成报告：公开07表各行的栏目在纯文本中可以确定", () => {
    // "合计 677.58 2921.17 3446.42 3446.42 152.33": 本年支出 = 基本 + 项目 cannot tell the two apart; 公开03表 ≥
    // 公开05表 + 公开07表 per subject does (03's 基本支出 cannot hold 05's and 07's together), and 04's 政府性基金
    // rows tell 年初结转和结余 from 本年收入.
    expect(reparse(withFund!, "plain-text").ambiguities).toEqual([]);
  });
});

describe("合成报告（lib/synth/city.ts）经两种版式往返", () => {
  const { reports } = generateCity({ departments: 10, years: [2022, 2023], seed: 20240601 });

  test("生成了 20 份报告", () => {
    expect(reports).toHaveLength(20);
  });

  test.each(["markdown", "plain-text"] as Layout[])(
    "20 份报告渲染为 %s 后读回，与生成的报告一致",
    (layout) => {
      const failures: string[] = [];
      for (const [i, r] of reports.entries()) {
        const back = reparse(r, layout);
        const expected = asPublished(withoutSource(r));
        const actual = asPublished(withoutSource(back));
        const diffs = diffPaths(expected, actual);
        if (diffs.length) failures.push(`报告 ${i}（${r.department} ${r.year}）：${diffs.slice(0, 3).join("；")}`);
      }
      expect(failures).toEqual([]);
    },
    120_000,
  );
});
