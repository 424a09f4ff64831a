import { and, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { RESTATED_PRIOR_YEAR, restatedPriorYearFindings } from "../../db/cross-year";
import { loadReport } from "../../db/load";
import * as s from "../../db/schema";
import type { Report } from "../../lib/report/schema";
import { forEachDb } from "../helpers/test-db";
import { makeReport, revise } from "./fixtures";

/**
 * The 2023 fixture says: 收支总计 100.68, 减少 9.32 → 2022 was 110.00; 财政拨款收入 100.5, 增加 10.5 → 2022 was 90;
 * 基本支出 60.68, 持平 → 2022 was 60.68. This 2022 report publishes exactly those figures.
 */
function priorYear(department: string, scope: Report["scope"] = "部门决算"): Report {
  return revise(
    makeReport({ department, year: 2022, scope }),
    (r) => {
      for (const row of r.tables[0].rows) if (row.key === "grandTotal") row.values.amount = "110.00";
      r.tables[1].rows[0].values.fiscal = "90.00";
      r.tables[2].rows[0].values.basic = "60.68";
    },
    "2022",
  );
}

const setT01GrandTotal = (v: string) => (r: Report) => {
  for (const row of r.tables[0].rows) if (row.key === "grandTotal") row.values.amount = v;
};

describe("restatedPriorYearFindings", () => {
  test("consistent years give no finding", () => {
    expect(restatedPriorYearFindings(makeReport(), priorYear("甲"))).toEqual([]);
  });

  test.each([
    // implied 90 from "100.5" and "10.5" (one decimal each: ±0.05 + ±0.05) against a two-decimal table (±0.005)
    ["90.04", 0],
    ["90.10", 0],
    ["90.11", 1],
    ["89.80", 1],
  ])(
    "2022 财政拨款收入 printed %s → %i finding(s): rounding of the printed digits is tolerated, no more",
    (printed, n) => {
      const prior = revise(priorYear("甲"), (r) => (r.tables[1].rows[0].values.fiscal = printed), printed);
      const found = restatedPriorYearFindings(makeReport(), prior);
      expect(found).toHaveLength(n);
      if (n) {
        expect(found[0]).toMatchObject({
          rule: RESTATED_PRIOR_YEAR,
          severity: "warning",
          expected: printed,
          found: "90.0",
        });
        expect(found[0].locations.map((l) => [l.table, l.sourceLine])).toEqual([
          ["narrative", 795],
          ["t02", 170],
        ]);
      }
    },
  );

  test("the message is Chinese and names both years and both figures", () => {
    const [f] = restatedPriorYearFindings(makeReport(), revise(priorYear("甲"), setT01GrandTotal("112.00"), "x"));
    expect(f.message).toContain("2023 年度说明中“收、支总计”推算的 2022 年数为 110.00 万元");
    expect(f.message).toContain("2022 年度决算公开的是 112.00 万元，相差 2.00 万元");
    expect(f.locations.map((l) => l.label)).toEqual([
      "2023 年度部门决算情况说明 收、支总计 100.68 万元，与上年相比减少 9.32 万元",
      "2022 年度部门决算 公开01表 收入总计",
    ]);
  });
});

forEachDb("RESTATED_PRIOR_YEAR on load", (get) => {
  const restated = async (department: string, year: number) => {
    const db = get().db;
    return db
      .select({ expected: s.findings.expected, found: s.findings.found, message: s.findings.message })
      .from(s.findings)
      .innerJoin(s.reports, eq(s.reports.id, s.findings.reportId))
      .innerJoin(s.departments, eq(s.departments.id, s.reports.departmentId))
      .where(
        and(
          eq(s.departments.name, department),
          eq(s.reports.year, year),
          eq(s.reports.isLatest, true),
          eq(s.findings.rule, RESTATED_PRIOR_YEAR),
        ),
      );
  };

  test("loading year N after N−1: a restated prior-year total is a finding on year N", async () => {
    const dept = "跨年甲局";
    await loadReport(get().db, revise(priorYear(dept), setT01GrandTotal("112.00"), "restated"), { findings: [] });
    await loadReport(get().db, makeReport({ department: dept }), { findings: [] });
    expect(await restated(dept, 2023)).toEqual([
      { expected: "112.00", found: "110.00", message: expect.stringContaining("相差 2.00 万元") },
    ]);
    expect(await restated(dept, 2022)).toEqual([]);
  });

  test("loading year N−1 after N re-checks year N; a corrected N−1 revision clears the finding", async () => {
    const dept = "跨年乙局";
    const db = get().db;
    await loadReport(db, makeReport({ department: dept }), { findings: [] });
    expect(await restated(dept, 2023)).toEqual([]);
    const wrong = revise(priorYear(dept), setT01GrandTotal("112.00"), "restated");
    await loadReport(db, wrong, { findings: [] });
    expect(await restated(dept, 2023)).toHaveLength(1);
    const fixed = await loadReport(db, priorYear(dept), { findings: [] });
    expect(fixed.status).toBe("revised");
    expect(await restated(dept, 2023)).toEqual([]);
  });

  test("a 单位决算 of the prior year is not compared with a 部门决算", async () => {
    const dept = "跨年丙局";
    await loadReport(get().db, revise(priorYear(dept, "单位决算"), setT01GrandTotal("112.00"), "unit"), {
      findings: [],
    });
    await loadReport(get().db, makeReport({ department: dept }), { findings: [] });
    expect(await restated(dept, 2023)).toEqual([]);
  });
});
