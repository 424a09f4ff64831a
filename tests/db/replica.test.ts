import { sql, type SQL } from "drizzle-orm";
import { setTimeout as sleep } from "node:timers/promises";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { closeDb, getDb, getReadDb, getStore } from "../../db/client";
import { RESTATED_PRIOR_YEAR } from "../../db/cross-year";
import { loadReport, loadReports, type BatchItem } from "../../db/load";
import { getDepartmentList, getDepartmentReport } from "../../db/queries/department";
import { getOverview } from "../../db/queries/overview-flags";
import { rows } from "../../db/queries/sql";
import type { Db } from "../../db/types";
import { computeCompleteness } from "../../lib/audit/completeness";
import { auditReport } from "../../lib/audit/run";
import type { Report } from "../../lib/report/schema";
import { generateCity } from "../../lib/synth/city";
import { clusterUnavailableReason, createCluster, createStandby, type Cluster } from "../helpers/pg-cluster";
import { revise } from "./fixtures";

/*
 * Issue #5 item 6: dashboard reads from a streaming replica (DATABASE_READ_URL), loads to the primary (DATABASE_URL).
 * A real primary and a hot standby made by pg_basebackup -R (tests/helpers/pg-cluster.ts), both on loopback.
 */
const unavailable = clusterUnavailableReason();
const DB_NAME = "fiscal_lens";

const exec = async <T>(db: Db, q: SQL): Promise<T[]> => {
  const res = (await db.execute(q)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(res) ? res : (res.rows ?? []);
};

/** Sets (or, with undefined, deletes) env vars and forgets the memoised clients, so the next call opens afresh. */
async function useEnv(vars: Record<string, string | undefined>): Promise<void> {
  await closeDb();
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
}

/**
 * Waits (bounded) until the standby has replayed everything the primary has written so far. The insert position,
 * not pg_current_wal_lsn(): the throwaway clusters run with synchronous_commit = off, so a commit that has
 * returned may still sit in the WAL buffers, past the write position.
 */
async function waitForReplay(primary: Db, standby: Db, timeoutMs = 60_000): Promise<void> {
  const [{ lsn }] = await exec<{ lsn: string }>(primary, sql`select pg_current_wal_insert_lsn()::text as lsn`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [{ done, at }] = await exec<{ done: boolean; at: string }>(
      standby,
      sql`select pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn as done, pg_last_wal_replay_lsn()::text as at`,
    );
    if (done) return;
    if (Date.now() > deadline) throw new Error(`standby still at ${at} after ${timeoutMs} ms, primary at ${lsn}`);
    await sleep(10);
  }
}

const item = (report: Report): BatchItem => ({
  report,
  findings: auditReport(report),
  completeness: computeCompleteness(report),
});

/** A corrected document: same department, year and scope, different bytes → the next revision. */
const corrected = (r: Report, tag: string) =>
  revise(r, (x) => (x.overview!.duties = `${x.overview!.duties}（${tag}）`), tag);

type Counts = {
  k: string;
  dys: string;
  is_latest: boolean;
  table_rows: number;
  table_cells: number;
  figures: number;
  narrative_changes: number;
  execution_items: number;
  projects: number;
  indicators: number;
  findings: number;
};

/**
 * Every visible report with the number of its rows in every child table, in ONE statement (one snapshot).
 * RESTATED_PRIOR_YEAR findings are left out: by design a later load of the next year refreshes them.
 */
const COUNTS = sql`
  select d.name || '|' || r.year || '|' || r.scope || '|' || r.revision as k, d.name || '|' || r.year || '|' || r.scope as dys, r.is_latest,
    (select count(*) from table_rows x where x.report_id = r.id)::int as table_rows,
    (select count(*) from table_cells x where x.report_id = r.id)::int as table_cells,
    (select count(*) from figures x where x.report_id = r.id)::int as figures,
    (select count(*) from narrative_changes x where x.report_id = r.id)::int as narrative_changes,
    (select count(*) from execution_items x where x.report_id = r.id)::int as execution_items,
    (select count(*) from performance_projects x where x.report_id = r.id)::int as projects,
    (select count(*) from performance_indicators i join performance_projects p on p.id = i.project_id where p.report_id = r.id)::int as indicators,
    (select count(*) from findings x where x.report_id = r.id and x.rule <> ${RESTATED_PRIOR_YEAR})::int as findings
  from reports r join departments d on d.id = r.department_id order by k`;

describe.skipIf(unavailable !== null)(
  `reads from a streaming replica${unavailable ? ` (skipped: ${unavailable})` : ""}`,
  () => {
    let primary: Cluster | undefined;
    let standby: Cluster | undefined;
    const saved = {
      DATABASE_URL: process.env.DATABASE_URL,
      DATABASE_READ_URL: process.env.DATABASE_READ_URL,
      PGLITE_DIR: process.env.PGLITE_DIR,
    };
    let env: { DATABASE_URL: string; DATABASE_READ_URL: string };

    // 12 departments × 2 years: the first 3 departments load first, the other 9 in the watched batch.
    const city = generateCity({ departments: 12, years: [2022, 2023], seed: 20240605 }).reports;
    const names = [...new Set(city.map((r) => r.department))];
    const first = city.filter((r) => names.indexOf(r.department) < 3);
    const rest = city.filter((r) => names.indexOf(r.department) >= 3);

    beforeAll(async () => {
      primary = await createCluster();
      // The standby is cloned before the application database exists: everything below reaches it by streaming.
      standby = await createStandby(primary);
      const admin = postgres(primary.url(), { max: 1, onnotice: () => {} });
      const standbyAdmin = postgres(standby.url(), { max: 1, onnotice: () => {} });
      try {
        await admin.unsafe(`create database ${DB_NAME}`);
        await waitForReplay(
          drizzle({ client: admin }) as unknown as Db,
          drizzle({ client: standbyAdmin }) as unknown as Db,
        );
      } finally {
        await admin.end();
        await standbyAdmin.end();
      }
      env = { DATABASE_URL: primary.url(DB_NAME), DATABASE_READ_URL: standby.url(DB_NAME) };
    });

    afterAll(async () => {
      try {
        await useEnv(saved);
      } finally {
        standby?.destroy();
        primary?.destroy();
      }
    });

    test("DATABASE_READ_URL without DATABASE_URL is refused with a clear message; unset, reads use the store", async () => {
      await useEnv({ DATABASE_URL: undefined, DATABASE_READ_URL: env.DATABASE_READ_URL });
      await expect(getStore()).rejects.toThrow(/DATABASE_READ_URL.*DATABASE_URL/);
      await expect(getReadDb()).rejects.toThrow(/PGlite/);
      await useEnv({ DATABASE_URL: env.DATABASE_URL, DATABASE_READ_URL: undefined });
      expect(await getReadDb()).toBe(await getDb());
      await useEnv({});
    });

    test("rows() reads from the standby, loads go to the primary", async () => {
      await useEnv(env);
      const db = await getDb(); // opens and migrates the primary
      const read = await getReadDb();
      expect(read).not.toBe(db);
      await waitForReplay(db, read); // the migration reaches the standby before rows() reads its data version
      expect(await exec<{ r: boolean }>(db, sql`select pg_is_in_recovery() as r`)).toEqual([{ r: false }]);
      expect(
        await rows<{ r: boolean; port: number }>(sql`select pg_is_in_recovery() as r, inet_server_port() as port`),
      ).toEqual([{ r: true, port: standby!.port }]);
      // The standby is read-only: nothing can be written through the read client.
      const refused = await exec(read, sql`create table nope (x int)`).catch(
        (e: { cause?: { code?: string } }) => e.cause?.code,
      );
      expect(refused).toBe("25006"); // read_only_sql_transaction

      const outcomes = await loadReports(db, first.map(item));
      expect(outcomes.every((o) => o.ok && o.result.status === "created")).toBe(true);
      await waitForReplay(db, read);

      // The real query functions, through the standby …
      const list = await getDepartmentList(true);
      expect(list.map((d) => d.department).sort()).toEqual(names.slice(0, 3).sort());
      expect(list.every((d) => d.years.join() === "2022,2023")).toBe(true);
      const overview = await getOverview(2023, true);
      expect(overview.totals.reports).toBe(3);

      // … give what the primary gives once the standby has replayed.
      await useEnv({ DATABASE_READ_URL: undefined });
      expect(await rows(sql`select pg_is_in_recovery() as r`)).toEqual([{ r: false }]);
      expect(await getDepartmentList(true)).toEqual(list);
      expect(await getOverview(2023, true)).toEqual(overview);
      await useEnv(env);
    });

    test("right after a load the standby may show the previous revision, then the new one, never a mix", async () => {
      await useEnv(env);
      const db = await getDb();
      const read = await getReadDb();
      const original = first.find((r) => r.year === 2023)!;
      const [{ departmentId }] = (await getDepartmentList(true)).filter((d) => d.department === original.department);

      // Hold replay on the standby: it keeps streaming WAL but applies none of it — the worst case of replica lag.
      await exec(read, sql`select pg_wal_replay_pause()`);
      try {
        for (let i = 0; ; i++) {
          const [{ state }] = await exec<{ state: string }>(read, sql`select pg_get_wal_replay_pause_state() as state`);
          if (state === "paused") break;
          if (i > 3000) throw new Error(`standby replay not paused: ${state}`);
          await sleep(10);
        }
        const result = await loadReport(db, corrected(original, "更正"), { findings: auditReport(original) });
        expect(result).toMatchObject({ status: "revised", revision: 2 });

        const stale = await getDepartmentReport(departmentId, 2023);
        expect(stale).toMatchObject({ revision: 1, report: { overview: { duties: original.overview!.duties } } });
        expect(stale!.revisions.map((r) => r.revision)).toEqual([1]);
        expect(Object.keys(stale!.figures).length).toBeGreaterThan(10);
      } finally {
        await exec(read, sql`select pg_wal_replay_resume()`);
      }
      await waitForReplay(db, read);
      const fresh = await getDepartmentReport(departmentId, 2023);
      expect(fresh).toMatchObject({
        revision: 2,
        report: { overview: { duties: `${original.overview!.duties}（更正）` } },
      });
      expect(fresh!.revisions.map((r) => [r.revision, r.isLatest])).toEqual([
        [2, true],
        [1, false],
      ]);
    });

    test("while a batch (with revisions) loads through the primary, every report the standby shows is complete", async () => {
      await useEnv(env);
      const db = await getDb();
      const read = await getReadDb();
      const revisedLater = rest.find((r) => r.year === 2023)!;
      const batch = [...rest, corrected(revisedLater, "批内更正"), corrected(first[0], "再次更正")].map(item);

      const observations: Counts[][] = [];
      const lagBytes: number[] = [];
      let done = false;
      const poll = async () => {
        while (!done) observations.push(await rows<Counts>(COUNTS));
        observations.push(await rows<Counts>(COUNTS));
      };
      const sampleLag = async () => {
        while (!done) {
          const lag = await exec<{ bytes: string | null }>(
            db,
            sql`select pg_wal_lsn_diff(pg_current_wal_insert_lsn(), replay_lsn)::text as bytes from pg_stat_replication`,
          );
          if (lag[0]?.bytes != null) lagBytes.push(Number(lag[0].bytes));
          await sleep(20);
        }
      };
      const started = Date.now();
      const polling = Promise.all([poll(), sampleLag()]);
      let outcomes;
      try {
        outcomes = await loadReports(db, batch, { concurrency: 3 });
      } finally {
        const loadMs = Date.now() - started;
        await waitForReplay(db, read).finally(() => (done = true));
        await polling;
        console.log(
          `[replica] batch of ${batch.length} loaded in ${loadMs} ms, standby caught up ${Date.now() - started - loadMs} ms later; ` +
            `${observations.length} snapshots polled, ${new Set(observations.map((o) => o.length)).size} distinct report counts seen, ` +
            `max replay lag ${Math.max(0, ...lagBytes)} bytes over ${lagBytes.length} samples`,
        );
      }
      expect(outcomes.map((o) => (o.ok ? o.result.status : String(o.error)))).toEqual([
        ...rest.map(() => "created"),
        "revised",
        "revised",
      ]);

      // What each report holds fully loaded, read on the primary.
      const full = new Map((await exec<Counts>(db, COUNTS)).map((c) => [c.k, c]));
      expect(full.size).toBe(first.length + 1 + rest.length + 2);
      for (const c of full.values()) expect(c.table_cells).toBeGreaterThan(0);
      const last = observations.at(-1)!;
      expect(last.length).toBe(full.size);

      for (const snapshot of observations) {
        for (const c of snapshot)
          expect(c, `${c.k} as the standby showed it`).toEqual({ ...full.get(c.k)!, is_latest: c.is_latest });
        const latestPer = new Map<string, number>();
        for (const c of snapshot) latestPer.set(c.dys, (latestPer.get(c.dys) ?? 0) + (c.is_latest ? 1 : 0));
        for (const [dys, n] of latestPer) expect(n, `latest revisions of ${dys}`).toBe(1);
      }
      expect(last.filter((c) => c.is_latest)).toEqual([...full.values()].filter((c) => c.is_latest));
    });
  },
);
