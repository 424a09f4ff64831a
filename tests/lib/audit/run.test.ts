import { describe, expect, test } from "vitest";
import { auditReport, RULES, ruleMeaning } from "@/lib/audit/run";
import { makeReport, mutate, setCell } from "../../helpers/factories";

const base = makeReport();

describe("RULES", () => {
  test("ids are unique SCREAMING_SNAKE, titles are Chinese", () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(r.id).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
      expect(r.title).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(ruleMeaning("T01_INCOME_SUM")).toBe("公开01表 本年收入合计 = 各收入行之和");
  });

  test("each rule reports only under its own id", () => {
    const broken = mutate(base, (r) => {
      r.narrative.budgetExecution!.items[0].rate = "83.33";
      r.narrative.budgetExecution!.items[2].initialBudget = "0";
      r.appendix.performanceSummary!.rows[1].grade = "良";
      r.narrative.procurement!.total = "201.00";
      r.glossary = [];
    });
    for (const rule of RULES) for (const f of rule.run(broken)) expect(f.rule).toBe(rule.id);
  });
});

describe("auditReport", () => {
  test("the factory report has no findings at all", () => {
    expect(auditReport(base)).toEqual([]);
  });

  test("findings come errors first, then warnings, then rounding notes, by rule id within each", () => {
    const r = mutate(setCell(base, "t01", { key: "carryBegin" }, "amount", "5.01"), (x) => {
      x.narrative.sangong!.vehiclesKept = 5;
      x.glossary = [];
      x.narrative.procurement!.smallMicro = "130.00";
    });
    expect(auditReport(r).map((f) => `${f.severity} ${f.rule}`)).toEqual([
      "error PROCUREMENT_SHARE",
      "error PROCUREMENT_SME_ORDER",
      "warning COMPLETENESS_GLOSSARY",
      "warning SANGONG_VEHICLES_KEPT",
      "rounding T01_INCOME_GRAND_TOTAL",
    ]);
  });

  test("every comparison locates both sides", () => {
    const r = mutate(base, (x) => {
      x.narrative.changes[1].current = "1000.10";
      x.narrative.basicExpenditure!.public = "141.00";
      x.appendix.performanceSheets[0].totalScore = "90";
      x.narrative.budgetExecution!.items[0].final = "610.00";
    });
    const comparisons = auditReport(r).filter(
      (f) => f.expected !== undefined && f.found !== undefined && !f.rule.startsWith("EXEC_RATE"),
    );
    expect(comparisons.length).toBeGreaterThan(4);
    for (const f of comparisons) {
      expect(f.locations.length, f.rule).toBeGreaterThanOrEqual(2);
      for (const l of f.locations) expect(l.label).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  test("a report that is all structure and no figures raises no errors", () => {
    const r = mutate(base, (x) => {
      for (const t of x.tables) for (const row of t.rows) row.values = {};
      x.narrative = { changes: [], shares: [] };
      x.appendix = { performanceSheets: [] };
    });
    expect(auditReport(r).filter((f) => f.severity === "error")).toEqual([]);
  });
});
