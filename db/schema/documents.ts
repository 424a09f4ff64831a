import { customType, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** bytea as Uint8Array on both drivers (postgres.js gives a Buffer, which is one). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
});

/**
 * The original files as loaded (PDF or text), once per content hash: a revision, a report and a budget name their
 * file by `content_sha256`, so the same bytes loaded again or by several reports are kept once. Kept in the store,
 * not on a disk beside it, so the source view works after a restart, on every app server and from a read replica.
 */
export const documents = pgTable("documents", {
  sha256: text("sha256").primaryKey(),
  fileName: text("file_name").notNull(),
  byteLength: integer("byte_length").notNull(),
  bytes: bytea("bytes").notNull(),
  /** the official publication's address, when the import was given one */
  sourceUrl: text("source_url"),
  loadedAt: timestamp("loaded_at", { withTimezone: true }).notNull().defaultNow(),
});
