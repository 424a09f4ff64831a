import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { FigureMap } from "./dashboard-scope";

/*
 * Helpers for dashboards that read a handful of figures of many reports: pivot only those keys into columns (one
 * summary row per report, db/summaries.ts) instead of folding every figure of every report into a jsonb object, and keep
 * ordering, paging and aggregates in the statement so a province's departments never travel to the server.
 */

const KEY = /^[A-Za-z][A-Za-z0-9]*$/;

function checked(keys: readonly string[]): readonly string[] {
  for (const k of keys) if (!KEY.test(k)) throw new Error(`figure key ${JSON.stringify(k)} is not a plain identifier`);
  return keys;
}

/**
 * The chosen reports in `from` (an alias with an `id` column, one row per report) with one numeric column per figure
 * key (null when absent). Give `year` when every report in `from` is of that year: that year's summaries are read
 * (db/summaries.ts), one row per report. Across the years (a trend) the few keys asked for are read from `figures`
 * instead, through its (key, report_id) index: measured at 100,000 reports, 2.0 s against 3.1–3.3 s for every
 * year's summaries, whose whole figures object is read for two keys; for one year, the summaries take 0.95 s against
 * 3.0 s (six keys).
 */
export function pivotFigures(from: string, cols: readonly string[], keys: readonly string[], year?: number): SQL {
  const ks = checked(keys);
  const c = cols.map((x) => `${from}.${x}`).join(", ");
  if (year === undefined) {
    const pivots = ks.map((k) => `max(f.value) filter (where f.key = '${k}') as "${k}"`).join(", ");
    const list = ks.map((k) => `'${k}'`).join(", ");
    return sql.raw(
      `select ${c}, ${pivots} from ${from} left join figures f on f.report_id = ${from}.id and f.key in (${list}) group by ${c}`,
    );
  }
  const pivots = ks.map((k) => `(report_summary.figures ->> '${k}')::numeric as "${k}"`).join(", ");
  return sql.raw(
    `select ${c}, ${pivots} from ${from} left join ${summariesOf(year)} report_summary on report_summary.report_id = ${from}.id`,
  );
}

/**
 * The summary rows to join (alias them), one year's when the year is known: read through the (year, report_id) index
 * and hashed, not found one by one in report_id order through all the years (`offset 0` keeps the planner from
 * folding the subquery into the join, which it did, reading every year's rows: 3.4 s instead of ~0.2 s at 100,000
 * reports).
 */
export function summariesOf(year: number): string {
  return `(select * from report_summaries where year = ${Math.trunc(year)} offset 0)`;
}

/** The figure columns of a pivot as text (numeric::text, as figuresObject gives them), for a FigureMap. */
export function figureTexts(alias: string, keys: readonly string[], prefix = ""): SQL {
  return sql.raw(
    checked(keys)
      .map((k) => `${alias}."${k}"::text as "${prefix}${k}"`)
      .join(", "),
  );
}

/** A FigureMap from a row whose columns `prefix + key` hold figure texts (null → absent). */
export function figureMapOf(row: Record<string, unknown>, keys: readonly string[], prefix = ""): FigureMap {
  const out: FigureMap = {};
  for (const k of keys) {
    const v = row[`${prefix}${k}`];
    if (v !== null && v !== undefined) out[k] = String(v);
  }
  return out;
}

/** a ÷ b × 100 rounded half away from zero to 2 places (ratePct in SQL); null when either is null or b is 0. */
export const ratePctSql = (a: string, b: string) => `case when ${b} <> 0 then round(${a} * 100 / ${b}, 2) end`;

/**
 * The exact median of a numeric expression (the mean of the two middle values when their count is even), as text
 * without padding: percentile_disc keeps numeric where percentile_cont would go through double precision.
 */
export const medianSql = (expr: string) =>
  `trim_scale((percentile_disc(0.5) within group (order by ${expr}) + percentile_disc(0.5) within group (order by ${expr} desc)) / 2)::text`;

/** Page numbering shared by the paged lists: the page actually shown (clamped to the last) and its offset. */
export function pageWindow(
  requested: number | undefined,
  total: number,
  pageSize: number,
): { page: number; offset: number } {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, Math.trunc(requested ?? 1)), pages);
  return { page, offset: (page - 1) * pageSize };
}

export type Paged<T> = { rows: T[]; total: number; page: number; pageSize: number };

/** `limit … offset …`, or nothing for the full list (exports). */
export const limitSql = (p?: { limit: number; offset: number }) =>
  p ? sql` limit ${p.limit} offset ${p.offset}` : sql``;
