import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createPostgresTestDb } from "../helpers/test-db";

// Postgres only: PGlite is one process per directory (db/pglite-lock.ts), so it has no such race.
const url = process.env.TEST_DATABASE_URL;
if (!url) console.warn("migrate-concurrent.test.ts skipped: TEST_DATABASE_URL is not set");

type Exit = { code: number | null; stdout: string; stderr: string };

/** `npm run db:migrate` — the same getStore() → migrateDb an app server and the CLI run at start — as its own process. */
function migrateProcess(dbUrl: string): Promise<Exit> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: dbUrl };
  delete env.DATABASE_READ_URL;
  const child = spawn(process.execPath, ["--import", "tsx", path.resolve("scripts/migrate.ts")], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
  child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, stdout, stderr })));
}

describe.skipIf(!url)("two processes migrating one fresh Postgres database at once", () => {
  let admin: postgres.Sql;
  let dbUrl: string;
  let name: string;
  let alone: { migrations: number; subjects: number };

  beforeAll(async () => {
    admin = postgres(url!, { max: 1, onnotice: () => {} });
    name = `fiscal_lens_race_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
    await admin.unsafe(`CREATE DATABASE "${name}"`);
    const u = new URL(url!);
    u.pathname = `/${name}`;
    dbUrl = u.toString();
    // What one process alone leaves behind, to compare the racing pair with.
    const single = await createPostgresTestDb(url!);
    try {
      alone = await counts(single.url!);
    } finally {
      await single.close();
    }
  });
  afterAll(async () => {
    await admin?.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin?.end();
  });

  async function counts(target: string) {
    const c = postgres(target, { max: 1, onnotice: () => {} });
    try {
      const [m] = await c`select count(*)::int as n from drizzle.__drizzle_migrations`;
      const [s] = await c`select count(*)::int as n from subjects`;
      return { migrations: m.n as number, subjects: s.n as number };
    } finally {
      await c.end();
    }
  }

  test("both succeed, each migration is applied once and the reference subjects are seeded once", async () => {
    // A gate instead of a race against the clock: an uncommitted CREATE SCHEMA "drizzle" makes the first thing
    // drizzle's migrator does block. Once both processes wait on a lock inside the database — both on the schema
    // without the advisory lock, one on the schema and one on the advisory lock with it — the gate rolls back and
    // they are released together: the worst interleaving, every run.
    const gate = postgres(dbUrl, { max: 1, onnotice: () => {} });
    const held = await gate.reserve();
    let runs: Promise<Exit>[] = [];
    try {
      await held`begin`;
      await held`create schema drizzle`;
      const [{ pid: gatePid }] = await held`select pg_backend_pid() as pid`;
      let exited = 0;
      runs = [migrateProcess(dbUrl), migrateProcess(dbUrl)].map((p) => p.finally(() => exited++));
      for (;;) {
        const [{ n }] = await admin`
          select count(*)::int as n from pg_stat_activity
          where datname = ${name} and wait_event_type = 'Lock' and pid <> ${gatePid}`;
        if (n >= 2 || exited > 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(exited, "a process finished before both were waiting at the gate").toBe(0);
    } finally {
      await held`rollback`;
      held.release();
      await gate.end();
    }

    const results = await Promise.all(runs);
    for (const r of results) expect(r, r.stderr).toMatchObject({ code: 0, stderr: "" });
    expect(await counts(dbUrl)).toEqual(alone);
    expect(alone.migrations).toBeGreaterThan(0);
    expect(alone.subjects).toBeGreaterThan(0);
  });
});
