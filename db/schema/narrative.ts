import { boolean, index, integer, numeric, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { amount, rate } from "../columns";
import { reports } from "./reports";

/**
 * Headline figures (extractFigures): money, percentages and counts side by side, so the column is unconstrained
 * NUMERIC and stores each exactly as given.
 */
export const figures = pgTable(
  "figures",
  {
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    value: numeric("value").notNull(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.key] }), index("figures_key_idx").on(t.key, t.reportId)],
);

/** Year-over-year statements of the 情况说明; `prior` is derived (current − change) for cross-year checks. */
export const narrativeChanges = pgTable(
  "narrative_changes",
  {
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    ord: integer("ord").notNull(),
    key: text("key").notNull(),
    subject: text("subject").notNull(),
    current: amount("current").notNull(),
    change: amount("change"),
    pct: rate("pct"),
    prior: amount("prior"),
    unchanged: boolean("unchanged"),
    reason: text("reason"),
    sourceLine: integer("source_line"),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.ord] }), index("narrative_changes_key_idx").on(t.key, t.reportId)],
);

/** 年初预算 vs 决算 per subject as the narrative states it, with the department's reason. */
export const executionItems = pgTable(
  "execution_items",
  {
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    ord: integer("ord").notNull(),
    code: text("code"),
    /** 类 / 款 / 项 names joined with " / " */
    path: text("path").notNull(),
    initialBudget: amount("initial_budget").notNull(),
    final: amount("final").notNull(),
    rate: rate("rate"),
    noInitialBudget: boolean("no_initial_budget").notNull().default(false),
    reason: text("reason"),
    sourceLine: integer("source_line"),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.ord] }), index("execution_items_code_idx").on(t.code, t.reportId)],
);
