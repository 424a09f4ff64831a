import { describe, expect, it } from "vitest";
import { auditBudget } from "@/lib/budget/audit";
import { budgetFigures } from "@/lib/budget/figures";
import { getBudgetTable } from "@/lib/budget/schema";
import { readDisclosure } from "@/lib/ingest/read-disclosure";

/**
 * A budget in the national template's shape, not Shanghai's: titles without 预算 (部门收支总表, 部门收入总表 …),
 * income listed by budget (一般公共预算拨款收入 …) with 本年收入合计 and 上年结转结余 apart from 收入总计, a
 * 收入总表 with 上年结转 and 上级补助 columns, 一般公共预算基本支出表 and 一般公共预算“三公”经费支出表, amounts in
 * 万元, and a narrative under 部门预算情况说明. Generated here so that every figure is known.
 */
const T = (...cells: (string | number)[]) => cells.join("\t");
function nationalBudget(): string {
  return [
    "示例县农业农村局2025年部门预算",
    "编制部门：示例县农业农村局",
    "第一部分 部门概况",
    "一、主要职能",
    "负责全县农业农村工作。",
    "第二部分 部门预算情况说明",
    "一、收支预算总体情况",
    "示例县农业农村局2025年收入总计1,250.00万元，支出总计1,250.00万元。收入预算1,200.00万元，其中：一般公共预算拨款收入1,000.00万元，比2024年预算增加100.00万元；政府性基金预算拨款收入150.00万元；上级补助收入50.00万元。",
    "二、一般公共预算当年拨款规模变化情况",
    "1.“农林水支出（类）农业农村（款）行政运行（项）”600.00万元，主要用于机关运行。2024年当年预算执行数为500.00万元，2025年预算安排600.00万元，比2024年预算执行数增加20.00%。主要原因是：人员增加。",
    "第三部分 部门预算表",
    "部门收支总表",
    "单位：万元",
    T("收入", "收入", "支出", "支出"),
    T("项目", "预算数", "项目", "预算数"),
    T("一、一般公共预算拨款收入", "1,000.00", "一、农林水支出", "1,150.00"),
    T("二、政府性基金预算拨款收入", "150.00", "二、社会保障和就业支出", "100.00"),
    T("三、上级补助收入", "50.00", "", ""),
    T("本年收入合计", "1,200.00", "本年支出合计", "1,250.00"),
    T("四、上年结转结余", "50.00", "结转下年", ""),
    T("收入总计", "1,250.00", "支出总计", "1,250.00"),
    "部门收入总表",
    "单位：万元",
    T("科目编码", "科目名称", "合计", "上年结转结余", "一般公共预算拨款收入", "政府性基金预算拨款收入", "上级补助收入"),
    T("213", "农林水支出", "1,150.00", "50.00", "900.00", "150.00", "50.00"),
    T("21301", "农业农村", "1,150.00", "50.00", "900.00", "150.00", "50.00"),
    T("2130101", "行政运行", "600.00", "", "600.00", "", ""),
    T("2130199", "其他农业农村支出", "550.00", "50.00", "300.00", "150.00", "50.00"),
    T("208", "社会保障和就业支出", "100.00", "", "100.00", "", ""),
    T("20805", "行政事业单位养老支出", "100.00", "", "100.00", "", ""),
    T("2080505", "机关事业单位基本养老保险缴费支出", "100.00", "", "100.00", "", ""),
    T("合计", "", "1,250.00", "50.00", "1,000.00", "150.00", "50.00"),
    "部门支出总表",
    "单位：万元",
    T("科目编码", "科目名称", "合计", "基本支出", "项目支出"),
    T("213", "农林水支出", "1,150.00", "600.00", "550.00"),
    T("21301", "农业农村", "1,150.00", "600.00", "550.00"),
    T("2130101", "行政运行", "600.00", "600.00", ""),
    T("2130199", "其他农业农村支出", "550.00", "", "550.00"),
    T("208", "社会保障和就业支出", "100.00", "100.00", ""),
    T("20805", "行政事业单位养老支出", "100.00", "100.00", ""),
    T("2080505", "机关事业单位基本养老保险缴费支出", "100.00", "100.00", ""),
    T("合计", "", "1,250.00", "700.00", "550.00"),
    "一般公共预算支出表",
    "单位：万元",
    T("科目编码", "科目名称", "合计", "基本支出", "项目支出"),
    T("213", "农林水支出", "900.00", "600.00", "300.00"),
    T("21301", "农业农村", "900.00", "600.00", "300.00"),
    T("2130101", "行政运行", "600.00", "600.00", ""),
    T("2130199", "其他农业农村支出", "300.00", "", "300.00"),
    T("208", "社会保障和就业支出", "100.00", "100.00", ""),
    T("20805", "行政事业单位养老支出", "100.00", "100.00", ""),
    T("2080505", "机关事业单位基本养老保险缴费支出", "100.00", "100.00", ""),
    T("合计", "", "1,000.00", "700.00", "300.00"),
    "一般公共预算基本支出表",
    "单位：万元",
    T("科目编码", "科目名称", "合计", "人员经费", "公用经费"),
    T("301", "工资福利支出", "620.00", "620.00", ""),
    T("30101", "基本工资", "620.00", "620.00", ""),
    T("302", "商品和服务支出", "80.00", "", "80.00"),
    T("30201", "办公费", "80.00", "", "80.00"),
    T("合计", "", "700.00", "620.00", "80.00"),
    "一般公共预算“三公”经费支出表",
    "单位：万元",
    T("合计", "因公出国（境）费", "公务用车购置及运行费", "公务用车购置及运行费", "公务用车购置及运行费", "公务接待费"),
    T("", "", "小计", "公务用车购置费", "公务用车运行费", ""),
    T("12.00", "0.00", "10.00", "", "10.00", "2.00"),
    "第四部分 其他说明",
    "一、“三公”经费预算情况",
    "2025年“三公”经费预算数为12.00万元，比2024年预算减少3.00万元。",
    "二、机关运行经费",
    "2025年机关运行经费预算为80.00万元。",
    "三、政府采购情况",
    "2025年政府采购预算总额200.00万元，其中：政府采购货物预算50.00万元、政府采购工程预算0.00万元、政府采购服务预算150.00万元。",
  ].join("\n");
}

async function read(text: string) {
  const d = await readDisclosure("示例县农业农村局2025年部门预算.txt", new TextEncoder().encode(text));
  if (d.kind !== "budget") throw new Error("not read as a budget");
  return d.budget;
}

describe("a budget in the national template", () => {
  it("finds every table by its national title and reads the columns it names", async () => {
    const b = await read(nationalBudget());
    expect([b.department, b.year, b.scope]).toEqual(["示例县农业农村局", 2025, "部门预算"]);
    expect(b.tables.map((t) => t.id)).toEqual(["b01", "b02", "b03", "b05", "b08", "b09"]);
    const b02 = getBudgetTable(b, "b02")!;
    expect(b02.rows.find((r) => r.code === "2130199")?.values).toEqual({
      total: "550.00",
      carryover: "50.00",
      gpb: "300.00",
      fund: "150.00",
      superior: "50.00",
    });
    const b01 = getBudgetTable(b, "b01")!;
    expect(b01.rows.filter((r) => r.side === "income").map((r) => r.key)).toEqual([
      "gpb",
      "fund",
      "superior",
      "subtotal",
      "carryover",
      "total",
    ]);
    expect(b01.rows.filter((r) => r.side === "expenditure").map((r) => r.key)).toEqual([
      "class:213",
      "class:208",
      "subtotal",
      "total",
    ]); // 结转下年 printed blank
  });
  it("figures: the year's own income, not the total with last year's balance", async () => {
    const f = budgetFigures(await read(nationalBudget()));
    expect(f).toMatchObject({
      incomeTotal: "1200.00",
      expenditureTotal: "1250.00",
      basicExpenditure: "700.00",
      projectExpenditure: "550.00",
      personnelCost: "620.00",
      publicCost: "80.00",
      sangongBudget: "12.00",
      sangongVehicles: "10.00",
      operatingCostBudget: "80.00",
      procurementBudget: "200.00",
    });
  });
  it("adds up: no error, no warning; the narrative's subject matched to its code", async () => {
    const b = await read(nationalBudget());
    expect(auditBudget(b).filter((x) => x.severity !== "rounding")).toEqual([]);
    expect(b.narrative.subjects).toMatchObject([
      {
        code: "2130101",
        amount: "600.00",
        priorExecuted: "500.00",
        compared: { direction: "up", percent: "20.00", reason: "人员增加" },
      },
    ]);
  });
  it.each([
    ["a 类 row that does not add up", "1,150.00\t600.00\t550.00", "1,160.00\t600.00\t550.00", "B_B03_ROW_SUM"],
    ["本年收入合计 against its lines", "本年收入合计\t1,200.00", "本年收入合计\t1,210.00", "B_B01_INCOME_SUM"],
    ["the 三公 total against its categories", "12.00\t0.00\t10.00", "13.00\t0.00\t10.00", "B_B09_ROW_SUM"],
    ["a narrative total against the summary", "收入预算1,200.00万元", "收入预算1,300.00万元", "B_N_INCOME_TOTAL"],
  ])("%s is an error", async (_what, from, to, rule) => {
    const text = nationalBudget();
    expect(text.includes(from)).toBe(true);
    const errors = auditBudget(await read(text.replace(from, to)))
      .filter((x) => x.severity === "error")
      .map((x) => x.rule);
    expect(errors).toContain(rule);
  });
});
