import { sql } from "drizzle-orm";
import { check, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { reports } from "./reports";

/**
 * The parts of a report the reader could not read (the report's `unread` notes), one row each, with the PDF page
 * resolved at load time, so the data-quality page lists them without opening the canonical report.
 */
export const unreadNotes = pgTable(
  "unread_notes",
  {
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    ord: integer("ord").notNull(),
    /** table | statement | section | cover | appendix */
    part: text("part").notNull(),
    /** the part's name as a reader knows it (收入决算表, 五、一般公共预算财政拨款支出决算情况说明 …) */
    place: text("place").notNull(),
    sourceLine: integer("source_line"),
    /** the PDF page (1-based), when the document is a PDF */
    page: integer("page"),
    text: text("text").notNull(),
    message: text("message").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.reportId, t.ord] }),
    check("unread_notes_part_check", sql`${t.part} in ('table', 'statement', 'section', 'cover', 'appendix')`),
  ],
);
