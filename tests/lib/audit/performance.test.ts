import { describe, expect, test } from "vitest";
import { D } from "@/lib/money/decimal";
import { matchProjects, projectKey } from "@/lib/audit/project-match";
import { gradeOf, normaliseGrade } from "@/lib/audit/rules/performance-summary";
import type { Severity } from "@/lib/audit/types";
import type { Report } from "@/lib/report/schema";
import { makeReport, mutate } from "../../helpers/factories";
import { auditSummary, findingsOf } from "./helpers";

const base = makeReport();
const n = (change: (r: Report) => void) => () => mutate(base, change);
const sheetA = (r: Report) => r.appendix.performanceSheets[0];
const sheetB = (r: Report) => r.appendix.performanceSheets[1];
const rowA = (r: Report) => r.appendix.performanceSummary!.rows[0];
const rowB = (r: Report) => r.appendix.performanceSummary!.rows[1];
const narrA = (r: Report) => r.narrative.performance!.summaries[0];

type Case = [name: string, make: () => Report, expected: Record<string, Severity[]>];

/** Sheet A: indicator scores 20+18+20+20+10 = 88, funds 95% × 10 = 9.5, total 97.5, graded 优. Sheet B: 65 + 8 = 73, 中. */
const sheets: Case[] = [
  [
    "sheet A indicator 18 → 19: total no longer adds up",
    n((r) => {
      sheetA(r).indicators[1].score = "19";
    }),
    { PERF_TOTAL_SCORE: ["error"] },
  ],
  [
    "sheet A 总分 97.51: a rounding tail everywhere it is repeated",
    n((r) => {
      sheetA(r).totalScore = "97.51";
    }),
    { PERF_TOTAL_SCORE: ["rounding"], PERF_SUMMARY_VS_SHEET: ["rounding"], PERF_NARRATIVE_VS_SHEET: ["rounding"] },
  ],
  [
    "sheet A 执行率得分 8.5 instead of 9.5",
    n((r) => {
      sheetA(r).funds.total.score = "8.5";
    }),
    { PERF_FUNDS_SCORE: ["error"], PERF_TOTAL_SCORE: ["error"] },
  ],
  [
    "sheet B 执行率 85 for 40 / 50",
    n((r) => {
      sheetB(r).funds.total.rate = "85";
    }),
    { PERF_EXECUTION_RATE: ["error"] },
  ],
  [
    "sheet A indicator scored 12 of 10",
    n((r) => {
      sheetA(r).indicators[4].score = "12";
    }),
    { PERF_INDICATOR_OVER_WEIGHT: ["error"], PERF_TOTAL_SCORE: ["error"] },
  ],
  [
    "sheet A weights add up to 105",
    n((r) => {
      sheetA(r).indicators[0].weight = "25";
    }),
    { PERF_WEIGHT_TOTAL: ["warning"] },
  ],
  [
    "sheet A 当年财政拨款 执行数 90.00 of 95.00",
    n((r) => {
      sheetA(r).funds.fiscal!.executed = "90.00";
    }),
    { PERF_FUNDS_SPLIT: ["error"] },
  ],
];

const summary: Case[] = [
  [
    "汇总表 合计 151.00",
    n((r) => {
      r.appendix.performanceSummary!.total = "151.00";
    }),
    { PERF_SUMMARY_TOTAL: ["error"], PERF_FUNDS_VS_SUMMARY: ["warning"] },
  ],
  [
    "汇总表 row B graded 良 at 73 分",
    n((r) => {
      rowB(r).grade = "良";
    }),
    { PERF_GRADE: ["error"] },
  ],
  [
    "汇总表 row A named differently from its sheet",
    n((r) => {
      rowA(r).name = "信息系统运维服务";
    }),
    { PERF_NAME_MISMATCH: ["warning"] },
  ],
  [
    "汇总表 without project B",
    n((r) => {
      r.appendix.performanceSummary!.rows.pop();
    }),
    { PERF_SHEET_NOT_IN_SUMMARY: ["warning"], PERF_SUMMARY_TOTAL: ["error"] },
  ],
  [
    "project A graded 优 while spending 45% of its budget",
    n((r) => {
      const a = sheetA(r);
      a.funds.total = { ...a.funds.total, executed: "45.00", rate: "45", score: "4.5" };
      a.funds.fiscal!.executed = "45.00";
      a.totalScore = "92.5";
      rowA(r).score = "92.50";
      Object.assign(narrA(r), { score: "92.5", executed: "45.00", rate: "45" });
    }),
    { PERF_EXCELLENT_LOW_EXECUTION: ["warning"] },
  ],
];

const narrative: Case[] = [
  [
    "综述 A 得分 95.5 against the sheet's 97.5",
    n((r) => {
      narrA(r).score = "95.5";
    }),
    { PERF_NARRATIVE_VS_SHEET: ["error"] },
  ],
  [
    "综述 A 完成预算的 96% (one unit off)",
    n((r) => {
      narrA(r).rate = "96";
    }),
    { PERF_NARRATIVE_RATE: ["rounding"] },
  ],
  [
    "综述 A 完成预算的 90%",
    n((r) => {
      narrA(r).rate = "90";
    }),
    { PERF_NARRATIVE_RATE: ["error"] },
  ],
  [
    "综述 names a project with no sheet",
    n((r) => {
      narrA(r).name = "城市道路照明改造";
    }),
    { PERF_NARRATIVE_UNMATCHED: ["warning"] },
  ],
  [
    "grade counts 优 1 + 中 2 for 2 projects",
    n((r) => {
      r.narrative.performance!.gradeCounts = { 优: 1, 中: 2 };
    }),
    { PERF_GRADE_COUNTS: ["error"] },
  ],
  [
    "narrative says 3 sheets are attached",
    n((r) => {
      r.narrative.performance!.sheetsStated = 3;
    }),
    { PERF_SHEETS_STATED: ["warning"] },
  ],
];

describe("绩效自评表", () => {
  test.each(sheets)("%s", (_name, make, expected) => expect(auditSummary(make())).toEqual(expected));

  test("the funds score may come from the printed rate (seed 004 热线: 75.35% → 7.54)", () => {
    const r = mutate(base, (x) => {
      const a = sheetA(x);
      a.funds.total = {
        initial: "3300",
        annual: "3300",
        executed: "2486.4",
        weight: "10",
        rate: "75.35",
        score: "7.54",
      };
      a.funds.fiscal = { initial: "3300", annual: "3300", executed: "2486.4" };
    });
    expect(findingsOf(r, "PERF_FUNDS_SCORE")).toEqual([]);
    expect(findingsOf(r, "PERF_EXECUTION_RATE")).toEqual([]);
  });

  test("over-spending caps the funds score at the weight", () => {
    const r = mutate(base, (x) => {
      sheetA(x).funds.total = {
        initial: "100.00",
        annual: "100.00",
        executed: "110.00",
        weight: "10",
        rate: "110",
        score: "10",
      };
    });
    expect(findingsOf(r, "PERF_FUNDS_SCORE")).toEqual([]);
  });

  test("a rate on a zero 全年预算数 is an error", () => {
    const r = mutate(base, (x) => {
      sheetB(x).funds.total.annual = "0";
    });
    expect(findingsOf(r, "PERF_EXECUTION_RATE").map((f) => f.severity)).toEqual(["error"]);
  });

  test("the total-score finding locates every indicator", () => {
    const [f] = findingsOf(
      mutate(base, (r) => {
        sheetA(r).indicators[1].score = "19";
      }),
      "PERF_TOTAL_SCORE",
    );
    expect(f.message).toBe("绩效自评表 信息系统运维 总分 97.5 与各指标得分与预算执行率得分之和 98.5 不符（相差 1.0）");
    expect(f.locations.map((l) => l.sourceLine)).toEqual([430, 440, 441, 442, 443, 444, 430]);
  });
});

describe("绩效自评汇总表 and the narrative against the sheets", () => {
  test.each(summary)("%s", (_name, make, expected) => expect(auditSummary(make())).toEqual(expected));
  test.each(narrative)("%s", (_name, make, expected) => expect(auditSummary(make())).toEqual(expected));
});

describe("grades", () => {
  test.each([
    ["100", "优"],
    ["90", "优"],
    ["89.99", "良"],
    ["80", "良"],
    ["79.5", "中"],
    ["60", "中"],
    ["59.99", "差"],
  ])("%s 分 → %s", (score, grade) => expect(gradeOf(new D(score))).toBe(grade));

  test.each([
    ["优", "优"],
    ["优秀", "优"],
    ["良好", "良"],
    ["及格", "中"],
    ["不及格", "差"],
    ["—", undefined],
  ])("printed %s → %s", (text, grade) => expect(normaliseGrade(text)).toBe(grade));
});

describe("project names across summary, sheets and narrative", () => {
  test.each([
    ["数字烟台建设基础设施运行维护2023", "数字烟台建设基础设施运行维护"],
    ["12345 政务热线平台运营项目经费", "12345政务热线平台运营项目经费"],
    ["“数字强市”培训调研考察科普宣传经费", "数字强市培训调研考察科普宣传经费"],
    ["2023年度会议费项目", "会议费"],
  ])("%s → %s", (name, key) => expect(projectKey(name)).toBe(key));

  test("pairs exact keys, then containment, then the most similar; leaves the rest", () => {
    const summary = [
      "数字烟台建设基础设施运行维护",
      "“数字强市”培训调研考察科普宣传等经费",
      "运转类-购置费",
      "市民卡平台",
    ];
    const sheets = [
      "运转类-购置费",
      "“数字强市”培训调研考察科普宣传经费",
      "数字烟台建设基础设施运行维护2023",
      "完全无关的项目",
    ];
    expect(matchProjects(summary, sheets)).toEqual([
      { a: 0, b: 2, exact: true },
      { a: 1, b: 1, exact: false },
      { a: 2, b: 0, exact: true },
    ]);
  });
});
