import "server-only";
import { sql } from "drizzle-orm";
import { difference, presentSum, quotient, shareOf } from "@/lib/metrics/dashboard";
import { D } from "@/lib/money/decimal";
import { chosenReports, getChosenFigures } from "./dashboard-scope";
import { rows } from "./sql";

export type SangongFilter = { year: number; synthetic: boolean; dept?: number };

export const SANGONG_CATEGORIES = [
  { key: "Abroad", label: "因公出国（境）费" },
  { key: "VehiclePurchase", label: "公务用车购置费" },
  { key: "VehicleOperation", label: "公务用车运行维护费" },
  { key: "Reception", label: "公务接待费" },
  { key: "Total", label: "合计" },
] as const;
export type SangongCategoryKey = (typeof SANGONG_CATEGORIES)[number]["key"];

export type SangongCategory = {
  key: SangongCategoryKey;
  label: string;
  budget?: string;
  final?: string;
  /** final ÷ budget × 100 */
  rate?: string;
  /** reports printing a 决算数 in this column */
  reports: number;
};

export type SangongCategories = { categories: SangongCategory[]; reports: number; reportsWithTable: number };

/** 预算数 vs 决算数 by category, summed from the 公开09表 cells of one department or all. */
export async function getSangongCategories(f: SangongFilter): Promise<SangongCategories> {
  const [cells, counts] = await Promise.all([
    rows<{ column_key: string; amount: string; reports: number }>(sql`
      with rep as (${chosenReports(f)})
      select c.column_key, trim_scale(sum(c.amount))::text as amount, count(distinct c.report_id)::int as reports
      from rep join table_rows tr on tr.report_id = rep.id and tr.table_id = 't09' and tr.row_key = 'sangong'
      join table_cells c on c.report_id = tr.report_id and c.table_id = tr.table_id and c.row_order = tr.row_order
      group by c.column_key`),
    rows<{ reports: number; with_table: number }>(sql`
      with rep as (${chosenReports(f)})
      select count(*)::int as reports,
             count(*) filter (where exists (select 1 from table_rows tr where tr.report_id = rep.id and tr.table_id = 't09' and tr.row_key = 'sangong'))::int as with_table
      from rep`),
  ]);
  const cell = (k: string) => cells.find((c) => c.column_key === k);
  return {
    categories: SANGONG_CATEGORIES.map(({ key, label }) => {
      const budget = cell(`budget${key}`)?.amount;
      const final = cell(`final${key}`)?.amount;
      return { key, label, budget, final, rate: shareOf(final, budget), reports: Number(cell(`final${key}`)?.reports ?? 0) };
    }),
    reports: Number(counts[0]?.reports ?? 0),
    reportsWithTable: Number(counts[0]?.with_table ?? 0),
  };
}

export type SangongYear = {
  year: number;
  /** departments disclosing a 三公 决算 that year: sums over different sets of departments are not comparable */
  departments: number;
  budget?: string;
  final?: string;
  abroad?: string;
  vehiclePurchase?: string;
  vehicleOperation?: string;
  reception?: string;
};

/** 三公 totals per year (公开09表, else the narrative), all departments or one. */
export async function getSangongYears(f: { synthetic: boolean; dept?: number }): Promise<SangongYear[]> {
  const all = await getChosenFigures({ synthetic: f.synthetic, dept: f.dept });
  const years = [...new Set(all.map((r) => r.year))].sort((a, b) => a - b);
  return years.map((year) => {
    const list = all.filter((r) => r.year === year).map((r) => r.figures);
    const s = (k: string) => presentSum(list.map((g) => g[k])).sum;
    return {
      year,
      departments: list.filter((g) => g.sangongFinal !== undefined).length,
      budget: s("sangongBudget"),
      final: s("sangongFinal"),
      abroad: s("sangongAbroadFinal"),
      vehiclePurchase: s("sangongVehiclePurchaseFinal"),
      vehicleOperation: s("sangongVehicleOperationFinal"),
      reception: s("sangongReceptionFinal"),
    };
  });
}

export type SangongDepartment = {
  departmentId: number;
  department: string;
  synthetic: boolean;
  budget?: string;
  final?: string;
  rate?: string;
  priorFinal?: string;
  change?: string;
  changePct?: string;
  abroad?: string;
  vehiclePurchase?: string;
  vehicleOperation?: string;
  reception?: string;
  abroadGroups?: string;
  abroadPersons?: string;
  vehiclesKept?: string;
  vehiclesPurchased?: string;
  receptionBatches?: string;
  receptionPersons?: string;
  /** 元 per reception guest */
  receptionPerPersonYuan?: string;
  /** 万元 per vehicle kept */
  operationPerVehicle?: string;
  /** 万元 per person abroad */
  abroadPerPerson?: string;
};

/** Every department's 三公 for a year with the change on the year before and the unit costs; largest first. */
export async function getSangongDepartments(f: SangongFilter): Promise<SangongDepartment[]> {
  const [now, before] = await Promise.all([getChosenFigures({ year: f.year, synthetic: f.synthetic }), getChosenFigures({ year: f.year - 1, synthetic: f.synthetic })]);
  const out = now.map((r): SangongDepartment => {
    const g = r.figures;
    const priorFinal = before.find((p) => p.departmentId === r.departmentId)?.figures.sangongFinal;
    const change = difference(g.sangongFinal, priorFinal);
    return {
      departmentId: r.departmentId,
      department: r.department,
      synthetic: r.synthetic,
      budget: g.sangongBudget,
      final: g.sangongFinal,
      rate: g.sangongExecutionRate ?? shareOf(g.sangongFinal, g.sangongBudget),
      priorFinal,
      change,
      changePct: shareOf(change, priorFinal),
      abroad: g.sangongAbroadFinal,
      vehiclePurchase: g.sangongVehiclePurchaseFinal,
      vehicleOperation: g.sangongVehicleOperationFinal,
      reception: g.sangongReceptionFinal,
      abroadGroups: g.abroadGroups,
      abroadPersons: g.abroadPersons,
      vehiclesKept: g.vehiclesKept,
      vehiclesPurchased: g.vehiclesPurchased,
      receptionBatches: g.receptionBatches,
      receptionPersons: g.receptionPersons,
      receptionPerPersonYuan:
        g.receptionCostPerPersonYuan ?? (g.sangongReceptionFinal !== undefined ? quotient(new D(g.sangongReceptionFinal).times(10000).toFixed(), g.receptionPersons) : undefined),
      operationPerVehicle: quotient(g.sangongVehicleOperationFinal, g.vehiclesKept),
      abroadPerPerson: quotient(g.sangongAbroadFinal, g.abroadPersons),
    };
  });
  return out.sort((a, b) => {
    if ((a.final === undefined) !== (b.final === undefined)) return a.final === undefined ? 1 : -1;
    return (a.final && b.final ? new D(b.final).cmp(a.final) : 0) || a.department.localeCompare(b.department, "zh");
  });
}
