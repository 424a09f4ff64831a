import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  check,
  foreignKey,
} from "drizzle-orm/pg-core";
import type { Budget } from "../../lib/budget/schema";
import type { BudgetFigures } from "../../lib/budget/figures";
import type { Finding } from "../../lib/audit/types";
import { amount } from "../columns";
import { departments } from "./departments";

/**
 * One row per loaded revision of a 部门预算 / 单位预算, beside `reports` (the 决算): the same department, matched by
 * its org key, so a year's budget and its final accounts meet. Older revisions stay; `is_latest` marks the one read.
 */
export const budgets = pgTable(
  "budgets",
  {
    id: serial("id").primaryKey(),
    departmentId: integer("department_id")
      .notNull()
      .references(() => departments.id),
    year: integer("year").notNull(),
    scope: text("scope").notNull(),
    revision: integer("revision").notNull(),
    isLatest: boolean("is_latest").notNull(),
    contentSha256: text("content_sha256").notNull(),
    sourceFile: text("source_file").notNull(),
    layout: text("layout").notNull(),
    loadedAt: timestamp("loaded_at", { withTimezone: true }).notNull().defaultNow(),
    figures: jsonb("figures").$type<BudgetFigures>().notNull(),
    findings: jsonb("findings").$type<Finding[]>().notNull(),
    /** the canonical budget exactly as validated */
    budget: jsonb("budget").$type<Budget>().notNull(),
  },
  (t) => [
    uniqueIndex("budgets_one_latest_idx").on(t.departmentId, t.year, t.scope).where(sql`${t.isLatest}`),
    index("budgets_year_latest_idx").on(t.year, t.isLatest),
    check("budgets_scope_check", sql`${t.scope} in ('部门预算', '单位预算')`),
  ],
);

/**
 * Every amount of the coded budget tables, one row per cell: b02/b03/b05 by 功能分类 code, b08 by 经济分类 code, in
 * 万元 exactly as converted. This is what subject-level execution (决算 ÷ 预算) and the spring review join on.
 */
export const budgetLines = pgTable(
  "budget_lines",
  {
    budgetId: integer("budget_id").notNull(),
    tableId: text("table_id").notNull(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    column: text("column").notNull(),
    value: amount("value").notNull(),
    sourceLine: integer("source_line"),
  },
  (t) => [
    primaryKey({ columns: [t.budgetId, t.tableId, t.code, t.column] }),
    foreignKey({ columns: [t.budgetId], foreignColumns: [budgets.id] }).onDelete("cascade"),
    index("budget_lines_table_code_idx").on(t.tableId, t.code),
  ],
);
