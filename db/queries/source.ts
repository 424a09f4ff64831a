import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Report } from "@/lib/report/schema";
import { getReadDb } from "../client";
import { budgets, documents, reports } from "../schema";
import { rows } from "./sql";

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
    id: number; department_id: number; department: string; year: number; scope: string; revision: number; synthetic: boolean;
    source: Report["source"] | string; source_unit: Report["sourceUnit"]; file_name: string | null; byte_length: number | null; source_url: string | null;
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
    document: r.file_name === null ? null : { fileName: r.file_name, byteLength: Number(r.byte_length), sourceUrl: r.source_url },
  };
}

/**
 * A report's original file as loaded. Read straight from the store, not through the statement cache: a PDF may be
 * 50 MiB, and the bytes of a report id never change.
 */
export async function getOriginalFile(reportId: number): Promise<{ fileName: string; sha256: string; bytes: Uint8Array } | null> {
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
    id: number; department_id: number; department: string; year: number; scope: string; revision: number;
    source: Report["source"] | string; file_name: string | null; byte_length: number | null; source_url: string | null;
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
    document: r.file_name === null ? null : { fileName: r.file_name, byteLength: Number(r.byte_length), sourceUrl: r.source_url },
  };
}

export async function getOriginalBudgetFile(budgetId: number): Promise<{ fileName: string; sha256: string; bytes: Uint8Array } | null> {
  const db = await getReadDb();
  const [d] = await db
    .select({ fileName: documents.fileName, sha256: documents.sha256, bytes: documents.bytes })
    .from(budgets)
    .innerJoin(documents, eq(documents.sha256, budgets.contentSha256))
    .where(eq(budgets.id, budgetId));
  return d ?? null;
}
