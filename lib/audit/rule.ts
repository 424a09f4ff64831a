import type { Report } from "@/lib/report/schema";
import type { Finding } from "./types";

/** One audit rule as the UI lists it: a stable id, a Chinese title, and a pure check. */
export type Rule = { id: string; title: string; run: (report: Report) => Finding[] };

/**
 * While auditReport runs, a family pass computed for one of its rules is reused by the others. The cache lives only
 * for that call: a report mutated between two audits must never see stale findings.
 */
let passCache: Map<(report: Report) => Finding[], Finding[]> | null = null;

export function withPassCache<T>(body: () => T): T {
  const outer = passCache;
  passCache = new Map();
  try {
    return body();
  } finally {
    passCache = outer;
  }
}

function runPass(run: (report: Report) => Finding[], report: Report): Finding[] {
  if (!passCache) return run(report);
  let out = passCache.get(run);
  if (!out) {
    out = run(report);
    passCache.set(run, out);
  }
  return out;
}

/**
 * Rules checked by one pass over the report (e.g. a rate and the claim beside it): each listed rule runs the pass
 * and keeps its own findings, so the UI can still list, count and filter them one by one.
 */
export function familyRules(
  run: (report: Report) => Finding[],
  defs: readonly { id: string; title: string }[],
): Rule[] {
  return defs.map((d) => ({ ...d, run: (r: Report) => runPass(run, r).filter((f) => f.rule === d.id) }));
}
