import { createHash } from "node:crypto";
import type { Finding } from "../../lib/audit/types";
import { reportSchema, type Report, type ReportInput } from "../../lib/report/schema";

const sha = (seed: string) => createHash("sha256").update(seed).digest("hex");

/**
 * A small hand-made report whose identities hold (收入 100.68 = 财政拨款 100.50 + 其他 0.18, 基本 60.68 + 项目 40 …),
 * with every part the store keeps: nine tables (07/08 empty), year-over-year changes, an execution item,
 * a 绩效 sheet with indicators and a summary with one project that has no sheet.
 */
export function makeReport(
  p: { department?: string; year?: number; scope?: Report["scope"]; variant?: string } = {},
): Report {
  const department = p.department ?? "测试市示例局";
  const year = p.year ?? 2023;
  const scope = p.scope ?? "部门决算";
  const input: ReportInput = {
    schemaVersion: 1,
    department,
    year,
    scope,
    sourceUnit: "万元",
    source: {
      fileName: `${department}-${year}.txt`,
      sha256: sha(`${department}|${year}|${scope}|${p.variant ?? ""}`),
      layout: "plain-text",
      lines: 900,
    },
    synthetic: true,
    tables: [
      {
        id: "t01",
        title: "收入支出决算总表",
        status: "data",
        sourceLine: 120,
        rows: [
          {
            section: "income",
            key: "gpb",
            name: "一、一般公共预算财政拨款收入",
            line: 1,
            values: { amount: "100.50" },
            sourceLine: 125,
          },
          {
            section: "income",
            key: "govFund",
            name: "二、政府性基金预算财政拨款收入",
            line: 2,
            values: {},
            sourceLine: 126,
          },
          {
            section: "income",
            key: "other",
            name: "八、其他收入",
            line: 8,
            values: { amount: "0.18" },
            sourceLine: 132,
          },
          {
            section: "income",
            key: "incomeTotal",
            name: "本年收入合计",
            line: 9,
            values: { amount: "100.68" },
            sourceLine: 140,
          },
          {
            section: "income",
            key: "grandTotal",
            name: "总计",
            line: 30,
            values: { amount: "100.68" },
            sourceLine: 150,
          },
          {
            section: "expenditure",
            key: "class",
            code: "201",
            name: "一、一般公共服务支出",
            line: 32,
            values: { amount: "100.68" },
            sourceLine: 125,
          },
          {
            section: "expenditure",
            key: "class",
            code: "202",
            name: "二、外交支出",
            line: 33,
            values: {},
            sourceLine: 126,
          },
          {
            section: "expenditure",
            key: "expenditureTotal",
            name: "本年支出合计",
            line: 60,
            values: { amount: "100.68" },
            sourceLine: 140,
          },
          {
            section: "expenditure",
            key: "grandTotal",
            name: "总计",
            line: 64,
            values: { amount: "100.68" },
            sourceLine: 150,
          },
        ],
      },
      {
        id: "t02",
        title: "收入决算表",
        status: "data",
        rows: [
          { key: "total", name: "合计", values: { total: "100.68", fiscal: "100.50", other: "0.18" }, sourceLine: 170 },
          {
            code: "201",
            name: "一般公共服务支出",
            values: { total: "100.68", fiscal: "100.50", other: "0.18" },
            sourceLine: 171,
          },
          {
            code: "20103",
            name: "政府办公厅（室）及相关机构事务",
            values: { total: "100.68", fiscal: "100.50", other: "0.18" },
            sourceLine: 172,
          },
          {
            code: "2010301",
            name: "行政运行",
            values: { total: "100.68", fiscal: "100.50", other: "0.18" },
            sourceLine: 173,
          },
        ],
      },
      {
        id: "t03",
        title: "支出决算表",
        status: "data",
        rows: [
          {
            key: "total",
            name: "合计",
            values: { total: "100.68", basic: "60.68", project: "40.00" },
            sourceLine: 190,
          },
          {
            code: "2010301",
            name: "行政运行",
            values: { total: "100.68", basic: "60.68", project: "40.00" },
            sourceLine: 191,
          },
        ],
      },
      {
        id: "t04",
        title: "财政拨款收入支出决算总表",
        status: "data",
        rows: [
          { section: "income", key: "gpb", name: "一、一般公共预算财政拨款", line: 1, values: { amount: "100.50" } },
          {
            section: "income",
            key: "grandTotal",
            name: "总计",
            line: 10,
            values: { amount: "100.50" },
            sourceLine: 230,
          },
          {
            section: "expenditure",
            key: "class",
            code: "201",
            name: "一、一般公共服务支出",
            line: 11,
            values: { total: "100.50", gpb: "100.50" },
          },
          {
            section: "expenditure",
            key: "grandTotal",
            name: "总计",
            line: 40,
            values: { total: "100.50", gpb: "100.50" },
          },
        ],
      },
      {
        id: "t05",
        title: "一般公共预算财政拨款支出决算表",
        status: "data",
        rows: [
          {
            key: "total",
            name: "合计",
            values: { total: "100.50", basic: "60.50", project: "40.00" },
            sourceLine: 260,
          },
          {
            code: "2010301",
            name: "行政运行",
            values: { total: "100.50", basic: "60.50", project: "40.00" },
            sourceLine: 261,
          },
        ],
      },
      {
        id: "t06",
        title: "一般公共预算财政拨款基本支出决算明细表",
        status: "data",
        rows: [
          { section: "personnel", code: "30101", name: "基本工资", values: { amount: "50.00" } },
          { section: "public", code: "30201", name: "办公费", values: { amount: "10.50" } },
          { key: "personnelTotal", name: "人员经费合计", values: { amount: "50.00" } },
          { key: "publicTotal", name: "公用经费合计", values: { amount: "10.50" } },
        ],
      },
      {
        id: "t07",
        title: "政府性基金预算财政拨款收入支出决算表",
        status: "empty",
        note: "本部门没有政府性基金收入，也没有使用政府性基金安排的支出。",
        rows: [],
      },
      { id: "t08", title: "国有资本经营预算财政拨款支出决算表", status: "empty", rows: [] },
      {
        id: "t09",
        title: "财政拨款“三公”经费支出决算表",
        status: "data",
        rows: [
          {
            key: "sangong",
            name: "三公经费",
            values: {
              budgetTotal: "3.00",
              budgetReception: "3.00",
              finalTotal: "1.2345",
              finalReception: "1.2345",
              finalAbroad: "0",
            },
            sourceLine: 330,
          },
        ],
      },
    ],
    narrative: {
      changes: [
        {
          key: "grandTotal",
          subject: "收、支总计",
          current: "100.68",
          change: "-9.32",
          pct: "-8.47",
          reason: "项目减少",
          sourceLine: 780,
        },
        {
          key: "income.fiscal",
          subject: "财政拨款收入",
          current: "100.5",
          change: "10.5",
          pct: "11.67",
          sourceLine: 795,
        },
        { key: "expenditure.basic", subject: "基本支出", current: "60.68", unchanged: true, sourceLine: 826 },
      ],
      budgetExecution: {
        initialBudget: "90.00",
        final: "100.50",
        rate: "111.67",
        items: [
          {
            path: ["一般公共服务支出", "政府办公厅（室）及相关机构事务", "行政运行"],
            code: "2010301",
            initialBudget: "90.00",
            final: "100.50",
            rate: "111.67",
            reason: "人员增加",
            sourceLine: 880,
          },
          {
            path: ["一般公共服务支出", "统计信息事务", "专项普查活动"],
            initialBudget: "0",
            final: "0.00",
            noInitialBudget: true,
            sourceLine: 884,
          },
        ],
      },
    },
    appendix: {
      performanceSummary: {
        rows: [
          {
            no: 1,
            name: "信息系统 运维",
            unit: department,
            budget: "40.00",
            score: "98.50",
            grade: "优",
            sourceLine: 1420,
          },
          { no: 2, name: "培训经费", unit: department, budget: "10.00", score: "85", grade: "良", sourceLine: 1421 },
        ],
        total: "50.00",
      },
      performanceSheets: [
        {
          name: "信息系统运维2023",
          department,
          implementingUnit: department,
          funds: {
            total: { initial: "40.00", annual: "40.00", executed: "38.50", weight: "10", rate: "96.25", score: "9.63" },
            fiscal: { initial: "40.00", annual: "40.00", executed: "38.50" },
          },
          indicators: [
            {
              level1: "产出指标",
              level2: "数量指标",
              level3: "系统数量",
              target: "≥3个",
              actual: "3个",
              weight: "20",
              score: "20",
              sourceLine: 1460,
            },
            {
              level1: "满意度指标",
              level2: "服务对象满意度指标",
              level3: "用户满意度",
              target: "≥90%",
              actual: "88%",
              weight: "10",
              score: "8.5",
              deviation: "个别用户反馈响应慢",
              sourceLine: 1466,
            },
          ],
          totalScore: "98.50",
          sourceLine: 1446,
        },
      ],
    },
  };
  return reportSchema.parse(input);
}

export const sampleFindings: Finding[] = [
  {
    rule: "T01_INCOME_SUM",
    severity: "warning",
    message: "本年收入合计与各项收入之和不符",
    expected: "100.68",
    found: "100.60",
    locations: [
      { table: "t01", rowKey: "incomeTotal", column: "amount", sourceLine: 140, label: "公开01表 本年收入合计" },
    ],
  },
  { rule: "T09_ROUNDING", severity: "rounding", message: "尾数误差", locations: [{ table: "t09", label: "公开09表" }] },
];

/** A copy with one printed figure changed and, as with any corrected file, different bytes. */
export function revise(report: Report, mutate: (r: Report) => void, variant: string): Report {
  const copy = structuredClone(report);
  mutate(copy);
  copy.source.sha256 = sha(`${report.source.sha256}|${variant}`);
  return copy;
}
