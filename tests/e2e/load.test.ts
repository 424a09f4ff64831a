/**
 * The bounded load test of issue 6, shortened for CI: the production app (`next start`, PGlite with the bundled
 * samples and the 200-report demo city, as `npm start` serves it) under 50 concurrent clients for about 10 s
 * (LOAD_SECONDS to change), cycling over every dashboard page, one department's review pack, a CSV export and a JSON
 * dataset. Every request must succeed: no network error, no non-2xx, no error page. The p50 / p99 table is printed
 * for the log; time never decides the outcome. The full run is `npm run bench -- load` (50 clients × 60 s).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTable, runClosedLoop, warmUp, type LoadResult } from "../../scripts/bench/load";
import { benchPaths, departmentIdFromApp } from "../../scripts/bench/paths";
import { startApp, type RunningApp } from "./server";

const CLIENTS = 50;
const SECONDS = Number(process.env.LOAD_SECONDS) > 0 ? Number(process.env.LOAD_SECONDS) : 10;

describe(`load: ${CLIENTS} clients × ${SECONDS} s over every page`, () => {
  let app: RunningApp;
  let paths: string[];
  let result: LoadResult;

  beforeAll(async () => {
    app = await startApp(); // DEMO_CITY is not 0: samples + demo city
    const departmentId = await departmentIdFromApp(app.url);
    expect(departmentId).toBeDefined();
    paths = benchPaths(departmentId!);
    // The first request of each route loads its code; that is start-up, not load.
    await warmUp(app.url, paths, 1);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("serves the store it was given: the two samples and the demo city's 40 departments", async () => {
    const res = await fetch(`${app.url}/api/departments?synthetic=1`);
    const body = (await res.json()) as { rows: { synthetic: boolean }[] };
    expect(body.rows.filter((r) => r.synthetic).length).toBe(40);
    expect(body.rows.filter((r) => !r.synthetic).length).toBeGreaterThanOrEqual(1);
  });

  it(
    "answers every request without an error",
    async () => {
      result = await runClosedLoop({
        baseUrl: app.url,
        paths,
        clients: CLIENTS,
        durationMs: SECONDS * 1000,
        timeoutMs: 60_000,
      });
      console.log(
        [
          `closed loop, ${CLIENTS} clients × ${SECONDS} s: ${result.requests} requests, ${result.throughput.toFixed(1)}/s, ${result.errors} errors`,
          ...loadTable(result),
        ].join("\n"),
      );
      for (const p of result.paths) {
        expect(p.requests, p.path).toBeGreaterThan(0);
        expect(p.errors, `${p.path}: ${p.errorSamples.join("; ")}`).toBe(0);
      }
      expect(result.errors).toBe(0);
      expect(result.paths.map((p) => p.path)).toEqual(paths);
    },
    60_000 + SECONDS * 1000 + 60_000,
  );

  it("still serves every page once the load is over", async () => {
    // a server left wedged by the load (a lost PGlite connection, a crashed worker) would fail here
    expect(await warmUp(app.url, paths, 1)).toEqual([]);
  });
});
