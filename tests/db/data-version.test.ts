import { spawn } from "node:child_process";
import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readDataVersion, readVersionAndBatch, withLoadBatch } from "../../db/data-version";
import { loadReport } from "../../db/load";
import { migrateDb } from "../../db/migrate";
import * as schema from "../../db/schema";
import type { Db } from "../../db/types";
import { generateCity } from "../../lib/synth/city";
import { clusterUnavailableReason, createCluster, type Cluster } from "../helpers/pg-cluster";
import { forEachDb } from "../helpers/test-db";

/**
 * The data version moves with every committed load; a batch of loads is seen as running — in its own process, and
 * on PostgreSQL by every other process, through the advisory lock it holds — until its last load is done, or its
 * process dies.
 */
const { reports } = generateCity({ departments: 2, years: [2023], seed: 11 });

forEachDb("data version and load batches", (get) => {
  test("each load moves the version; a batch runs until its function returns, or throws", async () => {
    const { db } = get();
    const v0 = await readDataVersion(db);
    expect(await readVersionAndBatch(db, db)).toEqual({ version: v0, batchRunning: false });
    const seen: { version: string; batchRunning: boolean }[] = [];
    await withLoadBatch(db, async () => {
      for (const report of reports) {
        await loadReport(db, report, { findings: [] });
        seen.push(await readVersionAndBatch(db, db));
      }
    });
    expect(seen.map((s) => s.batchRunning)).toEqual([true, true]);
    expect(new Set([v0, ...seen.map((s) => s.version)]).size).toBe(3);
    expect(await readVersionAndBatch(db, db)).toEqual({ version: seen[1].version, batchRunning: false });

    await expect(withLoadBatch(db, () => Promise.reject(new Error("stop")))).rejects.toThrow("stop");
    expect((await readVersionAndBatch(db, db)).batchRunning).toBe(false);
  });
});

const unavailable = clusterUnavailableReason();
(unavailable ? describe.skip : describe)("a batch in another process, on PostgreSQL", () => {
  let cluster: Cluster;
  let client: postgres.Sql;
  let db: Db;
  beforeAll(async () => {
    cluster = await createCluster();
    client = postgres(cluster.url(), { max: 4, onnotice: () => {} });
    db = drizzle({ client, schema }) as unknown as Db;
    await migrateDb(db, "postgres");
  });
  afterAll(async () => {
    await client?.end();
    cluster?.destroy();
  });

  test("is seen as running while that process holds it, and no longer once the process is killed", async () => {
    expect((await readVersionAndBatch(db, db)).batchRunning).toBe(false);
    const child = spawn("npx", ["tsx", "tests/db/hold-load-batch.ts"], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      env: { ...process.env, URL: cluster.url() },
      stdio: "pipe",
      detached: true,
    });
    try {
      await new Promise<void>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (d) => {
          out += d;
          if (out.includes("running")) resolve();
        });
        child.stderr.on("data", (d) => (out += d));
        child.on("exit", (code) => reject(new Error(`batch process exited (${code}): ${out}`)));
      });
      expect((await readVersionAndBatch(db, db)).batchRunning).toBe(true);
    } finally {
      process.kill(-child.pid!, "SIGKILL");
    }
    // the server drops a dead session's locks once it notices the connection is gone
    for (let i = 0; i < 100 && (await readVersionAndBatch(db, db)).batchRunning; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect((await readVersionAndBatch(db, db)).batchRunning).toBe(false);
  });
});
