import { desc, eq } from "drizzle-orm";
import { importLog, reports } from "./schema";
import type { Executor } from "./types";

type ImportLogStatus = "created" | "unchanged" | "revised" | "failed";

export type ImportLogInput = {
  userName: string;
  fileName: string;
  sha256: string;
  status: ImportLogStatus;
  department?: string;
  year?: number;
  scope?: string;
  revision?: number;
  reportId?: number;
  message?: string;
};

export type ImportLogEntry = {
  id: number;
  at: Date;
  userName: string;
  fileName: string;
  sha256: string;
  department: string | null;
  year: number | null;
  scope: string | null;
  status: ImportLogStatus;
  revision: number | null;
  reportId: number | null;
  /** of the loaded report, for a link to its department page; null for failures */
  departmentId: number | null;
  message: string | null;
};

export async function recordImport(db: Executor, e: ImportLogInput): Promise<void> {
  await db.insert(importLog).values({
    userName: e.userName,
    fileName: e.fileName,
    sha256: e.sha256,
    status: e.status,
    department: e.department ?? null,
    year: e.year ?? null,
    scope: e.scope ?? null,
    revision: e.revision ?? null,
    reportId: e.reportId ?? null,
    message: e.message ?? null,
  });
}

/** Newest first; ties on the timestamp (a batch inside one transaction clock) fall back to insertion order. */
export async function latestImports(db: Executor, limit = 100): Promise<ImportLogEntry[]> {
  const rows = await db
    .select({
      id: importLog.id,
      at: importLog.at,
      userName: importLog.userName,
      fileName: importLog.fileName,
      sha256: importLog.sha256,
      department: importLog.department,
      year: importLog.year,
      scope: importLog.scope,
      status: importLog.status,
      revision: importLog.revision,
      reportId: importLog.reportId,
      departmentId: reports.departmentId,
      message: importLog.message,
    })
    .from(importLog)
    .leftJoin(reports, eq(reports.id, importLog.reportId))
    .orderBy(desc(importLog.at), desc(importLog.id))
    .limit(Math.max(1, Math.min(limit, 1000)));
  return rows.map((r) => ({ ...r, status: r.status as ImportLogStatus }));
}
