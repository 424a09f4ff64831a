import { index, integer, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import type { Report } from "../../lib/report/schema";
import { amount } from "../columns";
import { reports } from "./reports";

/*
 * Written at load time, in the load's transaction (db/summaries.ts), so that a year's dashboards read one narrow row
 * set per report instead of assembling 20,000 reports from `figures`, `table_rows` and `table_cells` on every cold
 * read. Both carry `year` first in their index: a statement over one year reads that year's rows only, however many
 * years the store holds. Nothing here is new information; db/summaries.ts derives it from the rows it summarises.
 */

/** The report's headline figures (key → value as stored in `figures`) and what else a list reads of each report. */
export const reportSummaries = pgTable(
  "report_summaries",
  {
    reportId: integer("report_id")
      .primaryKey()
      .references(() => reports.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    figures: jsonb("figures").$type<Record<string, string>>().notNull(),
    /** the cells of 公开09表's 合计 row (column key → amount as stored), null when the report prints none */
    sangong: jsonb("sangong").$type<Record<string, string>>(),
    /** the report's `source` (file, layout, PDF page starts): what an evidence link needs, without the whole report */
    source: jsonb("source").$type<Report["source"]>().notNull(),
  },
  (t) => [index("report_summaries_year_idx").on(t.year, t.reportId)],
);

/**
 * The rows of 公开03表 and 公开06表 the structure dashboards sum: each 类 (3-digit code), 03's 合计 and 06's
 * 人员经费 / 公用经费 totals, with their cells as columns.
 */
export const reportClassRows = pgTable(
  "report_class_rows",
  {
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    tableId: text("table_id").notNull(),
    rowOrder: integer("row_order").notNull(),
    rowKey: text("row_key"),
    code: text("code"),
    name: text("name").notNull(),
    section: text("section"),
    total: amount("total"),
    basic: amount("basic"),
    project: amount("project"),
    amount: amount("amount"),
  },
  (t) => [
    primaryKey({ columns: [t.reportId, t.tableId, t.rowOrder] }),
    index("report_class_rows_year_idx").on(t.year, t.tableId, t.reportId),
  ],
);
