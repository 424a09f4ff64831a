import { D } from "../money/decimal";
import { type Budget, type BudgetColumn, getBudgetTable } from "./schema";

/**
 * The headline figures of a budget, in 万元, exact. A figure the document does not give is absent, never 0: a blank
 * cell in a table that was printed is a zero the document states, but a table or sentence that is missing says
 * nothing.
 */
export type BudgetFigures = {
  incomeTotal?: string;
  fiscalIncome?: string;
  gpbAppropriation?: string;
  expenditureTotal?: string;
  basicExpenditure?: string;
  projectExpenditure?: string;
  personnelCost?: string;
  publicCost?: string;
  sangongBudget?: string;
  sangongAbroad?: string;
  sangongVehicles?: string;
  sangongVehiclePurchase?: string;
  sangongVehicleOperation?: string;
  sangongReception?: string;
  operatingCostBudget?: string;
  procurementBudget?: string;
  procurementSmeReserved?: string;
  procurementSmallMicroReserved?: string;
  performanceProjects?: number;
  performanceFunds?: string;
  projectsDescribed: number;
};

export function budgetFigures(b: Budget): BudgetFigures {
  const out: BudgetFigures = { projectsDescribed: b.projects.length };
  const set = (k: keyof BudgetFigures, v: string | undefined) => {
    if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  };
  const row = (id: Parameters<typeof getBudgetTable>[1], key: string, side?: "income" | "expenditure") =>
    getBudgetTable(b, id)?.rows.find((r) => r.key === key && (side === undefined || r.side === side));
  // a printed table row with a blank cell states zero; no table states nothing
  const cell = (
    id: Parameters<typeof getBudgetTable>[1],
    key: string,
    col: BudgetColumn,
    side?: "income" | "expenditure",
  ) => {
    const r = row(id, key, side);
    return r ? (r.values[col] ?? "0") : undefined;
  };
  const n = b.narrative;
  // the year's own income and spending (本年收入合计) where the summary prints it apart from the 总计
  set(
    "incomeTotal",
    cell("b01", "subtotal", "budget", "income") ??
      cell("b01", "total", "budget", "income") ??
      cell("b02", "total", "total") ??
      n.incomeTotal?.value,
  );
  set(
    "fiscalIncome",
    cell("b01", "fiscal", "budget", "income") ?? cell("b02", "total", "fiscal") ?? n.fiscalIncome?.value,
  );
  set(
    "gpbAppropriation",
    cell("b04", "gpb", "budget", "income") ?? cell("b01", "gpb", "budget", "income") ?? n.gpbExpenditure?.value,
  );
  const exp = row("b01", "subtotal", "expenditure") ?? row("b01", "total", "expenditure");
  set(
    "expenditureTotal",
    (exp ? (exp.values.total ?? exp.values.budget) : undefined) ??
      cell("b03", "total", "total") ??
      n.expenditureTotal?.value,
  );
  set("basicExpenditure", cell("b03", "total", "basic"));
  set("projectExpenditure", cell("b03", "total", "project"));
  set("personnelCost", cell("b08", "total", "personnel"));
  set("publicCost", cell("b08", "total", "public"));
  const sg = row("b09", "total");
  const sgCell = (col: BudgetColumn, stated: string | undefined) => (sg ? (sg.values[col] ?? stated ?? "0") : stated);
  set("sangongBudget", sgCell("total", n.sangong.total?.value));
  set("sangongAbroad", sgCell("abroad", n.sangong.abroad?.value));
  const vehicles =
    sg?.values.vehicles ??
    (sg?.values.vehiclePurchase !== undefined || sg?.values.vehicleOperation !== undefined
      ? new D(sg.values.vehiclePurchase ?? 0).plus(sg.values.vehicleOperation ?? 0).toFixed()
      : undefined);
  set("sangongVehicles", vehicles ?? sgCell("vehicles", n.sangong.vehicles?.value));
  set("sangongVehiclePurchase", sgCell("vehiclePurchase", n.sangong.vehiclePurchase?.value));
  set("sangongVehicleOperation", sgCell("vehicleOperation", n.sangong.vehicleOperation?.value));
  set("sangongReception", sgCell("reception", n.sangong.reception?.value));
  set("operatingCostBudget", sg?.values.operatingCost ?? n.operatingCost?.value);
  set("procurementBudget", n.procurement.total?.value);
  set("procurementSmeReserved", n.procurement.smeReserved?.value);
  set("procurementSmallMicroReserved", n.procurement.smallMicroReserved?.value);
  if (n.performance?.projects !== undefined) out.performanceProjects = n.performance.projects;
  set("performanceFunds", n.performance?.funds);
  return out;
}
