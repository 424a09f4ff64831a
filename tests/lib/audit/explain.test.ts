import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { explainFinding, type FindingFacts, type Suspect } from "@/lib/audit/explain";
import { auditReport } from "@/lib/audit/run";
import type { Location } from "@/lib/audit/types";
import { parseDocument } from "@/lib/ingest/parse";

const narrative = (label: string): Location => ({ table: "narrative", label });
const appendix = (label: string): Location => ({ table: "appendix", label });
const cell = (table: string, label: string, rowKey?: string): Location => ({
  table,
  ...(rowKey ? { rowKey } : {}),
  label,
});
const f = (
  rule: string,
  found: string | undefined,
  expected: string | undefined,
  locations: Location[],
  extra: Partial<FindingFacts> = {},
): FindingFacts => ({
  rule,
  severity: "error",
  message: `${locations[0].label} ${found} 与 ${expected} 不符`,
  found,
  expected,
  locations,
  ...extra,
});

const sheetTotal = appendix("绩效自评表 驻外机构工作保障经费 总分");
const stated = narrative("情况说明 驻外机构工作保障经费 自评得分");
const scoreVsSheet = f("PERF_NARRATIVE_VS_SHEET", "96.63", "98.63", [stated, sheetTotal]);
const sheetSum = (expected: string) =>
  f("PERF_TOTAL_SCORE", "98.63", expected, [
    sheetTotal,
    appendix("绩效自评表 驻外机构工作保障经费 产出指标 得分"),
    appendix("绩效自评表 驻外机构工作保障经费 预算执行率得分"),
  ]);

const t03Total = cell("t03", "公开03表 合计 本年支出合计", "total");
const t03Row = cell("t03", "公开03表 201 一般公共服务支出 本年支出合计", "class");
const t01Exp = cell("t01", "公开01表 本年支出合计", "expenditureTotal");
const t03Sum = f("T03_HIERARCHY", "1005.00", "1000.00", [
  t03Total,
  t03Row,
  cell("t03", "公开03表 208 社会保障和就业支出 本年支出合计", "class"),
]);
const t03VsT01 = f("T03_VS_T01", "1005.00", "1000.00", [t03Total, t01Exp]);
const rowVsT01 = f("T03_VS_T01", "905.00", "900.00", [t03Row, cell("t01", "公开01表 201 一般公共服务支出", "class")]);
const t05Total = cell("t05", "公开05表 合计 小计", "total");

type Case = [name: string, finding: FindingFacts, others: FindingFacts[], suspect: Suspect | undefined, says: string[]];

const CASES: Case[] = [
  [
    "narrative against a 自评表 total that adds up: the narrative",
    scoreVsSheet,
    [scoreVsSheet],
    "found",
    [
      "情况说明 驻外机构工作保障经费 自评得分 写 96.63",
      "绩效自评表 驻外机构工作保障经费 总分 写 98.63",
      "自评表各指标得分与预算执行率得分相加正是 98.63",
      "因此可能是情况说明有误",
    ],
  ],
  [
    "the 自评表 total fails its own sum, and its rows give the narrative's figure: the total",
    scoreVsSheet,
    [scoreVsSheet, sheetSum("96.63")],
    "expected",
    ["相加为 96.63", "因此可能是 绩效自评表 驻外机构工作保障经费 总分 有误"],
  ],
  [
    "the 自评表 total fails its own sum, with a third figure: check the total first",
    scoreVsSheet,
    [scoreVsSheet, sheetSum("97.00")],
    "expected",
    ["本身与自评表各指标得分与预算执行率得分相加的 97.00 也不符", "应先核对它"],
  ],
  [
    "a rounding-only sum check is no evidence against the total",
    scoreVsSheet,
    [scoreVsSheet, { ...sheetSum("98.64"), severity: "rounding" }],
    "found",
    ["因此可能是情况说明有误"],
  ],
  [
    "narrative against a table total that adds up: the narrative",
    f("EXEC_TOTAL_VS_T05", "2940.50", "2940.05", [narrative("情况说明 一般公共预算财政拨款支出决算"), t05Total]),
    [],
    "found",
    [
      "情况说明 一般公共预算财政拨款支出决算 写 2940.50",
      "公开05表 合计 小计 写 2940.05",
      "该表各行相加正是 2940.05",
      "因此可能是情况说明有误",
    ],
  ],
  [
    "narrative against a detail cell no other check contradicts: the narrative (it copies the table)",
    f("BASIC_EXPENDITURE_VS_TABLES", "1401.50", "1370.32", [
      narrative("情况说明 人员经费"),
      cell("t06", "公开06表 30101 基本工资"),
    ]),
    [],
    "found",
    ["应照录决算表", "因此可能是情况说明有误"],
  ],
  [
    "a table total against its rows, nothing else wrong: the total row",
    t03Sum,
    [t03Sum],
    "found",
    [
      "公开03表 合计 本年支出合计 写 1005.00",
      "其各分项（2 处）相加为 1000.00",
      "因此可能是 公开03表 合计 本年支出合计 有误",
    ],
  ],
  [
    "a total that also disagrees with another table: the total, on two counts",
    t03Sum,
    [t03Sum, t03VsT01],
    "found",
    ["还与 公开01表 本年支出合计 不符", "两处核对都指向它"],
  ],
  [
    "a row that also disagrees with another table: that row, not the total",
    t03Sum,
    [t03Sum, rowVsT01],
    "expected",
    ["其中 公开03表 201 一般公共服务支出 本年支出合计 还与另一处核对不符", "而不是合计"],
  ],
  [
    "two tables, each consistent on its own: cannot tell",
    t03VsT01,
    [t03VsT01],
    "unknown",
    ["两处各自没有其他矛盾", "请对照原文核实"],
  ],
  [
    "two tables, one fails its own sum: that one",
    t03VsT01,
    [t03VsT01, t03Sum],
    "found",
    ["公开03表 合计 本年支出合计 本身与该表各行相加的 1000.00 不符", "而该和正与公开01表相同"],
  ],
  [
    "a rule's own reason why two honest figures differ is kept",
    f(
      "SANGONG_VS_T06",
      undefined,
      "74.39",
      [cell("t06", "公开06表 30217 公务接待费"), cell("t09", "公开09表 决算数公务接待费", "sangong")],
      {
        severity: "warning",
        message:
          "公开06表 30217 公务接待费 （空） 与公开09表 决算数公务接待费 74.39 不符（相差 74.39）；公开06表只含一般公共预算基本支出，差额应来自项目支出或其他财政拨款，需核实",
      },
    ),
    [],
    "unknown",
    ["公开06表 30217 公务接待费 写 （空）", "：公开06表只含一般公共预算基本支出"],
  ],
  [
    "a printed percentage against its recomputation: the percentage",
    f("PCT_SHARE", "12.77", "10.60", [narrative("情况说明 基本支出占比"), t03Total]),
    [],
    "found",
    ["情况说明 基本支出占比 写 12.77%", "重算为 10.60%", "可能是 情况说明 基本支出占比 算错或抄错"],
  ],
  [
    "the finding's own copy among its report's findings (as the store returns them) is no second check",
    f("PCT_SHARE", "71.73", "71.65", [narrative("情况说明 一般公共服务支出（类）占比"), t05Total]),
    [structuredClone(f("PCT_SHARE", "71.73", "71.65", [narrative("情况说明 一般公共服务支出（类）占比"), t05Total]))],
    "found",
    ["算错或抄错"],
  ],
  [
    "a percentage whose base is itself in doubt: the base first",
    f("PCT_SHARE", "12.77", "10.60", [narrative("情况说明 基本支出占比"), t03Total]),
    [t03Sum],
    "unknown",
    ["所依据的 公开03表 合计 本年支出合计 本身也与另一处不符"],
  ],
  [
    "the rule recognised the inputs as the error (SME shares on the small-and-micro basis)",
    f(
      "PROCUREMENT_CATEGORY_SME",
      "1839.9",
      "492.29",
      [narrative("情况说明 授予中小企业合同金额"), narrative("情况说明 分类授予中小企业合同金额占比")],
      {
        message:
          "情况说明 授予中小企业合同金额 1839.9 与按分类占比推算的 492.29（货物 14.43 × 100% + 服务 8267.4 × 5.78%）不符（相差 1347.61）；推算结果与授予小微企业合同金额 492.19 相符，分类占比疑按小微企业口径计算",
      },
    ),
    [],
    "expected",
    ["写 1839.9", "重算为 492.29", "分类占比疑按小微企业口径计算", "可能有误的是重算所依据的数字"],
  ],
  [
    "last year's figure is on record: this year's sentence is in doubt, or the restatement is unexplained",
    f(
      "RESTATED_PRIOR_YEAR",
      "110.00",
      "100.68",
      [
        {
          ...narrative("2024 年度部门决算情况说明 本年收入合计 120.00 万元，与上年相比增加 10 万元"),
          rowKey: "incomeTotal",
        },
        cell("t01", "2023 年度部门决算 公开01表 本年收入合计", "incomeTotal"),
      ],
      { severity: "warning" },
    ),
    [],
    "found",
    [
      "2024 年度部门决算情况说明 本年收入合计 120.00 万元，与上年相比增加 10 万元，由此推算上年为 110.00 万元",
      "2023 年度部门决算 公开01表 本年收入合计为 100.68 万元",
      "相差 9.32 万元",
      "可能是本年说明中的本年数或增减额有误",
      "重述",
    ],
  ],
  ["a rounding note is no error", { ...t03Sum, severity: "rounding" }, [], "unknown", ["只差尾数"]],
  [
    "a missing table compares nothing",
    f("COMPLETENESS_T08", undefined, undefined, [cell("t08", "公开08表"), cell("t08", "公开08表")]),
    [],
    undefined,
    [],
  ],
  [
    "a grade against its score is not two figures",
    f("PERF_GRADE", "良", "优", [appendix("汇总表 等级"), appendix("自评表 总分")]),
    [],
    undefined,
    [],
  ],
];

describe("explainFinding", () => {
  test.each(CASES)("%s", (_name, finding, others, suspect, says) => {
    const e = explainFinding(finding, others);
    expect(e?.suspect).toBe(suspect);
    for (const s of says) expect(e?.text).toContain(s);
    if (e) expect(e.text).not.toMatch(/[A-Z]{2,}_[A-Z]/);
  });

  test("on the real 烟台市人民政府办公室 document: the 96.63 in the narrative, against a 自评表 whose scores add up to 98.63", () => {
    const file = "004_fcc6ab7362c41973.txt";
    const report = parseDocument(
      file,
      new Uint8Array(readFileSync(path.join(__dirname, "../../fixtures/documents", file))),
    );
    const findings = auditReport(report);
    const target = findings.find((x) => x.rule === "PERF_NARRATIVE_VS_SHEET")!;
    expect(explainFinding(target, findings)).toEqual({
      suspect: "found",
      text: "情况说明 驻外机构工作保障经费 自评得分 写 96.63，绩效自评表 驻外机构工作保障经费 总分 写 98.63。自评表各指标得分与预算执行率得分相加正是 98.63，因此可能是情况说明有误。",
    });
  });
});
