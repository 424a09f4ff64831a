import "server-only";
import { sql } from "drizzle-orm";
import { presentSum, shareOf } from "@/lib/metrics/dashboard";
import { D } from "@/lib/money/decimal";
import { chosenReports, getChosenFigures, type ChosenReport } from "./dashboard-scope";
import { summariesOf } from "./figure-columns";
import { anyOf, rows } from "./sql";

export type StructureFilter = { year: number; synthetic: boolean; dept?: number; code?: string };

export type SubjectRow = {
  code: string;
  name: string;
  total?: string;
  basic?: string;
  project?: string;
  /** reports that print this subject */
  reports: number;
  /** share of `total` in the parent subject (or in 合计 at 类 level), percent */
  share?: string;
};

export type StructureBreakdown = {
  level: "类" | "款" | "项";
  code?: string;
  /** 类 (and 款) above the rows shown, for the breadcrumb */
  path: { code: string; name: string; total?: string }[];
  /** 合计 of 公开03表 over the reports in scope */
  totals: { total?: string; basic?: string; project?: string; reports: number };
  /** the whole the shares are of: the parent subject's total, or 合计 at 类 level */
  base?: string;
  rows: SubjectRow[];
};

type Agg = {
  code: string;
  name: string;
  total: string | null;
  basic: string | null;
  project: string | null;
  reports: number;
};

/**
 * The join of `rep` to its report_class_rows `k` in one table. The year is given as a constant when the view has one,
 * so the index on (year, table_id, report_id) reads that year's rows only, not every year's.
 */
const classRowsOf = (f: { year?: number }, table: "t03" | "t06") =>
  sql`k.report_id = rep.id and k.table_id = ${table} and ${f.year !== undefined ? sql`k.year = ${f.year}` : sql`k.year = rep.year`}`;

/** t03 rows of the chosen reports summed per subject code, for codes of one length under a prefix. */
async function t03Sums(f: StructureFilter, prefix: string, length: number, codes?: string[]): Promise<Agg[]> {
  const list = codes?.filter((c) => /^\d{3,7}$/.test(c)) ?? [];
  const classLevel = list.length ? list.every((c) => c.length === 3) : length === 3;
  if (classLevel)
    return rows<Agg>(sql`
      with rep as (${chosenReports(f)})
      select k.code, mode() within group (order by k.name) as name,
             trim_scale(sum(k.total))::text as total, trim_scale(sum(k.basic))::text as basic,
             trim_scale(sum(k.project))::text as project, count(distinct k.report_id)::int as reports
      from rep join report_class_rows k on ${classRowsOf(f, "t03")}
      where ${list.length ? sql`k.code = ${anyOf(list, "text")}` : sql`length(k.code) = 3`}
      group by k.code
      order by sum(k.total) desc nulls last, k.code`);
  return rows<Agg>(sql`
    with rep as (${chosenReports(f)})
    select tr.code, mode() within group (order by tr.name) as name,
           trim_scale(sum(c.amount) filter (where c.column_key = 'total'))::text as total,
           trim_scale(sum(c.amount) filter (where c.column_key = 'basic'))::text as basic,
           trim_scale(sum(c.amount) filter (where c.column_key = 'project'))::text as project,
           count(distinct tr.report_id)::int as reports
    from rep join table_rows tr on tr.report_id = rep.id and tr.table_id = 't03'
    left join table_cells c on c.report_id = tr.report_id and c.table_id = tr.table_id and c.row_order = tr.row_order
    where ${list.length ? sql`tr.code = ${anyOf(list, "text")}` : sql`tr.code like ${`${prefix}%`} and length(tr.code) = ${length}`}
    group by tr.code
    order by sum(c.amount) filter (where c.column_key = 'total') desc nulls last, tr.code`);
}

/** The 合计 row's 本年支出合计 of 公开03表 for the report of `alias`: the whole a 类 share is of. */
const t03Whole = (alias: string) => sql`(select trim_scale(kt.total)::text from report_class_rows kt
  where kt.report_id = ${sql.raw(alias)}.report_id and kt.table_id = 't03' and kt.row_key = 'total' and kt.total is not null
  order by kt.row_order limit 1)`;

const opt = (v: string | null | undefined) => (v === null || v === undefined ? undefined : v);

/** 支出功能分类 类 → 款 → 项 composition (公开03表, all funds), summed over one department or all of them. */
export async function getStructureBreakdown(f: StructureFilter): Promise<StructureBreakdown> {
  const code = f.code;
  const level = !code ? "类" : code.length === 3 ? "款" : "项";
  const childLength = !code ? 3 : code.length + 2;
  const parents = code ? [code.slice(0, 3), ...(code.length === 5 ? [code] : [])] : [];

  const [children, parentRows, totalRow] = await Promise.all([
    t03Sums(f, code ?? "", childLength),
    parents.length ? t03Sums(f, "", 0, parents) : Promise.resolve([] as Agg[]),
    rows<{ total: string | null; basic: string | null; project: string | null; reports: number }>(sql`
      with rep as (${chosenReports(f)})
      select trim_scale(sum(k.total))::text as total, trim_scale(sum(k.basic))::text as basic,
             trim_scale(sum(k.project))::text as project, count(distinct k.report_id)::int as reports
      from rep join report_class_rows k on ${classRowsOf(f, "t03")} and k.row_key = 'total'`),
  ]);

  // A department that does not print the subject still needs its name in the breadcrumb: take it from the reference list.
  const missingNames = parents.filter((p) => !parentRows.some((x) => x.code === p));
  const refNames = missingNames.length
    ? await rows<{ code: string; name: string }>(sql`
        select distinct on (code) code, name from subjects
        where kind = 'function' and code = ${anyOf(missingNames, "text")}
        order by code, (year is null) desc, year desc`)
    : [];
  const path = parents.map((p) => {
    const r = parentRows.find((x) => x.code === p);
    return { code: p, name: r?.name ?? refNames.find((x) => x.code === p)?.name ?? p, total: opt(r?.total) };
  });
  const t = totalRow[0];
  const totals = {
    total: opt(t?.total),
    basic: opt(t?.basic),
    project: opt(t?.project),
    reports: Number(t?.reports ?? 0),
  };
  const base = code ? path[path.length - 1]?.total : totals.total;
  return {
    level,
    code,
    path,
    totals,
    base,
    rows: children.map((r) => ({
      code: r.code,
      name: r.name,
      total: opt(r.total),
      basic: opt(r.basic),
      project: opt(r.project),
      reports: Number(r.reports),
      share: shareOf(r.total, base),
    })),
  };
}

export type SubjectDepartment = {
  departmentId: number;
  department: string;
  synthetic: boolean;
  total?: string;
  basic?: string;
  project?: string;
  share?: string;
};

/** Which departments spend on one subject (the drill-down's "who"), largest first; share = of the subject's sum. */
export async function getSubjectDepartments(f: StructureFilter & { code: string }): Promise<SubjectDepartment[]> {
  const res = await rows<{
    department_id: number;
    department: string;
    synthetic: boolean;
    total: string | null;
    basic: string | null;
    project: string | null;
  }>(sql`
    with rep as (${chosenReports(f)})
    select rep.department_id::int as department_id, rep.department, rep.synthetic,
           trim_scale(sum(c.amount) filter (where c.column_key = 'total'))::text as total,
           trim_scale(sum(c.amount) filter (where c.column_key = 'basic'))::text as basic,
           trim_scale(sum(c.amount) filter (where c.column_key = 'project'))::text as project
    from rep join table_rows tr on tr.report_id = rep.id and tr.table_id = 't03' and tr.code = ${f.code}
    left join table_cells c on c.report_id = tr.report_id and c.table_id = tr.table_id and c.row_order = tr.row_order
    group by rep.department_id, rep.department, rep.synthetic
    order by sum(c.amount) filter (where c.column_key = 'total') desc nulls last, rep.department`);
  const whole = presentSum(res.map((r) => r.total)).sum;
  return res.map((r) => ({
    departmentId: Number(r.department_id),
    department: r.department,
    synthetic: Boolean(r.synthetic),
    total: opt(r.total),
    basic: opt(r.basic),
    project: opt(r.project),
    share: shareOf(r.total, whole),
  }));
}

/**
 * One page of getSubjectDepartments, cut in the database: `total` departments list the subject, `share` is of the sum
 * over all of them (not only the page).
 */
export async function getSubjectDepartmentsPage(
  f: StructureFilter & { code: string },
  opts: { offset: number; limit: number },
): Promise<{ total: number; rows: SubjectDepartment[] }> {
  const res = await rows<{
    n: number;
    department_id: number | null;
    department: string | null;
    synthetic: boolean | null;
    total: string | null;
    basic: string | null;
    project: string | null;
    share: string | null;
  }>(sql`
    with rep as (${chosenReports(f)}),
    d as (
      select rep.department_id, rep.department, rep.synthetic,
             sum(c.amount) filter (where c.column_key = 'total') as total,
             sum(c.amount) filter (where c.column_key = 'basic') as basic,
             sum(c.amount) filter (where c.column_key = 'project') as project
      from rep join table_rows tr on tr.report_id = rep.id and tr.table_id = 't03' and tr.code = ${f.code}
      left join table_cells c on c.report_id = tr.report_id and c.table_id = tr.table_id and c.row_order = tr.row_order
      group by rep.department_id, rep.department, rep.synthetic
    ),
    w as (select d.*, count(*) over () as n, sum(d.total) over () as whole from d),
    pg as (select * from w order by w.total desc nulls last, w.department, w.department_id limit ${opts.limit} offset ${opts.offset})
    select coalesce((select max(n) from w), 0)::int as n, pg.department_id::int as department_id, pg.department, pg.synthetic,
           trim_scale(pg.total)::text as total, trim_scale(pg.basic)::text as basic, trim_scale(pg.project)::text as project,
           case when pg.total is null or pg.whole is null or pg.whole = 0 then null else round(pg.total * 100 / pg.whole, 2)::text end as share
    from (select 1) one left join pg on true
    order by pg.total desc nulls last, pg.department, pg.department_id`);
  return {
    total: Number(res[0]?.n ?? 0),
    rows: res
      .filter((r) => r.department_id !== null)
      .map((r) => ({
        departmentId: Number(r.department_id),
        department: r.department!,
        synthetic: Boolean(r.synthetic),
        total: opt(r.total),
        basic: opt(r.basic),
        project: opt(r.project),
        share: opt(r.share),
      })),
  };
}

type DepartmentStructure = {
  departmentId: number;
  department: string;
  synthetic: boolean;
  scope: string;
  expenditureTotal?: string;
  basic?: string;
  project?: string;
  basicShare?: string;
  projectShare?: string;
  personnel?: string;
  public?: string;
  /** 人员经费 ÷ (人员 + 公用), percent */
  personnelShare?: string;
  publicShare?: string;
  /** 类 code → amount (t03 本年支出合计) and its share of the t03 合计 */
  classes: Record<string, { amount: string; share?: string }>;
};

type PickerEntry = { departmentId: number; department: string; synthetic: boolean; expenditureTotal?: string };

export type DepartmentsSideBySide = {
  /** the largest departments of the year (at most `picker`), largest first, for the picker */
  all: PickerEntry[];
  /** departments of the year whose name contains `q` (at most `picker`), largest first */
  found: PickerEntry[];
  /** departments of the year */
  count: number;
  selected: DepartmentStructure[];
  /** true when no (valid) `depts` was asked for and the 10 largest are shown */
  defaulted: boolean;
  /** 类 present in the selected departments, largest overall first */
  classes: { code: string; name: string; total: string }[];
};

function structureOf(r: ChosenReport): Omit<DepartmentStructure, "classes"> {
  const g = r.figures;
  const personnelPlusPublic =
    g.personnelCost !== undefined && g.publicCost !== undefined
      ? new D(g.personnelCost).plus(g.publicCost).toFixed()
      : undefined;
  return {
    departmentId: r.departmentId,
    department: r.department,
    synthetic: r.synthetic,
    scope: r.scope,
    expenditureTotal: g.expenditureTotal,
    basic: g.basicExpenditure,
    project: g.projectExpenditure,
    basicShare: g.basicShare ?? shareOf(g.basicExpenditure, g.expenditureTotal),
    projectShare: g.projectShare ?? shareOf(g.projectExpenditure, g.expenditureTotal),
    personnel: g.personnelCost,
    public: g.publicCost,
    personnelShare: g.personnelShareOfBasic ?? shareOf(g.personnelCost, personnelPlusPublic),
    publicShare: shareOf(g.publicCost, personnelPlusPublic),
  };
}

/** Departments of the year, largest 本年支出合计 first, optionally only names containing `q`; `n` counts all that match. */
async function pickerRows(f: { year: number; synthetic: boolean }, limit: number, q?: string) {
  const pattern = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const res = await rows<{
    n: number;
    department_id: number;
    department: string;
    synthetic: boolean;
    expenditure_total: string | null;
  }>(sql`
    with rep as (${chosenReports({ year: f.year, synthetic: f.synthetic })})
    select count(*) over ()::int as n, rep.department_id::int as department_id, rep.department, rep.synthetic,
           s.figures ->> 'expenditureTotal' as expenditure_total
    from rep left join ${sql.raw(summariesOf(f.year))} s on s.report_id = rep.id
    ${pattern ? sql`where rep.department ilike ${pattern}` : sql``}
    order by (s.figures ->> 'expenditureTotal')::numeric desc nulls last, rep.department, rep.department_id
    limit ${limit}`);
  return {
    count: Number(res[0]?.n ?? 0),
    list: res.map((r) => ({
      departmentId: Number(r.department_id),
      department: r.department,
      synthetic: Boolean(r.synthetic),
      expenditureTotal: opt(r.expenditure_total),
    })),
  };
}

/**
 * Departments side by side as shares: the ones in `depts`, or the 10 largest by 本年支出合计. The picker offers the
 * largest `picker` departments and, with `q`, the departments whose name contains it — never the whole province.
 */
export async function getDepartmentsSideBySide(f: {
  year: number;
  synthetic: boolean;
  depts: number[];
  q?: string;
  picker?: number;
}): Promise<DepartmentsSideBySide> {
  const limit = f.picker ?? 20;
  const [largest, search, askedReports] = await Promise.all([
    pickerRows(f, Math.max(limit, 10)),
    f.q ? pickerRows(f, limit, f.q) : Promise.resolve(undefined),
    f.depts.length ? getChosenFigures({ year: f.year, synthetic: f.synthetic, depts: f.depts }) : Promise.resolve([]),
  ]);
  const all = largest.list.slice(0, limit);
  const found = search?.list ?? [];
  const asked = f.depts.filter((id) => askedReports.some((r) => r.departmentId === id));
  const defaulted = asked.length === 0;
  const reports = defaulted
    ? await getChosenFigures({
        year: f.year,
        synthetic: f.synthetic,
        depts: largest.list.slice(0, 10).map((d) => d.departmentId),
      })
    : askedReports;
  const ids = defaulted ? largest.list.slice(0, 10).map((d) => d.departmentId) : asked;
  const chosen = ids.map((id) => reports.find((r) => r.departmentId === id)!).filter(Boolean);
  if (chosen.length === 0) return { all, found, count: largest.count, selected: [], defaulted, classes: [] };

  const cls = await rows<{ report_id: number; code: string; name: string; total: string; whole: string | null }>(sql`
    select k.report_id::int as report_id, k.code, k.name, trim_scale(k.total)::text as total, ${t03Whole("k")} as whole
    from report_class_rows k
    where k.table_id = 't03' and length(k.code) = 3 and k.total is not null and k.report_id = ${anyOf(
      chosen.map((r) => r.reportId),
      "int",
    )}`);

  const names = new Map<string, string>();
  const totals = new Map<string, string>();
  for (const c of cls) {
    if (!names.has(c.code)) names.set(c.code, c.name);
    totals.set(c.code, new D(totals.get(c.code) ?? 0).plus(c.total).toFixed());
  }
  const selected = chosen.map((r) => ({
    ...structureOf(r),
    classes: Object.fromEntries(
      cls
        .filter((c) => Number(c.report_id) === r.reportId)
        .map((c) => [c.code, { amount: c.total, share: shareOf(c.total, c.whole ?? r.figures.expenditureTotal) }]),
    ),
  }));
  const classes = [...totals]
    .sort((a, b) => new D(b[1]).cmp(a[1]) || a[0].localeCompare(b[0]))
    .map(([code, total]) => ({ code, name: names.get(code) ?? code, total }));
  return { all, found, count: largest.count, selected, defaulted, classes };
}

type EconomicRow = {
  code: string;
  name: string;
  part?: "人员经费" | "公用经费";
  amount?: string;
  reports: number;
  share?: string;
};
const PART = { personnel: "人员经费", public: "公用经费" } as const;
export type EconomicStructure = {
  rows: EconomicRow[];
  personnel?: string;
  public?: string;
  base?: string;
  reports: number;
};

/** 经济分类 3-digit rows of 公开06表 (一般公共预算财政拨款基本支出), summed; shares of 人员经费 + 公用经费. */
export async function getEconomicStructure(f: {
  year: number;
  synthetic: boolean;
  dept?: number;
}): Promise<EconomicStructure> {
  const [res, tot] = await Promise.all([
    rows<{ code: string; name: string; section: string | null; amount: string | null; reports: number }>(sql`
      with rep as (${chosenReports(f)})
      select k.code, mode() within group (order by k.name) as name, mode() within group (order by k.section) as section,
             trim_scale(sum(k.amount))::text as amount, count(distinct k.report_id) filter (where k.amount is not null)::int as reports
      from rep join report_class_rows k on ${classRowsOf(f, "t06")} and length(k.code) = 3
      group by k.code
      order by k.code`),
    rows<{ personnel: string | null; public: string | null; reports: number }>(sql`
      with rep as (${chosenReports(f)})
      select trim_scale(sum(k.amount) filter (where k.row_key = 'personnelTotal'))::text as personnel,
             trim_scale(sum(k.amount) filter (where k.row_key = 'publicTotal'))::text as public,
             count(distinct k.report_id)::int as reports
      from rep join report_class_rows k on ${classRowsOf(f, "t06")}
        and k.row_key in ('personnelTotal', 'publicTotal')`),
  ]);
  const t = tot[0];
  const personnel = opt(t?.personnel);
  const pub = opt(t?.public);
  const base = presentSum([personnel, pub]).sum;
  return {
    rows: res
      .filter((r) => r.amount !== null)
      .map((r) => ({
        code: r.code,
        name: r.name,
        part: PART[r.section as keyof typeof PART],
        amount: opt(r.amount),
        reports: Number(r.reports),
        share: shareOf(r.amount, base),
      })),
    personnel,
    public: pub,
    base,
    reports: Number(t?.reports ?? 0),
  };
}

type YearStructure = Omit<DepartmentStructure, "classes" | "departmentId" | "department" | "synthetic"> & {
  year: number;
  synthetic: boolean;
};
export type DepartmentYears = {
  department?: string;
  years: YearStructure[];
  /** 类 amounts per year (t03 本年支出合计) */
  classes: { code: string; name: string; byYear: Record<number, { amount: string; share?: string }> }[];
};

/** One department across the years the store holds. */
export async function getDepartmentYears(f: { synthetic: boolean; dept: number }): Promise<DepartmentYears> {
  const reports = await getChosenFigures({ synthetic: f.synthetic, dept: f.dept });
  if (reports.length === 0) return { years: [], classes: [] };
  const cls = await rows<{ year: number; code: string; name: string; total: string; whole: string | null }>(sql`
    with rep as (${chosenReports({ synthetic: f.synthetic, dept: f.dept })})
    select rep.year::int as year, k.code, k.name, trim_scale(k.total)::text as total, ${t03Whole("k")} as whole
    from rep join report_class_rows k on k.report_id = rep.id and k.table_id = 't03' and length(k.code) = 3 and k.total is not null
    order by k.code, rep.year`);
  const years = reports.map((r) => {
    const { departmentId: _i, department: _d, ...rest } = structureOf(r);
    return { ...rest, year: r.year };
  });
  const classes = new Map<string, DepartmentYears["classes"][number]>();
  for (const c of cls) {
    const entry = classes.get(c.code) ?? { code: c.code, name: c.name, byYear: {} };
    const y = Number(c.year);
    entry.byYear[y] = {
      amount: c.total,
      share: shareOf(c.total, c.whole ?? reports.find((r) => r.year === y)?.figures.expenditureTotal),
    };
    classes.set(c.code, entry);
  }
  const last = years[years.length - 1].year;
  return {
    department: reports[0].department,
    years,
    classes: [...classes.values()].sort(
      (a, b) => new D(b.byYear[last]?.amount ?? -1).cmp(a.byYear[last]?.amount ?? -1) || a.code.localeCompare(b.code),
    ),
  };
}
