import { and, eq, sql } from "drizzle-orm";
import type { Completeness, Finding } from "../lib/audit/types";
import type { Report } from "../lib/report/schema";
import { executeRows, unnestInsert } from "./bulk";
import { dropRestated, readYearNeighbours, RESTATED_PRIOR_YEAR, restatedPriorYearFindings } from "./cross-year";
import { keepOriginal, type OriginalFile } from "./documents";
import { completenessValue, findingColumns, prepareReport, reportWriteStatement } from "./report-rows";
import { lockDepartment, orgKeyOf, unitLinksInsert } from "./organisations";
import { reports } from "./schema";
import { rememberSubjects, subjectsInsert, subjectsOfReport, unseenSubjects } from "./subjects";
import { writeSummaries } from "./summaries";
import type { Db } from "./types";

export { LoadError } from "./report-rows";

export type LoadStatus = "created" | "unchanged" | "revised";
export type LoadResult = { status: LoadStatus; reportId: number; revision: number };
export type LoadOptions = {
  findings: Finding[];
  completeness?: Completeness | string | null;
  /** the file the report was read from, kept for the source view (absent for generated reports and canonical JSON) */
  original?: OriginalFile;
};

/**
 * Loads one report in ONE transaction; on any error nothing of it is written.
 * - same department, year and scope with the same content hash as the latest revision → "unchanged", nothing written;
 * - same disclosure with different bytes → a new revision; the previous one stays, no longer latest;
 * - otherwise → "created" (revision 1).
 * Prior-year cross-checks are refreshed for this year (against year − 1) and for year + 1 (against this one).
 *
 * Round trips for a new report of a known department: lock, read (this year's latest revision and the two
 * neighbouring years, narrowed to what the check reads), one statement writing every row and one deriving its
 * summaries from them (db/summaries.ts: a statement cannot read the rows its sibling parts insert) — plus BEGIN/COMMIT.
 */
export async function loadReport(db: Db, report: Report, opts: LoadOptions): Promise<LoadResult> {
  const subjects = unseenSubjects(db, subjectsOfReport(report));
  const result = await db.transaction(async (tx) => {
    const departmentId = await lockDepartment(tx, report.department);
    if (opts.original) await keepOriginal(tx, opts.original);
    const years = await readYearNeighbours(tx, departmentId, report.year, report.scope);
    const latest = years.current;
    if (latest && latest.sha === report.source.sha256)
      return { status: "unchanged", reportId: latest.id, revision: latest.revision } as const;

    // Checked and encoded only now: an unchanged report is answered without this work, as before.
    const prepared = prepareReport(report);
    if (latest) {
      const same = and(
        eq(reports.departmentId, departmentId),
        eq(reports.year, report.year),
        eq(reports.scope, report.scope),
        eq(reports.isLatest, true),
      );
      await tx.update(reports).set({ isLatest: false }).where(same);
    }
    const revision = (latest?.revision ?? 0) + 1;
    const completeness =
      typeof opts.completeness === "object" && opts.completeness !== null ? opts.completeness.score : opts.completeness;

    // A refresh replaces a report's RESTATED_PRIOR_YEAR findings as a whole, whoever supplied them.
    const own = [
      ...opts.findings.filter((f) => f.rule !== RESTATED_PRIOR_YEAR),
      ...(years.prior ? restatedPriorYearFindings(report, years.prior.side) : []),
    ];
    const next = years.next;
    const nextFindings = next ? restatedPriorYearFindings(next.side, report) : [];
    const statement = reportWriteStatement(
      prepared,
      { departmentId, revision, completeness: completenessValue(completeness) },
      own,
      [
        ["ins_subjects", subjectsInsert(subjects)],
        // a sibling part never sees rows another part inserts, so the delete cannot touch the new findings
        ["del_next_restated", next ? dropRestated(next.id) : null],
        [
          "ins_next_findings",
          next
            ? unnestInsert("findings", findingColumns(nextFindings), {
                lead: [{ name: "report_id", expr: sql`${next.id}::integer` }],
              })
            : null,
        ],
        ["ins_unit_links", unitLinksInsert(departmentId, report)],
      ],
    );
    const [{ id }] = await executeRows<{ id: number }>(tx, statement);
    await writeSummaries(tx, Number(id));
    return { status: latest ? "revised" : "created", reportId: Number(id), revision } as const;
  });
  if (result.status !== "unchanged") rememberSubjects(db, subjects);
  return result;
}

export type BatchItem = { report: Report } & LoadOptions;
export type BatchOutcome = { ok: true; result: LoadResult } | { ok: false; error: unknown };
export type BatchOptions = {
  /**
   * Departments loaded at once, each report in its own transaction on its own connection (postgres.js pools
   * them; PGlite runs them one after the other). Default 4.
   */
  concurrency?: number;
  /** called as each document finishes, in completion order */
  onDone?: (index: number, outcome: BatchOutcome) => void;
};

// deadlock_detected, serialization_failure: the transaction was rolled back whole and may simply run again.
const RETRYABLE = new Set(["40P01", "40001"]);
function retryable(e: unknown): boolean {
  for (
    let x = e as { code?: unknown; cause?: unknown } | undefined, depth = 0;
    x && depth < 4;
    x = x.cause as typeof x, depth++
  ) {
    if (typeof x.code === "string" && RETRYABLE.has(x.code)) return true;
  }
  return false;
}

async function loadOne(db: Db, item: BatchItem): Promise<BatchOutcome> {
  const { report, ...options } = item;
  for (let attempt = 1; ; attempt++) {
    try {
      return { ok: true, result: await loadReport(db, report, options) };
    } catch (error) {
      if (attempt === 1 && retryable(error)) continue;
      return { ok: false, error };
    }
  }
}

/**
 * Loads many reports, several departments at a time, each report in its OWN transaction: a document that fails
 * loads nothing, comes back as `{ ok: false, error }` in its slot, and the batch goes on. One department's reports
 * load one after another in input order, so revisions and prior-year checks come out exactly as a one-by-one
 * load would leave them. Outcomes are returned in input order.
 */
export async function loadReports(db: Db, items: BatchItem[], opts: BatchOptions = {}): Promise<BatchOutcome[]> {
  const byDepartment = new Map<string, number[]>();
  items.forEach((item, i) => {
    // by org key: "…（本级）" and "…" are one department and must load one after the other
    const key = orgKeyOf(item.report.department);
    const list = byDepartment.get(key);
    if (list) list.push(i);
    else byDepartment.set(key, [i]);
  });
  const queue = [...byDepartment.values()];
  const outcomes: BatchOutcome[] = new Array(items.length);
  const worker = async () => {
    for (let group = queue.shift(); group; group = queue.shift()) {
      for (const i of group) {
        outcomes[i] = await loadOne(db, items[i]);
        opts.onDone?.(i, outcomes[i]);
      }
    }
  };
  const n = Math.max(1, Math.min(opts.concurrency ?? 4, queue.length));
  // Not wrapped in withLoadBatch: a batch lock held on a reserved connection kept this from returning when the
  // server went away mid-batch (tests/db/faults.test.ts b). The CLI and the upload, which load while servers serve,
  // take the batch lock around their own loads; this path (the demo city, build-store, tests) is seen load by load.
  await Promise.all(Array.from({ length: n }, worker));
  return outcomes;
}
