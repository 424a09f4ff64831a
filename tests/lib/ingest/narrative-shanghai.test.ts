import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { docFromText } from "@/lib/ingest/document";
import { parseNarrative } from "@/lib/ingest/narrative";
import { findSections } from "@/lib/ingest/narrative/outline";
import { unreadFigures } from "@/lib/ingest/narrative/text";
import { narrativeSchema, unreadSchema } from "@/lib/report/schema";

/**
 * 上海市普陀区财政局 2024 部门决算 (tests/fixtures/pdf/), its pages as the PDF reader hands them over (visual lines in
 * reading order; "---- page N" separates pages). 第三部分 is lines 411–529 and every figure in it is pinned here, read
 * by hand from the file: the Shanghai template words nearly every sentence differently from the two seeds.
 */
const FILE = path.resolve(__dirname, "../../fixtures/pdf-text/财政局2024-visual-lines.txt");
const doc = docFromText("财政局2024-visual-lines.txt", readFileSync(FILE, "utf8"));
const { narrative: n, glossary, govFund, unread } = parseNarrative(doc);

const REASON = "基本支出中人员进出及退休变化，以及项目支出中合同支付进度条款等原因减少支付";

test("the narrative validates and nothing rejects the document", () => {
  expect(() => narrativeSchema.parse(n)).not.toThrow();
  for (const u of unread) expect(() => unreadSchema.parse(u)).not.toThrow();
});

describe("一 to 五: totals, shares and year-over-year changes", () => {
  test("changes, in document order", () => {
    expect(n.changes.slice(0, 5)).toEqual([
      // 一 line 414–416: 收入支出总计2995.39万元。与2023年度相比，收入支出总计减少56.95万元，下降1.87%。主要原因：…
      {
        key: "grandTotal",
        subject: "收入支出总计",
        current: "2995.39",
        change: "-56.95",
        pct: "-1.87",
        reason: REASON,
        sourceLine: 414,
      },
      // 二 line 418: 本年收入合计2946.25万元，其中：…
      { key: "incomeTotal", subject: "本年收入合计", current: "2946.25", sourceLine: 418 },
      // 三 line 421: 本年支出合计2940.05万元，其中：…
      { key: "expenditureTotal", subject: "本年支出合计", current: "2940.05", sourceLine: 421 },
      // 四 line 424–427: 财政拨款收入支出总计0.3万元。与2023年度相比，财政拨款收入支出总计持平。主要原因：…
      // (0.3 is what the document prints; 公开04表 says 2,961.68 — a finding for the audit, not for the reader)
      {
        key: "fiscalGrandTotal",
        subject: "财政拨款收入支出总计",
        current: "0.3",
        unchanged: true,
        reason: REASON,
        sourceLine: 424,
      },
      // 五（一） line 430–432: 一般公共预算财政拨款支出2940.05万元，…与2023年度相比，…减少63.14万元，下降2.10%。
      {
        key: "gpbExpenditure",
        subject: "一般公共预算财政拨款支出",
        current: "2940.05",
        change: "-63.14",
        pct: "-2.10",
        reason: REASON,
        sourceLine: 430,
      },
    ]);
  });

  test("shares (二, 三, 五（一）) and the class structure (五（二）, lines 434–437)", () => {
    expect(n.shares.map((s) => [s.key, s.amount, s.pct, s.base, s.sourceLine])).toEqual([
      ["income.fiscal", "2940.05", "99.79", "incomeTotal", 418],
      ["income.other", "6.2", "0.21", "incomeTotal", 419],
      ["expenditure.basic", "2336.91", "79.49", "expenditureTotal", 421],
      ["expenditure.project", "603.14", "20.51", "expenditureTotal", 422],
      ["gpbExpenditure", "2940.05", "100.00", "expenditureTotal", 430],
      ["class:一般公共服务", "2106.66", "71.73", "gpbExpenditure", 435],
      ["class:社会保障和就业", "326.72", "11.11", "gpbExpenditure", 435],
      ["class:卫生健康", "60.99", "2.07", "gpbExpenditure", 436],
      ["class:住房保障", "445.69", "15.16", "gpbExpenditure", 436],
    ]);
  });
});

describe("五（三）: budget execution against 年初预算, lines 439–478", () => {
  test("total", () => {
    const { items, ...total } = n.budgetExecution!;
    expect(total).toEqual({
      initialBudget: "2993.92",
      final: "2940.05",
      rate: "98.20",
      rateBase: "initial",
      stated: "less",
      reason: "因年度工作计划安排，个别信息化项目和中介机构服务调减",
      sourceLine: 439,
    });
    expect(items).toHaveLength(11);
  });

  const GENERAL = ["一般公共服务支出", "财政事务"];
  const PENSION = ["社会保障和就业支出", "行政事业单位养老支出"];
  const FULL = "预算按充分保障预估，实际执行基本贴合预期";
  const CAREFUL = "预算按周全保障测算，实际执行基本贴合预期";
  // [no, path, 年初预算, 支出决算, stated, reason, line]: no rates are stated, only 决算数小于预算数 / 与预算数基本持平
  const rows: [number, string[], string, string, "less" | "equal", string | undefined, number][] = [
    [1, [...GENERAL, "行政运行"], "1560.05", "1511.89", "less", "人员进出及退休变化，减少人员经费开支", 443],
    [2, [...GENERAL, "一般行政管理事务"], "10.00", "10.00", "equal", undefined, 446],
    [
      3,
      [...GENERAL, "信息化建设"],
      "135.90",
      "135.25",
      "less",
      "因产业政策扶持资金管理系统项目进度，调减相关经费",
      449,
    ],
    [
      4,
      [...GENERAL, "财政委托业务支出"],
      "450.52",
      "449.52",
      "less",
      "因个别项目评审费未能实施或未来得及支付完毕，于明年重新申请",
      452,
    ],
    [5, [...PENSION, "行政单位离退休"], "85.55", "84.65", "less", FULL, 456],
    [6, [...PENSION, "机关事业单位基本养老保险缴费支出"], "161.62", "160.75", "less", FULL, 459],
    [7, [...PENSION, "机关事业单位职业年金缴费支出"], "80.81", "80.38", "less", CAREFUL, 463],
    [8, [...PENSION, "其他行政事业单位养老支出"], "0.94", "0.94", "equal", undefined, 467],
    [9, ["卫生健康支出", "行政事业单位医疗", "行政单位医疗"], "62.29", "60.99", "less", CAREFUL, 470],
    [10, ["住房保障支出", "住房改革支出", "住房公积金"], "187.75", "187.19", "less", CAREFUL, 473],
    [11, ["住房保障支出", "住房改革支出", "购房补贴"], "258.50", "258.50", "equal", undefined, 476],
  ];
  test.each(rows)("item %i", (no, p, initialBudget, final, stated, reason, line) => {
    expect(n.budgetExecution!.items[no - 1]).toEqual({
      path: p,
      initialBudget,
      final,
      stated,
      ...(reason ? { reason } : {}),
      sourceLine: line,
    });
  });
});

describe("六 to 十一", () => {
  test("六 basic expenditure (lines 481–484)", () => {
    expect(n.basicExpenditure).toEqual({ total: "2336.91", personnel: "2152.26", public: "184.65", sourceLine: 481 });
  });

  test("七 三公 (lines 489–496): 年初预算, categories by their 决算 alone, 与2023年度持平", () => {
    expect(n.sangong).toEqual({
      total: { budget: "0.95", final: "0.00", rate: "0", sourceLine: 489 },
      abroad: { final: "0.00", rate: "0", sourceLine: 490 },
      vehicle: { final: "0.00", rate: "0", sourceLine: 491 },
      reception: { final: "0.00", rate: "0", sourceLine: 491 },
      sourceLine: 489,
    });
    expect(n.changes.filter((c) => c.key.startsWith("sangong."))).toEqual([
      { key: "sangong.total", subject: "“三公”经费支出", current: "0.00", unchanged: true, sourceLine: 494 },
      { key: "sangong.abroad", subject: "因公出国（境）费", current: "0.00", unchanged: true, sourceLine: 494 },
      {
        key: "sangong.vehicle",
        subject: "公务用车购置及运行维护费",
        current: "0.00",
        unchanged: true,
        sourceLine: 495,
      },
      { key: "sangong.reception", subject: "公务接待费", current: "0.00", unchanged: true, sourceLine: 495 },
    ]);
  });

  test("八 政府性基金: 无…收入和支出, no figures", () => {
    expect(govFund).toBeUndefined();
  });

  test("十 预算绩效 (lines 504–511)", () => {
    expect(n.performance).toEqual({
      projectCount: 4,
      funds: "598.42",
      gradeCounts: { 优: 4, 良: 0, 合格: 0, 不合格: 0 },
      summaries: [],
      sourceLine: 507,
    });
  });

  test("十一（一） 机关运行经费 against 2023 (lines 515–516)", () => {
    const reason = "优化办公环境、提升照明效率，更换了老旧照明设施，导致相关支出略有增加";
    expect(n.operatingCost).toEqual({ amount: "184.65", reason, sourceLine: 515 });
    expect(n.changes.filter((c) => c.key === "operatingCost")).toEqual([
      {
        key: "operatingCost",
        subject: "机关运行经费支出",
        current: "184.65",
        change: "2.55",
        pct: "1.40",
        reason,
        sourceLine: 515,
      },
    ]);
  });

  test("十一（二） 政府采购 (lines 518–524)", () => {
    expect(n.procurement).toEqual({
      total: "251.25",
      goods: "4.79",
      works: "0",
      services: "246.47",
      reservedSme: "246.47",
      reservedSmallMicro: "0",
      smeWonReserved: "246.47",
      smallMicroWonReserved: "0",
      smeWonOther: "4.79",
      // no SME total is stated: won in reserved projects + won in the others
      sme: "251.26",
      sourceLine: 518,
    });
  });

  test("十一（三） 国有资产 (lines 526–529)", () => {
    const uses = [
      "部级领导干部用车",
      "主要领导干部用车",
      "机要通信用车",
      "应急保障用车",
      "执法执勤用车",
      "特种专业技术用车",
      "离退休干部用车",
      "其他用车",
    ];
    expect(n.assets).toEqual({
      vehicles: 0,
      vehiclesByUse: Object.fromEntries(uses.map((u) => [u, 0])),
      largeEquipment: 2,
      sourceLine: 526,
    });
  });
});

test("nothing is unread; the only figures left out are the 绩效 ones the report has no field for", () => {
  expect(unread).toEqual([]);
  const leftOver = [...findSections(doc)]
    .filter(([key]) => !["duties", "organisation", "glossary"].includes(key))
    .flatMap(([key, sec]) => unreadFigures(sec).map(([at, f]) => [key, sec.lineAt(at), f]));
  expect(leftOver).toEqual([
    // 编报绩效目标的2024年度项目4个，涉及预算金额598.42万元 (target setting)
    ["performance", 506, "4个"],
    ["performance", 507, "598.42万元"],
    // 绩效跟踪评价的2024年度项目4个，涉及预算金额598.42万元 (tracking)
    ["performance", 507, "4个"],
    ["performance", 507, "598.42万元"],
    // 平均得分99.43分 (the self-evaluation's average score)
    ["performance", 508, "99.43分"],
    // 绩效自评中共发现问题0个，已经完成整改的0个，正在整改的0个 (problems found and fixed)
    ["performance", 510, "0个"],
    ["performance", 510, "0个"],
    ["performance", 511, "0个"],
  ]);
});

test("第四部分 名词解释: all eleven entries", () => {
  expect(glossary.map((g) => g.term)).toEqual([
    "财政拨款收入",
    "事业收入",
    "经营收入",
    "其他收入",
    "年初结转和结余",
    "年末结转和结余",
    "基本支出",
    "项目支出",
    "经营支出",
    "“三公”经费",
    "机关运行经费",
  ]);
  expect(glossary[10].definition).toBe(
    "指行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的基本支出中的日常公用经费支出。",
  );
});
