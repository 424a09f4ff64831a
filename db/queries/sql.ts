import "server-only";
import type { SQL } from "drizzle-orm";
import { getDb } from "../client";

/**
 * Runs one analytic statement and returns plain rows on both drivers: drizzle's execute() gives
 * `{ rows }` on PGlite and an array on postgres.js. Write counts as `::int` and money as numeric
 * (a string on both drivers) so the row types hold on either database.
 */
export async function rows<T extends Record<string, unknown>>(query: SQL): Promise<T[]> {
  const db = await getDb();
  const res = (await (db as unknown as { execute: (q: SQL) => Promise<unknown> }).execute(query)) as { rows?: T[] } | T[];
  return Array.isArray(res) ? res : (res.rows ?? []);
}
