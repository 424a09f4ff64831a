import { describe, expect, test } from "vitest";
import type { Severity } from "@/lib/audit/types";
import type { Report } from "@/lib/report/schema";
import { makeReport, mutate, removeTable, rowOf, setCell } from "../../helpers/factories";
import { auditSummary, findingsOf } from "./helpers";

const base = makeReport();

type Case = [name: string, make: () => Report, expected: Record<string, Severity[]>];

/**
 * Each case breaks the factory report in one place and lists every finding that must follow — nothing more.
 * Amounts are the factory's (see tests/helpers/factories.ts); expected severities are worked out from them.
 */
const cases: Case[] = [
  // t01
  [
    "t01 其他收入 10.00 → 10.01: a rounding tail in 本年收入合计 and against t02",
    () => setCell(base, "t01", { key: "other" }, "amount", "10.01"),
    { T01_INCOME_SUM: ["rounding"], T02_VS_T01: ["rounding"] },
  ],
  [
    "t01 其他收入 10.00 → 12.00",
    () => setCell(base, "t01", { key: "other" }, "amount", "12.00"),
    { T01_INCOME_SUM: ["error"], T02_VS_T01: ["error"] },
  ],
  [
    "t01 class row 208 dropped",
    () =>
      mutate(base, (r) => {
        const t = r.tables.find((x) => x.id === "t01")!;
        t.rows = t.rows.filter((x) => x.code !== "208");
      }),
    { T01_EXPENDITURE_SUM: ["error"], T03_VS_T01: ["error"] },
  ],
  [
    "t01 支出总计 1015.00 → 1016.00",
    () => setCell(base, "t01", { key: "grandTotal", section: "expenditure" }, "amount", "1016.00"),
    { T01_EXPENDITURE_GRAND_TOTAL: ["error"], T01_BALANCE: ["error"], NARRATIVE_VS_TABLE: ["error"] },
  ],
  [
    "t01 年初结转和结余 5.00 → 5.01",
    () => setCell(base, "t01", { key: "carryBegin" }, "amount", "5.01"),
    { T01_INCOME_GRAND_TOTAL: ["rounding"] },
  ],
  // subject tables
  [
    "t02 一般行政管理事务 财政拨款收入 300.00 → 301.00",
    () => setCell(base, "t02", { code: "2010302" }, "fiscal", "301.00"),
    { T02_ROW_SUM: ["error"], T02_HIERARCHY: ["error"] },
  ],
  [
    "t03 行政运行: 基本支出 and 项目支出 columns swapped",
    () =>
      mutate(base, (r) => {
        rowOf(r, "t03", { code: "2010301" }).values = { total: "605.00", project: "605.00" };
      }),
    { T03_HIERARCHY: ["error", "error"] },
  ],
  [
    "t05 项 row 2010302 dropped",
    () =>
      mutate(base, (r) => {
        const t = r.tables.find((x) => x.id === "t05")!;
        t.rows = t.rows.filter((x) => x.code !== "2010302");
      }),
    { T05_HIERARCHY: ["error", "error"], EXEC_ITEM_UNMATCHED: ["warning"] },
  ],
  [
    "t05 类 row 208 dropped (its 款 still adds up to 合计)",
    () =>
      mutate(base, (r) => {
        const t = r.tables.find((x) => x.id === "t05")!;
        t.rows = t.rows.filter((x) => x.code !== "208");
      }),
    { T04_VS_T05: ["error"], NARRATIVE_VS_TABLE: ["error"] },
  ],
  [
    "t05 行政运行 基本支出 600.00 → 600.01",
    () => setCell(base, "t05", { code: "2010301" }, "basic", "600.01"),
    { T05_ROW_SUM: ["rounding"], T05_HIERARCHY: ["rounding"] },
  ],
  [
    "t07 with data whose 年末结转 does not balance",
    () =>
      mutate(base, (r) => {
        const t = r.tables.find((x) => x.id === "t07")!;
        t.status = "data";
        const values = { carryBegin: "1.00", income: "10.00", total: "8.00", basic: "8.00", carryEnd: "4.00" };
        t.rows = [
          { key: "total", name: "合计", values },
          { code: "229", name: "其他支出", values: { ...values } },
        ];
      }),
    { T07_CARRY_BALANCE: ["error", "error"], T04_VS_T07_T08: ["error"] },
  ],
  // t04
  [
    "t04 201 一般公共预算 900.00 → 901.00",
    () => setCell(base, "t04", { code: "201" }, "gpb", "901.00"),
    { T04_ROW_SUM: ["error"], T04_EXPENDITURE_SUM: ["error"], T04_VS_T05: ["error"] },
  ],
  [
    "t04 年初结转 一般公共预算 row emptied",
    () => setCell(base, "t04", { key: "carryBeginGpb" }, "amount", undefined),
    { T04_CARRY_SPLIT: ["error"] },
  ],
  [
    "t04 一般公共预算财政拨款收入 1000.00 → 999.00",
    () => setCell(base, "t04", { key: "gpb", section: "income" }, "amount", "999.00"),
    { T04_INCOME_SUM: ["error"], T04_VS_T01: ["error"], T04_FUND_BALANCE: ["error"] },
  ],
  [
    "t04 支出总计 1002.00 → 1003.00 in both columns",
    () =>
      setCell(
        setCell(base, "t04", { key: "grandTotal", section: "expenditure" }, "total", "1003.00"),
        "t04",
        { key: "grandTotal", section: "expenditure" },
        "gpb",
        "1003.00",
      ),
    { T04_EXPENDITURE_GRAND_TOTAL: ["error", "error"], T04_BALANCE: ["error"], NARRATIVE_VS_TABLE: ["error"] },
  ],
  // t06
  [
    "t06 30101 基本工资 300.00 → 300.01",
    () => setCell(base, "t06", { code: "30101" }, "amount", "300.01"),
    { T06_HIERARCHY: ["rounding"] },
  ],
  [
    "t06 人员经费合计 560.00 → 570.00",
    () => setCell(base, "t06", { key: "personnelTotal" }, "amount", "570.00"),
    { T06_PERSONNEL_SUM: ["error"], T06_VS_T05: ["error"], BASIC_EXPENDITURE_VS_TABLES: ["error"] },
  ],
  [
    "t06 class 310 and its 款 dropped",
    () =>
      mutate(base, (r) => {
        const t = r.tables.find((x) => x.id === "t06")!;
        t.rows = t.rows.filter((x) => !x.code?.startsWith("310"));
      }),
    { T06_PUBLIC_SUM: ["error"] },
  ],
  [
    "t06 30231 公务用车运行维护费 20.00 → 18.00 (302 still adds up)",
    () =>
      setCell(setCell(base, "t06", { code: "30231" }, "amount", "18.00"), "t06", { code: "30201" }, "amount", "102.00"),
    { SANGONG_VS_T06: ["warning"] },
  ],
  // t09
  [
    "t09 决算数 公务接待费 10.00 → 11.00",
    () => setCell(base, "t09", { key: "sangong" }, "finalReception", "11.00"),
    { T09_TOTAL_SUM: ["error"], SANGONG_VS_T09: ["error"], SANGONG_VS_T06: ["warning"] },
  ],
  [
    "t09 预算数 公务用车购置费 1.00 added",
    () => setCell(base, "t09", { key: "sangong" }, "budgetVehiclePurchase", "1.00"),
    { T09_VEHICLE_SUM: ["error"] },
  ],
  // tables removed: the rules that need them stay silent, completeness speaks
  ["t05 removed", () => removeTable(base, "t05"), { COMPLETENESS_T05: ["warning"] }],
  ["t07 removed", () => removeTable(base, "t07"), { COMPLETENESS_T07: ["warning"] }],
];

describe("table identities on mutated copies of the factory report", () => {
  test("the factory report itself has no findings", () => {
    expect(auditSummary(base)).toEqual({});
  });

  test.each(cases)("%s", (_name, make, expected) => {
    expect(auditSummary(make())).toEqual(expected);
  });
});

describe("what a finding says", () => {
  test("a sum names both sides, both values, and locates every cell", () => {
    const [f] = findingsOf(setCell(base, "t01", { key: "other" }, "amount", "12.00"), "T01_INCOME_SUM");
    expect(f.message).toBe("公开01表 本年收入合计 1010.00 与各收入行之和 1012.00 不符（相差 2.00）");
    expect(f.expected).toBe("1012.00");
    expect(f.found).toBe("1010.00");
    const total = f.locations[0];
    expect(total).toMatchObject({
      table: "t01",
      rowKey: "incomeTotal",
      column: "amount",
      label: "公开01表 本年收入合计",
    });
    expect(total.sourceLine).toBe(rowOf(base, "t01", { key: "incomeTotal" }).sourceLine);
    expect(f.locations.map((l) => l.rowKey)).toEqual([
      "incomeTotal",
      "gpb",
      "govFund",
      "soe",
      "superior",
      "business",
      "operating",
      "affiliated",
      "other",
    ]);
  });

  test("a rounding note says it is within the tolerance", () => {
    const [f] = findingsOf(setCell(base, "t01", { key: "other" }, "amount", "10.01"), "T01_INCOME_SUM");
    expect(f.severity).toBe("rounding");
    expect(f.message).toContain("在尾数误差 ±0.015 以内");
  });

  test("a hierarchy finding names the parent subject, the column and its children", () => {
    const [f] = findingsOf(setCell(base, "t02", { code: "2010302" }, "fiscal", "301.00"), "T02_HIERARCHY");
    expect(f.message).toBe(
      "公开02表 20103 政府办公厅（室）及相关机构事务 财政拨款收入 900.00 与其下各项之和 901.00 不符（相差 1.00）",
    );
    expect(f.locations.map((l) => l.code)).toEqual(["20103", "2010301", "2010302"]);
  });

  test("t03 against t01 matches 类 by name when t01 carries no code", () => {
    const r = mutate(base, (x) => {
      for (const row of x.tables.find((t) => t.id === "t01")!.rows) delete row.code;
    });
    expect(auditSummary(r)).toEqual({});
    const broken = setCell(r, "t03", { code: "208" }, "total", "101.00");
    expect(findingsOf(broken, "T03_VS_T01").map((f) => f.message)).toEqual([
      "公开03表 208 社会保障和就业支出 本年支出合计 101.00 与公开01表 八、社会保障和就业支出 100.00 不符（相差 1.00）",
    ]);
  });

  test("a 项 whose 款 row is missing still counts toward its 类", () => {
    const r = mutate(base, (x) => {
      const t = x.tables.find((t) => t.id === "t05")!;
      t.rows = t.rows.filter((row) => row.code !== "20805");
    });
    expect(auditSummary(r)).toEqual({});
    expect(findingsOf(setCell(r, "t05", { code: "2080505" }, "total", "90.00"), "T05_HIERARCHY")).toHaveLength(1);
  });

  test("a table declared empty is not added up, a missing one is not compared", () => {
    expect(findingsOf(base, "T07_ROW_SUM")).toEqual([]);
    expect(findingsOf(removeTable(base, "t01"), "T02_VS_T01")).toEqual([]);
  });
});
