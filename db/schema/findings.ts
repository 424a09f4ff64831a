import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, serial, text } from "drizzle-orm/pg-core";
import type { Location } from "../../lib/audit/types";
import { reports } from "./reports";

export const findings = pgTable(
  "findings",
  {
    id: serial("id").primaryKey(),
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    rule: text("rule").notNull(),
    /** rounding | warning | error */
    severity: text("severity").notNull(),
    message: text("message").notNull(),
    expected: text("expected"),
    found: text("found"),
    locations: jsonb("locations").$type<Location[]>().notNull(),
  },
  (t) => [
    index("findings_report_idx").on(t.reportId, t.severity),
    index("findings_rule_idx").on(t.rule),
    check("findings_severity_check", sql`${t.severity} in ('rounding', 'warning', 'error')`),
  ],
);
