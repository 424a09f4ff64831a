import { boolean, integer, pgTable, serial, text, unique } from "drizzle-orm/pg-core";
import { amount, rate } from "../columns";
import { reports } from "./reports";

/**
 * One row per project: every 绩效自评表 sheet, plus summary-table rows that have no sheet (the summary is often
 * longer than the sheets attached). `has_sheet` tells them apart; summary_* keep the summary's own figures so a
 * mismatch with the sheet stays visible.
 */
export const performanceProjects = pgTable(
  "performance_projects",
  {
    id: serial("id").primaryKey(),
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    ord: integer("ord").notNull(),
    name: text("name").notNull(),
    department: text("department"),
    implementingUnit: text("implementing_unit"),
    hasSheet: boolean("has_sheet").notNull(),
    initial: amount("initial"),
    annual: amount("annual"),
    executed: amount("executed"),
    /** B/A in percent as printed */
    rate: rate("rate"),
    fundsScore: rate("funds_score"),
    totalScore: rate("total_score"),
    grade: text("grade"),
    summaryBudget: amount("summary_budget"),
    summaryScore: rate("summary_score"),
    sourceLine: integer("source_line"),
  },
  (t) => [unique("performance_projects_report_ord_key").on(t.reportId, t.ord)],
);

export const performanceIndicators = pgTable(
  "performance_indicators",
  {
    projectId: integer("project_id")
      .notNull()
      .references(() => performanceProjects.id, { onDelete: "cascade" }),
    ord: integer("ord").notNull(),
    level1: text("level1").notNull(),
    level2: text("level2"),
    level3: text("level3"),
    target: text("target"),
    actual: text("actual"),
    weight: rate("weight"),
    score: rate("score"),
    deviation: text("deviation"),
    sourceLine: integer("source_line"),
  },
  (t) => [unique("performance_indicators_project_ord_key").on(t.projectId, t.ord)],
);
