import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { reports } from "./reports";

/**
 * Who loaded or tried to load which document, and what came of it — from the browser upload and the CLI alike.
 * Failed attempts are kept too (department, year and scope then stay empty when the document could not be read),
 * so the log answers "who tried to change the data" and not only "what changed".
 */
export const importLog = pgTable(
  "import_log",
  {
    id: serial("id").primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    userName: text("user_name").notNull(),
    fileName: text("file_name").notNull(),
    /** of the bytes as received, which for a JSON upload is not the original document's hash */
    sha256: text("sha256").notNull(),
    department: text("department"),
    year: integer("year"),
    scope: text("scope"),
    /** created | unchanged | revised | failed */
    status: text("status").notNull(),
    revision: integer("revision"),
    reportId: integer("report_id").references(() => reports.id, { onDelete: "set null" }),
    message: text("message"),
  },
  (t) => [
    index("import_log_at_idx").on(t.at.desc(), t.id.desc()),
    check("import_log_status_check", sql`${t.status} in ('created', 'unchanged', 'revised', 'failed')`),
  ],
);
