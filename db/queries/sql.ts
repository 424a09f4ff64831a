import "server-only";
import { cache } from "react";
import { sql, type SQL } from "drizzle-orm";
import { getReadDb } from "../client";
import { readDataVersion } from "../data-version";
import type { Db } from "../types";
import { cachedRows } from "./cache";

async function execute<T>(db: Db, query: SQL): Promise<T[]> {
  const res = (await (db as unknown as { execute: (q: SQL) => Promise<unknown> }).execute(query)) as
    | { rows?: T[] }
    | T[];
  return Array.isArray(res) ? res : (res.rows ?? []);
}

/**
 * The store's data version (../data-version.ts): every committed load moves it. Read once per page render (React's cache() is
 * per request), so all of a page's statements are served for the same version.
 */
const dataVersion = cache((db: Db): Promise<string> => readDataVersion(db));

/**
 * Runs one analytic statement and returns plain rows on both drivers: drizzle's execute() gives
 * `{ rows }` on PGlite and an array on postgres.js. Write counts as `::int` and money as numeric
 * (a string on both drivers) so the row types hold on either database. Results are cached until the next load.
 */
export async function rows<T extends Record<string, unknown>>(query: SQL): Promise<T[]> {
  const db = await getReadDb();
  return cachedRows(db, await dataVersion(db), query, () => execute<T>(db, query));
}

/**
 * `= any(…)` over a list bound as one array parameter: the statement's text stays the same whatever the list holds
 * (one cached plan, one cache key shape), and no value is ever spliced into the SQL. Empty lists match nothing.
 */
export function anyOf(values: readonly number[] | readonly string[], type: "int" | "text"): SQL {
  return sql`any(${sql.param(values)}::${sql.raw(type)}[])`;
}
