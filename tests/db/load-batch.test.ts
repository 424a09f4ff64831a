import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { RESTATED_PRIOR_YEAR } from "../../db/cross-year";
import { LoadError, loadReport, loadReports, type BatchItem, type BatchOutcome, type LoadResult } from "../../db/load";
import type { Db } from "../../db/types";
import { auditReport } from "../../lib/audit/run";
import type { Report } from "../../lib/report/schema";
import { generateCity } from "../../lib/synth/city";
import { dbTargets, type TestDb } from "../helpers/test-db";
import { makeReport, revise, sampleFindings } from "./fixtures";

const rowsOf = async <T>(db: Db, q: ReturnType<typeof sql>): Promise<T[]> => {
  const res = (await db.execute(q)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(res) ? res : (res.rows ?? []);
};

/**
 * Everything the store holds, keyed by natural keys instead of serial ids (two stores number rows differently),
 * child rows in their stored order, findings in insertion (id) order within each report.
 */
async function dump(db: Db): Promise<Record<string, unknown[]>> {
  const key = sql`d.name || '|' || r.year || '|' || r.scope || '|' || r.revision`;
  const child = (table: string, order: string) =>
    rowsOf(
      db,
      sql`SELECT ${key} AS k, to_jsonb(t) - 'report_id' - 'id' AS v FROM ${sql.raw(`"${table}"`)} t
        JOIN reports r ON r.id = t.report_id JOIN departments d ON d.id = r.department_id ORDER BY k, ${sql.raw(order)}`,
    );
  return {
    reports: await rowsOf(
      db,
      sql`SELECT ${key} AS k, r.is_latest, r.content_sha256, r.completeness::text, r.synthetic, r.source_file, r.layout, r.source_unit, r.report
        FROM reports r JOIN departments d ON d.id = r.department_id ORDER BY k`,
    ),
    tableRows: await child("table_rows", "t.table_id, t.row_order"),
    tableCells: await child("table_cells", "t.table_id, t.row_order, t.column_key"),
    figures: await child("figures", "t.key"),
    narrativeChanges: await child("narrative_changes", "t.ord"),
    executionItems: await child("execution_items", "t.ord"),
    projects: await child("performance_projects", "t.ord"),
    findings: await child("findings", "t.id"),
    indicators: await rowsOf(
      db,
      sql`SELECT ${key} || '|' || p.ord AS k, to_jsonb(i) - 'project_id' AS v FROM performance_indicators i
        JOIN performance_projects p ON p.id = i.project_id JOIN reports r ON r.id = p.report_id JOIN departments d ON d.id = r.department_id
        ORDER BY k, i.ord`,
    ),
    subjects: await rowsOf(
      db,
      sql`SELECT kind, code, year, level, name, parent_code FROM subjects ORDER BY kind, code, year NULLS FIRST`,
    ),
  };
}

const setT01GrandTotal = (v: string) => (r: Report) => {
  for (const row of r.tables[0].rows) if (row.key === "grandTotal") row.values.amount = v;
};

/** 2022 of the fixture department, consistent with what the 2023 narrative implies (see cross-year.test.ts). */
function priorYear(department: string): Report {
  return revise(
    makeReport({ department, year: 2022 }),
    (r) => {
      setT01GrandTotal("110.00")(r);
      r.tables[1].rows[0].values.fiscal = "90.00";
      r.tables[2].rows[0].values.basic = "60.68";
    },
    "2022",
  );
}

/**
 * A batch with every path of loadReport: creations, a restated prior year loaded before and after its successor,
 * a corrected revision, the same bytes twice, a report the store refuses (a value finer than the column scale)
 * between two good ones of the same department, and a small generated city with its own anomalies.
 */
function batch(): BatchItem[] {
  const items: BatchItem[] = [];
  const add = (report: Report, findings = auditReport(report)) => items.push({ report, findings, completeness: "0.9" });
  add(revise(priorYear("批量甲局"), setT01GrandTotal("112.00"), "restated"));
  add(makeReport({ department: "批量甲局" }), sampleFindings);
  add(makeReport({ department: "批量乙局" }));
  add(revise(priorYear("批量乙局"), setT01GrandTotal("112.00"), "restated"));
  add(priorYear("批量乙局"));
  add(makeReport({ department: "批量丙局", year: 2021 }));
  add(
    revise(
      makeReport({ department: "批量丙局", year: 2022 }),
      (r) => (r.tables[1].rows[0].values.total = "100.6800001"),
      "fine",
    ),
  );
  add(makeReport({ department: "批量丙局", year: 2022 }));
  add(makeReport({ department: "批量丁局" }));
  add(makeReport({ department: "批量丁局" }));
  const { reports } = generateCity({ departments: 3, years: [2021, 2022, 2023], seed: 11, anomalies: "some" });
  for (const r of reports) add(r);
  return items;
}

const summary = (o: BatchOutcome | { ok: true; result: LoadResult }) =>
  o.ok ? `${o.result.status}#${o.result.revision}` : "failed";

for (const target of dbTargets()) {
  describe(`loadReports [${target.label}]`, () => {
    let one: TestDb;
    let many: TestDb;
    beforeAll(async () => {
      one = await target.create();
      many = await target.create();
    });
    afterAll(async () => {
      await one?.close();
      await many?.close();
    });

    test("a concurrent batch leaves the store exactly as loading the same reports one by one", async () => {
      const items = batch();
      const sequential: BatchOutcome[] = [];
      for (const { report, ...opts } of items) {
        try {
          sequential.push({ ok: true, result: await loadReport(one.db, report, opts) });
        } catch (error) {
          sequential.push({ ok: false, error });
        }
      }
      const done: number[] = [];
      const outcomes = await loadReports(many.db, items, { concurrency: 3, onDone: (i) => done.push(i) });

      expect(outcomes.map(summary)).toEqual(sequential.map(summary));
      expect(outcomes.slice(0, 10).map(summary)).toEqual([
        "created#1",
        "created#1",
        "created#1",
        "created#1",
        "revised#2",
        "created#1",
        "failed",
        "created#1",
        "created#1",
        "unchanged#1",
      ]);
      expect(done.sort((a, b) => a - b)).toEqual(items.map((_, i) => i));
      const failed = outcomes[6];
      expect(failed.ok).toBe(false);
      if (!failed.ok) {
        expect(failed.error).toBeInstanceOf(LoadError);
        expect((failed.error as Error).message).toMatch(/收入决算表 第 1 行（合计）total 列.*7 位小数/);
      }
      expect(await dump(many.db)).toEqual(await dump(one.db));
    });

    test("the prior-year check ran across the batch: restated 2022 flags 2023, the corrected revision clears it", async () => {
      const restated = await rowsOf<{ department: string; year: number; expected: string; found: string }>(
        many.db,
        sql`SELECT d.name AS department, r.year, f.expected, f.found FROM findings f JOIN reports r ON r.id = f.report_id
          JOIN departments d ON d.id = r.department_id
          WHERE f.rule = ${RESTATED_PRIOR_YEAR} AND r.is_latest AND d.name IN ('批量甲局', '批量乙局') ORDER BY d.name, r.year`,
      );
      // 甲: 2022 printed 112.00 where 2023's narrative implies 110.00; 乙: the same, then 2022 corrected → nothing
      expect(restated).toEqual([{ department: "批量甲局", year: 2023, expected: "112.00", found: "110.00" }]);
    });

    test("the refused report wrote nothing, not even its department's year", async () => {
      const years = await rowsOf<{ year: number; revision: number }>(
        many.db,
        sql`SELECT r.year, r.revision FROM reports r JOIN departments d ON d.id = r.department_id WHERE d.name = '批量丙局' ORDER BY r.year`,
      );
      expect(years).toEqual([
        { year: 2021, revision: 1 },
        { year: 2022, revision: 1 },
      ]);
    });
  });
}
