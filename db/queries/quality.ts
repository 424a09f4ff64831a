import "server-only";
import { sql } from "drizzle-orm";
import type { FindingFacts } from "@/lib/audit/explain";
import type { Location } from "@/lib/audit/types";
import { RESTATED_PRIOR_YEAR } from "../cross-year";
import { rows } from "./sql";

export type QualityFilters = {
  year?: number;
  synthetic: boolean;
  rule?: string;
  severity?: "error" | "warning" | "rounding";
};

export type QualityFinding = {
  id: number;
  reportId: number;
  /** the same department's and scope's latest report of the year before, for a cross-year finding (its other place is there) */
  priorReportId: number | null;
  scope: string;
  departmentId: number;
  department: string;
  year: number;
  synthetic: boolean;
  rule: string;
  severity: string;
  message: string;
  expected: string | null;
  found: string | null;
  locations: Location[];
};

const where = (f: QualityFilters) => sql`r.is_latest
  ${f.year ? sql`and r.year = ${f.year}` : sql``}
  ${f.synthetic ? sql`` : sql`and not r.synthetic`}`;

/** Findings in the page's order (errors first, newest year, department); `offset` pages through them. */
export async function getFindings(f: QualityFilters, limit = 500, offset = 0): Promise<QualityFinding[]> {
  const res = await rows<{
    id: number;
    report_id: number;
    prior_report_id: number | null;
    department_id: number;
    department: string;
    year: number;
    scope: string;
    synthetic: boolean;
    rule: string;
    severity: string;
    message: string;
    expected: string | null;
    found: string | null;
    locations: Location[] | string;
  }>(sql`
    select x.id::int as id, r.id::int as report_id, d.id::int as department_id, d.name as department, r.year::int as year, r.scope, r.synthetic,
           x.rule, x.severity, x.message, x.expected, x.found, x.locations,
           case when x.rule = ${RESTATED_PRIOR_YEAR} then
             (select p.id::int from reports p where p.department_id = r.department_id and p.scope = r.scope and p.year = r.year - 1 and p.is_latest) end as prior_report_id
    from findings x join reports r on r.id = x.report_id join departments d on d.id = r.department_id
    where ${where(f)}
      ${f.rule ? sql`and x.rule = ${f.rule}` : sql``}
      ${f.severity ? sql`and x.severity = ${f.severity}` : sql``}
    order by case x.severity when 'error' then 0 when 'warning' then 1 else 2 end, r.year desc, d.name, x.rule, x.id
    limit ${limit} offset ${offset}`);
  return res.map((r) => ({
    id: Number(r.id),
    reportId: Number(r.report_id),
    priorReportId: r.prior_report_id === null ? null : Number(r.prior_report_id),
    scope: r.scope,
    departmentId: Number(r.department_id),
    department: r.department,
    year: Number(r.year),
    synthetic: Boolean(r.synthetic),
    rule: r.rule,
    severity: r.severity,
    message: r.message,
    expected: r.expected,
    found: r.found,
    locations: typeof r.locations === "string" ? JSON.parse(r.locations) : r.locations,
  }));
}

/**
 * Every finding of the given reports (one page of the list covers at most 50), by report: a finding's wording says
 * which figure is probably wrong from its report's other findings, which a filtered or paged list leaves out.
 */
export async function getFindingsOfReports(reportIds: readonly number[]): Promise<Map<number, FindingFacts[]>> {
  const out = new Map<number, FindingFacts[]>();
  if (reportIds.length === 0) return out;
  const res = await rows<{
    report_id: number;
    rule: string;
    severity: string;
    message: string;
    expected: string | null;
    found: string | null;
    locations: Location[] | string;
  }>(sql`
    select x.report_id::int as report_id, x.rule, x.severity, x.message, x.expected, x.found, x.locations
    from findings x where x.report_id in (${sql.join(
      [...new Set(reportIds)].map((id) => sql`${id}`),
      sql`, `,
    )})`);
  for (const r of res) {
    const list = out.get(Number(r.report_id)) ?? [];
    list.push({
      rule: r.rule,
      severity: r.severity,
      message: r.message,
      expected: r.expected,
      found: r.found,
      locations: typeof r.locations === "string" ? JSON.parse(r.locations) : r.locations,
    });
    out.set(Number(r.report_id), list);
  }
  return out;
}

export async function getRuleCounts(f: QualityFilters) {
  const res = await rows<{ rule: string; severity: string; n: number; reports: number }>(sql`
    select x.rule, x.severity, count(*)::int as n, count(distinct x.report_id)::int as reports
    from findings x join reports r on r.id = x.report_id
    where ${where(f)}
    group by x.rule, x.severity order by case x.severity when 'error' then 0 when 'warning' then 1 else 2 end, count(*) desc, x.rule`);
  return res.map((r) => ({ rule: r.rule, severity: r.severity, count: Number(r.n), reports: Number(r.reports) }));
}

/** How many latest reports the filters cover (the completeness ranking's length). */
export async function getReportCount(f: QualityFilters): Promise<number> {
  const [r] = await rows<{ n: number }>(sql`select count(*)::int as n from reports r where ${where(f)}`);
  return Number(r?.n ?? 0);
}

/** Reports from the least complete up; `limit`/`offset` give one page (the CSV takes them all). */
export async function getCompletenessRanking(f: QualityFilters, limit?: number, offset = 0) {
  const res = await rows<{
    department_id: number;
    department: string;
    year: number;
    synthetic: boolean;
    completeness: string | null;
    errors: number;
    warnings: number;
  }>(sql`
    select d.id::int as department_id, d.name as department, r.year::int as year, r.synthetic, r.completeness::text as completeness,
           (select count(*)::int from findings x where x.report_id = r.id and x.severity = 'error') as errors,
           (select count(*)::int from findings x where x.report_id = r.id and x.severity = 'warning') as warnings
    from reports r join departments d on d.id = r.department_id
    where ${where(f)}
    order by r.completeness asc nulls first, d.name, r.year desc, r.id
    ${limit !== undefined ? sql`limit ${limit} offset ${offset}` : sql``}`);
  return res.map((r) => ({
    departmentId: Number(r.department_id),
    department: r.department,
    year: Number(r.year),
    synthetic: Boolean(r.synthetic),
    completeness: r.completeness,
    errors: Number(r.errors),
    warnings: Number(r.warnings),
  }));
}

export type UnreadNoteRow = {
  part: "table" | "statement" | "section" | "cover" | "appendix";
  place: string;
  sourceLine: number | null;
  page: number | null;
  text: string;
  message: string;
};

export type CoverageRow = {
  departmentId: number;
  department: string;
  year: number;
  scope: string;
  synthetic: boolean;
  layout: string;
  sourceFile: string;
  /** 读取覆盖, percent (lib/report/coverage.ts) */
  coverage: string | null;
  tablesRead: number;
  cellsPlaced: number;
  cellsOpen: number;
  statementsRead: number;
  statementsUnread: number;
  unreadCount: number;
  extraTables: number;
  /** the first `notesPerReport` unread notes, in document order */
  notes: UnreadNoteRow[];
};

/** "94.9300" → "94.93", "100.0000" → "100": the percentage as lib/report/coverage.ts writes it. */
const pctText = (v: string | null) =>
  v === null ? null : v.includes(".") ? v.replace(/0+$/, "").replace(/\.$/, "") : v;

/** Reports the reader did not read whole: some part unread, a cell left open, or a table the 目录 lists not found. */
const notWhole = sql`r.coverage < 100`;

/** How many of the year's reports were not read whole, and their unread notes by part. */
export async function getCoverageSummary(f: QualityFilters) {
  const [r] = await rows<{
    reports: number;
    partial: number;
    notes: number;
    table: number;
    statement: number;
    section: number;
    cover: number;
    appendix: number;
    open: number;
    extra: number;
  }>(sql`
    with y as (select r.id, r.coverage, r.unread_count, r.cells_open, r.extra_tables from reports r where ${where(f)}),
    n as (
      select count(*) filter (where u.part = 'table') as t, count(*) filter (where u.part = 'statement') as s, count(*) filter (where u.part = 'section') as c,
             count(*) filter (where u.part = 'cover') as v, count(*) filter (where u.part = 'appendix') as a
      from unread_notes u join y on y.id = u.report_id
    )
    select count(*)::int as reports, count(*) filter (where y.coverage < 100)::int as partial,
           coalesce(sum(y.unread_count), 0)::int as notes, coalesce(sum(y.cells_open), 0)::int as open, coalesce(sum(y.extra_tables), 0)::int as extra,
           max(n.t)::int as "table", max(n.s)::int as statement, max(n.c)::int as section, max(n.v)::int as cover, max(n.a)::int as appendix
    from y cross join n`);
  return {
    reports: Number(r?.reports ?? 0),
    partial: Number(r?.partial ?? 0),
    notes: Number(r?.notes ?? 0),
    cellsOpen: Number(r?.open ?? 0),
    extraTables: Number(r?.extra ?? 0),
    byPart: {
      table: Number(r?.table ?? 0),
      statement: Number(r?.statement ?? 0),
      section: Number(r?.section ?? 0),
      cover: Number(r?.cover ?? 0),
      appendix: Number(r?.appendix ?? 0),
    },
  };
}

/**
 * The reports not read whole, the least read first (then the most unread notes), each with its first notes;
 * `limit`/`offset` give one page (the CSV takes them all).
 */
export async function getCoverageRanking(
  f: QualityFilters,
  limit?: number,
  offset = 0,
  notesPerReport = 5,
): Promise<CoverageRow[]> {
  const res = await rows<{
    department_id: number;
    department: string;
    year: number;
    scope: string;
    synthetic: boolean;
    layout: string;
    source_file: string;
    coverage: string | null;
    tables_read: number;
    cells_placed: number;
    cells_open: number;
    statements_read: number;
    statements_unread: number;
    unread_count: number;
    extra_tables: number;
    notes: UnreadNoteRow[] | string | null;
  }>(sql`
    select d.id::int as department_id, d.name as department, r.year::int as year, r.scope, r.synthetic, r.layout, r.source_file, r.coverage::text as coverage,
           r.tables_read::int as tables_read, r.cells_placed::int as cells_placed, r.cells_open::int as cells_open,
           r.statements_read::int as statements_read, r.statements_unread::int as statements_unread, r.unread_count::int as unread_count, r.extra_tables::int as extra_tables,
           (select json_agg(json_build_object('part', u.part, 'place', u.place, 'sourceLine', u.source_line, 'page', u.page, 'text', u.text, 'message', u.message) order by u.ord)
            from (select * from unread_notes u where u.report_id = r.id order by u.ord limit ${notesPerReport}) u) as notes
    from reports r join departments d on d.id = r.department_id
    where ${where(f)} and ${notWhole}
    order by r.coverage asc, r.unread_count desc, d.name, r.year desc, r.id
    ${limit !== undefined ? sql`limit ${limit} offset ${offset}` : sql``}`);
  return res.map((r) => ({
    departmentId: Number(r.department_id),
    department: r.department,
    year: Number(r.year),
    scope: r.scope,
    synthetic: Boolean(r.synthetic),
    layout: r.layout,
    sourceFile: r.source_file,
    coverage: pctText(r.coverage),
    tablesRead: Number(r.tables_read),
    cellsPlaced: Number(r.cells_placed),
    cellsOpen: Number(r.cells_open),
    statementsRead: Number(r.statements_read),
    statementsUnread: Number(r.statements_unread),
    unreadCount: Number(r.unread_count),
    extraTables: Number(r.extra_tables),
    notes: (typeof r.notes === "string" ? JSON.parse(r.notes) : (r.notes ?? [])) as UnreadNoteRow[],
  }));
}

/** Every unread note of the year's reports, least-read report first (the dataset behind the ranking's notes). */
export async function getUnreadNotes(f: QualityFilters, limit = 20_000) {
  const res = await rows<{
    department_id: number;
    department: string;
    year: number;
    synthetic: boolean;
    coverage: string | null;
    part: UnreadNoteRow["part"];
    place: string;
    source_line: number | null;
    page: number | null;
    text: string;
    message: string;
  }>(sql`
    select d.id::int as department_id, d.name as department, r.year::int as year, r.synthetic, r.coverage::text as coverage,
           u.part, u.place, u.source_line::int as source_line, u.page::int as page, u.text, u.message
    from unread_notes u join reports r on r.id = u.report_id join departments d on d.id = r.department_id
    where ${where(f)}
    order by r.coverage asc, r.unread_count desc, d.name, r.year desc, r.id, u.ord
    limit ${limit}`);
  return res.map((r) => ({
    departmentId: Number(r.department_id),
    department: r.department,
    year: Number(r.year),
    synthetic: Boolean(r.synthetic),
    coverage: pctText(r.coverage),
    part: r.part,
    place: r.place,
    sourceLine: r.source_line === null ? null : Number(r.source_line),
    page: r.page === null ? null : Number(r.page),
    text: r.text,
    message: r.message,
  }));
}
