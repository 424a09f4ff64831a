import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { BENCHMARK_SCOPES, type BenchmarkMetric, type SIZE_BANDS } from "@/lib/filters";
import type { SizeBand } from "@/lib/metrics/dashboard";
import { EXECUTION_TARGET, PEER_GROUP } from "@/lib/metrics/policy";
import { chosenReports } from "./dashboard-scope";
import { rows } from "./sql";

export type BenchmarkFilter = {
  year: number;
  synthetic: boolean;
  metric: BenchmarkMetric;
  size: keyof typeof SIZE_BANDS;
  /** 部门决算 are ranked among 部门决算, 单位决算 among 单位决算 (default: department) */
  scope?: keyof typeof BENCHMARK_SCOPES;
  vs?: number;
};

type BenchmarkRow = {
  departmentId: number;
  department: string;
  synthetic: boolean;
  scope: string;
  size?: SizeBand;
  expenditureTotal?: string;
  /** the metric in `year` */
  current?: string;
  /** the metric in `vs` (change mode) */
  previous?: string;
  /** what is ranked: `current`, or current − previous in change mode */
  value?: string;
  rank?: number;
  /** share of peers with a value ≤ this one, percent */
  percentile?: string;
  /** value − the median of its peer group (same scope and size band), when that group has at least PEER_GROUP.minPeers */
  fromMedian?: string;
  /** execution only: |rate − 100| (or its change between the years), what the ranking orders by */
  distance?: string;
};

export type Benchmark = {
  mode: "level" | "change";
  /** ranked departments (rank 1 = highest) then the departments without a value; one page of them when paged */
  rows: BenchmarkRow[];
  /** departments of the size band with a value */
  peers: number;
  /** the peer group's median: only for one size band with at least PEER_GROUP.minPeers departments ranked */
  median?: string;
  /** departments of the size band without a value (not disclosed, or missing in one of the two years) */
  missing: number;
  /** departments of the scope left out because they are in another size band */
  otherBands: number;
  /** reports of the other scope (单位决算 beside a 部门决算 ranking, or the reverse): never ranked together */
  otherScope: number;
};

export type BenchmarkPage = Benchmark & {
  /** the page shown (the requested one clamped to the last) */
  page: number;
  pageSize: number;
  /** rows of the whole list (peers + missing) */
  total: number;
  /** the `extremes` highest and lowest ranked departments, for the chart (highest first) */
  top: BenchmarkRow[];
  bottom: BenchmarkRow[];
};

/** Figure keys each metric reads (expenditureTotal is always read: it decides the size band). */
const KEYS: Record<BenchmarkMetric, string[]> = {
  executionRate: ["gpbExecutionRate", "gpbExpenditure", "initialBudgetGpb"],
  smeShare: ["procurementSmeShare", "procurementSme", "procurementTotal"],
  sangongPerPersonnel: ["sangongFinal", "personnelCost"],
  sangongFinal: ["sangongFinal"],
  publicCostShare: ["publicCost", "personnelCost"],
  projectShare: ["projectExpenditure"],
  completeness: [],
  expenditureTotal: [],
  expenditurePerStaff: ["expenditurePerStaff"],
  personnelPerStaff: ["personnelCostPerStaff"],
};

const col = (k: string) => sql.raw(`"${k}"`);

/** a ÷ b × 100 rounded half-up to 2 places, null when either is missing or b is zero (as lib/metrics/stats ratePct). */
const ratePct = (a: SQL, b: SQL) =>
  sql`case when ${a} is null or ${b} is null or ${b} = 0 then null else round(${a} * 100 / ${b}, 2)::text end`;

/** The metric of one report as text, from the pivoted figure columns of `alias` (as lib/metrics/benchmark metricValue). */
function metricSql(metric: BenchmarkMetric, alias: string): SQL {
  const f = (k: string) => sql`${sql.raw(alias)}.${col(k)}`;
  const t = (k: string) => sql`${sql.raw(alias)}.${col(k + "_t")}`;
  switch (metric) {
    case "executionRate":
      return sql`coalesce(${t("gpbExecutionRate")}, ${ratePct(f("gpbExpenditure"), f("initialBudgetGpb"))})`;
    case "smeShare":
      return sql`coalesce(${t("procurementSmeShare")}, ${ratePct(f("procurementSme"), f("procurementTotal"))})`;
    case "sangongPerPersonnel":
      return ratePct(f("sangongFinal"), f("personnelCost"));
    case "publicCostShare":
      return ratePct(f("publicCost"), sql`(${f("personnelCost")} + ${f("publicCost")})`);
    case "projectShare":
      return ratePct(f("projectExpenditure"), f("expenditureTotal"));
    case "completeness":
      return sql`round(${sql.raw(alias)}.completeness, 2)::text`;
    case "sangongFinal":
      return t("sangongFinal");
    case "expenditureTotal":
      return t("expenditureTotal");
    case "expenditurePerStaff":
      return t("expenditurePerStaff");
    case "personnelPerStaff":
      return t("personnelCostPerStaff");
  }
}

/** One row per chosen report of `year` with the figures the metric needs pivoted into columns (numeric and as stored, `<key>_t`). */
function metricRows(f: BenchmarkFilter, year: number): SQL {
  const keys = [...new Set(["expenditureTotal", ...KEYS[f.metric]])];
  const list = sql.raw(`(${keys.map((k) => `'${k}'`).join(",")})`);
  const pivot = sql.join(
    keys.map(
      (k) =>
        sql`max(fg.value) filter (where fg.key = ${k}) as ${col(k)}, max(fg.value::text) filter (where fg.key = ${k}) as ${col(k + "_t")}`,
    ),
    sql`, `,
  );
  // lateral: a few primary-key probes per report of the year, rather than every year's rows of those keys
  return sql`
    select rep.id, rep.department_id, rep.department, rep.scope, rep.synthetic, rep.completeness, x.*
    from (${chosenReports({ year, synthetic: f.synthetic })}) rep
    left join lateral (select ${pivot} from figures fg where fg.report_id = rep.id and fg.key in ${list}) x on true`;
}

/** Whether the metric ranks by distance from a target (execution: 100%) rather than by size. */
const byDistance = (m: BenchmarkMetric) => m === "executionRate";

/**
 * The ranking statement: every department of the year and scope with its metric (and the change since `vs`), its size
 * band, rank (1 = best, ties share), percentile (share of peers ranked no better) and distance from the exact median
 * of its peer group (same scope and size band, shown only with PEER_GROUP.minPeers or more) — all in SQL, so only the
 * rows asked for leave the database. Execution ranks by |rate − 100| ascending: over- and under-spending are both
 * distance. `pos` orders the list: ranked first, then the missing by name.
 */
function rankedSql(f: BenchmarkFilter): SQL {
  const change = f.vs !== undefined && f.vs !== f.year;
  const cur = metricSql(f.metric, "n");
  const prev = metricSql(f.metric, "p");
  const scope = BENCHMARK_SCOPES[f.scope ?? "department"];
  const dist = (v: SQL) => sql`abs(${v}::numeric - ${EXECUTION_TARGET})`;
  // the ranking key; better = higher, except for distances (better = lower)
  const key = byDistance(f.metric)
    ? change
      ? sql`${dist(sql`v.current`)} - ${dist(sql`v.previous`)}`
      : dist(sql`v.current`)
    : change
      ? sql`v.current::numeric - v.previous::numeric`
      : sql`v.current::numeric`;
  const better = byDistance(f.metric) ? sql`asc` : sql`desc`;
  const worse = byDistance(f.metric) ? sql`desc` : sql`asc`;
  return sql`
    with n as (${metricRows(f, f.year)}),
    ${change ? sql`p as (${metricRows(f, f.vs!)}),` : sql``}
    v as (
      select n.department_id, n.department, n.synthetic, n.scope, n."expenditureTotal_t" as expenditure_total,
             case when n."expenditureTotal" is null then null when n."expenditureTotal" < ${PEER_GROUP.small} then 'small'
                  when n."expenditureTotal" <= ${PEER_GROUP.large} then 'medium' else 'large' end as size,
             ${cur} as current, ${change ? prev : sql`null::text`} as previous
      from n ${change ? sql`left join p on p.department_id = n.department_id` : sql``}
      where n.scope = ${scope}
    ),
    k as (
      select v.*, ${change ? sql`trim_scale(v.current::numeric - v.previous::numeric)::text` : sql`v.current`} as value,
             case when v.current is not null ${change ? sql`and v.previous is not null` : sql``} then ${key} end as key
      from v
    ),
    b as (select k.* from k ${f.size === "all" ? sql`` : sql`where k.size = ${f.size}`}),
    r as (
      select b.*, b.value::numeric as num,
             case when b.value is not null then rank() over (partition by b.value is null order by b.key ${better}) end as rank,
             case when b.value is not null then count(*) over (partition by b.value is null order by b.key ${worse}) end as le,
             row_number() over (partition by b.value is null, b.size order by b.value::numeric) as band_pos,
             count(b.value) over (partition by b.size) as band_n,
             row_number() over (order by b.value is null, b.key ${better}, b.department, b.department_id) as pos
      from b
    ),
    m as (
      select r.size, avg(r.num) as median from r
      where r.value is not null and r.size is not null and r.band_n >= ${PEER_GROUP.minPeers}
        and r.band_pos in ((r.band_n + 1) / 2, (r.band_n + 2) / 2)
      group by r.size
    ),
    s as (
      select count(r.value)::int as peers, (count(*) - count(r.value))::int as missing,
             ((select count(*) from k) - count(*))::int as other_bands,
             ((select count(*) from n) - (select count(*) from k))::int as other_scope,
             ${f.size === "all" ? sql`null::numeric` : sql`(select m.median from m where m.size = ${f.size})`} as median
      from r
    )`;
}

type Raw = {
  department_id: number;
  department: string;
  synthetic: boolean;
  scope: string;
  size: SizeBand | null;
  expenditure_total: string | null;
  current: string | null;
  previous: string | null;
  value: string | null;
  rank: number | null;
  percentile: string | null;
  from_median: string | null;
  distance: string | null;
  pos: number;
  peers: number;
  missing: number;
  other_bands: number;
  other_scope: number;
  median: string | null;
};

const u = <T>(v: T | null | undefined): T | undefined => (v === null || v === undefined ? undefined : v);

function toRow(r: Raw): BenchmarkRow {
  return {
    departmentId: Number(r.department_id),
    department: r.department,
    synthetic: Boolean(r.synthetic),
    scope: r.scope,
    size: u(r.size),
    expenditureTotal: u(r.expenditure_total),
    current: u(r.current),
    previous: u(r.previous),
    value: u(r.value),
    rank: r.rank === null ? undefined : Number(r.rank),
    percentile: u(r.percentile),
    fromMedian: u(r.from_median),
    distance: u(r.distance),
  };
}

/**
 * Rows of the ranking where `where` holds (in list order), each carrying the summary (peers, missing, other bands,
 * median). With no row matching, one summary-only row (pos null) comes back so the counts are never lost.
 */
async function query(
  f: BenchmarkFilter,
  where: SQL,
): Promise<{ rows: Raw[]; summary: Pick<Benchmark, "peers" | "missing" | "otherBands" | "otherScope" | "median"> }> {
  const res = await rows<Raw>(sql`
    ${rankedSql(f)}
    select r.department_id::int as department_id, r.department, r.synthetic, r.scope, r.size, r.expenditure_total, r.current, r.previous, r.value,
           r.rank::int as rank, round(r.le * 100.0 / s.peers, 2)::text as percentile, trim_scale(r.num - m.median)::text as from_median,
           ${byDistance(f.metric) ? sql`trim_scale(r.key)::text` : sql`null::text`} as distance,
           r.pos::int as pos, s.peers, s.missing, s.other_bands, s.other_scope, trim_scale(s.median)::text as median
    from s left join r on ${where} left join m on m.size = r.size
    order by r.pos`);
  const first = res[0];
  const summary = {
    peers: Number(first?.peers ?? 0),
    missing: Number(first?.missing ?? 0),
    otherBands: Number(first?.other_bands ?? 0),
    otherScope: Number(first?.other_scope ?? 0),
    median: u(first?.median),
  };
  return { rows: res.filter((r) => r.pos !== null && r.pos !== undefined), summary };
}

const isChange = (f: BenchmarkFilter) => f.vs !== undefined && f.vs !== f.year;

/** Every department of the peer group ranked on one metric (rank 1 = highest), with the peer median and percentile. For the CSV/JSON export. */
export async function getBenchmark(f: BenchmarkFilter): Promise<Benchmark> {
  const { rows: raw, summary } = await query(f, sql`true`);
  return { mode: isChange(f) ? "change" : "level", rows: raw.map(toRow), ...summary };
}

/**
 * One page of the ranking (ranked departments first, then those without a value), the summary of the whole peer
 * group, and the `extremes` highest and lowest for the chart — one statement whatever the number of departments.
 * A page past the end shows the last page; `dept` (a department id) opens the page that lists it.
 */
export async function getBenchmarkPage(
  f: BenchmarkFilter,
  opts: { page?: number; pageSize?: number; extremes?: number; dept?: number } = {},
): Promise<BenchmarkPage> {
  const pageSize = opts.pageSize ?? 50;
  const extremes = opts.extremes ?? 10;
  const total = sql`(s.peers + s.missing)`;
  const lastPage = sql`greatest(1, ceil(${total}::numeric / ${pageSize}))`;
  const requested = opts.dept
    ? sql`coalesce((select ceil(x.pos::numeric / ${pageSize}) from r x where x.department_id = ${opts.dept}), ${Math.max(1, opts.page ?? 1)})`
    : sql`${Math.max(1, Math.trunc(opts.page ?? 1))}`;
  const pageNo = sql`least(${requested}, ${lastPage})`;
  const inPage = sql`r.pos > (${pageNo} - 1) * ${pageSize} and r.pos <= ${pageNo} * ${pageSize}`;
  const { rows: raw, summary } = await query(
    f,
    sql`(${inPage}) or (r.value is not null and (r.pos <= ${extremes} or r.pos > s.peers - ${extremes}))`,
  );
  const total_ = summary.peers + summary.missing;
  const pages = Math.max(1, Math.ceil(total_ / pageSize));
  const wanted = opts.dept ? raw.find((r) => Number(r.department_id) === opts.dept) : undefined;
  const page = wanted
    ? Math.ceil(Number(wanted.pos) / pageSize)
    : Math.min(Math.max(1, Math.trunc(opts.page ?? 1)), pages);
  const from = (page - 1) * pageSize;
  const shown = raw.filter((r) => r.pos > from && r.pos <= from + pageSize);
  const valued = raw.filter((r) => r.value !== null);
  const top = valued.filter((r) => r.pos <= extremes).map(toRow);
  const bottom =
    summary.peers > extremes
      ? valued.filter((r) => r.pos > Math.max(extremes, summary.peers - extremes)).map(toRow)
      : [];
  return {
    mode: isChange(f) ? "change" : "level",
    rows: shown.map(toRow),
    ...summary,
    page,
    pageSize,
    total: total_,
    top,
    bottom,
  };
}
