import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { departments } from "./departments";

/**
 * A 部门 consolidates its 单位: the units a 部门决算 lists under 单位构成 (source 'report') or a user assigned on the
 * import page (source 'override'). The unit is held by its org key, not by a department id, so a unit that has not
 * published anything yet is linked all the same and joins departments as soon as it loads, in either load order.
 * A 部门's own unit (（本级）, 本部) is the 部门's own department and is not listed here.
 */
export const departmentUnits = pgTable(
  "department_units",
  {
    parentId: integer("parent_id")
      .notNull()
      .references(() => departments.id, { onDelete: "cascade" }),
    unitKey: text("unit_key").notNull(),
    /** as first printed */
    unitName: text("unit_name").notNull(),
    /** report | override */
    source: text("source").notNull(),
    /** the year of the 部门决算 that first listed the unit; null for a user's assignment */
    year: integer("year"),
  },
  (t) => [
    primaryKey({ columns: [t.parentId, t.unitKey] }),
    index("department_units_unit_idx").on(t.unitKey),
    check("department_units_source_check", sql`${t.source} in ('report', 'override')`),
  ],
);

/**
 * A user's correction of how documents are matched to organisations, kept and applied to every later load:
 * - merge: documents naming `from` belong to the department `to` (the same organisation printed differently);
 * - unit: the organisation `from` is a 单位 of the 部门 `to`.
 * Keys are normalised names; a merge's `to_key` is always the final key (chains are flattened when stored).
 */
export const orgOverrides = pgTable(
  "org_overrides",
  {
    id: serial("id").primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    userName: text("user_name").notNull(),
    kind: text("kind").notNull(),
    fromName: text("from_name").notNull(),
    fromKey: text("from_key").notNull(),
    toName: text("to_name").notNull(),
    toKey: text("to_key").notNull(),
    /** what applying it changed, in Chinese, for the import page */
    outcome: text("outcome"),
  },
  (t) => [
    // one target per merged key, so resolving a name takes one lookup
    uniqueIndex("org_overrides_merge_from_idx").on(t.fromKey).where(sql`${t.kind} = 'merge'`),
    index("org_overrides_at_idx").on(t.at.desc(), t.id.desc()),
    check("org_overrides_kind_check", sql`${t.kind} in ('merge', 'unit')`),
  ],
);
