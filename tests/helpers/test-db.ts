import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, beforeAll, describe } from "vitest";
import { migrateDb } from "../../db/migrate";
import * as schema from "../../db/schema";
import type { Db, Driver } from "../../db/types";

export type TestDb = {
  db: Db;
  driver: Driver;
  label: string;
  close: () => Promise<void>;
  /** Postgres only: the URL of the fresh database, for code under test that opens its own connection */
  url?: string;
};

/** A fresh in-memory PGlite, migrated with the real migration files (not a schema push, so they are tested too). */
async function createPgliteTestDb(): Promise<TestDb> {
  const client = await PGlite.create();
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  await migrateDb(db, "pglite");
  return { db, driver: "pglite", label: "PGlite", close: () => client.close() };
}

/**
 * A fresh database on the TEST_DATABASE_URL server, dropped on close. A database rather than a schema because
 * drizzle-kit writes foreign keys as "public"."table", which a search_path cannot redirect.
 */
export async function createPostgresTestDb(url: string): Promise<TestDb> {
  const name = `fiscal_lens_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const client = postgres(dbUrl.toString(), { max: 4, onnotice: () => {} });
  const db = drizzlePostgres({ client, schema }) as unknown as Db;
  const close = async () => {
    await client.end();
    await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  };
  try {
    await migrateDb(db, "postgres");
  } catch (e) {
    await close();
    throw e;
  }
  return { db, driver: "postgres", label: "Postgres", close, url: dbUrl.toString() };
}

export type DbTarget = { label: string; create: () => Promise<TestDb> };

/** PGlite always; Postgres too when TEST_DATABASE_URL is set. */
export function dbTargets(): DbTarget[] {
  const targets: DbTarget[] = [{ label: "PGlite", create: createPgliteTestDb }];
  const url = process.env.TEST_DATABASE_URL;
  if (url) targets.push({ label: "Postgres", create: () => createPostgresTestDb(url) });
  return targets;
}

/**
 * Runs `fn` as a describe block once per available database, with a fresh migrated database for the block.
 * `get()` is valid inside tests and hooks, not while the block is being declared.
 */
export function forEachDb(name: string, fn: (get: () => TestDb) => void): void {
  for (const target of dbTargets()) {
    describe(`${name} [${target.label}]`, () => {
      let t: TestDb | undefined;
      beforeAll(async () => {
        t = await target.create();
      });
      afterAll(async () => {
        await t?.close();
      });
      fn(() => {
        if (!t) throw new Error("test database not ready (use get() inside a test or hook)");
        return t;
      });
    });
  }
}
