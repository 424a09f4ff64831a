import { sql, type SQL } from "drizzle-orm";
import type { Sql } from "postgres";
import type { Db } from "./types";

// No `import "server-only"`: the CLI and the loaders run this under plain tsx.

/*
 * The store's data version, and whether a batch of loads is running anywhere.
 *
 * The version is the newest report, organisation-correction and budget ids. Every load that changes anything inserts
 * one of those rows in the same transaction as the rest of its rows, so the version moves exactly when a load commits,
 * whichever process or machine made it (db/queries/cache.ts keys the statement cache on it).
 *
 * A batch (cli ingest of a folder, a multi-file upload) commits each document in its own transaction, so
 * the version moves once per document. The rendered-page cache (app/_lib/rendered-cache.ts) should move once per
 * batch instead: every batch holds a SHARED advisory lock for its whole run (on PostgreSQL, where other processes can
 * see it in pg_locks and the server drops it if the loader dies) and counts itself in this process (which is all PGlite,
 * a single-process store, needs). While any batch runs, readers keep the version they settled on before it.
 */

async function execute<T>(db: Db, query: SQL): Promise<T[]> {
  const res = (await (db as unknown as { execute: (q: SQL) => Promise<unknown> }).execute(query)) as
    | { rows?: T[] }
    | T[];
  return Array.isArray(res) ? res : (res.rows ?? []);
}

/** The two-int advisory lock every batch holds shared: "fl" and "load" in ASCII. */
const BATCH_LOCK = [0x666c, 0x6c6f6164] as const;

const g = globalThis as typeof globalThis & { __fiscalLensBatches?: number };

export async function readDataVersion(db: Db): Promise<string> {
  const [r] = await execute<{ v: string }>(
    db,
    sql`select (select coalesce(max(id), 0) from reports)::text || '.' || (select coalesce(max(id), 0) from org_overrides)::text || '.' || (select coalesce(max(id), 0) from budgets)::text as v`,
  );
  return r?.v ?? "0";
}

/**
 * The data version and whether a batch is running (in this process, or — on PostgreSQL — in any session of the
 * server, read from pg_locks in the same statement). `primary` is where loads are written: with a read replica the
 * version comes from the replica (the data the pages read) and the lock from the primary (a standby has no locks of
 * the primary's sessions).
 */
export async function readVersionAndBatch(read: Db, primary: Db): Promise<{ version: string; batchRunning: boolean }> {
  const locked = sql`exists (select 1 from pg_locks where locktype = 'advisory' and classid = ${BATCH_LOCK[0]} and objid = ${BATCH_LOCK[1]} and objsubid = 2)`;
  const inProcess = (g.__fiscalLensBatches ?? 0) > 0;
  // PGlite is one process's store: its batches are all in this process, and pg_locks would only cost time
  if (!postgresClient(primary)) return { version: await readDataVersion(read), batchRunning: inProcess };
  if (read === primary) {
    const [r] = await execute<{ v: string; locked: boolean }>(
      read,
      sql`select (select coalesce(max(id), 0) from reports)::text || '.' || (select coalesce(max(id), 0) from org_overrides)::text || '.' || (select coalesce(max(id), 0) from budgets)::text as v, ${locked} as locked`,
    );
    return { version: r?.v ?? "0", batchRunning: inProcess || r?.locked === true };
  }
  const [version, [l]] = await Promise.all([
    readDataVersion(read),
    execute<{ locked: boolean }>(primary, sql`select ${locked} as locked`),
  ]);
  return { version, batchRunning: inProcess || l?.locked === true };
}

function postgresClient(db: Db): Sql | undefined {
  const client = (db as unknown as { $client?: Partial<Sql> }).$client;
  return typeof client?.reserve === "function" ? (client as Sql) : undefined;
}

/**
 * Runs a batch of loads as one change for the rendered-page cache: readers see the version move once, when `fn`
 * ends (each document still commits on its own). On PostgreSQL one pooled connection is reserved for the lock while
 * the loads run on the others; if none can be had the batch still loads, and readers then see it document by document.
 */
export async function withLoadBatch<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  g.__fiscalLensBatches = (g.__fiscalLensBatches ?? 0) + 1;
  let unlock = async () => {};
  try {
    const client = postgresClient(db);
    if (client && ((client.options as { max?: number }).max ?? 10) >= 2) {
      // a server that is down must not hold the batch up: without the lock readers see the loads one by one
      const conn = await within(LOCK_WAIT_MS, client.reserve());
      if (conn) {
        const locked = await within(
          LOCK_WAIT_MS,
          conn`select pg_advisory_lock_shared(${BATCH_LOCK[0]}::int, ${BATCH_LOCK[1]}::int)`,
        );
        if (locked) {
          unlock = async () => {
            try {
              // a connection the server dropped mid-batch took the lock with it; its query would wait for a reconnect
              await within(
                LOCK_WAIT_MS,
                conn`select pg_advisory_unlock_shared(${BATCH_LOCK[0]}::int, ${BATCH_LOCK[1]}::int)`,
              );
            } finally {
              conn.release();
            }
          };
        } else conn.release();
      }
    }
  } catch {
    // no lock: the loads go ahead, seen one by one
  }
  try {
    return await fn();
  } finally {
    g.__fiscalLensBatches = Math.max(0, (g.__fiscalLensBatches ?? 1) - 1);
    await unlock().catch(() => {});
  }
}

/** How long taking or dropping the batch lock may wait before the batch goes on without it. */
const LOCK_WAIT_MS = 3000;

/** The promise's value, or undefined when it fails or has not settled within `ms` (its late outcome is ignored). */
async function within<T>(ms: number, p: PromiseLike<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const settled = Promise.resolve(p).then(
    (v) => v,
    () => undefined,
  );
  try {
    return await Promise.race([settled, new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
