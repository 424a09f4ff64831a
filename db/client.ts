import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { migrateDb } from "./migrate";
import { acquireDirLock } from "./pglite-lock";
import * as schema from "./schema";
import type { Db, Driver } from "./types";

// Deliberately no `import "server-only"`: the CLI and scripts/prepare-store.ts run this under plain tsx.

export type Store = { db: Db; driver: Driver; close: () => Promise<void>; where: string };

export function pgliteDir(): string {
  return path.resolve(process.env.PGLITE_DIR || ".data/pglite");
}

/**
 * Opens PGlite in `dir` (created if missing) under the directory lock, and migrates it.
 * Throws StoreLockedError, with the directory and the holding pid, when another process has it open.
 */
export async function openPglite(dir: string): Promise<Store> {
  fs.mkdirSync(dir, { recursive: true });
  const release = acquireDirLock(dir);
  try {
    const client = await PGlite.create(dir);
    const db = drizzlePglite({ client, schema }) as unknown as Db;
    const close = async () => {
      try {
        await client.close();
      } finally {
        release();
      }
    };
    try {
      await migrateDb(db, "pglite");
    } catch (e) {
      await close();
      throw e;
    }
    return { db, driver: "pglite", close, where: dir };
  } catch (e) {
    release();
    throw e;
  }
}

/** A postgres.js client with the store's options; the primary and the read replica (DATABASE_READ_URL) share them. */
function connect(url: string) {
  // While the server is down, a page must fail fast and, once it is back, recover at once: connect_timeout bounds a
  // server that does not answer (host down, network cut) at 10 s instead of 30; backoff is how long a connection waits
  // before connecting again after a failure, and a request waits with it — postgres.js's default grows to 10–20 s
  // after a few dozen refusals, so it is capped at 1 s (reconnects happen only when a request needs one).
  return postgres(url, {
    max: 10,
    onnotice: () => {},
    // JIT compiles each dashboard statement anew (100–580 ms measured on the 10k store) for plans that run in tens of ms.
    connection: { jit: "off" },
    connect_timeout: 10,
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
  });
}

export async function openPostgres(url: string): Promise<Store> {
  const client = connect(url);
  const db = drizzlePostgres({ client, schema }) as unknown as Db;
  try {
    await migrateDb(db, "postgres");
  } catch (e) {
    await client.end();
    throw e;
  }
  return { db, driver: "postgres", close: () => client.end(), where: redact(url) };
}

/**
 * A client for a streaming replica (a hot standby of the DATABASE_URL server). Never migrated: a standby is
 * read-only and receives the primary's schema by replication. postgres.js connects on the first query.
 */
function openReadReplica(url: string): Store {
  const client = connect(url);
  const db = drizzlePostgres({ client, schema }) as unknown as Db;
  return { db, driver: "postgres", close: () => client.end(), where: redact(url) };
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}

/**
 * DATABASE_READ_URL, or undefined when unset. A replica only makes sense beside a PostgreSQL primary: with PGlite
 * loads would go to a file the replica never sees, so that combination stops the process with a clear message.
 */
function readReplicaUrl(): string | undefined {
  const read = process.env.DATABASE_READ_URL;
  if (!read) return undefined;
  if (!process.env.DATABASE_URL) {
    throw new Error(
      "设置了 DATABASE_READ_URL（只读副本）却没有设置 DATABASE_URL：只读副本须配合 PostgreSQL 主库使用，不能配合内嵌的 PGlite。" +
        "请把 DATABASE_URL 设为主库地址，或删除 DATABASE_READ_URL。",
    );
  }
  return read;
}

// Memoised on globalThis, not in module scope: Next's HMR and its separate server bundles re-evaluate this
// module, and each evaluation would otherwise open (and lock) the store again.
const g = globalThis as typeof globalThis & { __fiscalLensStore?: Promise<Store>; __fiscalLensReadStore?: Store };

/** The store of this process: postgres.js when DATABASE_URL is set, else PGlite in PGLITE_DIR (default .data/pglite). */
export function getStore(): Promise<Store> {
  if (!g.__fiscalLensStore) {
    try {
      readReplicaUrl(); // DATABASE_READ_URL without DATABASE_URL: refuse at startup, before anything is opened
    } catch (e) {
      return Promise.reject(e);
    }
    const url = process.env.DATABASE_URL;
    const opening = url ? openPostgres(url) : openPglite(pgliteDir());
    g.__fiscalLensStore = opening;
    // A failed open (locked directory, server down) must not stick: the next call tries again.
    opening.catch(() => {
      if (g.__fiscalLensStore === opening) g.__fiscalLensStore = undefined;
    });
  }
  return g.__fiscalLensStore;
}

export async function getDb(): Promise<Db> {
  return (await getStore()).db;
}

/**
 * Where dashboard reads go: the replica at DATABASE_READ_URL when set (one client per process, memoised like the
 * store), else the store itself. A replica may lag: it shows a load a moment later, never half of one, as each
 * load is one transaction and a standby applies a transaction's rows at its commit record. Writers use getDb().
 */
export async function getReadDb(): Promise<Db> {
  const url = readReplicaUrl();
  if (!url) return getDb();
  g.__fiscalLensReadStore ??= openReadReplica(url);
  return g.__fiscalLensReadStore.db;
}

/** Closes the process's store (and, for PGlite, releases the directory lock) and the read replica's client. Safe to call when nothing is open. */
export async function closeDb(): Promise<void> {
  const opening = g.__fiscalLensStore;
  const replica = g.__fiscalLensReadStore;
  g.__fiscalLensStore = undefined;
  g.__fiscalLensReadStore = undefined;
  try {
    await replica?.close();
  } finally {
    const store = await opening?.catch(() => null);
    await store?.close();
  }
}
