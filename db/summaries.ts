import { eq, notExists, sql, type SQL } from "drizzle-orm";
import { executeRows } from "./bulk";
import { reports, reportSummaries } from "./schema";
import type { Db, Executor } from "./types";

/*
 * The per-report summaries (schema/summaries.ts), derived in SQL from the rows they summarise so that a load and the
 * backfill of an older store write exactly the same thing: the figures as `figures` holds them, the cells of
 * 公开09表's 合计 row, the report's `source`, and the 类 / 合计 rows of 公开03表 and 公开06表 with their cells as columns.
 */

function summariesInsert(reportIds: SQL): SQL {
  return sql`
    with ids as (select id, year, report -> 'source' as source from reports where id = any(${reportIds})),
    sums as (
      insert into report_summaries (report_id, year, figures, sangong, source)
      select ids.id, ids.year,
             coalesce((select jsonb_object_agg(f.key, f.value::text) from figures f where f.report_id = ids.id), '{}'::jsonb),
             -- {} for a 合计 row printed empty; the cells of each key summed, as the dashboards summed them
             case when exists (select 1 from table_rows tr where tr.report_id = ids.id and tr.table_id = 't09' and tr.row_key = 'sangong')
               then coalesce((select jsonb_object_agg(x.column_key, x.amount) from (
                      select c.column_key, trim_scale(sum(c.amount))::text as amount from table_rows tr
                        join table_cells c on c.report_id = tr.report_id and c.table_id = tr.table_id and c.row_order = tr.row_order
                      where tr.report_id = ids.id and tr.table_id = 't09' and tr.row_key = 'sangong' group by c.column_key) x), '{}'::jsonb)
             end,
             ids.source
      from ids
      on conflict (report_id) do nothing
      returning 1
    ),
    cls as (
      insert into report_class_rows (report_id, year, table_id, row_order, row_key, code, name, section, total, basic, project, amount)
      select tr.report_id, ids.year, tr.table_id, tr.row_order, tr.row_key, tr.code, tr.name, tr.section,
             max(c.amount) filter (where c.column_key = 'total'),
             max(c.amount) filter (where c.column_key = 'basic'),
             max(c.amount) filter (where c.column_key = 'project'),
             max(c.amount) filter (where c.column_key = 'amount')
      from ids join table_rows tr on tr.report_id = ids.id
      left join table_cells c on c.report_id = tr.report_id and c.table_id = tr.table_id and c.row_order = tr.row_order
      where (tr.table_id = 't03' and (length(tr.code) = 3 or tr.row_key = 'total'))
         or (tr.table_id = 't06' and (length(tr.code) = 3 or tr.row_key in ('personnelTotal', 'publicTotal')))
      group by tr.report_id, ids.year, tr.table_id, tr.row_order, tr.row_key, tr.code, tr.name, tr.section
      on conflict (report_id, table_id, row_order) do nothing
      returning 1
    )
    select (select count(*) from sums)::int as summaries, (select count(*) from cls)::int as rows`;
}

/** Writes one report's summaries; called inside the report's load transaction, after its rows are written. */
export async function writeSummaries(ex: Executor, reportId: number): Promise<void> {
  await executeRows(ex, summariesInsert(sql`array[${reportId}::int]`));
}

/**
 * Gives every report loaded before the summaries existed its rows (run by migrateDb; a no-op once done), a bounded
 * batch per transaction so a large store is not rewritten in one.
 */
export async function backfillSummaries(db: Db, batch = 2000): Promise<number> {
  let done = 0;
  for (;;) {
    const ids = await db
      .select({ id: reports.id })
      .from(reports)
      .where(
        notExists(db.select({ one: sql`1` }).from(reportSummaries).where(eq(reportSummaries.reportId, reports.id))),
      )
      .orderBy(reports.id)
      .limit(batch);
    if (ids.length === 0) return done;
    const list = ids.map((r) => Number(r.id));
    await db.transaction(async (tx) => {
      await executeRows(tx, summariesInsert(sql`${sql.param(list)}::int[]`));
    });
    done += list.length;
  }
}
