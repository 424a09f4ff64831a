import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { Report } from "../../lib/report/schema";
import { rate } from "../columns";
import { departments } from "./departments";

/**
 * One row per loaded revision of a disclosure. Older revisions stay (with every child row) so a corrected
 * document never erases what was published first; `is_latest` marks the one the dashboards read.
 */
export const reports = pgTable(
  "reports",
  {
    id: serial("id").primaryKey(),
    departmentId: integer("department_id")
      .notNull()
      .references(() => departments.id),
    year: integer("year").notNull(),
    scope: text("scope").notNull(),
    revision: integer("revision").notNull(),
    isLatest: boolean("is_latest").notNull(),
    synthetic: boolean("synthetic").notNull().default(false),
    contentSha256: text("content_sha256").notNull(),
    sourceFile: text("source_file").notNull(),
    layout: text("layout").notNull(),
    sourceUnit: text("source_unit").notNull(),
    completeness: rate("completeness"),
    /**
     * Reading coverage (lib/report/coverage.ts), written at load time so reports can be ranked by how much of them
     * was read: the percentage and the counts behind it. The notes themselves are in unread_notes.
     */
    coverage: rate("coverage"),
    tablesRead: integer("tables_read").notNull().default(0),
    cellsPlaced: integer("cells_placed").notNull().default(0),
    cellsOpen: integer("cells_open").notNull().default(0),
    statementsRead: integer("statements_read").notNull().default(0),
    statementsUnread: integer("statements_unread").notNull().default(0),
    unreadCount: integer("unread_count").notNull().default(0),
    extraTables: integer("extra_tables").notNull().default(0),
    loadedAt: timestamp("loaded_at", { withTimezone: true }).notNull().defaultNow(),
    /** the canonical report exactly as validated; `export` reads it back */
    report: jsonb("report").$type<Report>().notNull(),
  },
  (t) => [
    unique("reports_department_year_scope_revision_key").on(t.departmentId, t.year, t.scope, t.revision),
    // At most one latest revision per disclosure, enforced by the database rather than by load.ts alone.
    uniqueIndex("reports_one_latest_idx").on(t.departmentId, t.year, t.scope).where(sql`${t.isLatest}`),
    index("reports_year_latest_idx").on(t.year, t.isLatest),
    // the least-read documents of a year first (/quality)
    index("reports_latest_coverage_idx").on(t.year, t.coverage, t.id).where(sql`${t.isLatest}`),
    check("reports_scope_check", sql`${t.scope} in ('部门决算', '单位决算')`),
  ],
);
