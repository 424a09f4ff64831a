import { readFileSync } from "node:fs";
import path from "node:path";
import { count, sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { executeRows } from "../../db/bulk";
import { loadReport } from "../../db/load";
import { reportClassRows } from "../../db/schema";
import { backfillSummaries } from "../../db/summaries";
import type { Db } from "../../db/types";
import { parseDocument } from "../../lib/ingest/parse";
import { makeReport, mutate } from "../helpers/factories";
import { forEachDb } from "../helpers/test-db";

/*
 * The per-report summaries (db/summaries.ts) hold nothing new: each must equal what the dashboards assembled from
 * `figures`, `table_rows` and `table_cells` before the summaries existed. These statements are that old assembly.
 */
const DOCS = path.resolve(import.meta.dirname, "../fixtures/documents");
const seed = (file: string) => parseDocument(file, new Uint8Array(readFileSync(path.join(DOCS, file))));

/** figures as the dashboards read them before: one jsonb object per report */
const figuresFromRows = sql`
  select r.id::int as id, coalesce((select jsonb_object_agg(f.key, f.value::text) from figures f where f.report_id = r.id), '{}'::jsonb) as figs
  from reports r order by r.id`;
const figuresFromSummaries = sql`select report_id::int as id, figures as figs from report_summaries order by report_id`;

/** 公开09表's 合计 row per report as /sangong summed it: its cells per column key, or none when not printed */
const sangongFromTables = sql`
  select r.id::int as id, r.report -> 'source' as source,
         (select jsonb_object_agg(c.column_key, trim_scale(c.amount)::text) from table_rows tr
            join table_cells c on c.report_id = tr.report_id and c.table_id = tr.table_id and c.row_order = tr.row_order
          where tr.report_id = r.id and tr.table_id = 't09' and tr.row_key = 'sangong') as cells
  from reports r order by r.id`;
const sangongFromSummaries = sql`select report_id::int as id, source, sangong as cells from report_summaries order by report_id`;

/** every 类 row of 公开03表 and 公开06表 with its cells, and the totals rows, as the structure page summed them */
const classRowsFromTables = sql`
  select tr.report_id::int as report_id, tr.table_id, tr.row_order::int as row_order, tr.code, tr.name, tr.section, tr.row_key,
         (select jsonb_object_agg(c.column_key, trim_scale(c.amount)::text) from table_cells c
           where c.report_id = tr.report_id and c.table_id = tr.table_id and c.row_order = tr.row_order
             and c.column_key in ('total', 'basic', 'project', 'amount')) as cells
  from table_rows tr
  where (tr.table_id = 't03' and (length(tr.code) = 3 or tr.row_key = 'total'))
     or (tr.table_id = 't06' and (length(tr.code) = 3 or tr.row_key in ('personnelTotal', 'publicTotal')))
  order by 1, 2, 3`;
const classRowsFromSummaries = sql`
  select k.report_id::int as report_id, k.table_id, k.row_order::int as row_order, k.code, k.name, k.section, k.row_key,
         (select jsonb_object_agg(e.key, e.value) from jsonb_each(jsonb_strip_nulls(jsonb_build_object(
           'total', trim_scale(k.total)::text, 'basic', trim_scale(k.basic)::text,
           'project', trim_scale(k.project)::text, 'amount', trim_scale(k.amount)::text))) e) as cells
  from report_class_rows k order by 1, 2, 3`;

async function snapshot(db: Db) {
  return {
    figures: await executeRows(db, figuresFromSummaries),
    sangong: await executeRows(db, sangongFromSummaries),
    classes: await executeRows(db, classRowsFromSummaries),
    years: await executeRows(
      db,
      sql`select count(*)::int as n from report_summaries s join reports r on r.id = s.report_id where s.year <> r.year`,
    ),
  };
}

forEachDb("per-report summaries", (get) => {
  test("a load writes each report's summaries, equal to the rows they summarise (two seeds, a revision, a 单位决算)", async () => {
    const { db } = get();
    const reports = [seed("000_de383ccec50b5c0e.txt"), seed("004_fcc6ab7362c41973.txt")];
    for (const report of reports) await loadReport(db, report, { findings: [] });
    const made = makeReport({ department: "汇总测试局" });
    await loadReport(db, made, { findings: [] });
    await loadReport(db, makeReport({ department: "汇总测试局", scope: "单位决算" }), { findings: [] });
    // a revision: a new report id with its own summary; the first revision keeps its own
    const revised = mutate(made, (r) => {
      r.source.sha256 = "b".repeat(64);
      const t03 = r.tables.find((t) => t.id === "t03")!;
      const cls = t03.rows.find((row) => row.code?.length === 3)!;
      cls.name = `${cls.name}（更正）`;
    });
    await loadReport(db, revised, { findings: [] });

    const snap = await snapshot(db);
    expect(snap.figures).toEqual(await executeRows(db, figuresFromRows));
    expect(snap.classes).toEqual(await executeRows(db, classRowsFromTables));
    expect(snap.years).toEqual([{ n: 0 }]);
    expect(snap.sangong).toEqual(await executeRows(db, sangongFromTables));
    expect(snap.sangong.filter((r) => r.cells !== null).length).toBeGreaterThan(2);
    // the real documents print 类 rows and totals in both tables
    const perTable = await db
      .select({ table_id: reportClassRows.tableId, n: count() })
      .from(reportClassRows)
      .groupBy(reportClassRows.tableId)
      .orderBy(reportClassRows.tableId);
    expect(perTable.map((r) => r.table_id)).toEqual(["t03", "t06"]);
    expect(perTable.every((r) => r.n > 10)).toBe(true);
    const seedFigures = snap.figures[0].figs as Record<string, string>;
    expect(seedFigures.expenditureTotal).toBeDefined();
  });

  test("a store loaded before the summaries gets them at the next migration, the same rows a load writes", async () => {
    const { db } = get();
    const before = await snapshot(db);
    expect(before.figures.length).toBeGreaterThan(0);
    await executeRows(db, sql`delete from report_class_rows`);
    await executeRows(db, sql`delete from report_summaries`);
    expect(await backfillSummaries(db, 2)).toBe(before.figures.length);
    expect(await snapshot(db)).toEqual(before);
    // and once done it does nothing
    expect(await backfillSummaries(db)).toBe(0);
  });
});
