import "server-only";
import { cache } from "react";
import { sql, type SQL } from "drizzle-orm";
import { getReadDb } from "../client";
import type { Db } from "../types";
import { cachedRows } from "./cache";

async function execute<T>(db: Db, query: SQL): Promise<T[]> {
  const res = (await (db as unknown as { execute: (q: SQL) => Promise<unknown> }).execute(query)) as { rows?: T[] } | T[];
  return Array.isArray(res) ? res : (res.rows ?? []);
}

/**
 * The store's data version: the newest report and budget ids, which every committed load moves (see ./cache.ts), and the newest
 * organisation correction, which regroups reports without loading one. Read once per page render (React's cache() is
 * per request), so all of a page's statements are served for the same version.
 */
const dataVersion = cache(async (db: Db): Promise<string> => {
  const [r] = await execute<{ v: string }>(
    db,
    sql`select (select coalesce(max(id), 0) from reports)::text || '.' || (select coalesce(max(id), 0) from org_overrides)::text || '.' || (select coalesce(max(id), 0) from budgets)::text as v`,
  );
  return r?.v ?? "0";
});

/**
 * Runs one analytic statement and returns plain rows on both drivers: drizzle's execute() gives
 * `{ rows }` on PGlite and an array on postgres.js. Write counts as `::int` and money as numeric
 * (a string on both drivers) so the row types hold on either database. Results are cached until the next load.
 */
export async function rows<T extends Record<string, unknown>>(query: SQL): Promise<T[]> {
  const db = await getReadDb();
  return cachedRows(db, await dataVersion(db), query, () => execute<T>(db, query));
}
