import { pgTable, serial, text, uniqueIndex } from "drizzle-orm/pg-core";

export const departments = pgTable(
  "departments",
  {
    id: serial("id").primaryKey(),
    /** as first printed; later documents may print it differently and still load here through org_key */
    name: text("name").notNull().unique(),
    /**
     * normalizeOrgName(name) (lib/org/names.ts): the key a document's department is matched by. Null only for a
     * department that existed before the key did and whose key another department already holds: the import page
     * lists it for a user to merge.
     */
    orgKey: text("org_key"),
  },
  (t) => [uniqueIndex("departments_org_key_idx").on(t.orgKey)],
);
