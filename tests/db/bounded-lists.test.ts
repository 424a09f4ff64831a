import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { getDepartmentList, getDepartmentPage } from "../../db/queries/department";
import { getYearFigures } from "../../db/queries/figures";
import {
  getFlags,
  getFlagSummary,
  getLargestReports,
  getOverviewTotals,
  type Flag,
  type FlagKind,
} from "../../db/queries/overview-flags";
import { getCompletenessRanking, getFindings, getReportCount, getRuleCounts } from "../../db/queries/quality";
import { rows } from "../../db/queries/sql";
import { loadReports } from "../../db/load";
import { auditReport } from "../../lib/audit/run";
import { computeCompleteness } from "../../lib/audit/completeness";
import { executionBand } from "../../lib/metrics/policy";
import { ratePct, sum } from "../../lib/metrics/stats";
import { D } from "../../lib/money/decimal";
import { generateCity } from "../../lib/synth/city";
import { forEachDb, type TestDb } from "../helpers/test-db";

/*
 * The overview, /departments and /quality show a page of a province's lists, computed in the database. Here a
 * generated city of 120 departments × 2 years (every report audited, with injected anomalies) is large enough for
 * several pages; each paged query is checked against the whole list (and the overview's flags against the rules
 * written out in JS, as the overview computed them before they moved into SQL).
 */
const DEPARTMENTS = 120;
const g = globalThis as typeof globalThis & { __fiscalLensStore?: Promise<unknown> };

/** The overview's flag rules as plain JS over the stored figures: the oracle for the SQL version. */
async function flagsInJs(year: number): Promise<{ kind: FlagKind; departmentId: number; weight: string }[]> {
  const [reports, prior] = await Promise.all([getYearFigures(year, true), getYearFigures(year - 1, true)]);
  const fc = await rows<{ report_id: number; errors: number; restated: number }>(sql`
    select f.report_id::int as report_id, count(*) filter (where f.severity = 'error')::int as errors,
           count(*) filter (where f.rule = 'RESTATED_PRIOR_YEAR')::int as restated
    from findings f join reports r on r.id = f.report_id where r.is_latest and r.year = ${year} group by f.report_id`);
  const projects = await rows<{
    department_id: number;
    rate: string | null;
    annual: string | null;
    executed: string | null;
  }>(sql`
    select r.department_id::int as department_id, p.rate::text as rate, p.annual::text as annual, p.executed::text as executed
    from performance_projects p join reports r on r.id = p.report_id where r.is_latest and r.year = ${year} and p.has_sheet`);
  const out: { kind: FlagKind; departmentId: number; weight: string }[] = [];
  for (const r of reports) {
    const f = r.figures;
    const rate = f.gpbExecutionRate ?? ratePct(f.gpbExpenditure, f.initialBudgetGpb);
    if (rate !== undefined && executionBand(rate) === "concern")
      out.push({ kind: "execution", departmentId: r.departmentId, weight: new D(rate).minus(100).abs().toFixed(2) });
    if (f.procurementSmeShare !== undefined && new D(f.procurementSmeShare).lt(40))
      out.push({
        kind: "lowSme",
        departmentId: r.departmentId,
        weight: new D(40).minus(f.procurementSmeShare).toFixed(2),
      });
    const before = prior.find((p) => p.departmentId === r.departmentId && p.scope === r.scope)?.figures.sangongFinal;
    if (f.sangongFinal !== undefined && before !== undefined && new D(f.sangongFinal).gt(before))
      out.push({
        kind: "sangongUp",
        departmentId: r.departmentId,
        weight: new D(f.sangongFinal).minus(before).toFixed(2),
      });
    const c = fc.find((x) => Number(x.report_id) === r.reportId);
    if (c && Number(c.errors) > 0)
      out.push({ kind: "auditError", departmentId: r.departmentId, weight: String(c.errors) });
    if (c && Number(c.restated) > 0)
      out.push({ kind: "restated", departmentId: r.departmentId, weight: String(c.restated) });
  }
  for (const p of projects) {
    const rate = p.rate ?? ratePct(p.executed, p.annual);
    if (rate !== undefined && new D(rate).lt(50))
      out.push({
        kind: "lowProject",
        departmentId: Number(p.department_id),
        weight: new D(100).minus(rate).toFixed(2),
      });
  }
  return out;
}

const key = (f: { kind: string; departmentId: number; weight: string }) => `${f.kind}|${f.departmentId}|${f.weight}`;

forEachDb("bounded lists on a 120-department city", (get) => {
  beforeAll(async () => {
    const t: TestDb = get();
    g.__fiscalLensStore = Promise.resolve({ db: t.db, driver: t.driver, close: async () => {}, where: t.label });
    const { reports } = generateCity({
      departments: DEPARTMENTS,
      years: [2022, 2023],
      seed: 11,
      anomalies: "some",
      cityName: "分页市",
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

  test("the overview's flags computed in SQL are the flags the rules give, sorted by kind then weight", async () => {
    const flags = await getFlags(2023, true);
    const expected = await flagsInJs(2023);
    expect(flags.map(key).sort()).toEqual(expected.map(key).sort());
    // the city has flags of several kinds, so the per-kind lists below are not empty
    expect(new Set(flags.map((f) => f.kind)).size).toBeGreaterThanOrEqual(3);
    // a generated report has no original in the store: no flag of it links to evidence that is not there
    expect(flags.filter((f) => f.evidence !== undefined)).toEqual([]);
    for (let i = 1; i < flags.length; i++) {
      const [a, b] = [flags[i - 1], flags[i]];
      expect(a.kind <= b.kind).toBe(true);
      if (a.kind === b.kind) expect(new D(a.weight).gte(b.weight)).toBe(true);
    }
  });

  test("the overview shows counts by kind and the first 8 of each kind; every flag is reachable page by page", async () => {
    const all = await getFlags(2023, true);
    const byKind = new Map<FlagKind, Flag[]>();
    for (const f of all) byKind.set(f.kind, [...(byKind.get(f.kind) ?? []), f]);
    const summary = await getFlagSummary(2023, true, { perKind: 8 });
    expect(summary.total).toBe(all.length);
    expect(summary.counts).toEqual(Object.fromEntries([...byKind].map(([k, v]) => [k, v.length])));
    expect(summary.flags).toEqual([...byKind.values()].flatMap((v) => v.slice(0, 8)));

    const [kind, list] = [...byKind].sort((a, b) => b[1].length - a[1].length)[0];
    expect(list.length).toBeGreaterThan(8);
    const paged: Flag[] = [];
    for (let offset = 0; offset < list.length; offset += 5) {
      const p = await getFlagSummary(2023, true, { kind, offset, limit: 5 });
      expect(p.counts[kind]).toBe(list.length);
      expect(p.flags.length).toBeLessThanOrEqual(5);
      paged.push(...p.flags);
    }
    expect(paged).toEqual(list);
    // past the end: no rows, the counts still there
    const past = await getFlagSummary(2023, true, { kind, offset: list.length, limit: 5 });
    expect(past.flags).toEqual([]);
    expect(past.total).toBe(all.length);
  });

  test("totals and the largest-first table match the year's figures", async () => {
    const figures = await getYearFigures(2023, true);
    expect(figures.length).toBe(DEPARTMENTS);
    const totals = await getOverviewTotals(2023, true);
    expect(totals.reports).toBe(DEPARTMENTS);
    // a sum over 120 reports is printed in none of them: the cards link nowhere
    expect(totals.only).toBeUndefined();
    expect(totals.expenditure).toBe(sum(figures.map((r) => r.figures.expenditureTotal)).toFixed(2));
    expect(totals.sangong).toBe(sum(figures.map((r) => r.figures.sangongFinal)).toFixed(2));
    expect(totals.procurement).toBe(sum(figures.map((r) => r.figures.procurementTotal)).toFixed(2));

    const pages = [
      await getLargestReports(2023, true, 0, 50),
      await getLargestReports(2023, true, 50, 50),
      await getLargestReports(2023, true, 100, 50),
    ];
    expect(pages.map((p) => p.length)).toEqual([50, 50, 20]);
    const listed = pages.flat();
    expect(new Set(listed.map((r) => r.reportId))).toEqual(new Set(figures.map((r) => r.reportId)));
    for (let i = 1; i < listed.length; i++)
      expect(new D(listed[i - 1].figures.expenditureTotal!).gte(listed[i].figures.expenditureTotal!)).toBe(true);
    const one = listed[57];
    expect(one.figures.incomeTotal).toBe(figures.find((r) => r.reportId === one.reportId)!.figures.incomeTotal);
  });

  test("/departments: pages of 50, largest first, with the total; a department on page 2 is found by name", async () => {
    const all = await getDepartmentList(true);
    expect(all.length).toBe(DEPARTMENTS);
    const pages = [0, 50, 100].map((offset) => getDepartmentPage({ synthetic: true, offset, limit: 50 }));
    const [p1, p2, p3] = await Promise.all(pages);
    expect([p1.total, p2.total, p3.total]).toEqual([DEPARTMENTS, DEPARTMENTS, DEPARTMENTS]);
    expect([p1.rows.length, p2.rows.length, p3.rows.length]).toEqual([50, 50, 20]);
    const listed = [...p1.rows, ...p2.rows, ...p3.rows];
    // the same rows as the full list (the CSV), in a different order
    expect([...listed].sort((a, b) => a.departmentId - b.departmentId)).toEqual(
      [...all].sort((a, b) => a.departmentId - b.departmentId),
    );
    for (let i = 1; i < listed.length; i++)
      expect(new D(listed[i - 1].expenditureTotal!).gte(listed[i].expenditureTotal!)).toBe(true);

    const target = p2.rows[17];
    const found = await getDepartmentPage({ synthetic: true, q: target.department });
    expect(found.rows.map((r) => r.departmentId)).toContain(target.departmentId);
    expect(found.total).toBe(found.rows.length);
    // part of a name finds every department containing it
    const part = await getDepartmentPage({ synthetic: true, q: "教育", sort: "name" });
    expect(part.total).toBe(all.filter((d) => d.department.includes("教育")).length);
    expect(part.rows.every((r) => r.department.includes("教育"))).toBe(true);
    // LIKE wildcards in the search are literal characters
    expect((await getDepartmentPage({ synthetic: true, q: "%" })).total).toBe(0);
    expect((await getDepartmentPage({ synthetic: true, q: "_" })).total).toBe(0);

    const byErrors = await getDepartmentPage({ synthetic: true, sort: "errors", limit: 10 });
    expect(byErrors.rows[0].errors).toBe(Math.max(...all.map((d) => d.errors)));
    expect((await getDepartmentPage({ synthetic: false })).total).toBe(0);
  });

  test("/quality: the findings and the completeness ranking page through everything, totals from the counts", async () => {
    const f = { year: 2023, synthetic: true };
    const everything = await getFindings(f, 5000);
    const counts = await getRuleCounts(f);
    expect(counts.reduce((a, c) => a + c.count, 0)).toBe(everything.length);
    expect(everything.length).toBeGreaterThan(60);
    const paged = [];
    for (let offset = 0; offset < everything.length; offset += 50) paged.push(...(await getFindings(f, 50, offset)));
    expect(paged).toEqual(everything);

    const errors = await getFindings({ ...f, severity: "error" }, 5000);
    expect(counts.filter((c) => c.severity === "error").reduce((a, c) => a + c.count, 0)).toBe(errors.length);

    const ranking = await getCompletenessRanking(f);
    expect(await getReportCount(f)).toBe(ranking.length);
    const pages = [
      ...(await getCompletenessRanking(f, 50, 0)),
      ...(await getCompletenessRanking(f, 50, 50)),
      ...(await getCompletenessRanking(f, 50, 100)),
    ];
    expect(pages).toEqual(ranking);
  });
});
