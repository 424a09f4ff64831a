import { LRUCache } from "lru-cache";
import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Db } from "../types";

/*
 * Results of the dashboards' analytic statements, kept per store and keyed by the store's data version (./sql.ts):
 * the newest report id. Every load that changes anything inserts a report row (a new department-year or a new revision) in the
 * same transaction as the rest of its rows, so the version moves exactly when a load commits, whichever process or
 * machine loaded it, and a reader on a replica sees the version of the data it reads. The only other write the
 * dashboards read is a user's organisation correction, which inserts an org_overrides row: the version counts both.
 *
 * Sized in rows, not entries: one statement may return a handful of rows or a whole province.
 */
const MAX_ROWS = 400_000;
/** Larger results are not kept: one would push out hundreds of small ones. */
const MAX_ROWS_PER_ENTRY = 50_000;

type Entry = { version: string; generation: number; rows: Promise<unknown[]> };

const dialect = new PgDialect();
const caches = new WeakMap<Db, LRUCache<string, Entry>>();
let generation = 0;

/** Forgets every cached result (the benchmark's query floors measure the database, not the cache). */
export function clearQueryCache(): void {
  generation++;
}

function cacheOf(db: Db): LRUCache<string, Entry> {
  let c = caches.get(db);
  if (!c) {
    c = new LRUCache<string, Entry>({ maxSize: MAX_ROWS, sizeCalculation: () => 1 });
    caches.set(db, c);
  }
  return c;
}

/** The statement as text + parameters: the key of its result. */
function statementKey(query: SQL): string {
  const q = dialect.sqlToQuery(query);
  return `${q.sql}\u0000${JSON.stringify(q.params)}`;
}

/**
 * `run()`'s rows for `query` at data version `version`, from the cache when the same statement already ran (or is
 * running: concurrent requests for a cold page share one execution) at that version.
 */
export function cachedRows<T>(db: Db, version: string, query: SQL, run: () => Promise<T[]>): Promise<T[]> {
  const cache = cacheOf(db);
  const key = statementKey(query);
  const hit = cache.get(key);
  // Callers get their own array; the rows themselves are frozen, so a caller that edits one fails loudly instead of
  // changing what the next request sees.
  if (hit && hit.version === version && hit.generation === generation)
    return hit.rows.then((r) => r.slice()) as Promise<T[]>;
  const rows = run().then((r) => {
    for (const row of r) Object.freeze(row);
    return r;
  });
  // Sized once the rows are known; a failed statement is forgotten so the next request tries again.
  cache.set(key, { version, generation, rows }, { size: 1 });
  rows.then(
    (r) => {
      const current = cache.get(key, { updateAgeOnGet: false });
      if (current?.rows !== rows) return;
      if (r.length > MAX_ROWS_PER_ENTRY) cache.delete(key);
      else cache.set(key, current, { size: Math.max(1, r.length) });
    },
    () => {
      if (cache.get(key, { updateAgeOnGet: false })?.rows === rows) cache.delete(key);
    },
  );
  return rows.then((r) => r.slice());
}
