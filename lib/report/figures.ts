import { D, type Dec } from "@/lib/money/decimal";
import { findRow, getTable, type Report, type Table, type TableRow } from "./schema";

/**
 * The headline figures of one report, as the dashboards and the figures table use them.
 * Amounts are decimal strings in 万元 as printed; shares and rates are percent strings with two decimals;
 * counts are integers. A figure the document does not give is absent (undefined), never "0".
 */
export type Figures = {
  incomeTotal?: string;
  expenditureTotal?: string;
  grandTotal?: string;
  basicExpenditure?: string;
  projectExpenditure?: string;
  personnelCost?: string;
  publicCost?: string;
  sangongBudget?: string;
  sangongFinal?: string;
  procurementTotal?: string;
  procurementSme?: string;
  procurementSmeShare?: string;
  operatingCost?: string;
  initialBudgetGpb?: string;
  gpbExpenditure?: string;
  gpbExecutionRate?: string;
  fiscalIncome?: string;
  performanceProjectsDisclosed: number;
  [k: string]: string | number | undefined;
};

function value(table: Table | undefined, row: TableRow | undefined, column: string): string | undefined {
  return table && table.status === "data" ? row?.values[column] : undefined;
}

/** t01/t04 print 总计 on both sides; the income side is the one with section "income" (or the first). */
function keyed(
  report: Report,
  id: "t01" | "t04",
  key: string,
  column: string,
  section?: "income" | "expenditure",
): string | undefined {
  const t = getTable(report, id);
  if (!t) return undefined;
  const rows = t.rows.filter((r) => r.key === key);
  const row = section
    ? (rows.find((r) => r.section === section) ??
      (rows.every((r) => r.section === undefined) ? rows[section === "income" ? 0 : 1] : undefined))
    : rows[0];
  return value(t, row, column);
}

function totalRow(report: Report, id: "t02" | "t03" | "t05" | "t07" | "t08", column: string): string | undefined {
  const t = getTable(report, id);
  return value(t, findRow(t, { key: "total" }), column);
}

/** Percent, two decimals half-up; undefined when either side is missing or the base is zero. */
function pct(part: string | undefined, whole: string | undefined): string | undefined {
  if (part === undefined || whole === undefined) return undefined;
  const w = new D(whole);
  if (w.isZero()) return undefined;
  return new D(part).div(w).times(100).toDecimalPlaces(2, D.ROUND_HALF_UP).toFixed(2);
}

function sumOf(values: (string | undefined)[]): string | undefined {
  const given = values.filter((v): v is string => v !== undefined);
  if (given.length === 0) return undefined;
  const scale = Math.max(0, ...given.map((v) => (v.includes(".") ? v.length - v.indexOf(".") - 1 : 0)));
  return given.reduce<Dec>((acc, v) => acc.plus(v), new D(0)).toFixed(scale);
}

function countSum(values: (number | undefined)[]): number | undefined {
  const given = values.filter((v): v is number => v !== undefined);
  return given.length === 0 ? undefined : given.reduce((a, b) => a + b, 0);
}

/** 万元 per person, two decimals half-up; undefined without an amount or without persons. */
function perStaff(amount: string | undefined, persons: number | undefined): string | undefined {
  if (amount === undefined || !persons) return undefined;
  return new D(amount).div(persons).toDecimalPlaces(2, D.ROUND_HALF_UP).toFixed(2);
}

export function extractFigures(report: Report): Figures {
  const n = report.narrative;
  const t09 = getTable(report, "t09");
  const sg =
    t09 && t09.status === "data"
      ? (findRow(t09, { key: "sangong" }) ?? (t09.rows.length === 1 ? t09.rows[0] : undefined))
      : undefined;
  const sgv = (col: string) => sg?.values[col];
  const t06 = getTable(report, "t06");

  const incomeTotal = keyed(report, "t01", "incomeTotal", "amount", "income") ?? totalRow(report, "t02", "total");
  const expenditureTotal =
    keyed(report, "t01", "expenditureTotal", "amount", "expenditure") ?? totalRow(report, "t03", "total");
  const basicExpenditure = totalRow(report, "t03", "basic");
  const projectExpenditure = totalRow(report, "t03", "project");
  const personnelCost = value(t06, findRow(t06, { key: "personnelTotal" }), "amount");
  const publicCost = value(t06, findRow(t06, { key: "publicTotal" }), "amount");
  const sangongBudget = sgv("budgetTotal") ?? n.sangong?.total?.budget;
  const sangongFinal = sgv("finalTotal") ?? n.sangong?.total?.final;
  const gpbExpenditure =
    totalRow(report, "t05", "total") ?? keyed(report, "t04", "expenditureTotal", "gpb", "expenditure");
  const initialBudgetGpb = n.budgetExecution?.initialBudget;
  const fiscalIncome =
    sumOf([
      keyed(report, "t01", "gpb", "amount", "income"),
      keyed(report, "t01", "govFund", "amount", "income"),
      keyed(report, "t01", "soe", "amount", "income"),
    ]) ?? totalRow(report, "t02", "fiscal");
  const receptionFinal = sgv("finalReception") ?? n.sangong?.reception?.final;
  const receptionPersons = countSum([n.sangong?.receptionDomestic?.persons, n.sangong?.receptionForeign?.persons]);
  const vehicleOperation = sgv("finalVehicleOperation") ?? n.sangong?.vehicleOperation;
  const sheets = report.appendix.performanceSheets;
  const scores = sheets.map((s) => s.totalScore).filter((s): s is string => s !== undefined);
  const rates = sheets
    .map((s) => s.funds.total.rate ?? pct(s.funds.total.executed, s.funds.total.annual))
    .filter((r): r is string => r !== undefined);
  const grades = n.performance?.gradeCounts ?? {};

  const f: Figures = {
    incomeTotal,
    expenditureTotal,
    grandTotal: keyed(report, "t01", "grandTotal", "amount", "income"),
    basicExpenditure,
    projectExpenditure,
    personnelCost,
    publicCost,
    sangongBudget,
    sangongFinal,
    procurementTotal: n.procurement?.total,
    procurementSme: n.procurement?.sme,
    procurementSmeShare: n.procurement?.smeShare,
    operatingCost: n.operatingCost?.amount,
    initialBudgetGpb,
    gpbExpenditure,
    gpbExecutionRate: pct(gpbExpenditure, initialBudgetGpb),
    fiscalIncome,
    performanceProjectsDisclosed: sheets.length,

    // income and balances
    otherIncome: keyed(report, "t01", "other", "amount", "income"),
    carryBegin: keyed(report, "t01", "carryBegin", "amount", "income"),
    carryEnd: keyed(report, "t01", "carryEnd", "amount", "expenditure"),
    fiscalGrandTotal: keyed(report, "t04", "grandTotal", "amount", "income"),
    govFundExpenditure: totalRow(report, "t07", "total"),
    soeExpenditure: totalRow(report, "t08", "total"),
    // spending structure
    basicShare: pct(basicExpenditure, expenditureTotal),
    projectShare: pct(projectExpenditure, expenditureTotal),
    gpbBasicExpenditure: totalRow(report, "t05", "basic"),
    gpbProjectExpenditure: totalRow(report, "t05", "project"),
    personnelShareOfBasic: pct(personnelCost, sumOf([personnelCost, publicCost])),
    // 三公
    sangongAbroadBudget: sgv("budgetAbroad") ?? n.sangong?.abroad?.budget,
    sangongAbroadFinal: sgv("finalAbroad") ?? n.sangong?.abroad?.final,
    sangongVehicleBudget: sgv("budgetVehicle") ?? n.sangong?.vehicle?.budget,
    sangongVehicleFinal: sgv("finalVehicle") ?? n.sangong?.vehicle?.final,
    sangongVehiclePurchaseBudget: sgv("budgetVehiclePurchase"),
    sangongVehiclePurchaseFinal: sgv("finalVehiclePurchase") ?? n.sangong?.vehiclePurchase,
    sangongVehicleOperationBudget: sgv("budgetVehicleOperation"),
    sangongVehicleOperationFinal: vehicleOperation,
    sangongReceptionBudget: sgv("budgetReception") ?? n.sangong?.reception?.budget,
    sangongReceptionFinal: receptionFinal,
    sangongExecutionRate: pct(sangongFinal, sangongBudget),
    sangongPerPersonnelCost: pct(sangongFinal, personnelCost),
    abroadGroups: n.sangong?.abroadGroups,
    abroadPersons: n.sangong?.abroadPersons,
    vehiclesPurchased: n.sangong?.vehiclesPurchased,
    vehiclesKept: n.sangong?.vehiclesKept,
    receptionBatches: countSum([n.sangong?.receptionDomestic?.batches, n.sangong?.receptionForeign?.batches]),
    receptionPersons,
    // 元 per person: in 万元 the figure would need more decimals than the store keeps.
    receptionCostPerPersonYuan:
      receptionFinal !== undefined && receptionPersons
        ? new D(receptionFinal).times(10000).div(receptionPersons).toDecimalPlaces(2, D.ROUND_HALF_UP).toFixed(2)
        : undefined,
    vehicleOperationPerVehicle:
      vehicleOperation !== undefined && n.sangong?.vehiclesKept
        ? new D(vehicleOperation).div(n.sangong.vehiclesKept).toDecimalPlaces(4, D.ROUND_HALF_UP).toFixed(4)
        : undefined,
    // 机关运行经费, 政府采购, 国有资产
    operatingCostChangeVsBudget: n.operatingCost?.changeVsBudget,
    procurementGoods: n.procurement?.goods,
    procurementWorks: n.procurement?.works,
    procurementServices: n.procurement?.services,
    procurementSmallMicro: n.procurement?.smallMicro,
    procurementSmallMicroShare: n.procurement?.smallMicroShare,
    vehicles: n.assets?.vehicles,
    largeEquipment: n.assets?.largeEquipment,
    // 绩效
    performanceProjectCount: n.performance?.projectCount,
    performanceFunds: n.performance?.funds,
    performanceSheetsStated: n.performance?.sheetsStated,
    performanceGradeExcellent: grades["优"],
    performanceGradeGood: grades["良"],
    performanceGradeFair: grades["中"],
    performanceGradePoor: grades["差"],
    performanceAvgScore: scores.length
      ? scores
          .reduce<Dec>((a, s) => a.plus(s), new D(0))
          .div(scores.length)
          .toDecimalPlaces(2, D.ROUND_HALF_UP)
          .toFixed(2)
      : undefined,
    performanceLowExecutionCount: rates.length ? rates.filter((r) => new D(r).lt(50)).length : undefined,
    budgetExecutionItems: n.budgetExecution?.items.length,
    // staff as 机构设置 states them, and the per-staff figures on 实有人数 (absent where the document gives no staff)
    staffAuthorised: n.staff?.authorised,
    staffActual: n.staff?.actual,
    expenditurePerStaff: perStaff(expenditureTotal, n.staff?.actual),
    personnelCostPerStaff: perStaff(personnelCost, n.staff?.actual),
  };
  for (const k of Object.keys(f)) if (f[k] === undefined) delete f[k];
  return f;
}
