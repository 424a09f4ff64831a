import { createHash } from "node:crypto";
import path from "node:path";
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { computeCompleteness } from "../lib/audit/completeness";
import { auditReport } from "../lib/audit/run";
import type { Severity } from "../lib/audit/types";
import { decodeDocument } from "../lib/ingest/document";
import { ParseError } from "../lib/ingest/errors";
import { databaseFailure } from "./errors";
import { readDocument } from "../lib/ingest/read";
import { readDisclosure } from "../lib/ingest/read-disclosure";
import { auditBudget } from "../lib/budget/audit";
import { loadBudget } from "./load-budget";
import { reportSchema, type Report } from "../lib/report/schema";
import { recordImport } from "./import-log";
import { LoadError, loadReport, type LoadResult, type LoadStatus } from "./load";
import { findings, reports } from "./schema";
import type { Db } from "./types";

// The one path from bytes to the store, shared by `cli ingest`, `prepare-store` and the staff upload, so a document
// is read, audited, loaded and logged the same way whichever door it came through.

/** What was loaded, whichever kind: a 决算 (reports) or a 预算 (budgets). */
export type Loaded = { kind: "final" | "budget"; department: string; year: number; scope: string };

export type IngestOutcome =
  | {
      ok: true;
      fileName: string;
      sha256: string;
      status: LoadStatus;
      result: LoadResult;
      report: Loaded;
      logError?: string;
    }
  | { ok: false; fileName: string; sha256: string; status: "failed"; reason: string; line?: number; logError?: string };

export type IngestOptions = {
  /** who is loading: the staff user name for uploads, the OS user for the CLI; written to import_log */
  user: string;
  /** the official publication's address, shown beside the document in the source view */
  sourceUrl?: string;
};

function jsonPath(p: readonly PropertyKey[]): string {
  return p.reduce<string>(
    (acc, k) => (typeof k === "number" ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)),
    "",
  );
}

function valueAt(obj: unknown, p: readonly PropertyKey[]): unknown {
  let v: unknown = obj;
  for (const k of p) v = v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

/** A canonical report in JSON (what `export` writes). Syntax and schema errors name the line or the field. */
export function readCanonicalJson(fileName: string, bytes: Uint8Array): Report {
  const doc = decodeDocument(path.basename(fileName), bytes);
  let data: unknown;
  try {
    data = JSON.parse(doc.text);
  } catch (e) {
    const pos = /position (\d+)/.exec((e as Error).message);
    const line = pos ? doc.text.slice(0, Number(pos[1])).split("\n").length : undefined;
    const found = line !== undefined ? doc.lines[line - 1].trim() : (e as Error).message;
    throw new ParseError({
      file: doc.fileName,
      section: "JSON",
      line,
      message: "JSON 语法错误",
      expected: "合法的 JSON",
      found,
    });
  }
  const parsed = reportSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const more = parsed.error.issues.length > 1 ? `（另有 ${parsed.error.issues.length - 1} 处错误）` : "";
    const found = valueAt(data, issue.path);
    throw new ParseError({
      file: doc.fileName,
      section: `字段 ${jsonPath(issue.path) || "（根）"}`,
      message: `不符合规范报告格式：${issue.message}${more}`,
      found: found === undefined ? "缺失" : JSON.stringify(found),
    });
  }
  return parsed.data as Report;
}

/**
 * bytes → canonical report: `.json` is the interchange format, everything else (PDF as published, extracted text,
 * tab-separated or markdown tables) goes through the document reader.
 */
export async function readReport(fileName: string, bytes: Uint8Array): Promise<Report> {
  const name = path.basename(fileName);
  return path.extname(name).toLowerCase() === ".json" ? readCanonicalJson(name, bytes) : readDocument(name, bytes);
}

/** One Chinese line for a document that could not be loaded; a ParseError says where. */
export function failureReason(fileName: string, e: unknown): string {
  const name = path.basename(fileName);
  if (e instanceof ParseError) return e.describe();
  if (e instanceof LoadError) return `文件 ${name}：${e.message}`;
  if (e instanceof z.ZodError) return `文件 ${name}：${z.prettifyError(e)}`;
  const db = databaseFailure(e);
  if (db) return `文件 ${name}：${db}`;
  return `文件 ${name}：${(e as Error)?.message ?? String(e)}`;
}

function sha256Of(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

const SEVERITY_TEXT: Record<Severity, string> = { error: "错误", warning: "警告", rounding: "尾数差异" };

function findingsSummary(list: { severity: Severity }[]): string {
  if (list.length === 0) return "审核未发现问题";
  const n = (s: Severity) => list.filter((f) => f.severity === s).length;
  return `审核发现：${(["error", "warning", "rounding"] as const).map((s) => `${SEVERITY_TEXT[s]} ${n(s)} 项`).join("，")}`;
}

/**
 * Parses, audits and loads one document in its own transaction (a failure loads nothing of it), then writes one
 * import_log row for the attempt, successful or not. Never throws: every failure comes back as an outcome.
 * The log row is written after the load commits; if that write fails the load stands and `logError` says so.
 */
export async function ingestBytes(
  db: Db,
  fileName: string,
  bytes: Uint8Array,
  opts: IngestOptions,
): Promise<IngestOutcome> {
  const name = path.basename(fileName);
  const sha256 = sha256Of(bytes);
  let outcome: IngestOutcome;
  let message: string;
  try {
    const json = path.extname(name).toLowerCase() === ".json";
    // canonical JSON is not the published document: there is no original to keep
    const original = json ? undefined : { sha256, fileName: name, bytes, sourceUrl: opts.sourceUrl };
    const read = json
      ? ({ kind: "final", report: readCanonicalJson(name, bytes) } as const)
      : await readDisclosure(name, bytes);
    if (read.kind === "budget") {
      const b = read.budget;
      const audit = auditBudget(b);
      const result = await loadBudget(db, b, audit, original);
      outcome = {
        ok: true,
        fileName: name,
        sha256,
        status: result.status,
        result,
        report: { kind: "budget", department: b.department, year: b.year, scope: b.scope },
      };
      message = findingsSummary(audit);
    } else {
      const report = read.report;
      const audit = auditReport(report);
      const result = await loadReport(db, report, {
        findings: audit,
        completeness: computeCompleteness(report),
        original,
      });
      outcome = {
        ok: true,
        fileName: name,
        sha256,
        status: result.status,
        result,
        report: { kind: "final", department: report.department, year: report.year, scope: report.scope },
      };
      message = findingsSummary(audit);
    }
  } catch (e) {
    const reason = failureReason(name, e);
    outcome = {
      ok: false,
      fileName: name,
      sha256,
      status: "failed",
      reason,
      line: e instanceof ParseError ? e.line : undefined,
    };
    message = reason;
  }
  try {
    await recordImport(db, {
      userName: opts.user,
      fileName: name,
      sha256,
      status: outcome.status,
      message,
      ...(outcome.ok
        ? {
            department: outcome.report.department,
            year: outcome.report.year,
            scope: outcome.report.scope,
            revision: outcome.result.revision,
            // a budget has no reports row: the log names it by department, year and scope
            reportId: outcome.report.kind === "final" ? outcome.result.reportId : undefined,
          }
        : {}),
    });
  } catch (e) {
    outcome.logError = `载入日志写入失败：${(e as Error)?.message ?? String(e)}`;
  }
  return outcome;
}

export type StoredFinding = {
  rule: string;
  severity: Severity;
  message: string;
  expected: string | null;
  found: string | null;
};

/**
 * What the store holds for a loaded revision: its department (for links) and every finding, including the
 * cross-year ones the load added — the same list the department page shows.
 */
export async function loadedReportDetails(
  db: Db,
  reportId: number,
): Promise<{ departmentId: number; findings: StoredFinding[] } | null> {
  const [r] = await db.select({ departmentId: reports.departmentId }).from(reports).where(eq(reports.id, reportId));
  if (!r) return null;
  const list = await db
    .select({
      rule: findings.rule,
      severity: findings.severity,
      message: findings.message,
      expected: findings.expected,
      found: findings.found,
    })
    .from(findings)
    .where(eq(findings.reportId, reportId))
    .orderBy(asc(findings.id));
  return { departmentId: r.departmentId, findings: list.map((f) => ({ ...f, severity: f.severity as Severity })) };
}
