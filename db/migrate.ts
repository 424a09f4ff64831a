import path from "node:path";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type { Sql } from "postgres";
import { backfillOrgKeys } from "./organisations";
import { referenceSubjects, upsertSubjects } from "./subjects";
import { backfillSummaries } from "./summaries";
import type { Db, Driver } from "./types";

function migrationsDir(): string {
  return path.resolve(process.cwd(), "db/migrations");
}

/**
 * The advisory lock key every fiscal-lens process migrates under ("fiscal" in ASCII). Fixed, so that app servers,
 * the CLI and scripts of any version agree on it; it only has to differ from keys other software uses on that server.
 */
const MIGRATION_LOCK_KEY = 0x666973636166n;

/**
 * Applies pending migrations (drizzle's journal makes this a no-op when current), seeds the reference subjects and
 * gives departments that predate org keys theirs (db/organisations.ts: the normalisation is TypeScript, so it runs
 * here rather than in the SQL of migration 0003), and reports that predate their summaries theirs (db/summaries.ts:
 * the same statement a load runs, so a backfilled store and a freshly loaded one hold the same rows).
 *
 * On Postgres this runs under a session advisory lock: drizzle reads its journal and then applies what is missing,
 * so two processes starting together on a fresh database would both apply 0000 and one would fail on "already
 * exists" (or earlier, on the concurrent CREATE SCHEMA). The second process waits, then finds the journal current.
 * PGlite needs no lock: its directory lock (db/pglite-lock.ts) already keeps the store to one process.
 */
export async function migrateDb(db: Db, driver: Driver): Promise<void> {
  const config = { migrationsFolder: migrationsDir() };
  if (driver === "pglite") {
    await migratePglite(db as unknown as PgliteDatabase, config);
    await upsertSubjects(db, referenceSubjects());
    await backfillOrgKeys(db);
    await backfillSummaries(db);
    return;
  }
  const pg = db as unknown as PostgresJsDatabase & { $client: Sql };
  await withAdvisoryLock(pg.$client, MIGRATION_LOCK_KEY, async () => {
    await migratePostgres(pg, config);
    await upsertSubjects(db, referenceSubjects());
    await backfillOrgKeys(db);
    await backfillSummaries(db);
  });
}

/**
 * Runs `fn` while this process holds the session advisory lock `key`. A session lock belongs to one connection,
 * so one is reserved from the pool for it; `fn` runs on the others, hence a pool of at least two. If the process
 * dies, its connection closes and the server releases the lock.
 */
async function withAdvisoryLock<T>(client: Sql, key: bigint, fn: () => Promise<T>): Promise<T> {
  const max = (client.options as { max?: number }).max ?? 10;
  if (max < 2) throw new Error(`迁移需要至少 2 个数据库连接（一个持有迁移锁），连接池上限为 ${max}`);
  const conn = await client.reserve();
  try {
    await conn`select pg_advisory_lock(${key.toString()}::bigint)`;
    try {
      return await fn();
    } finally {
      await conn`select pg_advisory_unlock(${key.toString()}::bigint)`;
    }
  } finally {
    conn.release();
  }
}
