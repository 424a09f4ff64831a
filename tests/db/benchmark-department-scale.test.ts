import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getBenchmark, getBenchmarkPage, type Benchmark, type BenchmarkFilter } from "../../db/queries/benchmark";
import { getChosenFigures } from "../../db/queries/dashboard-scope";
import { getDepartmentReport, PEER_MEDIAN_KEYS } from "../../db/queries/department";
import { getYearFigures } from "../../db/queries/figures";
import {
  getPerformancePage,
  getPerformanceProjects,
  getPerformanceSummary,
  performanceRateEdges,
} from "../../db/queries/performance";
import {
  getDepartmentsSideBySide,
  getStructureBreakdown,
  getSubjectDepartments,
  getSubjectDepartmentsPage,
} from "../../db/queries/structure";
import { loadReports } from "../../db/load";
import { auditReport } from "../../lib/audit/run";
import { computeCompleteness } from "../../lib/audit/completeness";
import type { BenchmarkMetric } from "../../lib/filters";
import { metricValue } from "../../lib/metrics/benchmark";
import { difference, ranksDescending, sizeBand } from "../../lib/metrics/dashboard";
import { executionDistance, PEER_GROUP } from "../../lib/metrics/policy";
import { median, percentileRank } from "../../lib/metrics/stats";
import { D } from "../../lib/money/decimal";
import { generateCity } from "../../lib/synth/city";
import { forEachDb, type TestDb } from "../helpers/test-db";

/*
 * /benchmark and /departments/[id] at a province's size compute ranks, percentiles and peer medians in the database
 * and show a page of the ranking. A generated city of 130 departments × 2 years is checked against the same numbers
 * computed in JS from every department's figures (as the pages computed them before), and the paging against the
 * whole list.
 */
const DEPARTMENTS = 130;
const g = globalThis as typeof globalThis & { __fiscalLensStore?: Promise<unknown> };

/** The ranking as plain JS over all figures: the oracle for the SQL version. Keyed by department id. */
async function benchmarkInJs(f: BenchmarkFilter) {
  const change = f.vs !== undefined && f.vs !== f.year;
  const [now, before] = await Promise.all([
    getChosenFigures({ year: f.year, synthetic: f.synthetic }),
    change ? getChosenFigures({ year: f.vs!, synthetic: f.synthetic }) : Promise.resolve([]),
  ]);
  const scope = f.scope === "unit" ? "单位决算" : "部门决算";
  const distance = f.metric === "executionRate";
  const all = now
    .filter((r) => r.scope === scope)
    .map((r) => {
      const current = metricValue(f.metric, r.figures, r.completeness);
      const prior = before.find((p) => p.departmentId === r.departmentId);
      const previous = prior ? metricValue(f.metric, prior.figures, prior.completeness) : undefined;
      const value = change ? difference(current, previous) : current;
      // execution: the distance from 100% (or its change), lower is better; negated so that higher is better throughout
      const key =
        value === undefined
          ? undefined
          : !distance
            ? value
            : new D(0)
                .minus(
                  change
                    ? difference(executionDistance(current), executionDistance(previous))!
                    : executionDistance(current)!,
                )
                .toFixed();
      return {
        departmentId: r.departmentId,
        size: sizeBand(r.figures.expenditureTotal),
        current,
        previous,
        value,
        key,
      };
    });
  const inBand = f.size === "all" ? all : all.filter((r) => r.size === f.size);
  const valued = inBand.filter((r) => r.value !== undefined);
  const keys = valued.map((r) => r.key!);
  const ranks = ranksDescending(keys);
  const bandMedian = (size: string | undefined) => {
    const group = valued.filter((r) => size !== undefined && r.size === size);
    return group.length >= PEER_GROUP.minPeers ? median(group.map((r) => r.value!)) : undefined;
  };
  const byId = new Map(
    inBand.map((r) => {
      const i = valued.indexOf(r);
      const med = bandMedian(r.size);
      return [
        r.departmentId,
        {
          value: r.value,
          current: r.current,
          previous: change ? r.previous : undefined,
          rank: i < 0 ? undefined : ranks[i],
          percentile: i < 0 ? undefined : percentileRank(r.key!, keys),
          fromMedian: i < 0 || med === undefined ? undefined : new D(r.value!).minus(med).toFixed(),
          distance: i < 0 || !distance ? undefined : new D(0).minus(r.key!).toFixed(),
        },
      ];
    }),
  );
  return {
    byId,
    median: f.size === "all" ? undefined : bandMedian(f.size),
    peers: valued.length,
    missing: inBand.length - valued.length,
    otherBands: all.length - inBand.length,
    otherScope: now.length - all.length,
  };
}

function expectSameRanking(b: Benchmark, js: Awaited<ReturnType<typeof benchmarkInJs>>) {
  expect({
    peers: b.peers,
    missing: b.missing,
    otherBands: b.otherBands,
    otherScope: b.otherScope,
    median: b.median,
  }).toEqual({
    peers: js.peers,
    missing: js.missing,
    otherBands: js.otherBands,
    otherScope: js.otherScope,
    median: js.median,
  });
  expect(b.rows.length).toBe(js.byId.size);
  for (const r of b.rows) {
    expect({
      id: r.departmentId,
      value: r.value,
      current: r.current,
      previous: r.previous,
      rank: r.rank,
      percentile: r.percentile,
      fromMedian: r.fromMedian,
      distance: r.distance,
    }).toEqual({ id: r.departmentId, ...js.byId.get(r.departmentId)! });
  }
  // ranked rows first, best rank first; then the departments without a value
  const ranked = b.rows.filter((r) => r.rank !== undefined);
  expect(b.rows.slice(0, ranked.length)).toEqual(ranked);
  for (let i = 1; i < ranked.length; i++) expect(ranked[i].rank!).toBeGreaterThanOrEqual(ranked[i - 1].rank!);
}

forEachDb("benchmark, department, structure and performance pages on a 130-department city", (get) => {
  beforeAll(async () => {
    const t: TestDb = get();
    g.__fiscalLensStore = Promise.resolve({ db: t.db, driver: t.driver, close: async () => {}, where: t.label });
    const { reports } = generateCity({
      departments: DEPARTMENTS,
      years: [2022, 2023],
      seed: 23,
      anomalies: "some",
      cityName: "对标市",
    });
    const outcomes = await loadReports(
      t.db,
      reports.map((report) => ({ report, findings: auditReport(report), completeness: computeCompleteness(report) })),
      { concurrency: 4 },
    );
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
  }, 600_000);

  afterAll(() => {
    g.__fiscalLensStore = undefined;
  });

  describe("the ranking computed in SQL is the ranking the JS rules give", () => {
    const metrics: BenchmarkMetric[] = [
      "executionRate",
      "smeShare",
      "sangongPerPersonnel",
      "sangongFinal",
      "publicCostShare",
      "projectShare",
      "completeness",
      "expenditureTotal",
    ];
    test.each(metrics)("%s, all sizes", async (metric) => {
      const f: BenchmarkFilter = { year: 2023, synthetic: true, metric, size: "all" };
      const b = await getBenchmark(f);
      expect(b.peers).toBeGreaterThan(50);
      expectSameRanking(b, await benchmarkInJs(f));
    });

    test.each(["small", "medium", "large"] as const)("size band %s", async (size) => {
      const f: BenchmarkFilter = { year: 2023, synthetic: true, metric: "projectShare", size };
      expectSameRanking(await getBenchmark(f), await benchmarkInJs(f));
    });

    test.each(["small", "medium", "large"] as const)(
      "execution by distance from 100 either way, size band %s, with the band median",
      async (size) => {
        const f: BenchmarkFilter = { year: 2023, synthetic: true, metric: "executionRate", size };
        const b = await getBenchmark(f);
        expectSameRanking(b, await benchmarkInJs(f));
        // over- and under-spending alike: the first is the closest to 100%, in either direction
        const ranked = b.rows.filter((r) => r.rank !== undefined);
        const dist = ranked.map((r) => new D(r.current!).minus(100).abs());
        for (let i = 1; i < dist.length; i++) expect(dist[i].gte(dist[i - 1])).toBe(true);
        expect(b.median === undefined).toBe(b.peers < PEER_GROUP.minPeers);
      },
    );

    test("execution: change on the year before ranks by the change of the distance from 100%", async () => {
      const f: BenchmarkFilter = { year: 2023, synthetic: true, metric: "executionRate", size: "medium", vs: 2022 };
      expectSameRanking(await getBenchmark(f), await benchmarkInJs(f));
    });

    test("change on the year before", async () => {
      const f: BenchmarkFilter = { year: 2023, synthetic: true, metric: "sangongFinal", size: "all", vs: 2022 };
      const b = await getBenchmark(f);
      expect(b.mode).toBe("change");
      expectSameRanking(b, await benchmarkInJs(f));
    });
  });

  test("a page of the ranking is that slice of the whole list, with the summary of the whole peer group", async () => {
    const f: BenchmarkFilter = { year: 2023, synthetic: true, metric: "executionRate", size: "all" };
    const whole = await getBenchmark(f);
    const pages = Math.ceil(whole.rows.length / 25);
    expect(pages).toBeGreaterThanOrEqual(5);
    for (const n of [1, 2, pages]) {
      const p = await getBenchmarkPage(f, { page: n, pageSize: 25, extremes: 10 });
      expect(p.page).toBe(n);
      expect(p.total).toBe(whole.rows.length);
      expect(p.rows).toEqual(whole.rows.slice((n - 1) * 25, n * 25));
      expect({ peers: p.peers, median: p.median, missing: p.missing, otherBands: p.otherBands }).toEqual({
        peers: whole.peers,
        median: whole.median,
        missing: whole.missing,
        otherBands: whole.otherBands,
      });
      // the chart's extremes: the ten highest and the ten lowest ranked, whatever the page
      const ranked = whole.rows.filter((r) => r.rank !== undefined);
      expect(p.top).toEqual(ranked.slice(0, 10));
      expect(p.bottom).toEqual(ranked.slice(-10));
    }
    // past the end: the last page; before the start: the first
    expect((await getBenchmarkPage(f, { page: 10_000, pageSize: 25 })).page).toBe(pages);
    expect((await getBenchmarkPage(f, { page: 0, pageSize: 25 })).rows).toEqual(whole.rows.slice(0, 25));
  });

  test("a department further down the ranking is found: `dept` opens the page that lists it", async () => {
    const f: BenchmarkFilter = { year: 2023, synthetic: true, metric: "completeness", size: "all" };
    const whole = await getBenchmark(f);
    const target = whole.rows[60];
    const p = await getBenchmarkPage(f, { pageSize: 25, dept: target.departmentId });
    expect(p.page).toBe(3);
    expect(p.rows.map((r) => r.departmentId)).toContain(target.departmentId);
    // an unknown department leaves the requested page
    expect((await getBenchmarkPage(f, { page: 2, pageSize: 25, dept: 99_999_999 })).page).toBe(2);
  });

  test("the review pack's peer medians are the medians of the other departments' figures", async () => {
    const year = 2023;
    const all = await getYearFigures(year, true);
    const ids = [all[0].departmentId, all[1].departmentId, all[64].departmentId, all[all.length - 1].departmentId];
    for (const id of ids) {
      const d = (await getDepartmentReport(id, year))!;
      const self = all.find((r) => r.departmentId === id)!;
      // peers: the same scope and size band, real beside real
      const peer = (r: (typeof all)[number]) =>
        r.synthetic === self.synthetic &&
        r.scope === self.scope &&
        sizeBand(r.figures.expenditureTotal) === sizeBand(self.figures.expenditureTotal);
      const group = all.filter(peer);
      const others = group.filter((r) => r.departmentId !== id);
      expect(others.length).toBeGreaterThanOrEqual(PEER_GROUP.minPeers);
      expect(d.peerCount).toBe(others.length);
      for (const k of PEER_MEDIAN_KEYS) {
        const stated = others.map((r) => r.figures[k]).filter((v) => v !== undefined);
        expect(d.peerCounts[k] ?? 0).toBe(stated.length);
        expect(d.peerMedians[k], `${k} of department ${id}`).toBe(
          stated.length >= PEER_GROUP.minPeers ? median(stated) : undefined,
        );
      }
      // the department's own value is not part of its peers' median: some key must differ from the median of all
      const withSelf = PEER_MEDIAN_KEYS.map((k) => median(group.map((r) => r.figures[k])));
      expect(PEER_MEDIAN_KEYS.map((k) => d.peerMedians[k])).not.toEqual(withSelf);
    }
  });

  test("structure: who spends on a subject, a page at a time, shares of the whole subject", async () => {
    // the 类 most departments print
    const classes = (await getStructureBreakdown({ year: 2023, synthetic: true })).rows;
    const code = classes.reduce((a, b) => (b.reports > a.reports ? b : a)).code;
    const f = { year: 2023, synthetic: true, code };
    const whole = await getSubjectDepartments(f);
    expect(whole.length).toBeGreaterThan(75);
    const first = await getSubjectDepartmentsPage(f, { offset: 0, limit: 25 });
    const third = await getSubjectDepartmentsPage(f, { offset: 50, limit: 25 });
    expect(first.total).toBe(whole.length);
    const byId = new Map(whole.map((d) => [d.departmentId, d]));
    for (const d of [...first.rows, ...third.rows]) expect(d).toEqual(byId.get(d.departmentId));
    // largest first across pages
    const totals = [...first.rows, ...third.rows].map((d) => new D(d.total ?? -1));
    for (let i = 1; i < totals.length; i++) expect(totals[i].lte(totals[i - 1])).toBe(true);
    expect(first.rows).toHaveLength(25);
    // a department further down is on its page
    const far = third.rows[3];
    expect(whole.findIndex((d) => d.departmentId === far.departmentId)).toBeGreaterThanOrEqual(50);
    expect(await getSubjectDepartmentsPage({ ...f, code: "999" }, { offset: 0, limit: 25 })).toEqual({
      total: 0,
      rows: [],
    });
  });

  test("structure: the side-by-side picker offers the largest 20 and finds any department by name", async () => {
    const side = await getDepartmentsSideBySide({ year: 2023, synthetic: true, depts: [] });
    expect(side.count).toBe(DEPARTMENTS);
    expect(side.all).toHaveLength(20);
    expect(side.selected).toHaveLength(10);
    const all = (await getYearFigures(2023, true)).sort((a, b) =>
      new D(b.figures.expenditureTotal!).cmp(a.figures.expenditureTotal!),
    );
    expect(side.all.map((d) => d.expenditureTotal)).toEqual(all.slice(0, 20).map((r) => r.figures.expenditureTotal));
    // the smallest department is not offered, but a name search finds it and it can be selected
    const smallest = all[all.length - 1];
    expect(side.all.some((d) => d.departmentId === smallest.departmentId)).toBe(false);
    const found = await getDepartmentsSideBySide({ year: 2023, synthetic: true, depts: [], q: smallest.department });
    expect(found.found.map((d) => d.departmentId)).toContain(smallest.departmentId);
    const picked = await getDepartmentsSideBySide({ year: 2023, synthetic: true, depts: [smallest.departmentId] });
    expect(picked.selected.map((d) => d.departmentId)).toEqual([smallest.departmentId]);
    // a selection does not narrow the picker
    expect({ all: picked.all, count: picked.count }).toEqual({ all: side.all, count: side.count });
    // LIKE wildcards in the search are literal
    expect((await getDepartmentsSideBySide({ year: 2023, synthetic: true, depts: [], q: "%" })).found).toEqual([]);
  });

  test("performance: counts and pages from the database match the whole list", async () => {
    const f = { year: 2023, synthetic: true, maxRate: 80 };
    const { projects, summaryOnly } = await getPerformanceProjects(f, { indicators: false });
    expect(projects.length).toBeGreaterThan(100);
    const s = await getPerformanceSummary(f);
    expect(s.total).toBe(projects.length);
    expect(s.summaryOnly).toBe(summaryOnly);
    expect(s.flagged).toBe(projects.filter((p) => p.flagged).length);
    expect(s.low).toBe(projects.filter((p) => p.lowRate && !p.flagged).length);
    expect(s.plotted).toBe(projects.filter((p) => p.rate !== undefined && p.score !== undefined).length);
    // the bands partition the projects with a rate, by the edges
    const edges = performanceRateEdges(80);
    const bandOf = (rate: string) => edges.filter((e) => new D(rate).gte(e)).length;
    for (const b of s.bands.filter((x) => x.band >= 0)) {
      expect(b.count, `band ${b.band} grade ${b.grade}`).toBe(
        projects.filter((p) => p.rate !== undefined && bandOf(p.rate) === b.band && p.grade === b.grade).length,
      );
    }
    expect(s.bands.reduce((a, b) => a + b.count, 0)).toBe(projects.length);
    // pages: the same order keys as the whole list (flagged first, then rate ascending), and every project exactly once
    const size = 40;
    const pages = [];
    for (let off = 0; off < projects.length; off += size)
      pages.push(...(await getPerformancePage(f, { offset: off, limit: size })));
    expect(pages.map((p) => p.id).sort((a, b) => a - b)).toEqual(projects.map((p) => p.id).sort((a, b) => a - b));
    expect(pages.map((p) => [p.flagged, p.rate])).toEqual(projects.map((p) => [p.flagged, p.rate]));
    const byId = new Map(projects.map((p) => [p.id, p]));
    for (const p of pages.slice(0, 60)) expect(p).toEqual(byId.get(p.id));
    // one department's page brings its indicators
    const dept = projects[0].departmentId;
    const withInd = await getPerformancePage({ ...f, dept }, { offset: 0, limit: 100, indicators: true });
    const full = await getPerformanceProjects({ ...f, dept });
    expect(withInd.map((p) => p.indicators)).toEqual(
      withInd.map((p) => full.projects.find((x) => x.id === p.id)!.indicators),
    );
    expect(withInd.some((p) => p.indicators.length > 0)).toBe(true);
  });
});
