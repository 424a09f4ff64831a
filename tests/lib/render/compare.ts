import type { Report } from "@/lib/report/schema";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/**
 * The report without what depends on the file rather than its content: `source`, every `sourceLine`, and the
 * headings and the 目录 as printed (part titles, table headers, contents: each layout prints its own).
 */
const FILE_DEPENDENT = new Set(["source", "sourceLine", "headings", "listedTables"]);

export function withoutSource(report: Report): Json {
  const strip = (o: unknown): Json => {
    if (Array.isArray(o)) return o.map(strip);
    if (o && typeof o === "object") {
      const out: Record<string, Json> = {};
      for (const [k, v] of Object.entries(o)) if (!FILE_DEPENDENT.has(k) && v !== undefined) out[k] = strip(v);
      return out;
    }
    return o as Json;
  };
  return strip(report);
}

/** "path: expected ≠ actual" for every leaf that differs; empty when equal. */
export function diffPaths(expected: unknown, actual: unknown, at = "", out: string[] = []): string[] {
  if (JSON.stringify(expected) === JSON.stringify(actual)) return out;
  if (expected && actual && typeof expected === "object" && typeof actual === "object") {
    const a = expected as Record<string, unknown>;
    const b = actual as Record<string, unknown>;
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) diffPaths(a[k], b[k], at ? `${at}.${k}` : k, out);
    return out;
  }
  out.push(`${at}: ${JSON.stringify(expected)} ≠ ${JSON.stringify(actual)}`);
  return out;
}

// The comparison rewrites reports field by field; the schema types would only get in the way here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = Record<string, any>;

/**
 * Where the two layout parsers word the same fact differently (each is a convention of one parser, reported as a
 * finding), brought to one form so that a report read from one layout can be compared with one read from the other:
 * - 公开06表 人员经费合计/公用经费合计: the plain-text parser gives them a `section`, the markdown parser does not;
 * - 公开09表 row name: "“三公”经费" (plain text) / "财政拨款“三公”经费" (markdown);
 * - 一级指标: the plain-text parser drops the points ("成本指标(20分)" → "成本指标");
 * - table notes: the plain-text parser removes all whitespace;
 * - 汇总表 note: the plain-text parser keeps its "注：", the markdown parser strips it.
 */
function conventions(report: Json): Doc {
  const r = structuredClone(report) as Doc;
  for (const t of r.tables ?? []) {
    if (t.note !== undefined) t.note = t.note.replace(/\s+/g, "");
    for (const row of t.rows) {
      if (row.key === "personnelTotal" || row.key === "publicTotal") delete row.section;
      if (row.key === "sangong") delete row.name;
    }
  }
  for (const s of r.appendix?.performanceSheets ?? []) {
    for (const ind of s.indicators) ind.level1 = ind.level1.replace(/\s*[（(]\d+(?:\.\d+)?分[）)]$/, "");
  }
  const summary = r.appendix?.performanceSummary;
  if (summary?.note !== undefined) summary.note = summary.note.replace(/^注[：:]\s*/, "");
  return r;
}

/**
 * What the plain-text layout cannot carry, decided from the report rendered (`expected`) and removed from both sides
 * so the rest can be compared exactly. Returns the paths removed, so a test can pin them:
 * - a 汇总表 unit with spaces (a space separates cells, the unit's words run into the project name);
 * - an indicator's 年度指标值/实际完成值 with spaces (the actual value is read as the last word).
 */
function plainTextLimits(expected: Doc, actual: Doc): string[] {
  const dropped: string[] = [];
  expected.appendix.performanceSummary?.rows.forEach((row: Doc, i: number) => {
    if (row.unit !== undefined && /\s/.test(row.unit)) {
      dropped.push(`appendix.performanceSummary.rows.${i}.name`, `appendix.performanceSummary.rows.${i}.unit`);
      for (const side of [row, actual.appendix.performanceSummary?.rows[i]]) {
        if (!side) continue;
        delete side.name;
        delete side.unit;
      }
    }
  });
  expected.appendix.performanceSheets.forEach((s: Doc, i: number) => {
    s.indicators.forEach((ind: Doc, j: number) => {
      if (![ind.target, ind.actual].some((v) => v !== undefined && /\s/.test(v))) return;
      dropped.push(
        `appendix.performanceSheets.${i}.indicators.${j}.target`,
        `appendix.performanceSheets.${i}.indicators.${j}.actual`,
      );
      for (const side of [ind, actual.appendix.performanceSheets[i]?.indicators[j]]) {
        if (!side) continue;
        delete side.target;
        delete side.actual;
      }
    });
  });
  return dropped;
}

/** Reads a report from one layout's parse against the same report rendered into the other layout. */
export function acrossLayouts(
  expected: Report,
  actual: Report,
  target: "markdown" | "plain-text",
): { expected: Doc; actual: Doc; dropped: string[] } {
  const e = conventions(withoutSource(expected));
  const a = conventions(withoutSource(actual));
  const dropped = target === "plain-text" ? plainTextLimits(e, a) : [];
  return { expected: e, actual: a, dropped };
}

const REASON = /(?:主要原因(?:是|为|系|在于)|主要(?:是|系|由于|因为)|原因(?:是|为))[:：]?([^。；;]+)/;

/**
 * A generated report keeps its stated reasons as whole sentences ("主要是项目支出增加", "与年初预算持平。"), a parsed
 * one keeps the reason clause; an empty 公开07/08表 keeps its blank 合计 row where a parse keeps no rows; and a
 * published document is never `synthetic`. Both sides are brought to the parsed form.
 */
export function asPublished(report: Json): Doc {
  const r = conventions(report);
  r.synthetic = false;
  for (const t of r.tables) if (t.status === "empty") t.rows = [];
  const clause = (o: Doc | undefined) => {
    if (!o || o.reason === undefined) return;
    const m = REASON.exec(o.reason);
    if (m) o.reason = m[1].replace(/[，,、：:]+$/, "").trim();
    else if (/持平/.test(o.reason)) delete o.reason;
    else o.reason = o.reason.replace(/[。；;，,、：:]+$/, "");
  };
  for (const c of r.narrative.changes) clause(c);
  clause(r.narrative.budgetExecution);
  for (const i of r.narrative.budgetExecution?.items ?? []) clause(i);
  clause(r.narrative.operatingCost);
  return r;
}
