import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { difference, shareOf } from "@/lib/metrics/dashboard";
import { D } from "@/lib/money/decimal";
import { chosenReports, type ChosenReport } from "./dashboard-scope";
import {
  figureMapOf,
  figureTexts,
  limitSql,
  medianSql,
  pageWindow,
  pivotFigures,
  ratePctSql,
  type Paged,
} from "./figure-columns";
import { anyOf, rows } from "./sql";

export type ProcurementFilter = { year: number; synthetic: boolean; reference: number; dept?: number };

export type ProcurementRow = {
  departmentId: number;
  department: string;
  synthetic: boolean;
  year: number;
  total?: string;
  goods?: string;
  works?: string;
  services?: string;
  sme?: string;
  /** percent; as the document states it, else 中小企业 ÷ 总额 */
  smeShare?: string;
  smeShareStated: boolean;
  smallMicro?: string;
  smallMicroShare?: string;
  /** the same department's share the year before, when stored */
  priorSmeShare?: string;
  /** percentage points against the year before */
  change?: string;
  below: boolean;
};

const KEYS = [
  "procurementTotal",
  "procurementGoods",
  "procurementWorks",
  "procurementServices",
  "procurementSme",
  "procurementSmeShare",
  "procurementSmallMicro",
  "procurementSmallMicroShare",
] as const;
const PRIOR_KEYS = ["procurementTotal", "procurementSme", "procurementSmeShare"] as const;
const COLS = ["id", "department_id", "department", "year", "synthetic"];
const lit = (n: number) => sql.raw(new D(n).toFixed());
/** the SME share as the document states it, else 中小企业 ÷ 总额 (numeric, for ordering and counting) */
const shareSql = (a: string) =>
  sql.raw(`coalesce(${a}."procurementSmeShare", ${ratePctSql(`${a}."procurementSme"`, `${a}."procurementTotal"`)})`);

type Chosen = Pick<ChosenReport, "departmentId" | "department" | "synthetic" | "year" | "figures">;

function rowOf(r: Chosen, reference: number, prior?: Chosen): ProcurementRow {
  const g = r.figures;
  const smeShare = g.procurementSmeShare ?? shareOf(g.procurementSme, g.procurementTotal);
  const priorShare = prior
    ? (prior.figures.procurementSmeShare ?? shareOf(prior.figures.procurementSme, prior.figures.procurementTotal))
    : undefined;
  return {
    departmentId: r.departmentId,
    department: r.department,
    synthetic: r.synthetic,
    year: r.year,
    total: g.procurementTotal,
    goods: g.procurementGoods,
    works: g.procurementWorks,
    services: g.procurementServices,
    sme: g.procurementSme,
    smeShare,
    smeShareStated: g.procurementSmeShare !== undefined,
    smallMicro: g.procurementSmallMicro,
    smallMicroShare: g.procurementSmallMicroShare ?? shareOf(g.procurementSmallMicro, g.procurementTotal),
    priorSmeShare: priorShare,
    change: difference(smeShare, priorShare),
    below: smeShare !== undefined && new D(smeShare).lt(reference),
  };
}

/** The chosen reports of `year` with their procurement figures, the SME share and last year's, in SQL. */
function departmentShares(f: { year: number; synthetic: boolean }): SQL {
  return sql`
    with rep as (${chosenReports({ year: f.year, synthetic: f.synthetic })}),
    prev as (${chosenReports({ year: f.year - 1, synthetic: f.synthetic })}),
    g as (${pivotFigures("rep", COLS, KEYS, f.year)}),
    p as (${pivotFigures("prev", COLS, PRIOR_KEYS, f.year - 1)}),
    x as (select g.*, ${shareSql("g")} as share from g)`;
}

/** Per department for one year, lowest SME share first (those not reaching SMEs lead); undisclosed last. */
async function procurementDepartments(
  f: ProcurementFilter,
  page?: { limit: number; offset: number },
  only?: number,
): Promise<ProcurementRow[]> {
  const res = await rows<Record<string, unknown>>(sql`
    ${departmentShares(f)}
    select x.department_id::int as department_id, x.department, x.synthetic, x.year::int as year, ${figureTexts("x", KEYS)},
           ${figureTexts("p", PRIOR_KEYS, "prior_")}, (p.id is not null) as has_prior
    from x left join p on p.department_id = x.department_id
    ${only ? sql`where x.department_id = ${only}` : sql``}
    order by (x.share is null), x.share, x.department, x.department_id${limitSql(page)}`);
  return res.map((r) => {
    const base = {
      departmentId: Number(r.department_id),
      department: String(r.department),
      synthetic: Boolean(r.synthetic),
      year: Number(r.year),
    };
    const prior = r.has_prior
      ? { ...base, year: base.year - 1, figures: figureMapOf(r, PRIOR_KEYS, "prior_") }
      : undefined;
    return rowOf({ ...base, figures: figureMapOf(r, KEYS) }, f.reference, prior);
  });
}

/** Every department of the year (exports), lowest SME share first. */
export async function getProcurementDepartments(f: ProcurementFilter): Promise<ProcurementRow[]> {
  return procurementDepartments(f);
}

/** One department's row of the year (the department view pins it above the list), if it has a report that year. */
export async function getProcurementDepartment(
  f: ProcurementFilter,
  dept: number,
): Promise<ProcurementRow | undefined> {
  return (await procurementDepartments(f, undefined, dept))[0];
}

/** One page of the departments in the same order; `total` from getProcurementSummary. */
export async function getProcurementDepartmentsPage(
  f: ProcurementFilter,
  req: { page?: number; pageSize: number },
  total: number,
): Promise<Paged<ProcurementRow>> {
  const { page, offset } = pageWindow(req.page, total, req.pageSize);
  return {
    rows: await procurementDepartments(f, { limit: req.pageSize, offset }),
    total,
    page,
    pageSize: req.pageSize,
  };
}

export type ProcurementSummary = {
  /** departments (chosen reports) of the year */
  departments: number;
  withShare: number;
  below: number;
  /** departments by SME share in 10-point bands (0–10 … 90–100, then 100 and above) */
  bands: { label: string; from: number; to?: number; departments: number }[];
};

const BANDS = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100];

/** Counts and the distribution of the SME shares of one year, aggregated in the statement. */
export async function getProcurementSummary(f: ProcurementFilter): Promise<ProcurementSummary> {
  const bands = BANDS.map((from, i) => ({ from, to: BANDS[i + 1] as number | undefined }));
  const cols = bands
    .map(
      (b, i) =>
        `count(*) filter (where x.share ${i === 0 ? "is not null" : `>= ${b.from}`}${b.to === undefined ? "" : ` and x.share < ${b.to}`})::int as b${i}`,
    )
    .join(", ");
  const [r] = await rows<Record<string, number>>(sql`
    ${departmentShares(f)}
    select count(*)::int as departments, count(x.share)::int as with_share, count(*) filter (where x.share < ${lit(f.reference)})::int as below, ${sql.raw(cols)}
    from x`);
  return {
    departments: Number(r?.departments ?? 0),
    withShare: Number(r?.with_share ?? 0),
    below: Number(r?.below ?? 0),
    bands: bands.map((b, i) => ({
      label: b.to === undefined ? `${b.from}% 及以上` : `${b.from}–${b.to}%`,
      from: b.from,
      to: b.to,
      departments: Number(r?.[`b${i}`] ?? 0),
    })),
  };
}

export type ProcurementYear = {
  year: number;
  /** departments with a 政府采购 total that year */
  departments: number;
  total?: string;
  goods?: string;
  works?: string;
  services?: string;
  sme?: string;
  smallMicro?: string;
  /** Σ中小企业 ÷ Σ总额 over departments that state both */
  smeShare?: string;
  smallMicroShare?: string;
  medianSmeShare?: string;
  below: number;
};

/**
 * Across years: all departments (or one with `dept`). Shares are weighted (Σ中小企业 ÷ Σ总额) over the departments
 * that disclose both figures, so a department that states only a total cannot pull the share down. One aggregate
 * statement: sums, the exact median and the count below the reference per year.
 */
export async function getProcurementYears(
  f: { synthetic: boolean; reference: number; dept?: number },
  panel?: { years: number[]; ids: number[] },
): Promise<ProcurementYear[]> {
  if (panel && (panel.ids.length === 0 || panel.years.length === 0)) return [];
  const res = await rows<Record<string, string | number | null>>(sql`
    with rep as (${chosenReports({ synthetic: f.synthetic, dept: f.dept, depts: panel?.ids })}),
    g as (${pivotFigures("rep", COLS, KEYS)}),
    x as (select g.*, ${shareSql("g")} as share from g)
    select x.year::int as year, count(x."procurementTotal")::int as departments,
           trim_scale(sum(x."procurementTotal"))::text as total,
           trim_scale(sum(x."procurementGoods") filter (where x."procurementTotal" is not null))::text as goods,
           trim_scale(sum(x."procurementWorks") filter (where x."procurementTotal" is not null))::text as works,
           trim_scale(sum(x."procurementServices") filter (where x."procurementTotal" is not null))::text as services,
           trim_scale(sum(x."procurementSme") filter (where x."procurementTotal" is not null))::text as sme,
           trim_scale(sum(x."procurementTotal") filter (where x."procurementSme" is not null))::text as sme_base,
           trim_scale(sum(x."procurementSmallMicro") filter (where x."procurementTotal" is not null))::text as small_micro,
           trim_scale(sum(x."procurementTotal") filter (where x."procurementSmallMicro" is not null))::text as small_micro_base,
           ${sql.raw(medianSql("x.share"))} as median_share,
           count(*) filter (where x.share < ${lit(f.reference)})::int as below
    from x ${panel ? sql`where x.year = ${anyOf(panel.years, "int")}` : sql``}
    group by x.year order by x.year`);
  const t = (v: string | number | null) => (v === null || v === undefined ? undefined : String(v));
  return res.map((r) => ({
    year: Number(r.year),
    departments: Number(r.departments),
    total: t(r.total),
    goods: t(r.goods),
    works: t(r.works),
    services: t(r.services),
    sme: t(r.sme),
    smallMicro: t(r.small_micro),
    smeShare: shareOf(t(r.sme), t(r.sme_base)),
    smallMicroShare: shareOf(t(r.small_micro), t(r.small_micro_base)),
    medianSmeShare: t(r.median_share),
    below: Number(r.below),
  }));
}
