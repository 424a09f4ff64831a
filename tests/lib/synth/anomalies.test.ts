import { describe, expect, test } from "vitest";
import { restatedPriorYearFindings } from "@/db/cross-year";
import { auditReport } from "@/lib/audit/run";
import type { Report } from "@/lib/report/schema";
import { ANOMALY_KINDS, type AnomalyKind } from "@/lib/synth/anomalies";
import { generateCity, type Anomaly } from "@/lib/synth/city";
import { checks, priorYearViolations, type Check } from "./identities";

const YEARS = [2019, 2020, 2021, 2022, 2023];
const opts = { departments: 40, years: YEARS, seed: 3 };
const clean = generateCity(opts).reports;
const broken = generateCity({ ...opts, anomalies: "every-kind" });
const some = generateCity({ ...opts, seed: 11, anomalies: "some" });

const indexOf = (a: Anomaly) => a.departmentIndex * YEARS.length + YEARS.indexOf(a.year);
const previousOf = (reports: Report[], a: Anomaly) => reports[indexOf(a) - 1];

/** The identity each kind claims to break, as checked independently in ./identities.ts. */
const CLAIMED: Record<AnomalyKind, (reports: Report[], a: Anomaly) => string[]> = {
  "t01-total-off": on(checks.t01Totals),
  "row-columns-mismatch": on(checks.t02RowSums),
  "parent-children-mismatch": on(checks.t03Hierarchy),
  "narrative-vs-table": on(checks.basicExpenditure),
  "wrong-percentage": on(checks.shares),
  "sangong-subtotal": on(checks.t09),
  "performance-total": on(checks.performanceSheets),
  "grade-mismatch": on(checks.performanceSummary),
  "missing-table": on(checks.nineTables),
  "restated-prior": (reports, a) => priorYearViolations(previousOf(reports, a), reports[indexOf(a)]),
};
function on(check: Check) {
  return (reports: Report[], a: Anomaly) => check(reports[indexOf(a)]);
}

describe("injection", () => {
  test("every-kind: each kind at least once, each with its rule, place and a Chinese description", () => {
    expect(new Set(broken.anomalies.map((a) => a.kind))).toEqual(new Set(ANOMALY_KINDS));
    for (const a of broken.anomalies) {
      expect(a.rule).toMatch(/^[A-Z0-9_]+$/);
      expect(a.description).toMatch(/[\u4e00-\u9fff]/);
      expect(broken.reports[indexOf(a)].year).toBe(a.year);
    }
  });

  test("some: about one report in ten, one anomaly each", () => {
    const n = some.anomalies.length;
    expect(n).toBeGreaterThanOrEqual(8);
    expect(n).toBeLessThanOrEqual(35);
    expect(new Set(some.anomalies.map(indexOf)).size).toBe(n);
  });

  test("only the reports with a recorded anomaly differ from the clean city", () => {
    const touched = new Set(broken.anomalies.map(indexOf));
    broken.reports.forEach((r, i) => {
      const same = JSON.stringify(r) === JSON.stringify(clean[i]);
      expect(`${i} ${same ? "same" : "changed"}`).toBe(`${i} ${touched.has(i) ? "changed" : "same"}`);
    });
  });

  test("a restated prior year needs two consecutive years", () => {
    expect(() => generateCity({ departments: 20, years: [2023], seed: 1, anomalies: "every-kind" })).toThrow(
      /连续年度/,
    );
  });
});

describe("each anomaly breaks the identity it claims, and only where injected", () => {
  test.each(ANOMALY_KINDS)("%s", (kind) => {
    const list = broken.anomalies.filter((a) => a.kind === kind);
    expect(list.length).toBeGreaterThan(0);
    for (const a of list) {
      expect(CLAIMED[kind](broken.reports, a).length).toBeGreaterThan(0);
      expect(CLAIMED[kind](clean, a)).toEqual([]);
    }
  });
});

describe("lib/audit on the synthetic city", () => {
  // Intended: a few projects score 优 while spending under half their budget, as real ones do (a warning).
  // Rounding notes are allowed: per-category SME shares printed to 0.01 % cannot reproduce the SME total to the cent.
  test("clean reports: no errors, and the only warnings are the intended 优-with-low-execution ones", () => {
    const findings = clean.flatMap((r) => auditReport(r).map((f) => ({ ...f, where: `${r.department} ${r.year}` })));
    expect(findings.filter((f) => f.severity === "error").map((f) => `${f.where} ${f.rule} ${f.message}`)).toEqual([]);
    expect(new Set(findings.filter((f) => f.severity === "warning").map((f) => f.rule))).toEqual(
      new Set(["PERF_EXCELLENT_LOW_EXECUTION"]),
    );
  });

  test("clean consecutive years: db/cross-year finds no restated prior year", () => {
    for (let i = 1; i < clean.length; i++) {
      if (clean[i].department === clean[i - 1].department)
        expect(restatedPriorYearFindings(clean[i], clean[i - 1])).toEqual([]);
    }
  });

  test.each(ANOMALY_KINDS)("%s is found by the rule it names", (kind) => {
    for (const a of broken.anomalies.filter((x) => x.kind === kind)) {
      const r = broken.reports[indexOf(a)];
      const findings =
        kind === "restated-prior" ? restatedPriorYearFindings(r, previousOf(broken.reports, a)) : auditReport(r);
      const hit = findings.filter((f) => f.rule === a.rule && f.severity !== "rounding");
      expect(hit.length, `${a.rule} @ ${r.department} ${r.year}: ${a.description}`).toBeGreaterThan(0);
    }
  });
});
