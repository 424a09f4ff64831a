import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { auditBudget } from "@/lib/budget/audit";
import { budgetFigures } from "@/lib/budget/figures";
import { type Budget, getBudgetTable } from "@/lib/budget/schema";
import { readDisclosure } from "@/lib/ingest/read-disclosure";
import { pageOfLine } from "@/lib/report/schema";

/**
 * The four budgets of the corpus (上海市普陀区, as published), every figure below read by hand from the PDFs: the
 * tables print 元 (万里街道 whole 元, 区府办 with cents), “三公” and 机关运行经费 print 万元.
 */
const DIR = path.join(__dirname, "../../fixtures/pdf/budgets");
const cache = new Map<string, Promise<Budget>>();
function read(name: string): Promise<Budget> {
  if (!cache.has(name)) {
    cache.set(
      name,
      readDisclosure(name, new Uint8Array(fs.readFileSync(path.join(DIR, name)))).then((d) => {
        if (d.kind !== "budget") throw new Error(`${name} read as ${d.kind}`);
        return d.budget;
      }),
    );
  }
  return cache.get(name)!;
}
const WANLI_2024 = "上海市普陀区人民政府万里街道办事处2024年部门预算.pdf";
const WANLI_2025 = "上海市普陀区人民政府万里街道办事处2025年部门预算.pdf";
const OFFICE_DEPT = "上海市普陀区人民政府办公室2025年部门预算.pdf";
const OFFICE_UNIT = "上海市普陀区人民政府办公室2025年单位预算.pdf";

// Reading a PDF takes a second or two alone, many more on a loaded CI machine: all four are read once, up front.
beforeAll(() => Promise.all([WANLI_2024, WANLI_2025, OFFICE_DEPT, OFFICE_UNIT].map(read)), 180_000);

const row = (
  b: Budget,
  id: Parameters<typeof getBudgetTable>[1],
  pick: { code?: string; key?: string; side?: "income" | "expenditure" },
) =>
  getBudgetTable(b, id)?.rows.find(
    (r) =>
      (pick.code === undefined || r.code === pick.code) &&
      (pick.key === undefined || r.key === pick.key) &&
      (pick.side === undefined || r.side === pick.side),
  );

describe("budget PDFs: what each one is", () => {
  it.each([
    [WANLI_2024, "上海市普陀区人民政府万里街道办事处", 2024, "部门预算"],
    [WANLI_2025, "上海市普陀区人民政府万里街道办事处", 2025, "部门预算"],
    [OFFICE_DEPT, "上海市普陀区人民政府办公室", 2025, "部门预算"],
    [OFFICE_UNIT, "上海市普陀区人民政府办公室", 2025, "单位预算"],
  ])("%s → %s %i %s, all nine tables", async (file, department, year, scope) => {
    const b = await read(file);
    expect([b.department, b.year, b.scope, b.kind]).toEqual([department, year, scope, "budget"]);
    expect(b.tables.map((t) => t.id)).toEqual(["b01", "b02", "b03", "b04", "b05", "b06", "b07", "b08", "b09"]);
    expect(b.unread).toEqual([]);
  });
});

describe("budget figures, converted from 元 exactly (never rounded)", () => {
  // [file, figures]: 元 → 万元 by moving the point four places; absent keys are figures the document does not give
  const cases: [string, Record<string, string | number>][] = [
    [
      WANLI_2024,
      {
        incomeTotal: "15621.1123", // 156,211,123 元
        gpbAppropriation: "15621.1123",
        expenditureTotal: "15621.1123",
        basicExpenditure: "9970.602", // 99,706,020
        projectExpenditure: "5650.5103", // 56,505,103
        personnelCost: "8853.7451", // 88,537,451
        publicCost: "1116.8569", // 11,168,569
        sangongBudget: "47.91",
        sangongAbroad: "0",
        sangongVehicles: "46.56",
        sangongVehiclePurchase: "25",
        sangongVehicleOperation: "21.56",
        sangongReception: "1.35",
        operatingCostBudget: "443.18",
        procurementBudget: "1662.44",
        procurementSmeReserved: "664.98",
        procurementSmallMicroReserved: "465.49",
        performanceProjects: 50,
        performanceFunds: "5634.81",
      },
    ],
    [
      WANLI_2025,
      {
        incomeTotal: "18976.7551",
        basicExpenditure: "10134.1746", // 101,341,746
        projectExpenditure: "8842.5805",
        personnelCost: "9051.4044", // 90,514,044
        publicCost: "1082.7702", // 10,827,702
        sangongBudget: "37.91",
        sangongVehicles: "36.56",
        sangongVehiclePurchase: "15",
        operatingCostBudget: "464.64",
        procurementBudget: "4821.20",
        procurementSmeReserved: "1928.48",
        procurementSmallMicroReserved: "1349.94",
      },
    ],
    [
      OFFICE_DEPT,
      {
        incomeTotal: "9101.677535", // 91,016,775.35 元
        gpbAppropriation: "9101.677535",
        expenditureTotal: "9101.677535",
        basicExpenditure: "2460.677535", // 24,606,775.35
        projectExpenditure: "6641", // 66,410,000.00
        personnelCost: "2247.399781", // 22,473,997.81
        publicCost: "213.277754", // 2,132,777.54
        sangongBudget: "867.50",
        sangongAbroad: "839.00",
        sangongVehicles: "0", // printed blank in a printed row, and 0万元 in the text
        sangongReception: "28.50",
        operatingCostBudget: "213.28",
        procurementBudget: "34",
        performanceProjects: 11,
        performanceFunds: "6626",
      },
    ],
    [
      OFFICE_UNIT,
      {
        incomeTotal: "9101.677535",
        basicExpenditure: "2460.677535",
        projectExpenditure: "6641",
        sangongBudget: "867.50",
        operatingCostBudget: "213.28",
        procurementBudget: "34",
      },
    ],
  ];
  it.each(cases)("%s", async (file, expected) => {
    const f = budgetFigures(await read(file));
    for (const [k, v] of Object.entries(expected)) expect([k, f[k as keyof typeof f]]).toEqual([k, v]);
  });
});

describe("budget tables, row by row", () => {
  it("万里街道 2024: 收入预算总表 merged 合计 row and a 类/款/项 row, whole 元 with 0 printed", async () => {
    const b = await read(WANLI_2024);
    expect(row(b, "b02", { key: "total" })?.values).toEqual({
      total: "15621.1123",
      fiscal: "15621.1123",
      business: "0",
      operating: "0",
      other: "0",
    });
    // 221 02 01 住房公积金 3,503,499
    expect(row(b, "b02", { code: "2210201" })).toMatchObject({
      name: "住房公积金",
      values: { total: "350.3499", fiscal: "350.3499" },
    });
    expect(row(b, "b01", { key: "class:212", side: "expenditure" })?.values).toEqual({ budget: "11938.5303" }); // 119,385,303
  });
  it("区府办 2025: cents survive the conversion", async () => {
    const b = await read(OFFICE_DEPT);
    expect(row(b, "b03", { code: "2010301" })?.values).toEqual({
      total: "1202.950184",
      basic: "1191.950184",
      project: "11",
    });
    expect(row(b, "b05", { code: "2101102" })?.values).toEqual({ total: "31.421815", basic: "31.421815" });
    expect(row(b, "b08", { code: "30217" })).toMatchObject({
      name: "公务接待费",
      values: { total: "18.5", public: "18.5" },
    });
    expect(row(b, "b04", { key: "gpb", side: "income" })?.values).toEqual({ budget: "9101.677535" });
    expect(row(b, "b04", { key: "fund", side: "income" })?.values).toEqual({});
    expect(getBudgetTable(b, "b06")?.note).toMatch(/本表为空表/);
    expect(getBudgetTable(b, "b06")?.rows).toEqual([]);
  });
  it("区府办 单位预算: its summary splits expenditure into 人员经费 | 公用经费 | 项目支出", async () => {
    const b = await read(OFFICE_UNIT);
    expect(row(b, "b01", { key: "class:201", side: "expenditure" })?.values).toEqual({
      total: "8209.679742",
      personnel: "1381.939988",
      public: "186.739754",
      project: "6641",
    });
    // the 财政拨款收支预算总表 keeps both sides apart (its title once failed to open a table of its own)
    expect(row(b, "b04", { key: "class:221", side: "expenditure" })?.values).toEqual({
      total: "360.912522",
      gpb: "360.912522",
    });
    expect(row(b, "b04", { key: "total", side: "income" })?.values).toEqual({ budget: "9101.677535" });
  });
  it("figures keep their place: page of the 三公 table", async () => {
    const b = await read(OFFICE_DEPT);
    expect(pageOfLine(b, getBudgetTable(b, "b09")?.sourceLine)).toBe(20);
    expect(pageOfLine(b, b.narrative.procurement.total?.sourceLine)).toBe(21);
  });
});

describe("budget narrative", () => {
  it("区府办: every subject paragraph, matched to its code level by level", async () => {
    const b = await read(OFFICE_DEPT);
    expect(b.narrative.subjects.map((s) => [s.code, s.amount])).toEqual([
      ["2010301", "1202.95"],
      ["2010302", "4614"],
      ["2010350", "380.73"],
      ["2010399", "2012"],
      ["2080501", "155.42"],
      ["2080505", "176.32"],
      ["2080506", "88.16"],
      ["2080599", "1.48"],
      ["2101101", "78.29"],
      ["2101102", "31.42"],
      ["2210201", "174.14"],
      ["2210203", "186.77"],
    ]);
    expect(b.narrative.fiscalIncome).toMatchObject({
      value: "9101.68",
      compared: { priorYear: 2024, direction: "down", amount: "2389.52" },
    });
    expect(b.narrative.changeReason).toBe("项目调整");
    expect(b.units).toEqual(["上海市普陀区人民政府办公室本部", "上海市普陀区交流服务中心"]);
    expect(b.projects.map((p) => p.name)).toEqual(["区政府督查及建议提案工作业务经费"]);
  });
  it("万里街道 2024: last year's execution, the change and its reason per subject; 三公 changes with reasons", async () => {
    const b = await read(WANLI_2024);
    expect(b.narrative.subjects).toHaveLength(33);
    expect(b.narrative.subjects[2]).toMatchObject({
      code: "2013202",
      amount: "88.87",
      priorExecuted: "60.79",
      statedBudget: "88.87",
      compared: { direction: "up", percent: "46.19", reason: "组织事务一般行政管理事务经费增加" },
    });
    expect(b.narrative.sangong.vehiclePurchase).toMatchObject({
      value: "25",
      compared: { priorYear: 2023, direction: "up", amount: "25", reason: "购置公务用车" },
    });
    expect(b.narrative.assets).toMatchObject({ vehicles: 7, vehiclesToBuy: 1, asOf: "2023年8月31日" });
    // 项目经费: four quarterly plans of 158.05 万元
    expect(b.projects).toMatchObject([{ name: "万里街道社区公共服务中心新建工程", amount: "632.2" }]);
  });
});

describe("budget audit on the real documents", () => {
  const rules = (b: Budget, severity: string) =>
    auditBudget(b)
      .filter((f) => f.severity === severity)
      .map((f) => f.rule)
      .sort();
  it("区府办's two budgets add up: no error, no warning, no rounding note", async () => {
    for (const file of [OFFICE_DEPT, OFFICE_UNIT]) {
      const b = await read(file);
      expect(auditBudget(b)).toEqual([]);
    }
  });
  it("万里街道 2024: the 住房公积金 paragraph states two budgets; two codes printed short; an 'empty table' note over figures", async () => {
    const b = await read(WANLI_2024);
    expect(rules(b, "error")).toEqual(["B_N_SUBJECT_RESTATED"]);
    expect(rules(b, "warning")).toEqual(["B_B08_CODE_MALFORMED", "B_B08_CODE_MALFORMED", "B_B09_EMPTY_NOTE"]);
    const restated = auditBudget(b).find((f) => f.rule === "B_N_SUBJECT_RESTATED")!;
    expect([restated.expected, restated.found]).toEqual(["350.35", "352.67"]);
  });
  it("万里街道 2025: whole-元 rounding tails are notes, and a subject named under the wrong 款 is a warning", async () => {
    const b = await read(WANLI_2025);
    expect(rules(b, "error")).toEqual([]);
    expect(rules(b, "warning")).toEqual(["B_N_SUBJECT_UNKNOWN"]);
    expect(rules(b, "rounding").length).toBeGreaterThan(0);
    expect(
      auditBudget(b)
        .filter((f) => f.severity === "rounding")
        .every((f) => f.rule.startsWith("B_B0")),
    ).toBe(true);
  });
  it("a changed table cell is found, with both places", async () => {
    const b = structuredClone(await read(OFFICE_DEPT));
    const r = getBudgetTable(b, "b05")!.rows.find((x) => x.code === "2010302")!;
    r.values.total = "4615";
    const found = auditBudget(b)
      .filter((f) => f.severity === "error")
      .map((f) => f.rule);
    expect(found).toEqual(expect.arrayContaining(["B_B05_ROW_SUM", "B_B05_HIERARCHY", "B_N_SUBJECT_AMOUNT"]));
  });
});

describe("budgets as text, and check --json", () => {
  it("the same budget as tab-separated text (what a spreadsheet export gives) reads the same tables and figures", async () => {
    const pdf = await read(OFFICE_DEPT);
    const { readPdfText } = await import("@/lib/ingest/pdf/read-pdf");
    const { pdfToSourceDoc } = await import("@/lib/ingest/pdf/to-source-doc");
    const bytes = new Uint8Array(fs.readFileSync(path.join(DIR, OFFICE_DEPT)));
    const text = pdfToSourceDoc("x.pdf", bytes, await readPdfText("x.pdf", bytes)).doc.text;
    const d = await readDisclosure("区府办2025年部门预算.txt", new TextEncoder().encode(text));
    if (d.kind !== "budget") throw new Error("not read as a budget");
    expect(d.budget.source.layout).toBe("markdown");
    expect(d.budget.tables).toEqual(pdf.tables);
    expect(budgetFigures(d.budget)).toEqual(budgetFigures(pdf));
  }, 120_000);
  it("a budget whose tables lost their columns (spaces only) is refused with what to do instead", async () => {
    const text = [
      "上海市普陀区2025年区级部门预算",
      "预算主管部门：某部门",
      "2025年部门收入预算总表",
      "合计    100.00    100.00",
    ].join("\n");
    await expect(readDisclosure("b.txt", new TextEncoder().encode(text))).rejects.toThrow(/没有分栏/);
  });
  it("check --json says kind budget, the scope and the figures; a 决算 says kind final", async () => {
    const { checkDocument, toJson } = await import("@/lib/check/check");
    const json = toJson(
      await checkDocument(OFFICE_UNIT, new Uint8Array(fs.readFileSync(path.join(DIR, OFFICE_UNIT)))),
    ) as Record<string, unknown>;
    expect(json).toMatchObject({
      kind: "budget",
      scope: "单位预算",
      year: 2025,
      figures: { incomeTotal: "9101.677535", sangongBudget: "867.50", procurementBudget: "34" },
    });
    const seed = path.join(__dirname, "../../../data/samples/004_fcc6ab7362c41973.txt");
    expect(toJson(await checkDocument(seed, new Uint8Array(fs.readFileSync(seed))))).toMatchObject({ kind: "final" });
  }, 120_000);
});
