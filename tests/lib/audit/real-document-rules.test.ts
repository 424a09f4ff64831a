import { describe, expect, test } from "vitest";
import { tocTitle } from "@/lib/audit/rules/listed-tables";
import type { Severity } from "@/lib/audit/types";
import type { Report } from "@/lib/report/schema";
import { makeReport, mutate, removeTable, rowOf } from "../../helpers/factories";
import { auditSummary, findingsOf } from "./helpers";

/**
 * Rules that real documents needed (issue 10 item 5), on the factory report (no findings at all) broken one thing
 * at a time. Each case lists every finding the change causes, so side effects on other rules stay visible.
 */
const base = makeReport();
const n = (change: (r: Report) => void) => () => mutate(base, change);
type Case = [name: string, make: () => Report, expected: Record<string, Severity[]>];

const be = (r: Report) => r.narrative.budgetExecution!;
const item = (r: Report, i: number) => be(r).items[i];
const fiscal = (r: Report) => r.narrative.changes.find((c) => c.key === "fiscalGrandTotal")!;

/** t04 総计 as the real 上海市普陀区财政局 2024 document prints it: 2,961.68 on both sides. */
function t04Totals(r: Report, value: string) {
  rowOf(r, "t04", { key: "grandTotal", section: "income" }).values.amount = value;
  const exp = rowOf(r, "t04", { key: "grandTotal", section: "expenditure" });
  exp.values.total = value;
  exp.values.gpb = value;
}

describe("1. a narrative total that contradicts 表一 or 表四 (NARRATIVE_VS_TABLE)", () => {
  test("上海市普陀区财政局 2024, 四: 财政拨款收入支出总计 0.3 万元 while 表四 总计 is 2,961.68", () => {
    const r = mutate(base, (x) => {
      t04Totals(x, "2961.68");
      Object.assign(fiscal(x), { subject: "财政拨款收入支出总计", current: "0.3", unchanged: true });
      delete fiscal(x).change;
      delete fiscal(x).pct;
    });
    const found = findingsOf(r, "NARRATIVE_VS_TABLE");
    // one wrong figure, one finding: the two 总计 of 表四 agree and are named together
    expect(found).toHaveLength(1);
    const [f] = found;
    expect([f.severity, f.expected, f.found]).toEqual(["error", "2961.68", "0.3"]);
    expect(f.message).toBe(
      "情况说明 财政拨款收入支出总计 0.3 与公开04表 收入总计和支出总计 2961.68 不符（相差 2961.38）：情况说明应照录决算表中的数字",
    );
    expect(f.locations.map((l) => [l.table, l.rowKey, l.section, l.sourceLine])).toEqual([
      ["narrative", undefined, "四、财政拨款收入支出决算总体情况说明", 330],
      ["t04", "grandTotal", undefined, rowOf(r, "t04", { key: "grandTotal", section: "income" }).sourceLine],
      ["t04", "grandTotal", undefined, rowOf(r, "t04", { key: "grandTotal", section: "expenditure" }).sourceLine],
    ]);
  });

  test.each<Case>([
    [
      "收支总计 stated 1014.00 against 表一 总计 1015.00",
      n((r) => {
        const c = r.narrative.changes[0];
        c.current = "1014.00";
        c.change = "-86.00";
        c.pct = "-7.82";
      }),
      { NARRATIVE_VS_TABLE: ["error"] },
    ],
    [
      "收支总计 stated 1015.01: a rounding tail, no text added",
      n((r) => {
        const c = r.narrative.changes[0];
        c.current = "1015.01";
        c.change = "-84.99";
        c.pct = "-7.73";
      }),
      { NARRATIVE_VS_TABLE: ["rounding"] },
    ],
    // 表四's own two 总计 disagree: the narrative is checked against each, and T04 reports its imbalance
    [
      "表四 支出总计 1003.00 ≠ 收入总计 1002.00, narrative 1002.00",
      n((r) => {
        rowOf(r, "t04", { key: "grandTotal", section: "expenditure" }).values.total = "1003.00";
      }),
      {
        NARRATIVE_VS_TABLE: ["error"],
        T04_BALANCE: ["error"],
        T04_EXPENDITURE_GRAND_TOTAL: ["error"],
        T04_ROW_SUM: ["error"],
      },
    ],
    [
      "财政拨款收支总计 not stated",
      n((r) => {
        r.narrative.changes = r.narrative.changes.filter((c) => c.key !== "fiscalGrandTotal");
      }),
      {},
    ],
    [
      "表四 missing: nothing to compare the narrative with",
      () => removeTable(base, "t04"),
      { COMPLETENESS_T04: ["warning"] },
    ],
  ])("%s", (_name, make, expected) => expect(auditSummary(make())).toEqual(expected));

  test("the message names the 表一 总计 that is wrong, and why", () => {
    const [f] = findingsOf(
      mutate(base, (r) => {
        const c = r.narrative.changes[0];
        c.current = "1014.00";
        c.change = "-86.00";
        c.pct = "-7.82";
      }),
      "NARRATIVE_VS_TABLE",
    );
    expect(f.message).toContain("公开01表 收入总计和支出总计 1015.00 不符");
    expect(f.locations.map((l) => l.table)).toEqual(["narrative", "t01", "t01"]);
  });
});

// factory: total 年初 800.00 → 决算 1000.00 (125%); items 500 → 600, 200 → 300, 100 → 100
const wording: Case[] = [
  [
    "item 行政运行 600 > 500 said 大于",
    n((r) => {
      item(r, 0).stated = "more";
    }),
    {},
  ],
  [
    "item 行政运行 600 > 500 said 小于",
    n((r) => {
      item(r, 0).stated = "less";
    }),
    { EXEC_WORDING: ["error"] },
  ],
  [
    "item 行政运行 600 vs 500 said 持平",
    n((r) => {
      item(r, 0).stated = "equal";
    }),
    { EXEC_WORDING: ["error"] },
  ],
  [
    "item 养老保险 100 = 100 said 持平",
    n((r) => {
      item(r, 2).stated = "equal";
    }),
    {},
  ],
  // printed equal: the exact figures may differ by less than a cent either way
  [
    "item 养老保险 100 = 100 said 大于",
    n((r) => {
      item(r, 2).stated = "more";
    }),
    { EXEC_WORDING: ["rounding"] },
  ],
  // 100.00 against 100.01: 基本持平 is simply true
  [
    "item 养老保险 100.00 vs 100.01 said 持平",
    n((r) => {
      item(r, 2).stated = "equal";
      item(r, 2).initialBudget = "100.01";
    }),
    { EXEC_INITIAL_SUM: ["rounding"] },
  ],
  // 100.00 vs 100.40: 99.6%, which a whole-percent rate shows as 100%, but 0.40 万元 left unexplained
  [
    "item 养老保险 100.00 vs 100.40 said 基本持平",
    n((r) => {
      item(r, 2).stated = "equal";
      item(r, 2).initialBudget = "100.40";
    }),
    { EXEC_WORDING: ["warning"], EXEC_INITIAL_SUM: ["warning"] },
  ],
  [
    "total 1000 > 800 said 小于",
    n((r) => {
      be(r).stated = "less";
    }),
    { EXEC_WORDING: ["error"] },
  ],
  [
    "total said 大于",
    n((r) => {
      be(r).stated = "more";
    }),
    {},
  ],
  // 全年预算 1000.00 named by the rate: 持平 is true
  [
    "total 全年预算 1000.00, rate on it, said 持平",
    n((r) => {
      Object.assign(be(r), { annualBudget: "1000.00", rateBase: "annual", rate: "100", stated: "equal" });
    }),
    {},
  ],
  [
    "total 全年预算 1000.00, rate on 年初, said 持平",
    n((r) => {
      Object.assign(be(r), { annualBudget: "1000.00", rateBase: "initial", stated: "equal" });
    }),
    { EXEC_WORDING: ["error"] },
  ],
  // both budgets and no base named: 持平 against 全年预算 is a fair reading
  [
    "total 年初 800 / 全年 1000, no base named, said 持平",
    n((r) => {
      Object.assign(be(r), { annualBudget: "1000.00", stated: "equal" });
    }),
    {},
  ],
  [
    "total 年初 800 / 全年 1200, no base named, said 持平 (true of neither)",
    n((r) => {
      Object.assign(be(r), { annualBudget: "1200.00", stated: "equal" });
    }),
    { EXEC_WORDING: ["error"] },
  ],
  [
    "total 全年预算 1200.00 named by the rate, said 大于 (true only of 年初)",
    n((r) => {
      Object.assign(be(r), { annualBudget: "1200.00", rateBase: "annual", rate: "83.33", stated: "more" });
    }),
    { EXEC_WORDING: ["error"] },
  ],
  // 年初预算 0 beside 全年预算 1200.00, no base named: 600 < 1200 is a fair reading of 小于
  [
    "item 行政运行: 年初 0, 全年预算 1200.00, said 小于",
    n((r) => {
      Object.assign(item(r, 0), { initialBudget: "0", annualBudget: "1200.00", rate: "50", stated: "less" });
    }),
    { EXEC_INITIAL_SUM: ["warning"] },
  ],
  [
    "item 行政运行: 年初无预算, 全年预算 600.00, said 大于 (年初预算数): true of 年初",
    n((r) => {
      Object.assign(item(r, 0), { initialBudget: "0", annualBudget: "600.00", noInitialBudget: true, stated: "more" });
      delete item(r, 0).rate;
    }),
    { EXEC_INITIAL_SUM: ["warning"] },
  ],
];

describe("2. 大于 / 小于 / 持平 wording against the two figures (EXEC_WORDING)", () => {
  test.each(wording)("%s", (_name, make, expected) => expect(auditSummary(make())).toEqual(expected));

  test("the message says what was said and what the figures show; both places located", () => {
    const [f] = findingsOf(
      mutate(base, (r) => {
        item(r, 0).stated = "less";
      }),
      "EXEC_WORDING",
    );
    expect(f.message).toBe(
      "情况说明 2010301 一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项） 称“决算数小于预算数”，但支出决算 600.00 万元大于年初预算 500.00 万元（相差 100.00 万元），说反了",
    );
    expect([f.expected, f.found]).toEqual(["决算数大于年初预算数", "决算数小于预算数"]);
    expect(f.locations.map((l) => l.sourceLine)).toEqual([352, 352]);
  });

  test("true of neither budget: the message says so for the other one too", () => {
    const [f] = findingsOf(
      mutate(base, (r) => {
        Object.assign(be(r), { annualBudget: "1200.00", stated: "equal" });
      }),
      "EXEC_WORDING",
    );
    expect(f.message).toContain("与全年预算 1200.00 万元相比亦不符");
  });

  test("基本持平 over a small gap asks for the gap to be explained", () => {
    const [f] = findingsOf(
      mutate(base, (r) => {
        item(r, 2).stated = "equal";
        item(r, 2).initialBudget = "100.40";
      }),
      "EXEC_WORDING",
    );
    expect(f.message).toContain("少 0.40 万元，完成 99.60%；差额虽小，仍应如实说明增减及原因");
  });
});

const rates: Case[] = [
  // 1000 / 1100 = 90.909…%
  [
    "total 完成全年预算的 90.91%",
    n((r) => {
      Object.assign(be(r), { annualBudget: "1100.00", rateBase: "annual", rate: "90.91" });
    }),
    {},
  ],
  [
    "total 完成全年预算的 90.92% (one unit off)",
    n((r) => {
      Object.assign(be(r), { annualBudget: "1100.00", rateBase: "annual", rate: "90.92" });
    }),
    { EXEC_RATE: ["rounding"] },
  ],
  [
    "total 完成全年预算的 95%",
    n((r) => {
      Object.assign(be(r), { annualBudget: "1100.00", rateBase: "annual", rate: "95" });
    }),
    { EXEC_RATE: ["error"] },
  ],
  // says 全年 but computed on 年初: 1000 / 800 = 125%
  [
    "total 完成全年预算的 125% = 决算 / 年初预算",
    n((r) => {
      Object.assign(be(r), { annualBudget: "1100.00", rateBase: "annual" });
    }),
    { EXEC_RATE_BASE: ["warning"] },
  ],
  [
    "total 完成年初预算的 90.91% = 决算 / 全年预算",
    n((r) => {
      Object.assign(be(r), { annualBudget: "1100.00", rateBase: "initial", rate: "90.91" });
    }),
    { EXEC_RATE_BASE: ["warning"] },
  ],
  // the text names no base: either budget is a fair reading
  [
    "total 完成预算的 90.91%, both budgets given",
    n((r) => {
      Object.assign(be(r), { annualBudget: "1100.00", rate: "90.91" });
    }),
    {},
  ],
  [
    "total 完成预算的 125%, both budgets given",
    n((r) => {
      Object.assign(be(r), { annualBudget: "1100.00" });
    }),
    {},
  ],
  [
    "total 完成预算的 99%, true of neither",
    n((r) => {
      Object.assign(be(r), { annualBudget: "1100.00", rate: "99" });
    }),
    { EXEC_RATE: ["error"] },
  ],
  [
    "total 完成全年预算的 125% without the 全年预算 figure: nothing to recompute",
    n((r) => {
      be(r).rateBase = "annual";
    }),
    {},
  ],
  [
    "total 全年预算 0 and a rate on it",
    n((r) => {
      Object.assign(be(r), { annualBudget: "0", rateBase: "annual", rate: "100" });
    }),
    { EXEC_RATE_ZERO_BASE: ["error"] },
  ],
  [
    "item 行政运行 完成全年预算的 100% (全年 600.00)",
    n((r) => {
      Object.assign(item(r, 0), { annualBudget: "600.00", rateBase: "annual", rate: "100" });
    }),
    {},
  ],
  // 年初 0, 全年 600, no base named: the rate is read against 全年预算, not flagged as a rate on a zero budget
  [
    "item 年初预算 0, 全年预算 600.00, 完成预算的 100%",
    n((r) => {
      Object.assign(item(r, 0), { initialBudget: "0", annualBudget: "600.00", rate: "100" });
    }),
    { EXEC_INITIAL_SUM: ["warning"] },
  ],
];

describe("3. completion rate against 全年预算 (EXEC_RATE family)", () => {
  test.each(rates)("%s", (_name, make, expected) => expect(auditSummary(make())).toEqual(expected));

  test("the recomputation names the base the text names", () => {
    const [f] = findingsOf(
      mutate(base, (r) => {
        Object.assign(be(r), { annualBudget: "1100.00", rateBase: "annual", rate: "95" });
      }),
      "EXEC_RATE",
    );
    expect(f.message).toBe(
      "情况说明 一般公共预算财政拨款支出 完成全年预算的 95% 与按支出决算 1000.00 / 全年预算 1100.00重算的 91% 不符（相差 4%）",
    );
    expect(f.expected).toBe("91");
  });

  test("a rate computed on the other budget says which", () => {
    const [f] = findingsOf(
      mutate(base, (r) => {
        Object.assign(be(r), { annualBudget: "1100.00", rateBase: "annual" });
      }),
      "EXEC_RATE_BASE",
    );
    expect(f.message).toBe(
      "情况说明 一般公共预算财政拨款支出 称完成全年预算的 125%，这个比例是按决算 / 年初预算，即以年初预算 800.00 为基数算出的，而不是决算 / 全年预算（应为 91%）",
    );
  });
});

const heading = (text: string, extra: Partial<Report["headings"][number]> = {}) => ({ text, sourceLine: 7, ...extra });
const withHeadings = (...hs: Report["headings"]) =>
  n((r) => {
    r.headings = [
      heading("示例市测试局 2023 年度部门决算", { sourceLine: 2, year: 2023, name: "示例市测试局" }),
      ...hs,
    ];
  });
const headings: Case[] = [
  ["no headings recorded", () => base, {}],
  [
    "cover, part title and 部门： line all agree",
    withHeadings(
      heading("第二部分 示例市测试局2023年度部门决算表", { year: 2023, name: "示例市测试局" }),
      heading("部门：示例市测试局", { name: "示例市测试局" }),
    ),
    {},
  ],
  [
    "a unit's and a short name are the department's own",
    withHeadings(
      heading("单位：示例市测试局（本级）", { name: "示例市测试局（本级）" }),
      heading("测试局2023年度部门决算表", { year: 2023, name: "测试局" }),
    ),
    {},
  ],
  [
    "部门：示例市 XX 局",
    withHeadings(heading("部门：示例市 XX 局", { name: "示例市 XX 局" })),
    { HEADING_PLACEHOLDER: ["error"] },
  ],
  [
    "××单位 2023年度部门决算表",
    withHeadings(heading("××单位2023年度部门决算表", { year: 2023, name: "××单位" })),
    { HEADING_PLACEHOLDER: ["error"] },
  ],
  [
    "上海市 XX 局 (placeholder in the text, name not read)",
    withHeadings(heading("第三部分 上海市 XX 局 2023 年度部门决算情况说明", { year: 2023 })),
    { HEADING_PLACEHOLDER: ["error"] },
  ],
  ["20XX 年度", withHeadings(heading("第二部分 20XX 年度部门决算表")), { HEADING_PLACEHOLDER: ["error"] }],
  [
    "markdown bold and a single X are not placeholders",
    withHeadings(heading("**第二部分 示例市测试局X光检测中心 2023 年度决算表**", { year: 2023 })),
    {},
  ],
  [
    "last year's year left in a heading",
    withHeadings(heading("第二部分 示例市测试局2022年度部门决算表", { year: 2022, name: "示例市测试局" })),
    { HEADING_YEAR: ["error"] },
  ],
  [
    "a year two years off",
    withHeadings(heading("2021年度部门决算情况说明", { year: 2021 })),
    { HEADING_YEAR: ["error"] },
  ],
  [
    "another department's name",
    withHeadings(heading("部门：示例市财政局", { name: "示例市财政局" })),
    { HEADING_NAME: ["warning"] },
  ],
  [
    "placeholder and last year's year in one heading",
    withHeadings(heading("XX局2022年度部门决算", { year: 2022, name: "XX局" })),
    { HEADING_PLACEHOLDER: ["error"], HEADING_YEAR: ["error"] },
  ],
];

describe("4. headings naming another year or department (HEADING_*)", () => {
  test.each(headings)("%s", (_name, make, expected) => expect(auditSummary(make())).toEqual(expected));

  test("the year finding names last year and points at a heading that has the right year", () => {
    const [f] = findingsOf(
      withHeadings(heading("第二部分 示例市测试局2022年度部门决算表", { sourceLine: 40, year: 2022 }))(),
      "HEADING_YEAR",
    );
    expect(f.message).toBe(
      "标题“第二部分 示例市测试局2022年度部门决算表”写的是 2022 年，而本文件是 2023 年度决算，疑为沿用上年文件时未改年份",
    );
    expect([f.expected, f.found]).toEqual(["2023", "2022"]);
    expect(f.locations.map((l) => l.sourceLine)).toEqual([40, 2]);
  });

  test("the placeholder finding says what the heading should have said", () => {
    const [f] = findingsOf(
      withHeadings(heading("部门：示例市 XX 局", { name: "示例市 XX 局" }))(),
      "HEADING_PLACEHOLDER",
    );
    expect(f.message).toBe(
      "标题“部门：示例市 XX 局”单位名称写作“示例市 XX 局”，是模板占位符未替换成本部门的名称或年度（本文件是 示例市测试局 2023 年度决算）",
    );
    expect(f.locations).toHaveLength(2);
  });

  test("an entity printed in the table headers is the document's own name", () => {
    const r = mutate(base, (x) => {
      x.entity = "示例市测试局机关";
      x.headings = [heading("单位：示例市测试局机关", { name: "示例市测试局机关" })];
    });
    expect(auditSummary(r)).toEqual({});
  });
});

const NINE = [
  "收入支出决算总表",
  "收入决算表",
  "支出决算表",
  "财政拨款收入支出决算总表",
  "一般公共预算财政拨款支出决算表",
  "一般公共预算财政拨款基本支出决算明细表",
  "政府性基金预算财政拨款收入支出决算表",
  "国有资本经营预算财政拨款支出决算表",
  "财政拨款“三公”经费支出决算表",
];
const ORDINALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
const listed = (titles: string[]) => titles.map((t, i) => `${ORDINALS[i]}、${t}`);
/** The 上海 2024 template's list: 三公 as 七, the two fund tables as 八/九, 基本支出决算表 without 明细. */
const SHANGHAI = [
  "收入支出决算总表",
  "收入决算表",
  "支出决算表",
  "财政拨款收入支出决算总表",
  "一般公共预算财政拨款支出决算表",
  "一般公共预算财政拨款基本支出决算表",
  "财政拨款“三公”经费支出决算表",
  "政府性基金预算财政拨款收入支出决算表",
  "国有资本经营预算财政拨款收入支出决算表",
];

const toc: Case[] = [
  ["nothing listed", () => base, {}],
  [
    "the national nine, all printed",
    n((r) => {
      r.listedTables = listed(NINE);
    }),
    {},
  ],
  [
    "the 上海 template's nine, all printed",
    n((r) => {
      r.listedTables = listed(SHANGHAI);
    }),
    {},
  ],
  [
    "公开NN表 numbering, dot leaders and page numbers",
    n((r) => {
      r.listedTables = NINE.map((t, i) => `公开0${i + 1}表 ${t}……………${i + 3}`);
    }),
    {},
  ],
  [
    "the part title itself is not a table",
    n((r) => {
      r.listedTables = ["第二部分 2023 年度部门决算表", ...listed(NINE)];
    }),
    {},
  ],
  [
    "一般公共预算财政拨款支出决算表 listed, not printed",
    () =>
      mutate(removeTable(base, "t05"), (r) => {
        r.listedTables = listed(NINE);
      }),
    { TOC_TABLE_MISSING: ["error"], COMPLETENESS_T05: ["warning"] },
  ],
  [
    "printed but unreadable: the unread note already says so",
    () =>
      mutate(removeTable(base, "t05"), (r) => {
        r.listedTables = listed(NINE);
        r.unread = [
          {
            part: "table",
            where: "一般公共预算财政拨款支出决算表",
            sourceLine: 150,
            text: "…",
            message: "表格无法读取",
          },
        ];
      }),
    { COMPLETENESS_T05: ["warning"] },
  ],
  [
    "a 政府性基金 table declared empty is printed",
    n((r) => {
      r.listedTables = listed(SHANGHAI);
    }),
    {},
  ],
  [
    "十、项目支出决算表 listed and kept as a raw grid",
    n((r) => {
      r.listedTables = listed([...NINE, "项目支出决算表"]);
      r.extraTables = [{ title: "示例市测试局2023年度项目支出决算表", sourceLine: 240, rows: [["项目", "金额"]] }];
    }),
    {},
  ],
  [
    "十、项目支出决算表 listed, nowhere in 第二部分",
    n((r) => {
      r.listedTables = listed([...NINE, "项目支出决算表"]);
    }),
    { TOC_TABLE_MISSING: ["error"] },
  ],
  [
    "a title listed twice is one finding",
    n((r) => {
      r.listedTables = ["国有资产占用情况表", "国有资产占用情况表……12"];
    }),
    { TOC_TABLE_MISSING: ["error"] },
  ],
];

describe("5. tables listed in 目录 but missing from 第二部分 (TOC_TABLE_MISSING)", () => {
  test.each(toc)("%s", (_name, make, expected) => expect(auditSummary(make())).toEqual(expected));

  test("目录 entries lose page numbers and leaders, nothing else", () => {
    expect(tocTitle("一、收入支出决算总表……3")).toBe("一、收入支出决算总表");
    expect(tocTitle("公开09表 财政拨款“三公”经费支出决算表 .......... 第 12 页")).toBe(
      "公开09表 财政拨款“三公”经费支出决算表",
    );
    expect(tocTitle(" 六、一般公共预算财政拨款基本支出决算表 ")).toBe("六、一般公共预算财政拨款基本支出决算表");
    expect(tocTitle("公开01表")).toBe("公开01表");
  });

  test("the message quotes the 目录 entry", () => {
    const [f] = findingsOf(
      mutate(removeTable(base, "t05"), (r) => {
        r.listedTables = listed(NINE);
      }),
      "TOC_TABLE_MISSING",
    );
    expect(f.message).toBe(
      "目录列出了“五、一般公共预算财政拨款支出决算表”，但第二部分的决算表中找不到这张表：文件没有公开目录所列的表",
    );
    expect(f.locations.map((l) => l.section)).toEqual(["目录", "第二部分"]);
  });
});

const basic = (r: Report) => r.narrative.basicExpenditure!;
const basicCases: Case[] = [
  // 表三 基本支出 705.00 (all funds) where 表五 has 700.00 (财政拨款)
  [
    "六、基本支出 705.00 = 表三, not 表五 700.00",
    n((r) => {
      basic(r).total = "705.00";
    }),
    { BASIC_EXPENDITURE_ALL_FUNDS: ["error"] },
  ],
  [
    "六、基本支出 705.01: 表三 within a rounding tail",
    n((r) => {
      basic(r).total = "705.01";
    }),
    { BASIC_EXPENDITURE_ALL_FUNDS: ["error"] },
  ],
  [
    "六、基本支出 710.00: neither table",
    n((r) => {
      basic(r).total = "710.00";
    }),
    { BASIC_EXPENDITURE_VS_TABLES: ["error"] },
  ],
  [
    "六、基本支出 700.01: a rounding tail of 表五",
    n((r) => {
      basic(r).total = "700.01";
    }),
    { BASIC_EXPENDITURE_VS_TABLES: ["rounding"] },
  ],
  // without 表三 there is no all-funds figure to recognise
  [
    "六、基本支出 705.00, no 表三",
    () =>
      mutate(removeTable(base, "t03"), (r) => {
        basic(r).total = "705.00";
      }),
    { BASIC_EXPENDITURE_VS_TABLES: ["error"], COMPLETENESS_T03: ["warning"] },
  ],
  [
    "人员经费 and 公用经费 absent",
    n((r) => {
      delete basic(r).personnel;
      delete basic(r).public;
    }),
    {},
  ],
];

describe("6. 基本支出 quoting 表三's all funds where 表五/表六 are meant (BASIC_EXPENDITURE_ALL_FUNDS)", () => {
  test.each(basicCases)("%s", (_name, make, expected) => expect(auditSummary(make())).toEqual(expected));

  test("表三 and 表五 agree (all spending is 财政拨款): a figure off both stays a plain mismatch", () => {
    const r = mutate(base, (x) => {
      basic(x).total = "710.00";
      rowOf(x, "t03", { key: "total" }).values.basic = "700.00";
    });
    expect(findingsOf(r, "BASIC_EXPENDITURE_VS_TABLES").map((f) => f.severity)).toEqual(["error"]);
    expect(findingsOf(r, "BASIC_EXPENDITURE_ALL_FUNDS")).toEqual([]);
  });

  test("the message says which table the figure came from", () => {
    const [f] = findingsOf(
      mutate(base, (r) => {
        basic(r).total = "705.00";
      }),
      "BASIC_EXPENDITURE_ALL_FUNDS",
    );
    expect(f.message).toBe(
      "情况说明 一般公共预算财政拨款基本支出写作 705.00 万元，与公开05表 基本支出 700.00 万元不符；705.00 万元是公开03表 基本支出 705.00 万元，即含非财政拨款在内的全部资金，而本节应引用财政拨款口径的公开05表数字",
    );
    expect([f.expected, f.found]).toEqual(["700.00", "705.00"]);
    expect(f.locations.map((l) => l.table)).toEqual(["narrative", "t05", "t03"]);
  });
});

const pr = (r: Report) => r.narrative.procurement!;
/** 上海市普陀区财政局 2024, 十一（二）: parts instead of an SME amount and share. */
function shanghaiProcurement(r: Report) {
  r.narrative.procurement = {
    total: "251.25",
    goods: "4.79",
    works: "0",
    services: "246.47",
    reservedSme: "246.47",
    reservedSmallMicro: "0",
    smeWonReserved: "246.47",
    smallMicroWonReserved: "0",
    smeWonOther: "4.79",
    sourceLine: 390,
  };
}
// factory: total 200.00, 中小企业 125.00 (62.5%), 小微 80.00
const procurement: Case[] = [
  [
    "parts 100 + 25 = 中小企业 125",
    n((r) => {
      Object.assign(pr(r), { smeWonReserved: "100.00", smeWonOther: "25.00" });
    }),
    {},
  ],
  ["parts absent", () => base, {}],
  [
    "parts 150 + 60 = 210 > 总额 200",
    n((r) => {
      Object.assign(pr(r), { smeWonReserved: "150.00", smeWonOther: "60.00" });
    }),
    { PROCUREMENT_PARTS_OVER_TOTAL: ["error"], PROCUREMENT_SME_PARTS: ["error"] },
  ],
  // 246.47 + 4.79 = 251.26 against 251.25: the document's own 尾数 (货物 + 服务 is off by the same cent)
  [
    "上海 2024: 246.47 + 4.79 against 251.25",
    n(shanghaiProcurement),
    {
      PROCUREMENT_PARTS_OVER_TOTAL: ["rounding"],
      PROCUREMENT_SUM: ["rounding"],
      COMPLETENESS_PROCUREMENT_SME: ["warning"],
    },
  ],
  // the reader adds the parts up when the text states no SME amount: 251.26 is no error against 251.25 either
  [
    "上海 2024 with the SME amount the reader derives",
    n((r) => {
      shanghaiProcurement(r);
      pr(r).sme = "251.26";
    }),
    {
      PROCUREMENT_PARTS_OVER_TOTAL: ["rounding"],
      PROCUREMENT_SUM: ["rounding"],
      COMPLETENESS_PROCUREMENT_SME: ["warning"],
    },
  ],
  [
    "预留中小企业 250.00 > 总额 200.00",
    n((r) => {
      pr(r).reservedSme = "250.00";
    }),
    { PROCUREMENT_RESERVED_OVER_TOTAL: ["warning"] },
  ],
  [
    "预留小微企业 200.01: within a tail of the total",
    n((r) => {
      pr(r).reservedSmallMicro = "200.01";
    }),
    {},
  ],
  [
    "中小企业 125 against parts 100 + 20",
    n((r) => {
      Object.assign(pr(r), { smeWonReserved: "100.00", smeWonOther: "20.00" });
    }),
    { PROCUREMENT_SME_PARTS: ["error"] },
  ],
  [
    "中小企业 125.01 against parts 100 + 25: a tail",
    n((r) => {
      Object.assign(pr(r), { sme: "125.01", smeWonReserved: "100.00", smeWonOther: "25.00" });
    }),
    { PROCUREMENT_SME_PARTS: ["rounding"], PROCUREMENT_CATEGORY_SME: ["rounding"] },
  ],
  // 小微-reserved projects counted apart from the SME-reserved ones: 100 + 5 + 20 = 125
  [
    "中小企业 125 = 100 + 小微预留 5 + 20",
    n((r) => {
      Object.assign(pr(r), { smeWonReserved: "100.00", smallMicroWonReserved: "5.00", smeWonOther: "20.00" });
    }),
    {},
  ],
  [
    "no SME amount: share 62.5% from parts 100 + 25",
    n((r) => {
      delete pr(r).sme;
      Object.assign(pr(r), { smeWonReserved: "100.00", smeWonOther: "25.00" });
    }),
    { COMPLETENESS_PROCUREMENT_SME: ["warning"] },
  ],
  [
    "no SME amount: share 60% against parts 125 / 200",
    n((r) => {
      delete pr(r).sme;
      Object.assign(pr(r), { smeShare: "60", smeWonReserved: "100.00", smeWonOther: "25.00" });
    }),
    { PROCUREMENT_SME_PARTS_SHARE: ["error"], COMPLETENESS_PROCUREMENT_SME: ["warning"] },
  ],
  [
    "no SME amount: share 62.51% (one unit off)",
    n((r) => {
      delete pr(r).sme;
      Object.assign(pr(r), { smeShare: "62.51", smeWonReserved: "100.00", smeWonOther: "25.00" });
    }),
    { PROCUREMENT_SME_PARTS_SHARE: ["rounding"], COMPLETENESS_PROCUREMENT_SME: ["warning"] },
  ],
];

describe("7. procurement parts against the total and the SME share (PROCUREMENT_*PARTS*)", () => {
  test.each(procurement)("%s", (_name, make, expected) => expect(auditSummary(make())).toEqual(expected));

  test("parts over the total: the message adds them up and says why it cannot be", () => {
    const [f] = findingsOf(
      mutate(base, (r) => {
        Object.assign(pr(r), { smeWonReserved: "150.00", smeWonOther: "60.00" });
      }),
      "PROCUREMENT_PARTS_OVER_TOTAL",
    );
    expect(f.message).toBe(
      "情况说明 中小企业在预留项目中中标 150.00 万元与在其他项目中中标 60.00 万元合计 210.00 万元，大于政府采购支出总额 200.00 万元，多出 10.00 万元：部分不可能大于整体",
    );
    expect([f.expected, f.found]).toEqual(["200.00", "210.00"]);
  });

  test("中小企业 over the total by a cent is a rounding note, by more an error", () => {
    const order = (sme: string) =>
      findingsOf(
        mutate(base, (r) => {
          pr(r).sme = sme;
        }),
        "PROCUREMENT_SME_ORDER",
      ).map((f) => f.severity);
    expect(order("200.01")).toEqual(["rounding"]);
    expect(order("200.02")).toEqual(["error"]);
  });

  test("上海 2024: a rounding note, never an error", () => {
    const [f] = findingsOf(mutate(base, shanghaiProcurement), "PROCUREMENT_PARTS_OVER_TOTAL");
    expect(f.severity).toBe("rounding");
    expect(f.message).toContain("只多 0.01 万元，在尾数误差 ±0.015 万元以内");
  });
});
