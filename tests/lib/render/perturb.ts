import { D, printedScale, type Dec } from "@/lib/money/decimal";
import type { Report } from "@/lib/report/schema";

/** mulberry32 (lib/synth/random.ts): a failing iteration can be replayed from its seed. */
export { mulberry32 as prng } from "@/lib/synth/random";

export const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)];

/**
 * An amount times k, printed as precisely as before when that is still exact ("8979.10" × 3 → "26937.30"), else with
 * the few more decimals an exact result needs ("0.01" × ½ → "0.005"): the document stays exactly consistent.
 */
export function scaleAmount(v: string, k: Dec): string {
  const r = new D(v).times(k);
  const scale = printedScale(v);
  return r.decimalPlaces() <= scale ? r.toFixed(scale) : r.toFixed();
}

type Mutable = Record<string, unknown>;

type AmountMap = (v: string) => string;

function scaleFields(o: Mutable | undefined, keys: readonly string[], f: AmountMap): void {
  if (!o) return;
  for (const key of keys) if (typeof o[key] === "string") o[key] = f(o[key] as string);
}

/**
 * Every amount of the nine tables, the narrative and the appendix times k; percentages, scores, weights and counts
 * stay as they are, since a consistent scaling leaves every ratio unchanged. Nothing is recomputed.
 */
export function scaleReport(report: Report, k: Dec): Report {
  return mapAmounts(report, (v) => scaleAmount(v, k));
}

/** Every amount ×10^m, printed to the correspondingly moved last digit. */
export function shiftReport(report: Report, m: number): Report {
  return mapAmounts(report, (v) => shiftAmount(v, m));
}

function mapAmounts(report: Report, k: AmountMap): Report {
  const r = structuredClone(report);
  for (const t of r.tables) for (const row of t.rows) scaleFields(row.values, Object.keys(row.values), k);
  const n = r.narrative;
  for (const c of n.changes) scaleFields(c, ["current", "change"], k);
  for (const s of n.shares) scaleFields(s, ["amount"], k);
  if (n.budgetExecution) {
    scaleFields(n.budgetExecution, ["initialBudget", "final"], k);
    for (const i of n.budgetExecution.items) scaleFields(i, ["initialBudget", "final"], k);
  }
  scaleFields(n.basicExpenditure, ["total", "personnel", "public"], k);
  const s = n.sangong;
  if (s) {
    for (const cat of [s.total, s.abroad, s.vehicle, s.reception]) scaleFields(cat, ["budget", "final"], k);
    scaleFields(s as Mutable, ["vehiclePurchase", "vehicleOperation"], k);
    scaleFields(s.receptionDomestic, ["amount"], k);
    scaleFields(s.receptionForeign, ["amount"], k);
  }
  scaleFields(n.operatingCost, ["amount", "changeVsBudget"], k);
  scaleFields(n.procurement, ["total", "goods", "works", "services", "sme", "smallMicro"], k);
  if (n.performance) {
    scaleFields(n.performance, ["funds"], k);
    for (const x of n.performance.summaries) scaleFields(x, ["budget", "executed"], k);
  }
  const summary = r.appendix.performanceSummary;
  if (summary) {
    scaleFields(summary, ["total"], k);
    for (const row of summary.rows) scaleFields(row, ["budget"], k);
  }
  for (const sheet of r.appendix.performanceSheets) {
    for (const line of Object.values(sheet.funds)) scaleFields(line, ["initial", "annual", "executed"], k);
  }
  return r;
}

/** The subject tables' 类 blocks (a 类 row and the 款/项 rows under it) in another order, the same in every table. */
export function permuteClasses(report: Report, rand: () => number): Report {
  const r = structuredClone(report);
  const classes = [
    ...new Set(
      r.tables.flatMap((t) =>
        t.rows
          .filter((row) => row.code?.length === 3 && ["t02", "t03", "t05", "t07", "t08"].includes(t.id))
          .map((row) => row.code!),
      ),
    ),
  ];
  const order = [...classes];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  for (const t of r.tables) {
    if (!["t02", "t03", "t05", "t07", "t08"].includes(t.id)) continue;
    const head = t.rows.filter((row) => !row.code);
    const blocks = order.map((c) => t.rows.filter((row) => row.code?.startsWith(c)));
    t.rows = [...head, ...blocks.flat()];
  }
  return r;
}

/** Another department (its 本级 entity renamed with it) and another year. */
export function rename(report: Report, department: string, year: number): Report {
  const r = structuredClone(report);
  if (r.entity?.startsWith(r.department)) r.entity = department + r.entity.slice(r.department.length);
  r.department = department;
  r.year = year;
  return r;
}

/**
 * ×10^m with the printed precision moved by m places ("8979.10" ×10 → "89791.0"): the document's rounding is scaled
 * with its figures, so identities that held to the last printed digit still hold to it.
 */
export function shiftAmount(v: string, m: number): string {
  const r = new D(v).times(new D(10).pow(m));
  return r.toFixed(Math.max(0, printedScale(v) - m));
}
