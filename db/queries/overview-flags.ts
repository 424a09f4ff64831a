import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { FLAG_THRESHOLDS } from "@/lib/metrics/policy";
import { formatPercent, formatScore, formatWanyuan } from "@/lib/money/format";
import { evidenceHref } from "@/lib/report/evidence";
import { consolidatedInParent } from "./dashboard-scope";
import { getYearFigures, type FigureRow } from "./figures";
import { summariesOf } from "./figure-columns";
import { anyOf, rows } from "./sql";

/** One headline figure of the summary row `s` as numeric (null when the report does not print it). */
const figureOf = (key: string) => sql`(s.figures ->> ${key})::numeric`;

export type FlagKind = "execution" | "lowProject" | "sangongUp" | "lowSme" | "auditError" | "restated";

export type Flag = {
  kind: FlagKind;
  departmentId: number;
  department: string;
  synthetic: boolean;
  /** Chinese, with the figure */
  text: string;
  /** the figure the flag is about, for sorting (absolute deviation, percent, count) */
  weight: string;
  href: string;
  /**
   * The place in the report's original that prints the figure (app/reports/[id]/evidence), with what that place is;
   * absent when the store keeps no original (a synthetic report, a report loaded from canonical JSON).
   */
  evidence?: { href: string; title: string };
};

export const FLAG_TITLES: Record<FlagKind, string> = {
  execution: "大幅偏离年初预算",
  lowProject: "执行率低的项目",
  sangongUp: "“三公”经费增加",
  lowSme: "中小企业份额偏低",
  auditError: "审核错误",
  restated: "上年数据重述",
};

type FlagThresholds = { low: number; high: number; sme: number; projectRate: number };
/** The overview's red flags (lib/metrics/policy.ts, with the text that explains them). */
const DEFAULT_THRESHOLDS: FlagThresholds = FLAG_THRESHOLDS;

export type OverviewTotals = {
  reports: number;
  expenditure: string;
  income: string;
  sangong: string;
  procurement: string;
  errors: number;
  /** the one report the sums come from, when there is only one (its figures then link to their place in it) */
  only?: { reportId: number; hasDocument: boolean };
};

export type Overview = {
  year: number;
  reports: FigureRow[];
  totals: OverviewTotals;
  flags: Flag[];
};

const synth = (includeSynthetic: boolean, alias = "r") =>
  includeSynthetic ? sql`` : sql`and not ${sql.raw(alias)}.synthetic`;

/**
 * The latest reports of a year, with their department: the CTE every overview statement starts from. Flags and the
 * report list take every one; sums take only the `counted` (a unit its 部门决算 already contains is not added again).
 */
const yearReports = (year: number, includeSynthetic: boolean) => sql`yr as (
    select r.id, r.department_id, r.scope, r.synthetic, d.name as department, not ${consolidatedInParent("r", "d", includeSynthetic)} as counted,
           exists (select 1 from documents doc where doc.sha256 = r.content_sha256) as has_document
    from reports r join departments d on d.id = r.department_id
    where r.is_latest and r.year = ${year} ${synth(includeSynthetic)})`;

/**
 * Every flag of a year as rows, computed in the database (one statement, no per-department work in JS):
 * kind, department, weight (what the list sorts by, largest first) and the figures the text quotes (a, b, c, name, grade).
 */
function flagRowsSql(year: number, includeSynthetic: boolean, t: FlagThresholds): SQL {
  return sql`
    with ${yearReports(year, includeSynthetic)},
    -- per report through the primary keys (report_id, …): touches this year's rows only, not every year's
    ex as (
      select y.*, fig.initial, fig.gpb, fig.sme, fig.proc, fig.sangong,
             coalesce(fig.rate_stated, case when fig.initial <> 0 then round(fig.gpb / fig.initial * 100, 2) end) as rate
      from yr y cross join lateral (
        select ${figureOf("gpbExecutionRate")} as rate_stated, ${figureOf("gpbExpenditure")} as gpb,
               ${figureOf("initialBudgetGpb")} as initial, ${figureOf("procurementSmeShare")} as sme,
               ${figureOf("procurementTotal")} as proc, ${figureOf("sangongFinal")} as sangong
        from ${sql.raw(summariesOf(year))} s where s.report_id = y.id
      ) fig
    ),
    fc as (
      select y.id as report_id, c.errors, c.restated, c.first_error, c.first_restated
      from yr y cross join lateral (
        select count(*) filter (where x.severity = 'error') as errors, count(*) filter (where x.rule = 'RESTATED_PRIOR_YEAR') as restated,
               -- the first one with a place in the document, so the flag's evidence opens at a figure
               coalesce(min(x.id) filter (where x.severity = 'error' and jsonb_path_exists(x.locations, '$[*].sourceLine')), min(x.id) filter (where x.severity = 'error')) as first_error,
               min(x.id) filter (where x.rule = 'RESTATED_PRIOR_YEAR') as first_restated
        from findings x where x.report_id = y.id
      ) c
    ),
    prior as (
      select y.id, pf.value as before
      from yr y
      join reports p on p.department_id = y.department_id and p.year = ${year - 1} and p.scope = y.scope and p.is_latest ${synth(includeSynthetic, "p")}
      join figures pf on pf.report_id = p.id and pf.key = 'sangongFinal'
    ),
    proj as (
      select y.id, y.has_document, y.department_id, y.department, y.synthetic, y.scope, p.ord, p.name, p.annual, p.total_score, p.grade, p.rate
      from yr y cross join lateral (
        select p.ord, p.name, p.annual, p.total_score, p.grade,
               coalesce(p.rate, case when p.annual <> 0 then round(p.executed / p.annual * 100, 2) end) as rate
        from performance_projects p where p.report_id = y.id and p.has_sheet
      ) p
    )
    select 'execution' as kind, id as report_id, has_document, null::int as finding_id, department_id, department, synthetic, scope, 0 as ord, round(abs(rate - 100), 2) as weight,
           rate::text as a, initial::text as b, gpb::text as c, null::text as name, null::text as grade
      from ex where rate < ${t.low} or rate > ${t.high}
    union all
    select 'lowSme', id, has_document, null, department_id, department, synthetic, scope, 0, round(${t.sme} - sme, 2), sme::text, proc::text, null, null, null
      from ex where sme < ${t.sme}
    union all
    select 'sangongUp', ex.id, ex.has_document, null, ex.department_id, ex.department, ex.synthetic, ex.scope, 0, round(ex.sangong - prior.before, 2),
           ex.sangong::text, prior.before::text,
           case when prior.before <> 0 then round((ex.sangong - prior.before) / prior.before * 100, 2)::text end, null, null
      from ex join prior on prior.id = ex.id where ex.sangong > prior.before
    union all
    select 'auditError', y.id, y.has_document, fc.first_error, y.department_id, y.department, y.synthetic, y.scope, 0, fc.errors, fc.errors::text, null, null, null, null
      from yr y join fc on fc.report_id = y.id where fc.errors > 0
    union all
    select 'restated', y.id, y.has_document, fc.first_restated, y.department_id, y.department, y.synthetic, y.scope, 0, fc.restated, fc.restated::text, null, null, null, null
      from yr y join fc on fc.report_id = y.id where fc.restated > 0
    union all
    select 'lowProject', id, has_document, null, department_id, department, synthetic, scope, ord, round(100 - rate, 2), rate::text, annual::text,
           total_score::text, name, grade
      from proj where rate < ${t.projectRate}`;
}

type FlagRow = {
  kind: FlagKind;
  report_id: number;
  has_document: boolean;
  finding_id: number | null;
  ord: number;
  department_id: number;
  department: string;
  synthetic: boolean;
  weight: string;
  a: string | null;
  b: string | null;
  c: string | null;
  name: string | null;
  grade: string | null;
};

/** Within a kind: largest weight first, then by department name (stable across runs). */
const FLAG_ORDER_SQL = sql.raw(`weight desc, department, scope, ord`);

const u = (v: string | null) => v ?? undefined;

/** What each kind's evidence link opens, and in its title what that place is when the flag rests on more than it. */
const EVIDENCE: Record<
  FlagKind,
  (r: FlagRow) => { what: Parameters<typeof evidenceHref>[1]; title: string } | undefined
> = {
  execution: () => ({
    what: { figure: "gpbExecutionRate" },
    title: "执行率由年初预算和一般公共预算财政拨款支出两数算出；打开情况说明中写年初预算与决算的地方",
  }),
  lowSme: () => ({ what: { figure: "procurementSmeShare" }, title: "打开情况说明中写政府采购和中小企业份额的地方" }),
  sangongUp: () => ({
    what: { figure: "sangongFinal" },
    title: "比较本年与上年两份决算；打开本年“三公”经费决算数所在处（上年数见上年报告）",
  }),
  auditError: (r) =>
    r.finding_id === null
      ? undefined
      : { what: { finding: Number(r.finding_id) }, title: "打开第一项错误所引的原文位置；全部错误见部门页" },
  restated: (r) =>
    r.finding_id === null
      ? undefined
      : { what: { finding: Number(r.finding_id) }, title: "打开第一处不一致在本年情况说明中的位置；上年数见上年报告" },
  lowProject: (r) => ({ what: { project: Number(r.ord) }, title: "打开该项目的绩效自评表" }),
};

function toFlag(r: FlagRow, year: number, t: FlagThresholds): Flag {
  const departmentId = Number(r.department_id);
  const ev = r.has_document ? EVIDENCE[r.kind](r) : undefined;
  const base = {
    kind: r.kind,
    departmentId,
    department: r.department,
    synthetic: Boolean(r.synthetic),
    weight: String(r.weight),
    evidence: ev && { href: evidenceHref(Number(r.report_id), ev.what), title: ev.title },
  };
  switch (r.kind) {
    case "execution":
      return {
        ...base,
        text: `一般公共预算财政拨款支出为年初预算的 ${formatPercent(u(r.a))}（年初 ${formatWanyuan(u(r.b))} 万元，决算 ${formatWanyuan(u(r.c))} 万元）`,
        href: `/departments/${departmentId}?year=${year}#execution`,
      };
    case "lowSme":
      return {
        ...base,
        text: `政府采购授予中小企业份额 ${formatPercent(u(r.a))}，低于参考线 ${t.sme}%（采购总额 ${formatWanyuan(u(r.b))} 万元）`,
        href: `/procurement?year=${year}`,
      };
    case "sangongUp": {
      const pct = r.c ? formatPercent(r.c) : undefined;
      return {
        ...base,
        text: `“三公”经费决算 ${formatWanyuan(u(r.a))} 万元，比上年 ${formatWanyuan(u(r.b))} 万元增加 ${formatWanyuan(base.weight)} 万元${pct ? `（${pct}）` : ""}`,
        href: `/sangong?year=${year}&dept=${departmentId}`,
      };
    }
    case "auditError":
      return { ...base, text: `审核发现 ${r.a} 项错误`, href: `/departments/${departmentId}?year=${year}#findings` };
    case "restated":
      return {
        ...base,
        text: `情况说明中的上年数与上年报告不一致 ${r.a} 处`,
        href: `/quality?year=${year}&rule=RESTATED_PRIOR_YEAR`,
      };
    case "lowProject":
      return {
        ...base,
        text: `“${r.name}”执行率 ${formatPercent(u(r.a))}（全年预算 ${formatWanyuan(u(r.b))} 万元），自评${r.c ? ` ${formatScore(r.c)} 分` : ""}${r.grade ? `、等级“${r.grade}”` : ""}`,
        href: `/performance?year=${year}&dept=${departmentId}`,
      };
  }
}

/** Every flag of a year (the CSV): sorted by kind, then largest weight first. */
export async function getFlags(year: number, includeSynthetic: boolean, t = DEFAULT_THRESHOLDS): Promise<Flag[]> {
  const res = await rows<FlagRow>(
    sql`select * from (${flagRowsSql(year, includeSynthetic, t)}) f order by kind collate "C", ${FLAG_ORDER_SQL}`,
  );
  return res.map((r) => toFlag(r, year, t));
}

export type FlagSummary = { counts: Partial<Record<FlagKind, number>>; total: number; flags: Flag[] };

/**
 * What the overview shows of the flags: how many of each kind, and either the first `perKind` of every kind or, when
 * `kind` is given, one page of that kind (every flag stays reachable page by page; the CSV has them all).
 */
export async function getFlagSummary(
  year: number,
  includeSynthetic: boolean,
  opts: { perKind?: number; kind?: FlagKind; offset?: number; limit?: number } = {},
  t = DEFAULT_THRESHOLDS,
): Promise<FlagSummary> {
  const where = opts.kind
    ? sql`kind = ${opts.kind} and rn > ${opts.offset ?? 0} and rn <= ${(opts.offset ?? 0) + (opts.limit ?? 50)}`
    : sql`rn <= ${opts.perKind ?? 8}`;
  // One statement: the counts by kind (one row even when nothing is shown) beside the rows shown.
  const res = await rows<FlagRow & { counts: Record<string, number> | string | null; rn: number | null }>(sql`
    with f as materialized (${flagRowsSql(year, includeSynthetic, t)}),
    ranked as (select *, row_number() over (partition by kind order by ${FLAG_ORDER_SQL}) as rn from f),
    c as (select json_object_agg(kind, n) as counts from (select kind, count(*)::int as n from f group by kind) k)
    select c.counts, x.* from c left join lateral (select * from ranked where ${where}) x on true
    order by x.kind collate "C", x.rn`);
  const raw = res[0]?.counts;
  const c = ((typeof raw === "string" ? JSON.parse(raw) : raw) ?? {}) as Partial<Record<FlagKind, number>>;
  const shown = res.filter((r) => r.rn !== null && r.kind !== null);
  return {
    counts: c,
    total: Object.values(c).reduce((a, n) => a + Number(n), 0),
    flags: shown.map((r) => toFlag(r, year, t)),
  };
}

/** The year's headline totals in one statement. */
export async function getOverviewTotals(year: number, includeSynthetic: boolean): Promise<OverviewTotals> {
  const [r] = await rows<{
    reports: number;
    expenditure: string;
    income: string;
    sangong: string;
    procurement: string;
    errors: number;
    only_id: number | null;
    only_doc: boolean | null;
  }>(sql`
    with ${yearReports(year, includeSynthetic)},
    s as (
      select coalesce(sum(${figureOf("expenditureTotal")}), 0) as expenditure,
             coalesce(sum(${figureOf("incomeTotal")}), 0) as income,
             coalesce(sum(${figureOf("sangongFinal")}), 0) as sangong,
             coalesce(sum(${figureOf("procurementTotal")}), 0) as procurement
      from yr y join ${sql.raw(summariesOf(year))} s on s.report_id = y.id
      where y.counted
    )
    select (select count(*)::int from yr) as reports,
           round(s.expenditure, 2)::text as expenditure, round(s.income, 2)::text as income,
           round(s.sangong, 2)::text as sangong, round(s.procurement, 2)::text as procurement,
           (select count(*)::int from findings x join yr y on y.id = x.report_id where x.severity = 'error') as errors,
           (select min(y.id)::int from yr y where y.counted having count(*) = 1) as only_id,
           (select bool_and(y.has_document) from yr y where y.counted having count(*) = 1) as only_doc
    from s`);
  const only = r.only_id === null ? undefined : { reportId: Number(r.only_id), hasDocument: Boolean(r.only_doc) };
  return {
    reports: Number(r.reports),
    expenditure: r.expenditure,
    income: r.income,
    sangong: r.sangong,
    procurement: r.procurement,
    errors: Number(r.errors),
    only,
  };
}

const TABLE_KEYS = [
  "incomeTotal",
  "expenditureTotal",
  "basicExpenditure",
  "projectExpenditure",
  "gpbExecutionRate",
  "sangongFinal",
  "procurementSmeShare",
];

/**
 * A slice of the year's reports with their headline figures, largest 本年支出合计 first (reports that print none
 * last), so the departments that matter most lead the table and the chart.
 */
export async function getLargestReports(
  year: number,
  includeSynthetic: boolean,
  offset: number,
  limit: number,
): Promise<(FigureRow & { hasDocument: boolean })[]> {
  const res = await rows<{
    report_id: number;
    department_id: number;
    department: string;
    scope: string;
    synthetic: boolean;
    completeness: string | null;
    has_document: boolean;
    figs: Record<string, string> | string | null;
  }>(sql`
    with ${yearReports(year, includeSynthetic)},
    pg as (
      select y.*, ${figureOf("expenditureTotal")} as ex, s.figures from yr y left join ${sql.raw(summariesOf(year))} s on s.report_id = y.id
      order by ex desc nulls last, y.department, y.scope limit ${limit} offset ${offset}
    )
    select pg.id::int as report_id, pg.department_id::int as department_id, pg.department, pg.scope, pg.synthetic,
           r.completeness::text as completeness, pg.has_document,
           (select jsonb_object_agg(e.key, e.value) from jsonb_each_text(pg.figures) e where e.key = ${anyOf(TABLE_KEYS, "text")}) as figs
    from pg join reports r on r.id = pg.id
    order by pg.ex desc nulls last, pg.department, pg.scope`);
  return res.map((r) => ({
    reportId: Number(r.report_id),
    departmentId: Number(r.department_id),
    department: r.department,
    year,
    scope: r.scope,
    synthetic: Boolean(r.synthetic),
    completeness: r.completeness,
    hasDocument: Boolean(r.has_document),
    figures: (typeof r.figs === "string" ? JSON.parse(r.figs) : (r.figs ?? {})) as Record<string, string>,
  }));
}

/** Everything for a year (the CSV export and tests): every report's figures, the totals and every flag. */
export async function getOverview(
  year: number,
  includeSynthetic: boolean,
  opts = DEFAULT_THRESHOLDS,
): Promise<Overview> {
  const [reports, totals, flags] = await Promise.all([
    getYearFigures(year, includeSynthetic),
    getOverviewTotals(year, includeSynthetic),
    getFlags(year, includeSynthetic, opts),
  ]);
  return { year, reports, totals, flags };
}
