import "server-only";
import { eq, sql } from "drizzle-orm";
import type { FindingFacts } from "@/lib/audit/explain";
import type { Location } from "@/lib/audit/types";
import type { Report } from "@/lib/report/schema";
import { getReadDb } from "../client";
import { budgets, documents, reports } from "../schema";
import { anyOf, rows } from "./sql";

export type ReportSource = {
  reportId: number;
  departmentId: number;
  department: string;
  year: number;
  scope: string;
  revision: number;
  synthetic: boolean;
  source: Report["source"];
  sourceUnit: Report["sourceUnit"];
  /** the original file, when the store keeps it (not for generated reports or reports loaded from canonical JSON) */
  document: { fileName: string; byteLength: number; sourceUrl: string | null } | null;
};

/** What the source view needs to know of a report and its kept file; the bytes themselves come from getOriginalFile. */
export async function getReportSource(reportId: number): Promise<ReportSource | null> {
  const [r] = await rows<{
    id: number;
    department_id: number;
    department: string;
    year: number;
    scope: string;
    revision: number;
    synthetic: boolean;
    source: Report["source"] | string;
    source_unit: Report["sourceUnit"];
    file_name: string | null;
    byte_length: number | null;
    source_url: string | null;
  }>(sql`
    select r.id::int as id, r.department_id::int as department_id, d.name as department, r.year::int as year, r.scope,
           r.revision::int as revision, r.synthetic, r.report -> 'source' as source, r.source_unit,
           doc.file_name, doc.byte_length::int as byte_length, doc.source_url
    from reports r join departments d on d.id = r.department_id
    left join documents doc on doc.sha256 = r.content_sha256
    where r.id = ${reportId}`);
  if (!r) return null;
  return {
    reportId: Number(r.id),
    departmentId: Number(r.department_id),
    department: r.department,
    year: Number(r.year),
    scope: r.scope,
    revision: Number(r.revision),
    synthetic: Boolean(r.synthetic),
    source: typeof r.source === "string" ? JSON.parse(r.source) : r.source,
    sourceUnit: r.source_unit === "元" ? "元" : "万元",
    document:
      r.file_name === null
        ? null
        : { fileName: r.file_name, byteLength: Number(r.byte_length), sourceUrl: r.source_url },
  };
}

/**
 * A report's original file as loaded. Read straight from the store, not through the statement cache: a PDF may be
 * 50 MiB, and the bytes of a report id never change.
 */
export async function getOriginalFile(
  reportId: number,
): Promise<{ fileName: string; sha256: string; bytes: Uint8Array } | null> {
  const db = await getReadDb();
  const [d] = await db
    .select({ fileName: documents.fileName, sha256: documents.sha256, bytes: documents.bytes })
    .from(reports)
    .innerJoin(documents, eq(documents.sha256, reports.contentSha256))
    .where(eq(reports.id, reportId));
  return d ?? null;
}

export type BudgetSource = {
  budgetId: number;
  departmentId: number;
  department: string;
  year: number;
  scope: string;
  revision: number;
  source: Report["source"];
  document: { fileName: string; byteLength: number; sourceUrl: string | null } | null;
};

/** The same for a budget document: what its source view needs, the bytes through getOriginalBudgetFile. */
export async function getBudgetSource(budgetId: number): Promise<BudgetSource | null> {
  const [r] = await rows<{
    id: number;
    department_id: number;
    department: string;
    year: number;
    scope: string;
    revision: number;
    source: Report["source"] | string;
    file_name: string | null;
    byte_length: number | null;
    source_url: string | null;
  }>(sql`
    select b.id::int as id, b.department_id::int as department_id, d.name as department, b.year::int as year, b.scope,
           b.revision::int as revision, b.budget -> 'source' as source, doc.file_name, doc.byte_length::int as byte_length, doc.source_url
    from budgets b join departments d on d.id = b.department_id
    left join documents doc on doc.sha256 = b.content_sha256
    where b.id = ${budgetId}`);
  if (!r) return null;
  return {
    budgetId: Number(r.id),
    departmentId: Number(r.department_id),
    department: r.department,
    year: Number(r.year),
    scope: r.scope,
    revision: Number(r.revision),
    source: typeof r.source === "string" ? JSON.parse(r.source) : r.source,
    document:
      r.file_name === null
        ? null
        : { fileName: r.file_name, byteLength: Number(r.byte_length), sourceUrl: r.source_url },
  };
}

export async function getOriginalBudgetFile(
  budgetId: number,
): Promise<{ fileName: string; sha256: string; bytes: Uint8Array } | null> {
  const db = await getReadDb();
  const [d] = await db
    .select({ fileName: documents.fileName, sha256: documents.sha256, bytes: documents.bytes })
    .from(budgets)
    .innerJoin(documents, eq(documents.sha256, budgets.contentSha256))
    .where(eq(budgets.id, budgetId));
  return d ?? null;
}

/** A report as the evidence links read it: the canonical document and whose it is. */
export type EvidenceReport = { reportId: number; departmentId: number; year: number; scope: string; report: Report };

export async function getEvidenceReport(reportId: number): Promise<EvidenceReport | null> {
  const [r] = await rows<{
    id: number;
    department_id: number;
    year: number;
    scope: string;
    report: Report | string;
  }>(sql`
    select r.id::int as id, r.department_id::int as department_id, r.year::int as year, r.scope, r.report
    from reports r where r.id = ${reportId}`);
  if (!r) return null;
  return {
    reportId: Number(r.id),
    departmentId: Number(r.department_id),
    year: Number(r.year),
    scope: r.scope,
    report: typeof r.report === "string" ? JSON.parse(r.report) : r.report,
  };
}

/** The latest report of a department, year and scope: where a cross-year finding's other place is printed. */
export async function getLatestReportId(
  departmentId: number,
  year: number,
  scope: string,
): Promise<number | undefined> {
  const [r] = await rows<{ id: number }>(sql`
    select id::int as id from reports where department_id = ${departmentId} and year = ${year} and scope = ${scope} and is_latest`);
  return r ? Number(r.id) : undefined;
}

/** One stored finding of a report (a finding id of another report finds nothing). */
export async function getReportFinding(reportId: number, findingId: number): Promise<FindingFacts | undefined> {
  const [r] = await rows<{
    rule: string;
    severity: string;
    message: string;
    expected: string | null;
    found: string | null;
    locations: Location[] | string;
  }>(sql`
    select rule, severity, message, expected, found, locations from findings where id = ${findingId} and report_id = ${reportId}`);
  if (!r) return undefined;
  return { ...r, locations: typeof r.locations === "string" ? JSON.parse(r.locations) : r.locations };
}

/**
 * The `source` part of each report (file name, layout, PDF page starts), to name a cited line as 第 N 页 or 第 N 行,
 * and whether the store keeps its original (only then is there a page to open).
 */
export async function getSourcesOf(
  reportIds: readonly number[],
): Promise<Map<number, { source: Report["source"]; hasDocument: boolean }>> {
  const out = new Map<number, { source: Report["source"]; hasDocument: boolean }>();
  const ids = [...new Set(reportIds)];
  if (ids.length === 0) return out;
  const res = await rows<{ id: number; source: Report["source"] | string; has_document: boolean }>(sql`
    select r.id::int as id, s.source, exists (select 1 from documents doc where doc.sha256 = r.content_sha256) as has_document
    from reports r join report_summaries s on s.report_id = r.id where r.id = ${anyOf(ids, "int")}`);
  for (const r of res)
    out.set(Number(r.id), {
      source: typeof r.source === "string" ? JSON.parse(r.source) : r.source,
      hasDocument: Boolean(r.has_document),
    });
  return out;
}
