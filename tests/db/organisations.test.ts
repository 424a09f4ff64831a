import { readFileSync } from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { loadReport } from "../../db/load";
import {
  assignUnit,
  backfillOrgKeys,
  latestOverrides,
  mergeDepartments,
  OrgOverrideError,
  unitLinks,
} from "../../db/organisations";
import { clearQueryCache } from "../../db/queries/cache";
import { getOverviewTotals } from "../../db/queries/overview-flags";
import { getStructureBreakdown } from "../../db/queries/structure";
import * as s from "../../db/schema";
import type { Db } from "../../db/types";
import { parseDocument } from "../../lib/ingest/parse";
import type { Report } from "../../lib/report/schema";
import { makeReport, mutate } from "../helpers/factories";
import { forEachDb } from "../helpers/test-db";

/*
 * 烟台市大数据局 publishes its 2023 部门决算 (seed 000: 单位构成 lists 1、烟台市大数据局本级 2、烟台市大数据中心, lines
 * 150-151). Beside it load the 单位决算 of both of its units for the same year — the 本级 one printed as
 * "烟台市大数据局（本级）" — and the 大数据中心's 2022 单位决算, a year with no 部门决算 above it. The units are the
 * factory report (本年支出合计 1005.00, 本年收入合计 1010.00, 三公 34.00, 政府采购 200.00), made real (not synthetic)
 * so that they sit in the same view as the seed.
 */
const DOCS = path.resolve(import.meta.dirname, "../fixtures/documents");
const BIG_DATA = "烟台市大数据局";
const CENTRE = "烟台市大数据中心";
const OTHER = "示例市乙局";

function factory(department: string, year: number, scope: Report["scope"], tag: string): Report {
  return mutate(makeReport({ department, year, scope }), (r) => {
    r.synthetic = false;
    r.overview.units = scope === "部门决算" ? [`${department}本级`] : [];
    r.source.sha256 = tag.padEnd(64, "0").slice(0, 64);
  });
}

const parent = () =>
  parseDocument("000_de383ccec50b5c0e.txt", new Uint8Array(readFileSync(path.join(DOCS, "000_de383ccec50b5c0e.txt"))));
const centre2023 = () => factory(CENTRE, 2023, "单位决算", "c2023");
const centre2022 = () => factory(CENTRE, 2022, "单位决算", "c2022");
const ownUnit2023 = () => factory("烟台市大数据局（本级）", 2023, "单位决算", "b2023");
const other2023 = () => factory(OTHER, 2023, "部门决算", "o2023");

const g = globalThis as typeof globalThis & { __fiscalLensStore?: Promise<unknown> };

async function load(db: Db, reports: Report[]) {
  for (const r of reports) await loadReport(db, r, { findings: [], completeness: "90" });
}

async function departmentIds(db: Db): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  for (const d of await db.select().from(s.departments)) ids[d.name] = d.id;
  return ids;
}

/** Σ over every latest report of the year: what the overview summed before units were told apart. */
async function naiveSum(db: Db, year: number, key: string): Promise<string> {
  const res =
    (await db.execute(sql`select coalesce(sum(f.value), 0)::text as v from reports r join figures f on f.report_id = r.id
    where r.is_latest and r.year = ${year} and f.key = ${key}`)) as unknown as
      | { rows?: { v: string }[] }
      | { v: string }[];
  return (Array.isArray(res) ? res : res.rows!)[0].v;
}

const ORDERS: [string, () => Report[]][] = [
  ["部门决算 first", () => [parent(), other2023(), centre2023(), ownUnit2023(), centre2022()]],
  [
    "units first (linked when their 部门 arrives)",
    () => [centre2022(), centre2023(), ownUnit2023(), other2023(), parent()],
  ],
];

for (const [order, reports] of ORDERS) {
  forEachDb(`a 部门决算 beside its own units' 单位决算, ${order}`, (get) => {
    let ids: Record<string, number> = {};

    beforeAll(async () => {
      const t = get();
      g.__fiscalLensStore = Promise.resolve({ db: t.db, driver: t.driver, close: async () => {}, where: t.label });
      await load(t.db, reports());
      ids = await departmentIds(t.db);
    });
    afterAll(() => {
      g.__fiscalLensStore = undefined;
    });

    test("the 本级 单位决算 loads into its 部门's department; the other unit is its own department, linked by key", async () => {
      expect(Object.keys(ids).sort()).toEqual([BIG_DATA, CENTRE, OTHER].sort());
      const own = await get()
        .db.select({ scope: s.reports.scope })
        .from(s.reports)
        .where(eq(s.reports.departmentId, ids[BIG_DATA]));
      expect(own.map((r) => r.scope).sort()).toEqual(["单位决算", "部门决算"]);
      const links = await unitLinks(get().db);
      expect(links.map((l) => [l.parent, l.unitName, l.unitId, l.source, l.year])).toEqual([
        [BIG_DATA, CENTRE, ids[CENTRE], "report", 2023],
      ]);
    });

    test("overview totals count each amount once: the 部门决算 and the independent department, not the units", async () => {
      const t = await getOverviewTotals(2023, false);
      // 000: 公开01表 本年收入合计 8,979.28 and 本年支出合计 8,979.11 (line 227), 公开09表 三公 决算 5.35 (line 770),
      // 政府采购支出总额 8,281.83 (line 1039); plus 示例市乙局 1010.00, 1005.00, 34.00, 200.00
      expect(t).toEqual({
        reports: 4,
        expenditure: "9984.11",
        income: "9989.28",
        sangong: "39.35",
        procurement: "8481.83",
        errors: 0,
      });
      // every latest report summed would add both units again: 2 × 1005.00
      expect(await naiveSum(get().db, 2023, "expenditureTotal")).toBe("11994.11");
    });

    test("a unit whose 部门 published no 部门决算 that year still counts", async () => {
      const t = await getOverviewTotals(2022, false);
      expect(t).toMatchObject({ reports: 1, expenditure: "1005.00", income: "1010.00", sangong: "34.00" });
    });

    test("the dashboards' sums (chosenReports) read the same reports; a unit's own view still reads it", async () => {
      const city = await getStructureBreakdown({ year: 2023, synthetic: false });
      expect(city.totals.reports).toBe(2);
      expect(city.totals.total).toBe("9984.11");
      const unit = await getStructureBreakdown({ year: 2023, synthetic: false, dept: ids[CENTRE] });
      expect(unit.totals).toMatchObject({ reports: 1, total: "1005" });
    });
  });
}

forEachDb("organisation corrections", (get) => {
  let ids: Record<string, number> = {};

  beforeAll(async () => {
    const t = get();
    g.__fiscalLensStore = Promise.resolve({ db: t.db, driver: t.driver, close: async () => {}, where: t.label });
    await load(t.db, [parent(), other2023(), centre2023()]);
    ids = await departmentIds(t.db);
  });
  afterAll(() => {
    g.__fiscalLensStore = undefined;
  });

  test("a unit assigned before it publishes is left out of the totals once it loads", async () => {
    const before = await getOverviewTotals(2023, false);
    const entry = await assignUnit(get().db, "示例市乙局信息中心", ids[OTHER], "审核员");
    expect(entry).toMatchObject({
      kind: "unit",
      fromName: "示例市乙局信息中心",
      toName: OTHER,
      userName: "审核员",
      outcome: "“示例市乙局信息中心”尚未载入；载入后按此归属",
    });
    await load(get().db, [factory("示例市乙局信息中心", 2023, "单位决算", "i2023")]);
    const after = await getOverviewTotals(2023, false);
    expect(after).toEqual({ ...before, reports: before.reports + 1 });
    const links = await unitLinks(get().db);
    expect(links.find((l) => l.unitName === "示例市乙局信息中心")).toMatchObject({
      parent: OTHER,
      source: "override",
      year: null,
    });
  });

  test("a unit cannot be assigned to itself (its 本级)", async () => {
    await expect(assignUnit(get().db, "示例市乙局（本级）", ids[OTHER], "审核员")).rejects.toThrow(OrgOverrideError);
  });

  test("a merge moves the reports, is kept, and routes later documents of the merged name", async () => {
    const db = get().db;
    await load(db, [
      factory("示例市丙局", 2021, "部门决算", "p2021"),
      factory("示例市丙局机关", 2020, "部门决算", "p2020"),
    ]);
    let d = await departmentIds(db);
    const entry = await mergeDepartments(db, d["示例市丙局机关"], d["示例市丙局"], "审核员");
    expect(entry).toMatchObject({
      kind: "merge",
      fromName: "示例市丙局机关",
      toName: "示例市丙局",
      outcome: "1 份报告并入“示例市丙局”；此后名为“示例市丙局机关”的文件载入该部门",
    });
    await load(db, [factory("示例市丙局机关", 2019, "部门决算", "p2019")]);
    d = await departmentIds(db);
    expect(d["示例市丙局机关"]).toBeUndefined();
    const years = await db
      .select({ year: s.reports.year })
      .from(s.reports)
      .where(eq(s.reports.departmentId, d["示例市丙局"]))
      .orderBy(s.reports.year);
    expect(years.map((y) => y.year)).toEqual([2019, 2020, 2021]);
    expect((await latestOverrides(db)).map((o) => o.kind)).toEqual(["merge", "unit"]);
  });

  test("a merge of two departments that both have the same year and scope is refused and changes nothing", async () => {
    const db = get().db;
    await load(db, [
      factory("示例市丁局", 2021, "部门决算", "d2021"),
      factory("示例市丁局机关", 2021, "部门决算", "e2021"),
    ]);
    const d = await departmentIds(db);
    await expect(mergeDepartments(db, d["示例市丁局机关"], d["示例市丁局"], "审核员")).rejects.toThrow(
      /都有 2021 年部门决算，无法合并/,
    );
    expect((await departmentIds(db))["示例市丁局机关"]).toBe(d["示例市丁局机关"]);
    expect(await latestOverrides(db)).toHaveLength(2);
  });

  test("migrate-time backfill: keys and links for departments that predate them; a name whose key is taken waits for a merge", async () => {
    const db = get().db;
    await db.update(s.departments).set({ orgKey: null }).where(eq(s.departments.id, ids[BIG_DATA]));
    await db.delete(s.departmentUnits).where(eq(s.departmentUnits.parentId, ids[BIG_DATA]));
    await db.insert(s.departments).values({ name: "烟台市大数据局本级" });
    clearQueryCache(); // written behind the loader's back, as an older version of the store would have left it
    expect((await getOverviewTotals(2023, false)).expenditure).toBe("10989.11"); // the link is gone: 大数据中心 counts again

    expect(await backfillOrgKeys(db)).toEqual({ keyed: 1, unkeyed: 1, links: 1 });
    clearQueryCache(); // a backfill runs at migrate time, before a process serves (and caches) anything
    const [big] = await db.select().from(s.departments).where(eq(s.departments.id, ids[BIG_DATA]));
    expect(big.orgKey).toBe(BIG_DATA);
    expect((await getOverviewTotals(2023, false)).expenditure).toBe("9984.11");
    // the leftover (no key) is offered for a merge; merging it (no reports) deletes it
    const [dup] = await db.select().from(s.departments).where(eq(s.departments.name, "烟台市大数据局本级"));
    expect(dup.orgKey).toBeNull();
    await mergeDepartments(db, dup.id, ids[BIG_DATA], "审核员");
    expect(await backfillOrgKeys(db)).toEqual({ keyed: 0, unkeyed: 0, links: 0 });
  });
});
