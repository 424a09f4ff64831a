import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { docFromText, type SourceDoc } from "@/lib/ingest/document";
import { parseNarrative } from "@/lib/ingest/narrative";
import { findSections } from "@/lib/ingest/narrative/outline";
import { unreadFigures } from "@/lib/ingest/narrative/text";
import { narrativeSchema, unreadSchema } from "@/lib/report/schema";
import { prng } from "../render/perturb";

/**
 * Wordings of other cities' templates (DESIGN.md §2 “Narrative”, TEMPLATES.md), one table per feature. Each sentence is
 * worded as real disclosures word it; the expected values are read off the sentence.
 */
function snippet(...lines: string[]): SourceDoc {
  return docFromText("snippet.txt", lines.join("\n"));
}

function read(...lines: string[]) {
  const n = parseNarrative(snippet(...lines));
  expect(() => narrativeSchema.parse(n.narrative)).not.toThrow();
  for (const u of n.unread) expect(() => unreadSchema.parse(u)).not.toThrow();
  return n;
}

const GPB = "五、一般公共预算财政拨款支出决算情况说明";
const ITEM = "1、一般公共服务支出（类）财政事务（款）行政运行（项）。";

describe("budget execution: 年初预算 and/or 全年预算, the rate's base, and 决算数大于/小于/等于预算数", () => {
  // [wording, initialBudget, annualBudget, final, rate, rateBase, stated, reason]
  type Row = [
    string,
    string,
    string | undefined,
    string,
    string | undefined,
    "initial" | "annual" | undefined,
    "more" | "less" | "equal" | undefined,
    string | undefined,
  ];
  const rows: Row[] = [
    [
      "年初预算为0万元，全年预算为321.02万元，支出决算为307.82万元，完成全年预算的95.89%。决算数小于全年预算数的主要原因是部分项目年底未支付。",
      "0",
      "321.02",
      "307.82",
      "95.89",
      "annual",
      "less",
      "部分项目年底未支付",
    ],
    [
      "年初预算为 1,560.05 万元，支出决算为 1,511.89 万元，完成年初预算的 96.91%。决算数小于年初预算数的主要原因：人员进出及退休变化。",
      "1560.05",
      undefined,
      "1511.89",
      "96.91",
      "initial",
      "less",
      "人员进出及退休变化",
    ],
    [
      "年初预算数为100万元，调整后预算数为120万元，决算数为130万元，完成调整后预算的108.33%。决算数大于预算数的主要原因是年中追加。",
      "100",
      "120",
      "130",
      "108.33",
      "annual",
      "more",
      "年中追加",
    ],
    [
      "年初预算为10.00万元，支出决算为10.00万元。决算数与预算数基本持平。",
      "10.00",
      undefined,
      "10.00",
      undefined,
      undefined,
      "equal",
      undefined,
    ],
    [
      "年初预算为 10 万元，全年预算为 12 万元，支出决算为 12 万元，完成预算的 100%。决算数等于预算数。",
      "10",
      "12",
      "12",
      "100",
      undefined,
      "equal",
      undefined,
    ],
    [
      "年初预算为 15.56 万元，支出决算为 15.56 万元，完成年初预算的 100%。与年初预算持平。",
      "15.56",
      undefined,
      "15.56",
      "100",
      "initial",
      "equal",
      undefined,
    ],
    [
      "年初预算为 0 万元，支出决算为 21.6 万元，年初无预算。决算数超过年初预算数的主要原因是新增疫情保障资金。",
      "0",
      undefined,
      "21.6",
      undefined,
      undefined,
      "more",
      "新增疫情保障资金",
    ],
    // amounts in 元, converted exactly to 万元
    [
      "年初预算为 1,000,000.00 元，全年预算为 1,234,567.89 元，支出决算为 1,200,000.00 元，完成全年预算的 97.20%。",
      "100",
      "123.456789",
      "120",
      "97.20",
      "annual",
      undefined,
      undefined,
    ],
  ];

  test.each(rows)("total: %s", (wording, initialBudget, annualBudget, final, rate, rateBase, stated, reason) => {
    const n = read(GPB, `一般公共预算财政拨款支出${wording}其中：`, `${ITEM}年初预算为 1 万元，支出决算为 1 万元。`);
    const { items, sourceLine, ...total } = n.narrative.budgetExecution!;
    expect(total).toEqual({
      initialBudget,
      ...(annualBudget !== undefined ? { annualBudget } : {}),
      final,
      ...(rate !== undefined ? { rate } : {}),
      ...(rateBase ? { rateBase } : {}),
      ...(stated ? { stated } : {}),
      ...(reason ? { reason } : {}),
    });
    expect(sourceLine).toBe(2);
    expect(items).toHaveLength(1);
    expect(n.unread).toEqual([]);
  });

  test.each(rows)("item: %s", (wording, initialBudget, annualBudget, final, rate, rateBase, stated, reason) => {
    const n = read(
      GPB,
      "一般公共预算财政拨款支出年初预算为 1 万元，支出决算为 1 万元。其中：",
      `${ITEM}主要用于：机关运行。${wording}`,
    );
    const [item] = n.narrative.budgetExecution!.items;
    expect(item).toMatchObject({
      path: ["一般公共服务支出", "财政事务", "行政运行"],
      initialBudget,
      final,
      sourceLine: 3,
    });
    expect([item.annualBudget, item.rate, item.rateBase, item.stated, item.reason]).toEqual([
      annualBudget,
      rate,
      rateBase,
      stated,
      reason,
    ]);
    expect(n.unread).toEqual([]);
  });

  test("the issue's sentence, which used to reject the whole document", () => {
    const n = read(
      GPB,
      "2024年度一般公共预算财政拨款支出年初预算为0万元，全年预算为321.02万元，支出决算为307.82万元，完成全年预算的95.89%。",
    );
    expect(n.narrative.budgetExecution).toMatchObject({
      initialBudget: "0",
      annualBudget: "321.02",
      final: "307.82",
      rate: "95.89",
      rateBase: "annual",
    });
  });

  test("only 全年预算, no 年初预算: an unread note (the report's execution figures start from 年初预算)", () => {
    const n = read(
      GPB,
      "一般公共预算财政拨款支出全年预算为 321.02 万元，支出决算为 307.82 万元，完成全年预算的 95.89%。",
    );
    expect(n.narrative.budgetExecution).toBeUndefined();
    expect(n.unread).toEqual([
      {
        part: "statement",
        where: GPB,
        sourceLine: 2,
        text: "一般公共预算财政拨款支出全年预算为321.02万元，支出决算为307.82万元，完成全年预算的95.89%。",
        message: expect.stringMatching(/^只给出全年预算，未给出年初预算/),
      },
    ]);
  });
});

describe("two values in one phrase", () => {
  const OVERALL = "一、收入支出决算总体情况说明";
  // [statement, [subject, current][]]
  test.each([
    ["2023年度收、支总计各是8979.95,8979.95万元。", [["收、支总计", "8979.95"]]],
    ["2024年度收入支出总计各为 2,995.39,2,995.39 万元。", [["收入支出总计", "2995.39"]]],
    ["2023年度收、支总计分别为 100.50、100.50 万元。", [["收、支总计", "100.50"]]],
    ["2024年度收入支出总计均为2995.39万元。", [["收入支出总计", "2995.39"]]],
    ["收、支总计各为 8,979.95 万元。", [["收、支总计", "8979.95"]]],
    // two different values are two facts, each held against the tables
    [
      "2023年度收、支总计各是 100.68,100.86 万元。",
      [
        ["收、支总计（收入）", "100.68"],
        ["收、支总计（支出）", "100.86"],
      ],
    ],
    [
      "2023年度收、支总计各是 1,006,800、1,008,600 元。",
      [
        ["收、支总计（收入）", "100.68"],
        ["收、支总计（支出）", "100.86"],
      ],
    ],
  ] as const)("%s", (statement, expected) => {
    const n = read(OVERALL, `${statement}与2022年度相比，收、支总计各增加1万元，增长1%。`);
    expect(n.narrative.changes.map((c) => [c.subject, c.current])).toEqual(expected);
    for (const c of n.narrative.changes)
      expect(c).toMatchObject({ key: "grandTotal", change: "1", pct: "1", sourceLine: 2 });
  });

  test("财政拨款收入支出总计 (Shanghai wording) with 持平", () => {
    const n = read(
      "四、财政拨款收入支出决算总体情况说明",
      "2024年度财政拨款收入支出总计2961.68万元。与2023年度相比，财政拨款收入支出总计持平。主要原因：人员稳定。",
    );
    expect(n.narrative.changes).toEqual([
      {
        key: "fiscalGrandTotal",
        subject: "财政拨款收入支出总计",
        current: "2961.68",
        unchanged: true,
        reason: "人员稳定",
        sourceLine: 2,
      },
    ]);
  });
});

describe("与2023年度持平 and other unchanged wordings", () => {
  test.each([["与2023年度持平。"], ["与 2023 年度相比持平。"], ["比上年无变化。"], ["与上年决算数一致。"]])(
    "%s",
    (wording) => {
      const n = read("二、收入决算情况说明", `5、其他收入 0 万元，${wording}`);
      expect(n.narrative.changes).toEqual([
        { key: "income.other", subject: "其他收入", current: "0", unchanged: true, sourceLine: 2 },
      ]);
    },
  );
});

describe("政府采购 under 其他重要事项说明 (2024 national wording with reserved projects)", () => {
  const SHANGHAI = [
    "十一、其他重要事项的情况说明",
    "（二）政府采购支出情况",
    "2024年度政府采购金额（以合同签订为准）为251.25万元，其中：货物采购金额4.79万元、工程采购金额0万元、服务采购金额246.47万元。",
    "2024年度本部门面向中小企业预留政府采购项目预算金额246.47万元，面向小微企业预留政府采购项目预算金额0万元。在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额246.47万元；在面向小微企业预留政府采购项目中，由小微企业供应商中标或成交的，采购金额0万元；在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额4.79万元。",
  ];

  test("every figure, and sme = won in reserved + won in other projects", () => {
    const n = read(...SHANGHAI);
    expect(n.narrative.procurement).toEqual({
      total: "251.25",
      goods: "4.79",
      works: "0",
      services: "246.47",
      reservedSme: "246.47",
      reservedSmallMicro: "0",
      smeWonReserved: "246.47",
      smallMicroWonReserved: "0",
      smeWonOther: "4.79",
      sme: "251.26",
      sourceLine: 3,
    });
    expect(n.unread).toEqual([]);
  });

  test("in 元, with 中标和成交 and 合同金额", () => {
    const n = read(
      "（二）政府采购支出情况",
      "政府采购合同金额为 2,512,500.00 元，其中：货物采购合同金额 47,900.00 元、工程采购合同金额 0 元、服务采购合同金额 2,464,600.00 元。",
      "面向中小企业预留政府采购项目预算金额 2,464,600.00 元。在面向中小企业预留的政府采购项目中，由中小企业供应商中标和成交的，合同金额 2,464,600.00 元；在其他政府采购项目中，由中小企业中标或成交的，合同金额为 0 元。",
    );
    expect(n.narrative.procurement).toEqual({
      total: "251.25",
      goods: "4.79",
      works: "0",
      services: "246.46",
      reservedSme: "246.46",
      smeWonReserved: "246.46",
      smeWonOther: "0",
      sme: "246.46",
      sourceLine: 2,
    });
  });

  test("a stated SME total is kept as stated, not replaced by the sum", () => {
    const n = read(
      "十一、政府采购支出情况",
      "2023 年度政府采购支出总额 100 万元。授予中小企业合同金额 90 万元，占政府采购支出总额的 90%。在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额 50 万元；在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额 30 万元。",
    );
    expect(n.narrative.procurement).toMatchObject({
      total: "100",
      sme: "90",
      smeShare: "90",
      smeWonReserved: "50",
      smeWonOther: "30",
    });
  });
});

describe("机关运行经费: against last year or against the budget", () => {
  test.each([
    [
      "（一）机关运行经费支出情况",
      "机关运行经费支出184.65万元，比2023年度增加2.55万元，增长1.40%。主要原因是更换了老旧照明设施。",
      { amount: "184.65", reason: "更换了老旧照明设施", sourceLine: 2 },
      { change: "2.55", pct: "1.40" },
    ],
    [
      "十、机关运行经费支出情况",
      "2023年度机关运行经费支出 1,174,700 元，与上年相比减少 100,000 元，下降 7.85%。主要是压减公用经费。",
      { amount: "117.47", reason: "压减公用经费", sourceLine: 2 },
      { change: "-10", pct: "-7.85" },
    ],
    [
      "十、机关运行经费支出情况",
      "2023年度机关运行经费支出 100 万元，与2022年度持平。",
      { amount: "100", sourceLine: 2 },
      { unchanged: true },
    ],
    [
      "十、机关运行经费支出说明",
      "2023 年度机关运行经费支出 117.47 万元，比年初预算数减少 51.68 万元，下降 30.55%，主要原因是相关费用支出减少。",
      { amount: "117.47", changeVsBudget: "-51.68", pct: "-30.55", reason: "相关费用支出减少", sourceLine: 2 },
      undefined,
    ],
    [
      "十、机构运行经费支出情况",
      "2022 年度机构运行经费支出 50 万元，比年初预算增加 5 万元，增长 11.11%；比上年减少 2 万元，下降 3.85%。",
      { amount: "50", changeVsBudget: "5", pct: "11.11", sourceLine: 2 },
      { change: "-2", pct: "-3.85" },
    ],
  ] as const)("%s %s", (heading, sentence, operatingCost, change) => {
    const n = read(heading, sentence);
    expect(n.narrative.operatingCost).toEqual(operatingCost);
    const year = n.narrative.changes.filter((c) => c.key === "operatingCost");
    if (!change) expect(year).toEqual([]);
    else
      expect(year).toEqual([
        {
          key: "operatingCost",
          subject: expect.stringMatching(/运行经费支出$/),
          current: operatingCost.amount,
          ...change,
          ...("reason" in operatingCost ? { reason: operatingCost.reason } : {}),
          sourceLine: 2,
        },
      ]);
    expect(n.unread).toEqual([]);
  });
});

describe("section numbering other than the samples'", () => {
  test("一…十一 with 十一、其他重要事项 holding （一）（二）（三）, and a 第三部分 title wrapped over two lines", () => {
    const n = read(
      "第三部分 某区某局2024年度部门决算情况",
      "说明",
      "十、预算绩效管理情况",
      "绩效自评的2024年度项目2个，涉及预算金额10万元。",
      "十一、其他重要事项的情况说明",
      "（一）机关运行经费支出情况",
      "机关运行经费支出5万元，比2023年度增加1万元，增长25%。",
      "（二）政府采购支出情况",
      "政府采购金额（以合同签订为准）为8万元，其中：货物采购金额8万元。",
      "（三）国有资产占有使用情况说明",
      "截至2024年12月31日，本部门共有车辆1辆，其中：部级领导干部用车0辆、主要领导干部用车1辆。单价100万元（含）以上设备（不含车辆）0台（套）。",
      "第四部分 名词解释",
    );
    expect(n.narrative.performance).toMatchObject({ projectCount: 2, funds: "10" });
    expect(n.narrative.operatingCost).toMatchObject({ amount: "5", sourceLine: 7 });
    expect(n.narrative.procurement).toEqual({ total: "8", goods: "8", sourceLine: 9 });
    expect(n.narrative.assets).toEqual({
      vehicles: 1,
      vehiclesByUse: { 部级领导干部用车: 0, 主要领导干部用车: 1 },
      largeEquipment: 0,
      sourceLine: 11,
    });
    expect(n.unread).toEqual([]);
  });

  test("一…十五: sections found by title whatever their number; an unknown section ends the one before and is noted", () => {
    const n = read(
      "六、一般公共预算财政拨款基本支出决算情况说明",
      "一般公共预算财政拨款基本支出 100 万元，其中：人员经费 80 万元，公用经费 20 万元。",
      "七、一般公共预算项目支出决算情况说明",
      "一般公共预算项目支出 30 万元，主要用于信息化建设。",
      "十四、机构运行经费支出情况",
      "机构运行经费支出 20 万元，比上年增加 1 万元，增长 5.26%。",
      "十五、预算绩效情况说明",
      "对 3 个项目开展绩效自评，涉及资金 30 万元。",
    );
    expect(n.narrative.basicExpenditure).toEqual({ total: "100", personnel: "80", public: "20", sourceLine: 2 });
    expect(n.narrative.operatingCost).toMatchObject({ amount: "20", sourceLine: 6 });
    expect(n.narrative.performance).toMatchObject({ projectCount: 3, funds: "30", sourceLine: 8 });
    expect(n.unread).toEqual([
      {
        part: "section",
        where: "七、一般公共预算项目支出决算情况说明",
        sourceLine: 3,
        text: "一般公共预算项目支出30万元，主要用于信息化建设。",
        message: "本节不是已知的情况说明小节，其中 1 个数字未读入",
      },
    ]);
  });

  test("a 一、 inside section 九 is a sub-heading, not a section of its own", () => {
    const n = read(
      "九、财政拨款“三公”经费支出决算情况说明",
      "一、“三公”经费支出决算总体情况说明",
      "“三公”经费支出全年预算为 5 万元，支出决算为 4 万元，完成全年预算的 80%。",
    );
    expect(n.narrative.sangong?.total).toEqual({ budget: "5", final: "4", rate: "80", sourceLine: 3 });
    expect(n.unread).toEqual([]);
  });
});

describe("三公", () => {
  const SANGONG = "七、财政拨款“三公”经费支出决算情况说明";
  test("amounts in 元", () => {
    const n = read(
      SANGONG,
      "2023年度“三公”经费财政拨款支出全年预算为53,500.00元，支出决算为53,500.00元，完成全年预算的100%。",
      "1、因公出国（境）费全年预算为0元，支出决算为0元。全年支出涉及因公出国（境）团组0个，累计0人次。",
      "2、公务用车购置及运行维护费全年预算为15,800元，支出决算为15,800元，完成全年预算的100%。其中：公务用车购置费支出0元，购置公务用车0辆；公务用车运行维护费15,800元，公务用车保有量为1辆。",
      "3、公务接待费全年预算为37,700元，支出决算为37,700元，完成全年预算的100%。其中：国内接待费37,700元，共计接待27批次、299人次（含外事接待0批次、0人次）。",
    );
    expect(n.narrative.sangong).toEqual({
      total: { budget: "5.35", final: "5.35", rate: "100", sourceLine: 2 },
      abroad: { budget: "0", final: "0", sourceLine: 3 },
      vehicle: { budget: "1.58", final: "1.58", rate: "100", sourceLine: 4 },
      reception: { budget: "3.77", final: "3.77", rate: "100", sourceLine: 5 },
      abroadGroups: 0,
      abroadPersons: 0,
      vehiclePurchase: "0",
      vehiclesPurchased: 0,
      vehicleOperation: "1.58",
      vehiclesKept: 1,
      receptionDomestic: {
        amount: "3.77",
        batches: 27,
        persons: 299,
        foreignAffairsBatches: 0,
        foreignAffairsPersons: 0,
      },
      sourceLine: 2,
    });
    expect(n.unread).toEqual([]);
  });

  test("年初预算 with categories stated by their 决算 alone, and 与2023年度持平 per category", () => {
    const n = read(
      SANGONG,
      "“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元，完成预算的0%，其中：因公出国（境）费决算为0.00万元，完成预算的0%；公务用车购置及运行维护费支出决算为0.00万元，完成预算的0%；公务接待费支出决算为0.00万元，完成预算的0%。",
      "2024年度“三公”经费财政拨款支出决算数与2023年度持平。其中：因公出国（境）费支出决算持平；公务用车购置及运行维护费支出决算持平；公务接待费支出决算持平。",
    );
    const s = n.narrative.sangong!;
    expect([s.total, s.abroad, s.vehicle, s.reception]).toEqual([
      { budget: "0.95", final: "0.00", rate: "0", sourceLine: 2 },
      { final: "0.00", rate: "0", sourceLine: 2 },
      { final: "0.00", rate: "0", sourceLine: 2 },
      { final: "0.00", rate: "0", sourceLine: 2 },
    ]);
    expect(n.narrative.changes.map((c) => [c.key, c.subject, c.current, c.unchanged])).toEqual([
      ["sangong.total", "“三公”经费支出", "0.00", true],
      ["sangong.abroad", "因公出国（境）费", "0.00", true],
      ["sangong.vehicle", "公务用车购置及运行维护费", "0.00", true],
      ["sangong.reception", "公务接待费", "0.00", true],
    ]);
  });

  test("a change against last year with amounts; a comparison with the budget is not one", () => {
    const n = read(
      SANGONG,
      "2023 年度“三公”经费支出全年预算为 10 万元，支出决算为 8 万元，与 2023 年预算基本持平。与2022年度相比，“三公”经费支出减少2万元，下降20%，主要原因是压减公务接待。",
    );
    expect(n.narrative.changes).toEqual([
      {
        key: "sangong.total",
        subject: "“三公”经费支出",
        current: "8",
        change: "-2",
        pct: "-20",
        reason: "压减公务接待",
        sourceLine: 2,
      },
    ]);
  });
});

describe("国有资产: the vehicle uses the list names", () => {
  test.each([
    [
      "共有车辆0辆，其中：部级领导干部用车0辆、主要领导干部用车0辆、机要通信用车0辆、应急保障用车0辆、执法执勤用车0辆、特种专业技术用车0辆、离退休干部用车0辆、其他用车0辆。单价100万元（含）以上设备（不含车辆）2台（套）。",
      0,
      [
        "部级领导干部用车",
        "主要领导干部用车",
        "机要通信用车",
        "应急保障用车",
        "执法执勤用车",
        "特种专业技术用车",
        "离退休干部用车",
        "其他用车",
      ],
      2,
    ],
    [
      "本部门共有车辆 3 辆，其中，符合规定领导干部用车 1 辆、执法执勤用车 2 辆；单价 50 万元以上通用设备 1 台（套），单价 100 万元以上专用设备 0 台（套）。",
      3,
      ["领导干部用车", "执法执勤用车"],
      1,
    ],
  ] as const)("%s", (sentence, vehicles, uses, largeEquipment) => {
    const n = read("（三）国有资产占有使用情况说明", `截至2024年12月31日，${sentence}`);
    expect(n.narrative.assets?.vehicles).toBe(vehicles);
    expect(Object.keys(n.narrative.assets?.vehiclesByUse ?? {})).toEqual(uses);
    expect(n.narrative.assets?.largeEquipment).toBe(largeEquipment);
  });
});

describe("预算绩效 in Shanghai wording", () => {
  test("count, funds and grades 优/良/合格/不合格; targets and the average score have no field and are no notes", () => {
    const doc = snippet(
      "十、预算绩效管理情况",
      "编报绩效目标的2024年度项目4个，涉及预算金额598.42万元；绩效自评的2024年度项目4个，涉及预算金额598.42万元，平均得分99.43分（其中，绩效评级为“优”的项目3个；绩效评级为“良”的项目1个；绩效评级为“合格”的项目0个；绩效评级为“不合格”的项目0个）。",
    );
    const n = parseNarrative(doc);
    expect(n.narrative.performance).toEqual({
      projectCount: 4,
      funds: "598.42",
      gradeCounts: { 优: 3, 良: 1, 合格: 0, 不合格: 0 },
      summaries: [],
      sourceLine: 2,
    });
    expect(n.unread).toEqual([]);
    expect(unreadFigures(findSections(doc).get("performance")!).map(([, f]) => f)).toEqual([
      "4个",
      "598.42万元",
      "99.43分",
    ]);
  });
});

describe("what is noted and what is not", () => {
  test("a statement of a modelled subject in a wording no reader knows is noted; an extra disclosure is not", () => {
    const n = read(
      "二、收入决算情况说明",
      "2023年度收入合计 100 万元，其中：财政拨款收入 90 万元，占 90%。",
      "其他收入：10万元，与上年相比有所减少。",
      "三、支出决算情况说明",
      "2023年度支出合计 100 万元。另有代管资金 5 万元，不在本表反映。",
    );
    expect(n.narrative.changes.map((c) => c.key)).toEqual(["incomeTotal", "expenditureTotal"]);
    expect(n.unread).toEqual([
      {
        part: "statement",
        where: "二、收入决算情况说明",
        sourceLine: 3,
        text: "其他收入：10万元，与上年相比有所减少。",
        message: "句中的 10万元 未能读入（句式未识别）",
      },
    ]);
  });

  test("a section none of whose figures reads is one note for the section", () => {
    const n = read("六、一般公共预算财政拨款基本支出决算情况说明", "本年度基本支出：人员类 80 万元，运转类 20 万元。");
    expect(n.narrative.basicExpenditure).toBeUndefined();
    expect(n.unread).toEqual([
      {
        part: "section",
        where: "六、一般公共预算财政拨款基本支出决算情况说明",
        sourceLine: 2,
        text: "本年度基本支出：人员类80万元，运转类20万元。",
        message: "本节的 2 个数字均未能读入（句式未识别）",
      },
    ]);
  });
});

describe("nothing in the narrative rejects a document", () => {
  // Deterministic damage to every narrative line of the three real documents: figures spelled out or garbled,
  // words dropped, lines cut; parseNarrative must always return, and every note must fit the schema.
  const files = [
    [path.resolve(__dirname, "../../fixtures/documents/000_de383ccec50b5c0e.txt"), 775, 1260],
    [path.resolve(__dirname, "../../fixtures/documents/004_fcc6ab7362c41973.txt"), 382, 600],
    [path.resolve(__dirname, "../../fixtures/pdf-text/财政局2024-visual-lines.txt"), 411, 557],
  ] as const;
  const damage = [
    (l: string, r: () => number) => l.replace(/\d/g, (d) => (r() < 0.3 ? "一二三四五六七八九十"[Number(d)] : d)),
    (l: string, r: () => number) => l.replace(/[，。；、]/g, (c) => (r() < 0.3 ? "" : c)),
    (l: string, r: () => number) => l.replace(/\d+(?:\.\d+)?/g, (d) => (r() < 0.3 ? `${d},${d}` : d)),
    (l: string, r: () => number) => l.slice(0, Math.floor(l.length * r())),
    (l: string, r: () => number) => l.replace(/万元/g, (u) => (r() < 0.3 ? "" : u)),
    (l: string, r: () => number) => l.replace(/年初预算|支出决算|占|增加|减少/g, (w) => (r() < 0.3 ? "" : w)),
  ];
  test.each(
    files.flatMap(([file, from, to]) => damage.map((_, k) => [path.basename(file), k, file, from, to] as const)),
  )("%s, damage %i", (_, k, file, from, to) => {
    const rand = prng(1000 + k);
    const lines = readFileSync(file, "utf8").split("\n");
    for (let round = 0; round < 5; round++) {
      const text = lines.map((l, i) => (i >= from && i < to && rand() < 0.5 ? damage[k](l, rand) : l)).join("\n");
      const n = parseNarrative(docFromText("damaged.txt", text));
      expect(() => narrativeSchema.parse(n.narrative)).not.toThrow();
      for (const u of n.unread) expect(() => unreadSchema.parse(u)).not.toThrow();
    }
  });
});
