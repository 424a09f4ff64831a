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

export async function openPostgres(url: string): Promise<Store> {
  const client = postgres(url, { max: 10, onnotice: () => {} });
  const db = drizzlePostgres({ client, schema }) as unknown as Db;
  try {
    await migrateDb(db, "postgres");
  } catch (e) {
    await client.end();
    throw e;
  }
  return { db, driver: "postgres", close: () => client.end(), where: redact(url) };
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}

// Memoised on globalThis, not in module scope: Next's HMR and its separate server bundles re-evaluate this
// module, and each evaluation would otherwise open (and lock) the store again.
const g = globalThis as typeof globalThis & { __fiscalLensStore?: Promise<Store> };

/** The store of this process: postgres.js when DATABASE_URL is set, else PGlite in PGLITE_DIR (default .data/pglite). */
export function getStore(): Promise<Store> {
  if (!g.__fiscalLensStore) {
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

/** Closes the process's store and, for PGlite, releases the directory lock. Safe to call when nothing is open. */
export async function closeDb(): Promise<void> {
  const opening = g.__fiscalLensStore;
  g.__fiscalLensStore = undefined;
  if (!opening) return;
  const store = await opening.catch(() => null);
  await store?.close();
}
