import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getChosenFigures, type ChosenReport } from "../../db/queries/dashboard-scope";
import {
  getExecutionDepartments,
  getExecutionDepartmentsPage,
  getExecutionItems,
  getExecutionItemsPage,
  getExecutionSummary,
  getProjectExecution,
  getProjectExecutionCounts,
  getProjectExecutionPage,
} from "../../db/queries/execution";
import {
  getProcurementDepartment,
  getProcurementDepartments,
  getProcurementDepartmentsPage,
  getProcurementSummary,
  getProcurementYears,
} from "../../db/queries/procurement";
import {
  getSangongDepartment,
  getSangongDepartments,
  getSangongDepartmentsPage,
  getSangongSummary,
  getSangongYears,
} from "../../db/queries/sangong";
import { loadReports } from "../../db/load";
import { auditReport } from "../../lib/audit/run";
import { computeCompleteness } from "../../lib/audit/completeness";
import { histogram, presentSum, rateBins, shareOf } from "../../lib/metrics/dashboard";
import { median, ratePct } from "../../lib/metrics/stats";
import { D } from "../../lib/money/decimal";
import { generateCity } from "../../lib/synth/city";
import { forEachDb, type TestDb } from "../helpers/test-db";

/*
 * /execution, /procurement and /sangong show a page of 50 departments ordered in SQL, with counts, medians and
 * histograms aggregated in SQL. A generated city of 120 departments × 2 years (three pages) is checked against the
 * figures read back one department at a time and the rules written out in JS (as the pages computed them before
 * the work moved into the statements), and every page is checked to be a slice of the whole ordered list.
 */
const DEPARTMENTS = 120;
const PAGE = 50;
const YEAR = 2023;
const g = globalThis as typeof globalThis & { __fiscalLensStore?: Promise<unknown> };

/** Non-increasing (or non-decreasing) by `key`, with undefined keys only at the end. */
function expectOrdered<T>(list: T[], key: (x: T) => string | undefined, dir: "asc" | "desc") {
  let seenUndefined = false;
  for (let i = 0; i < list.length; i++) {
    const k = key(list[i]);
    if (k === undefined) {
      seenUndefined = true;
      continue;
    }
    expect(seenUndefined, `defined key after undefined at ${i}`).toBe(false);
    if (i > 0 && key(list[i - 1]) !== undefined) {
      const c = new D(k).cmp(key(list[i - 1])!);
      expect(dir === "desc" ? c <= 0 : c >= 0, `order at ${i}`).toBe(true);
    }
  }
}

/** Every page in turn, concatenated: must be the whole list in the same order. */
async function allPages<T>(
  get: (page: number) => Promise<{ rows: T[]; page: number; total: number }>,
): Promise<{ pages: T[][]; total: number }> {
  const first = await get(1);
  const n = Math.max(1, Math.ceil(first.total / PAGE));
  const pages = [first.rows];
  for (let p = 2; p <= n; p++) pages.push((await get(p)).rows);
  return { pages, total: first.total };
}

forEachDb("execution, procurement and 三公 pages on a 120-department city", (get) => {
  let chosen: ChosenReport[] = [];
  let prior: ChosenReport[] = [];

  beforeAll(async () => {
    const t: TestDb = get();
    g.__fiscalLensStore = Promise.resolve({ db: t.db, driver: t.driver, close: async () => {}, where: t.label });
    const { reports } = generateCity({
      departments: DEPARTMENTS,
      years: [YEAR - 1, YEAR],
      seed: 23,
      anomalies: "some",
      cityName: "翻页市",
    });
    const outcomes = await loadReports(
      t.db,
      reports.map((report) => ({ report, findings: auditReport(report), completeness: computeCompleteness(report) })),
      { concurrency: 4 },
    );
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
    [chosen, prior] = await Promise.all([
      getChosenFigures({ year: YEAR, synthetic: true }),
      getChosenFigures({ year: YEAR - 1, synthetic: true }),
    ]);
    expect(chosen).toHaveLength(DEPARTMENTS);
  }, 600_000);

  afterAll(() => {
    g.__fiscalLensStore = undefined;
  });

  describe("execution", () => {
    const f = { year: YEAR, synthetic: true, low: 90, high: 110 };
    const rateOf = (r: ChosenReport) =>
      r.figures.gpbExecutionRate ?? ratePct(r.figures.gpbExpenditure, r.figures.initialBudgetGpb);

    test("departments: rates as the figures give them, largest deviation from 100% first, paged as slices of the whole", async () => {
      const all = await getExecutionDepartments(f);
      expect(all.map((d) => [d.departmentId, d.rate]).sort()).toEqual(
        chosen.map((r) => [r.departmentId, rateOf(r)]).sort(),
      );
      expectOrdered(all, (d) => (d.rate === undefined ? undefined : new D(d.rate).minus(100).abs().toFixed()), "desc");
      for (const d of all)
        expect(d.outside).toBe(d.rate !== undefined && (new D(d.rate).lt(90) || new D(d.rate).gt(110)));

      const s = await getExecutionSummary(f);
      const { pages, total } = await allPages((p) =>
        getExecutionDepartmentsPage(f, { page: p, pageSize: PAGE }, s.departments.total),
      );
      expect(total).toBe(DEPARTMENTS);
      expect(pages.map((p) => p.length)).toEqual([50, 50, 20]);
      expect(pages.flat().map((d) => d.departmentId)).toEqual(all.map((d) => d.departmentId));
      // a department ranked on page 2 is there, with its reason read from its report
      const second = all[PAGE + 7];
      expect(pages[1].find((d) => d.departmentId === second.departmentId)).toEqual(second);
      // a page past the end shows the last page
      const past = await getExecutionDepartmentsPage(f, { page: 99, pageSize: PAGE }, s.departments.total);
      expect(past.page).toBe(3);
      expect(past.rows.map((d) => d.departmentId)).toEqual(pages[2].map((d) => d.departmentId));
    });

    test("summary: counts, exact median and histogram of the department rates, and the item counts", async () => {
      const s = await getExecutionSummary(f);
      const rates = chosen.map(rateOf).filter((r): r is string => r !== undefined);
      expect(s.departments).toEqual({
        total: DEPARTMENTS,
        rated: rates.length,
        outside: rates.filter((r) => new D(r).lt(90) || new D(r).gt(110)).length,
        median: median(rates),
      });
      expect(s.departments.outside).toBeGreaterThan(0);
      expect(s.distribution.bins.map((b) => b.departments)).toEqual(histogram(rates, rateBins(90, 110)));

      const items = await getExecutionItems({ ...f, dept: undefined });
      expect(items.total).toBe(s.items.total);
      expect(items.rows).toHaveLength(s.items.outside);
      expect(items.rows.every((i) => i.outside)).toBe(true);
      const itemRates = items.rows.map((i) => i.rate).filter((r): r is string => r !== undefined);
      expect(itemRates.every((r) => new D(r).lt(90) || new D(r).gt(110))).toBe(true);
      // rated outliers first, largest deviation first; then 年初无预算 by spending
      const rated = items.rows.filter((i) => i.rate !== undefined);
      expect(items.rows.slice(0, rated.length)).toEqual(rated);
      expectOrdered(rated, (i) => new D(i.rate!).minus(100).abs().toFixed(), "desc");
      expectOrdered(items.rows.slice(rated.length), (i) => i.final, "desc");
    });

    test("items: pages are slices of the outliers; one department lists all its items", async () => {
      const s = await getExecutionSummary(f);
      const all = (await getExecutionItems(f)).rows;
      expect(all.length).toBeGreaterThan(PAGE);
      const { pages } = await allPages((p) => getExecutionItemsPage(f, { page: p, pageSize: PAGE }, s.items.outside));
      expect(pages.flat()).toEqual(all);

      const dept = all[PAGE + 1].departmentId;
      const one = await getExecutionItems({ ...f, dept });
      const ds = await getExecutionSummary({ ...f, dept });
      expect(one.rows).toHaveLength(ds.items.total);
      expect(one.rows.some((i) => !i.outside) || one.rows.length === ds.items.outside).toBe(true);
      expect(one.rows.filter((i) => i.outside).length).toBe(ds.items.outside);
    });

    test("绩效 projects per department: most low-execution projects first, paged", async () => {
      const all = await getProjectExecution(f);
      const counts = await getProjectExecutionCounts(f);
      expect(counts.departments).toBe(all.length);
      expect(counts.withLow).toBe(all.filter((p) => p.low > 0).length);
      for (let i = 1; i < all.length; i++) expect(all[i - 1].low).toBeGreaterThanOrEqual(all[i].low);
      for (const p of all) expect(p.rate).toBe(ratePct(p.executed, p.annual));
      const { pages } = await allPages((p) =>
        getProjectExecutionPage(f, { page: p, pageSize: PAGE }, counts.departments),
      );
      expect(pages.flat()).toEqual(all);
      // the figures table's own count of low-execution projects agrees with the aggregate
      for (const p of all.slice(0, 10)) {
        const r = chosen.find((c) => c.departmentId === p.departmentId)!;
        if (r.figures.performanceLowExecutionCount !== undefined)
          expect(String(p.low)).toBe(new D(r.figures.performanceLowExecutionCount).toFixed());
      }
    });
  });

  describe("procurement", () => {
    const f = { year: YEAR, synthetic: true, reference: 60 };
    const shareOfReport = (r: ChosenReport) =>
      r.figures.procurementSmeShare ?? shareOf(r.figures.procurementSme, r.figures.procurementTotal);

    test("departments: lowest SME share first with last year's, paged; the one looked at can be pinned", async () => {
      const all = await getProcurementDepartments(f);
      expect(all.map((d) => [d.departmentId, d.smeShare, d.priorSmeShare ?? null]).sort()).toEqual(
        chosen
          .map((r) => {
            const p = prior.find((x) => x.departmentId === r.departmentId);
            return [r.departmentId, shareOfReport(r), p ? (shareOfReport(p) ?? null) : null];
          })
          .sort(),
      );
      expectOrdered(all, (d) => d.smeShare, "asc");
      const s = await getProcurementSummary(f);
      expect(s.departments).toBe(DEPARTMENTS);
      expect(s.withShare).toBe(all.filter((d) => d.smeShare !== undefined).length);
      expect(s.below).toBe(all.filter((d) => d.below).length);
      expect(s.below).toBeGreaterThan(0);
      expect(s.bands.reduce((a, b) => a + b.departments, 0)).toBe(s.withShare);
      for (const b of s.bands) {
        expect(b.departments).toBe(
          all.filter(
            (d) =>
              d.smeShare !== undefined &&
              new D(d.smeShare).gte(b.from === 0 ? -1e9 : b.from) &&
              (b.to === undefined || new D(d.smeShare).lt(b.to)),
          ).length,
        );
      }

      const { pages } = await allPages((p) =>
        getProcurementDepartmentsPage(f, { page: p, pageSize: PAGE }, s.departments),
      );
      expect(pages.flat()).toEqual(all);
      const onPage3 = pages[2][5];
      expect(await getProcurementDepartment(f, onPage3.departmentId)).toEqual(onPage3);
      expect(await getProcurementDepartment(f, 2_000_000_000)).toBeUndefined();
    });

    test("across years: weighted shares, exact medians and counts below the line, as summed one department at a time", async () => {
      const years = await getProcurementYears({ synthetic: true, reference: 60 });
      expect(years.map((y) => y.year)).toEqual([YEAR - 1, YEAR]);
      for (const [y, list] of [
        [YEAR - 1, prior],
        [YEAR, chosen],
      ] as const) {
        const withTotal = list.filter((r) => r.figures.procurementTotal !== undefined);
        const both = withTotal.filter((r) => r.figures.procurementSme !== undefined);
        const shares = list.map(shareOfReport);
        expect(years.find((x) => x.year === y)).toMatchObject({
          departments: withTotal.length,
          total: presentSum(withTotal.map((r) => r.figures.procurementTotal)).sum,
          sme: presentSum(both.map((r) => r.figures.procurementSme)).sum,
          smeShare: shareOf(
            presentSum(both.map((r) => r.figures.procurementSme)).sum,
            presentSum(both.map((r) => r.figures.procurementTotal)).sum,
          ),
          medianSmeShare: median(shares),
          below: shares.filter((s) => s !== undefined && new D(s).lt(60)).length,
        });
      }
    });
  });

  describe("三公", () => {
    const f = { year: YEAR, synthetic: true };

    test("departments: largest 决算 first with the change on last year, paged; summary sums the compared departments", async () => {
      const all = await getSangongDepartments(f);
      expect(all.map((d) => [d.departmentId, d.final, d.priorFinal ?? null]).sort()).toEqual(
        chosen
          .map((r) => [
            r.departmentId,
            r.figures.sangongFinal,
            prior.find((p) => p.departmentId === r.departmentId)?.figures.sangongFinal ?? null,
          ])
          .sort(),
      );
      expectOrdered(all, (d) => d.final, "desc");
      const s = await getSangongSummary(f);
      const compared = all.filter((d) => d.change !== undefined);
      expect(s).toEqual({
        departments: DEPARTMENTS,
        withFinal: all.filter((d) => d.final !== undefined).length,
        finalSum: presentSum(all.map((d) => d.final)).sum,
        compared: compared.length,
        up: compared.filter((d) => new D(d.change!).gt(0)).length,
        changeSum: presentSum(compared.map((d) => d.change)).sum,
        priorSum: presentSum(compared.map((d) => d.priorFinal)).sum,
      });
      expect(s.up).toBeGreaterThan(0);

      const { pages } = await allPages((p) => getSangongDepartmentsPage(f, { page: p, pageSize: PAGE }, s.departments));
      expect(pages.flat()).toEqual(all);
      const onPage2 = pages[1][0];
      expect(await getSangongDepartment(f, onPage2.departmentId)).toEqual(onPage2);
      // one department's summary compares only that department
      const one = await getSangongSummary({ ...f, dept: onPage2.departmentId });
      expect(one.compared).toBe(onPage2.change === undefined ? 0 : 1);
      expect(one.changeSum).toBe(onPage2.change === undefined ? undefined : new D(onPage2.change).toFixed());
    });

    test("years: sums per year as summed one department at a time", async () => {
      const years = await getSangongYears({ synthetic: true });
      for (const [y, list] of [
        [YEAR - 1, prior],
        [YEAR, chosen],
      ] as const) {
        const sum = (k: string) => presentSum(list.map((r) => r.figures[k])).sum;
        expect(years.find((x) => x.year === y)).toEqual({
          year: y,
          departments: list.filter((r) => r.figures.sangongFinal !== undefined).length,
          budget: sum("sangongBudget"),
          final: sum("sangongFinal"),
          abroad: sum("sangongAbroadFinal"),
          vehiclePurchase: sum("sangongVehiclePurchaseFinal"),
          vehicleOperation: sum("sangongVehicleOperationFinal"),
          reception: sum("sangongReceptionFinal"),
        });
      }
    });
  });
});
