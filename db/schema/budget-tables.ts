import { foreignKey, index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { amount } from "../columns";
import { reports } from "./reports";

/** The nine 公开 tables, one row per printed row, in print order. */
export const tableRows = pgTable(
  "table_rows",
  {
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    tableId: text("table_id").notNull(),
    rowOrder: integer("row_order").notNull(),
    section: text("section"),
    rowKey: text("row_key"),
    code: text("code"),
    name: text("name").notNull(),
    /** 行次 as printed (t01, t04) */
    lineNo: integer("line_no"),
    sourceLine: integer("source_line"),
  },
  (t) => [
    primaryKey({ columns: [t.reportId, t.tableId, t.rowOrder] }),
    index("table_rows_table_code_idx").on(t.tableId, t.code),
    index("table_rows_table_key_idx").on(t.tableId, t.rowKey),
  ],
);

/**
 * One row per printed (non-empty) cell. An empty cell has no row, matching the report where it is an absent key:
 * "not disclosed" stays distinguishable from 0.
 */
export const tableCells = pgTable(
  "table_cells",
  {
    reportId: integer("report_id").notNull(),
    tableId: text("table_id").notNull(),
    rowOrder: integer("row_order").notNull(),
    columnKey: text("column_key").notNull(),
    amount: amount("amount").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.reportId, t.tableId, t.rowOrder, t.columnKey] }),
    foreignKey({
      columns: [t.reportId, t.tableId, t.rowOrder],
      foreignColumns: [tableRows.reportId, tableRows.tableId, tableRows.rowOrder],
    }).onDelete("cascade"),
    // "table X column Y across the latest reports of year N" starts here and joins reports by id.
    index("table_cells_table_column_idx").on(t.tableId, t.columnKey, t.reportId),
  ],
);
