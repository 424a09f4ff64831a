import { auditReport } from "@/lib/audit/run";
import type { Finding, Severity } from "@/lib/audit/types";
import type { Report } from "@/lib/report/schema";

/** rule → severities of its findings, in order: the whole effect of a mutation at a glance. */
function summarize(findings: readonly Finding[]): Record<string, Severity[]> {
  const out: Record<string, Severity[]> = {};
  for (const f of findings) (out[f.rule] ??= []).push(f.severity);
  return out;
}

export function auditSummary(report: Report): Record<string, Severity[]> {
  return summarize(auditReport(report));
}

export function findingsOf(report: Report, rule: string): Finding[] {
  return auditReport(report).filter((f) => f.rule === rule);
}
