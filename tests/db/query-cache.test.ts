import { readFileSync } from "node:fs";
import path from "node:path";
import type { SQL } from "drizzle-orm";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { loadReport } from "../../db/load";
import { getYearFigures, getYears } from "../../db/queries/figures";
import { rows } from "../../db/queries/sql";
import type { Db } from "../../db/types";
import { parseDocument } from "../../lib/ingest/parse";
import { makeReport, mutate } from "../helpers/factories";
import { forEachDb } from "../helpers/test-db";

const DOCS = path.resolve(import.meta.dirname, "../fixtures/documents");
const seed = (file: string) => parseDocument(file, new Uint8Array(readFileSync(path.join(DOCS, file))));
const g = globalThis as typeof globalThis & { __fiscalLensStore?: Promise<unknown> };

/*
 * The dashboards' statements are cached per store until the next load commits. What is shown: a repeated statement
 * does not reach the database again; a load (new report or new revision) makes the next read fresh; concurrent
 * requests for the same statement share one execution; cached rows cannot be edited by a caller.
 */
forEachDb("query cache", (get) => {
  let statements: string[] = [];
  let db: Db;

  beforeAll(async () => {
    const t = get();
    // Count what reaches the database: a proxy over the test database, injected as the process store.
    db = new Proxy(t.db, {
      get(target, prop, receiver) {
        if (prop === "execute") {
          return (q: SQL) => {
            statements.push(
              q.queryChunks.map((c) => (typeof c === "object" && c && "value" in c ? String(c.value) : "?")).join(""),
            );
            return (target as unknown as { execute: (q: SQL) => Promise<unknown> }).execute(q);
          };
        }
        return Reflect.get(target, prop, receiver);
      },
    });
    g.__fiscalLensStore = Promise.resolve({ db, driver: t.driver, close: async () => {}, where: t.label });
    await loadReport(t.db, seed("004_fcc6ab7362c41973.txt"), { findings: [], completeness: "90" });
  });

  afterAll(() => {
    g.__fiscalLensStore = undefined;
  });

  const analytic = () => statements.filter((s) => !s.includes("max(id)"));

  test("a repeated statement is answered from the cache; a load makes it fresh", async () => {
    statements = [];
    const first = await getYearFigures(2023, true);
    expect(first.map((r) => r.department)).toEqual(["烟台市人民政府办公室"]);
    expect(analytic()).toHaveLength(1);

    const again = await getYearFigures(2023, true);
    expect(again).toEqual(first);
    expect(analytic()).toHaveLength(1); // not executed again
    expect(await getYearFigures(2023, false)).toEqual(first); // a different statement runs
    expect(analytic()).toHaveLength(2);

    await loadReport(get().db, seed("000_de383ccec50b5c0e.txt"), { findings: [], completeness: "80" });
    const after = await getYearFigures(2023, true);
    expect(after.map((r) => r.department).sort()).toEqual(["烟台市人民政府办公室", "烟台市大数据局"].sort());
    expect(analytic()).toHaveLength(3);
  });

  test("a new revision of a loaded report is seen at once", async () => {
    const before = await getYearFigures(2023, true);
    const office = before.find((r) => r.department === "烟台市人民政府办公室")!;
    const revised = mutate(seed("004_fcc6ab7362c41973.txt"), (r) => {
      r.source.sha256 = "f".repeat(64);
    });
    const res = await loadReport(get().db, revised, { findings: [], completeness: "70" });
    expect(res.status).toBe("revised");
    const after = (await getYearFigures(2023, true)).find((r) => r.department === "烟台市人民政府办公室")!;
    expect(after.reportId).not.toBe(office.reportId);
    expect(Number(after.completeness)).toBe(70);
  });

  test("concurrent requests for one cold statement share one execution", async () => {
    await loadReport(get().db, makeReport({ year: 2021 }), { findings: [], completeness: "60" });
    statements = [];
    const all = await Promise.all(Array.from({ length: 8 }, () => getYears(true)));
    expect(all.every((y) => y.join() === "2023,2021")).toBe(true);
    expect(analytic()).toHaveLength(1);
  });

  test("cached rows are the cache's own: a caller cannot change what the next request sees", async () => {
    const q = sql`select year::int as year from reports where is_latest order by year`;
    const a = await rows<{ year: number }>(q);
    a.pop();
    expect(() => {
      (a[0] as { year: number }).year = 1999;
    }).toThrow(TypeError);
    const b = await rows<{ year: number }>(q);
    expect(b.map((r) => r.year)).toEqual([2021, 2023, 2023]);
  });
});
