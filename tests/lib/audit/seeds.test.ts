import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { computeCompleteness } from "@/lib/audit/completeness";
import { auditReport } from "@/lib/audit/run";
import type { Finding } from "@/lib/audit/types";
import { parseDocument } from "@/lib/ingest/parse";
import { readDocument } from "@/lib/ingest/read";
import { extractFigures } from "@/lib/report/figures";

function audit(file: string) {
  const bytes = readFileSync(path.join(__dirname, "../../fixtures/documents", file));
  const report = parseDocument(file, new Uint8Array(bytes));
  return { report, findings: auditReport(report) };
}

const brief = (f: Finding) => [f.rule, f.found, f.expected];
const of = (findings: Finding[], severity: Finding["severity"]) => findings.filter((f) => f.severity === severity);

/**
 * The real discrepancies in the two published documents, each worked out by hand from the text
 * (line numbers refer to the fixture files).
 */
describe("seed 000 烟台市大数据局 2023 部门决算 (plain text)", () => {
  const { report, findings } = audit("000_de383ccec50b5c0e.txt");

  test("one error: the per-category SME shares imply the 小微企业 amount, not the 中小企业 one", () => {
    // 十一: 货物 14.43 × 100% + 服务 8,267.4 × 5.78% = 492.29 ≈ 小微企业 492.19, but 中小企业 is 1,839.9
    expect(of(findings, "error").map(brief)).toEqual([["PROCUREMENT_CATEGORY_SME", "1839.9", "492.29"]]);
    expect(of(findings, "error")[0].message).toContain("小微企业");
  });

  test("one warning: a project named differently in the summary and on its sheet", () => {
    expect(of(findings, "warning").map(brief)).toEqual([
      ["PERF_NAME_MISMATCH", "“数字强市”培训调研考察科普宣传等经费", "“数字强市”培训调研考察科普宣传经费"],
    ]);
  });

  test("rounding tails, the 尾数误差 the document warns about", () => {
    expect(of(findings, "rounding").map(brief)).toEqual(
      expect.arrayContaining([
        // t01: 8,979.28 + 0.66 = 8,979.94, printed 总计 8,979.95
        ["T01_INCOME_GRAND_TOTAL", "8979.95", "8979.94"],
        // t02 prints 2150501 行政运行 374.33 where t03/t05 print 374.34: the t02 款 21505 (8,773.10) no longer
        // equals its 项 (374.33 + 76.01 + 8,322.75); t02 against t03 is not an identity (income ≠ spending)
        ["T02_HIERARCHY", "8773.10", "8773.09"],
        ["T02_HIERARCHY", "8772.92", "8772.91"],
        ["T02_HIERARCHY", "8979.28", "8979.29"],
        ["T02_HIERARCHY", "8979.10", "8979.11"],
        // t06: 301's eleven 款 add up to 1,256.77; 公用经费 163.19 + 3.52 = 166.71, printed 166.70
        ["T06_HIERARCHY", "1256.78", "1256.77"],
        ["T06_PUBLIC_SUM", "166.70", "166.71"],
        // 附件: summary 112.60 / narrative 112.61 for the sheet's 112.605; 604.62 for 604.6242
        ["PERF_SUMMARY_VS_SHEET", "112.60", "112.605"],
        ["PERF_SUMMARY_VS_SHEET", "604.62", "604.6242"],
        ["PERF_NARRATIVE_VS_SHEET", "112.61", "112.605"],
      ]),
    );
    expect(of(findings, "rounding")).toHaveLength(13);
  });

  test("t03, t04 and t05 are internally consistent and agree with each other", () => {
    expect(findings.filter((f) => /^T0[345]_/.test(f.rule))).toEqual([]);
  });

  test("complete, and the headline figures as printed", () => {
    expect(computeCompleteness(report).score).toBe("100");
    const f = extractFigures(report);
    expect([
      f.incomeTotal,
      f.expenditureTotal,
      f.basicExpenditure,
      f.projectExpenditure,
      f.personnelCost,
      f.publicCost,
    ]).toEqual(["8979.28", "8979.11", "1433.56", "7545.55", "1266.86", "166.70"]);
    // 8,979.11 / 8,291.49 = 108.293%
    expect([f.initialBudgetGpb, f.gpbExpenditure, f.gpbExecutionRate]).toEqual(["8291.49", "8979.11", "108.29"]);
    expect([f.sangongBudget, f.sangongFinal, f.procurementSmeShare, f.performanceProjectsDisclosed]).toEqual([
      "5.35",
      "5.35",
      "22.22",
      9,
    ]);
  });
});

describe("seed 004 烟台市人民政府办公室本级 2023 单位决算 (markdown)", () => {
  const { report, findings } = audit("004_fcc6ab7362c41973.txt");

  test("two errors: a score misquoted in the narrative, and the SME shares again", () => {
    expect(of(findings, "error").map(brief)).toEqual([
      // 十三 9、驻外机构工作保障经费 "自评得分为 96.63 分"; the sheet and the summary say 98.63
      ["PERF_NARRATIVE_VS_SHEET", "96.63", "98.63"],
      // 59.33 × 100% + 260.78 × 92.92% = 301.65 = 小微企业, but 中小企业 is 311.24
      ["PROCUREMENT_CATEGORY_SME", "311.24", "301.65"],
    ]);
  });

  test("warnings: unexplained budget, 优 with little spending, 公务接待费 outside basic spending", () => {
    const warnings = of(findings, "warning");
    // 十二项 年初预算 add up to 7,654.70 of the 7,958.4 stated
    expect(warnings.filter((f) => f.rule === "EXEC_INITIAL_SUM").map(brief)).toEqual([
      ["EXEC_INITIAL_SUM", "7958.4", "7654.70"],
    ]);
    // five projects graded 优 spent 17.36%, 5.17%, 7.18%, 7.95% and 24.27% of their budgets
    expect(warnings.filter((f) => f.rule === "PERF_EXCELLENT_LOW_EXECUTION").map((f) => f.found)).toEqual([
      "17.36",
      "5.17",
      "7.18",
      "7.95",
      "24.27",
    ]);
    // t09 公务接待费 74.39, t06 30217 empty: paid from the 会议费及接待 project
    expect(warnings.filter((f) => f.rule === "SANGONG_VS_T06").map(brief)).toEqual([
      ["SANGONG_VS_T06", undefined, "74.39"],
    ]);
    expect(warnings).toHaveLength(7);
  });

  test("rounding tails", () => {
    expect(of(findings, "rounding").map(brief)).toEqual(
      expect.arrayContaining([
        // 十二项 决算 add up to 8,251.80
        ["EXEC_ITEMS_SUM", "8251.79", "8251.80"],
        // t06: 2,745.76 + 433.53 = 3,179.29, printed 人员经费合计 3,179.30
        ["T06_PERSONNEL_SUM", "3179.30", "3179.29"],
        ["T06_HIERARCHY", "2745.76", "2745.75"],
        ["T06_HIERARCHY", "580.28", "580.29"],
        // t05 20103: 3,458.85 + 3,254.51 + 4.16 = 6,717.52, printed 6,717.51
        ["T05_HIERARCHY", "6717.51", "6717.52"],
        ["T05_ROW_SUM", "6736.85", "6736.86"],
        ["T03_ROW_SUM", "6737.35", "6737.36"],
        // t02 2010301: 3,458.85 + 1.72 = 3,460.57, printed 3,460.56
        ["T02_ROW_SUM", "3460.56", "3460.57"],
      ]),
    );
    expect(of(findings, "rounding")).toHaveLength(13);
  });

  test("complete, and the headline figures as printed", () => {
    expect(computeCompleteness(report).score).toBe("100");
    const f = extractFigures(report);
    expect([f.incomeTotal, f.expenditureTotal, f.gpbExpenditure, f.initialBudgetGpb, f.gpbExecutionRate]).toEqual([
      "8253.51",
      "8252.29",
      "8251.79",
      "7958.4",
      "103.69",
    ]);
    expect([
      f.sangongFinal,
      f.vehiclesKept,
      f.receptionPersons,
      f.procurementSme,
      f.performanceLowExecutionCount,
    ]).toEqual(["136.54", 8, 5728, "311.24", 5]);
  });
});

/**
 * The rules real documents needed (headings, 目录, 大于/小于/持平, 全年预算, 表三 vs 表五, procurement parts) on both
 * seeds, with the fields the parsers are being taught to fill written in by hand from the text. Neither seed gives
 * them cause: every heading names 2023 and the document's own body, all nine listed tables are printed, every
 * 大于/小于/持平 matches its two figures, 六、基本支出 quotes 公开05表 (seed 004: 3,761.88, where 公开03表 has
 * 3,762.38), and neither seed splits its SME award into reserved and other projects.
 */
describe("the real-document rules on both seeds, their fields filled from the text", () => {
  const NEW_RULES = /^(HEADING_|TOC_|EXEC_WORDING|EXEC_RATE|BASIC_EXPENDITURE_|PROCUREMENT_(PARTS|RESERVED|SME_PARTS))/;
  const TOC = [
    "一、收入支出决算总表",
    "二、收入决算表",
    "三、支出决算表",
    "四、财政拨款收入支出决算总表",
    "五、一般公共预算财政拨款支出决算表",
    "六、一般公共预算财政拨款基本支出决算明细表",
    "七、政府性基金预算财政拨款收入支出决算表",
    "八、国有资本经营预算财政拨款支出决算表",
    "九、财政拨款“三公”经费支出决算表",
  ];
  /** 大于/小于/持平 as each item's sentence says it, by the item's 项 name (the total says 大于 in both). */
  function withStated(report: ReturnType<typeof audit>["report"], byName: Record<string, "more" | "less" | "equal">) {
    const be = report.narrative.budgetExecution!;
    be.stated = "more";
    be.rateBase = "initial";
    for (const i of be.items) {
      const s = byName[i.path.at(-1)!];
      expect(s, i.path.at(-1)).toBeDefined();
      i.stated = s;
      if (i.rate !== undefined) i.rateBase = "initial";
    }
  }

  test("seed 000 烟台市大数据局: no findings", () => {
    const { report } = audit("000_de383ccec50b5c0e.txt");
    // lines 877–946
    withStated(report, {
      机关事业单位基本养老保险缴费支出: "equal",
      机关事业单位职业年金缴费支出: "less",
      突发公共卫生事件应急处理: "more",
      行政单位医疗: "equal",
      事业单位医疗: "equal",
      其他行政事业单位医疗支出: "equal",
      行政运行: "more",
      一般行政管理事务: "less",
      其他工业和信息产业监管支出: "more",
    });
    report.headings = [
      { text: "2023 年度 烟台市大数据局部门决算", sourceLine: 2, year: 2023, name: "烟台市大数据局" },
      { text: "第二部分 2023 年度部门决算表", sourceLine: 18, year: 2023 },
      { text: "部门：烟台市大数据局", sourceLine: 163, name: "烟台市大数据局" },
      { text: "2023 年度部门决算情况说明", sourceLine: 777, year: 2023 },
      { text: "预算部门：烟台市大数据局", sourceLine: 1412, name: "烟台市大数据局" },
      { text: "2023年度市级预算项目绩效自评表", sourceLine: 1446, year: 2023 },
    ];
    report.listedTables = TOC;
    expect(auditReport(report).filter((f) => NEW_RULES.test(f.rule))).toEqual([]);
  });

  test("seed 004 烟台市人民政府办公室本级: no findings", () => {
    const { report } = audit("004_fcc6ab7362c41973.txt");
    // lines 475–503
    withStated(report, {
      行政运行: "more",
      一般行政管理事务: "less",
      "其他政府办公厅（室）及相关机构事务支出": "more",
      其他商贸事务支出: "more",
      机关事业单位基本养老保险缴费支出: "equal",
      机关事业单位职业年金缴费支出: "less",
      死亡抚恤: "more",
      突发公共卫生事件应急处理: "more",
      行政单位医疗: "equal",
      公务员医疗补助: "equal",
      其他工业和信息产业监管支出: "more",
      其他支出: "more",
    });
    report.headings = [
      { text: "2023 年度 烟台市人民政府办公室 本级决算", sourceLine: 3, year: 2023, name: "烟台市人民政府办公室本级" },
      { text: "第二部分 2023 年度单位决算表", sourceLine: 14, year: 2023 },
      { text: "单位：烟台市人民政府办公室本级", sourceLine: 69, name: "烟台市人民政府办公室本级" },
      { text: "**2023 年度单位决算情况说明**", sourceLine: 384, year: 2023 },
      { text: "# 2023年度市级预算项目绩效自评表", sourceLine: 687, year: 2023 },
    ];
    report.listedTables = TOC;
    expect(report.narrative.basicExpenditure!.total).toBe("3761.88");
    expect(auditReport(report).filter((f) => NEW_RULES.test(f.rule))).toEqual([]);
  });
});

/**
 * The published PDF of 上海市普陀区财政局 2024 (tests/fixtures/pdf), read as a user holds it. Only the rules of issue 10
 * item 5 are asserted here; the reader's other findings belong to its own tests.
 */
describe("上海市普陀区财政局 2024 部门决算 (PDF as published): the real-document rules", () => {
  const MINE =
    /^(NARRATIVE_VS_TABLE|HEADING_|TOC_|EXEC_WORDING|EXEC_RATE|BASIC_EXPENDITURE_|PROCUREMENT_(PARTS|RESERVED|SME_PARTS|SME_ORDER))/;
  const file = "上海市普陀区财政局2024年度部门决算.pdf";

  test("四 says 财政拨款收入支出总计 0.3 万元 where 表四 prints 2,961.68: one error; the SME parts over the total by a cent: a note", async () => {
    const report = await readDocument(
      file,
      new Uint8Array(readFileSync(path.join(__dirname, "../../fixtures/pdf", file))),
    );
    const findings = auditReport(report).filter((f) => MINE.test(f.rule));
    expect(findings.map((f) => [f.rule, f.severity, f.found, f.expected])).toEqual([
      ["NARRATIVE_VS_TABLE", "error", "0.3", "2961.68"],
      // 十一（二）: 246.47 (预留) + 4.79 (其他) = 251.26 against 采购金额 251.25, as 货物 4.79 + 服务 246.47 is
      ["PROCUREMENT_PARTS_OVER_TOTAL", "rounding", "251.26", "251.25"],
    ]);
    // every 小于 / 基本持平 in 五（三） matches its figures (e.g. 行政运行 1,560.05 → 1,511.89 小于; 一般行政管理事务 10.00 = 10.00)
    expect(report.narrative.budgetExecution!.items.filter((i) => i.stated !== undefined).length).toBeGreaterThan(0);
  }, 60_000);
});
