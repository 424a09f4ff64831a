import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { generateCity } from "../../lib/synth/city";
import { clusterUnavailableReason, createCluster, type Cluster } from "../helpers/pg-cluster";
import { startApp, type RunningApp } from "./server";

/**
 * The rendered-page cache (app/_lib/rendered-cache.ts) under a running `next start` on PostgreSQL: a page asked for
 * twice is answered the second time without rendering, and a load made by another process — `cli ingest`, run as
 * its own process against the same database — shows on the running server's next request.
 */
const unavailable = clusterUnavailableReason();
if (unavailable) console.warn(`rendered-cache.test.ts skipped: ${unavailable}`);
const run = unavailable ? describe.skip : describe;

const root = path.resolve(import.meta.dirname, "../..");

run("rendered pages and loads made elsewhere", () => {
  let cluster: Cluster;
  let app: RunningApp;
  let dbUrl: string;
  let docs: string;
  // two departments the store does not hold: a city of its own name, as canonical JSON for the CLI
  const { reports } = generateCity({ departments: 2, years: [2023], seed: 7, cityName: "缓存测试市" });
  const names = [...new Set(reports.map((r) => r.department))];

  beforeAll(async () => {
    cluster = await createCluster();
    const admin = postgres(cluster.url(), { max: 1, onnotice: () => {} });
    try {
      await admin`CREATE DATABASE app`;
    } finally {
      await admin.end();
    }
    dbUrl = cluster.url("app");
    app = await startApp({ DATABASE_URL: dbUrl, DEMO_CITY: "0" });
    docs = mkdtempSync(path.join(os.tmpdir(), "fiscal-lens-rendered-"));
    reports.forEach((r, i) => writeFileSync(path.join(docs, `${i}.json`), JSON.stringify(r)));
  });
  afterAll(async () => {
    await app?.stop();
    cluster?.destroy();
    if (docs) rmSync(docs, { recursive: true, force: true });
  });

  const get = async (p: string, init?: RequestInit) => {
    const r = await fetch(app.url + p, init);
    return {
      status: r.status,
      state: r.headers.get("x-rendered-cache"),
      body: await r.text(),
      encoding: r.headers.get("content-encoding"),
    };
  };

  test("each dashboard page served through the cache is that page, not another one", async () => {
    // a rewritten request keeps its original URL: the cache once cut its prefix off that and served / for /sangong
    const titles: [string, string][] = [
      ["/", "总览"],
      ["/departments", "部门"],
      ["/structure", "支出结构"],
      ["/execution", "预算执行"],
      ["/procurement", "政府采购"],
      ["/sangong", "三公"],
      ["/performance", "绩效"],
      ["/benchmark", "对标"],
      ["/quality", "数据质量"],
      ["/budget-review", "预算审查"],
    ];
    for (const [p, title] of titles) {
      const page = await get(p);
      expect([p, page.status]).toEqual([p, 200]);
      const h1 = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(page.body)?.[1].replace(/<[^>]+>/g, "") ?? "";
      expect([p, h1.includes(title)]).toEqual([p, true]);
    }
  });

  test("a page asked for again is the kept one, for each demo-city choice; navigations are not kept", async () => {
    const first = await get("/departments?synthetic=1");
    expect(first.status).toBe(200);
    const again = await get("/departments?synthetic=1");
    expect(again.state).toBe("hit");
    expect(again.body).toBe(first.body);

    // the cookie is part of the key: the real-only list and the list with the demo city are different pages
    const viaCookie = await get("/departments", { headers: { cookie: "fl_demo_city=1" } });
    expect(viaCookie.state).toBe("miss");
    expect((await get("/departments", { headers: { cookie: "fl_demo_city=1" } })).state).toBe("hit");

    // a client-side navigation (a React payload) is passed through to the page and not kept; the JSON is not touched
    for (let i = 0; i < 2; i++) {
      const nav = await fetch(app.url + "/departments", { headers: { rsc: "1" } });
      expect(nav.status).toBe(200);
      expect(nav.headers.get("content-type")).toContain("text/x-component");
      expect(nav.headers.get("x-rendered-cache")).toBe("through");
    }
  });

  test("a download or JSON asked for again is the kept answer, with its headers; an unknown dataset is not kept", async () => {
    for (const p of ["/api/departments?synthetic=1", "/export/departments?synthetic=1"]) {
      const first = await fetch(app.url + p);
      expect([p, first.status]).toEqual([p, 200]);
      const body = await first.text();
      const again = await fetch(app.url + p);
      expect([p, again.headers.get("x-rendered-cache")]).toEqual([p, "hit"]);
      expect(again.headers.get("content-type")).toBe(first.headers.get("content-type"));
      expect(again.headers.get("content-disposition")).toBe(first.headers.get("content-disposition"));
      expect(await again.text()).toBe(body);
    }
    for (let i = 0; i < 2; i++) {
      const missing = await get("/api/no-such-dataset");
      expect([missing.status, missing.state]).toEqual([404, "miss"]);
    }
  });

  test("a load by `cli ingest` in another process shows on the running server's next request", async () => {
    const before = await get("/departments?synthetic=1");
    expect(before.state).toBe("hit");
    for (const n of names) expect(before.body).not.toContain(n);
    for (const p of ["/api/departments?synthetic=1", "/export/departments?synthetic=1"]) {
      const data = await get(p);
      expect([p, data.state]).toEqual([p, "hit"]);
      for (const n of names) expect(data.body).not.toContain(n);
    }

    const cli = spawnSync("npx", ["tsx", "scripts/cli.ts", "ingest", docs], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: dbUrl, PGLITE_DIR: "" },
      encoding: "utf8",
    });
    expect(cli.status, cli.stderr + cli.stdout).toBe(0);
    expect(cli.stdout).toContain(`已载入 ${reports.length} 份`);

    const after = await get("/departments?synthetic=1");
    expect(after.status).toBe(200);
    expect(after.state).toBe("miss");
    for (const n of names) expect(after.body).toContain(n);
    expect((await get("/departments?synthetic=1")).state).toBe("hit");
    // the kept downloads move with the data too
    for (const p of ["/api/departments?synthetic=1", "/export/departments?synthetic=1"]) {
      const data = await get(p);
      expect([p, data.state]).toEqual([p, "miss"]);
      for (const n of names) expect(data.body).toContain(n);
    }

    // the same file again changes nothing in the store: the kept page stays
    const again = spawnSync("npx", ["tsx", "scripts/cli.ts", "ingest", docs], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: dbUrl, PGLITE_DIR: "" },
      encoding: "utf8",
    });
    expect(again.status, again.stderr + again.stdout).toBe(0);
    expect((await get("/departments?synthetic=1")).state).toBe("hit");
  });
});
