import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { computeCompleteness } from "@/lib/audit/completeness";
import { auditReport } from "@/lib/audit/run";
import type { Finding } from "@/lib/audit/types";
import { parseDocument } from "@/lib/ingest/parse";
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
    expect([f.incomeTotal, f.expenditureTotal, f.basicExpenditure, f.projectExpenditure, f.personnelCost, f.publicCost]).toEqual([
      "8979.28", "8979.11", "1433.56", "7545.55", "1266.86", "166.70",
    ]);
    // 8,979.11 / 8,291.49 = 108.293%
    expect([f.initialBudgetGpb, f.gpbExpenditure, f.gpbExecutionRate]).toEqual(["8291.49", "8979.11", "108.29"]);
    expect([f.sangongBudget, f.sangongFinal, f.procurementSmeShare, f.performanceProjectsDisclosed]).toEqual(["5.35", "5.35", "22.22", 9]);
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
    expect(warnings.filter((f) => f.rule === "EXEC_INITIAL_SUM").map(brief)).toEqual([["EXEC_INITIAL_SUM", "7958.4", "7654.70"]]);
    // five projects graded 优 spent 17.36%, 5.17%, 7.18%, 7.95% and 24.27% of their budgets
    expect(warnings.filter((f) => f.rule === "PERF_EXCELLENT_LOW_EXECUTION").map((f) => f.found)).toEqual(["17.36", "5.17", "7.18", "7.95", "24.27"]);
    // t09 公务接待费 74.39, t06 30217 empty: paid from the 会议费及接待 project
    expect(warnings.filter((f) => f.rule === "SANGONG_VS_T06").map(brief)).toEqual([["SANGONG_VS_T06", undefined, "74.39"]]);
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
      "8253.51", "8252.29", "8251.79", "7958.4", "103.69",
    ]);
    expect([f.sangongFinal, f.vehiclesKept, f.receptionPersons, f.procurementSme, f.performanceLowExecutionCount]).toEqual(["136.54", 8, 5728, "311.24", 5]);
  });
});
