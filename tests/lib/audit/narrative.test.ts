import { describe, expect, test } from "vitest";
import { matchItem } from "@/lib/audit/rules/budget-execution";
import type { Severity } from "@/lib/audit/types";
import type { Report } from "@/lib/report/schema";
import { makeReport, mutate, removeTable } from "../../helpers/factories";
import { auditSummary, findingsOf } from "./helpers";

const base = makeReport();
const n = (change: (r: Report) => void) => () => mutate(base, change);
const change = (r: Report, key: string) => r.narrative.changes.find((c) => c.key === key)!;
const share = (r: Report, key: string) => r.narrative.shares.find((s) => s.key === key)!;

type Case = [name: string, make: () => Report, expected: Record<string, Severity[]>];

const figures: Case[] = [
  [
    "财政拨款收入 stated 1000.10 against t02 1000.00",
    n((r) => {
      change(r, "income.fiscal").current = "1000.10";
    }),
    { NARRATIVE_VS_TABLE: ["error"] },
  ],
  [
    "财政拨款收入 stated 1000.0 (trailing zero dropped) equals 1000.00",
    n((r) => {
      change(r, "income.fiscal").current = "1000.0";
    }),
    {},
  ],
  [
    "一般公共预算财政拨款支出 stated 1000.01: a rounding tail",
    n((r) => {
      change(r, "gpbExpenditure").current = "1000.01";
    }),
    { NARRATIVE_VS_TABLE: ["rounding"] },
  ],
  [
    "一般公共服务（类）share amount 901.00 against t05 900.00",
    n((r) => {
      share(r, "class:一般公共服务").amount = "901.00";
    }),
    { NARRATIVE_VS_TABLE: ["error"] },
  ],
  [
    "上级补助收入 stated 0 with the t02 cell empty",
    n((r) => {
      change(r, "income.superior").current = "0";
    }),
    {},
  ],
  // one finding naming both 总计 of t01, which agree
  [
    "收支总计 stated 1014.00 against both 总计 of t01",
    n((r) => {
      change(r, "grandTotal").current = "1014.00";
      change(r, "grandTotal").change = "-86.00";
      change(r, "grandTotal").pct = "-7.82";
    }),
    { NARRATIVE_VS_TABLE: ["error"] },
  ],
  [
    "六、基本支出 stated 710.00",
    n((r) => {
      r.narrative.basicExpenditure!.total = "710.00";
    }),
    { BASIC_EXPENDITURE_VS_TABLES: ["error"] },
  ],
  [
    "六、公用经费 stated 141.00",
    n((r) => {
      r.narrative.basicExpenditure!.public = "141.00";
    }),
    { BASIC_EXPENDITURE_VS_TABLES: ["error"] },
  ],
];

const percentages: Case[] = [
  [
    "财政拨款收入占比 99.02 (one unit off)",
    n((r) => {
      share(r, "income.fiscal").pct = "99.02";
    }),
    { PCT_SHARE: ["rounding"] },
  ],
  [
    "财政拨款收入占比 98.01",
    n((r) => {
      share(r, "income.fiscal").pct = "98.01";
    }),
    { PCT_SHARE: ["error"] },
  ],
  [
    "收支总计增减比例 -7.74 (one unit off)",
    n((r) => {
      change(r, "grandTotal").pct = "-7.74";
    }),
    { PCT_CHANGE: ["rounding"] },
  ],
  [
    "收支总计增减比例 with the sign lost",
    n((r) => {
      change(r, "grandTotal").pct = "7.73";
    }),
    { PCT_CHANGE: ["error"] },
  ],
  [
    "增减比例 on a prior year of zero",
    n((r) => {
      change(r, "gpbExpenditure").change = "1000.00";
      change(r, "gpbExpenditure").pct = "100";
    }),
    { PCT_ZERO_BASE: ["error"] },
  ],
  // −10 / 150 = −6.67%: printed with one decimal it should read −6.7
  [
    "机关运行经费 -6.6 (one decimal, one unit off)",
    n((r) => {
      r.narrative.operatingCost!.pct = "-6.6";
    }),
    { PCT_OPERATING_COST: ["rounding"] },
  ],
  [
    "机关运行经费 -6.5",
    n((r) => {
      r.narrative.operatingCost!.pct = "-6.5";
    }),
    { PCT_OPERATING_COST: ["error"] },
  ],
  [
    "class share base falls back to the narrative figure when t05 is missing",
    () => removeTable(base, "t05"),
    { COMPLETENESS_T05: ["warning"] },
  ],
];

const item = (r: Report, i: number) => r.narrative.budgetExecution!.items[i];
const execution: Case[] = [
  [
    "item 行政运行 rate 121 (one unit off)",
    n((r) => {
      item(r, 0).rate = "121";
    }),
    { EXEC_RATE: ["rounding"] },
  ],
  [
    "item 行政运行 rate 130",
    n((r) => {
      item(r, 0).rate = "130";
    }),
    { EXEC_RATE: ["error"] },
  ],
  // (300 − 200) / 200 = 50%: the increase, not the completion rate
  [
    "item 一般行政管理事务 rate 50 = the increase over the budget",
    n((r) => {
      item(r, 1).rate = "50";
    }),
    { EXEC_RATE_BASE: ["warning"] },
  ],
  [
    "item 行政运行 rate 83.33 = budget / final upside down",
    n((r) => {
      item(r, 0).rate = "83.33";
    }),
    { EXEC_RATE_BASE: ["warning"] },
  ],
  [
    "item with 年初预算 0 and a rate",
    n((r) => {
      item(r, 2).initialBudget = "0";
    }),
    { EXEC_RATE_ZERO_BASE: ["error"], EXEC_INITIAL_SUM: ["warning"] },
  ],
  [
    "item claims 年初无预算 while its budget is 100.00",
    n((r) => {
      item(r, 2).noInitialBudget = true;
      delete item(r, 2).rate;
    }),
    { EXEC_NO_BUDGET_CLAIM: ["error"] },
  ],
  [
    "item 行政运行 final 610.00",
    n((r) => {
      item(r, 0).final = "610.00";
    }),
    { EXEC_ITEM_VS_T05: ["error"], EXEC_ITEMS_SUM: ["error"], EXEC_RATE: ["error"] },
  ],
  [
    "item names a subject t05 does not have",
    n((r) => {
      item(r, 1).path[2] = "专项业务";
    }),
    { EXEC_ITEM_UNMATCHED: ["warning"], EXEC_ITEM_MISSING: ["warning"] },
  ],
  [
    "item 机关事业单位基本养老保险缴费支出 left out",
    n((r) => {
      r.narrative.budgetExecution!.items.pop();
    }),
    { EXEC_ITEM_MISSING: ["warning"], EXEC_ITEMS_SUM: ["error"], EXEC_INITIAL_SUM: ["warning"] },
  ],
  [
    "总决算 stated 1001.00",
    n((r) => {
      r.narrative.budgetExecution!.final = "1001.00";
    }),
    { EXEC_TOTAL_VS_T05: ["error"], EXEC_ITEMS_SUM: ["error"] },
  ],
  [
    "总完成率 on 年初预算 0",
    n((r) => {
      r.narrative.budgetExecution!.initialBudget = "0";
    }),
    { EXEC_RATE_ZERO_BASE: ["error"], EXEC_INITIAL_SUM: ["warning"] },
  ],
];

const sg = (r: Report) => r.narrative.sangong!;
const sangong: Case[] = [
  [
    "因公出国（境）费 决算 stated 4.50",
    n((r) => {
      sg(r).abroad!.final = "4.50";
    }),
    { SANGONG_VS_T09: ["error"], SANGONG_RATE: ["error"] },
  ],
  // 10 / 12 = 83.33%, but the narrative's own (年初) budget 10.00 gives the printed 100%
  [
    "公务接待费 rate on the 年初 budget instead of the full-year one",
    n((r) => {
      sg(r).reception!.budget = "10.00";
      sg(r).reception!.rate = "100";
    }),
    { SANGONG_VS_T09: ["error"], SANGONG_RATE_BASE: ["warning"] },
  ],
  [
    "公务接待费 rate 83.34 (one unit off)",
    n((r) => {
      sg(r).reception!.rate = "83.34";
    }),
    { SANGONG_RATE: ["rounding"] },
  ],
  [
    "因公出国（境）费 rate on a zero budget (t09 missing)",
    () =>
      mutate(removeTable(base, "t09"), (r) => {
        sg(r).abroad = { budget: "0", final: "0", rate: "100" };
      }),
    { COMPLETENESS_T09: ["warning"], SANGONG_RATE_ZERO_BASE: ["error"] },
  ],
  [
    "国内接待费 9.00 + 国外 0 ≠ 公务接待费 10.00",
    n((r) => {
      sg(r).receptionDomestic!.amount = "9.00";
    }),
    { SANGONG_RECEPTION_PARTS: ["error"] },
  ],
  [
    "保有量 5 辆 > 车辆总数 3 辆",
    n((r) => {
      sg(r).vehiclesKept = 5;
    }),
    { SANGONG_VEHICLES_KEPT: ["warning"] },
  ],
  [
    "购置 1 辆 with no 购置费",
    n((r) => {
      sg(r).vehiclesPurchased = 1;
    }),
    { SANGONG_PURCHASE_COUNT: ["warning"] },
  ],
];

const pr = (r: Report) => r.narrative.procurement!;
const procurement: Case[] = [
  // 125 / 201 = 62.19%, printed 62.5
  [
    "采购总额 201.00",
    n((r) => {
      pr(r).total = "201.00";
    }),
    { PROCUREMENT_SUM: ["error"], PROCUREMENT_SHARE: ["error"] },
  ],
  [
    "小微企业 130.00 > 中小企业 125.00",
    n((r) => {
      pr(r).smallMicro = "130.00";
    }),
    { PROCUREMENT_SME_ORDER: ["error"], PROCUREMENT_SHARE: ["error"] },
  ],
  [
    "服务 SME share 30%: 50 + 45 ≠ 125",
    n((r) => {
      pr(r).servicesSmeShare = "30";
    }),
    { PROCUREMENT_CATEGORY_SME: ["error"] },
  ],
  [
    "服务 SME share 50.01%: within what the printed shares allow",
    n((r) => {
      pr(r).servicesSmeShare = "50.01";
    }),
    { PROCUREMENT_CATEGORY_SME: ["rounding"] },
  ],
  [
    "车辆总数 4 ≠ 2 + 1 by use",
    n((r) => {
      r.narrative.assets!.vehicles = 4;
    }),
    { ASSETS_VEHICLES_SUM: ["error"] },
  ],
];

describe("narrative figures against the tables", () => {
  test.each(figures)("%s", (_name, make, expected) => expect(auditSummary(make())).toEqual(expected));

  test("the finding locates the narrative sentence and the table cell", () => {
    const [f] = findingsOf(
      mutate(base, (r) => {
        change(r, "income.fiscal").current = "1000.10";
      }),
      "NARRATIVE_VS_TABLE",
    );
    expect(f.message).toBe(
      "情况说明 财政拨款收入 1000.10 与公开02表 合计 财政拨款收入 1000.00 不符（相差 0.10）：情况说明应照录决算表中的数字",
    );
    expect(f.locations).toEqual([
      { table: "narrative", section: "二、收入决算情况说明", sourceLine: 310, label: "情况说明 财政拨款收入" },
      expect.objectContaining({ table: "t02", rowKey: "total", column: "fiscal", label: "公开02表 合计 财政拨款收入" }),
    ]);
  });
});

describe("stated percentages recomputed", () => {
  test.each(percentages)("%s", (_name, make, expected) => expect(auditSummary(make())).toEqual(expected));
});

describe("budget execution (年初预算 vs 决算)", () => {
  test.each(execution)("%s", (_name, make, expected) => expect(auditSummary(make())).toEqual(expected));

  test("the rate-base warning says which formula the printed rate matches", () => {
    const [f] = findingsOf(
      mutate(base, (r) => {
        item(r, 1).rate = "50";
      }),
      "EXEC_RATE_BASE",
    );
    expect(f.message).toContain("增减幅度");
    expect(f.expected).toBe("150");
  });

  test("items are matched by name under the right 类/款 when a 项 name repeats", () => {
    const t05 = mutate(base, (r) => {
      r.tables
        .find((t) => t.id === "t05")!
        .rows.push(
          { code: "20138", name: "市场监督管理事务", values: { total: "50.00" } },
          { code: "2013801", name: "行政运行", values: { total: "50.00" } },
        );
    }).tables.find((t) => t.id === "t05")!;
    const byPath = (path: string[]) => matchItem(t05, { path, initialBudget: "0", final: "0" })?.code;
    expect(byPath(["一般公共服务支出", "市场监督管理事务", "行政运行"])).toBe("2013801");
    expect(byPath(["一般公共服务（类）支出", "政府办公厅(室)及相关机构事务", "行政运行"])).toBe("2010301");
    expect(byPath(["社会保障和就业", "行政事业单位养老支出"])).toBe("20805");
    expect(byPath(["一般公共服务支出", "不存在的款", "不存在的项"])).toBeUndefined();
    expect(matchItem(t05, { path: [], code: "2010302", initialBudget: "0", final: "0" })?.code).toBe("2010302");
  });
});

describe("三公, procurement, assets", () => {
  test.each(sangong)("%s", (_name, make, expected) => expect(auditSummary(make())).toEqual(expected));
  test.each(procurement)("%s", (_name, make, expected) => expect(auditSummary(make())).toEqual(expected));

  test("category SME shares that add up to the 小微企业 figure are called out", () => {
    // 50 × 100% + 150 × 20% = 80.00 = 授予小微企业合同金额
    const [f] = findingsOf(
      mutate(base, (r) => {
        pr(r).servicesSmeShare = "20";
      }),
      "PROCUREMENT_CATEGORY_SME",
    );
    expect(f.severity).toBe("error");
    expect(f.expected).toBe("80.00");
    expect(f.message).toContain("分类占比疑按小微企业口径计算");
  });

  test("公务接待费 paid partly from projects is a warning explaining why", () => {
    const [f] = findingsOf(
      mutate(base, (r) => {
        const t06 = r.tables.find((t) => t.id === "t06")!;
        t06.rows.find((x) => x.code === "30217")!.values.amount = "6.00";
        t06.rows.find((x) => x.code === "30201")!.values.amount = "104.00";
      }),
      "SANGONG_VS_T06",
    );
    expect(f.severity).toBe("warning");
    expect(f.message).toContain("公开06表只含一般公共预算基本支出");
    expect(f.locations.map((l) => l.table)).toEqual(["t06", "t09"]);
  });
});
