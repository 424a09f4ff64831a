import "server-only";
import { sql } from "drizzle-orm";
import { chooseTrendPanel, type TrendPanel } from "@/lib/metrics/trend-panel";
import { chosenReports } from "./dashboard-scope";
import { rows } from "./sql";

const KEY = /^[A-Za-z][A-Za-z0-9]*$/;

/**
 * The departments a year series sums (lib/metrics/trend-panel): one row per department of the chosen reports with the
 * years in which it discloses every one of `keys`, then the run of years and the departments present in all of them.
 */
export async function getTrendPanel(
  f: { synthetic: boolean; dept?: number },
  keys: readonly string[],
): Promise<TrendPanel> {
  for (const k of keys) if (!KEY.test(k)) throw new Error(`figure key ${JSON.stringify(k)} is not a plain identifier`);
  const list = sql.raw(keys.map((k) => `'${k}'`).join(", "));
  const res = await rows<{ id: number; name: string; years: number[] | string | null }>(sql`
    with rep as (${chosenReports({ synthetic: f.synthetic, dept: f.dept })})
    select rep.department_id::int as id, min(rep.department) as name,
           array_agg(rep.year::int order by rep.year) filter (
             where (select count(distinct x.key) from figures x where x.report_id = rep.id and x.key in (${list})) = ${keys.length}) as years
    from rep group by rep.department_id order by min(rep.department)`);
  const years = (v: number[] | string | null) =>
    v === null ? [] : (typeof v === "string" ? v.replace(/[{}]/g, "").split(",").filter(Boolean) : v).map(Number);
  return chooseTrendPanel(res.map((r) => ({ id: Number(r.id), name: r.name, years: years(r.years) })));
}
