import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, serial, text, unique } from "drizzle-orm/pg-core";

/**
 * 政府收支分类科目 as a code → name dimension. `year` is null for the reference lists in db/reference/ and the
 * fiscal year for names read from a document, because the classification is revised yearly and the same code
 * can carry different names in different years.
 */
export const subjects = pgTable(
  "subjects",
  {
    id: serial("id").primaryKey(),
    /** function (支出功能分类) | economic (部门预算支出经济分类) */
    kind: text("kind").notNull(),
    code: text("code").notNull(),
    /** 1 = 类, 2 = 款, 3 = 项 */
    level: integer("level").notNull(),
    name: text("name").notNull(),
    parentCode: text("parent_code"),
    year: integer("year"),
  },
  (t) => [
    unique("subjects_kind_code_year_key").on(t.kind, t.code, t.year).nullsNotDistinct(),
    index("subjects_parent_idx").on(t.kind, t.parentCode),
    check("subjects_kind_check", sql`${t.kind} in ('function', 'economic')`),
  ],
);
