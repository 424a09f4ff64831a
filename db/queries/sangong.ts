import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { difference, quotient, shareOf } from "@/lib/metrics/dashboard";
import { D } from "@/lib/money/decimal";
import { chosenReports, type FigureMap } from "./dashboard-scope";
import {
  figureMapOf,
  figureTexts,
  limitSql,
  pageWindow,
  pivotFigures,
  summariesOf,
  type Paged,
} from "./figure-columns";
import { rows } from "./sql";

export type SangongFilter = { year: number; synthetic: boolean; dept?: number };

const SANGONG_CATEGORIES = [
  { key: "Abroad", label: "因公出国（境）费" },
  { key: "VehiclePurchase", label: "公务用车购置费" },
  { key: "VehicleOperation", label: "公务用车运行维护费" },
  { key: "Reception", label: "公务接待费" },
  { key: "Total", label: "合计" },
] as const;
type SangongCategoryKey = (typeof SANGONG_CATEGORIES)[number]["key"];

type SangongCategory = {
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
      select c.key as column_key, trim_scale(sum(c.value::numeric))::text as amount, count(distinct s.report_id)::int as reports
      from rep join ${sql.raw(summariesOf(f.year))} s on s.report_id = rep.id, jsonb_each_text(s.sangong) c
      group by c.key`),
    rows<{ reports: number; with_table: number }>(sql`
      with rep as (${chosenReports(f)})
      select count(*)::int as reports, count(s.sangong)::int as with_table
      from rep left join ${sql.raw(summariesOf(f.year))} s on s.report_id = rep.id`),
  ]);
  const cell = (k: string) => cells.find((c) => c.column_key === k);
  return {
    categories: SANGONG_CATEGORIES.map(({ key, label }) => {
      const budget = cell(`budget${key}`)?.amount;
      const final = cell(`final${key}`)?.amount;
      return {
        key,
        label,
        budget,
        final,
        rate: shareOf(final, budget),
        reports: Number(cell(`final${key}`)?.reports ?? 0),
      };
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

const COLS = ["id", "department_id", "department", "year", "synthetic"];
const YEAR_KEYS = [
  "sangongBudget",
  "sangongFinal",
  "sangongAbroadFinal",
  "sangongVehiclePurchaseFinal",
  "sangongVehicleOperationFinal",
  "sangongReceptionFinal",
] as const;
const t = (v: unknown) => (v === null || v === undefined ? undefined : String(v));

/**
 * 三公 totals per year (公开09表, else the narrative), all departments or one: one aggregate statement. With `panel`
 * (getTrendPanel), only its departments and years, so every year sums the same departments.
 */
export async function getSangongYears(
  f: { synthetic: boolean; dept?: number },
  panel?: { years: number[]; ids: number[] },
): Promise<SangongYear[]> {
  if (panel && (panel.ids.length === 0 || panel.years.length === 0)) return [];
  const res = await rows<Record<string, unknown>>(sql`
    with rep as (${chosenReports({ synthetic: f.synthetic, dept: f.dept, depts: panel?.ids })}),
    g as (${pivotFigures("rep", COLS, YEAR_KEYS)})
    select g.year::int as year, count(g."sangongFinal")::int as departments,
           ${sql.raw(YEAR_KEYS.map((k) => `trim_scale(sum(g."${k}"))::text as "${k}"`).join(", "))}
    from g ${panel ? sql`where g.year in ${sql.raw(`(${panel.years.map((y) => String(Math.trunc(y))).join(",")})`)}` : sql``}
    group by g.year order by g.year`);
  return res.map((r) => ({
    year: Number(r.year),
    departments: Number(r.departments),
    budget: t(r.sangongBudget),
    final: t(r.sangongFinal),
    abroad: t(r.sangongAbroadFinal),
    vehiclePurchase: t(r.sangongVehiclePurchaseFinal),
    vehicleOperation: t(r.sangongVehicleOperationFinal),
    reception: t(r.sangongReceptionFinal),
  }));
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

const DEPT_KEYS = [
  "sangongBudget",
  "sangongFinal",
  "sangongExecutionRate",
  "sangongAbroadFinal",
  "sangongVehiclePurchaseFinal",
  "sangongVehicleOperationFinal",
  "sangongReceptionFinal",
  "abroadGroups",
  "abroadPersons",
  "vehiclesKept",
  "vehiclesPurchased",
  "receptionBatches",
  "receptionPersons",
  "receptionCostPerPersonYuan",
] as const;

function departmentOf(
  base: { departmentId: number; department: string; synthetic: boolean },
  g: FigureMap,
  priorFinal: string | undefined,
): SangongDepartment {
  const change = difference(g.sangongFinal, priorFinal);
  return {
    ...base,
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
      g.receptionCostPerPersonYuan ??
      (g.sangongReceptionFinal !== undefined
        ? quotient(new D(g.sangongReceptionFinal).times(10000).toFixed(), g.receptionPersons)
        : undefined),
    operationPerVehicle: quotient(g.sangongVehicleOperationFinal, g.vehiclesKept),
    abroadPerPerson: quotient(g.sangongAbroadFinal, g.abroadPersons),
  };
}

/** The chosen reports of `year` with their 三公 figures and the same department's 决算 the year before. */
function departmentFinals(f: SangongFilter, keys: readonly string[]): SQL {
  return sql`
    with rep as (${chosenReports({ year: f.year, synthetic: f.synthetic })}),
    prev as (${chosenReports({ year: f.year - 1, synthetic: f.synthetic })}),
    g as (${pivotFigures("rep", COLS, keys, f.year)}),
    p as (${pivotFigures("prev", COLS, ["sangongFinal"], f.year - 1)}),
    x as (select g.*, p."sangongFinal" as prior_final from g left join p on p.department_id = g.department_id)`;
}

/** Departments' 三公 for a year with the change on the year before and the unit costs; largest first, undisclosed last. */
async function sangongDepartments(
  f: SangongFilter,
  page?: { limit: number; offset: number },
  only?: number,
): Promise<SangongDepartment[]> {
  const res = await rows<Record<string, unknown>>(sql`
    ${departmentFinals(f, DEPT_KEYS)}
    select x.department_id::int as department_id, x.department, x.synthetic, ${figureTexts("x", DEPT_KEYS)}, x.prior_final::text as prior_final
    from x ${only ? sql`where x.department_id = ${only}` : sql``}
    order by (x."sangongFinal" is null), x."sangongFinal" desc, x.department, x.department_id${limitSql(page)}`);
  return res.map((r) =>
    departmentOf(
      { departmentId: Number(r.department_id), department: String(r.department), synthetic: Boolean(r.synthetic) },
      figureMapOf(r, DEPT_KEYS),
      t(r.prior_final),
    ),
  );
}

/** Every department's 三公 for a year (exports), largest first. */
export async function getSangongDepartments(f: SangongFilter): Promise<SangongDepartment[]> {
  return sangongDepartments(f);
}

/** One department's row of the year (the department view pins it above the list), if it has a report that year. */
export async function getSangongDepartment(f: SangongFilter, dept: number): Promise<SangongDepartment | undefined> {
  return (await sangongDepartments(f, undefined, dept))[0];
}

/** One page of the departments in the same order; `total` from getSangongSummary. */
export async function getSangongDepartmentsPage(
  f: SangongFilter,
  req: { page?: number; pageSize: number },
  total: number,
): Promise<Paged<SangongDepartment>> {
  const { page, offset } = pageWindow(req.page, total, req.pageSize);
  return { rows: await sangongDepartments(f, { limit: req.pageSize, offset }), total, page, pageSize: req.pageSize };
}

export type SangongSummary = {
  /** departments (chosen reports) of the year, and those with a 决算 */
  departments: number;
  withFinal: number;
  /** Σ决算 of the departments with one */
  finalSum?: string;
  /** departments (or `dept` alone) with a 决算 both this year and the year before */
  compared: number;
  up: number;
  /** Σ(本年 − 上年) and Σ上年 over the compared departments */
  changeSum?: string;
  priorSum?: string;
};

/** Counts and sums for the cards and notes, aggregated in the statement. */
export async function getSangongSummary(f: SangongFilter): Promise<SangongSummary> {
  const [r] = await rows<Record<string, unknown>>(sql`
    ${departmentFinals(f, ["sangongFinal"])},
    c as (select x.* from x where x."sangongFinal" is not null and x.prior_final is not null ${f.dept ? sql`and x.department_id = ${f.dept}` : sql``})
    select (select count(*)::int from x) as departments, (select count(x."sangongFinal")::int from x) as with_final,
           (select trim_scale(sum(x."sangongFinal"))::text from x) as final_sum,
           count(*)::int as compared, count(*) filter (where c."sangongFinal" > c.prior_final)::int as up,
           trim_scale(sum(c."sangongFinal" - c.prior_final))::text as change_sum, trim_scale(sum(c.prior_final))::text as prior_sum
    from c`);
  return {
    departments: Number(r?.departments ?? 0),
    withFinal: Number(r?.with_final ?? 0),
    finalSum: t(r?.final_sum),
    compared: Number(r?.compared ?? 0),
    up: Number(r?.up ?? 0),
    changeSum: t(r?.change_sum),
    priorSum: t(r?.prior_sum),
  };
}
