import { describe, expect, test } from "vitest";
import { extractFigures, type Figures } from "@/lib/report/figures";
import type { Report } from "@/lib/report/schema";
import { makeReport, mutate, removeTable, setCell } from "../../helpers/factories";

const base = makeReport();
const figures = extractFigures(base);

describe("extractFigures on the factory report", () => {
  test.each<[string, string | number]>([
    ["incomeTotal", "1010.00"],
    ["expenditureTotal", "1005.00"],
    ["grandTotal", "1015.00"],
    ["basicExpenditure", "705.00"],
    ["projectExpenditure", "300.00"],
    ["personnelCost", "560.00"],
    ["publicCost", "140.00"],
    ["sangongBudget", "37.00"],
    ["sangongFinal", "34.00"],
    ["procurementTotal", "200.00"],
    ["procurementSme", "125.00"],
    ["procurementSmeShare", "62.5"],
    ["operatingCost", "140.00"],
    ["initialBudgetGpb", "800.00"],
    ["gpbExpenditure", "1000.00"],
    // 1000 / 800
    ["gpbExecutionRate", "125.00"],
    ["fiscalIncome", "1000.00"],
    ["performanceProjectsDisclosed", 2],
    ["sangongReceptionFinal", "10.00"],
    ["sangongVehicleOperationFinal", "20.00"],
    // 34 / 37
    ["sangongExecutionRate", "91.89"],
    // 34 / 560
    ["sangongPerPersonnelCost", "6.07"],
    ["vehiclesKept", 2],
    ["receptionPersons", 40],
    ["receptionBatches", 5],
    // 10 万元 / 40 人 = 2500 元
    ["receptionCostPerPersonYuan", "2500.00"],
    ["vehicleOperationPerVehicle", "10.0000"],
    ["abroadPersons", 2],
    ["procurementSmallMicro", "80.00"],
    // 705 / 1005, 300 / 1005
    ["basicShare", "70.15"],
    ["projectShare", "29.85"],
    ["performanceGradeExcellent", 1],
    ["performanceGradeFair", 1],
    // (97.5 + 73) / 2
    ["performanceAvgScore", "85.25"],
    ["performanceLowExecutionCount", 0],
    ["fiscalGrandTotal", "1002.00"],
  ])("%s = %s", (key, value) => {
    expect(figures[key]).toBe(value);
  });

  test("a figure the document does not give is absent, never zero", () => {
    expect(figures.performanceGradePoor).toBeUndefined();
    expect(figures.govFundExpenditure).toBeUndefined();
    expect("sangongVehiclePurchaseBudget" in figures).toBe(false);
  });
});

describe("extractFigures with data missing", () => {
  test.each<[string, (r: Report) => Report, Partial<Record<keyof Figures, undefined>>]>([
    [
      "no t09 and no 三公 section",
      (r) =>
        mutate(removeTable(r, "t09"), (x) => {
          delete x.narrative.sangong;
        }),
      {
        sangongBudget: undefined,
        sangongFinal: undefined,
        vehiclesKept: undefined,
        receptionCostPerPersonYuan: undefined,
      },
    ],
    [
      "no procurement section",
      (r) =>
        mutate(r, (x) => {
          delete x.narrative.procurement;
        }),
      { procurementTotal: undefined, procurementSme: undefined, procurementSmeShare: undefined },
    ],
    [
      "no budget execution",
      (r) =>
        mutate(r, (x) => {
          delete x.narrative.budgetExecution;
        }),
      { initialBudgetGpb: undefined, gpbExecutionRate: undefined },
    ],
    [
      "年初预算 0: no rate on a zero base",
      (r) =>
        mutate(r, (x) => {
          x.narrative.budgetExecution!.initialBudget = "0";
        }),
      { gpbExecutionRate: undefined },
    ],
    [
      "no t03",
      (r) => removeTable(r, "t03"),
      { basicExpenditure: undefined, projectExpenditure: undefined, basicShare: undefined },
    ],
    [
      "no t06",
      (r) => removeTable(r, "t06"),
      { personnelCost: undefined, publicCost: undefined, sangongPerPersonnelCost: undefined },
    ],
    [
      "t01 and t02 missing",
      (r) => removeTable(removeTable(r, "t01"), "t02"),
      { incomeTotal: undefined, grandTotal: undefined, fiscalIncome: undefined },
    ],
  ])("%s", (_name, change, absent) => {
    const f = extractFigures(change(base));
    for (const key of Object.keys(absent)) expect(f[key], key).toBeUndefined();
  });

  test("no sheets: zero disclosed, no average", () => {
    const f = extractFigures(
      mutate(base, (x) => {
        x.appendix.performanceSheets = [];
      }),
    );
    expect(f.performanceProjectsDisclosed).toBe(0);
    expect(f.performanceAvgScore).toBeUndefined();
  });

  test("fallbacks: t05 missing → gpbExpenditure from t04; t01 missing → income total from t02", () => {
    expect(extractFigures(removeTable(base, "t05")).gpbExpenditure).toBe("1000.00");
    expect(extractFigures(removeTable(base, "t01")).incomeTotal).toBe("1010.00");
    expect(extractFigures(removeTable(base, "t01")).fiscalIncome).toBe("1000.00");
  });

  test("execution rate rounds half up to two decimals (seed 004: 8251.79 / 7958.4)", () => {
    const r = mutate(setCell(base, "t05", { key: "total" }, "total", "8251.79"), (x) => {
      x.narrative.budgetExecution!.initialBudget = "7958.4";
    });
    expect(extractFigures(r).gpbExecutionRate).toBe("103.69");
  });
});
